// Relaxations: the looser forms of a query that finds too little.

package index

import (
	"slices"
	"sort"

	bleveq "github.com/blevesearch/bleve/v2/search/query"
)

// A relaxation is a looser form of a query, for a search whose strict form
// finds too little.
type relaxation struct {
	q       bleveq.Query
	dropped []string // the words typed that no longer need to match
}

// relaxations returns the looser forms of pq, loosest last: the least
// informative plain word (the one most documents have; a word no document
// has first of all) made optional, then the next, down to the rarest word
// alone (one that does not only narrow: see requirement.narrows), and last
// any one of the plain words. Each says which words it made optional: a
// document that matches it and not the forms before lacks one of them.
// Phrases, prefixes, ORs, field filters and exclusions keep their strict
// meaning in every form. A query
// with fewer than two plain words has none but the last, which then equals
// the query itself and is left out.
func (pq *compiledQuery) relaxations() []relaxation {
	var order []int
	for i, r := range pq.reqs {
		if r.relaxable {
			order = append(order, i)
		}
	}
	if len(order) < 2 {
		return nil
	}
	// Most documents first; a word no document has is dropped before all;
	// on a tie, the word typed last goes first.
	useless := func(r requirement) bool { return r.docs == 0 }
	sort.SliceStable(order, func(a, b int) bool {
		ra, rb := pq.reqs[order[a]], pq.reqs[order[b]]
		if useless(ra) != useless(rb) {
			return useless(ra)
		}
		if ra.docs != rb.docs {
			return ra.docs > rb.docs
		}
		return order[a] > order[b]
	})
	// The word kept longest is one that does not only narrow, when there
	// is one: a difficulty alone ("easy" of "easy binary tree") would find
	// questions with nothing of what was asked.
	for k := len(order) - 1; k >= 0; k-- {
		if v := order[k]; !pq.reqs[v].narrows {
			order = append(slices.Delete(order, k, k+1), v)
			break
		}
	}
	var out []relaxation
	drop := make([]bool, len(pq.reqs))
	var dropped []string
	for _, i := range order[:len(order)-1] {
		drop[i] = true
		dropped = append(dropped, pq.reqs[i].words...)
		out = append(out, relaxation{q: pq.bleveQuery(slices.Clone(drop), false), dropped: slices.Clone(dropped)})
	}
	var all []string
	for _, i := range order {
		all = append(all, pq.reqs[i].words...)
	}
	out = append(out, relaxation{q: pq.bleveQuery(nil, true), dropped: all})
	return out
}
