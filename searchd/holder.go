package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/askedat/askedat"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/datadir"
	"github.com/askedat/askedat/query"
)

// A version is one open index being served. It counts its users: the
// holder while it is current, and each request in flight that uses it; the
// last to let go closes the index.
type version struct {
	id  string
	idx *index.Index
	s   searcher // idx behind its own result cache
	// content names what the version answers from, for entity tags
	// (etag.go): its id and its index's identity, so that a folder
	// rebuilt under the same name (searchd -index) gets new tags.
	content string
	refs    atomic.Int64
	done    chan struct{} // closed once idx is closed
	// current and fallback are set on a version opened at the start in
	// place of the current one: which, and why (openCurrent).
	current, fallback string
}

func newVersion(id string, idx *index.Index, cacheSize int) (*version, error) {
	s, err := newCachedSearcher(idx, cacheSize)
	if err != nil {
		return nil, err
	}
	identity, err := idx.Identity(context.Background()) // read when it was warmed
	if err != nil {
		return nil, fmt.Errorf("version %s: %w", id, err)
	}
	v := &version{id: id, idx: idx, s: s, done: make(chan struct{})}
	if identity != "" { // "": an index that may be written, whose answers may change: no tags
		v.content = id + "|" + identity
	}
	v.refs.Store(1) // the holder's
	return v, nil
}

// acquire takes a reference, unless the version was already let go.
func (v *version) acquire() bool {
	for {
		n := v.refs.Load()
		if n <= 0 {
			return false
		}
		if v.refs.CompareAndSwap(n, n+1) {
			return true
		}
	}
}

// release drops a reference; the last one closes the index.
func (v *version) release() {
	if v.refs.Add(-1) == 0 {
		v.idx.Close()
		close(v.done)
	}
}

// A holder serves the current version of the index and swaps in another
// for the requests that start after the swap, the way an index alias does;
// requests in flight finish on the version they started with. It is the
// searcher of the Server: its methods use the version pinned to the
// request (see pin), so each response comes wholly from one version.
type holder struct {
	cur       atomic.Pointer[version]
	closed    atomic.Bool // set by close: no version is served any more
	cacheSize int
	logger    *slog.Logger

	swaps    atomic.Int64 // versions swapped in
	refusals atomic.Int64 // versions refused

	reloading  sync.Mutex // one reload at a time
	mu         sync.Mutex // guards refused, refusedErr, pointer and fallback
	refused    string     // the last version refused, and why
	refusedErr string
	// pointer is the version the current pointer named at the last read;
	// fallback, when another is served, says why (fallback.go).
	pointer, fallback string

	// suspect is set when a read of the version served met a fault or a
	// panic: the next reload hashes its files, not only their sizes.
	// recheck asks follow for that reload at once.
	suspect atomic.Bool
	recheck chan struct{}
}

var _ searcher = (*holder)(nil)

func newHolder(v *version, cacheSize int, logger *slog.Logger) *holder {
	h := &holder{cacheSize: cacheSize, logger: logger, recheck: make(chan struct{}, 1)}
	h.pointer, h.fallback = v.id, v.fallback
	if v.current != "" {
		// Served in place of the current version, which is not tried
		// again until the pointer changes (or SIGHUP).
		h.pointer, h.refused, h.refusedErr = v.current, v.current, v.fallback
	}
	h.cur.Store(v)
	return h
}

// errClosed is the answer of a holder after close, at shutdown.
var errClosed = errors.New("searchd is shutting down: no index is served")

// acquire returns the current version with a reference taken, or nil once
// the holder is closed.
func (h *holder) acquire() *version {
	for {
		if v := h.cur.Load(); v.acquire() {
			return v
		}
		if h.closed.Load() {
			return nil
		}
		// swapped out and closed between the load and the acquire: the
		// next load sees its successor
	}
}

type pinKey struct{}

// pin gives each request the current version for its whole life and names
// it in the X-Index-Version header.
func (h *holder) pin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := h.acquire()
		if v == nil {
			w.Header().Set("Retry-After", "1")
			writeJSON(w, http.StatusServiceUnavailable, map[string]any{"error": errClosed.Error(), "status": http.StatusServiceUnavailable})
			return
		}
		defer v.release()
		w.Header().Set("X-Index-Version", v.id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), pinKey{}, v)))
	})
}

// use returns the version pinned to ctx, or the current one, and the
// function that lets it go; errClosed after close.
func (h *holder) use(ctx context.Context) (*version, func(), error) {
	if v, ok := ctx.Value(pinKey{}).(*version); ok {
		return v, func() {}, nil
	}
	v := h.acquire()
	if v == nil {
		return nil, nil, errClosed
	}
	return v, v.release, nil
}

// SearchParsed searches the version pinned to ctx (or the current one).
func (h *holder) SearchParsed(ctx context.Context, r askedat.Request, q *query.Query) (*askedat.Result, error) {
	res, _, err := h.searchCached(ctx, r, q)
	return res, err
}

// searchCached is SearchParsed, saying how the search met the version's
// result cache.
func (h *holder) searchCached(ctx context.Context, r askedat.Request, q *query.Query) (res *askedat.Result, use cacheUse, err error) {
	v, done, err := h.use(ctx)
	if err != nil {
		return nil, use, err
	}
	defer done()
	defer h.guard(v, &err)()
	return searchCached(ctx, v.s, r, q)
}

func (h *holder) Suggest(ctx context.Context, field, prefix string, n int) (vals []askedat.FacetValue, err error) {
	v, done, err := h.use(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	defer h.guard(v, &err)()
	return v.s.Suggest(ctx, field, prefix, n)
}

func (h *holder) Experience(ctx context.Context, id string) (e *askedat.Experience, err error) {
	v, done, err := h.use(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	defer h.guard(v, &err)()
	return v.s.Experience(ctx, id)
}

func (h *holder) DocCount() (uint64, error) {
	v := h.acquire()
	if v == nil {
		return 0, errClosed
	}
	defer v.release()
	return v.s.DocCount()
}

// indexStatus is what /readyz tells of the index.
type indexStatus struct {
	Version   string
	Documents uint64
	// Refused names the last version that was not swapped in, and why.
	Refused, RefusedError string
	// Swaps and Refusals count the versions swapped in and refused since
	// the start.
	Swaps, Refusals int64
	// Current is the version the pointer names; Fallback, when Version is
	// another, says why (a damaged current version).
	Current, Fallback string
	// Synonyms and Companies are the SHA-256 of the tables the version
	// is searched with (index.Dictionaries): replicas of one version agree.
	Synonyms, Companies string
}

// IndexStatus describes the version pinned to ctx (or the current one).
func (h *holder) IndexStatus(ctx context.Context) (indexStatus, error) {
	v, done, err := h.use(ctx)
	if err != nil {
		return indexStatus{}, err
	}
	defer done()
	n, err := v.s.DocCount()
	h.mu.Lock()
	defer h.mu.Unlock()
	st := indexStatus{Version: v.id, Documents: n, Refused: h.refused, RefusedError: h.refusedErr,
		Swaps: h.swaps.Load(), Refusals: h.refusals.Load(), Current: h.pointer}
	if h.pointer != v.id {
		st.Fallback = h.fallback
	}
	if v.idx != nil && err == nil {
		var d index.Dictionaries
		if d, err = v.idx.Dictionaries(); err == nil {
			st.Synonyms, st.Companies = d.Synonyms.SHA256(), d.Companies.SHA256()
		}
	}
	return st, err
}

// CacheLen is the number of results in the current version's cache.
func (h *holder) CacheLen() int {
	v := h.acquire()
	if v == nil {
		return 0
	}
	defer v.release()
	if cs, ok := v.s.(cacheSizer); ok {
		return cs.CacheLen()
	}
	return 0
}

// swap makes v current and lets the old version go: it closes when its
// last request ends.
func (h *holder) swap(v *version) *version {
	old := h.cur.Swap(v)
	old.release()
	return old
}

// close lets the current version go, at shutdown; afterwards the holder
// answers errClosed.
func (h *holder) close() {
	h.closed.Store(true)
	h.cur.Load().release()
}

// A source says which version should be served and opens it.
type source interface {
	Current() (string, error)
	// Load opens version id checked and warmed, ready to serve.
	Load(ctx context.Context, id string) (*index.Index, error)
}

// dataSource serves the versions of a data directory.
type dataSource struct{ dd datadir.Dir }

func (s dataSource) Current() (string, error) { return s.dd.Current() }

func (s dataSource) Load(ctx context.Context, id string) (*index.Index, error) {
	idx, _, err := s.dd.Open(ctx, id)
	return idx, err
}

// reload swaps in the version src names as current if it is not the one
// served. A version that fails its checks is refused, logged and not tried
// again until the pointer names another (or force is set, as on SIGHUP); the
// served version goes on serving. The version served is checked too (its
// files' sizes at each reload, every byte after a fault): when it is
// damaged the newest intact version is served instead (fallBack).
func (h *holder) reload(ctx context.Context, src source, force bool) {
	h.reloading.Lock()
	defer h.reloading.Unlock()
	id, err := src.Current()
	cur := h.cur.Load().id
	h.mu.Lock()
	refused := h.refused
	h.mu.Unlock()
	if err != nil {
		h.logger.Warn("cannot read the current version; still serving the old one", "version", cur, "err", err)
		return
	}
	h.setPointer(id)
	if h.closed.Load() {
		return
	}
	if derr := h.servedDamage(src, cur); derr != nil {
		h.fallBack(ctx, src, id, cur, derr)
		return
	}
	if id == cur {
		// The pointer names the version served again (a rollback after a
		// refused version): nothing is refused any more.
		if refused != "" {
			h.setRefused("", "")
		}
		return
	}
	if id == refused && !force {
		return
	}
	start := time.Now()
	idx, err := src.Load(ctx, id)
	if ctx.Err() != nil {
		// Stopped (at shutdown), not refused.
		if idx != nil {
			idx.Close()
		}
		return
	}
	if err != nil {
		h.refuse(id, err)
		h.logger.Error("refusing version: still serving the old one", "refused", id, "version", cur, "err", err)
		return
	}
	v, err := newVersion(id, idx, h.cacheSize)
	if err != nil {
		idx.Close()
		h.refusals.Add(1)
		h.logger.Error("refusing version: still serving the old one", "refused", id, "version", cur, "err", err)
		return
	}
	loaded := time.Since(start)
	h.swapIn(v)
	h.setRefused("", "")
	h.logger.Info("swapped in version", "version", id, "open_and_warm", loaded.Round(time.Millisecond), "total", time.Since(start).Round(time.Millisecond))
}

// swapIn makes v current, and logs when the old version closes after its
// last search.
func (h *holder) swapIn(v *version) {
	old := h.swap(v)
	h.swaps.Add(1)
	h.logger.Info("serving version", "version", v.id, "was", old.id)
	go func() {
		waitStart := time.Now()
		<-old.done
		h.logger.Info("closed old version after its last search", "version", old.id, "after", time.Since(waitStart).Round(time.Millisecond))
	}()
}

// refuse records that version id was not swapped in, and why.
func (h *holder) refuse(id string, err error) {
	h.setRefused(id, err.Error())
	h.refusals.Add(1)
	h.mu.Lock()
	h.fallback = "current " + describe(id, err)
	h.mu.Unlock()
}

func (h *holder) setPointer(id string) {
	h.mu.Lock()
	h.pointer = id
	h.mu.Unlock()
}

func (h *holder) setRefused(id, why string) {
	h.mu.Lock()
	h.refused, h.refusedErr = id, why
	h.mu.Unlock()
}

// openCurrent opens the version src names as current, for the start.
// When it cannot be served (damaged, or failing its checks) and src has
// other versions, the newest of them that is intact is served instead, and
// the version says so (current, fallback).
func openCurrent(ctx context.Context, src source, cacheSize int) (*version, error) {
	id, err := src.Current()
	if err != nil {
		return nil, err
	}
	idx, err := src.Load(ctx, id)
	if err != nil {
		v, ferr := openFallback(ctx, src, id, "", cacheSize)
		if ferr != nil {
			return nil, fmt.Errorf("cannot serve the current version: %w; %w", err, ferr)
		}
		v.current, v.fallback = id, "current "+describe(id, err)
		return v, nil
	}
	v, err := newVersion(id, idx, cacheSize)
	if err != nil {
		idx.Close()
		return nil, err
	}
	return v, nil
}
