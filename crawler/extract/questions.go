package extract

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/askedat/askedat"
)

// This file splits the questions out of a post written as free text: the
// rounds of an interview under headings ("Round 1:", "Telephonic round",
// "<b>F2F 2</b>"), and in each round the questions as numbered lines ("1.",
// "Q2)", "Ques 3:"), list items, or plain lines that read as questions.
// Nothing here knows a site: it reads the lines a reader sees.

// maxTitle is the longest question title, in characters; a longer question
// is cut at a word and given whole in its body.
const maxTitle = 200

// minTitle is the length under which a question's first sentence does not
// make a title on its own.
const minTitle = 40

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
	// singleRE is a heading over one problem told in several lines.
	singleRE = regexp.MustCompile(`(?i)^(?:the\s+)?(?:problem(?:\s+statement)?|question|puzzle|task)$`)

	// roundStartRE is a line that names a part of an interview by number:
	// "Round 2", "R1", "Day 2", "2nd round", "First interview".
	// "F2F 2", "Face to face 3", "Technical Interview 1".
	roundStartRE = regexp.MustCompile(`(?i)^(?:(?:round|rnd|r|day|stage|level|phase|f2f|f-2-f|face[- ]to[- ]face)\s*[-#]?\s*\d+\b|(?:\d+\s*(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|last|next)\s+(?:[\w\-]+\s+){0,2}?(?:round|interview|f2f|test|phone|call)\b|(?:(?:technical|telephonic|phone|onsite|on-site|coding|design|hr|managerial|personal|online|written|video|virtual|final|face|to)\s+){1,4}(?:interview|round)\s*[-#]?\s*\d+\b)`)
	// roundNumRE finds a round named by its number anywhere in a line:
	// "Face to Face Interview 5 (Bar raiser)", "Telephonic Round #2".
	roundNumRE = regexp.MustCompile(`(?i)\b(?:interview|round|f2f|face[- ]to[- ]face)\s*[-#:]?\s*\d{1,2}\b|\b(?:\d{1,2}\s*(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|final)\s+(?:[\w\-]+\s+){0,2}?(?:round|interview)\b`)
	// roundWordRE finds a word that names a kind of round.
	roundWordRE = regexp.MustCompile(`(?i)\b(?:rounds?|interview|f2f|f-2-f|face[- ]to[- ]face|telephonic|phone|screening|written|online|aptitude|coding|technical|hr|managerial|manager|bar[- ]?raiser|assessment|test|onsite|on-site|hackerrank|hackerearth|mcqs?|group discussion|gd|day \d+)\b`)
	// roundPrefixRE is a round's name before a colon or dash and more text:
	// "Round 1: There was …", "Telephonic round – 45 minutes".
	roundPrefixRE = regexp.MustCompile(`(?i)^((?:round|rnd|r|day)\s*[-#]?\s*\d+|(?:\d+\s*(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|final|last)\s+(?:[\w\-]+\s+){0,2}?(?:round|interview)|(?:telephonic|phone|online|written|aptitude|coding|technical|hr|managerial|f2f|face[- ]to[- ]face|bar[- ]?raiser|hiring manager|onsite|on-site)(?:\s+(?:coding|technical|hr|interview|round|test|assessment|screen|screening))*(?:\s*\d+)?)\s*(?:\([^)]{0,40}\))?\s*[:\-–—]+\s*(\S.*)$`)
	// inTextRoundRE finds a round named in passing ("we had an online test
	// on hackerrank"), for questions that come before any heading.
	inTextRoundRE = regexp.MustCompile(`(?i)\b(online (?:coding )?(?:round|test|assessment)|written (?:round|test)|telephonic (?:round|interview)|phone (?:interview|screen|round)|aptitude (?:round|test)|coding (?:round|test))\b`)

	// notesRE is a heading over advice, not questions.
	notesRE = regexp.MustCompile(`(?i)^(?:some |few |a few |important |my |general |final |useful |last |overall )?(?:tips?|advice|advices|suggestions?|preparation|how i prepared|resources|conclusion|verdict|results?|notes?|summary|thoughts|learnings?|takeaways?|references?|about me|my profile|background|status|offer|outcome)\b|\b(?:tips|advice|suggestions|takeaways|learnings|things to (?:remember|keep in mind)|key points)\b`)

	// subHeadingRE is a heading over the questions of a round rather than
	// a round: "Two coding questions", "Technical question".
	subHeadingRE = regexp.MustCompile(`(?i)\b(?:questions?|problems?|ques)\b`)

	// plainURLRE is an address written out in text.
	plainURLRE = regexp.MustCompile(`https?://[^\s<>"“”]+`)

	// hostRE is a host name (and port) a link may point to.
	hostRE = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$`)

	// ordinalRE is an ordinal alone, which before a colon numbers a
	// question ("First: …").
	ordinalRE = regexp.MustCompile(`(?i)^(?:first|second|third|fourth|fifth|sixth|1st|2nd|3rd|4th|5th|6th)$`)

	// forgotRE is a question the author does not remember.
	forgotRE = regexp.MustCompile(`(?i)^(?:i\s+)?(?:don['’]?t|do not|can['’]?t|cannot|could not|couldn['’]?t)\s+(?:remember|recall)\b|^(?:not remembered|forgot(?:ten)?)\b`)

	// askedRE is "He asked me to …" before a question.
	askedRE = regexp.MustCompile(`(?i)^(?:then\s+|and\s+|after that\s+|next\s+)?(?:he|she|they|the interviewer|interviewer)\s+(?:then\s+)?(?:asked|told|gave)\s+(?:me\s+)?(?:to\s+)`)
	// gaveProblemRE is a story line that tells of a problem being asked:
	// "Then he gave me another problem.", "he asked me the question of …".
	gaveProblemRE = regexp.MustCompile(`(?i)\b(?:asked|gave)\s+(?:me\s+|us\s+)?(?:the|a|an|one|another|two|three|this|following)?\s*(?:coding |programming |design |simple |tricky )?(?:problems?|questions?|puzzles?)\b`)
	// problemOfRE is what follows "the problem" when the line says which.
	problemOfRE = regexp.MustCompile(`(?i)^\s*(?:of|on|about|related to|where|in which|based on|:\s*\S.{15})`)
	// goesOnRE starts a line that goes on with the sentence of the line
	// before it.
	goesOnRE = regexp.MustCompile(`^(?:are|and|or|of|in|to|with|from|that|which|but|as|by|on|at|into|than|then|whether)\b`)
	// narrativeRE starts a line that tells what happened rather than what
	// was asked.
	narrativeRE = regexp.MustCompile(`(?i)^(?:so|i|i'm|i’m|i've|i’ve|i'd|we|my|our|after|next day|overall|finally|thanks?|thank you|all the best|best of luck|good luck|hope|this (?:round|interview|was)|the (?:interview|round|process)|it was|there (?:was|were)|in the end|at last|later)\b`)
	// qWordRE starts a line that reads as a question or a task.
	qWordRE = regexp.MustCompile(`(?i)^(?:given|find|finding|write|wap|design|designing|implement|print|check|convert|count|reverse|merge|sort|search|detect|delete|remove|insert|add|compute|calculate|explain|describe|tell|how|what|why|when|where|which|who|whom|is|are|can|could|do|does|did|would|should|will|code|program|create|build|construct|clone|connect|rotate|flatten|serialize|deserialize|get|return|determine|validate|verify|swap|segregate|partition|arrange|rearrange|generate|longest|maximum|minimum|max|min|kth|nth|largest|smallest|lowest|shortest|median|puzzle|difference|differences|differentiate|discussion|discussed|discuss|questions? (?:on|about|from|related)|asked|introduce|introduction|self introduction|situation|scenario|optimi[sz]e|modify|traverse|level order|fill|transform|encode|decode|parse|schedule|simulate|solve|prove|identify|list|give|provide|suppose|assume|consider|you are|you have|you will|you're|there is|there are|there's|a (?:program|function|question) to|basic|project|projects|any|about|suggest|define|compare|mirror|spiral|zigzag|binary|linked list|lru|lca|bfs|dfs|dp|sql|oops?)\b`)
	// durationRE is a part of a test given with its time: "Code
	// debugging (20 min)".
	durationRE = regexp.MustCompile(`(?i)\(\s*\d+\s*(?:min|mins|minutes|hrs?|hours?)\b`)
	// genericQuestionsRE is a line that only says questions were asked.
	genericQuestionsRE = regexp.MustCompile(`(?i)^(?:a lot of |lots? of |various (?:types of )?|some |few |a few |other |general |many |more |basic |the )?[\w/ ]{0,30}\bquestions?(?: again| were asked| asked)?\s*[.:]?$`)
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

// isRoundName reports whether s names a part of an interview.
func isRoundName(s string) bool {
	return roundStartRE.MatchString(s) || utf8.RuneCountInString(s) <= 60 && roundWordRE.MatchString(s) && !questionLike(s) && !sentence(s)
}

// numberedRound reports whether the heading h names a round by its
// number ("Face to Face Interview 2 (Problem solving)", "Round 3").
func numberedRound(h string) bool {
	return roundStartRE.MatchString(h) || roundNumRE.MatchString(h)
}

// isRoundHeading reports whether the plain line t, tidied to h, is a
// round's heading: its name alone, short, not a sentence.
func isRoundHeading(h, t string) bool {
	if utf8.RuneCountInString(h) > 60 || sentence(t) {
		return false
	}
	if roundStartRE.MatchString(h) {
		return roundStartRE.FindString(h) == h || !questionLike(h) && len(strings.Fields(h)) <= 8
	}
	// A round named by number in a short line that is no question, bold
	// or not (its bold may start after its first letter).
	if m := roundNumRE.FindStringIndex(h); m != nil && !questionLike(h) && len(strings.Fields(h)) <= 10 && !startsWithDigit(h) {
		// What follows the number only qualifies it: "(Bar raiser)",
		// "– 45 minutes"; "In round 2 the questions were" is a sentence.
		after := strings.TrimSpace(h[m[1]:])
		return after == "" || strings.ContainsAny(after[:1], "(:-–—[")
	}
	return roundWordRE.MatchString(h) && !questionLike(h) && len(strings.Fields(h)) <= 6 &&
		(strings.HasSuffix(strings.TrimSpace(t), ":") || capitalised(h)) && !startsWithDigit(h)
}

// sentence reports whether s reads as a sentence: it ends with a full stop
// or holds one between sentences.
func sentence(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "..") || strings.Contains(s, ". ")
}

// capitalised reports whether s starts with a capital letter or a digit.
func capitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// questionLike reports whether s reads as a question or a task.
func questionLike(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || narrativeRE.MatchString(s) && askedRE.FindString(s) == "" {
		return false
	}
	if strings.HasSuffix(s, "?") && utf8.RuneCountInString(s) >= 8 {
		return true
	}
	if m := askedRE.FindString(s); m != "" {
		return !smallTalk(s[len(m):]) // "Then he asked me to brief my project." tells how it went
	}
	if m := gaveProblemRE.FindStringIndex(s); m != nil && problemOfRE.MatchString(s[m[1]:]) {
		return true // "he gave me the problem of finding …", not "another problem:"
	}
	lower := strings.ToLower(s)
	if strings.Contains(lower, " vs ") || strings.Contains(lower, " vs. ") || strings.Contains(lower, "difference between") {
		return true
	}
	return qWordRE.MatchString(s) && !genericQuestionsRE.MatchString(s)
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
		switch {
		case cur.Title == "" || forgotRE.MatchString(cur.Title):
		case len(qs) > 0 && qs[len(qs)-1].Round == cur.Round && aboveRE.MatchString(cur.Title) && !ownAskRE.MatchString(cur.Title):
			// "Give a schedule for the above modules …": more of the
			// question before, which stated them.
			last := &qs[len(qs)-1]
			last.Body = strings.TrimSpace(last.Body + "\n\n" + strings.TrimSpace(cur.Title+"\n\n"+cur.Body))
		default:
			qs = append(qs, *cur)
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
			if pq := proseAsks(l, base); len(pq) > 0 {
				for i := range pq {
					pq[i].Round = s.heading
				}
				qs = append(qs, pq...)
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

// linkOnly reports whether the line b is one link and nothing else.
func linkOnly(b block) bool {
	return len(b.links) == 1 && strings.TrimSpace(b.links[0].text) == strings.TrimSpace(b.text) && !isImage(b.links[0].href)
}

// pageLink returns the absolute address of a link to a page (not an image
// or a script), or "".
func pageLink(href string, base *url.URL) string {
	ref, err := url.Parse(strings.TrimSpace(href))
	if err != nil || isImage(href) {
		return ""
	}
	u := base.ResolveReference(ref)
	if u.Scheme != "http" && u.Scheme != "https" || !hostRE.MatchString(u.Host) {
		return ""
	}
	return u.String()
}

func isImage(href string) bool {
	lower := strings.ToLower(href)
	if i := strings.IndexAny(lower, "?#"); i >= 0 {
		lower = lower[:i]
	}
	for _, ext := range []string{".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

func looksLikeURL(s string) bool {
	return !strings.ContainsAny(strings.TrimSpace(s), " \t") && (strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "www."))
}

// slugWords are path segments that name a kind of page, not the question
// on it ("…/question?id=56…", "…/problems/").
var slugWords = map[string]bool{"problem": true, "problems": true, "question": true, "questions": true, "view": true,
	"show": true, "index": true, "post": true, "posts": true, "p": true, "q": true, "t": true, "discuss": true, "page": true}

// slugTitle names a linked question by its link: the text of the link when
// it is words, else the last words of its path ("…/find-number-of-islands/"
// gives "Find number of islands"), else what the link is
// ("careercup.com question" for "…/question?id=56…").
func slugTitle(u, text string) string {
	if text != "" && !looksLikeURL(text) {
		return text
	}
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	segs := strings.Split(strings.Trim(p.Path, "/"), "/")
	for i := len(segs) - 1; i >= 0; i-- {
		s := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(segs[i], ".html"), ".htm"), ".php")
		if s == "" || strings.Trim(s, "0123456789") == "" || slugWords[strings.ToLower(s)] {
			continue
		}
		s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' || r == '+' }), " ")
		if s != "" {
			return upperFirst(s)
		}
	}
	if host := strings.TrimPrefix(strings.ToLower(p.Hostname()), "www."); host != "" {
		return host + " question"
	}
	return u
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

func startsWithDigit(s string) bool {
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
