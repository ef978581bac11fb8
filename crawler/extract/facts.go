package extract

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/askedat/askedat"
)

// This file fills in what a post's own words say about the job and the
// result when its page gave no value for them: the role (rolefacts.go) and
// the outcome (outcome.go). A site that shows them as data (Glassdoor's
// offer rating, a "· Role · Status" line) has set them already, and what it
// set is kept: the page's data is surer than a reading of its prose.

// textFacts sets e's Role (and Level, when the same words give one) and
// Status from its text where the page (its data or its title) left them
// empty, then normalises e again (Normalize is idempotent). The role a
// post's questions show is InferRole's, once their categories are known.
func textFacts(e *askedat.Experience) {
	paras := splitParagraphs(e.Body)
	if e.Role == "" {
		f := roleFromText(paras, e.Questions)
		e.Role = f.role
		if e.Level == "" {
			e.Level = f.level
		}
	} else if e.Level == "" {
		// The title named the role but no level ("For SDE"); the text may
		// ("for the SDE-1 position"), for the same role only.
		if f := roleFromText(paras, nil); f.fromText && askedat.NormalizeRole(f.role) == askedat.NormalizeRole(e.Role) {
			e.Level = f.level
		}
	}
	if e.Status == "" {
		e.Status = outcomeOf(paras, e.Company)
	}
	askedat.Normalize(e)
}

// splitParagraphs returns the non-empty paragraphs of a body made by
// paragraphs (blank-line separated).
func splitParagraphs(body string) []string {
	var out []string
	for _, p := range strings.Split(body, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// lowSentences splits a paragraph into sentences as splitSentences does,
// lower-cased, for rules written in lower case.
func lowSentences(p string) []string {
	out := splitSentences(p)
	for i, s := range out {
		out[i] = strings.ToLower(s)
	}
	return out
}

// splitSentences splits a paragraph into sentences, with curly apostrophes
// made straight, dashes made "-" and runs of white space made one, so the
// rules match one spelling. A sentence ends at a run of ".", "!" or "?" followed
// by a space, the end, or a capital (posts write "selected.I was"), and at
// a smiley or an emoji, which posts put where a full stop goes.
func splitSentences(p string) []string {
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, plainSentence(s))
		}
	}
	rs := []rune(p)
	start := 0
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '.' || r == '!' || r == '?':
			j := i
			for j+1 < len(rs) && (rs[j+1] == '.' || rs[j+1] == '!' || rs[j+1] == '?') {
				j++
			}
			if (j+1 == len(rs) || unicode.IsSpace(rs[j+1]) || unicode.IsUpper(rs[j+1])) && !abbreviation(rs[start:i]) {
				add(string(rs[start : j+1]))
				start = j + 1
			}
			i = j
		case r == ':' && i+1 < len(rs) && strings.ContainsRune(")(DP", rs[i+1]) && (i == 0 || unicode.IsSpace(rs[i-1])):
			add(string(rs[start : i+2]))
			start = i + 2
			i++
		case r >= 0x1F300 && r <= 0x1FAFF:
			add(string(rs[start : i+1]))
			start = i + 1
		}
	}
	add(string(rs[start:]))
	return out
}

// abbreviations end in a full stop that ends no sentence.
var abbreviations = []string{"e.g", "i.e", "eg", "ie", "vs", "approx"}

// abbreviation reports whether the text before a full stop ends in one of
// abbreviations ("… e.g. a map").
func abbreviation(before []rune) bool {
	b := strings.ToLower(string(before))
	for _, a := range abbreviations {
		if b == a || strings.HasSuffix(b, " "+a) || strings.HasSuffix(b, "("+a) {
			return true
		}
	}
	return false
}

// plainQuotes straightens quotes and dashes.
var plainQuotes = strings.NewReplacer("’", "'", "‘", "'", "`", "'", "–", "-", "—", "-")

// plainSentence straightens s's quotes and dashes and tidies its spaces.
func plainSentence(s string) string {
	return strings.Join(strings.Fields(plainQuotes.Replace(s)), " ")
}

// words joins a list of words or phrases into a regexp alternation, longest
// first so that "have been" is tried before "have".
func words(ws ...string) string {
	sorted := append([]string(nil), ws...)
	for i := 1; i < len(sorted); i++ {
		for j := i; j > 0 && len(sorted[j]) > len(sorted[j-1]); j-- {
			sorted[j], sorted[j-1] = sorted[j-1], sorted[j]
		}
	}
	for i, w := range sorted {
		sorted[i] = strings.ReplaceAll(regexp.QuoteMeta(w), " ", `\s+`)
	}
	return `(?:` + strings.Join(sorted, "|") + `)`
}
