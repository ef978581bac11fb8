package main

import (
	"context"
	"testing"

	"askedat/index"
)

// countingSearcher counts the searches that reach it.
type countingSearcher struct {
	searcher
	n int
}

func (c *countingSearcher) Search(ctx context.Context, r index.Request) (*index.Result, error) {
	c.n++
	return &index.Result{Total: uint64(len(r.Query))}, nil
}

func TestCache(t *testing.T) {
	inner := &countingSearcher{}
	s, err := newCachedSearcher(inner, 2)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	reqs := []struct {
		req       index.Request
		wantCalls int
	}{
		{index.Request{Query: "lru", Filters: map[string][]string{"company": {"A", "B"}}}, 1},
		// the same request, filters in another order: from the cache
		{index.Request{Query: "lru", Filters: map[string][]string{"company": {"B", "A"}}}, 1},
		// another page is another answer
		{index.Request{Query: "lru", From: 10, Filters: map[string][]string{"company": {"A", "B"}}}, 2},
		{index.Request{Query: "lru", Filters: map[string][]string{"role": {"A", "B"}}}, 3},
		// evicted by the two after it (size 2)
		{index.Request{Query: "lru", Filters: map[string][]string{"company": {"A", "B"}}}, 4},
	}
	for i, tt := range reqs {
		res, err := s.Search(ctx, tt.req)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != uint64(len(tt.req.Query)) {
			t.Errorf("request %d: total %d, want %d", i, res.Total, len(tt.req.Query))
		}
		if inner.n != tt.wantCalls {
			t.Errorf("after request %d: %d searches reached the index, want %d", i, inner.n, tt.wantCalls)
		}
	}
	if off, _ := newCachedSearcher(inner, 0); off != searcher(inner) {
		t.Errorf("newCachedSearcher(size 0) = %T, want the searcher itself", off)
	}
}

// TestCacheKeyDefaults checks that a request naming the index's defaults
// shares the cache entry of one leaving them out, and that other values do
// not.
func TestCacheKeyDefaults(t *testing.T) {
	base := index.Request{Query: "lru"}
	for _, tt := range []struct {
		name string
		req  index.Request
		same bool
	}{
		{"sort named", index.Request{Query: "lru", Sort: "relevance"}, true},
		{"type named", index.Request{Query: "lru", Type: index.TypeQuestion}, true},
		{"size named", index.Request{Query: "lru", Size: index.DefaultSize}, true},
		{"facet size named", index.Request{Query: "lru", FacetSize: index.DefaultFacetSize}, true},
		{"interval named", index.Request{Query: "lru", DateInterval: "year"}, true},
		{"other sort", index.Request{Query: "lru", Sort: "date"}, false},
		{"other size", index.Request{Query: "lru", Size: 20}, false},
		{"collapsed", index.Request{Query: "lru", Collapse: index.CollapseCluster}, false},
		{"every difficulty named", index.Request{Query: "lru", DifficultySource: index.SourceAny}, true},
		{"stated difficulties", index.Request{Query: "lru", DifficultySource: index.SourceStated}, false},
		{"inferred difficulties", index.Request{Query: "lru", DifficultySource: index.SourceInferred}, false},
	} {
		if got := cacheKey(tt.req) == cacheKey(base); got != tt.same {
			t.Errorf("%s: same key as the plain request = %v, want %v", tt.name, got, tt.same)
		}
	}
	if cacheKey(index.Request{DifficultySource: " Stated"}) != cacheKey(index.Request{DifficultySource: index.SourceStated}) {
		t.Errorf("difficulty_source is read as the index reads it: \" Stated\" is stated and must share its entry")
	}
	if cacheKey(index.Request{Sort: "date"}) != cacheKey(index.Request{}) {
		t.Errorf("without a query, sort=date is the default and must share the entry")
	}
}
