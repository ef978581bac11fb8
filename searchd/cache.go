package main

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/askedat/askedat"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"

	"github.com/askedat/askedat/query"
)

// cachedSearcher answers repeated searches from memory. It sits in front of
// one index: the index a server serves never changes under it, so entries
// never go stale; serving another index means a new cache.
//
// It is bounded twice: by entries (-cache-size) and by the bytes its
// results hold (-cache-bytes). The count alone let 4,096 answers of 100
// hits with long snippets and 200-value facets take searchd from 124 to
// 474 MB on a 3.7k-document index (decision 111).
type cachedSearcher struct {
	searcher
	cache    *lru.Cache[string, cacheEntry]
	maxBytes int64
	mu       sync.Mutex   // serialises adding and evicting by bytes
	bytes    atomic.Int64 // accounted bytes of the entries held
}

type cacheEntry struct {
	res  *askedat.Result
	size int64
}

// DefaultCacheBytes is -cache-bytes' default.
const DefaultCacheBytes = 64 << 20

// cacheMaxBytes is the byte budget of each version's cache, set from
// -cache-bytes. It is a variable of the package rather than an argument so
// that the versions' holder, which makes a cache per version, need not carry
// it (tests that change it put it back).
var cacheMaxBytes = func() *atomic.Int64 {
	var n atomic.Int64
	n.Store(DefaultCacheBytes)
	return &n
}()

// newCachedSearcher returns s with a cache of size results and at most
// cacheMaxBytes, or s itself when either is 0.
func newCachedSearcher(s searcher, size int) (searcher, error) {
	maxBytes := cacheMaxBytes.Load()
	if size <= 0 || maxBytes <= 0 {
		return s, nil
	}
	c := &cachedSearcher{searcher: s, maxBytes: maxBytes}
	cache, err := lru.NewWithEvict[string, cacheEntry](size, func(_ string, e cacheEntry) { c.bytes.Add(-e.size) })
	if err != nil {
		return nil, fmt.Errorf("make the result cache: %w", err)
	}
	c.cache = cache
	return c, nil
}

// entryOverhead is what an entry costs besides its result's encoding: the
// list element, the map's slot, the Result's headers.
const entryOverhead = 512

// resultBytes accounts the memory a cached result holds as the size of its
// JSON encoding (what the API sends of it; its strings and counts, each
// once) plus its key and an overhead. It is computed once, on a miss, which
// has just run a search that costs far more.
func resultBytes(key string, res *askedat.Result) int64 {
	b, err := json.Marshal(res)
	if err != nil {
		return math.MaxInt64 // not cached
	}
	return int64(len(b) + len(key) + entryOverhead)
}

// add caches res under key, then evicts the least recently used entries
// while the cache holds more than its byte budget. A result larger than the
// whole budget is not cached.
func (c *cachedSearcher) add(key string, res *askedat.Result) {
	size := resultBytes(key, res)
	if size > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if ok, _ := c.cache.ContainsOrAdd(key, cacheEntry{res: res, size: size}); ok {
		return // another search for it was cached first; count it once
	}
	c.bytes.Add(size)
	for c.bytes.Load() > c.maxBytes {
		if _, _, ok := c.cache.RemoveOldest(); !ok {
			break
		}
	}
}

// CacheBytes is the accounted bytes of the results in the cache.
func (c *cachedSearcher) CacheBytes() int64 { return c.bytes.Load() }

// SearchParsed answers r from the cache, or has it searched (q is r.Query
// parsed, or nil) and caches the answer.
func (c *cachedSearcher) SearchParsed(ctx context.Context, r askedat.Request, q *query.Query) (*askedat.Result, error) {
	res, _, err := c.searchCached(ctx, r, q)
	return res, err
}

// searchCached is SearchParsed, saying whether the answer came from the
// cache.
func (c *cachedSearcher) searchCached(ctx context.Context, r askedat.Request, q *query.Query) (*askedat.Result, cacheUse, error) {
	start := time.Now()
	key := cacheKey(r)
	e, ok := c.cache.Get(key)
	use := cacheUse{looked: true, hit: ok}
	if ok {
		out := *e.res // the shared result is never modified; Took is per answer
		out.Took = time.Since(start)
		return &out, use, nil
	}
	res, err := c.searcher.SearchParsed(ctx, r, q)
	if err != nil {
		return nil, use, err
	}
	if res.Partial {
		// What a search over its budget found may depend on the load (the
		// budget's time backstop): asked again, it may find more.
		return res, use, nil
	}
	c.add(key, res)
	return res, use, nil
}

// CacheLen is the number of results in the cache.
func (c *cachedSearcher) CacheLen() int { return c.cache.Len() }

// A cacheUse says how a search met a result cache: looked up in one, and
// found there (for the metrics and the log).
type cacheUse struct{ looked, hit bool }

// A cachingSearcher is a searcher that says how each search met its
// result cache: a cachedSearcher, and the holder (its versions' caches).
type cachingSearcher interface {
	searchCached(ctx context.Context, r askedat.Request, q *query.Query) (*askedat.Result, cacheUse, error)
}

var (
	_ cachingSearcher = (*cachedSearcher)(nil)
	_ cachingSearcher = (*holder)(nil)
)

// searchCached searches s, saying how the search met s's result cache,
// when s has one.
func searchCached(ctx context.Context, s searcher, r askedat.Request, q *query.Query) (*askedat.Result, cacheUse, error) {
	if c, ok := s.(cachingSearcher); ok {
		return c.searchCached(ctx, r, q)
	}
	res, err := s.SearchParsed(ctx, r, q)
	return res, cacheUse{}, err
}

// cacheKey encodes every part of r that changes its answer, filters in a
// fixed order, so equal requests share an entry. Filter values are keyed by
// askedat.FilterKey, as the index reads them: company=amazon and
// company=Amazon are one search, with one answer (which names Amazon).
func cacheKey(r askedat.Request) string {
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
	sortBy := or(r.Sort, askedat.DefaultSort(r.Query))
	// The difficulty source as the index reads it: "Stated" is stated,
	// "any" every difficulty, as is none.
	source := askedat.DifficultySourceKey(r.DifficultySource)
	// The date range as days, as the index reads it: date_from=2023 and
	// date_from=2023-01-01 are one search. A range the index refuses is
	// keyed as given; its error is not cached.
	from, to := r.DateFrom, r.DateTo
	if d, err := r.Dates(); err == nil {
		from, to = d.From, d.To
	}
	var b strings.Builder
	for _, s := range []string{r.Query, or(r.Type, askedat.TypeQuestion), sortBy, or(r.DateInterval, "year"), from, to, r.Cursor, r.Cluster, r.Collapse, source,
		strconv.Itoa(r.From), strconv.Itoa(orN(r.Size, askedat.DefaultSize)), strconv.Itoa(orN(r.FacetSize, askedat.DefaultFacetSize))} {
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
			vs = append(vs, askedat.FilterKey(f, v))
		}
		sort.Strings(vs)
		b.WriteString(f)
		for _, v := range slices.Compact(vs) {
			b.WriteString(strconv.Quote(v))
		}
	}
	return b.String()
}
