package extract

import (
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"

	"github.com/askedat/askedat"
)

// This file splits the lines under one heading into questions, by the way
// the section marks them; questionbounds.go decides where each one starts
// and ends.

var (
	// singleRE is a heading over one problem told in several lines.
	singleRE = regexp.MustCompile(`(?i)^(?:the\s+)?(?:problem(?:\s+statement)?|question|puzzle|task)$`)

	// forgotRE is a question the author does not remember.
	forgotRE = regexp.MustCompile(`(?i)^(?:i\s+)?(?:don['’]?t|do not|can['’]?t|cannot|could not|couldn['’]?t)\s+(?:remember|recall)\b|^(?:not remembered|forgot(?:ten)?)\b`)

	// goesOnRE starts a line that goes on with the sentence of the line
	// before it.
	goesOnRE = regexp.MustCompile(`^(?:are|and|or|of|in|to|with|from|that|which|but|as|by|on|at|into|than|then|whether)\b`)

	// durationRE is a part of a test given with its time: "Code
	// debugging (20 min)".
	durationRE = regexp.MustCompile(`(?i)\(\s*\d+\s*(?:min|mins|minutes|hrs?|hours?)\b`)
)

// sectionQuestions reads the questions of one section. How the section
// marks its questions decides which lines start one: "Q1." lines if it has
// any, else numbered lines in sequence, else list items, else a run of
// numbers without separators, else lines that read as questions. lastNum
// is the last number taken on the page; a section may go on counting.
func sectionQuestions(s part, base *url.URL, lastNum int) ([]askedat.Question, int) {
	if len(s.lines) > 0 && singleRE.MatchString(s.heading) {
		return singleQuestion(s, base), lastNum
	}
	kind := sectionMarker(s, lastNum)
	var (
		qs      []askedat.Question
		cur     *askedat.Question
		curLine qline
		body    []block
		num     int    // the last number in the section
		subSep  string // the separator of a numbered list inside the question
		curAsk  bool   // cur is an ask without a number, before the numbered ones
		marked  bool   // a question marked as the section marks them has started
		// listNode is the paragraph whose next lines are asks, one a
		// line, after a line that announced them ("They ask,").
		listNode *html.Node
	)
	finish := func() {
		if cur == nil {
			return
		}
		finishQuestion(cur, curLine, body, base)
		if cur.Title != "" && !forgotRE.MatchString(cur.Title) {
			qs = appendOrJoin(qs, *cur)
		}
		cur, body = nil, nil
	}
	for i, l := range s.lines {
		starts := false
		switch kind {
		case qMark:
			starts = l.mark == qMark
		case numMark, weakMark, letterMark:
			starts = l.mark == kind && (l.num == 1 || l.num == num+1 || num == 0 && l.num == lastNum+1 && kind != letterMark || l.num == 0 && cur == nil && kind == numMark) &&
				!(cur != nil && curLine.mark == itemMark && inItem(l.block, curLine.block))
			switch {
			case !starts || cur == nil:
			case subSep != "" && l.sep == subSep && l.mark == numMark:
				starts = false // the list inside the question goes on
			case curAsk:
				// the numbered questions after the unnumbered asks
			case l.mark == numMark && curLine.mark == numMark && l.sep != curLine.sep && stepOf(body, l):
				starts, subSep = false, l.sep // "2.", "3." of an example under "1)"
			case l.num == 1 && (curLine.mark != l.mark || curLine.sep != l.sep || introducesList(body, curLine) && sameParagraph(body, curLine)):
				starts, subSep = false, l.sep // a list inside the question
			}
		case itemMark:
			starts = l.mark == itemMark && !(cur != nil && inItem(l.block, curLine.block)) &&
				!(narrativeRE.MatchString(l.text) && !askedRE.MatchString(l.text) && !strings.Contains(strings.ToLower(l.text), "asked")) &&
				(!s.intro || (questionLike(l.text) || linkOnly(l.block)) && !durationRE.MatchString(l.text))
		case noMark:
			if listNode != nil && l.node == listNode {
				// The asks listed after "They asked," one a line.
				switch {
				case narrativeRE.MatchString(l.text) && !askedRE.MatchString(l.text):
					finish()
					listNode = nil
					continue
				case !listedAsk(l):
					finish() // "Communication was checked.": no ask
					continue
				}
				starts = true
				break
			}
			listNode = nil
			starts = !l.label && (questionLike(l.text) || linkOnly(l.block)) && l.mark == noMark && !followUpLine(l) ||
				l.mark == itemMark && questionLike(l.text)
			if starts && i > 0 && goesOnRE.MatchString(l.text) && s.lines[i-1].node == l.node && !endsSentence(s.lines[i-1].text) {
				starts = false // a sentence that goes on from the line before
			}
			if !starts && asksRE.MatchString(l.text) {
				finish()
				listNode = l.node
				continue
			}
		}
		// A round's questions may open with asks that bear no number
		// ("Tell me about yourself." before "1. …").
		unnumbered := false
		if !starts && !marked && (cur == nil || curAsk) && s.heading != "" && kind != noMark && kind != itemMark && unnumberedAsk(l) {
			starts, unnumbered = true, true
		}
		if starts {
			finish()
			subSep = ""
			curAsk, marked = unnumbered, marked || !unnumbered
			if l.mark == numMark || l.mark == weakMark || l.mark == letterMark {
				num = l.num
			}
			q := askedat.Question{Round: s.heading}
			cur, curLine = &q, l
			continue
		}
		if cur == nil || endsQuestion(l, curLine, kind) || asksAnew(l, curLine) {
			finish()
			if len(qs) > 0 && followUpLine(l) {
				// "Then he asked me to code it.", after the story of
				// how the question before it went.
				last := &qs[len(qs)-1]
				last.Body = strings.TrimSpace(last.Body + "\n\n" + l.text)
				continue
			}
			for _, q := range proseAsks(l, base) {
				q.Round = s.heading
				qs = appendOrJoin(qs, q) // "so he asked me to give a schedule for above modules"
			}
			continue
		}
		body = append(body, l.block)
	}
	finish()
	if num > 0 && kind != letterMark {
		lastNum = num
	}
	return qs, lastNum
}

var (
	// asksRE is a line that announces a list of asks on the lines after
	// it: "They ask,", "He asked me the following:", "Questions asked:".
	asksRE = regexp.MustCompile(`(?i)(?:^|\b(?:he|she|they|interviewers?|we)\s+(?:then\s+)?)(?:ask(?:s|ed)?(?:\s+(?:me|us|about))?(?:\s+(?:the\s+)?following(?:\s+questions)?)?|questions\s+(?:asked|were))\s*[,:\-–]$`)
	// reportRE is a line that tells how something went rather than what
	// was asked: "Communication was checked.", "It was easy."
	reportRE = regexp.MustCompile(`(?i)\b(?:was|were|is|are|am|had|did|got|went|said|felt|took)\b`)
)

// listedAsk reports whether the line l, in a list of asks one a line, is
// an ask: a question, or a phrase that names what was asked ("Project
// Explanation", "Troubleshooting for the test cases – I wrote 60") with
// no verb telling what happened.
func listedAsk(l qline) bool {
	if l.label || l.pre {
		return false
	}
	if questionLike(l.text) {
		return true
	}
	head := l.text
	for _, sep := range []string{" – ", " — ", " - ", ": "} {
		if h, _, ok := strings.Cut(head, sep); ok {
			head = h
		}
	}
	return !reportRE.MatchString(head) && len(strings.Fields(head)) <= 20
}

// unnumberedAsk reports whether the plain line l, before the first
// numbered question of a round, is a question of its own: it reads as one
// and does not introduce what follows ("Questions asked:").
func unnumberedAsk(l qline) bool {
	t := strings.TrimSpace(l.text)
	return l.mark == noMark && !l.label && !l.pre && !introLineRE.MatchString(t) && !aboutQuestionsRE.MatchString(t) &&
		!genericQuestionsRE.MatchString(t) && (questionLike(t) || topicAskRE.MatchString(t) && !reportRE.MatchString(t))
}

var (
	// introLineRE is a line that introduces what follows it: "… like:",
	// "… covering all edge cases for", "… as follows".
	introLineRE = regexp.MustCompile(`(?i)(?:[:,\-–—]|\b(?:like|for|of|on|following|follows|below|these|were|are|is|was)\s*[:\-–—]?)$`)
	// topicAskRE is a line that names the topics of some questions
	// asked, in a list of asks: "Some questions on DBMS and OS."
	topicAskRE = regexp.MustCompile(`(?i)^(?:(?:some|few|a few|several|many|basic|general|more)\s+)?(?:[\w-]+\s+)?questions?\s+(?:on|about|from|related to|based on|regarding)\s+\S.{0,60}$`)
	// aboutQuestionsRE is a line about the questions rather than one of
	// them: how many there were, or what went for all of them.
	aboutQuestionsRE = regexp.MustCompile(`(?i)\b\d+\s+(?:\w+\s+)?(?:questions?|problems?|programs?|mcqs?)\b|\b(?:all|each|every|these|those|following|below|above|both)\s+(?:the\s+)?(?:\w+\s+)?(?:questions?|problems?|programs?)\b`)
)

// appendOrJoin appends q to qs, unless q points back at the question before
// it in its round ("Give a schedule for the above modules …") without an
// ask of its own: then it is more of that question, which stated what it
// points at, and joins its body.
func appendOrJoin(qs []askedat.Question, q askedat.Question) []askedat.Question {
	if len(qs) > 0 && qs[len(qs)-1].Round == q.Round && aboveRE.MatchString(q.Title) && !ownAskRE.MatchString(q.Title) {
		last := &qs[len(qs)-1]
		last.Body = strings.TrimSpace(last.Body + "\n\n" + strings.TrimSpace(q.Title+"\n\n"+q.Body))
		return qs
	}
	return append(qs, q)
}
