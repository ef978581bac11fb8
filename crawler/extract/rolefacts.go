package extract

import (
	"regexp"
	"strings"

	"github.com/askedat/askedat"
)

// This file reads the role a post's text says the candidate interviewed
// for, when its title names none: "I was interviewed for the position of
// Software Development Engineer", "Acme visited our campus for SDE-1
// positions", "hiring Software Developer interns". The words that name
// the role are read as a title's are (titleFacts), so "SDE-1" is role SDE,
// level SDE-1, and "interns" is level Intern.
//
// Where the text names no role, a post whose questions are largely coding
// problems (data structures and algorithms) was an interview for a
// programming job: its role is Software Engineer. That is how such
// interviews go; a tester's or an analyst's interview is told with its own
// role ("for the SDET role", "for the QA profile"), and a post that names a
// role the rules cannot read is left without one rather than given this.
// The questions' categories are those the page states; the ones the
// crawler infers (package classify, which cannot be imported here: its
// tests read pages through this package) come after extraction, so the
// crawler calls InferRole once they are in.

// roleNouns are the words a post uses for the job it applied to.
var roleNouns = []string{"position", "positions", "role", "roles", "profile", "profiles", "opening",
	"openings", "post", "job", "vacancy", "vacancies", "requirement", "designation"}

// roleVerbs lead to "for <role>": "applied for", "visited our campus for",
// "got a call for", "hiring for".
var roleVerbs = []string{"apply", "applied", "applying", "interview", "interviewed", "interviewing",
	"interviews", "hire", "hired", "hiring", "recruit", "recruited", "recruiting", "recruitment",
	"visited", "came", "come", "call", "called", "drive", "test", "selected", "shortlisted", "offer",
	"offered", "process", "opportunity", "referred", "referral", "candidature", "candidate"}

// notOwnWords in a sentence make it about someone else: "my friend applied
// for the SDET role".
var notOwnWords = []string{"friend", "friends", "senior", "seniors", "colleague", "colleagues",
	"brother", "sister", "cousin", "roommate", "classmate", "classmates", "batchmate", "batchmates",
	"he", "she", "his", "her"}

var (
	nounsRE = words(roleNouns...)
	// roleOfRE is "for the position of X", "as the role of X".
	roleOfRE = regexp.MustCompile(`(?i)\b(?:for|as|of|to)\s+(?:the\s+|an?\s+)?` + nounsRE + `\s+(?:of|as)\s+(?:an?\s+)?([^,.;:()!?]{2,50})`)
	// roleNounRE is "for the SDE-1 position", "as an SDET role".
	// The role is a few words ("SDE-1", "Software Development Engineer"),
	// not a clause ("as they wanted to look at my profile again").
	roleNounRE = regexp.MustCompile(`(?i)\b(?:for|as)\s+(?:the\s+|an?\s+|their\s+|its\s+)?((?:[^\s,.;:()!?]+\s+){0,3}?[^\s,.;:()!?]+)\s+` + nounsRE + `\b`)
	// roleForRE is "applied … for SDE-1", "visited our campus for SDE".
	roleForRE = regexp.MustCompile(`(?i)\b` + words(roleVerbs...) + `\b[^.;!?]{0,40}?\bfor\s+(?:the\s+|an?\s+)?([^,.;:()!?]{2,40})`)
	// roleAsRE is "hired as an intern", "interviewed as SDE".
	roleAsRE = regexp.MustCompile(`(?i)\b(?:hired|selected|joining|interviewed|interviewing|applied|apply|applying|recruited)(?:\s+me)?\s+as\s+(?:an?\s+)?([^,.;:()!?]{2,40})`)
	// roleHiringRE is "hiring Software Developer interns", "recruiting SDEs".
	roleHiringRE = regexp.MustCompile(`(?i)\b(?:hiring|recruiting|selecting)\s+(?:for\s+)?([^,.;:()!?]{2,40})`)
	// softwareRoleRE is a software role as titles name it.
	softwareRoleRE = regexp.MustCompile(sdetRE.String() + `|` + sdeRE.String() + `|` + swRoleRE.String())
	notOwnRE       = regexp.MustCompile(`(?i)\b` + words(notOwnWords...) + `\b`)
	// greetingRE is a greeting to the readers ("Hello friends,"), which
	// makes a sentence no one else's.
	greetingRE = regexp.MustCompile(`(?i)^(?:hello|hi|hey|dear)\s+(?:friends|all|everyone|guys|folks|geeks)\b`)
	firstRE    = regexp.MustCompile(`(?i)\b(?:i|me|my|i'm|i've)\b`)
	// unreadRE is a phrase that is no role: a role noun after words that
	// say nothing of the job ("for the same position", "for this role").
	unreadRE = regexp.MustCompile(`(?i)^(?:the\s+)?(?:same|this|that|any|other|another|different|new|next|current|open|which|what|such|dream|first)\b|\b(?:i|me|my|you|your|we|our|they|their|he|his|she|her)\b`)
)

// introParas and outroParas are how many paragraphs at the start and the
// end of a post are read for the role in any sentence; those between are
// read only in sentences the candidate tells in the first person (the
// middle is mostly questions).
const (
	introParas = 4
	outroParas = 4
)

// minCodingQuestions is the fewest coding questions a post must hold for
// its role to be taken for Software Engineer when the text names none.
const minCodingQuestions = 2

// minTechQuestions is the fewest coding and design questions together.
const minTechQuestions = 3

// InferRole gives e, when it has no role, the one its text and questions
// show (roleFromText): call it once the questions' categories are filled
// in (classify.Fill), as Page could use only the categories pages state.
// A role e has is kept.
func InferRole(e *askedat.Experience) {
	if e.Role != "" {
		return
	}
	f := roleFromText(splitParagraphs(e.Body), e.Questions)
	e.Role = f.role
	if e.Level == "" {
		e.Level = f.level
	}
	askedat.Normalize(e)
}

// A roleFact is what a post's text says of the role.
type roleFact struct {
	role, level string
	// fromText says the role was named in the text (not inferred from the
	// questions).
	fromText bool
}

// roleFromText returns the role (and level) paras name for the candidate,
// else, when qs are coding problems and no sentence names a role the rules
// cannot read, Software Engineer. With no qs nothing is inferred.
func roleFromText(paras []string, qs []askedat.Question) roleFact {
	var level string
	blocked := false
	for _, part := range rolePassages(paras) {
		for _, s := range splitSentences(part.text) {
			if notOwnRE.MatchString(greetingRE.ReplaceAllString(s, "")) || !part.any && !firstRE.MatchString(s) {
				continue
			}
			role, lvl, named := sentenceRole(s)
			switch {
			case role != "":
				if lvl == "" {
					lvl = level
				}
				return roleFact{role: role, level: lvl, fromText: true}
			case named:
				blocked = true
			}
			if level == "" {
				level = lvl
			}
		}
	}
	if !blocked && codingInterview(paras, qs) {
		return roleFact{role: "Software Engineer", level: level}
	}
	return roleFact{level: level}
}

// A passage is a paragraph to read for the role; any says every sentence
// counts, not only those in the first person.
type passage struct {
	text string
	any  bool
}

// rolePassages returns the paragraphs in the order they are read: the
// intro, then the end (where "they extended me the offer for the SDE-1
// profile" is told), then the middle.
func rolePassages(paras []string) []passage {
	var out []passage
	n := len(paras)
	for i := 0; i < n && i < introParas; i++ {
		out = append(out, passage{paras[i], true})
	}
	for i := max(introParas, n-outroParas); i < n; i++ {
		out = append(out, passage{paras[i], true})
	}
	for i := introParas; i < n-outroParas; i++ {
		out = append(out, passage{paras[i], false})
	}
	return out
}

// sentenceRole returns the role and level one sentence names where it
// says what was applied for; named reports a role noun ("for the X
// position") whose X the rules cannot read, so no role is to be guessed.
func sentenceRole(s string) (role, level string, named bool) {
	for i, re := range []*regexp.Regexp{roleOfRE, roleNounRE, roleAsRE, roleForRE, roleHiringRE} {
		for _, m := range re.FindAllStringSubmatch(s, -1) {
			phrase := strings.TrimSpace(m[1])
			r, l, _ := titleFacts(phrase)
			// Any job title ("Data Analyst") is taken where a role noun or
			// "hired as" introduces it; after a bare "for" it is as likely
			// an interviewer's ("the call for the Hiring Manager round"),
			// so there only the software roles count.
			if r != "" && (i < 3 || softwareRoleRE.MatchString(phrase)) {
				return r, l, false
			}
			if level == "" {
				level = l
			}
			if i < 2 && r == "" && !unreadRE.MatchString(phrase) {
				named = true
			}
		}
	}
	return "", level, named
}

// codingInterview reports whether a post's questions are a programmer's
// interview: coding problems (minCodingQuestions or more) and design
// questions, a quarter of them or more, and its text no tester's interview
// (several asks to write test cases).
func codingInterview(paras []string, qs []askedat.Question) bool {
	coding, design := 0, 0
	for _, q := range qs {
		switch askedat.NormalizeCategory(q.Category) {
		case "Data Structures & Algorithms":
			coding++
		case "System Design":
			design++
		}
	}
	// A campus interview asks as many questions on operating systems,
	// networks and the candidate's projects as coding problems: a quarter
	// of coding and design questions is a programmer's interview still.
	if coding < minCodingQuestions || coding+design < minTechQuestions || 4*(coding+design) < len(qs) {
		return false
	}
	tests := 0
	for _, p := range paras {
		tests += len(testAskRE.FindAllStringIndex(p, -1))
	}
	return tests < maxTestAsks
}

// testAskRE is an ask a tester's interview is made of: test cases to
// derive or write, testing to describe. A coding round's "passed all test
// cases" is none.
var testAskRE = regexp.MustCompile(`(?i)\b(?:derive|write|list|design|enumerate|give|frame|prepare|what\s+are|think\s+of|come\s+up\s+with)\s+(?:the\s+|all\s+|some\s+|possible\s+|maximum\s+number\s+of\s+|(?:\w+\s+){0,2})?test[\s-]*cases?\b|\b(?:manual|automation|automated|regression|black[- ]box|white[- ]box)\s+testing\b|\bselenium\b`)

// maxTestAsks is how many such asks make a post a tester's interview.
const maxTestAsks = 3
