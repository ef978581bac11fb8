package main

// The web box in a real browser: headless Chromium, driven by chromedp,
// against searchd's handler on loopback over an index on disk built from
// generated posts plus a few written for the tests (a hostile post, two
// words that never meet). The browser tests (TestBrowser…, in
// browser_*_test.go) share one server and one browser, which the first of
// them starts (browserFixture) and TestMain stops; each test, or subtest,
// drives its own tab (browser_tab_test.go). Screenshots of the main states
// go to $ARTIFACTS/browser, or to out/browser in the checkout (git ignores
// out/).

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/askedat/askedat"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/sample"
	"github.com/askedat/askedat/internal/sampleclusters"
	"github.com/askedat/askedat/web"
)

// Words of the hand-written posts.
const (
	hostileWord = "pwnword"
	slowWord    = "slowpoke" // the test server answers it once the test has seen "Searching…"
	failWord    = "failnow"  // the test server drops the connection
)

// okapiPost is a post as the indexer writes it, one of whose questions
// states no difficulty and carries the one the indexer inferred.
const okapiPost = `{"id": "okapi1", "url": "https://example.test/okapi", "source": "test", "title": "Okapi Labs onsite",
 "company": "Okapi Labs", "role": "Software Engineer", "date": "2024-02-01",
 "questions": [
  {"ordinal": 1, "title": "The okapi fence puzzle", "category": "Aptitude", "difficulty": "Medium", "difficulty_source": "inferred", "body": "Paint the okapi fence."},
  {"ordinal": 2, "title": "Okapi feeding schedule", "category": "Aptitude", "difficulty": "Medium", "body": "Plan the okapi meals."},
  {"ordinal": 3, "title": "Okapi census estimate", "category": "Aptitude", "difficulty": "Hard", "body": "Count the okapi herd."}]}`

// browserExperiences are the hand-written posts: one whose every field
// tries to run script, two whose words never meet (a query with both
// finds nothing and gets a suggestion), and okapiPost.
func browserExperiences() []askedat.Experience {
	x := `<img src=x onerror="window.__pwned=1;alert(1)">`
	var okapi askedat.Experience
	if err := json.Unmarshal([]byte(okapiPost), &okapi); err != nil {
		panic(err)
	}
	return []askedat.Experience{
		okapi,
		{
			ID: "hostile1", URL: "https://example.test/hostile1", Source: "test", // javascript: urls are refused by the indexer (index.checkURL)
			Title:   `Evil <script>window.__pwned=1;alert("title")</script> post ` + hostileWord,
			Company: "Evil <b>Corp</b>", Role: `<svg onload="window.__pwned=1;alert(2)">`, Status: "Offer", Date: "2024-03-04",
			Summary:  `<script>window.__pwned=1;alert(3)</script> ` + hostileWord,
			Body:     `Click <a href="javascript:window.__pwned=1;alert(4)">here</a> ` + x + " " + strings.Repeat("unbroken", 40),
			Location: `<iframe src="javascript:alert(5)"></iframe>`, Sentiment: "Negative", Level: "SDE-2",
			Tags: []string{`<script>alert(6)</script>`, "Array"},
			Questions: []askedat.Question{
				{Ordinal: 1, Title: x + " cache " + hostileWord, Category: "Other", Difficulty: "Hard",
					Body: `" onmouseover="window.__pwned=1" <script>alert(7)</script> ` + hostileWord, Round: `<b>Round 1</b>`},
				{Ordinal: 2, Title: `javascript:alert(9) ` + hostileWord, Category: "Behavioral", Body: `<style>body{display:none}</style> ` + hostileWord},
			},
		},
		{
			ID: "zebra1", URL: "https://example.test/zebra", Source: "test", Title: "Puzzle round at Zoo Labs", Company: "Zoo Labs", Role: "Software Engineer", Date: "2023-06-01",
			Questions: []askedat.Question{{Ordinal: 1, Title: "The zebra crossing puzzle", Category: "Aptitude", Body: "Count the stripes."}},
		},
		{
			ID: "quokka1", URL: "https://example.test/quokka", Source: "test", Title: "Estimation round at Zoo Labs", Company: "Zoo Labs", Role: "Software Engineer", Date: "2023-07-01",
			Questions: []askedat.Question{{Ordinal: 1, Title: "Estimate the quokka population", Category: "Aptitude", Body: "Of Rottnest Island."}},
		},
	}
}

// buildBrowserIndex writes an index to disk the way indexer does
// (normalised, questions grouped into clusters) and opens it read-only, as

// buildBrowserIndex writes an index to dir the way indexer does
// (normalised, questions grouped into clusters) and opens it read-only, as
// searchd does; closeIdx closes it.
func buildBrowserIndex(dir string) (s searcher, closeIdx func(), err error) {
	var exps []askedat.Experience
	for _, p := range sample.Generate(sample.Config{Posts: 240, Seed: 6}) {
		e := p.Experience
		e.URL = "https://sample.test" + p.Path
		e.ID = askedat.IDForURL(e.URL)
		exps = append(exps, e)
	}
	exps = append(exps, browserExperiences()...)
	sampleclusters.Assign(exps)

	idx, err := index.Create(dir)
	if err != nil {
		return nil, nil, err
	}
	w := idx.NewWriter(0)
	for i := range exps {
		if err := w.Add(&exps[i]); err != nil {
			idx.Close()
			return nil, nil, fmt.Errorf("adding %s: %w", exps[i].ID, err)
		}
	}
	if err := w.Flush(); err != nil {
		idx.Close()
		return nil, nil, err
	}
	if err := idx.Close(); err != nil {
		return nil, nil, err
	}
	ro, err := index.OpenReadOnly(dir)
	if err != nil {
		return nil, nil, err
	}
	closeIdx = func() { ro.Close() }
	if err := ro.Warm(context.Background()); err != nil {
		closeIdx()
		return nil, nil, fmt.Errorf("warming: %w", err)
	}
	cached, err := newCachedSearcher(ro, 256)
	if err != nil {
		closeIdx()
		return nil, nil, err
	}
	return cached, closeIdx, nil
}

// A slowGate holds the searches for slowWord until the test that makes
// them has seen "Searching…" and lets them go.
type slowGate struct {
	mu sync.Mutex
	ch chan struct{} // closed: the held searches answer
}

func newSlowGate() *slowGate { return &slowGate{ch: make(chan struct{})} }

// open returns a channel closed when the searches held now may answer.
func (g *slowGate) open() <-chan struct{} {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.ch
}

// hold holds the searches for slowWord from now until release is called
// (once or more), so that every run of a test sees the slow state.
func (g *slowGate) hold() (release func()) {
	g.mu.Lock()
	defer g.mu.Unlock()
	ch := make(chan struct{})
	g.ch = ch
	return sync.OnceFunc(func() { close(ch) })
}

// newBrowserServer serves searchd's handler over idx. Two queries
// misbehave on purpose, to show the slow and the error states: slowWord is
// answered only once slow opens, failWord with a dropped connection.
func newBrowserServer(idx searcher, slow *slowGate) (*httptest.Server, error) {
	ui, err := web.New()
	if err != nil {
		return nil, err
	}
	s := &Server{Index: idx, UI: ui, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	h := s.Handler()
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/search" {
			// A page opened with utm_test=few (a tracking parameter, which
			// the page ignores) gets 3 values per facet, as if
			// the index had many more than the script asks for.
			if strings.Contains(r.Referer(), "utm_test=few") {
				v := r.URL.Query()
				v.Set("facet_size", "3")
				r.URL.RawQuery = v.Encode()
			}
			q := r.URL.Query().Get("q")
			if strings.Contains(q, slowWord) {
				select {
				case <-slow.open():
				case <-r.Context().Done():
					return
				}
			}
			if strings.Contains(q, failWord) {
				if c, _, err := http.NewResponseController(w).Hijack(); err == nil {
					c.Close()
				}
				return
			}
		}
		h.ServeHTTP(w, r)
	})), nil
}

// chromiumPath finds the browser: $CHROMIUM, or chromium on PATH.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// artifactDir is where screenshots go: $ARTIFACTS/browser, or out/browser
// at the root of the checkout.
func artifactDir() (string, error) {
	dir := filepath.Join("..", "out", "browser")
	if a := os.Getenv("ARTIFACTS"); a != "" {
		dir = filepath.Join(a, "browser")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("screenshots: %w", err)
	}
	abs, _ := filepath.Abs(dir)
	return abs, nil
}

// A browser is one Chromium process; each tab is a test's.
type browser struct {
	ctx   context.Context
	base  string
	shots string
}

// startBrowser starts Chromium at bin with a fresh profile in profile, its
// pages on the server at base; stop ends it.
func startBrowser(bin, base, profile string) (b *browser, stop func(), err error) {
	shots, err := artifactDir()
	if err != nil {
		return nil, nil, err
	}
	// A fresh profile, and nothing that reaches out to the network.
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.UserDataDir(profile),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter"),
		chromedp.Flag("no-pings", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.WindowSize(1280, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	stop = func() { cancel(); cancelAlloc() }
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("start %s: %w", bin, err)
	}
	return &browser{ctx: ctx, base: base, shots: shots}, stop, nil
}

// A browserEnv is what the browser tests share: the test server over the
// index, and one Chromium. Each test opens its own tabs (env.tab).
type browserEnv struct {
	*browser
	ts   *httptest.Server
	slow *slowGate
	stop func()
}

// The browser tests' environment, started by the first of them.
var (
	browserOnce   sync.Once
	sharedBrowser *browserEnv
	browserErr    error
)

// browserFixture returns the environment of the browser tests, starting it
// if t is the first to ask. It skips t in -short mode and when Chromium is
// not installed, and fails it then when CI is set.
func browserFixture(t *testing.T) *browserEnv {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping the browser tests in -short mode")
	}
	bin := chromiumPath()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("Chromium is not installed and CI is set: install Debian's chromium package (.ci/run does)")
		}
		t.Skip("skipping the browser tests: Chromium is not installed (apt-get install chromium, or set CHROMIUM to its path)")
	}
	browserOnce.Do(func() {
		sharedBrowser, browserErr = startBrowserEnv(bin)
		if browserErr == nil {
			t.Logf("browser tests: %s; screenshots in %s", bin, sharedBrowser.shots)
		}
	})
	if browserErr != nil {
		t.Fatalf("browser tests: %v", browserErr)
	}
	return sharedBrowser
}

// startBrowserEnv builds the index, serves it and starts Chromium at bin,
// everything under one temporary directory that stop removes.
func startBrowserEnv(bin string) (*browserEnv, error) {
	dir, err := os.MkdirTemp("", "searchd-browser-")
	if err != nil {
		return nil, err
	}
	var stops []func() // in the order started
	env := &browserEnv{slow: newSlowGate(), stop: func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
		os.RemoveAll(dir)
	}}
	fail := func(err error) (*browserEnv, error) {
		env.stop()
		return nil, err
	}
	idx, closeIdx, err := buildBrowserIndex(filepath.Join(dir, "idx"))
	if err != nil {
		return fail(fmt.Errorf("building the index: %w", err))
	}
	stops = append(stops, closeIdx)
	if env.ts, err = newBrowserServer(idx, env.slow); err != nil {
		return fail(err)
	}
	stops = append(stops, env.ts.Close)
	b, stopBrowser, err := startBrowser(bin, env.ts.URL, filepath.Join(dir, "profile"))
	if err != nil {
		return fail(err)
	}
	stops = append(stops, stopBrowser)
	env.browser = b
	return env, nil
}

// TestMain stops the browser tests' environment, if one of them started
// it, once every test has run.
func TestMain(m *testing.M) {
	code := m.Run()
	if sharedBrowser != nil {
		sharedBrowser.stop()
	}
	os.Exit(code)
}
