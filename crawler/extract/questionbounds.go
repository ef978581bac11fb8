package extract

import (
	"regexp"
	"strings"

	"github.com/askedat/askedat"
)

// This file decides where a section's questions start and end: how the
// section numbers them, whether a numbered line goes on a list inside the
// question so far, and which lines after a question are no longer part of it.

// sectionMarker decides how a section marks its questions.
func sectionMarker(s part, lastNum int) marker {
	var q, num, weak, item, letter int
	weakRun := 0
	for _, l := range s.lines {
		switch l.mark {
		case qMark:
			q++
		case numMark:
			if l.num == 1 || l.num == lastNum+1 || num > 0 {
				num++
			}
		case weakMark:
			if l.num == weakRun+1 {
				weakRun++
				if weakRun >= 2 {
					weak = weakRun
				}
			}
		case itemMark:
			item++
		case letterMark:
			if l.num == 1 || letter > 0 {
				letter++
			}
		}
	}
	switch {
	case q > 0:
		return qMark
	case num > 0:
		return numMark
	case item > 0:
		return itemMark
	case letter > 1:
		return letterMark
	case weak > 0:
		return weakMark
	}
	return noMark
}

// stepOf reports whether the numbered line l goes on a list inside the
// question so far (body) rather than numbering the next question: a line
// of the body is numbered l.num-1 the way l is ("2." before "3."), or the
// body has an example, input or answer in l's paragraph.
func stepOf(body []block, l qline) bool {
	for _, b := range body {
		if m := numRE.FindStringSubmatch(b.text); m != nil && atoi(m[1]) == l.num-1 && strings.TrimSpace(m[2]) == l.sep {
			return true
		}
		if b.node == l.node && labelRE.MatchString(b.text) {
			return true
		}
	}
	return false
}

// inItem reports whether b is inside the list item that q starts.
func inItem(b, q block) bool {
	return q.li != nil && b.node != q.node && isAncestor(q.li, b.node)
}

// introducesList reports whether the question so far ends with a line that
// introduces a list ("… with these operations:"), so a list that follows
// is part of it.
func introducesList(body []block, q qline) bool {
	last := q.text
	if len(body) > 0 {
		last = body[len(body)-1].text
	}
	last = strings.TrimSpace(last)
	return strings.HasSuffix(last, ":") || strings.HasSuffix(last, "–") || strings.HasSuffix(last, "-")
}

// sameParagraph reports whether the question so far is one paragraph.
func sameParagraph(body []block, q qline) bool {
	return len(body) == 0 || body[len(body)-1].node == q.node
}

// processRE is a line that tells how the interview went on rather than
// anything of a question: the candidate's turn to ask, waiting for the
// result, the call for the next round.
var processRE = regexp.MustCompile(`(?i)\bif (?:i|we) (?:had|have) any (?:\w+\s+)?questions?\b|\bany questions? for (?:him|her|them|me|us)\b|` +
	`\bmy turn to ask\b|\bwait(?:ed|ing)? for (?:the |my )?results?\b|\b(?:called|selected|shortlisted) for (?:the )?next round\b|` +
	`\b(?:got|received) (?:a |the )?(?:call|mail|e-?mail)\b`)

// endsQuestion reports whether the line l, after the question that starts
// with q, is no longer part of it: a story line in a paragraph of its own,
// or a line of any paragraph that tells how the interview went on.
func endsQuestion(l, q qline, kind marker) bool {
	if l.label || l.pre {
		return false
	}
	if processRE.MatchString(l.text) {
		return true // "Then he asked if I had any questions.": the round goes on, not the question
	}
	if l.li != nil || l.node == q.node {
		return false
	}
	if kind == itemMark && q.li != nil && !isAncestor(q.li, l.node) {
		return true
	}
	if narrativeRE.MatchString(l.text) && !askedRE.MatchString(l.text) {
		return true
	}
	return kind == noMark && !questionLike(l.text)
}

// aboveRE is a question that points back at the one before it: "Give a
// schedule for the above modules", "Solve the previous problem without
// extra space". "Numbers above 10" points nowhere.
var aboveRE = regexp.MustCompile(`(?i)\b(?:the\s+)?above\s+(?:(?:given|mentioned|said)\s+)?(?:[a-z]+\s+)?(?:modules?|questions?|problems?|code|program|solution|approach|example|scenario|input|tasks?|data|list|tree|array|string|graph|matrix)\b|\b(?:the\s+)?(?:previous|same)\s+(?:question|problem)\b`)

// ownAskRE is a question that, though it points back, asks one of its
// own: a variant or an extension ("Variation of the above problem: the
// end is not known"), or one that states its input itself ("Given a huge
// array on 100 computers, find the median of the above array").
var ownAskRE = regexp.MustCompile(`(?i)\b(?:variation|variant|extension|extend|follow[- ]?up|optimi[sz]|modif|twist|instead)|^(?:given|you are given|there (?:is|are)|implement|design)\b`)

// asksAnew reports whether the line l, in the body of the question that
// opened with q, opens with an ask of its own: "He asked me to design an
// LRU cache." after "How to minimize page faults?" is the next question,
// not the story of that one. An ask that names what the question named
// ("Then he asked me to find the start and end of the subarray") or
// points back at it is more of it.
func asksAnew(l, q qline) bool {
	if l.label || l.pre || l.mark != noMark {
		return false
	}
	cs := clauses(l.text)
	if len(cs) == 0 {
		return false
	}
	ask, kind := markedAsk(cs[0])
	return kind == newAsk && taskRE.MatchString(ask) && !whyAskRE.MatchString(cs[0]) && !sharesName(askedat.Question{Title: q.text}, ask)
}

// taskRE is an ask that sets a task of its own ("design an LRU cache",
// "find the kth node"), where "do it without extra space" or "modify the
// code" only asks more of the one before.
var taskRE = regexp.MustCompile(`(?i)^(?:design|implement|find|write|check|print|reverse|sort|count|build|convert|merge|detect|determine|compute|calculate|search|serialize|clone|rotate|solve the problem of)\b`)
