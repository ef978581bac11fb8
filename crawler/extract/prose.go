package extract

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/askedat/askedat"
)

// This file reads the questions of a post told in prose: "In the first
// technical round I was asked to check whether a tree is complete. It also
// included a question like to find whether a number is a power of 2." Only
// lines no question claimed are read so (a numbered or listed question
// keeps its story as its body), and only what a sentence marks as asked
// is taken, never a sentence for reading as a task alone.

// asker is who asks in a story: the interviewer, however named.
const asker = `(?:he|she|they|(?:the\s+)?(?:interviewers?|manager|hiring manager|panel|hr|bar raiser))`

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
		regexp.MustCompile(`(?i)\b` + asker + `\s+(?:then\s+|also\s+|again\s+)?(?:asked|told)\s+(?:me|us)\s+to\s+(.+)$`),
		// "questions like what is a symmetric number", "a question like to find …"
		regexp.MustCompile(`(?i)\bquestions?\s+like\s+(?:to\s+)?(.+)$`),
		// "asked me the problem of finding …", "the popular dynamic
		// programming problem of cutting sticks …"
		regexp.MustCompile(`(?i)\b(?:problem|question)\s+of\s+(.+)$`),
		// "The first one was finding-next-greater-element …", "Second
		// question was easy, find max(…) …", "a couple of questions on
		// trees, one of them was finding the vertical sum …"
		regexp.MustCompile(`(?i)(?:^(?:the\s+)?(?:first|second|third|1st|2nd|3rd)\s+(?:one|question|problem)|\bone of (?:them|these|those|the questions|the problems))\s+was\s+(?:(?:easy|simple|hard|tough)\s*,\s*)?(.+)$`),
		// "then asked why do you want to leave …", "he asked me how a
		// hash map grows"
		regexp.MustCompile(`(?i)\basked\s+(?:me\s+|us\s+)?((?:why|what|how|which|where|when|whether)\b.+)$`),
		// "Next he asked, given a page of a dictionary …"
		regexp.MustCompile(`(?i)\b` + asker + `\s+(?:then\s+|also\s+)?asked\s*[,:]\s*(.+)$`),
		// "he asked code of the Fibonacci series", "she asked me
		// implement a queue": the ask told without its "to"
		regexp.MustCompile(`(?i)\b` + asker + `\s+(?:then\s+|also\s+)?asked\s+(?:me\s+|us\s+)?((?:code|write|implement|design|find|print|check|reverse|sort|count|explain)\b.+)$`),
	}
	// followUpRE is a sentence that asks for more of the question before
	// it without saying a new one: "Then he asked the time complexity of
	// the code."
	followUpRE = regexp.MustCompile(`(?i)\b` + asker + `\s+(?:then\s+|also\s+|again\s+)?(?:asked|told|wanted)\s+(?:me\s+|us\s+)?(?:about\s+|for\s+)?(?:the\s+|its\s+)?(?:time|space|time and space)\s+complexit`)
	// namedProblemRE is a sentence that names the problem asked and
	// states it in the sentences after it: "The 3rd round consisted of a
	// string compression problem."; the name is group 1.
	namedProblemRE = regexp.MustCompile(`(?i)\b(?:consisted of|had|was|gave me|asked me)\s+(?:a|an|the|one)\s+((?:[\w-]+\s+){1,4}(?:problem|puzzle))\s*[.:]?$`)
	// announceRE is a sentence that announces a problem stated in the
	// sentence after it: "Then he gave me another problem."
	announceRE = regexp.MustCompile(`(?i)\b(?:gave|asked)\s+(?:(?:me|us)\s+)?(?:another|a|one more|the next|a new)\s+(?:problem|question|puzzle|scenario|situation|task)\s*[.:]?$`)
	// vagueAskRE is an ask that is no question ("a math question",
	// "easy", "wait outside", "if I had any questions for him").
	vagueAskRE = regexp.MustCompile(`(?i)^(?:a|an|the|easy|simple|hard|tough|very|quite|also|not|wait|stop|come|go)\b|\bif (?:i|we) (?:had|have) any\b`)
	// backAskRE is an ask that says nothing of its own but asks more of
	// the question before it: it points back ("write the code of it",
	// "explain my approach", "how I solved it", "what if the array is
	// sorted").
	backAskRE = regexp.MustCompile(`(?i)^(?:\S+\s+){0,8}?(?:it|this|both|same|my (?:approach|solution|answer|code|logic|idea))\b|` +
		`^(?:how|why|what)\s+(?:i|we)\s+(?:had\s+|have\s+)?(?:solved|used|did|approached|wrote|coded|implemented|came up|thought|arrived)\b|^what if\b|` +
		// or is about how to answer, not what: "write the full production
		// level code", "code the O(n log n) approach", "tell the approach only"
		`^(?:write|code|solve|improve|send|tell|think|appear|further|give|dry run|optimi[sz]e|explain)\b[^.?]*\b(?:code|coding|approach|solution|efficiency|shot|snapshot|interview|questions|problems|paper|corner cases|edge cases|best one)\b`)
	// askEndRE ends the ask in its sentence: what follows is how it went.
	// The candidate's reply ("… I did it with loops", ", I said …"),
	// not a clause of the ask ("explain a project that I did"), ends it
	// too.
	askEndRE = regexp.MustCompile(`(?i)\s+(?:and then|and also|and after|but|so that i|after which)\s+|\.\s|\s+–\s+you\b|` +
		`(?:[,;…]|\s+and|\s+so)\s+(?:i|we)\s+(?:did|said|told|gave|wrote|used|solved|explained|answered|replied|suggested|came up)\b`)
	// thenClauseRE is where a sentence goes on to a further ask: "… and
	// then he asked …", "…, then asked …".
	thenClauseRE = regexp.MustCompile(`(?i)(?:\s+and|,)\s+then\s+(?:` + asker + `\s+)?(?:asked|told|gave)\b`)
	// backEndRE is a short ask that ends pointing back: "write the code
	// for the same", "do it again". A long one says what it asks before
	// ("finding the vertical sum of a tree, and code for the same").
	backEndRE = regexp.MustCompile(`(?i)\b(?:it|this|that|them|same|those|these)(?:\s+(?:myself|again|too|also))?\s*[.?!]?$`)
	// whyAskRE is an ask why, which after another ask questions its
	// answer.
	whyAskRE = regexp.MustCompile(`(?i)\basked\s+(?:me\s+|us\s+)?why\b`)
	// anotherRE is an ask that says it is a new one: "another question
	// like …", "the next problem was …".
	anotherRE = regexp.MustCompile(`(?i)\b(?:another|next|new|second|third|one more|different)\b`)
	// candidateAsksRE is the candidate asking the interviewer: what
	// follows is not an interview question.
	candidateAsksRE = regexp.MustCompile(`(?i)\b(?:i|we)\s+(?:also\s+|then\s+)?ask(?:ed)?\b`)
)

// maxBackAsk is the most words an ask that ends pointing back has when
// it asks nothing of its own.
const maxBackAsk = 8

// An askKind is what a sentence marks as asked.
type askKind int

const (
	noAsk    askKind = iota
	newAsk           // a question of its own
	followUp         // more of the question before it: "he asked me to code it"
)

// proseAsks returns the questions the prose line l marks as asked, in
// order, each with its sentence's rest as its body. An ask that asks more
// of the one before it in the line, pointing back ("then he asked me to
// code it") or naming what it named ("… what a palindromic number is.
// Then he asked me to list all of them with n digits: palindromic …"),
// goes into that one's body.
func proseAsks(l qline, base *url.URL) []askedat.Question {
	if l.label || l.pre || l.mark != noMark {
		return nil
	}
	sents := clauses(l.text)
	var qs []askedat.Question
	for i := 0; i < len(sents); i++ {
		s := sents[i]
		if m := namedProblemRE.FindStringSubmatch(s); m != nil {
			var body []string
			for i+1 < len(sents) && !askMarked(sents[i+1]) {
				i++
				body = append(body, sents[i])
			}
			qs = append(qs, askedat.Question{Title: upperFirst(m[1]), Body: strings.Join(body, " ")})
			continue
		}
		if announceRE.MatchString(s) && i+1 < len(sents) && questionLike(sents[i+1]) {
			i++
			title, rest := splitTitle(sents[i])
			qs = append(qs, askedat.Question{Title: title, Body: rest})
			continue
		}
		if quoted := quotedAsks(s); len(quoted) > 0 {
			for _, q := range quoted {
				qs = append(qs, askedat.Question{Title: q})
			}
			continue
		}
		ask, kind := markedAsk(s)
		if kind == newAsk && len(qs) > 0 && whyAskRE.MatchString(s) {
			kind = followUp // "He asked me why a graph would not do."
		}
		switch {
		case kind == noAsk:
		case len(qs) > 0 && (kind == followUp || !anotherRE.MatchString(s) && sharesName(qs[len(qs)-1], ask)):
			last := &qs[len(qs)-1]
			last.Body = strings.TrimSpace(last.Body + " " + strings.TrimSpace(s))
		case kind == newAsk:
			title, rest := splitTitle(ask)
			qs = append(qs, askedat.Question{Title: title, Body: rest})
		}
	}
	for i := range qs {
		if u := plainURLRE.FindString(qs[i].Title); u != "" {
			qs[i].URL = pageLink(strings.TrimRight(u, ".,;:)>]"), base)
		}
	}
	return qs
}

// followUpLine reports whether the prose line l only asks more of the
// question before it ("After that he asked me to write it recursively.",
// "Then he asked the time complexity."): it opens with such an ask, and
// no sentence of it marks a question of its own.
func followUpLine(l qline) bool {
	if l.label || l.pre || l.mark != noMark {
		return false
	}
	for i, s := range clauses(l.text) {
		switch _, kind := markedAsk(s); {
		case kind == newAsk || namedProblemRE.MatchString(s) || announceRE.MatchString(s):
			return false
		case i == 0 && kind != followUp:
			return false // a line that opens with its own story or problem
		}
	}
	return true
}

// askMarkedText reports whether some sentence of s marks something as
// asked.
func askMarkedText(s string) bool {
	for _, sent := range clauses(s) {
		if askMarked(sent) {
			return true
		}
	}
	return false
}

// askMarked reports whether the sentence s marks a question as asked.
func askMarked(s string) bool {
	_, kind := markedAsk(s)
	return kind == newAsk || namedProblemRE.MatchString(s) || announceRE.MatchString(s)
}

// markedAsk returns what the sentence s marks as asked, up to where the
// sentence goes on to tell how it went, and whether it is a question of
// its own or more of the one before.
func markedAsk(s string) (string, askKind) {
	kind := noAsk
	if followUpRE.MatchString(s) && !candidateAsksRE.MatchString(s) {
		kind = followUp
	}
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
		switch {
		case vagueAskRE.MatchString(ask) || forgotRE.MatchString(ask):
			continue
		case len(strings.Fields(ask)) < 4 || backAskRE.MatchString(ask) || len(strings.Fields(ask)) <= maxBackAsk && backEndRE.MatchString(ask):
			kind = followUp // "he asked me to code it", "… to optimise"
			continue
		}
		if smallTalk(ask) {
			continue // "he asked me to brief my project": told, not a question
		}
		if !endsSentence(ask) {
			ask += "."
		}
		return upperFirst(ask), newAsk
	}
	return "", kind
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

// clauses splits a line into its sentences, and a sentence where it goes
// on to a further ask ("… and then he asked me …"), so that each ask is
// read on its own.
func clauses(s string) []string {
	var out []string
	for _, sent := range sentences(s) {
		for {
			m := thenClauseRE.FindStringIndex(sent)
			if m == nil || m[0] == 0 {
				break
			}
			out = append(out, strings.TrimSpace(sent[:m[0]]))
			sent = strings.TrimSpace(strings.TrimLeft(sent[m[0]:], ", "))
		}
		out = append(out, sent)
	}
	return out
}

// sharesName reports whether the ask names a thing that the question q
// named: a word of four letters or more that does not name a kind of
// input common to many problems ("array", "tree"), so that "check a
// palindromic number" and "list the palindromic numbers" share one and
// "check a tree" and "mirror a tree" do not.
func sharesName(q askedat.Question, ask string) bool {
	named := map[string]bool{}
	for _, w := range nameWordRE.FindAllString(strings.ToLower(q.Title+" "+q.Body), -1) {
		named[stemS(w)] = true
	}
	for _, w := range nameWordRE.FindAllString(strings.ToLower(ask), -1) {
		if w = stemS(w); named[w] && !commonWords[w] {
			return true
		}
	}
	return false
}

// nameWordRE is a word that may name a thing: four letters or more.
var nameWordRE = regexp.MustCompile(`[a-z][a-z0-9]{3,}`)

// stemS drops a plural s.
func stemS(w string) string {
	if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		return w[:len(w)-1]
	}
	return w
}

// commonWords are words (plural s dropped) that many unrelated problems
// share: their inputs, outputs and the words of asking.
var commonWords = wordSet(`array string number integer tree binary node list link linked element value item
	word character letter matrix grid graph edge vertex vertice sum count size length order sorted given find
	print return write code program function check whether all each every from with that this which have
	will would should then also them they what when where into such their there other same first second last
	time space complexity solution approach optimal optimize optimise efficient algorithm method using make
	data structure question problem like about explain asked tell told give gave could can need want`)
