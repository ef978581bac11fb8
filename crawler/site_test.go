package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/crawler/extract"
	"github.com/askedat/askedat/crawler/fetch"
	"github.com/askedat/askedat/crawler/state"
	"github.com/askedat/askedat/internal/sample"
)

// openStore opens a crawl state in a temporary folder.
func openStore(t *testing.T) *state.Store {
	t.Helper()
	s, err := state.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// docsOf returns the experiences a store holds, in id order.
func docsOf(t *testing.T, s *state.Store) []askedat.Experience {
	t.Helper()
	var out []askedat.Experience
	if err := s.Docs(func(d state.Doc) error {
		out = append(out, *d.Experience)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// requestLog counts the requests a test server has, by path and query.
type requestLog struct {
	mu   sync.Mutex
	hits map[string]int
}

func (l *requestLog) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		if l.hits == nil {
			l.hits = make(map[string]int)
		}
		l.hits[r.URL.RequestURI()]++
		l.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

func (l *requestLog) count(uri string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.hits[uri]
}

// testLogger sends a crawl's log to t.Log.
func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(tWriter{t}, nil))
}

type tWriter struct{ t *testing.T }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Helper()
	w.t.Log(strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}

// testCrawl crawls cfg with the real fetcher and extractor into a new
// state, and returns the experiences it holds.
func testCrawl(t *testing.T, ctx context.Context, cfg Config) (*Report, []askedat.Experience, error) {
	t.Helper()
	store := openStore(t)
	return testCrawlWith(t, ctx, cfg, store, nil)
}

// testCrawlWith crawls cfg into store, the fetcher handing every exchange
// to rec (when set).
func testCrawlWith(t *testing.T, ctx context.Context, cfg Config, store *state.Store, rec fetch.Recorder) (*Report, []askedat.Experience, error) {
	t.Helper()
	c := &crawl{cfg: cfg, fetch: newFetcher(cfg, rec, store), extract: extract.Page, store: store, log: testLogger(t)}
	rep, err := c.run(ctx)
	return rep, docsOf(t, store), err
}

// TestCrawlSampleSite crawls a generated site from its first listing page
// and checks the output against the site's ground truth: every post once,
// nothing else, no trap fetched, and the broken pages reported.
func TestCrawlSampleSite(t *testing.T) {
	site := sample.NewSite(sample.Config{Posts: 60, Seed: 7, PerListing: 10, Faults: true})
	var reqs requestLog
	srv := httptest.NewServer(reqs.wrap(site))
	defer srv.Close()
	srvURL, _ := url.Parse(srv.URL)

	cfg := Config{
		Seeds:      []string{srv.URL + "/experiences"},
		Delay:      0,
		AllowHosts: []string{srvURL.Hostname()},
		MaxDepth:   defaultMaxDepth,
	}
	rep, got, err := testCrawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}

	checkTruth(t, got, site, srv.URL)
	if want := len(site.Experiences(srv.URL)); rep.Experiences != want {
		t.Errorf("report: %d experiences, want %d", rep.Experiences, want)
	}
	for _, p := range site.ListingPaths() {
		if id := askedat.IDForURL(srv.URL + p); slices.ContainsFunc(got, func(e askedat.Experience) bool { return e.ID == id }) {
			t.Errorf("listing page %s was emitted as an experience", p)
		}
		if reqs.count(p) != 1 {
			t.Errorf("listing page %s requested %d times, want 1", p, reqs.count(p))
		}
	}
	for _, p := range site.TrapPaths() {
		if n := reqs.count(p); n > 0 {
			t.Errorf("trap %s requested %d times", p, n)
		}
	}
	if n := site.TrapHits(); n > 0 {
		t.Errorf("trap paths had %d requests, want 0", n)
	}

	faults := site.FaultPaths()
	failed := map[string]error{}
	for _, pe := range rep.Errors {
		u, _ := url.Parse(pe.URL)
		failed[u.RequestURI()] = pe.Err
	}
	for _, p := range faults.NotFound {
		var se *fetch.StatusError
		if err := failed[p]; !errors.As(err, &se) || se.Code != http.StatusNotFound {
			t.Errorf("404 page %s: reported error %v, want status 404", p, err)
		}
	}
	if failed[faults.Malformed] == nil {
		t.Errorf("malformed page %s was not reported; errors: %v", faults.Malformed, rep.Errors)
	}
	if len(rep.Errors) != len(faults.NotFound)+1 {
		t.Errorf("report has %d errors, want %d (the 404s and the malformed page): %v",
			len(rep.Errors), len(faults.NotFound)+1, rep.Errors)
	}
	if rep.Duplicates < 1 {
		t.Errorf("report: %d duplicates, want at least 1 (the redirect to a post fetched before)", rep.Duplicates)
	}
	// The tracking link is the same URL once normalised: never requested.
	if n := reqs.count(strings.TrimSuffix(faults.Duplicate, "#discussion")); n != 0 {
		t.Errorf("tracking link %s requested %d times, want 0", faults.Duplicate, n)
	}
	if rep.RobotsSkipped == 0 {
		t.Errorf("report: 0 pages skipped by robots.txt, want the first listing's trap links skipped")
	}
}

// TestCrawlSampleSiteFromHome seeds the site's home page, as an operator
// would: the crawl must find its way to the listings and every post, and
// robots.txt must keep it out of the trap the home page links to.
func TestCrawlSampleSiteFromHome(t *testing.T) {
	site := sample.NewSite(sample.Config{Posts: 45, Seed: 3, PerListing: 10})
	var reqs requestLog
	srv := httptest.NewServer(reqs.wrap(site))
	defer srv.Close()
	srvURL, _ := url.Parse(srv.URL)

	cfg := Config{Seeds: []string{srv.URL + "/"}, AllowHosts: []string{srvURL.Hostname()}, MaxDepth: defaultMaxDepth}
	rep, got, err := testCrawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	checkTruth(t, got, site, srv.URL)
	if n := site.TrapHits(); n > 0 {
		t.Errorf("trap paths had %d requests, want 0", n)
	}
	if rep.RobotsSkipped == 0 {
		t.Errorf("report: 0 pages skipped by robots.txt, want the home page's trap links skipped")
	}
}
