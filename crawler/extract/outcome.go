package extract

import (
	"regexp"
	"strings"
)

// This file reads a post's outcome from its prose: "I got selected", "they
// extended me the offer" (Offer); "I was not selected", "I could not clear
// it" (Rejected); "still waiting for the result" (Ongoing); "I declined the
// offer" (Declined). A post that never says has no outcome: a wrong outcome
// misleads a search filtered by it, an empty one only leaves the post out.
//
// The rules read sentences in the first person (the candidate's own
// result, not "4 students were selected" or "my friend got rejected"), and
// a selection for a further step ("selected for the next round",
// "cleared the online round") is no outcome. A post may tell several:
// "rejected in round 1, but called back and selected", or an intro "I got
// an offer" before a story that passes through a setback. What is kept is
// the one that ends an interview process: a declined offer was an offer
// first, so Declined wins, then Offer (a rejection told beside an offer is
// a step on the way to it, as offers are not taken back in these stories),
// then Rejected, then Ongoing.

// Words the rules are made of.
var (
	// outcomeAdverbs may stand between the subject and the verb ("I was
	// finally selected", "I eventually got rejected").
	outcomeAdverbs = []string{"finally", "also", "eventually", "luckily", "fortunately", "unfortunately",
		"successfully", "then", "so", "too", "thankfully", "ultimately", "happily", "just", "recently",
		"even", "again", "now", "already", "actually", "sadly", "very", "still"}
	// passiveAux are the verbs of "I was selected", "I got hired".
	passiveAux = []string{"was", "got", "get", "am", "have been", "had been", "been", "became",
		"have got", "had got", "'ve been", "'ve got", "'m", "m"}
	// negatedAux are "I was not", "I didn't", "I couldn't" and their
	// misspellings ("dint", "didnt").
	negatedAux = []string{"was not", "wasn't", "am not", "did not", "didn't", "didnt", "dint", "din't",
		"could not", "couldn't", "couldnt", "have not", "haven't", "had not", "hadn't", "never",
		"got not", "do not", "don't"}
	// cannotAux are "I could not …", "I was not able to …", "I failed to …".
	cannotAux = []string{"could not", "couldn't", "couldnt", "could n't", "did not", "didn't", "didnt",
		"dint", "din't", "was not able to", "wasn't able to", "was unable to", "failed to",
		"couldn't manage to", "could not manage to", "am not able to", "was not able to"}
	// stepWords name a step of an interview process, not its end: being
	// selected for one of them is getting on, not getting the job.
	stepWords = []string{"round", "rounds", "interview", "interviews", "test", "tests", "stage", "stages",
		"phase", "phases", "level", "f2f", "onsite", "onsites", "on-site", "gd", "discussion",
		"screening", "telephonic", "online", "written", "mcq", "mcqs", "coding", "technical", "phone",
		"assessment", "shortlist", "next", "further", "second", "third", "fourth", "first", "1st", "2nd",
		"3rd", "4th", "hr", "quiz", "aptitude"}
	// unlessWords before a statement in its clause make it no statement of
	// fact: "even if you are rejected", "hope I get selected".
	unlessWords = []string{"if", "whether", "unless", "hope", "hoping", "hoped", "wish", "in case",
		"don't worry", "do not worry", "chance", "chances", "expect", "expecting", "worried", "afraid"}
	// notTheJob are the objects of "pass"/"clear" that are no interview:
	// "could not pass all test cases", "could not clear my doubt".
	notTheJob = []string{"test case", "test cases", "testcases", "cases", "doubt", "doubts", "concept",
		"concepts", "confusion", "question", "questions", "idea", "explanation", "code", "solution",
		"problem", "problems", "approach"}
)

var (
	adv      = `(?:` + words(outcomeAdverbs...) + `\s+)*`
	aux      = words(passiveAux...)
	negAux   = words(negatedAux...)
	cannot   = words(cannotAux...)
	stepRE   = regexp.MustCompile(`\b` + words(stepWords...) + `\b`)
	unlessRE = regexp.MustCompile(`\b` + words(unlessWords...) + `\b`)
	// notTheJobRE is checked on the few words after "pass"/"clear".
	notTheJobRE = regexp.MustCompile(`^\s*(?:\S+\s+){0,3}?` + words(notTheJob...) + `\b`)
	// stepAfterRE is a further step right after a selection: "selected for
	// the next round", "cleared in the written test".
	stepAfterRE = regexp.MustCompile(`^\s*(?:for|in|to|into|till|until|through)\s+(?:\S+\s+){0,3}?` + words(stepWords...) + `\b`)
	// otherFromRE is an offer from somewhere: "an offer from Acme".
	otherFromRE = regexp.MustCompile(`^\s*(?:letter\s+)?(?:from|of|by|at)\s+(\S+)`)
	// othersRE is someone else who may be the subject of a clause with no
	// subject of its own ("my friend attended and was selected").
	othersRE = regexp.MustCompile(`\b(?:friend|friends|he|she|they|students|people|candidates|others|many|some|few|everyone|somebody|someone|guys|seniors?|\d+)\b`)
	// clauseRE is where a clause starts: the text before a statement is
	// read from the last of these.
	clauseRE = regexp.MustCompile(`(?:[,;:]|\bbut\b|\band\b|\bso\b|\bhowever\b|\bthen\b)`)
	// makeItToRE is what may follow "did not make it": nothing, or where to.
	makeItToRE = regexp.MustCompile(`^(?:to|through|past|in|into|beyond|further|this time|[,.;!])`)
	// fromOthersRE is an offer from some other place: "from another company".
	fromOthersRE = regexp.MustCompile(`^\s*(?:letter\s+)?from\s+(?:an?\s+)?(?:other|another|different|some|many|\d+)\b`)
	// toldRE is someone telling the candidate a result.
	toldRE = regexp.MustCompile(`\b(?:told|said|informed|announced|mail|email|call|congratulat\w*)\b`)
)

// An outcomeRule is a way posts tell an outcome.
type outcomeRule struct {
	re      *regexp.Regexp
	outcome string // "" takes it from the match's first group (resultWord)
	// check, when set, reads the sentence s around the match m (its
	// indexes) and reports whether it is the candidate's outcome after all.
	check func(s string, m []int, company string) bool
}

// notAStep rejects "selected for the next round".
func notAStep(s string, m []int, _ string) bool { return !stepAfterRE.MatchString(s[m[1]:]) }

// theJobCleared rejects "could not clear my doubt" and "could not make it
// work": what was not cleared must be the interview, or nothing ("I could
// not clear it", "did not make it to the final list").
func theJobCleared(s string, m []int, _ string) bool {
	rest := s[m[1]:]
	if notTheJobRE.MatchString(rest) {
		return false
	}
	if strings.HasSuffix(s[m[0]:m[1]], "make it") {
		r := strings.TrimSpace(rest)
		return r == "" || makeItToRE.MatchString(r)
	}
	return true
}

// fromThisCompany rejects an offer from another company ("an offer from
// Acme" in a post about Initech): the candidate's other offers are not this
// interview's outcome.
func fromThisCompany(s string, m []int, company string) bool {
	rest := s[m[1]:]
	if fromOthersRE.MatchString(rest) {
		return false
	}
	f := otherFromRE.FindStringSubmatch(rest)
	if f == nil || company == "" {
		return true
	}
	w := strings.Trim(f[1], ".,;:!?'\"()")
	switch w {
	case "them", "the", "their", "its", "it", "hr", "recruiter", "recruiters", "team", "company", "us", "there", "here", "this", "that":
		return true
	}
	return companyWord(w, company)
}

// anOfferFromThisCompany is fromThisCompany for "I got an offer", which
// must not be "I had no offer" or "any other offer".
func anOfferFromThisCompany(s string, m []int, company string) bool {
	if m[2] >= 0 {
		switch strings.TrimSpace(s[m[2]:m[3]]) {
		case "no", "any", "other", "another", "competing", "better", "outside":
			return false
		}
	}
	return fromThisCompany(s, m, company)
}

// companyWord reports whether w is the start of company's name ("amazon"
// of "Amazon", "amazon.com", "amazon's").
func companyWord(w, company string) bool {
	c := strings.Fields(strings.ToLower(company))
	if len(c) == 0 {
		return false
	}
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), ".com")
	return w == strings.Trim(c[0], ".,")
}

// namesCompany checks that the match's first group names this post's
// company ("I got placed in Acme").
func namesCompany(s string, m []int, company string) bool {
	return len(m) >= 4 && m[2] >= 0 && companyWord(s[m[2]:m[3]], company)
}

// noOtherSubject rejects a clause with no subject when someone else may be
// its subject: "and was selected" after "my friend attended".
func noOtherSubject(s string, m []int, _ string) bool {
	return !othersRE.MatchString(s[:m[0]]) && !stepAfterRE.MatchString(s[m[1]:])
}

// helpedToTheJob accepts "(the site) helped me crack the interview / get
// into Acme" but not "helped me get through the MCQs".
func helpedToTheJob(s string, m []int, company string) bool {
	obj := strings.Fields(s[m[1]:])
	if len(obj) > 4 {
		obj = obj[:4]
	}
	for _, w := range obj {
		w = strings.Trim(w, ".,;:!?'\"()")
		if stepRE.MatchString(w) && w != "interview" && w != "interviews" {
			return false
		}
		if companyWord(w, company) {
			return true
		}
		switch w {
		case "interview", "interviews", "it", "offer", "job", "placement":
			return true
		}
	}
	return false
}

// noStepBetween rejects "selected for round 2 and I was one of them".
func noStepBetween(s string, m []int, _ string) bool {
	return m[2] < 0 || !stepRE.MatchString(s[m[2]:m[3]])
}

// iSubj is the candidate as the subject: "I", "I finally".
var iSubj = `\bi\s+` + adv

// outcomeRules, in the order tried; the first that matches a sentence
// gives that sentence's outcome.
var outcomeRules = []outcomeRule{
	// A result written as a label: "Result: Selected", "verdict - not selected".
	{re: regexp.MustCompile(`\b(?:final\s+)?(?:result|results|verdict|outcome|status)\s*(?:[:=-]+|was|is)\s*(?:i\s+(?:was|am|got)\s+)?(not\s+selected|selected|hired|offer|offered|rejected|declined|awaited|pending|waiting)\b`)},

	// Declined: "I declined the offer", "I turned down their offer".
	{re: regexp.MustCompile(iSubj + `(?:have\s+|had\s+)?` + adv + `(?:declined|turned\s+down|rejected|refused|did\s+not\s+accept|didn't\s+accept|chose\s+not\s+to\s+accept|decided\s+not\s+to\s+accept)\s+(?:the\s+|their\s+|an?\s+|that\s+|this\s+|his\s+|her\s+|\S+'s\s+)?(?:\S+\s+)?(?:offer|job|position)\b`), outcome: "Declined"},
	{re: regexp.MustCompile(iSubj + `decided\s+not\s+to\s+join\b`), outcome: "Declined"},

	// Rejected: negated selections first, so "I was not selected" is not
	// read as "selected".
	{re: regexp.MustCompile(`\bi\s+` + adv + negAux + `\s+` + adv + `(?:been\s+|get\s+|got\s+|make\s+it\s+|able\s+to\s+get\s+)?` + adv + `(?:selected|hired|chosen|offered)\b`), outcome: "Rejected"},
	{re: regexp.MustCompile(`\bi(?:'m|'ve\s+been|'ve\s+got|\s+` + adv + aux + `)\s+` + adv + `(?:rejected|eliminated|knocked\s+out|screened\s+out|dropped)\b`), outcome: "Rejected"},
	// "… and this is where I failed": where the candidate's process ended.
	{re: regexp.MustCompile(`\b(?:this|that|here|it)(?:\s+is|\s+was|'s)\s+where\s+i\s+` + adv + `(?:failed|lost\s+it|got\s+rejected|got\s+eliminated|got\s+out)\b`), outcome: "Rejected"},
	{re: regexp.MustCompile(`\b(?:rejected|reject)\s+me\b`), outcome: "Rejected"},
	{re: regexp.MustCompile(iSubj + `(?:got|received|get)\s+(?:an?\s+|the\s+)?(?:\S+\s+)?(?:rejection|reject)\b`), outcome: "Rejected"},
	{re: regexp.MustCompile(`\bi\s+` + adv + cannot + `\s+` + adv + `(?:clear|crack|make\s+it|get\s+through|qualify|go\s+through)\b`), outcome: "Rejected", check: theJobCleared},
	{re: regexp.MustCompile(`\bi\s+` + adv + cannot + `\s+` + adv + `pass\s+(?:the\s+|all\s+(?:the\s+)?)?(?:\S+\s+){0,2}?(?:rounds?|interviews?|process)\b`), outcome: "Rejected"},
	{re: regexp.MustCompile(iSubj + `(?:failed|flunked|bombed)\s+(?:in\s+|at\s+)?(?:the\s+|my\s+)?(?:\S+\s+){0,2}?(?:rounds?|interviews?)\b`), outcome: "Rejected"},
	{re: regexp.MustCompile(`\bi\s+` + adv + `(?:did\s+not|didn't|didnt|dint|couldn't|could\s+not)\s+(?:get|receive|land|bag)\s+(?:an?\s+|the\s+)?(?:\S+\s+)?(?:offer|job)\b`), outcome: "Rejected", check: fromThisCompany},
	{re: regexp.MustCompile(`(?:\bso|\bhence|\bthus|\btherefore|,|\band)\s+no\s+offer\b`), outcome: "Rejected"},

	// Offer.
	{re: regexp.MustCompile(`\bi(?:\s+` + adv + aux + `|'m|'ve\s+been|'ve\s+got)\s+` + adv + `(?:selected|hired|recruited|chosen)\b`), outcome: "Offer", check: notAStep},
	{re: regexp.MustCompile(`\bi(?:\s+` + adv + aux + `|'m|'ve\s+been|'ve\s+got)\s+` + adv + `placed\s+(?:in|at|with|into)\s+(\S+)`), outcome: "Offer", check: namesCompany},
	{re: regexp.MustCompile(`\bi(?:'ve)?\s+` + adv + `(?:(?:have|had)\s+)?` + adv + `(?:got|get|received|receive|bagged|grabbed|accepted|secured|landed|obtained|have|had)\s+(?:an?\s+|the\s+|their\s+|my\s+|this\s+|that\s+)?(\S+\s+)?offer\b(?:\s+letter)?`), outcome: "Offer", check: anOfferFromThisCompany},
	{re: regexp.MustCompile(`\bi(?:'ve)?\s+` + adv + `(?:(?:have|had)\s+)?` + adv + `(?:got|received|bagged|grabbed|accepted|secured|landed)\s+(?:an?\s+|the\s+|this\s+)job\b`), outcome: "Offer", check: fromThisCompany},
	{re: regexp.MustCompile(`\b(?:offered|extend|extended|extending|gave|give|given|rolled\s+out|made|released|sent)\s+me\s+(?:an?\s+|the\s+)?(?:\S+\s+){0,2}?(?:offer|job|position)\b`), outcome: "Offer"},
	{re: regexp.MustCompile(iSubj + `(?:was|got|have\s+been|had\s+been)\s+` + adv + `offered\s+(?:an?\s+|the\s+)?(?:\S+\s+){0,3}?(?:offer|job|position|role|internship)\b`), outcome: "Offer"},
	{re: regexp.MustCompile(iSubj + `(?:got|received)\s+(?:the\s+|a\s+|my\s+)?(?:final\s+)?confirmation\s+(?:call|mail|email|e-mail|letter)\b`), outcome: "Offer"},
	{re: regexp.MustCompile(iSubj + `(?:have\s+|had\s+)?` + adv + `(?:cleared|cracked|passed)\s+(?:all|each|every)\s+(?:of\s+)?(?:the\s+)?(?:\S+\s+){0,2}?(?:rounds?|interviews?|stages?)\b`), outcome: "Offer"},
	{re: regexp.MustCompile(iSubj + `(?:have\s+|had\s+)?` + adv + `(?:cleared|cracked)\s+(?:the\s+|my\s+|an?\s+)?((?:\S+\s+){0,3}?)(?:interviews?|process|position|job|internship|selection)\b`), outcome: "Offer", check: noStepBetween},
	{re: regexp.MustCompile(iSubj + `(?:have\s+|had\s+)?` + adv + `(?:cracked|got\s+into|made\s+it\s+(?:to|into))\s+(\S+)`), outcome: "Offer", check: namesCompany},
	{re: regexp.MustCompile(iSubj + `(?:have\s+been|am|'ve\s+been)\s+working\s+(?:with|at|in|for)\s+(\S+)`), outcome: "Offer", check: namesCompany},
	{re: regexp.MustCompile(`\bhelped\s+me\s+(?:a\s+lot\s+|so\s+much\s+|greatly\s+)?(?:to\s+|in\s+)?(?:crack|clear|get\s+into|get\s+through|get\s+selected\s+(?:in|at)|land|cracking|clearing|getting\s+into)\b`), outcome: "Offer", check: helpedToTheJob},
	{re: regexp.MustCompile(`\b(?:selected|hired|offers?|placed)\b(.{0,60}?)\b(?:and\s+)?i\s+(?:was|am)\s+(?:one|among)\b`), outcome: "Offer", check: noStepBetween},
	{re: regexp.MustCompile(`\byou\s+(?:are|have\s+been)\s+` + adv + `(?:selected|hired)\b`), outcome: "Offer", check: func(s string, m []int, c string) bool {
		return toldRE.MatchString(s) && notAStep(s, m, c)
	}},
	// A clause with no subject: "visited our campus and was hired as an
	// intern", "Got selected!".
	{re: regexp.MustCompile(`(?:^|,\s*|\band\s+|\bso\s+|\bbut\s+)` + adv + `(?:got|was)\s+` + adv + `(?:selected|hired)\b`), outcome: "Offer", check: noOtherSubject},

	// Ongoing: present tense only; "I had to wait for the results" was
	// before a result the post goes on to tell.
	{re: regexp.MustCompile(`(?:\bi\s+am|\bi'm|\bam|\bstill|\bcurrently|\bnow|^)\s*` + adv + `(?:waiting|awaiting)\s+(?:for\s+)?(?:the\s+|my\s+|their\s+)?(?:final\s+)?(?:results?|outcome|verdict|decision|response|feedback|reply|call|offer)\b`), outcome: "Ongoing"},
	{re: regexp.MustCompile(`\b(?:results?|outcome|verdict|decision)\s+(?:is|are)\s+(?:still\s+)?(?:awaited|pending|not\s+(?:yet\s+)?(?:out|announced|declared)|yet\s+to\s+(?:come|be))`), outcome: "Ongoing"},
	{re: regexp.MustCompile(`\bi\s+(?:am\s+|'m\s+|have\s+)?(?:still\s+)?yet\s+to\s+(?:get|receive|hear)\b`), outcome: "Ongoing"},
	{re: regexp.MustCompile(`\bi\s+(?:haven't|have\s+not|havent)\s+(?:yet\s+)?(?:heard|received|got)\s+(?:back|from|any\s+(?:response|reply|result|news)|the\s+result)`), outcome: "Ongoing"},
}

// clauseBefore returns the part of s's clause before i: "even if you are"
// of "keep going even if you are rejected", "" of "I thought I would be
// selected, but I was rejected" before "I was rejected".
func clauseBefore(s string, i int) string {
	before := s[:i]
	if locs := clauseRE.FindAllStringIndex(before, -1); len(locs) > 0 {
		before = before[locs[len(locs)-1][1]:]
	}
	return before
}

// resultWord maps the word of a "Result: …" label to its outcome.
func resultWord(w string) string {
	switch strings.Join(strings.Fields(w), " ") {
	case "selected", "hired", "offer", "offered":
		return "Offer"
	case "not selected", "rejected":
		return "Rejected"
	case "declined":
		return "Declined"
	case "awaited", "pending", "waiting":
		return "Ongoing"
	}
	return ""
}

// sentenceOutcome returns the outcome one sentence (lower case, from
// sentences) tells of the candidate, or "".
func sentenceOutcome(s, company string) string {
	if strings.HasSuffix(strings.TrimRight(s, " )\"'"), "?") {
		return "" // a question ("Have you got any other offer?") tells nothing
	}
	for _, r := range outcomeRules {
		for _, m := range r.re.FindAllStringSubmatchIndex(s, -1) {
			if unlessRE.MatchString(clauseBefore(s, m[0])) {
				continue // "even if you are rejected", "hope I get selected"
			}
			if r.check != nil && !r.check(s, m, company) {
				continue
			}
			if r.outcome != "" {
				return r.outcome
			}
			if o := resultWord(s[m[2]:m[3]]); o != "" {
				return o
			}
		}
	}
	return ""
}

// outcomeRank orders the outcomes a post may tell: the one ranked first is
// kept (see the top of this file).
var outcomeRank = map[string]int{"Declined": 4, "Offer": 3, "Rejected": 2, "Ongoing": 1}

// outcomeOf returns the outcome the post's paragraphs tell of the
// candidate's interview at company: Offer, Rejected, Ongoing, Declined, or
// "" when they tell none.
//
// A rejection the post follows with another try ("I applied again after
// six months", "Attempt 2") ended only the first try: it is dropped, and
// what the post tells after the new try counts, which may be nothing.
func outcomeOf(paras []string, company string) string {
	best := ""
	for _, p := range paras {
		for _, s := range lowSentences(p) {
			o := sentenceOutcome(s, company)
			if o == "" && best == "Rejected" && retryRE.MatchString(s) {
				best = ""
				continue
			}
			if outcomeRank[o] > outcomeRank[best] {
				best = o
			}
		}
	}
	return best
}

// retryRE is a new try after a rejection, told by the candidate ("I
// applied again", "they called me again", "I was called again") or as a
// heading ("Attempt 2", "Second attempt"); advice to apply again is none.
var retryRE = regexp.MustCompile(`\bi\s+(?:\S+\s+){0,2}?(?:applied|reapplied|re-applied|appeared|tried|interviewed|sat)\s+(?:\S+\s+){0,3}?again\b|` +
	`\bi\s+(?:\S+\s+){0,2}?re-?applied\b|` +
	`\b(?:called|contacted|invited|interviewed|approached|scheduled)\s+me\s+(?:\S+\s+){0,3}?again\b|` +
	`(?:\bi\s+(?:\S+\s+){0,2}?|^)(?:was|got)\s+(?:called|contacted|invited|scheduled)\s+(?:\S+\s+){0,2}?again\b|` +
	`\bi\s+(?:got|had|was\s+given)\s+(?:a\s+)?(?:another|second|2nd)\s+(?:chance|call)\b|` +
	`^(?:\S+\s+)?(?:attempt|try)\s*(?:2|ii|two)\b|^(?:\S+\s+)?(?:second|2nd)\s+(?:attempt|try)\b`)
