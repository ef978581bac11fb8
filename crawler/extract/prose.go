package extract

import (
	"net/url"
	"regexp"
	"strings"

	"askedat/index"
)

// This file reads the questions of a post told in prose: "In the first
// technical round I was asked to check whether a tree is complete. It also
// included a question like to find whether a number is a power of 2." Only
// lines no question claimed are read so (a numbered or listed question
// keeps its story as its body), and only what a sentence marks as asked
// is taken, never a sentence for reading as a task alone.

var (
	// proseRoundRE is a paragraph that opens by naming a round in
	// passing: "In the first technical round I was asked …", "The 2nd
	// technical round had questions like …". The round is group 1, the
	// rest of the line group 2.
	proseRoundRE = regexp.MustCompile(`(?i)^(?:in\s+)?(?:the\s+)?((?:\d\s*(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|final|last)\s+(?:[\w-]+\s+){0,2}?round)\b\s*[,:\-–]?\s+(\S.{20,})$`)

	// The ways a sentence marks what was asked; the ask is group 1.
	askMarkREs = []*regexp.Regexp{
		// "I was asked to check whether …"
		regexp.MustCompile(`(?i)\b(?:i|we)\s+(?:was|were)\s+(?:then\s+|also\s+)?asked\s+to\s+(.+)$`),
		// "And then he asked me to find all …", "he told me to implement …"
		regexp.MustCompile(`(?i)\b(?:he|she|they|the interviewer|interviewer)\s+(?:then\s+|also\s+|again\s+)?(?:asked|told)\s+(?:me|us)\s+to\s+(.+)$`),
		// "questions like what is a symmetric number", "a question like to find …"
		regexp.MustCompile(`(?i)\bquestions?\s+like\s+(?:to\s+)?(.+)$`),
		// "asked me the problem of finding …", "the popular dynamic
		// programming problem of cutting sticks …"
		regexp.MustCompile(`(?i)\b(?:problem|question)\s+of\s+(.+)$`),
		// "The first one was finding-next-greater-element …", "Second
		// question was easy, find max(…) …"
		regexp.MustCompile(`(?i)^(?:the\s+)?(?:first|second|third|1st|2nd|3rd)\s+(?:one|question|problem)\s+was\s+(?:(?:easy|simple|hard|tough)\s*,\s*)?(.+)$`),
	}
	// namedProblemRE is a sentence that names the problem asked and
	// states it in the sentences after it: "The 3rd round consisted of a
	// string compression problem."; the name is group 1.
	namedProblemRE = regexp.MustCompile(`(?i)\b(?:consisted of|had|was|gave me|asked me)\s+(?:a|an|the|one)\s+((?:[\w-]+\s+){1,4}(?:problem|puzzle))\s*[.:]?$`)
	// announceRE is a sentence that announces a problem stated in the
	// sentence after it: "Then he gave me another problem."
	announceRE = regexp.MustCompile(`(?i)\b(?:gave|asked)\s+(?:me|us)\s+(?:another|a|one more|the next|a new)\s+(?:problem|question)\s*[.:]?$`)
	// weakAskRE is an ask that says nothing of its own: it points back
	// ("write the code of it", "explain my approach") or is not a
	// question ("a math question", "easy").
	weakAskRE = regexp.MustCompile(`(?i)^(?:a|an|the|easy|simple|hard|tough|very|quite|also|not|wait|stop|come|go)\b|^(?:\S+\s+){0,8}?(?:it|this|both|same|my (?:approach|solution|answer|code|logic|idea))\b|` +
		`\b(?:it|this|that|them|same|those|these)(?:\s+(?:myself|again|too|also))?\s*[.?!]?$|` +
		// or is about how to answer, not what: "write the full production
		// level code", "code the O(n log n) approach", "tell the approach only"
		`^(?:write|code|solve|improve|send|tell|think|appear|further|give|dry run|optimi[sz]e|explain)\b[^.?]*\b(?:code|coding|approach|solution|efficiency|shot|snapshot|interview|questions|problems|paper|corner cases|edge cases|best one)\b`)
	// askEndRE ends the ask in its sentence: what follows is how it went.
	askEndRE = regexp.MustCompile(`(?i)\s+(?:and then|and also|and after|but|so that i|after which)\s+|\.\s|\s+–\s+you\b`)
	// candidateAsksRE is the candidate asking the interviewer: what
	// follows is not an interview question.
	candidateAsksRE = regexp.MustCompile(`(?i)\b(?:i|we)\s+(?:also\s+|then\s+)?ask(?:ed)?\b`)
)

// proseAsks returns the questions the prose line l marks as asked, in
// order, each with its sentence's rest as its body.
func proseAsks(l qline, base *url.URL) []index.Question {
	if l.label || l.pre || l.mark != noMark {
		return nil
	}
	sents := sentences(l.text)
	var qs []index.Question
	for i := 0; i < len(sents); i++ {
		s := sents[i]
		if m := namedProblemRE.FindStringSubmatch(s); m != nil {
			var body []string
			for i+1 < len(sents) && !askMarked(sents[i+1]) {
				i++
				body = append(body, sents[i])
			}
			qs = append(qs, index.Question{Title: upperFirst(m[1]), Body: strings.Join(body, " ")})
			continue
		}
		if announceRE.MatchString(s) && i+1 < len(sents) && questionLike(sents[i+1]) {
			i++
			title, rest := splitTitle(sents[i])
			qs = append(qs, index.Question{Title: title, Body: rest})
			continue
		}
		if ask, ok := markedAsk(s); ok {
			title, rest := splitTitle(ask)
			qs = append(qs, index.Question{Title: title, Body: rest})
		}
	}
	for i := range qs {
		if u := plainURLRE.FindString(qs[i].Title); u != "" {
			qs[i].URL = pageLink(strings.TrimRight(u, ".,;:)>]"), base)
		}
	}
	return qs
}

// askMarkedText reports whether some sentence of s marks something as
// asked.
func askMarkedText(s string) bool {
	for _, sent := range sentences(s) {
		if askMarked(sent) {
			return true
		}
	}
	return false
}

// askMarked reports whether the sentence s marks something as asked.
func askMarked(s string) bool {
	_, ok := markedAsk(s)
	return ok || namedProblemRE.MatchString(s) || announceRE.MatchString(s)
}

// markedAsk returns what the sentence s marks as asked, up to where the
// sentence goes on to tell how it went, or false.
func markedAsk(s string) (string, bool) {
	for _, re := range askMarkREs {
		m := re.FindStringSubmatchIndex(s)
		if m == nil {
			continue
		}
		if candidateAsksRE.MatchString(s[:m[0]]) {
			continue // "Then I asked him questions like …"
		}
		ask := strings.TrimSpace(s[m[2]:m[3]])
		ask = strings.TrimSpace(strings.TrimLeft(strings.TrimPrefix(ask, "to "), "–—-: ")) // "asked to to return …"
		if e := askEndRE.FindStringIndex(ask); e != nil {
			ask = strings.TrimSpace(ask[:e[0]])
		}
		if i := strings.Index(ask, ": "); i > 0 && len(strings.Fields(ask[:i])) <= 3 {
			ask = strings.TrimSpace(ask[i+2:]) // "question of my interview: Add 1 to …"
		}
		ask = strings.TrimRight(ask, " ,;:")
		if len(strings.Fields(ask)) < 4 || weakAskRE.MatchString(ask) || forgotRE.MatchString(ask) {
			continue
		}
		if !endsSentence(ask) {
			ask += "."
		}
		return upperFirst(ask), true
	}
	return "", false
}

// sentences splits a line into its sentences, where splitTitle would cut
// a title.
func sentences(s string) []string {
	var out []string
	for s = strings.TrimSpace(s); s != ""; {
		first, rest := firstSentence(s)
		out = append(out, first)
		s = rest
	}
	return out
}
