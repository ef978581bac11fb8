package main

import (
	"context"
	"github.com/askedat/askedat"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/query"
	"github.com/askedat/askedat/web"
)

// searcher is what the handlers need of an index. It lives here, beside its
// only consumer, so tests can serve any implementation. A search gets its
// query text lexed already (index.Index.SearchParsed): Server.search parses
// it once, for the log's shape and the search.
type searcher interface {
	SearchParsed(ctx context.Context, r askedat.Request, q *query.Query) (*askedat.Result, error)
	Suggest(ctx context.Context, field, prefix string, n int) ([]askedat.FacetValue, error)
	Experience(ctx context.Context, id string) (*askedat.Experience, error)
	DocCount() (uint64, error)
}

var _ searcher = (*index.Index)(nil)

// Server serves the API and the web pages over one index.
type Server struct {
	Index         searcher
	UI            *web.UI
	Logger        *slog.Logger
	SearchTimeout time.Duration // per search; 10s if 0
	// MaxSearches bounds the searches in flight; more are answered 503 at
	// once, with Retry-After. 4 × GOMAXPROCS if 0.
	MaxSearches int
	// MaxSearchesPerClient bounds the searches in flight from one client
	// address (clientKey); more are answered 429 at once, with
	// Retry-After, so that one client cannot hold every slot. Half of
	// MaxSearches (at least 1) if 0.
	MaxSearchesPerClient int
	// MaxBodyBytes bounds a request's body (no route reads one); 64 KiB
	// if 0.
	MaxBodyBytes int64
	// LogZeroResults logs each search that found nothing, with its text.
	LogZeroResults bool
	// AdminToken, when set, turns on the admin routes (POST /admin/reload),
	// which need it as "Authorization: Bearer TOKEN". Reload re-reads the
	// current pointer, as SIGHUP does.
	AdminToken string
	Reload     func(ctx context.Context) (indexStatus, error)
	// CacheMaxAge is the max-age of a cacheable answer's Cache-Control;
	// 0 is no-cache: kept, but revalidated with its ETag (etag.go).
	CacheMaxAge time.Duration
	// CORSOrigins are the origins whose pages may read the API; none:
	// CORS is off (cors.go).
	CORSOrigins []string

	sem     chan struct{} // a slot per search in flight
	clients clientSlots   // the slots each client address holds
	metrics *metrics
}

// Handler returns the HTTP handler with every route and the middleware.
// Call it once: the Server's metrics start with it.
func (s *Server) Handler() http.Handler {
	if s.Logger == nil {
		s.Logger = slog.Default()
	}
	if s.SearchTimeout == 0 {
		s.SearchTimeout = 10 * time.Second
	}
	if s.MaxSearches <= 0 {
		s.MaxSearches = defaultMaxSearches()
	}
	if s.MaxBodyBytes <= 0 {
		s.MaxBodyBytes = defaultMaxBodyBytes
	}
	if s.MaxSearchesPerClient <= 0 {
		s.MaxSearchesPerClient = defaultMaxSearchesPerClient(s.MaxSearches)
	}
	s.sem = make(chan struct{}, s.MaxSearches)
	s.clients = clientSlots{max: s.MaxSearchesPerClient, held: map[string]int{}}
	s.metrics = newMetrics(s)
	// From the outside in: the request's id, record and metrics (of the
	// bytes sent); the headers every answer carries (so that the router's
	// not-found and method-not-allowed answers, a refused body and a
	// panic's 500 carry them too); compression; panics to 500; the body
	// limit; CORS, whose preflight is answered whatever the query string;
	// a malformed query string refused (checkQuery); the routes.
	return s.observe(securityHeaders(compress(s.recoverPanics(s.limitBody(s.MaxBodyBytes, s.cors(s.checkQuery(s.routes())))))))
}

// routes lists every route.
func (s *Server) routes() *mux.Router {
	r := mux.NewRouter()
	// No route answers with a redirect: mux's cleaning of paths (a 301 to
	// the cleaned path, which for an absolute-form request names its
	// host) is off, and a path that is not clean is simply not found.
	r.SkipClean(true)
	r.Use(routeName)
	// Routes whose handler reads no parameter of its own take none
	// (allowParams); the searches and /api/suggest check theirs. The pages
	// ignore tracking parameters, as links to them carry some.
	none, page := allowParams(false), allowParams(true)
	r.Handle("/api/search", s.api(s.handleAPISearch)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/suggest", s.api(s.handleAPISuggest)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/questions/{cluster}", s.api(none(s.handleAPIQuestion))).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/experiences/{id}", s.api(none(s.handleAPIExperience))).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/healthz", s.api(none(s.handleHealthz))).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/readyz", s.api(none(s.handleReadyz))).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/", s.page(s.handleSearchPage)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/search", s.page(s.handleSearchPage)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/experiences/{id}", s.page(page(s.handleExperiencePage))).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/metrics", s.noParams(s.metrics.handler(s))).Methods(http.MethodGet, http.MethodHead)
	if s.AdminToken != "" {
		r.Handle("/admin/reload", s.api(s.handleAdminReload)).Methods(http.MethodPost) // checks its parameters after the token
	}
	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			s.writeError(w, r, notFound("no API route %s", r.URL.Path))
			return
		}
		s.writeError(w, r, notFound("there is no page at %s", r.URL.Path))
	})
	r.PathPrefix("/static/").Handler(http.StripPrefix("/static/", staticHandler(r.NotFoundHandler))).Methods(http.MethodGet, http.MethodHead)
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		allow := "GET"
		if strings.HasPrefix(r.URL.Path, "/admin/") {
			allow = "POST"
		}
		s.writeError(w, r, &httpError{Status: http.StatusMethodNotAllowed, Msg: "method " + r.Method + " is not allowed here; use " + allow})
	})
	return r
}

// securityHeaders sets the headers every response carries. Crawled text is
// untrusted: the policy allows scripts and styles from this origin only.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// staticHandler serves web's static files. Under /static/v-<version>/ (the
// URLs pages link to) they never change, so browsers may cache them for a
// year; an old page's version, or none, still gets today's file, revalidated.
//
// Only files are served: a folder (/static/, /static/v-x/, any folder that
// may be added under it) is notFound, not a listing of what the site ships.
func staticHandler(notFound http.Handler) http.Handler {
	files := web.Static()
	server := http.FileServerFS(files)
	current := "v-" + web.Version() + "/"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked := r.URL.Path
		cache := "no-cache"
		if rest, ok := strings.CutPrefix(r.URL.Path, current); ok {
			r.URL.Path, cache = rest, "public, max-age=31536000, immutable"
		} else if v, rest, ok := strings.Cut(r.URL.Path, "/"); ok && strings.HasPrefix(v, "v-") {
			r.URL.Path = rest
		}
		// A path ending in "/" is a folder's, and FileServer would
		// redirect a file's so spelt; neither is served.
		if st, err := fs.Stat(files, r.URL.Path); r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") || err != nil || st.IsDir() {
			r.URL.Path = "/static/" + asked // as asked, for the message
			notFound.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Cache-Control", cache)
		server.ServeHTTP(w, r)
	})
}
