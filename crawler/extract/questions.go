package extract

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/askedat/askedat"
)

// This file splits the questions out of a post written as free text: the
// rounds of an interview under headings ("Round 1:", "Telephonic round",
// "<b>F2F 2</b>"), and in each round the questions as numbered lines ("1.",
// "Q2)", "Ques 3:"), list items, or plain lines that read as questions.
// Nothing here knows a site: it reads the lines a reader sees.
//
// The rest of the splitter is in files by concern: lines.go reads a post's
// blocks as lines and headings, rounds.go tells a round's name, questionlike.go
// a line that reads as a question, sectionsplit.go splits a section into its
// questions, questionbounds.go decides where each starts and ends, titles.go
// and links.go make a question's title and link.

// freeQuestions returns the questions of a free-text post from its lines
// in reading order, each with the round it came from, and the lines of the
// post's introduction (before its first heading or question), and how many
// of its headings name rounds. Relative links resolve against base.
func freeQuestions(bs []block, base *url.URL) (qs []askedat.Question, intro []block, rounds int) {
	secs := sections(bs)
	for _, s := range secs {
		if s.heading != "" && isRoundName(s.heading) {
			rounds++
		}
	}
	lastNum := 0    // the last question number taken on the page
	lastRound := "" // the last heading that named a round
	for si, s := range secs {
		var found []askedat.Question
		switch {
		case si == 0 && s.heading == "":
			s.intro = true
			if len(secs) > 1 && sectionMarker(s, lastNum) == noMark {
				// The story before the first heading: its questions are
				// numbered or listed, not told.
				for _, l := range s.lines {
					intro = append(intro, l.block)
				}
				continue
			}
			found, lastNum = sectionQuestions(s, base, lastNum)
			if len(found) == 0 {
				for _, l := range s.lines {
					intro = append(intro, l.block)
				}
				continue
			}
			for _, l := range s.lines { // the intro is what comes before
				if l.mark != noMark {
					break
				}
				intro = append(intro, l.block)
			}
			round := ""
			for _, l := range s.lines {
				if l.mark != noMark {
					break
				}
				if m := inTextRoundRE.FindString(l.text); m != "" {
					round = titleCase(m)
				}
			}
			for i := range found {
				found[i].Round = round
			}
		case notesRE.MatchString(s.heading), strings.HasSuffix(s.heading, "?"):
			continue // advice, or a question to the author and its answer
		default:
			found, lastNum = sectionQuestions(s, base, lastNum)
			round := s.heading
			switch {
			case subHeadingRE.MatchString(round) && !numberedRound(round) && lastRound != "":
				// "Coding questions" under "Round 1"; but "Face to Face
				// Interview 2 (Problem solving)" is a round of its own.
				round = lastRound
			case isRoundName(round):
				lastRound = round
			}
			for i := range found {
				found[i].Round = round
			}
		}
		qs = append(qs, found...)
	}
	qs = dropRepeats(qs)
	for i := range qs {
		qs[i].Ordinal = i + 1
	}
	return qs, intro, rounds
}

// singleQuestion reads a section that holds one problem in many lines.
func singleQuestion(s part, base *url.URL) []askedat.Question {
	var first qline
	var body []block
	for i, l := range s.lines {
		if i == 0 {
			first = l
			continue
		}
		body = append(body, l.block)
	}
	first.rest = first.text
	q := askedat.Question{Round: ""}
	finishQuestion(&q, first, body, base)
	if q.Title == "" {
		return nil
	}
	return []askedat.Question{q}
}

// finishQuestion sets q's title, body and link from its first line and the
// lines after it.
func finishQuestion(q *askedat.Question, first qline, body []block, base *url.URL) {
	text := strings.TrimSpace(first.rest)
	if first.mark == noMark {
		text = first.text
	}
	links := first.links
	if text == "" && len(body) > 0 { // "Question 1" alone, the question below it
		text = body[0].text
		links = body[0].links
		body = body[1:]
		if s := stripRE.FindString(text); s != "" && len(s) < len(text) {
			text = text[len(s):]
		}
	}
	// A label for what follows ("Outlook:", "Graph problem:") takes the
	// line after it.
	if t := strings.TrimSpace(text); strings.HasSuffix(t, ":") && utf8.RuneCountInString(t) < 30 && len(body) > 0 && !body[0].pre {
		text = t + " " + body[0].text
		body = body[1:]
	}
	// A question broken over lines goes on in lower case.
	for len(body) > 0 && body[0].node == first.node && !strings.HasSuffix(strings.TrimSpace(text), ":") &&
		!endsSentence(text) && startsLower(body[0].text) && utf8.RuneCountInString(text) < maxTitle {
		text += " " + body[0].text
		body = body[1:]
	}
	text = strings.TrimLeft(strings.TrimSpace(text), "*•·:–—-.) ")
	if m := askedRE.FindString(text); m != "" && len(m) < len(text) {
		text = upperFirst(text[len(m):])
	}
	if question, answer, ok := questionWas(text); ok {
		// "The first question was, “What are trees?” I said, …": the
		// quote is the question, the answer goes below it.
		text = question
		if answer != "" {
			body = append([]block{{text: answer, node: first.node}}, body...)
		}
	}
	for _, a := range links {
		if u := pageLink(a.href, base); u != "" {
			q.URL = u
			switch {
			case text == a.text || text == "" || strings.TrimRight(text, "/ ") == strings.TrimRight(a.text, "/ "):
				text = slugTitle(u, a.text)
			case looksLikeURL(a.text) && strings.HasPrefix(text, a.text):
				text = slugTitle(u, "") + text[len(a.text):] // "…/islands/ (all 8 corners)"
			}
			break
		}
	}
	if m := plainURLRE.FindStringIndex(text); m != nil {
		// A link written out in the text: "Vertical sum http://…/".
		u := strings.TrimRight(text[m[0]:m[1]], ".,;:)>]")
		if q.URL == "" {
			q.URL = pageLink(u, base)
		}
		before, after := strings.TrimSpace(text[:m[0]]), strings.TrimLeft(text[m[0]+len(u):], ">")
		if b, ok := strings.CutSuffix(before, "("); ok && strings.HasPrefix(strings.TrimSpace(after), ")") {
			before, after = strings.TrimSpace(b), strings.TrimPrefix(strings.TrimSpace(after), ")")
		}
		if before = strings.TrimRight(before, " -–—:>,"); before != "" {
			text = before + after
		}
	}
	if q.URL == "" {
		for _, b := range body {
			if linkOnly(b) {
				if u := pageLink(b.links[0].href, base); u != "" {
					q.URL = u
					break
				}
			}
		}
	}
	if looksLikeURL(text) {
		text = slugTitle(text, "")
	}
	title, rest := splitTitle(text)
	if rest == "" {
		// "Overlapping subsets problem and" before the next question.
		for _, w := range []string{" and", " or", " &", ","} {
			if t, ok := strings.CutSuffix(title, w); ok && t != "" {
				title = t
			}
		}
	}
	q.Title = title
	parts := make([]string, 0, len(body)+1)
	if rest != "" {
		parts = append(parts, rest)
	}
	for _, b := range body {
		parts = append(parts, b.text)
	}
	q.Body = strings.Join(parts, "\n\n")
}
