package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/askedat/askedat"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat/crawler/archive"
	"github.com/askedat/askedat/crawler/extract"
	"github.com/askedat/askedat/crawler/fetch"
	"github.com/askedat/askedat/crawler/state"
	"github.com/askedat/askedat/crawler/urlnorm"
	"github.com/askedat/askedat/internal/cli"
)

// defaultLog is the log's config of a command line that does not set it.
var defaultLog = cli.LogConfig{Format: "text", Level: "info"}

func TestFlags(t *testing.T) {
	tests := []struct {
		args []string
		want Config
	}{
		{
			[]string{"-seed", "http://a.example/x", "-out", "o.jsonl"},
			Config{Seeds: []string{"http://a.example/x"}, Out: "o.jsonl", Delay: time.Second, Retries: 3, MaxDepth: 2, Log: defaultLog},
		},
		{
			[]string{"-seed", "http://a.example/x", "-out", "o.jsonl", "-crawl-dir", "crawl", "-log-format", "json", "-log-level", "warn"},
			Config{Seeds: []string{"http://a.example/x"}, Out: "o.jsonl", Delay: time.Second, Retries: 3, MaxDepth: 2, CrawlDir: "crawl",
				Log: cli.LogConfig{Format: "json", Level: "warn"}},
		},
		{ // -data, the old name of -crawl-dir, still works; the same folder twice is no conflict
			[]string{"-seed", "http://a.example/x", "-out", "o.jsonl", "-data", "crawl", "-crawl-dir", "crawl"},
			Config{Seeds: []string{"http://a.example/x"}, Out: "o.jsonl", Delay: time.Second, Retries: 3, MaxDepth: 2, CrawlDir: "crawl", Log: defaultLog},
		},
		{
			[]string{"-seed", "http://a.example/x", "-seed", "https://b.example/", "-out", "o.jsonl",
				"-max-pages", "5", "-delay", "0s", "-timeout", "2s", "-allow-host", "127.0.0.1", "-allow-host", "localhost",
				"-max-depth", "0", "-max-crawl-delay", "5s"},
			Config{Seeds: []string{"http://a.example/x", "https://b.example/"}, Out: "o.jsonl", MaxPages: 5,
				Timeout: 2 * time.Second, AllowHosts: []string{"127.0.0.1", "localhost"}, Retries: 3,
				MaxCrawlDelay: 5 * time.Second, Log: defaultLog},
		},
	}
	for _, tt := range tests {
		got, err := parseFlags(tt.args, io.Discard, io.Discard)
		if err != nil {
			t.Errorf("parseFlags(%q) error: %v", tt.args, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("parseFlags(%q) (-want +got):\n%s", tt.args, diff)
		}
	}
}

func TestFlagsBad(t *testing.T) {
	tests := []struct {
		args []string
		want string // in the message printed
	}{
		{[]string{"-out", "o.jsonl"}, "no -seed"},
		{[]string{"-seed", "http://a.example/"}, "no -out"},
		{[]string{"-seed", "ftp://a.example/", "-out", "o"}, "not an absolute http or https URL"},
		{[]string{"-seed", "/relative", "-out", "o"}, "not an absolute http or https URL"},
		{[]string{"-seed", "http://a.example/", "-out", "o", "-max-pages", "-1"}, "negative"},
		{[]string{"-seed", "http://a.example/", "-out", "o", "-delay", "-1s"}, "negative"},
		{[]string{"-seed", "http://a.example/", "-out", "o", "-max-depth", "-1"}, "-max-depth -1 is negative"},
		{[]string{"-seed", "http://a.example/", "-out", "o", "-max-crawl-delay", "-1s"}, "-max-crawl-delay -1s is negative"},
		{[]string{"-seed", "http://a.example/", "-out", "o", "extra"}, `unexpected argument "extra"`},
		{[]string{"-nope"}, "crawler: flag provided but not defined: -nope; run 'crawler -help' for usage\n"},
		{[]string{"-seed", "http://a.example/", "-out", "o", "-log-format", "xml"}, `-log-format "xml": want text or json`},
		{[]string{"-seed", "http://a.example/", "-out", "o", "-crawl-dir", "a", "-data", "b"},
			"crawler: invalid value \"b\" for flag -data: -crawl-dir (or its old name -data) names two folders, a and b: give one; run 'crawler -help' for usage\n"},
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		_, err := parseFlags(tt.args, io.Discard, &stderr)
		if err == nil || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("parseFlags(%q) = %v, printed %q; want an error saying %q", tt.args, err, stderr.String(), tt.want)
		}
	}
	var stderr bytes.Buffer
	if _, err := parseFlags([]string{"-h"}, io.Discard, &stderr); !errors.Is(err, flag.ErrHelp) || !strings.Contains(stderr.String(), "usage: crawler") {
		t.Errorf("parseFlags(-h) = %v, printed %q; want flag.ErrHelp and the usage", err, stderr.String())
	}
}

// readJSONL reads a JSON Lines file of experiences.
func readJSONL(t *testing.T, path string) []askedat.Experience {
	t.Helper()
	out, err := askedat.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// A small site written for these tests: a listing of three posts (one
// linked twice), a 404, a malformed post, a page robots.txt forbids, and a
// second listing page.
func postPage(title string, n int) string {
	var qs strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&qs, "<li><div>%d.</div><h3>Question %d</h3><div>System Design · Hard</div><p>Body %d.</p></li>\n", i, i, i)
	}
	return `<html><head><title>` + title + `</title></head><body>
<h1>` + title + `</h1><div>acme</div><div>· Software Engineer · Offer</div>
<div><time datetime="2024-01-02">January 2, 2024</time> · 5 reads</div>
<h2>Summary</h2><p>Short.</p><h2>Full Experience</h2><p>Long.</p>
<h2>Interview Questions (` + fmt.Sprint(n) + `)</h2><ol>` + qs.String() + `</ol></body></html>`
}

func card(href string) string {
	return `<li><a href="` + href + `"><h2>x</h2></a><div>1 reads · 1 questions</div></li>`
}

func fixtureSite() http.Handler {
	mux := http.NewServeMux()
	html := func(body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, body)
		}
	}
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "User-agent: *\nDisallow: /experience/secret/\n")
	})
	mux.Handle("/experiences", html(`<html><body><h1>Latest</h1><ul>`+
		card("/experience/acme/one")+card("/experience/acme/two")+card("/experience/acme/one#again")+
		card("/experience/acme/gone")+card("/experience/acme/broken")+card("/experience/secret/hidden")+
		`</ul><nav><a rel="next" href="/experiences/2">Next</a></nav></body></html>`))
	mux.Handle("/experiences/2", html(`<html><body><h1>Page 2</h1><ul>`+
		card("/experience/acme/three")+card("/experience/acme/two")+
		`</ul><nav><a rel="prev" href="/experiences">Previous</a></nav></body></html>`))
	mux.Handle("/experience/acme/one", html(postPage("One at Acme", 2)))
	mux.Handle("/experience/acme/two", html(postPage("Two at Acme", 1)))
	mux.Handle("/experience/acme/three", html(postPage("Three at Acme", 3)))
	mux.Handle("/experience/acme/broken", html(strings.Replace(postPage("Broken at Acme", 2), "Interview Questions (2)", "Interview Questions (5)", 1)))
	mux.Handle("/experience/secret/hidden", html(postPage("Hidden", 1)))
	return mux
}

func TestCrawlFixture(t *testing.T) {
	var reqs requestLog
	srv := httptest.NewServer(reqs.wrap(fixtureSite()))
	defer srv.Close()
	cfg := Config{Seeds: []string{srv.URL + "/experiences"}, AllowHosts: []string{"127.0.0.1"}}
	rep, got, err := testCrawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	var titles []string
	slices.SortFunc(got, func(a, b askedat.Experience) int { return strings.Compare(a.Title, b.Title) })
	for _, e := range got {
		titles = append(titles, e.Title)
		if e.ID != askedat.IDForURL(e.URL) {
			t.Errorf("experience %q has id %s, want IDForURL(%s)", e.Title, e.ID, e.URL)
		}
	}
	if diff := cmp.Diff([]string{"One at Acme", "Three at Acme", "Two at Acme"}, titles); diff != "" {
		t.Errorf("experiences written (-want +got):\n%s", diff)
	}
	wantRep := Report{Pages: 7, Experiences: 3, Listings: 2, RobotsSkipped: 1}
	gotRep := *rep
	gotRep.Errors, gotRep.Elapsed = nil, 0
	if diff := cmp.Diff(wantRep, gotRep); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
	var failed []string
	for _, pe := range rep.Errors {
		failed = append(failed, strings.TrimPrefix(pe.URL, srv.URL)+": "+pe.Err.Error())
	}
	if len(failed) != 2 || !strings.Contains(failed[0], "/experience/acme/gone: status 404") ||
		!strings.Contains(failed[1], "/experience/acme/broken: ") || !strings.Contains(failed[1], "promises 5 questions, found 2") {
		t.Errorf("errors = %q, want the 404 and the count mismatch", failed)
	}
	if n := reqs.count("/experience/secret/hidden"); n != 0 {
		t.Errorf("disallowed page requested %d times", n)
	}
	if n := reqs.count("/experience/acme/two"); n != 1 {
		t.Errorf("/experience/acme/two requested %d times, want 1", n)
	}
}

func TestCrawlMaxPages(t *testing.T) {
	srv := httptest.NewServer(fixtureSite())
	defer srv.Close()
	cfg := Config{Seeds: []string{srv.URL + "/experiences"}, AllowHosts: []string{"127.0.0.1"}, MaxPages: 2}
	rep, got, err := testCrawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	if rep.Pages != 2 || !rep.MaxPagesHit || len(got) != 1 {
		t.Errorf("crawl with -max-pages 2: %d pages, max hit %v, %d experiences; want 2, true, 1", rep.Pages, rep.MaxPagesHit, len(got))
	}
}

func TestCrawlSeedsFail(t *testing.T) {
	srv := httptest.NewServer(fixtureSite())
	defer srv.Close()
	tests := []struct {
		name  string
		cfg   Config
		check func(error) bool
	}{
		{"404", Config{Seeds: []string{srv.URL + "/nothing"}, AllowHosts: []string{"127.0.0.1"}},
			func(err error) bool { var se *fetch.StatusError; return errors.As(err, &se) && se.Code == 404 }},
		{"loopback refused", Config{Seeds: []string{srv.URL + "/experiences"}},
			func(err error) bool { return errors.Is(err, fetch.ErrBlockedAddr) }},
		{"robots", Config{Seeds: []string{srv.URL + "/experience/secret/hidden"}, AllowHosts: []string{"127.0.0.1"}},
			func(err error) bool { return errors.Is(err, fetch.ErrDisallowed) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := testCrawl(t, context.Background(), tt.cfg)
			if err == nil || !strings.Contains(err.Error(), "every seed failed") || !tt.check(err) {
				t.Errorf("crawl error = %v, want every seed failed, for the right reason", err)
			}
		})
	}
	// One good seed is enough.
	cfg := Config{Seeds: []string{srv.URL + "/nothing", srv.URL + "/experiences"}, AllowHosts: []string{"127.0.0.1"}}
	if _, _, err := testCrawl(t, context.Background(), cfg); err != nil {
		t.Errorf("crawl with one good seed: %v", err)
	}
}

// TestRun crawls into a file: the output appears under its name only at
// the end, and holds one line per post.
func TestRun(t *testing.T) {
	srv := httptest.NewServer(fixtureSite())
	defer srv.Close()
	out := filepath.Join(t.TempDir(), "docs.jsonl")
	cfg := Config{Seeds: []string{srv.URL + "/experiences"}, Out: out, AllowHosts: []string{"127.0.0.1"}}
	var logged bytes.Buffer
	if err := run(context.Background(), cfg, &logged); err != nil {
		t.Fatalf("run: %v", err)
	}
	got := readJSONL(t, out)
	for i, e := range got {
		if err := e.Validate(); err != nil {
			t.Errorf("line %d: %v", i+1, err)
		}
	}
	n := len(got)
	if n != 3 {
		t.Errorf("%s has %d experiences, want 3", out, n)
	}
	// Progress lines (the one at the end, at least) go through the log,
	// as its records, when stderr is not a terminal.
	if !strings.Contains(logged.String(), `level=INFO msg="crawl: 7 pages of 7 pages`) {
		t.Errorf("no progress line in the log:\n%s", logged.String())
	}
	if left := tempsOf(t, out); len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestRunFails(t *testing.T) {
	srv := httptest.NewServer(fixtureSite())
	defer srv.Close()
	dir := t.TempDir()

	// -out in a folder that does not exist.
	cfg := Config{Seeds: []string{srv.URL + "/experiences"}, Out: filepath.Join(dir, "no", "such", "docs.jsonl"), AllowHosts: []string{"127.0.0.1"}}
	if err := run(context.Background(), cfg, io.Discard); err == nil {
		t.Errorf("run with an unwritable -out succeeded")
	}

	// Every seed failed: no output file, and no temporary one.
	out := filepath.Join(dir, "docs.jsonl")
	cfg = Config{Seeds: []string{srv.URL + "/nothing"}, Out: out, AllowHosts: []string{"127.0.0.1"}}
	if err := run(context.Background(), cfg, io.Discard); err == nil {
		t.Errorf("run with only a failing seed succeeded")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s exists after a failed run", out)
	}
	if left := tempsOf(t, out); len(left) > 0 {
		t.Errorf("temporary files left after a failed run: %v", left)
	}
}

// TestRunInterrupted stops a crawl in the middle: the server cancels the
// crawl's context when the second post is asked for, and holds that
// request until the crawler gives up on it. What was found before is
// kept, in the output.
func TestRunInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	site := fixtureSite()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/experience/acme/two" {
			cancel()
			select {
			case <-r.Context().Done():
			case <-time.After(30 * time.Second): // failsafe: the crawler never let go
			}
			return
		}
		site.ServeHTTP(w, r)
	}))
	defer srv.Close()
	out := filepath.Join(t.TempDir(), "docs.jsonl")
	cfg := Config{Seeds: []string{srv.URL + "/experiences"}, Out: out, AllowHosts: []string{"127.0.0.1"}}
	rep, err := crawlTo(ctx, cfg, extract.Page, testLogger(t), io.Discard)
	if err != nil || !rep.Interrupted {
		t.Fatalf("interrupted crawl = %+v, %v; want it reported interrupted, no error", rep, err)
	}
	got := readJSONL(t, out)
	if len(got) < 1 || len(got) >= 3 {
		t.Errorf("interrupted run wrote %d experiences, want some but not all 3", len(got))
	}
}

// lineCounter is a log that counts the lines holding a string, and says
// when a count is reached.
type lineCounter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	match string
	n     int
	waits map[int]chan struct{}
}

func (l *lineCounter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	l.n += bytes.Count(p, []byte(l.match))
	for n, ch := range l.waits {
		if l.n >= n {
			close(ch)
			delete(l.waits, n)
		}
	}
	return len(p), nil
}

// reached returns a channel closed once n lines match.
func (l *lineCounter) reached(n int) <-chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	ch := make(chan struct{})
	if l.n >= n {
		close(ch)
		return ch
	}
	if l.waits == nil {
		l.waits = map[int]chan struct{}{}
	}
	l.waits[n] = ch
	return ch
}

func (l *lineCounter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// TestProgress: while the crawl waits, it logs progress lines on its own.
// The server holds the first post until one progress line is logged, the
// second until another is, so the periodic lines (not the one the summary
// adds at the end) must come.
func TestProgress(t *testing.T) {
	logged := &lineCounter{match: " queued, "}
	site := fixtureSite()
	var missed atomic.Int32
	hold := map[string]int{"/experience/acme/one": 1, "/experience/acme/two": 2}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n := hold[r.URL.Path]; n > 0 {
			select {
			case <-logged.reached(n):
			case <-time.After(30 * time.Second): // failsafe: no progress line came
				missed.Add(1)
			}
		}
		site.ServeHTTP(w, r)
	}))
	defer srv.Close()
	cfg := Config{Seeds: []string{srv.URL + "/experiences"}, AllowHosts: []string{"127.0.0.1"},
		ProgressEvery: 10 * time.Millisecond}
	store := openStore(t)
	c := &crawl{cfg: cfg, fetch: newFetcher(cfg, nil, store), extract: extract.Page, store: store, log: slog.New(slog.NewTextHandler(logged, nil))}
	rep, err := c.run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if n := missed.Load(); n > 0 {
		t.Errorf("%d posts waited in vain for a progress line; log:\n%s", n, logged)
	}
	for _, line := range strings.Split(strings.TrimSpace(logged.String()), "\n") {
		if strings.Contains(line, " queued, ") && (!strings.HasPrefix(line, "time=") || !strings.Contains(line, ` level=INFO msg="crawl: `)) {
			t.Errorf("progress line %q is not a record of the log", line)
		}
	}
	want := "done: 7 pages fetched, 3 experiences written, 1 skipped by robots.txt, 2 errors ("
	if got := rep.summary(); !strings.HasPrefix(got, want) || !strings.Contains(got, " pages/s)") {
		t.Errorf("summary = %q, want it to start %q and give the rate", got, want)
	}
}

// TestParseSeed: a seed is normalised as every link is, so its scope is
// the scope of the links on its pages however the seed was typed.
func TestParseSeed(t *testing.T) {
	tests := []struct {
		seed, want, link string
	}{
		{"http://Example.COM./x", "http://example.com/x", "http://example.com/y"},
		{"https://Bücher.example/", "https://xn--bcher-kva.example/", "https://xn--bcher-kva.example/a"},
		{"http://example.com:080/", "http://example.com/", "http://example.com/a"},
		{"HTTP://example.com:80/experiences?utm_source=newsletter&b=2&a=1#top", "http://example.com/experiences?a=1&b=2", "http://example.com/a"},
		{" https://example.com:8443/p ", "https://example.com:8443/p", "https://example.com:8443/q"},
	}
	for _, tt := range tests {
		u, err := parseSeed(tt.seed)
		if err != nil {
			t.Errorf("parseSeed(%q) error: %v", tt.seed, err)
			continue
		}
		if got := u.String(); got != tt.want {
			t.Errorf("parseSeed(%q) = %q, want %q", tt.seed, got, tt.want)
		}
		link, err := urlnorm.Parse(tt.link)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := scopeOf(u), scopeOf(link); got != want {
			t.Errorf("scopeOf(parseSeed(%q)) = %q, want %q, the scope of its link %s", tt.seed, got, want, tt.link)
		}
		// The scope of a URL is that of its normal form, however it is
		// spelled (a redirect's Location is not normalised).
		raw, _ := url.Parse(tt.seed)
		if raw != nil && raw.Host != "" {
			if got, want := scopeOf(raw), scopeOf(u); got != want {
				t.Errorf("scopeOf(%q) = %q, want %q", tt.seed, got, want)
			}
		}
	}
}

// TestCrawlSeedSpelledOtherwise seeds the fixture by a host name in upper
// case with a trailing dot: the links on its pages, in normal form, are in
// the seed's scope, and the whole site is crawled.
func TestCrawlSeedSpelledOtherwise(t *testing.T) {
	srv := httptest.NewServer(fixtureSite())
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	cfg := Config{Seeds: []string{"http://Fixture.TEST.:" + port + "/experiences"}, AllowHosts: []string{"fixture.test"},
		LookupHost: func(_ context.Context, host string) ([]netip.Addr, error) {
			if host != "fixture.test" {
				return nil, fmt.Errorf("unexpected lookup of %q", host)
			}
			return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
		}}
	rep, got, err := testCrawl(t, context.Background(), cfg)
	if err != nil || len(got) != 3 || rep.Pages != 7 {
		t.Errorf("crawl seeded at %s = %d experiences, %d pages, %v; want 3 and 7", cfg.Seeds[0], len(got), rep.Pages, err)
	}
}

// depthSite is a listing of posts (and a second listing page) whose menu
// links to /java/, a chain of pages that are neither listings nor posts:
// /java/ → /java/a → /java/b → /java/c.
func depthSite(reqs *requestLog) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", http.NotFound)
	other := func(next string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			writeHTML(w, `<html><head><title>Java</title></head><body><p>Java.</p><a href="`+next+`">more</a></body></html>`)
		}
	}
	mux.HandleFunc("/experiences", func(w http.ResponseWriter, r *http.Request) {
		writeHTML(w, `<html><body><nav><a href="/java/">Java</a></nav><h1>Latest</h1><ul>`+
			card("/experience/acme/one")+card("/experience/acme/two")+
			`</ul><nav><a rel="next" href="/experiences/2">Next</a></nav></body></html>`)
	})
	mux.HandleFunc("/experiences/2", func(w http.ResponseWriter, r *http.Request) {
		writeHTML(w, `<html><body><nav><a href="/java/">Java</a></nav><h1>Page 2</h1><ul>`+
			card("/experience/acme/three")+`</ul></body></html>`)
	})
	mux.HandleFunc("/java/", other("/java/a"))
	mux.HandleFunc("/java/a", other("/java/b"))
	mux.HandleFunc("/java/b", other("/java/c"))
	mux.HandleFunc("/java/c", other("/java/d"))
	for _, p := range []string{"one", "two", "three"} {
		mux.HandleFunc("/experience/acme/"+p, func(w http.ResponseWriter, r *http.Request) { writeHTML(w, postPage(p+" at Acme", 1)) })
	}
	return httptest.NewServer(reqs.wrap(mux))
}

// TestCrawlDepth: links from listings and posts are followed however far
// (every post is found), other links only -max-depth deep; a page deeper
// than a later crawl's -max-depth is not asked again.
func TestCrawlDepth(t *testing.T) {
	chain := []string{"/java/", "/java/a", "/java/b", "/java/c"}
	for _, tt := range []struct {
		depth int
		asked []string // of the chain
	}{
		{defaultMaxDepth, []string{"/java/", "/java/a"}},
		{1, []string{"/java/"}},
		{0, nil},
		{3, []string{"/java/", "/java/a", "/java/b"}},
	} {
		var reqs requestLog
		srv := depthSite(&reqs)
		cfg := Config{Seeds: []string{srv.URL + "/experiences"}, AllowHosts: []string{"127.0.0.1"}, MaxDepth: tt.depth}
		_, got, err := testCrawl(t, context.Background(), cfg)
		srv.Close()
		if err != nil || len(got) != 3 {
			t.Errorf("-max-depth %d: %d experiences, %v; want all 3 posts", tt.depth, len(got), err)
		}
		var asked []string
		for _, p := range chain {
			if n := reqs.count(p); n > 0 {
				asked = append(asked, p)
			}
		}
		if diff := cmp.Diff(tt.asked, asked); diff != "" {
			t.Errorf("-max-depth %d: pages of the chain asked (-want +got):\n%s", tt.depth, diff)
		}
	}

	// A re-crawl with a smaller -max-depth leaves out what the first went
	// deeper for.
	var reqs requestLog
	srv := depthSite(&reqs)
	defer srv.Close()
	store := openStore(t)
	cfg := Config{Seeds: []string{srv.URL + "/experiences"}, AllowHosts: []string{"127.0.0.1"}, MaxDepth: 2}
	if _, _, err := testCrawlWith(t, context.Background(), cfg, store, nil); err != nil {
		t.Fatal(err)
	}
	cfg.MaxDepth = 0
	if _, got, err := testCrawlWith(t, context.Background(), cfg, store, nil); err != nil || len(got) != 3 {
		t.Fatalf("re-crawl with -max-depth 0 = %d experiences, %v; want 3", len(got), err)
	}
	for _, p := range []string{"/java/", "/java/a"} {
		if n := reqs.count(p); n != 1 {
			t.Errorf("%s asked %d times over both crawls, want 1 (not again with -max-depth 0)", p, n)
		}
	}
}

// cancelAfter is a Recorder that cancels the crawl right after the nth
// exchange is recorded: an answer archived, and Ctrl-C.
type cancelAfter struct {
	fetch.Recorder
	n      int32
	seen   atomic.Int32
	cancel func()
}

func (c *cancelAfter) Record(ex *fetch.Exchange) error {
	err := c.Recorder.Record(ex)
	if c.seen.Add(1) == c.n {
		c.cancel()
	}
	return err
}

// archivedCrawl runs a crawl of cfg with its state in data/state and its
// archive in data/warc, as crawlTo does; wrap, when set, stands between
// the fetcher and the archive.
func archivedCrawl(t *testing.T, ctx context.Context, cfg Config, data string, wrap func(fetch.Recorder) fetch.Recorder) (*Report, []askedat.Experience) {
	t.Helper()
	store, err := state.Open(filepath.Join(data, "state"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	dir := filepath.Join(data, "warc")
	arch, err := archive.Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	var rec fetch.Recorder = arch
	if wrap != nil {
		rec = wrap(arch)
	}
	c := &crawl{cfg: cfg, fetch: newFetcher(cfg, rec, store), extract: extract.Page, store: store, archiveDir: dir, log: testLogger(t)}
	rep, err := c.run(ctx)
	if cerr := arch.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	return rep, docsOf(t, store)
}

// TestInterruptAfterArchive: the crawl is stopped (Ctrl-C) right after a
// post's answer is archived. That post is settled, not dropped: the next
// run, on the same state and archive, asks for no page a second time.
func TestInterruptAfterArchive(t *testing.T) {
	var reqs requestLog
	srv := httptest.NewServer(reqs.wrap(fixtureSite()))
	defer srv.Close()
	data := t.TempDir()
	cfg := Config{Seeds: []string{srv.URL + "/experiences"}, AllowHosts: []string{"127.0.0.1"}}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// robots.txt, the listing, the first post: then Ctrl-C.
	rep, got := archivedCrawl(t, ctx, cfg, data, func(r fetch.Recorder) fetch.Recorder {
		return &cancelAfter{Recorder: r, n: 3, cancel: cancel}
	})
	if !rep.Interrupted || len(got) != 1 {
		t.Fatalf("first run: interrupted %v, %d experiences; want interrupted with the first post", rep.Interrupted, len(got))
	}
	_, got = archivedCrawl(t, context.Background(), cfg, data, nil)
	if len(got) != 3 {
		t.Errorf("second run: %d experiences, want 3", len(got))
	}
	reqs.mu.Lock()
	defer reqs.mu.Unlock()
	for p, n := range reqs.hits {
		if n > 1 && p != "/robots.txt" {
			t.Errorf("%s fetched %d times over both runs, want once", p, n)
		}
	}
}

// TestRecoverFinishedCrawl: a crash after a crawl's last page is recorded
// but before its archive is closed leaves an open file of pages the state
// has. The next run is a re-crawl: every page is asked again (with its
// validators), none taken from that file.
func TestRecoverFinishedCrawl(t *testing.T) {
	site := newVersioned()
	srv := httptest.NewServer(site)
	defer srv.Close()
	dir := t.TempDir()
	cfg := Config{Seeds: []string{srv.URL + "/experiences"}, AllowHosts: []string{"127.0.0.1"},
		CrawlDir: filepath.Join(dir, "data"), Out: filepath.Join(dir, "docs.jsonl")}
	if _, err := crawlTo(context.Background(), cfg, extract.Page, testLogger(t), io.Discard); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "data", "warc", "*.warc.gz"))
	if len(files) != 1 {
		t.Fatalf("archive files %v, want 1", files)
	}
	if err := os.Rename(files[0], files[0]+".open"); err != nil {
		t.Fatal(err)
	}
	site.reset()
	rep, err := crawlTo(context.Background(), cfg, extract.Page, testLogger(t), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := len(site.titles) + 2 // the posts, the listing, the redirect
	if rep.Recovered != 0 || len(site.h.reqs) != want || rep.NotModified != want-1 {
		t.Errorf("re-crawl after the crash: %d recovered, %d requests, %d not modified; want 0, %d, %d",
			rep.Recovered, len(site.h.reqs), rep.NotModified, want, want-1)
	}
}

// TestCrawlRecordFails: an archive that cannot be written while robots.txt
// is fetched stops the crawl with that error, before any page.
func TestCrawlRecordFails(t *testing.T) {
	var reqs requestLog
	srv := httptest.NewServer(reqs.wrap(fixtureSite()))
	defer srv.Close()
	cfg := Config{Seeds: []string{srv.URL + "/experiences"}, AllowHosts: []string{"127.0.0.1"}}
	rep, _, err := testCrawlWith(t, context.Background(), cfg, openStore(t), failingRecorder{})
	if !errors.Is(err, fetch.ErrRecord) {
		t.Errorf("crawl with a failing archive = %v, want %v", err, fetch.ErrRecord)
	}
	if rep != nil && rep.RobotsSkipped != 0 {
		t.Errorf("report: %d pages skipped by robots.txt, want 0", rep.RobotsSkipped)
	}
	if n := reqs.count("/experiences"); n != 0 {
		t.Errorf("the seed was requested %d times, want 0", n)
	}
}

// failingRecorder is a full disk.
type failingRecorder struct{}

func (failingRecorder) Record(*fetch.Exchange) error { return errors.New("no space left on device") }
