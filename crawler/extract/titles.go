package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file cuts a question's text into its title (the first sentence, kept
// short) and the rest, and holds the small sentence and letter-case helpers
// the splitter reads lines with.

// maxTitle is the longest question title, in characters; a longer question
// is cut at a word and given whole in its body.
const maxTitle = 200

// minTitle is the length under which a question's first sentence does not
// make a title on its own.
const minTitle = 40

// sentence reports whether s reads as a sentence: it ends with a full stop
// or holds one between sentences.
func sentence(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "..") || strings.Contains(s, ". ")
}

// titleAbbrev lists words after which a full stop does not end a sentence.
var titleAbbrev = map[string]bool{"e.g": true, "eg": true, "i.e": true, "ie": true, "vs": true, "etc": true, "no": true,
	"approx": true, "mr": true, "dr": true, "st": true, "fig": true, "ex": true, "viz": true, "sr": true, "jr": true}

// leadInRE is a yes-or-no question that leads in to the ask after it:
// "Have you used Git? Explain how a merge works."
var leadInRE = regexp.MustCompile(`(?i)^(?:have|do|did|are|were)\s+you\s+(?:ever\s+)?(?:used|heard|know|worked|familiar|seen|tried|read|aware|played)\b`)

// splitTitle splits a question's text into its title, the first sentence
// (cut at a word when longer than maxTitle), and the rest. A question that
// had to be cut is given whole in the rest.
func splitTitle(s string) (title, rest string) {
	s = strings.TrimSpace(s)
	if cut := sentenceEnd(s); cut > 0 {
		title, rest = strings.TrimSpace(s[:cut]), strings.TrimSpace(s[cut:])
		// A first sentence that only sets the scene ("Given a binary
		// tree.", "Have you used a wiki?") takes the next one too.
		if utf8.RuneCountInString(title) < minTitle && (!strings.HasSuffix(title, "?") || leadInRE.MatchString(title)) && rest != "" {
			t2, r2 := splitTitle(rest)
			if !strings.HasSuffix(t2, "…") && utf8.RuneCountInString(title)+1+utf8.RuneCountInString(t2) <= maxTitle {
				title, rest = title+" "+t2, r2
			}
		}
	} else {
		title = s
	}
	if utf8.RuneCountInString(title) > maxTitle {
		r := []rune(title)
		t := string(r[:maxTitle])
		if sp := strings.LastIndex(t, " "); sp > maxTitle/2 {
			t = t[:sp]
		}
		return strings.TrimRight(t, " ,;:") + "…", s
	}
	return title, rest
}

// firstSentence splits s into its first sentence and the rest.
func firstSentence(s string) (first, rest string) {
	s = strings.TrimSpace(s)
	if cut := sentenceEnd(s); cut > 0 {
		return strings.TrimSpace(s[:cut]), strings.TrimSpace(s[cut:])
	}
	return s, ""
}

// sentenceEnd returns where the first sentence of s ends (after its
// full stop, question or exclamation mark, before a capital), or -1.
func sentenceEnd(s string) int {
	cut := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		j := i + 1
		for j < len(s) && (s[j] == '?' || s[j] == '!' || s[j] == '.') {
			j++
		}
		if j >= len(s) {
			break
		}
		if s[j] != ' ' {
			continue
		}
		k := j
		for k < len(s) && s[k] == ' ' {
			k++
		}
		if k >= len(s) {
			break
		}
		r, _ := utf8.DecodeRuneInString(s[k:])
		if !(unicode.IsUpper(r) || unicode.IsDigit(r) || r == '(' || r == '"' || r == '“') {
			continue
		}
		if c == '?' && i > 0 && s[i-1] == ' ' && unicode.IsDigit(r) {
			continue // "turn 1 ? 0": a symbol the page lost, between numbers
		}
		if c == '.' {
			w := s[:i]
			if sp := strings.LastIndexAny(w, " ("); sp >= 0 {
				w = w[sp+1:]
			}
			if titleAbbrev[strings.ToLower(w)] || len(w) == 1 {
				continue
			}
		}
		if i < 12 { // too short to be the whole question ("Q. Two.")
			continue
		}
		cut = j
		break
	}
	return cut
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// titleCase capitalises each word of s.
func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		words[i] = upperFirst(w)
	}
	return strings.Join(words, " ")
}

func endsSentence(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!")
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(s))
	return unicode.IsLower(r)
}
