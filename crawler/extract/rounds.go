package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file tells the name of a part of an interview ("Round 2", "Telephonic
// round", "Face to Face Interview 5 (Bar raiser)") from the other short lines
// a post puts on their own: headings over questions or over advice.

var (
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
)

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

// capitalised reports whether s starts with a capital letter or a digit.
func capitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}
