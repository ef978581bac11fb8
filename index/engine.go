// Search: the steps of one search, from the request to its result. The
// steps are in plan.go (the request made ready), scan.go (the pass over the
// matches), facets.go (the counts merged), rank.go (the order and the top
// hits), hits.go (the page loaded) and didyoumean.go.

package index

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/askedat/askedat/query"
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
// It makes one pass over the matches of the text: the matchers of
// postings.go (or bleve's searcher, for what they do not take) find and
// score them, and each match is checked against the filters, counted in
// the facets and offered to the top hits by reading columns (see column).
// Ranked by score, the pass is two loops (scan_ranked.go): every match
// counted from the postings' bitmaps, then only the hits that may rank
// scored. The document numbers are split between two workers, each with
// its own matcher, counters and top hits, merged at the end.
//
// Collapsed (Request.Collapse), each worker keeps every cluster's best
// candidate and count, found through an array indexed by the cluster's
// ordinal (a column like the others), and offers only the questions alone
// in their cluster (or without one) to its top hits; the workers' clusters
// are merged, and the top groups selected from them and those questions
// (collapse.go).
func (x *Index) Search(ctx context.Context, r Request) (*Result, error) {
	res, _, err := x.search(ctx, r, nil)
	return res, err
}

// SearchParsed is Search for a request whose query text the caller has
// lexed already, so that the text is lexed once: searchd parses it for the
// shape its log gives (query.Parse, Query.Shape) and hands the parse on. q
// is what query.Parse made of r.Query (spaces around it aside), or nil to
// have r.Query lexed here, as Search does; a caller whose parse failed
// passes nil, so that the search reports the error where it always does,
// after the request's other checks.
func (x *Index) SearchParsed(ctx context.Context, r Request, q *query.Query) (*Result, error) {
	res, _, err := x.search(ctx, r, q)
	return res, err
}

// searchStats is what one search spent, its re-searches included: the
// steps of its budget, and the matches (or documents, without text) its
// scans visited. Search's answer does not carry it; the tests of the
// budget and of deadlines read it (export_test.go).
type searchStats struct {
	spent   int
	visited uint64
}

// search is Search and SearchParsed, with what the search spent, also when
// it fails.
func (x *Index) search(ctx context.Context, r Request, lexed *query.Query) (res *Result, st searchStats, err error) {
	start := time.Now()
	if err := r.Normalize(); err != nil {
		return nil, st, err
	}
	if lexed != nil && lexed.Text != r.Query {
		if strings.TrimSpace(lexed.Text) != r.Query {
			return nil, st, fmt.Errorf("search: the query parsed, %q, is not the request's, %q", lexed.Text, r.Query)
		}
		trimmed := *lexed // the spaces around change no clause; messages quote r.Query
		trimmed.Text = r.Query
		lexed = &trimmed
	}
	b := newBudget()
	defer func() { st = b.stats() }()
	snap, err := x.snapshot(ctx)
	if err != nil {
		return nil, st, err
	}
	p, err := snap.plan(ctx, &r, lexed, b)
	if err != nil {
		return nil, st, err
	}
	parts, err := p.run(ctx)
	if err != nil {
		return nil, st, err
	}
	res = p.result(&r, parts)
	res.Relaxed = p.relaxed
	ranked, hits := p.ranked(parts, res)
	if err := snap.loadHits(ctx, res, p, ranked, hits, &r); err != nil {
		return nil, st, err
	}
	if res.Total == 0 && p.text != nil {
		if res.Suggestion, err = snap.suggest(ctx, r, p.text, b); err != nil {
			return nil, st, err
		}
	}
	res.Partial, res.PartialReason = b.partial()
	res.Took = time.Since(start)
	return res, st, nil
}
