package main

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"askedat/index"
	"askedat/web"
)

// searcher is what the handlers need of an index. It lives here, beside its
// only consumer, so tests can serve any implementation.
type searcher interface {
	Search(ctx context.Context, r index.Request) (*index.Result, error)
	Suggest(ctx context.Context, field, prefix string, n int) ([]index.FacetValue, error)
	Experience(ctx context.Context, id string) (*index.Experience, error)
	DocCount() (uint64, error)
}

var _ searcher = (*index.Index)(nil)

// Server serves the API and the web pages over one index.
type Server struct {
	Index         searcher
	UI            *web.UI
	Logger        *slog.Logger
	SearchTimeout time.Duration // per search; 10s if 0
}

// Handler returns the HTTP handler with every route and the middleware.
func (s *Server) Handler() http.Handler {
	if s.Logger == nil {
		s.Logger = slog.Default()
	}
	if s.SearchTimeout == 0 {
		s.SearchTimeout = 10 * time.Second
	}
	// The headers wrap the router itself, so that answers from its
	// not-found and method-not-allowed handlers carry them too.
	return securityHeaders(s.routes())
}

// routes lists every route.
func (s *Server) routes() *mux.Router {
	r := mux.NewRouter()
	r.Handle("/api/search", s.api(s.handleAPISearch)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/suggest", s.api(s.handleAPISuggest)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/questions/{cluster}", s.api(s.handleAPIQuestion)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/api/experiences/{id}", s.api(s.handleAPIExperience)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/healthz", s.api(s.handleHealthz)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/readyz", s.api(s.handleReadyz)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/", s.page(s.handleSearchPage)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/search", s.page(s.handleSearchPage)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/experiences/{id}", s.page(s.handleExperiencePage)).Methods(http.MethodGet, http.MethodHead)
	r.PathPrefix("/static/").Handler(http.StripPrefix("/static/", staticHandler())).Methods(http.MethodGet, http.MethodHead)
	pageNotFound := s.page(func(w http.ResponseWriter, r *http.Request) error {
		return notFound("there is no page at %s", r.URL.Path)
	})
	apiNotFound := s.api(func(w http.ResponseWriter, r *http.Request) error {
		return notFound("no API route %s", r.URL.Path)
	})
	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			apiNotFound.ServeHTTP(w, r)
			return
		}
		pageNotFound.ServeHTTP(w, r)
	})
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.writeAPIError(w, r, &httpError{Status: http.StatusMethodNotAllowed, Msg: "method " + r.Method + " is not allowed here; use GET"})
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
func staticHandler() http.Handler {
	fs := http.FileServerFS(web.Static())
	current := "v-" + web.Version() + "/"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cache := "no-cache"
		if rest, ok := strings.CutPrefix(r.URL.Path, current); ok {
			r.URL.Path, cache = rest, "public, max-age=31536000, immutable"
		} else if v, rest, ok := strings.Cut(r.URL.Path, "/"); ok && strings.HasPrefix(v, "v-") {
			r.URL.Path = rest
		}
		w.Header().Set("Cache-Control", cache)
		fs.ServeHTTP(w, r)
	})
}
