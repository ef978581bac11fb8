package main

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"

	"askedat/index"
)

// cachedSearcher answers repeated searches from memory. It sits in front of
// one index: the index a server serves never changes under it, so entries
// never go stale; serving another index means a new cache.
type cachedSearcher struct {
	searcher
	cache *lru.Cache[string, *index.Result]
}

// newCachedSearcher returns s with a cache of size results, or s itself
// when size is 0.
func newCachedSearcher(s searcher, size int) (searcher, error) {
	if size <= 0 {
		return s, nil
	}
	c, err := lru.New[string, *index.Result](size)
	if err != nil {
		return nil, err
	}
	return &cachedSearcher{searcher: s, cache: c}, nil
}

func (c *cachedSearcher) Search(ctx context.Context, r index.Request) (*index.Result, error) {
	start := time.Now()
	key := cacheKey(r)
	res, ok := c.cache.Get(key)
	if n, noted := ctx.Value(cacheNoteKey{}).(*cacheNote); noted {
		n.looked, n.hit = true, ok
	}
	if ok {
		out := *res // the shared result is never modified; Took is per answer
		out.Took = time.Since(start)
		return &out, nil
	}
	res, err := c.searcher.Search(ctx, r)
	if err != nil {
		return nil, err
	}
	if res.Partial {
		// What a search over its budget found may depend on the load (the
		// budget's time backstop): asked again, it may find more.
		return res, nil
	}
	c.cache.Add(key, res)
	return res, nil
}

// CacheLen is the number of results in the cache.
func (c *cachedSearcher) CacheLen() int { return c.cache.Len() }

// A cacheNote, put in a search's context, learns whether the search was
// looked up in a cache and found there (for the metrics and the log).
type cacheNote struct{ looked, hit bool }

type cacheNoteKey struct{}

// cacheKey encodes every part of r that changes its answer, filters in a
// fixed order, so equal requests share an entry. Filter values are keyed by
// index.FilterKey, as the index reads them: company=amazon and
// company=Amazon are one search, with one answer (which names Amazon).
func cacheKey(r index.Request) string {
	// The index's defaults spelt out, so that a request naming a default
	// ("sort=relevance" with a query) shares the entry of one leaving it out.
	or := func(v, def string) string {
		if v == "" {
			return def
		}
		return v
	}
	orN := func(v, def int) int {
		if v == 0 {
			return def
		}
		return v
	}
	sortBy := or(r.Sort, "relevance")
	if r.Query == "" {
		sortBy = or(r.Sort, "date")
	}
	// The difficulty source as the index reads it: "Stated" is stated,
	// "any" every difficulty, as is none.
	source := strings.ToLower(strings.TrimSpace(r.DifficultySource))
	if source == index.SourceAny {
		source = ""
	}
	var b strings.Builder
	for _, s := range []string{r.Query, or(r.Type, index.TypeQuestion), sortBy, or(r.DateInterval, "year"), r.Cursor, r.Cluster, r.Collapse, source,
		strconv.Itoa(r.From), strconv.Itoa(orN(r.Size, index.DefaultSize)), strconv.Itoa(orN(r.FacetSize, index.DefaultFacetSize))} {
		b.WriteString(strconv.Quote(s))
	}
	fields := make([]string, 0, len(r.Filters))
	for f := range r.Filters {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		vs := make([]string, 0, len(r.Filters[f]))
		for _, v := range r.Filters[f] {
			vs = append(vs, index.FilterKey(f, v))
		}
		sort.Strings(vs)
		b.WriteString(f)
		for _, v := range slices.Compact(vs) {
			b.WriteString(strconv.Quote(v))
		}
	}
	return b.String()
}
