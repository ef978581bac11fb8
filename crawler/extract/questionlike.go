package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// This file tells a line that reads as a question or a task ("Find the kth
// node", "What is a deadlock?", "He asked me to design a cache") from one
// that tells the story of the interview.

var (
	// askedRE is "He asked me to …" before a question.
	askedRE = regexp.MustCompile(`(?i)^(?:then\s+|and\s+|after that\s+|next\s+)?(?:he|she|they|the interviewer|interviewer)\s+(?:then\s+)?(?:asked|told|gave)\s+(?:me\s+)?(?:to\s+)`)
	// gaveProblemRE is a story line that tells of a problem being asked:
	// "Then he gave me another problem.", "he asked me the question of …".
	gaveProblemRE = regexp.MustCompile(`(?i)\b(?:asked|gave)\s+(?:me\s+|us\s+)?(?:the|a|an|one|another|two|three|this|following)?\s*(?:coding |programming |design |simple |tricky )?(?:problems?|questions?|puzzles?)\b`)
	// problemOfRE is what follows "the problem" when the line says which.
	problemOfRE = regexp.MustCompile(`(?i)^\s*(?:of|on|about|related to|where|in which|based on|:\s*\S.{15})`)

	// narrativeRE starts a line that tells what happened rather than what
	// was asked.
	narrativeRE = regexp.MustCompile(`(?i)^(?:so|i|i'm|i’m|i've|i’ve|i'd|we|my|our|after|next day|overall|finally|thanks?|thank you|all the best|best of luck|good luck|hope|this (?:round|interview|was)|the (?:interview|round|process)|it was|there (?:was|were)|in the end|at last|later)\b`)
	// qWordRE starts a line that reads as a question or a task.
	qWordRE = regexp.MustCompile(`(?i)^(?:given|find|finding|write|wap|design|designing|implement|print|check|convert|count|reverse|merge|sort|search|detect|delete|remove|insert|add|compute|calculate|explain|describe|tell|how|what|why|when|where|which|who|whom|is|are|can|could|do|does|did|would|should|will|code|program|create|build|construct|clone|connect|rotate|flatten|serialize|deserialize|get|return|determine|validate|verify|swap|segregate|partition|arrange|rearrange|generate|longest|maximum|minimum|max|min|kth|nth|largest|smallest|lowest|shortest|median|puzzle|difference|differences|differentiate|discussion|discussed|discuss|questions? (?:on|about|from|related)|asked|introduce|introduction|self introduction|situation|scenario|optimi[sz]e|modify|traverse|level order|fill|transform|encode|decode|parse|schedule|simulate|solve|prove|identify|list|give|provide|suppose|assume|consider|you are|you have|you will|you're|there is|there are|there's|a (?:program|function|question) to|basic|project|projects|any|about|suggest|define|compare|mirror|spiral|zigzag|binary|linked list|lru|lca|bfs|dfs|dp|sql|oops?)\b`)

	// genericQuestionsRE is a line that only says questions were asked.
	genericQuestionsRE = regexp.MustCompile(`(?i)^(?:a lot of |lots? of |various (?:types of )?|some |few |a few |other |general |many |more |basic |the )?[\w/ ]{0,30}\bquestions?(?: again| were asked| asked)?\s*[.:]?$`)
)

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
