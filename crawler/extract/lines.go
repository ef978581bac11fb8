package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/askedat/askedat"
)

// This file reads a free-text post's blocks as the splitter's lines: each a
// heading (a round's name, alone or before its first question), or a line
// marked as a question starts ("Q1.", "2)", "b.", a list item), or a plain
// line; and it groups the lines under their headings.

var (
	// qMarkRE is a question marked as such: "Q1.", "Q 2)", "Ques 3:",
	// "Question 4", "Qn5 -", "Problem 2:", "Program 1:". The number is group 1, the
	// question (maybe empty) group 2.
	qMarkRE = regexp.MustCompile(`(?i)^(?:q|ques|quest|question|qn|qs|prob|problem|program|coding question|coding problem)\s*(?:no\.?\s*)?[#.\-]?\s*(\d{1,2})\s*(?:[.):\]–—-]+|\s|$)\s*(.*)$`)
	// numRE is a numbered line: "1.", "2)", "3:", "4->", "5 - ". A "1.5
	// years" is not one.
	numRE = regexp.MustCompile(`^\(?(\d{1,2})\s*([.)\]:]|->|\s[-–—]\s|[-–—]>)\s*(.*)$`)
	// dottedRE is a question numbered within its round: "4.2 Building
	// bridges", "1.1) Check …". The round is group 1, the number group 2.
	dottedRE = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})\s*[.)]?\s+([A-Za-z(“"'].*)$`)
	// weakNumRE is a number before a word with no separator or a bare dash:
	// "1 Implement", "2-Quick sort". Taken only in a run 1, 2, …
	weakNumRE = regexp.MustCompile(`^(\d{1,2})\s*[-–]?\s*([A-Za-z].*)$`)

	// letterRE is a line lettered "A)", "b.": questions counted in letters.
	letterRE = regexp.MustCompile(`^\(?([A-Ha-h])\s*[).]\s+(\S.*)$`)

	// labelRE starts a line that explains a question: its example, answer,
	// hint, constraints. Such a line is never a question or a heading.
	labelRE = regexp.MustCompile(`(?i)^(?:ans(?:wer)?s?|sol(?:ution)?s?|output|input|o/p|i/p|examples?|ex|eg|e\.g|e\.g\.|for ex(?:ample)?|hint|note|explanation|approach|expected(?: output)?|constraints?|follow[- ]?ups?|sub[- ]?questions?|given|time complexity|space complexity|complexity|(?:sample )?test cases?|sample (?:input|output)|my approach|my answer|idea|code|pseudo ?code|reference|link|result|verdict)\s*\d*\s*(?:[:\-–.)]|$)`)
	// stripRE is a label before a question's own text, cut off it.
	stripRE = regexp.MustCompile(`(?i)^(?:problem(?:\s+statement)?|question|task|ques|[\w ]{0,24}\bquestions?)\s*[:\-–]+\s*`)

	// ordinalRE is an ordinal alone, which before a colon numbers a
	// question ("First: …").
	ordinalRE = regexp.MustCompile(`(?i)^(?:first|second|third|fourth|fifth|sixth|1st|2nd|3rd|4th|5th|6th)$`)
)

// A marker is how a line starts a question.
type marker int

const (
	noMark     marker = iota
	qMark             // "Q1.", "Question 2"
	numMark           // "1.", "2)"
	weakMark          // "1 Find", "2-Sort"
	itemMark          // the first line of a list item
	letterMark        // "A) Find", "b. Sort"
)

// A qline is one line of a post as the splitter reads it.
type qline struct {
	block
	text    string // the line's text without a heading cut off its front
	heading string // the heading the line is, or ""
	mark    marker
	num     int    // the number of a numbered line
	sep     string // what follows the number: ".", ")", "->"
	rest    string // the text after the marker
	label   bool   // an example, answer or hint line
}

// A part is the lines under one heading of a post.
type part struct {
	heading string
	node    *html.Node // the paragraph the heading is in
	lines   []qline
	// intro is the part before a post's first heading: its list items
	// may tell the process ("Code debugging (20 min)") rather than ask.
	intro bool
}

// sections reads the lines of bs and groups them under their headings.
func sections(bs []block) []part {
	secs := []part{{}}
	add := func(l qline) {
		s := &secs[len(secs)-1]
		s.lines = append(s.lines, l)
	}
	for _, b := range bs {
		for _, l := range readLine(b) {
			if l.heading == "" {
				add(l)
				continue
			}
			// "Round 4:" and on the next line of the paragraph "Hiring
			// Manager round" name one round.
			if last := &secs[len(secs)-1]; last.heading != "" && len(last.lines) == 0 && last.node == l.node &&
				roundStartRE.FindString(last.heading) == last.heading && !numberedRound(l.heading) &&
				isRoundName(l.heading) && !subHeadingRE.MatchString(l.heading) && capitalised(l.heading) && len(strings.Fields(l.heading)) <= 6 {
				last.heading += ": " + l.heading
				continue
			}
			secs = append(secs, part{heading: l.heading, node: l.node})
		}
	}
	if len(secs[0].lines) == 0 && len(secs) > 1 {
		secs = secs[1:]
	}
	return secs
}

// readLine reads one block as a line, or as a heading and the line after
// it when the block starts with a round's name ("Round 1: Find …").
func readLine(b block) []qline {
	t := strings.TrimLeft(b.text, "*•·>»–- \u00a0")
	if t == "" {
		t = b.text
	}
	l := qline{block: b, text: t}
	if b.pre {
		l.label = true
		return []qline{l}
	}
	if m := qMarkRE.FindStringSubmatch(t); m != nil && !labelRE.MatchString(t) {
		l.mark, l.num, l.rest = qMark, atoi(m[1]), m[2]
		return []qline{l}
	}
	if labelRE.MatchString(t) {
		l.label = true
		return []qline{l}
	}
	firstOfItem := b.li != nil && b.first
	// A numbered round in bold: "<b>2. Telephonic Round</b>".
	if b.heading > 0 || b.bold || b.lead != "" {
		bold := t
		if !b.bold && b.heading == 0 {
			bold = strings.TrimLeft(b.lead, "*•·>»–- ")
		}
		if m := numRE.FindStringSubmatch(bold); m != nil && isRoundName(headingText(m[3])) {
			rest := strings.TrimSpace(strings.TrimPrefix(t, bold))
			if rest == "" || short(rest) {
				return []qline{{block: b, heading: headingText(m[3] + " " + rest)}}
			}
			return append([]qline{{block: b, heading: headingText(m[3])}}, readRest(b, rest)...)
		}
	}
	// A heading by its looks: a heading element or a line all in bold.
	if (b.heading > 0 || b.bold) && utf8.RuneCountInString(t) <= 100 {
		h := headingText(t)
		if h != "" && (isRoundName(h) || !firstOfItem && (!questionLike(h) || strings.HasSuffix(h, "?")) && numRE.FindStringSubmatch(h) == nil) {
			l.heading = h
			return []qline{l}
		}
	}
	// A bold lead: "<b>Round 2:</b> onsite", "<b>Problem:</b> Given …".
	if b.lead != "" {
		lead := headingText(b.lead)
		rest := strings.TrimSpace(strings.TrimPrefix(t, strings.TrimLeft(b.lead, "*•·>»–- ")))
		switch {
		case ordinalRE.MatchString(lead) && rest != "":
			// "<b>First:</b> some people stand in a queue …": a question.
			return []qline{{block: b, text: rest, mark: qMark, num: 1, rest: rest}}
		case lead != "" && rest != "" && (isRoundName(lead) || strings.HasSuffix(strings.TrimSpace(b.lead), ":") && !stripRE.MatchString(b.lead) && utf8.RuneCountInString(lead) <= 40 && !questionLike(lead)):
			if short(rest) {
				return []qline{{block: b, heading: headingText(t)}}
			}
			return append([]qline{{block: b, heading: lead}}, readRest(b, rest)...)
		}
	}
	// A heading by its words: "Round 1", "Telephonic round:"; or a list
	// item that names a round and lists its questions.
	if h := headingText(t); h != "" && (!firstOfItem && isRoundHeading(h, t) || firstOfItem && isRoundName(h) && holdsList(b.li)) {
		l.heading = h
		return []qline{l}
	}
	if h := headingText(t); strings.HasSuffix(strings.TrimSpace(t), ":") && h != "" && len(strings.Fields(h)) <= 4 && notesRE.MatchString(h) {
		l.heading = h // "Tips:" over a list of advice
		return []qline{l}
	}
	if m := proseRoundRE.FindStringSubmatch(t); m != nil && !firstOfItem && b.li == nil && sentence(t) && askMarkedText(m[2]) {
		// "In the first technical round I was asked to …"
		return []qline{{block: b, heading: upperFirst(headingText(m[1]))}, {block: b, text: m[2]}}
	}
	if m := roundPrefixRE.FindStringSubmatch(t); m != nil && !firstOfItem {
		if short(m[2]) {
			return []qline{{block: b, heading: headingText(t)}}
		}
		return append([]qline{{block: b, heading: headingText(m[1])}}, readRest(b, m[2])...)
	}
	return []qline{numbered(l)}
}

// readRest reads the text after a heading on the same line.
func readRest(b block, rest string) []qline {
	l := qline{block: b, text: rest}
	if m := qMarkRE.FindStringSubmatch(rest); m != nil {
		l.mark, l.num, l.rest = qMark, atoi(m[1]), m[2]
		return []qline{l}
	}
	return []qline{numbered(l)}
}

// numbered marks l when it starts with a number.
func numbered(l qline) qline {
	if m := numRE.FindStringSubmatch(l.text); m != nil && short(m[3]) && isRoundName(headingText(m[3])) &&
		len(strings.Fields(m[3])) <= 4 && !subHeadingRE.MatchString(m[3]) {
		l.heading = headingText(m[3]) // "1) Written round": a list of the rounds
		return l
	}
	if m := dottedRE.FindStringSubmatch(l.text); m != nil {
		// "4.2 Building bridges": question 2 of round 4.
		l.mark, l.num, l.sep, l.rest = numMark, atoi(m[2]), m[1]+".", m[3]
	} else if m := numRE.FindStringSubmatch(l.text); m != nil && !(m[2] == "." && startsWithDigit(m[3])) {
		l.mark, l.num, l.sep, l.rest = numMark, atoi(m[1]), strings.TrimSpace(m[2]), m[3]
	} else if m := letterRE.FindStringSubmatch(l.text); m != nil && !titleAbbrev[strings.ToLower(m[1])] {
		l.mark, l.num, l.sep, l.rest = letterMark, int(unicode.ToLower(rune(m[1][0]))-'a')+1, ")", m[2]
	} else if m := weakNumRE.FindStringSubmatch(l.text); m != nil {
		l.mark, l.num, l.rest = weakMark, atoi(m[1]), m[2]
	} else if s := stripRE.FindString(l.text); s != "" && len(s) < len(l.text) && !genericQuestionsRE.MatchString(l.text) {
		l.text = l.text[len(s):]
	}
	if l.li != nil && l.first && l.mark == noMark {
		l.mark = itemMark
		l.rest = l.text
	}
	return l
}

// short reports whether s, after a round's name, is more of the name
// ("Round 2 – Face to face") rather than a question or a story.
func short(s string) bool {
	s = strings.TrimSpace(s)
	return utf8.RuneCountInString(s) <= 40 && !questionLike(s) && !strings.ContainsAny(strings.TrimRight(s, ".) "), ".?!") &&
		qMarkRE.FindStringSubmatch(s) == nil && numRE.FindStringSubmatch(s) == nil
}

// headingText tidies a heading: no bullets, no colon or dash at its end.
func headingText(s string) string {
	s = strings.Trim(askedat.CleanSpace(s), "*•·:–—-=#_ \u00a0")
	return strings.TrimSpace(s)
}

// holdsList reports whether n holds a list.
func holdsList(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Ol || c.DataAtom == atom.Ul) || holdsList(c) {
			return true
		}
	}
	return false
}

// isAncestor reports whether a is n or holds it.
func isAncestor(a, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == a {
			return true
		}
	}
	return false
}

func startsWithDigit(s string) bool {
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
