package main

import (
	"context"
	"fmt"
	"github.com/askedat/askedat"
	"runtime"
	"strings"
	"testing"

	"github.com/askedat/askedat/query"
)

// countingSearcher counts the searches that reach it.
type countingSearcher struct {
	searcher
	n int
}

func (c *countingSearcher) SearchParsed(ctx context.Context, r askedat.Request, q *query.Query) (*askedat.Result, error) {
	c.n++
	return &askedat.Result{Total: uint64(len(r.Query))}, nil
}

func TestCache(t *testing.T) {
	inner := &countingSearcher{}
	s, err := newCachedSearcher(inner, 2)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	reqs := []struct {
		req       askedat.Request
		wantCalls int
	}{
		{askedat.Request{Query: "lru", Filters: map[string][]string{"company": {"A", "B"}}}, 1},
		// the same request, filters in another order: from the cache
		{askedat.Request{Query: "lru", Filters: map[string][]string{"company": {"B", "A"}}}, 1},
		// another page is another answer
		{askedat.Request{Query: "lru", From: 10, Filters: map[string][]string{"company": {"A", "B"}}}, 2},
		{askedat.Request{Query: "lru", Filters: map[string][]string{"role": {"A", "B"}}}, 3},
		// evicted by the two after it (size 2)
		{askedat.Request{Query: "lru", Filters: map[string][]string{"company": {"A", "B"}}}, 4},
	}
	for i, tt := range reqs {
		res, err := s.SearchParsed(ctx, tt.req, nil)
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
	base := askedat.Request{Query: "lru"}
	for _, tt := range []struct {
		name string
		req  askedat.Request
		same bool
	}{
		{"sort named", askedat.Request{Query: "lru", Sort: "relevance"}, true},
		{"type named", askedat.Request{Query: "lru", Type: askedat.TypeQuestion}, true},
		{"size named", askedat.Request{Query: "lru", Size: askedat.DefaultSize}, true},
		{"facet size named", askedat.Request{Query: "lru", FacetSize: askedat.DefaultFacetSize}, true},
		{"interval named", askedat.Request{Query: "lru", DateInterval: "year"}, true},
		{"other sort", askedat.Request{Query: "lru", Sort: "date"}, false},
		{"other size", askedat.Request{Query: "lru", Size: 20}, false},
		{"collapsed", askedat.Request{Query: "lru", Collapse: askedat.CollapseCluster}, false},
		{"every difficulty named", askedat.Request{Query: "lru", DifficultySource: askedat.SourceAny}, true},
		{"stated difficulties", askedat.Request{Query: "lru", DifficultySource: askedat.SourceStated}, false},
		{"inferred difficulties", askedat.Request{Query: "lru", DifficultySource: askedat.SourceInferred}, false},
		{"oldest first", askedat.Request{Query: "lru", Sort: "date_asc"}, false},
		{"a date range", askedat.Request{Query: "lru", DateFrom: "2023"}, false},
		{"a range's other end", askedat.Request{Query: "lru", DateTo: "2023"}, false},
	} {
		if got := cacheKey(tt.req) == cacheKey(base); got != tt.same {
			t.Errorf("%s: same key as the plain request = %v, want %v", tt.name, got, tt.same)
		}
	}
	if cacheKey(askedat.Request{DifficultySource: " Stated"}) != cacheKey(askedat.Request{DifficultySource: askedat.SourceStated}) {
		t.Errorf("difficulty_source is read as the index reads it: \" Stated\" is stated and must share its entry")
	}
	// A range as the index reads it: a year is its first and last day.
	if cacheKey(askedat.Request{DateFrom: "2023", DateTo: " 2023-06"}) != cacheKey(askedat.Request{DateFrom: "2023-01-01", DateTo: "2023-06-30"}) {
		t.Errorf("date_from=2023 is date_from=2023-01-01 and must share its entry")
	}
	if cacheKey(askedat.Request{DateFrom: "2023"}) == cacheKey(askedat.Request{DateTo: "2023"}) {
		t.Errorf("date_from=2023 and date_to=2023 are two searches and must not share an entry")
	}
	if cacheKey(askedat.Request{Sort: "date"}) != cacheKey(askedat.Request{}) {
		t.Errorf("without a query, sort=date is the default and must share the entry")
	}
}

// bigSearcher answers every search with a large result of its own: 100 hits
// with 2 KB titles and snippets, as a search for long posts may.
type bigSearcher struct {
	searcher
	n int
}

func (b *bigSearcher) SearchParsed(ctx context.Context, r askedat.Request, q *query.Query) (*askedat.Result, error) {
	b.n++
	res := &askedat.Result{Total: 100, Facets: map[string][]askedat.FacetValue{}}
	for i := 0; i < 100; i++ {
		res.Hits = append(res.Hits, askedat.Hit{ID: fmt.Sprintf("%s-%d", r.Query, i), Title: strings.Repeat("t", 2000) + r.Query, Snippet: strings.Repeat("s", 2000) + r.Query})
	}
	return res, nil
}

// TestCacheBoundedInBytes fills a cache that may hold 4,096 entries with
// answers of about 400 KB each: the bytes it accounts stay within its byte
// budget, the least recently used go first, the heap grows by about the
// budget, and an answer larger than the whole budget is not kept.
func TestCacheBoundedInBytes(t *testing.T) {
	const budget = 8 << 20
	old := cacheMaxBytes.Load()
	cacheMaxBytes.Store(budget)
	t.Cleanup(func() { cacheMaxBytes.Store(old) })
	inner := &bigSearcher{}
	s, err := newCachedSearcher(inner, 4096)
	if err != nil {
		t.Fatal(err)
	}
	c := s.(*cachedSearcher)
	ctx := context.Background()
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := 0; i < 200; i++ { // 200 × 400 KB = 80 MB of answers
		if _, err := s.SearchParsed(ctx, askedat.Request{Query: fmt.Sprintf("q%d", i)}, nil); err != nil {
			t.Fatal(err)
		}
		if got := c.CacheBytes(); got > budget {
			t.Fatalf("after %d searches the cache accounts %d bytes, over its %d", i+1, got, budget)
		}
	}
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if got, want := c.CacheLen(), budget/(400<<10); got > want || got < want/2 {
		t.Errorf("cache holds %d entries, want about %d (the budget over an entry's size)", got, want)
	}
	if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > 2*budget {
		t.Errorf("the heap grew by %d MB with the cache full, want at most twice its %d MB budget", grown>>20, budget>>20)
	}
	// The newest are kept, the oldest gone.
	calls := inner.n
	s.SearchParsed(ctx, askedat.Request{Query: "q199"}, nil)
	if inner.n != calls {
		t.Errorf("the last answer was evicted")
	}
	s.SearchParsed(ctx, askedat.Request{Query: "q0"}, nil)
	if inner.n != calls+1 {
		t.Errorf("the first answer is still cached, want it evicted")
	}
	// An answer bigger than the whole budget is not cached (and evicts
	// nothing).
	small := &bigSearcher{}
	cacheMaxBytes.Store(100 << 10)
	s2, _ := newCachedSearcher(small, 10)
	s2.SearchParsed(ctx, askedat.Request{Query: "x"}, nil)
	s2.SearchParsed(ctx, askedat.Request{Query: "x"}, nil)
	if got, want := small.n, 2; got != want {
		t.Errorf("an answer over the budget: %d searches reached the index, want %d (not cached)", got, want)
	}
	if got := s2.(*cachedSearcher).CacheBytes(); got != 0 {
		t.Errorf("an answer over the budget: %d bytes accounted, want 0", got)
	}
}
