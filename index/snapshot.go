// Snapshots: the bleve reader and the columns a search reads, opened once
// per index (or once per write, for an index that is written to).

package index

import (
	"context"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
)

// A snapshot is what searches read: one bleve reader, held open, and the
// columns built from it. An index that is not written to while it is
// searched (every index searchd serves) has one snapshot for its lifetime.
type snapshot struct {
	r        bindex.IndexReader
	text     *textStore // the index's: what hits show
	cols     *columns
	m        mapping.IndexMapping
	analyzer analysis.Analyzer // of the text fields
	pairs    analysis.Analyzer // of the pairs fields
	ctx      context.Context   // carries the scoring model for bleve's searchers
	bm25     bool              // the scoring model is BM25 (else tf-idf), for the matchers of postings.go
	// identity names the index's content for cursors: the same in every
	// process that opens the same version (Index.identity), or "" for an
	// index that may be written, whose cursors hold for this snapshot only.
	identity string
	// dict holds the tables the index records (Index.Dictionaries).
	dict Dictionaries
	// groupSets holds the empty groupSets of collapsed searches, for
	// reuse.
	groupSets sync.Pool
	// globals holds the facets' counts over every document of a type
	// (*facetCounts by globalKey), for searches with a single filter.
	globals sync.Map
}

// snapshot returns the current snapshot, building it on first use.
func (x *Index) snapshot(ctx context.Context) (*snapshot, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.snap != nil {
		return x.snap, nil
	}
	adv, err := x.bi.Advanced()
	if err != nil {
		return nil, fmt.Errorf("open reader of %s: %w", x.path, err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("open reader of %s: %w", x.path, err)
	}
	cols, err := loadColumns(ctx, r)
	if err != nil {
		r.Close()
		return nil, fmt.Errorf("index %s: %w", x.path, err)
	}
	m := x.bi.Mapping()
	a, pa := m.AnalyzerNamed(en.AnalyzerName), m.AnalyzerNamed(pairsAnalyzerName)
	if a == nil || pa == nil {
		r.Close()
		return nil, fmt.Errorf("analyzers %s and %s are not both in the mapping of %s", en.AnalyzerName, pairsAnalyzerName, x.path)
	}
	scoring := bindex.DefaultScoringModel
	if im, ok := m.(*mapping.IndexMappingImpl); ok && im.ScoringModel != "" {
		scoring = im.ScoringModel
	}
	sctx := context.WithValue(context.Background(), search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return scoring }))
	id, err := x.identity()
	if err != nil {
		r.Close()
		return nil, err
	}
	dict, err := x.Dictionaries()
	if err != nil {
		r.Close()
		return nil, err
	}
	x.snap = &snapshot{r: r, text: x.text, cols: cols, m: m, analyzer: a, pairs: pa, ctx: sctx, bm25: scoring == bindex.BM25Scoring, identity: id, dict: dict}
	return x.snap, nil
}

// Identity names the index's content, as cursors do: the same in every
// process that opens the same version or a copy of it, another for other
// content; "" for an index that may be written. searchd's entity tags use
// it, so that a folder rebuilt under the same name gets new ones.
func (x *Index) Identity(ctx context.Context) (string, error) {
	snap, err := x.snapshot(ctx)
	if err != nil {
		return "", err
	}
	return snap.identity, nil
}

// dropSnapshot closes the snapshot after a write, so the next search sees it.
func (x *Index) dropSnapshot() {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.snap != nil {
		x.snap.r.Close()
		x.snap = nil
	}
}

// Warm loads what searches need (the columns) now rather than at the first
// search. searchd calls it before it reports ready.
func (x *Index) Warm(ctx context.Context) error {
	_, err := x.snapshot(ctx)
	return err
}
