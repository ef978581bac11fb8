package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/askedat/askedat"
	"net"
	"net/http"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/askedat/askedat/query"
)

// Defaults of the server's limits.
const (
	defaultMaxBodyBytes   = 64 << 10
	defaultMaxHeaderBytes = 64 << 10
	// retryAfter is what a search refused for want of a slot is told to
	// wait: about a search's time under load, rounded up to what the
	// header can say.
	retryAfter = time.Second
)

// defaultMaxSearches is the number of searches allowed in flight: a search
// keeps a core busy for up to tens of milliseconds, so 4 per core lets
// short ones through while long ones run, and past it answers queue in
// the kernel's run queue rather than in memory.
func defaultMaxSearches() int { return 4 * runtime.GOMAXPROCS(0) }

// defaultMaxSearchesPerClient is the share of the search slots one client
// address may hold: half, so that a client sending costly searches as fast
// as it is answered leaves the other half to everyone else.
func defaultMaxSearchesPerClient(maxSearches int) int { return max(1, maxSearches/2) }

// errOverloaded is a search refused because -max-searches were in flight.
var errOverloaded = errors.New("too many searches in flight")

// errClientBusy is a search refused because its client address had
// -max-searches-per-client in flight.
var errClientBusy = errors.New("too many searches in flight from this client")

// clientSlots counts the search slots each client address holds.
type clientSlots struct {
	max  int
	mu   sync.Mutex
	held map[string]int // only addresses holding a slot: it cannot grow past -max-searches entries
}

// take takes a slot for client, or reports false when it holds max.
func (c *clientSlots) take(client string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.held[client] >= c.max {
		return false
	}
	c.held[client]++
	return true
}

func (c *clientSlots) release(client string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.held[client]--; c.held[client] <= 0 {
		delete(c.held, client)
	}
}

// clientKey is the address whose searches share one client's slots: the
// connection's remote IP, without the port (a client opens as many
// connections as it likes). searchd has no notion of a trusted proxy, so
// X-Forwarded-For, which any client may set, is not read: behind a proxy
// every request shares the proxy's address, and the proxy should limit
// per client itself.
func clientKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// limitBody refuses a request whose declared body is larger than max with
// 413, and cuts any other body at max bytes: no route reads a body (the API
// is GET only), so a large one is never read into memory, and the server
// closes the connection rather than drain it.
func (s *Server) limitBody(max int64, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > max {
			w.Header().Set("Connection", "close")
			s.writeError(w, r, &httpError{Status: http.StatusRequestEntityTooLarge,
				Msg: fmt.Sprintf("the request body is %d bytes; at most %d are accepted", r.ContentLength, max)})
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, max)
		next.ServeHTTP(w, r)
	})
}

// recoverPanics answers a handler's panic with a 500 from the error
// boundary (JSON or a page), logged with its stack, rather than a dropped
// connection.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.writeError(w, r, &httpError{Status: http.StatusInternalServerError, Msg: "internal error",
				Err: fmt.Errorf("panic: %v\n%s", v, debug.Stack())})
		}()
		next.ServeHTTP(w, r)
	})
}

// writeError answers err with JSON under /api/ and /admin/, a page
// elsewhere.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	if strings.HasPrefix(r.URL.Path, "/api/") || strings.HasPrefix(r.URL.Path, "/admin/") || r.URL.Path == "/metrics" {
		s.writeAPIError(w, r, err)
		return
	}
	he := classify(err)
	s.logError(r, he)
	s.renderError(w, he)
}

// search runs a user's search: in one of the -max-searches slots (or
// refused at once with errOverloaded), under the search deadline, counted
// by outcome, noted for the request's log, and, when it finds nothing,
// logged as a zero-results record.
func (s *Server) search(ctx context.Context, req askedat.Request, page int) (*askedat.Result, error) {
	sl := &searchLog{query: req.Query, typ: orDefault(req.Type, askedat.TypeQuestion), sort: orDefault(req.Sort, askedat.DefaultSort(req.Query)), page: page, size: req.Size,
		cursor: req.Cursor != "", cluster: req.Cluster != "", collapse: req.Collapse != ""}
	for _, vs := range req.Filters {
		sl.filters += len(vs)
	}
	// The text is lexed once, here: for the log's shape, and for the
	// search. A text the lexer refuses is handed on unparsed (nil), so
	// that the index reports it after the request's other checks, as it
	// always has; it is logged without a shape and counted as bad_request.
	q, err := query.Parse(req.Query)
	if err == nil {
		sl.shape = q.Shape()
	}
	if ri := infoOf(ctx); ri != nil {
		ri.search = sl
	}
	res, err := s.runSearch(ctx, req, q, sl)
	s.metrics.searches.WithLabelValues(sl.outcome).Inc()
	if err == nil {
		s.metrics.searchTime.Observe(sl.took.Seconds())
		if res.Total == 0 && s.LogZeroResults && (req.Query != "" || len(req.Filters) > 0) {
			s.Logger.InfoContext(ctx, "zero results", "id", idOf(ctx), "q", truncate(req.Query, maxLoggedQuery),
				"filters", req.Filters, "type", sl.typ, "suggestion", res.Suggestion)
		}
	}
	return res, err
}

func (s *Server) runSearch(ctx context.Context, req askedat.Request, q *query.Query, sl *searchLog) (*askedat.Result, error) {
	// The client's share first: a client over it is told to slow down
	// (429) whether or not slots are free, and never takes one of them.
	client := ""
	if ri := infoOf(ctx); ri != nil {
		client = ri.client
	}
	if !s.clients.take(client) {
		sl.outcome = outcomeThrottled
		return nil, errClientBusy
	}
	defer s.clients.release(client)
	select {
	case s.sem <- struct{}{}:
	default:
		sl.outcome = outcomeOverloaded
		return nil, errOverloaded
	}
	defer func() { <-s.sem }()
	s.metrics.inFlight.Inc()
	defer s.metrics.inFlight.Dec()
	ctx, cancel := context.WithTimeout(ctx, s.SearchTimeout)
	defer cancel()
	start := time.Now()
	res, cache, err := searchCached(ctx, s.Index, req, q)
	sl.took = time.Since(start)
	if cache.looked {
		if cache.hit {
			s.metrics.cacheHits.Inc()
		} else {
			s.metrics.cacheMiss.Inc()
		}
	}
	if err != nil {
		sl.outcome = errorOutcome(err)
		return nil, err
	}
	sl.total = res.Total
	if sl.partial = res.Partial; res.Partial {
		// Not an error: the answer is what the budget allowed. Logged so
		// that queries that spend it can be found.
		s.Logger.InfoContext(ctx, "search over budget", "id", idOf(ctx), "q", truncate(req.Query, maxLoggedQuery),
			"type", sl.typ, "reason", res.PartialReason)
	}
	switch {
	case cache.hit:
		sl.outcome = outcomeCacheHit
	case res.Total == 0:
		sl.outcome = outcomeZero
	default:
		sl.outcome = outcomeOK
	}
	return res, nil
}

// errorOutcome is the outcome of a search that failed with err.
func errorOutcome(err error) string {
	switch he := classify(err); {
	case he.Status == http.StatusBadRequest:
		return outcomeBadRequest
	case errors.Is(err, context.DeadlineExceeded):
		return outcomeTimeout
	case errors.Is(err, errOverloaded):
		return outcomeOverloaded
	case errors.Is(err, errClientBusy):
		return outcomeThrottled
	case errors.Is(err, context.Canceled):
		return outcomeCancelled
	}
	return outcomeError
}

// probe runs the search /readyz asks for, under the deadline but outside
// the slots and the search metrics: a probe is not a user's search.
func (s *Server) probe(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, s.SearchTimeout)
	defer cancel()
	_, err := s.Index.SearchParsed(ctx, askedat.Request{Size: 1, FacetSize: 1}, nil)
	return err
}

func idOf(ctx context.Context) string {
	if ri := infoOf(ctx); ri != nil {
		return ri.id
	}
	return ""
}
