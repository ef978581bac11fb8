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
