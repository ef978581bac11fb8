package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/gorilla/mux"

	"github.com/askedat/askedat/query"
)

// A reqInfo is what the handlers learn of a request for its log line and
// its metrics: the route it took and the search it ran. The observe
// middleware puts it in the request's context; the handlers fill it in.
type reqInfo struct {
	id     string
	route  string     // the route's template; "" when none matched
	search *searchLog // set by Server.search
	// client is the address the request came from (clientKey), whose
	// searches share -max-searches-per-client.
	client string
}

// A searchLog is what the request log says of a search: its shape, never
// its words (those go to the debug level and the zero-results record).
type searchLog struct {
	query   string // the text, for the debug level
	shape   query.Shape
	filters int // filter values given as parameters
	typ     string
	sort    string
	page    int
	size    int
	cursor  bool
	cluster bool
	// collapse: one hit per question cluster
	collapse bool
	outcome  string
	total    uint64
	took     time.Duration
	// partial: the search spent its budget (askedat.Result.Partial)
	partial bool
}

type reqInfoKey struct{}

func infoOf(ctx context.Context) *reqInfo {
	ri, _ := ctx.Value(reqInfoKey{}).(*reqInfo)
	return ri
}

// maxLoggedQuery bounds the query text a log record holds.
const maxLoggedQuery = 200

// requestID returns the request's own X-Request-Id when it is sane (1–64
// letters, digits, '-', '_', '.', ':'; a proxy's id is kept so one request
// can be followed through), else a new random one.
func requestID(r *http.Request) string {
	if id := r.Header.Get("X-Request-Id"); saneID(id) {
		return id
	}
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func saneID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range []byte(id) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':') {
			return false
		}
	}
	return true
}

// recorder is a ResponseWriter that remembers the status and counts the
// bytes of the body.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *recorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *recorder) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe gives each request an id (echoed in X-Request-Id), and when it
// is answered, logs one record for it and counts it in the metrics by
// route template and status.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ri := &reqInfo{id: requestID(r), client: clientKey(r)}
		w.Header().Set("X-Request-Id", ri.id)
		rec := &recorder{ResponseWriter: w}
		defer func() {
			// The record is written even when a handler panics (the
			// panic goes on up after it).
			d := time.Since(start)
			if rec.status == 0 {
				rec.status = http.StatusOK
			}
			route := ri.route
			if route == "" {
				route = "none"
			}
			code := strconv.Itoa(rec.status)
			s.metrics.requests.WithLabelValues(route, code).Inc()
			s.metrics.latency.WithLabelValues(route, code).Observe(d.Seconds())
			s.logRequest(r, ri, route, rec, d)
		}()
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), reqInfoKey{}, ri)))
	})
}

// routeName is router middleware: it notes the template of the route
// matched.
func routeName(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ri := infoOf(r.Context()); ri != nil {
			if rt := mux.CurrentRoute(r); rt != nil {
				ri.route, _ = rt.GetPathTemplate()
			}
		}
		next.ServeHTTP(w, r)
	})
}

// quietRoutes are polled by machines: their records go to the debug level.
var quietRoutes = map[string]bool{"/metrics": true, "/healthz": true, "/readyz": true}

func (s *Server) logRequest(r *http.Request, ri *reqInfo, route string, rec *recorder, d time.Duration) {
	level := slog.LevelInfo
	if quietRoutes[route] && rec.status < 400 {
		level = slog.LevelDebug
	}
	ctx := r.Context()
	if !s.Logger.Enabled(ctx, level) {
		return
	}
	attrs := []slog.Attr{
		slog.String("id", ri.id),
		slog.String("method", r.Method),
		slog.String("route", route),
		slog.String("path", truncate(r.URL.Path, maxLoggedQuery)),
		slog.Int("status", rec.status),
		slog.Int64("bytes", rec.bytes),
		slog.Float64("ms", ms(d)),
	}
	if sl := ri.search; sl != nil {
		sa := []any{
			slog.Int("words", sl.shape.Words),
			slog.Int("phrases", sl.shape.Phrases),
			slog.Int("prefixes", sl.shape.Prefixes),
			slog.Int("fields", sl.shape.Fields),
			slog.Int("negated", sl.shape.Negated),
			slog.Int("ors", sl.shape.Ors),
			slog.Int("filters", sl.filters),
			slog.String("type", sl.typ),
			slog.String("sort", sl.sort),
			slog.Int("page", sl.page),
			slog.Int("size", sl.size),
			slog.Bool("cursor", sl.cursor),
			slog.Bool("cluster", sl.cluster),
			slog.Bool("collapse", sl.collapse),
			slog.String("outcome", sl.outcome),
			slog.Uint64("total", sl.total),
			slog.Bool("partial", sl.partial),
			slog.Float64("ms", ms(sl.took)),
		}
		if s.Logger.Enabled(ctx, slog.LevelDebug) {
			sa = append(sa, slog.String("q", truncate(sl.query, maxLoggedQuery)))
		}
		attrs = append(attrs, slog.Group("search", sa...))
	}
	s.Logger.LogAttrs(ctx, level, "request", attrs...)
}

// ms is d in milliseconds, to the microsecond.
func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// truncate cuts s to at most n characters, marking the cut with "…".
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, k := 0, 0
	for i = range s {
		if k == n {
			break
		}
		k++
	}
	return s[:i] + "…"
}
