// Search: the steps of one search, from the request to its result. The
// steps are in plan.go (the request made ready), scan.go (the pass over the
// matches), facets.go (the counts merged), rank.go (the order and the top
// hits), hits.go (the page loaded) and didyoumean.go.

package index

import (
	"context"
	"time"
)

// Search runs r and returns the hits of the page asked for, the total number
// of matches and the facet counts over all matches. Invalid requests give a
// *RequestError.
//
// Facets are disjunctive: the counts of a field ignore that field's own
// filter (so with company=Amazon ticked the company list still offers
// Google, with its count) and apply every other filter. Values ticked in a
// filter are always listed, even at count 0.
//
// It makes one pass over the matches of the text: bleve's searcher finds and
// scores them, and each match is checked against the filters, counted in
// the facets and offered to the top hits by reading columns (see column).
// The document numbers are split between two workers, each with its own
// searcher, counters and top hits, merged at the end.
//
// Collapsed (Request.Collapse), each worker keeps every cluster's best
// candidate and count, found through an array indexed by the cluster's
// ordinal (a column like the others), and offers only the questions alone
// in their cluster (or without one) to its top hits; the workers' clusters
// are merged, and the top groups selected from them and those questions
// (collapse.go).
func (x *Index) Search(ctx context.Context, r Request) (*Result, error) {
	start := time.Now()
	if err := r.normalize(); err != nil {
		return nil, err
	}
	b := newBudget()
	if seen, ok := ctx.Value(budgetProbeKey{}).(**budget); ok {
		*seen = b // tests read what the search spent
	}
	ctx = withBudget(ctx, b)
	snap, err := x.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	p, err := snap.plan(ctx, &r)
	if err != nil {
		return nil, err
	}
	parts, err := p.run(ctx)
	if err != nil {
		return nil, err
	}
	res := p.result(&r, parts)
	res.Relaxed = p.relaxed
	ranked, hits := p.ranked(parts, res)
	if err := snap.loadHits(ctx, res, p, ranked, hits, &r); err != nil {
		return nil, err
	}
	if res.Total == 0 && p.text != nil {
		if res.Suggestion, err = snap.suggest(ctx, r, p.text); err != nil {
			return nil, err
		}
	}
	res.Partial, res.PartialReason = b.partial()
	res.Took = time.Since(start)
	return res, nil
}
