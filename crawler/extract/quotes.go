package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// This file reads the questions a post quotes in its story: "It started
// with a small chat and a “Tell me about yourself”.", "Lots of questions
// like “Give me an example of a conflict in your team”". A quote that
// reads as a question is one, unless the candidate says it ("I said,
// “…”").

var (
	// quotedRE is a quote in a line, in curly or straight double quotes;
	// the quoted text is group 1. A quote typed with an opening mark at
	// both ends (“Find the kth element from the end “) is closed by the
	// second, when a space, a mark or the line's end follows it.
	quotedRE = regexp.MustCompile(`[“"]([^“”"]{2,300})(?:[”"]|“(?:[\s.,;:?!)(]|$))`)
	// candidateSaysRE ends the words before a quote that make it the
	// candidate's own: "I said,", "I told him", "my answer was".
	candidateSaysRE = regexp.MustCompile(`(?i)(?:\b(?:i|we)\s+(?:\w+\s+)?(?:said|say|says|told|tell|replied|answered|asked|explained|mentioned|wrote|gave)\b|\bmy (?:answer|reply|response)\b)[^“”"]*$`)
	// turnRE is the interviewer giving the candidate their turn to ask,
	// which is no interview question: “Do you have any questions for me?”
	turnRE = regexp.MustCompile(`(?i)\bany (?:\w+\s+)?questions?\s+for\s+(?:me|us)\b`)
	// questionWasRE is a question given as a quote after a lead, then the
	// candidate's answer: "The first question was, “What are trees?” I
	// said, …". The quote is group 1, what follows group 2.
	questionWasRE = regexp.MustCompile(`(?i)^(?:the\s+)?(?:(?:first|second|third|next|last|1st|2nd|3rd)\s+)?(?:question|problem|ask)\s+(?:was|is)\s*[,:\-–]?\s*[“"]([^“”"]{2,300})[”"]\s*(.*)$`)
)

// quotedAsks returns the questions quoted in the sentence s, in order.
func quotedAsks(s string) []string {
	var out []string
	prev := 0
	for _, m := range quotedRE.FindAllStringSubmatchIndex(s, -1) {
		before := s[prev:m[0]]
		prev = m[1]
		if candidateSaysRE.MatchString(before) {
			continue // "I said, “…”"
		}
		q := strings.TrimSpace(s[m[2]:m[3]])
		if (len(strings.Fields(q)) >= 3 || strings.HasSuffix(q, "?") && utf8.RuneCountInString(q) >= 8) &&
			questionLike(q) && !turnRE.MatchString(q) {
			out = append(out, upperFirst(q))
		}
	}
	return out
}

// questionWas splits a line that gives its question as a quote after a
// lead ("The first question was, “What are trees?” I said, …") into the
// question and the rest; ok is false for any other line.
func questionWas(s string) (question, rest string, ok bool) {
	m := questionWasRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil || !questionLike(m[1]) {
		return "", "", false
	}
	return strings.TrimSpace(m[1]), strings.TrimSpace(m[2]), true
}
