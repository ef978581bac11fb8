package main

import (
	"regexp"
	"strings"

	"github.com/askedat/askedat/internal/catalog"
)

// problemOf returns the catalogue's problem a question asks, for grouping:
// the problem its title names, else the one its title and body name
// together; "" when they name none, or several with none first. A title
// that names several asks the first ("Determine the diameter of a tree
// (… we had to sort the input and make a BST)"); a body is the ask's
// detail, where a second problem is most often a follow-up or a hint, so
// a body naming two groups by neither.
func problemOf(title, body string) string {
	_, p := problemsOf(title, body)
	return p
}

// problemsOf returns the problem the title names (firstProblem) and the
// one the question asks (problemOf), matching the title once. A title that
// only asks whether the candidate knows something ("He asked do I know
// level order traversal.") leads in to the ask its body tells ("… then
// asked for the spiral order"): the body's first problem is the one asked
// and rated, when the body names one.
func problemsOf(title, body string) (inTitle, asked string) {
	if leadInRE.MatchString(firstSentence(title)) {
		if p := firstNamed(body); p != "" {
			return p, p
		}
	}
	if p := restated(title); p != "" {
		return p, p
	}
	if p := firstProblem(title); p != "" && !catalog.RuledOut(p, body) {
		return p, p
	}
	// A title that does not end its sentence goes on in the body ("You are
	// given a sorted but rotated array like 6 7 8 1 2" / "You have to
	// search an element"): read them as one sentence.
	sep := "\n"
	if t := strings.TrimSpace(title); t != "" && !strings.ContainsAny(t[len(t)-1:], ".?!;") {
		sep = " "
	}
	return "", onlyProblem(catalog.Tags(title + sep + body))
}

// restated returns the problem a title names after "i.e." or "that is":
// the words a post restates its ask in are the ask ("He asked me subset
// sum problem i.e. find the maximum sum contiguous subarray" asks
// Kadane's problem, whatever name the post gave it first).
func restated(title string) string {
	title = firstSentence(title)
	loc := restatedRE.FindStringIndex(title)
	if loc == nil || variantRE.MatchString(title) {
		return ""
	}
	return firstNamed(title[loc[1]:])
}

// restatedRE finds where a title restates its ask.
var restatedRE = regexp.MustCompile(`(?i)\bi\.\s?e\b\.?\s*[,;:]?\s|\bie[,;:]\s|,\s*that is\s*,\s`)

// leadInRE finds a question whether the candidate knows something.
var leadInRE = regexp.MustCompile(`(?i)\b(?:do|did) (?:i|you) know\b|\bhave you (?:heard|used|seen)\b|\bare you (?:familiar|aware)\b|\b(?:whether|if) i knew\b`)

// firstProblem returns the problem a title names first, if no other
// problem is named at the same word. Only its first sentence counts: a
// title that runs on ("… of size m*n. During the round he also asked …")
// is a paragraph the splitter could not cut, and its ask is at its start.
// A title that says it asks a variant ("a variation of stock buy and
// sell") names no problem: the variant is another question, rated apart.
func firstProblem(title string) string {
	title = firstSentence(title)
	if variantRE.MatchString(title) {
		return ""
	}
	return firstNamed(title)
}

// firstNamed returns the problem text names first, if no other problem is
// named at the same word.
func firstNamed(text string) string {
	found, first := "", -1
	for _, sp := range catalog.MatchWords(strings.Fields(text)) {
		if e := catalog.Lookup(sp.ID); e == nil || e.Kind != catalog.KindProblem || sp.ID == found {
			continue
		}
		switch {
		case found == "":
			found, first = sp.ID, sp.First
		case sp.First == first:
			return "" // two problems at once: which is asked is not known
		}
	}
	return found
}

// onlyProblem returns the one problem among tags, or "".
func onlyProblem(tags []string) string {
	found := ""
	for _, id := range tags {
		if e := catalog.Lookup(id); e != nil && e.Kind == catalog.KindProblem {
			if found != "" {
				return ""
			}
			found = id
		}
	}
	return found
}

// knownProblemOf is problemOf for a question whose title is a problem's
// known name (a LeetCode title of an imported list): the catalogue's entry
// of that LeetCode title; else problemOf's, unless that entry is another
// LeetCode problem. "Permutation Sequence" mentions permutations, but it is
// not LeetCode's Permutations, and must neither join its group nor give it
// its rating.
func knownProblemOf(title, body string) string {
	if e := catalog.ByLeetCode(title); e != nil && e.Kind == catalog.KindProblem {
		return e.ID
	}
	p := problemOf(title, body)
	if e := catalog.Lookup(p); e != nil && e.LeetCode != "" {
		return ""
	}
	return p
}

// variantRE finds a title that asks a variant of a problem.
var variantRE = regexp.MustCompile(`(?i)\b(variation|variant|modified version|modification|twist|extension)s? (of|on)\b|\bsimilar to\b`)

// sentenceEndRE ends a sentence: ".", "?" or "!" before a space or the
// end, after a word of more than three letters, a digit or a space ("vs."
// and "e.g." end nothing; "m*n . during" does).
var sentenceEndRE = regexp.MustCompile(`([A-Za-z]{4,}|[0-9)]|\s)[.?!]+(\s|$)`)

// firstSentence returns s up to the end of its first sentence.
func firstSentence(s string) string {
	if loc := sentenceEndRE.FindStringIndex(s); loc != nil {
		return s[:loc[1]]
	}
	return s
}
