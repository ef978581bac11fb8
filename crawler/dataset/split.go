package dataset

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// apply cuts each of items as s says and returns the pieces, tidied:
// trimmed, without a leading number or bullet, and only those with a
// letter or digit. With Lines, a line that is a heading ("Core Java:", at
// most four words ending with a colon) is not an item. A nil s only tidies.
func (s *Split) apply(items []string) []string {
	var out []string
	for _, item := range items {
		pieces := []string{item}
		if s != nil {
			if s.Lines {
				pieces = cutEach(pieces, splitLines)
			}
			if s.Separator != "" {
				pieces = cutEach(pieces, func(p string) []string { return strings.Split(p, s.Separator) })
			}
			if s.Numbering {
				pieces = cutEach(pieces, splitNumbered)
			}
			if s.Questions {
				pieces = cutEach(pieces, splitAfterQuestionMarks)
			}
			if s.Sentences {
				pieces = cutEach(pieces, splitSentences)
			}
		}
		for _, p := range pieces {
			if p = tidyItem(p); p != "" && !(s != nil && s.Lines && isHeading(p)) {
				out = append(out, p)
			}
		}
	}
	return out
}

// isHeading reports whether an item is a heading of the items after it:
// at most four words, ending with a colon.
func isHeading(s string) bool {
	return strings.HasSuffix(s, ":") && len(strings.Fields(s)) <= 4
}

func cutEach(pieces []string, cut func(string) []string) []string {
	var out []string
	for _, p := range pieces {
		out = append(out, cut(p)...)
	}
	return out
}

func splitLines(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == '\u2028' })
}

// numberedItem finds where an item number starts: "1." "2)" "3:" "Q4)"
// "Q.5" at the start or after a space, followed by a space.
var numberedItem = regexp.MustCompile(`(?:^|\s)(?:[Qq]\.?\s?)?(\d{1,2})[.):]\s`)

// splitNumbered cuts s before each item number, when the numbers count up
// from 1 (or continue from the first one found at the start): "1. a 2. b"
// is two items, "uses version 2. then" is not cut.
func splitNumbered(s string) []string {
	locs := numberedItem.FindAllStringSubmatchIndex(s, -1)
	var cuts []int
	want := 0
	for _, l := range locs {
		n, _ := strconv.Atoi(s[l[2]:l[3]])
		start := l[0]
		if start > 0 || unicode.IsSpace(rune(s[start])) {
			start++ // keep the space before the number with the previous item
		}
		switch {
		case want == 0 && strings.TrimSpace(s[:l[0]]) == "":
			want = n + 1 // the first item, at the start
		case want == 0 && n == 1:
			cuts = append(cuts, start)
			want = 2
		case want != 0 && n == want:
			cuts = append(cuts, start)
			want++
		}
	}
	if len(cuts) == 0 {
		return []string{s}
	}
	var out []string
	prev := 0
	for _, c := range cuts {
		out = append(out, s[prev:c])
		prev = c
	}
	return append(out, s[prev:])
}

// splitAfterQuestionMarks cuts s after each "?" that text follows.
func splitAfterQuestionMarks(s string) []string {
	var out []string
	for {
		i := strings.IndexByte(s, '?')
		if i < 0 {
			break
		}
		j := i + 1
		for j < len(s) && (s[j] == '?' || s[j] == '!') {
			j++ // "??", "?!"
		}
		if hasWord(s[j:]) {
			out = append(out, s[:j])
			s = s[j:]
			continue
		}
		break
	}
	return append(out, s)
}

// abbreviations end with a dot that does not end a sentence.
var abbreviations = map[string]bool{"e.g": true, "i.e": true, "etc": true, "vs": true, "mr": true, "mrs": true,
	"ms": true, "dr": true, "no": true, "approx": true, "b.tech": true, "m.tech": true, "b.e": true, "st": true}

// splitSentences cuts s after ". " or "! " when a capital letter follows
// and the word before is not an abbreviation or a single letter ("B. Tech").
func splitSentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s)-2; i++ {
		if (s[i] != '.' && s[i] != '!') || s[i+1] != ' ' {
			continue
		}
		j := i + 1
		for j < len(s) && s[j] == ' ' {
			j++
		}
		r, _ := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsUpper(r) {
			continue
		}
		word := lastWord(s[start:i])
		if len([]rune(word)) <= 1 || abbreviations[strings.ToLower(word)] {
			continue
		}
		out = append(out, s[start:i+1])
		start = j
		i = j - 1
	}
	return append(out, s[start:])
}

func lastWord(s string) string {
	s = strings.TrimRight(s, " ")
	if i := strings.LastIndexAny(s, " \t(\"'"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// leadingMark matches an item's number or bullet: "1." "2)" "Q3:" "-" "•"
// "*" "Question 4:". A number's mark must be followed by a space or a
// character other than a digit (group 1, kept), so "10:30" is not one.
var leadingMark = regexp.MustCompile(`^\s*(?:(?:[Qq](?:uestion)?\.?\s?)?\d{1,2}\s?[.):](?:\s+|([^\d\s]))|[-•*·▪►–]\s*)`)

// tidyItem trims an item, removes its leading number or bullet, and
// returns "" for one without a letter or digit.
func tidyItem(s string) string {
	s = strings.TrimSpace(s)
	if t := leadingMark.ReplaceAllString(s, "$1"); hasWord(t) {
		s = t
	}
	s = strings.TrimSpace(strings.TrimRight(s, ",;"))
	if !hasWord(s) {
		return ""
	}
	return s
}

func hasWord(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}
