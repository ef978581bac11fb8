// Concepts: runs of the query's words that name a problem or topic of the
// catalogue (internal/catalog), which a match may have instead of the words.

package index

import (
	"slices"
	"strings"
	"unicode"

	bleveq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/askedat/askedat/internal/catalog"
	"github.com/askedat/askedat/query"
)

// ConceptBoost weighs a question (or post) that the catalogue of interview
// problems and topics (internal/catalog) tags with what a run of the
// query's words names, for each word of the run: "number of ways to climb
// stairs" finds "count ways to reach the nth stair" through the problem
// both name, and ranks it as if it had the words.
const ConceptBoost = 2.0

// conceptsOf finds the catalogue's problems and topics that runs of plain
// words of the query name, and returns them by the groups they cover.
func conceptsOf(groups []query.Group) map[int][]string {
	out := map[int][]string{}
	var run []string
	start := 0
	flush := func() {
		if len(run) == 0 {
			return
		}
		for _, sp := range catalog.MatchWords(run) {
			first, last := widenSpan(run, sp)
			for j := first; j <= last; j++ {
				if !slices.Contains(out[start+j], sp.ID) {
					out[start+j] = append(out[start+j], sp.ID)
				}
			}
		}
		run = nil
	}
	for i, g := range groups {
		if len(g) == 1 && g[0].Kind == query.WordClause && !g[0].Neg {
			if len(run) == 0 {
				start = i
			}
			run = append(run, g[0].Text)
			continue
		}
		flush()
	}
	flush()
	return out
}

// widenSpan returns the words of run a mention of a catalogue entry covers:
// the span the matcher found, widened over the neighbouring words that the
// entry's names use too ("number of ways to" beside "climb stairs", which a
// name of climbing stairs matched alone), and over stop words between them.
// A post tagged with the problem then has every word the query spent
// naming it.
func widenSpan(run []string, sp catalog.Span) (first, last int) {
	e := catalog.Lookup(sp.ID)
	if e == nil {
		return sp.First, sp.Last
	}
	named := map[string]bool{}
	for _, n := range e.Names {
		for _, w := range strings.Fields(n) {
			named[spanWord(w)] = true
		}
	}
	ok := func(i int) bool { w := spanWord(run[i]); return named[w] || spanStopWords[w] }
	first, last = sp.First, sp.Last
	for first > 0 && ok(first-1) {
		first--
	}
	for last < len(run)-1 && ok(last+1) {
		last++
	}
	for first < sp.First && spanStopWords[spanWord(run[first])] {
		first++
	}
	for last > sp.Last && spanStopWords[spanWord(run[last])] {
		last--
	}
	return first, last
}

// spanWord is a word as widenSpan compares it: lower case, without
// punctuation around it or a plural s.
func spanWord(w string) string {
	w = strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
	if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		w = w[:len(w)-1]
	}
	return w
}

// spanStopWords may stand inside a widened span.
var spanStopWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "to": true, "in": true,
	"on": true, "at": true, "for": true, "with": true, "each": true, "by": true, "from": true, "and": true, "or": true}

// withConcepts returns q or, for the groups first..last of a query that
// name concepts of the catalogue (conceptsOf), q or any of them.
func withConcepts(q bleveq.Query, concepts map[int][]string, first, last int) bleveq.Query {
	var ids []string
	for i := first; i <= last; i++ {
		for _, id := range concepts[i] {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return q
	}
	alts := []bleveq.Query{q}
	for _, id := range ids {
		field := fieldConcept
		if catalog.IsRound(id) {
			field = fieldRound
		}
		alts = append(alts, termInField(id, field, ConceptBoost))
	}
	return bleveq.NewDisjunctionQuery(alts)
}
