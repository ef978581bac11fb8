package main

// The web box in a real browser: headless Chromium, driven by chromedp,
// against searchd's handler on loopback over an index on disk built from
// generated posts plus a few written for the tests (a hostile post, two
// words that never meet). One browser serves every subtest, each in its own
// tab. Screenshots of the main states go to $ARTIFACTS/browser, or to
// out/browser in the checkout (git ignores out/).

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

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
func browserExperiences() []index.Experience {
	x := `<img src=x onerror="window.__pwned=1;alert(1)">`
	var okapi index.Experience
	if err := json.Unmarshal([]byte(okapiPost), &okapi); err != nil {
		panic(err)
	}
	return []index.Experience{
		okapi,
		{
			ID: "hostile1", URL: "https://example.test/hostile1", Source: "test", // javascript: urls are refused by the indexer (index.checkURL)
			Title:   `Evil <script>window.__pwned=1;alert("title")</script> post ` + hostileWord,
			Company: "Evil <b>Corp</b>", Role: `<svg onload="window.__pwned=1;alert(2)">`, Status: "Offer", Date: "2024-03-04",
			Summary:  `<script>window.__pwned=1;alert(3)</script> ` + hostileWord,
			Body:     `Click <a href="javascript:window.__pwned=1;alert(4)">here</a> ` + x + " " + strings.Repeat("unbroken", 40),
			Location: `<iframe src="javascript:alert(5)"></iframe>`, Sentiment: "Negative", Level: "SDE-2",
			Tags: []string{`<script>alert(6)</script>`, "Array"},
			Questions: []index.Question{
				{Ordinal: 1, Title: x + " cache " + hostileWord, Category: "Other", Difficulty: "Hard",
					Body: `" onmouseover="window.__pwned=1" <script>alert(7)</script> ` + hostileWord, Round: `<b>Round 1</b>`},
				{Ordinal: 2, Title: `javascript:alert(9) ` + hostileWord, Category: "Behavioral", Body: `<style>body{display:none}</style> ` + hostileWord},
			},
		},
		{
			ID: "zebra1", URL: "https://example.test/zebra", Source: "test", Title: "Puzzle round at Zoo Labs", Company: "Zoo Labs", Role: "Software Engineer", Date: "2023-06-01",
			Questions: []index.Question{{Ordinal: 1, Title: "The zebra crossing puzzle", Category: "Aptitude", Body: "Count the stripes."}},
		},
		{
			ID: "quokka1", URL: "https://example.test/quokka", Source: "test", Title: "Estimation round at Zoo Labs", Company: "Zoo Labs", Role: "Software Engineer", Date: "2023-07-01",
			Questions: []index.Question{{Ordinal: 1, Title: "Estimate the quokka population", Category: "Aptitude", Body: "Of Rottnest Island."}},
		},
	}
}

// buildBrowserIndex writes an index to disk the way indexer does
// (normalised, questions grouped into clusters) and opens it read-only, as
// searchd does.
func buildBrowserIndex(t *testing.T) searcher {
	t.Helper()
	var exps []index.Experience
	for _, p := range sample.Generate(sample.Config{Posts: 240, Seed: 6}) {
		e := p.Experience
		e.URL = "https://sample.test" + p.Path
		e.ID = index.IDForURL(e.URL)
		exps = append(exps, e)
	}
	exps = append(exps, browserExperiences()...)
	sampleclusters.Assign(exps)

	dir := filepath.Join(t.TempDir(), "idx")
	idx, err := index.Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	w := idx.NewWriter(0)
	for i := range exps {
		if err := w.Add(&exps[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := index.OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	if err := ro.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	cached, err := newCachedSearcher(ro, 256)
	if err != nil {
		t.Fatal(err)
	}
	return cached
}

// newBrowserServer serves searchd's handler over the index. Two queries
// misbehave on purpose, to show the slow and the error states: slowWord is
// answered only once release is closed, failWord with a dropped connection.
func newBrowserServer(t *testing.T, release <-chan struct{}) *httptest.Server {
	t.Helper()
	ui, err := web.New()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Index: buildBrowserIndex(t), UI: ui, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	h := s.Handler()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
				case <-release:
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
	}))
	t.Cleanup(ts.Close)
	return ts
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
func artifactDir(t *testing.T) string {
	dir := filepath.Join("..", "out", "browser")
	if a := os.Getenv("ARTIFACTS"); a != "" {
		dir = filepath.Join(a, "browser")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("screenshots: %v", err)
	}
	abs, _ := filepath.Abs(dir)
	return abs
}

// A browser is one Chromium process; each tab is a subtest's.
type browser struct {
	ctx   context.Context
	base  string
	shots string
}

func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	bin := chromiumPath()
	if bin == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("Chromium is not installed and CI is set: install Debian's chromium package (.ci/run does)")
		}
		t.Skip("skipping the browser tests: Chromium is not installed (apt-get install chromium, or set CHROMIUM to its path)")
	}
	// A fresh profile, and nothing that reaches out to the network.
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.UserDataDir(t.TempDir()),
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
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	b := &browser{ctx: ctx, base: base, shots: artifactDir(t)}
	t.Logf("browser tests: %s; screenshots in %s", bin, b.shots)
	return b
}

// A tab records what must never happen on a page: a dialog (alert,
// confirm, prompt), an uncaught exception, a Content-Security-Policy
// violation. Cleanup fails the test on any.
type tab struct {
	t    *testing.T
	b    *browser
	ctx  context.Context
	mu   sync.Mutex
	bad  []string
	step time.Duration
}

func (b *browser) tab(t *testing.T, setup ...chromedp.Action[chromedp.Void]) *tab {
	t.Helper()
	tb := &tab{t: t, b: b, step: 25 * time.Millisecond}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithListener(tb.listen))
	tb.ctx = ctx
	if err := chromedp.Do(ctx, setup...); err != nil {
		cancel()
		t.Fatalf("open tab: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		tb.mu.Lock()
		defer tb.mu.Unlock()
		for _, b := range tb.bad {
			t.Error(b)
		}
	})
	return tb
}

func (tb *tab) listen(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *page.EventJavascriptDialogOpening:
		msg = fmt.Sprintf("a %s dialog opened: %q", ev.Type, ev.Message)
		go chromedp.Call(tb.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
	case *runtime.EventExceptionThrown:
		msg = "uncaught exception: " + ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil {
			msg += " " + ev.ExceptionDetails.Exception.Description
		}
	case *cdplog.EventEntryAdded:
		if ev.Entry.Source == cdplog.EntrySourceSecurity || ev.Entry.Source == cdplog.EntrySourceJavascript {
			msg = fmt.Sprintf("browser log (%s): %s", ev.Entry.Source, ev.Entry.Text)
		}
	}
	if msg != "" {
		tb.mu.Lock()
		tb.bad = append(tb.bad, msg)
		tb.mu.Unlock()
	}
}

// do runs actions, with a deadline.
func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 15*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.t.Fatalf("browser: %v", err)
	}
}

// open loads a page of the server and, unless JavaScript is off, waits
// until the script has rendered the search (or the post) in place.
func (tb *tab) open(path string) {
	tb.t.Helper()
	tb.do(chromedp.Navigate(tb.b.base + path))
}

// eval evaluates a JavaScript expression into out (JSON-decoded).
func (tb *tab) eval(expr string, out any) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr))
	if err != nil {
		tb.t.Fatalf("evaluate %s: %v", expr, err)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			tb.t.Fatalf("evaluate %s: %v (%s)", expr, err, raw)
		}
	}
}

// evalAwait evaluates an expression that gives a promise, into out.
func (tb *tab) evalAwait(expr string, out any) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluate %s: %v", expr, err)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		tb.t.Fatalf("evaluate %s: %v (%s)", expr, err, raw)
	}
}

func (tb *tab) str(expr string) string {
	tb.t.Helper()
	var s string
	tb.eval(expr, &s)
	return s
}

func (tb *tab) num(expr string) int {
	tb.t.Helper()
	var n int
	tb.eval(expr, &n)
	return n
}

// waitFor polls a JavaScript expression until it is true.
func (tb *tab) waitFor(what, expr string) {
	tb.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var ok bool
		raw, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]byte]("Boolean("+expr+")"))
		if err == nil && json.Unmarshal(raw, &ok) == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("waited 10s for %s (%s); page is at %s, status %q, notice %q", what, expr,
				tb.str("location.pathname+location.search"), tb.str(`(document.getElementById("status")||{}).textContent||""`),
				tb.str(`(document.getElementById("notice")||{}).textContent||""`))
		}
		time.Sleep(tb.step)
	}
}

// waitRendered waits until the script has rendered the answer for the
// page's URL (it marks the app when it is idle).
func (tb *tab) waitRendered() {
	tb.t.Helper()
	tb.waitFor("the search to render", `document.documentElement.classList.contains("js") && document.getElementById("app").dataset.rendered === location.search && !document.getElementById("app").classList.contains("busy")`)
}

// renders returns how many answers the page's script has shown.
func (tb *tab) renders() int {
	tb.t.Helper()
	return tb.num(`Number(document.getElementById("app").dataset.renders || 0)`)
}

// clickAndRerender clicks sel, which shows the state already shown, and
// waits for the page to render it again: waitRendered alone would return
// at once, the URL being the one rendered already.
func (tb *tab) clickAndRerender(sel string) {
	tb.t.Helper()
	n := tb.renders()
	tb.click(sel)
	tb.waitFor("the page to render again", fmt.Sprintf(`Number(document.getElementById("app").dataset.renders || 0) > %d`, n))
	tb.waitRendered()
}

// shot saves a screenshot of the whole page as name.png.
func (tb *tab) shot(name string) {
	tb.t.Helper()
	tb.eval(`window.scrollTo(0, 0), true`, nil)
	tb.save(name, chromedp.FullScreenshot(100))
}

// screenShot saves what the screen shows (a phone's first screen).
func (tb *tab) screenShot(name string) {
	tb.t.Helper()
	tb.eval(`window.scrollTo(0, 0), true`, nil)
	tb.save(name, chromedp.CaptureScreenshot())
}

func (tb *tab) save(name string, capture chromedp.Action[[]byte]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, capture)
	if err != nil {
		tb.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(tb.b.shots, name+".png"), png, 0o644); err != nil {
		tb.t.Fatal(err)
	}
}

// typeText types into the focused element, one key event per character.
func (tb *tab) typeText(sel, text string) {
	tb.t.Helper()
	tb.do(chromedp.SendKeys(chromedp.CSS(sel), text))
}

func (tb *tab) click(sel string) {
	tb.t.Helper()
	tb.do(chromedp.Click(chromedp.CSS(sel)))
}

func (tb *tab) key(k string) {
	tb.t.Helper()
	tb.do(chromedp.KeyEvent(k))
}

// slash presses "/" as a keyboard does: one keyDown that carries its text,
// so that a handler that prevents the keydown also prevents the typing
// (chromedp's KeyEvent sends the text in a separate char event).
func (tb *tab) slash() {
	tb.t.Helper()
	tb.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: "/", Code: "Slash", Text: "/", UnmodifiedText: "/", WindowsVirtualKeyCode: 191, NativeVirtualKeyCode: 191}
		if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		up := down
		up.Type, up.Text, up.UnmodifiedText = input.DispatchKeyEventTypeKeyUp, "", ""
		_, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, up)
		return err
	}))
}

// setValue sets a field's value as if the user had cleared it and typed,
// firing input.
func (tb *tab) setValue(sel, v string) {
	tb.t.Helper()
	tb.eval(`(() => { const e = document.querySelector(`+jsString(sel)+`); e.value = `+jsString(v)+`; e.dispatchEvent(new Event("input", {bubbles: true})); return true })()`, nil)
}

// apiResult is what the tests read of /api/search.
type apiResult struct {
	Total      uint64                        `json:"total"`
	Groups     *uint64                       `json:"groups"`
	Hits       []index.Hit                   `json:"hits"`
	Facets     map[string][]index.FacetValue `json:"facets"`
	Suggestion string                        `json:"suggestion"`
	Relaxed    []string                      `json:"relaxed"`
	Dates      []index.FacetValue            `json:"dates"`
}

func apiSearch(t *testing.T, ts *httptest.Server, query string) apiResult {
	t.Helper()
	var r apiResult
	if code := getJSON(t, ts, "/api/search?"+query+"&facet_size=100", &r); code != http.StatusOK {
		t.Fatalf("GET /api/search?%s = %d", query, code)
	}
	return r
}

// pageAPISearch is the /api/search answer the search page at query
// shows: one hit per question cluster, unless the page shows every post
// (collapse=0, the experiences tab, inside one cluster).
func pageAPISearch(t *testing.T, ts *httptest.Server, query string) apiResult {
	t.Helper()
	v, err := url.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	p, err := parseSearchParams(v, false)
	if err != nil {
		t.Fatalf("parseSearchParams(%q): %v", query, err)
	}
	v.Del("collapse")
	if p.collapsed() {
		v.Set("collapse", index.CollapseCluster)
	}
	return apiSearch(t, ts, v.Encode())
}

// shown is the count the page shows for r: its distinct questions when
// collapsed, else its total.
func (r apiResult) shown() uint64 {
	if r.Groups != nil {
		return *r.Groups
	}
	return r.Total
}

// hitLinks are the links of r's hits to their posts.
func (r apiResult) hitLinks() []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, fmt.Sprintf("/experiences/%s#q-%d", h.ExperienceID, h.Ordinal))
	}
	return out
}

// grouped formats n as the page does ("1,234").
func grouped(n uint64) string {
	s := strconv.FormatUint(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// The page's state as the tests read it.
const (
	jsTotal     = `document.querySelector("#status strong") ? document.querySelector("#status strong").textContent : ""`
	jsHitCount  = `document.querySelectorAll("#hits .hit").length`
	jsSearch    = `location.search`
	jsHitHrefs  = `[...document.querySelectorAll("#hits a.hit-link")].map(a => a.getAttribute("href"))`
	jsCompanies = `[...document.querySelectorAll("#hits .hit .company")].map(a => a.textContent)`
	jsActiveID  = `document.activeElement ? (document.activeElement.id || document.activeElement.getAttribute("href") || document.activeElement.tagName) : ""`
	jsNoHScroll = `document.documentElement.scrollWidth <= window.innerWidth`
	jsChipTexts = `[...document.querySelectorAll("#chips .chip")].map(c => c.textContent.replace(/\s+/g, " ").trim())`
)

func facetCounts(tb *tab, field string) map[string]int {
	tb.t.Helper()
	var m map[string]int
	tb.eval(`Object.fromEntries([...document.querySelectorAll("#facets [data-field=`+field+`] li label")].map(l => [l.querySelector(".val").textContent, Number((l.querySelector(".count")||{textContent:"-1"}).textContent.replace(/,/g, ""))]))`, &m)
	return m
}

func apiFacet(r apiResult, field string) map[string]int {
	m := map[string]int{}
	for _, v := range r.Facets[field] {
		m[v.Value] = v.Count
	}
	return m
}

// TestBrowser drives the web box in headless Chromium. It skips when
// Chromium is not installed, and fails then when CI is set.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the browser tests in -short mode")
	}
	if chromiumPath() == "" && os.Getenv("CI") == "" {
		t.Skip("skipping the browser tests: Chromium is not installed (apt-get install chromium, or set CHROMIUM to its path)")
	}
	release := make(chan struct{})
	ts := newBrowserServer(t, release)
	b := newBrowser(t, ts.URL)

	t.Run("TypeAQueryAndSeeResults", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/")
		tb.waitRendered()
		tb.waitFor("the first visit's intro", `document.querySelector("#notice .intro")`)
		tb.shot("01-first-visit")
		start := tb.num("history.length")
		tb.typeText("#q", "ca")
		tb.waitFor("results for ca", `location.search === "?q=ca"`)
		tb.waitRendered()
		tb.typeText("#q", "che")
		tb.waitFor("the URL to follow the box", `location.search === "?q=cache"`)
		tb.waitRendered()
		want := pageAPISearch(t, ts, "q=cache")
		if got := tb.str(jsTotal); got != grouped(want.shown()) {
			t.Errorf("count shown = %q, want %q (the collapsed API's groups)", got, grouped(want.shown()))
		}
		if got := tb.num(jsHitCount); got != len(want.Hits) {
			t.Errorf("hits shown = %d, want %d", got, len(want.Hits))
		}
		var hrefs []string
		tb.eval(jsHitHrefs, &hrefs)
		if wantHrefs := want.hitLinks(); !slices.Equal(hrefs, wantHrefs) {
			t.Errorf("hit links = %q, want %q", hrefs, wantHrefs)
		}
		if n := tb.num(`document.querySelectorAll("#hits .hit h3 mark").length`); n == 0 {
			t.Errorf("no highlighted word in the hit titles")
		}
		if got := tb.str(`document.querySelector("#status .took").textContent`); !strings.HasSuffix(got, " ms") {
			t.Errorf("time taken = %q, want a number of ms", got)
		}
		// Every hit shows company, role, category, difficulty (where it
		// has one) and date.
		var meta [][]string
		tb.eval(`[...document.querySelectorAll("#hits .hit .meta")].map(m => [...m.children].map(c => c.textContent))`, &meta)
		for i, h := range want.Hits {
			for _, v := range []string{h.Company, h.Role, h.Category, h.Difficulty, h.Date} {
				if v != "" && (i >= len(meta) || !slices.Contains(meta[i], v)) {
					t.Errorf("hit %d (%s) does not show %q: %q", i, h.ID, v, meta)
				}
			}
		}
		// Five keystrokes in two bursts: one history entry.
		if got := tb.num("history.length"); got != start+1 {
			t.Errorf("history grew by %d entries while typing, want 1", got-start)
		}
		tb.shot("02-results")
	})

	t.Run("TickAFacetThenGoBack", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/search?q=cache")
		tb.waitRendered()
		before := pageAPISearch(t, ts, "q=cache")
		company := before.Facets["company"][1].Value // not the first: any value
		after := pageAPISearch(t, ts, "q=cache&company="+url.QueryEscape(company))
		tb.click(`#facets [data-field=company] input[value=` + jsString(company) + `]`)
		tb.waitFor("the URL to carry the filter", `new URLSearchParams(location.search).get("company") === `+jsString(company))
		tb.waitRendered()
		if got := tb.str(jsTotal); got != grouped(after.shown()) {
			t.Errorf("count after ticking %s = %q, want %q", company, got, grouped(after.shown()))
		}
		var companies []string
		tb.eval(jsCompanies, &companies)
		for _, c := range companies {
			if c != company {
				t.Errorf("hit from %q after ticking %q", c, company)
			}
		}
		if len(companies) == 0 {
			t.Errorf("no hits after ticking %s", company)
		}
		// Disjunctive: the company list still offers the others, with the
		// counts of the other filters; the role counts now count only
		// the ticked company's questions.
		for _, f := range []string{"company", "role", "difficulty"} {
			got, want := facetCounts(tb, f), apiFacet(after, f)
			if len(got) < 2 {
				t.Errorf("facet %s after ticking lists %v, want other values too", f, got)
			}
			for v, n := range got {
				if want[v] != n {
					t.Errorf("facet %s value %q after ticking = %d, want %d", f, v, n, want[v])
				}
			}
		}
		if mapsEqual(apiFacet(before, "role"), apiFacet(after, "role")) {
			t.Errorf("the role counts did not change after ticking %s; the test needs a value that changes them", company)
		}
		var chips []string
		tb.eval(jsChipTexts, &chips)
		if !slices.Equal(chips, []string{"Company: " + company + " ×"}) {
			t.Errorf("chips = %q, want the company's", chips)
		}
		if !tb.eval2bool(`document.activeElement && document.activeElement.type === "checkbox" && document.activeElement.value === ` + jsString(company)) {
			t.Errorf("focus left the ticked checkbox: %s", tb.str(jsActiveID))
		}
		tb.shot("03-facet-ticked")

		tb.eval(`history.back()`, nil)
		tb.waitFor("back to the search without the filter", `location.search === "?q=cache"`)
		tb.waitRendered()
		if got := tb.str(jsTotal); got != grouped(before.shown()) {
			t.Errorf("count after going back = %q, want %q", got, grouped(before.shown()))
		}
		if n := tb.num(`document.querySelectorAll("#facets input[type=checkbox]:checked").length`); n != 0 {
			t.Errorf("%d checkboxes still ticked after going back", n)
		}
		if n := tb.num(`document.querySelectorAll("#chips .chip").length`); n != 0 {
			t.Errorf("%d chips after going back", n)
		}
		tb.eval(`history.forward()`, nil)
		tb.waitFor("forward to the filter again", `new URLSearchParams(location.search).get("company") === `+jsString(company))
		tb.waitRendered()
		if got := tb.str(jsTotal); got != grouped(after.shown()) {
			t.Errorf("count after going forward = %q, want %q", got, grouped(after.shown()))
		}
	})

	t.Run("ChipsAndClearAll", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/search?q=cache&company=Amazon&difficulty=Hard")
		tb.waitRendered()
		var chips []string
		tb.eval(jsChipTexts, &chips)
		if want := []string{"Company: Amazon ×", "Difficulty: Hard ×"}; !slices.Equal(chips, want) {
			t.Fatalf("chips = %q, want %q", chips, want)
		}
		tb.click(`#chips .chip[aria-label="Remove filter Difficulty Hard"]`)
		tb.waitFor("the chip's filter to go", `location.search === "?q=cache&company=Amazon"`)
		tb.waitRendered()
		want := pageAPISearch(t, ts, "q=cache&company=Amazon")
		if got := tb.str(jsTotal); got != grouped(want.shown()) {
			t.Errorf("count after removing a chip = %q, want %q", got, grouped(want.shown()))
		}
		// The chip is gone; the focus goes to the count, not to the page's top.
		if got := tb.str(jsActiveID); got != "status" {
			t.Errorf("focus after removing a chip is on %q, want the count", got)
		}
		tb.click(`#chips a.clear`)
		tb.waitFor("every filter to go, the query to stay", `location.search === "?q=cache"`)
		tb.waitRendered()
		if n := tb.num(`document.querySelectorAll("#chips .chip").length`); n != 0 {
			t.Errorf("%d chips after clear all", n)
		}
	})

	// A URL spelling a filter otherwise than the index ("amazon") shows it
	// ticked under the index's spelling, once, and the page goes on from
	// that spelling.
	t.Run("AFilterInAnotherSpellingIsTicked", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/search?q=cache&company=amazon&difficulty=hard")
		tb.waitRendered()
		want := pageAPISearch(t, ts, "q=cache&company=Amazon&difficulty=Hard")
		if got := tb.str(jsTotal); got != grouped(want.shown()) || want.shown() == 0 {
			t.Errorf("count = %q, want %q (that of company=Amazon&difficulty=Hard, not 0)", got, grouped(want.shown()))
		}
		var ticked, amazons []string
		tb.eval(`[...document.querySelectorAll("#facets input[type=checkbox]:checked")].map(i => i.dataset.field + "=" + i.value)`, &ticked)
		if w := []string{"company=Amazon", "difficulty=Hard"}; !slices.Equal(ticked, w) {
			t.Errorf("ticked = %q, want %q", ticked, w)
		}
		tb.eval(`[...document.querySelectorAll("#facets [data-field=company] input")].map(i => i.value).filter(v => v.toLowerCase() === "amazon")`, &amazons)
		if !slices.Equal(amazons, []string{"Amazon"}) {
			t.Errorf("company values spelling amazon = %q, want Amazon once", amazons)
		}
		var chips []string
		tb.eval(jsChipTexts, &chips)
		if w := []string{"Company: Amazon ×", "Difficulty: Hard ×"}; !slices.Equal(chips, w) {
			t.Errorf("chips = %q, want %q", chips, w)
		}
		tb.click(`#facets [data-field=company] input[value="Amazon"]`)
		tb.waitFor("Amazon unticked, Hard kept as the index spells it", `location.search === "?q=cache&difficulty=Hard"`)
		tb.waitRendered()
	})

	t.Run("SearchInsideALongFacetList", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/search")
		tb.waitRendered()
		all := apiSearch(t, ts, "")
		if len(all.Facets["company"]) <= 8 {
			t.Fatalf("the sample has %d companies; the test needs more than 8", len(all.Facets["company"]))
		}
		if n := tb.num(`document.querySelectorAll("#facets [data-field=company] li").length`); n != 8 {
			t.Errorf("company values shown before searching = %d, want 8", n)
		}
		tb.typeText(`#facets [data-field=company] .facet-filter`, "goo")
		var shown []string
		tb.eval(`[...document.querySelectorAll("#facets [data-field=company] li .val")].map(v => v.textContent)`, &shown)
		var want []string
		for _, v := range all.Facets["company"] {
			if strings.Contains(strings.ToLower(v.Value), "goo") {
				want = append(want, v.Value)
			}
		}
		if len(want) == 0 || !slices.Equal(shown, want) {
			t.Errorf("companies shown for goo = %q, want %q", shown, want)
		}
		tb.shot("04-facet-search")
		tb.setValue(`#facets [data-field=company] .facet-filter`, "")
		tb.click(`#facets [data-field=company] button.more`)
		if n := tb.num(`document.querySelectorAll("#facets [data-field=company] li").length`); n != len(all.Facets["company"]) {
			t.Errorf("company values after Show more = %d, want %d", n, len(all.Facets["company"]))
		}
	})

	// A facet with more values than the page was sent: its search box
	// asks /api/suggest for the rest.
	t.Run("FacetSearchFindsValuesBeyondTheList", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/search?utm_test=few")
		tb.waitRendered()
		all := apiSearch(t, ts, "")
		target := all.Facets["company"][5].Value
		prefix := strings.ToLower(strings.Fields(target)[0])
		if n := tb.num(`document.querySelectorAll("#facets [data-field=company] li").length`); n != 3 {
			t.Fatalf("company values listed = %d, want the 3 the server sent", n)
		}
		tb.typeText(`#facets [data-field=company] .facet-filter`, prefix)
		tb.waitFor("the index's values for "+prefix, `[...document.querySelectorAll("#facets [data-field=company] li .val")].some(v => v.textContent === `+jsString(target)+`)`)
		tb.click(`#facets [data-field=company] input[value=` + jsString(target) + `]`)
		tb.waitFor("the filter", `new URLSearchParams(location.search).get("company") === `+jsString(target))
		tb.waitRendered()
		var companies []string
		tb.eval(jsCompanies, &companies)
		if len(companies) == 0 || slices.ContainsFunc(companies, func(c string) bool { return c != target }) {
			t.Errorf("hits after ticking %s found through the facet's search = %q", target, companies)
		}
	})

	t.Run("SortAndPage", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/search?q=design")
		tb.waitRendered()
		tb.click(`#controls a[href*="sort=date"]`)
		tb.waitFor("sort by date in the URL", `location.search === "?q=design&sort=date"`)
		tb.waitRendered()
		var dates []string
		tb.eval(`[...document.querySelectorAll("#hits .hit time")].map(t => t.getAttribute("datetime"))`, &dates)
		if len(dates) < 2 || !slices.IsSortedFunc(dates, func(a, b string) int { return strings.Compare(b, a) }) {
			t.Errorf("dates after sorting by Newest = %q, want newest first", dates)
		}
		if got := tb.str(`document.querySelector("#controls a.selected").textContent`); got != "Newest" {
			t.Errorf("selected sort = %q, want Newest", got)
		}
		steps := tb.num("history.length")
		tb.clickAndRerender(`#controls a.selected`)
		if got := tb.num("history.length"); got != steps {
			t.Errorf("choosing the sort already chosen added %d history entries, want none", got-steps)
		}
		tb.click(`#pager a[rel=next]`)
		tb.waitFor("page 2 in the URL", `location.search === "?q=design&sort=date&page=2"`)
		tb.waitRendered()
		want := pageAPISearch(t, ts, "q=design&sort=date&page=2")
		var hrefs []string
		tb.eval(jsHitHrefs, &hrefs)
		if len(hrefs) == 0 || !slices.Equal(hrefs, want.hitLinks()) {
			t.Errorf("page 2 hits = %q, want those of the API's page 2, %q", hrefs, want.hitLinks())
		}
		if got := tb.str(`document.querySelector("#pager .pos").textContent`); !strings.HasPrefix(got, "Page 2 of ") {
			t.Errorf("pager = %q, want Page 2 of …", got)
		}
		tb.eval(`history.back()`, nil)
		tb.waitFor("back to page 1", `location.search === "?q=design&sort=date"`)
		tb.waitRendered()
	})

	t.Run("ACopiedLinkReproducesThePage", func(t *testing.T) {
		tb := b.tab(t)
		link := "/search?q=design&difficulty=Hard&sort=date&page=2"
		tb.open(link)
		tb.waitRendered()
		want := pageAPISearch(t, ts, "q=design&difficulty=Hard&sort=date&page=2")
		if got := tb.str(`document.getElementById("q").value`); got != "design" {
			t.Errorf("box = %q, want design", got)
		}
		if !tb.eval2bool(`document.querySelector("#facets [data-field=difficulty] input[value=Hard]").checked`) {
			t.Errorf("Hard is not ticked")
		}
		if got := tb.str(`document.querySelector("#controls a.selected").textContent`); got != "Newest" {
			t.Errorf("selected sort = %q, want Newest", got)
		}
		var hrefs []string
		tb.eval(jsHitHrefs, &hrefs)
		if wantHrefs := want.hitLinks(); !slices.Equal(hrefs, wantHrefs) {
			t.Errorf("hits = %q, want %q", hrefs, wantHrefs)
		}
		if got := tb.str(jsSearch); got != "?q=design&difficulty=Hard&sort=date&page=2" {
			t.Errorf("URL = %q, want it unchanged", got)
		}
	})

	t.Run("OpenAPostAndFollowItsLinks", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/search?q=cache")
		tb.waitRendered()
		first := tb.str(`document.querySelector("#hits a.hit-link").getAttribute("href")`)
		tb.click(`#hits a.hit-link`)
		tb.waitFor("the post", `location.pathname.startsWith("/experiences/") && document.querySelector("article.post")`)
		if got := tb.str(`location.pathname + location.hash`); got != first {
			t.Errorf("opened %q, want %q", got, first)
		}
		id := strings.TrimPrefix(strings.SplitN(first, "#", 2)[0], "/experiences/")
		var e index.Experience
		if code := getJSON(t, ts, "/api/experiences/"+id, &e); code != 200 {
			t.Fatalf("GET /api/experiences/%s = %d", id, code)
		}
		if got := tb.str(`document.querySelector("article.post h1").textContent`); got != e.Title {
			t.Errorf("post title = %q, want %q", got, e.Title)
		}
		var qs []struct{ Title, Cat, Diff string }
		tb.eval(`[...document.querySelectorAll(".questions > li")].map(li => ({Title: li.querySelector("h3").textContent, Cat: (li.querySelector(".cat")||{}).textContent||"", Diff: (li.querySelector(".diff")||{}).textContent||""}))`, &qs)
		if len(qs) != len(e.Questions) {
			t.Fatalf("questions shown = %d, want %d", len(qs), len(e.Questions))
		}
		for i, q := range e.Questions {
			if qs[i].Title != q.Title || qs[i].Cat != q.Category || qs[i].Diff != q.Difficulty {
				t.Errorf("question %d shows %+v, want %q, %q, %q", i+1, qs[i], q.Title, q.Category, q.Difficulty)
			}
		}
		if got := tb.str(`document.querySelector(".questions > li:target").id`); "#"+got != first[strings.Index(first, "#"):] {
			t.Errorf("the hit's question is not the target: %q", got)
		}
		if got := tb.str(`[...document.querySelectorAll("nav.post-more a")].map(a => a.getAttribute("href")).join(" ")`); !strings.Contains(got, "/search?company="+url.QueryEscape(e.Company)) {
			t.Errorf("post links back to %q, want more questions from %s", got, e.Company)
		}
		tb.shot("05-post")
		// "Back to search" returns to the search with its state.
		tb.click("#back-to-search")
		tb.waitFor("back on the search", `location.search === "?q=cache"`)
		tb.waitRendered()
	})

	t.Run("OtherPlacesAQuestionWasAsked", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/search?q=cache&sort=asked")
		tb.waitRendered()
		href := tb.str(`document.querySelector("#hits a.asked").getAttribute("href")`)
		clusterID := strings.TrimPrefix(href, "/search?cluster=")
		tb.click(`#hits a.asked`)
		tb.waitFor("the cluster's questions", `new URLSearchParams(location.search).get("cluster") === `+jsString(clusterID))
		tb.waitRendered()
		var q struct {
			Title     string
			Questions uint64
			Companies []index.FacetValue
		}
		if code := getJSON(t, ts, "/api/questions/"+clusterID, &q); code != 200 {
			t.Fatalf("GET /api/questions/%s = %d", clusterID, code)
		}
		if got := tb.str(jsTotal); got != grouped(q.Questions) {
			t.Errorf("questions in the cluster shown = %q, want %d", got, q.Questions)
		}
		if got := tb.str(`document.querySelector("#notice .cluster q").textContent`); got != q.Title {
			t.Errorf("the page is about %q, want the cluster's title %q", got, q.Title)
		}
		var chips []string
		tb.eval(jsChipTexts, &chips)
		if want := []string{"Same question as: " + q.Title + " ×"}; !slices.Equal(chips, want) {
			t.Errorf("chips = %q, want %q", chips, want)
		}
		var companies []string
		tb.eval(jsCompanies, &companies)
		slices.Sort(companies)
		if len(slices.Compact(companies)) < 2 {
			t.Errorf("the cluster's hits come from %q, want several companies", companies)
		}
		tb.shot("06-same-question")
	})

	t.Run("RelaxedWordsAreShown", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/")
		tb.waitRendered()
		// No question has both words: the ones with one of them are
		// shown, and the notice says which words they lack.
		want := apiSearch(t, ts, "q=zebra+quokka")
		if want.Total == 0 || len(want.Relaxed) == 0 {
			t.Fatalf("the API answers zebra quokka with %d hits, relaxed %q; the test needs hits without quokka", want.Total, want.Relaxed)
		}
		tb.typeText("#q", "zebra quokka")
		tb.waitFor("the relaxed notice", `location.search === "?q=zebra+quokka" && document.querySelector("#notice .relaxed")`)
		tb.waitRendered()
		wantText := "without some of " + strings.Join(want.Relaxed, ", ") + "."
		if len(want.Relaxed) == 1 {
			wantText = "without " + want.Relaxed[0] + "."
		}
		if got := tb.str(`document.querySelector("#notice .relaxed").textContent`); !strings.HasSuffix(got, wantText) {
			t.Errorf("relaxed notice = %q, want it to end %q", got, wantText)
		}
		if n := tb.num(jsHitCount); n == 0 {
			t.Errorf("no hits shown, want those without quokka")
		}
		tb.shot("06b-relaxed")
	})

	// A difficulty the indexer inferred is marked on the hit and the
	// post, counted apart in the facet, and "Only difficulties posts
	// state" counts the stated ones only, the choice in the URL.
	t.Run("InferredDifficultiesAreMarked", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/search?q=okapi")
		tb.waitRendered()
		all, stated := pageAPISearch(t, ts, "q=okapi"), pageAPISearch(t, ts, "q=okapi&difficulty_source=stated")
		if got, want := apiFacet(all, "difficulty"), map[string]int{"Medium": 2, "Hard": 1}; !mapsEqual(got, want) {
			t.Fatalf("the API's difficulty facet for okapi = %v, want %v (the test's post)", got, want)
		}
		var tags []struct{ Href, Text, Title string }
		jsTags := `[...document.querySelectorAll("#hits .hit")].filter(h => h.querySelector(".diff.inferred")).map(h => ({Href: h.querySelector("a.hit-link").getAttribute("href"), Text: h.querySelector(".diff").textContent, Title: h.querySelector(".diff").title}))`
		tb.eval(jsTags, &tags)
		want := []struct{ Href, Text, Title string }{{"/experiences/okapi1#q-1", "Medium (inferred)", inferredNote}}
		if !slices.Equal(tags, want) {
			t.Errorf("hits marked inferred = %+v, want %+v", tags, want)
		}
		if n := tb.num(`document.querySelectorAll("#hits .diff:not(.inferred)").length`); n != 2 {
			t.Errorf("%d hits with a stated difficulty, want 2 (not marked)", n)
		}
		if got := facetCounts(tb, "difficulty"); !mapsEqual(got, apiFacet(all, "difficulty")) {
			t.Errorf("difficulty facet = %v, want %v", got, apiFacet(all, "difficulty"))
		}
		jsInferred := `Object.fromEntries([...document.querySelectorAll("#facets [data-field=difficulty] label .inf")].map(i => [i.parentElement.querySelector(".val").textContent, i.textContent]))`
		var inferred map[string]string
		tb.eval(jsInferred, &inferred)
		if w := map[string]string{"Medium": "1 inferred"}; !maps.Equal(inferred, w) {
			t.Errorf("inferred counts shown = %v, want %v", inferred, w)
		}
		scriptNote := tb.str(`document.querySelector("#facets [data-field=difficulty] .inf").title`)
		jsSource := `document.querySelector("#facets [data-field=difficulty] .facet-source input[type=checkbox]")`
		if got := tb.str(jsSource + `.labels[0].textContent`); got != sourceLabel {
			t.Errorf("the toggle reads %q, want %q", got, sourceLabel)
		}
		if tb.eval2bool(jsSource + ".checked") {
			t.Errorf("the toggle is ticked before asking")
		}
		tb.shot("19-inferred-difficulty")

		// Ticked: the URL says so, and the inferred Medium counts no more.
		tb.click(`#facets [data-field=difficulty] .facet-source input`)
		tb.waitFor("the URL to carry the source", `location.search === "?q=okapi&difficulty_source=stated"`)
		tb.waitRendered()
		if got, w := facetCounts(tb, "difficulty"), apiFacet(stated, "difficulty"); !mapsEqual(got, w) || w["Medium"] != 1 {
			t.Errorf("difficulty facet of stated ones = %v, want %v (Medium 1)", got, w)
		}
		inferred = nil // (decoding into a map adds to it)
		tb.eval(jsInferred, &inferred)
		if len(inferred) != 0 {
			t.Errorf("inferred counts shown of stated ones: %v", inferred)
		}
		if !tb.eval2bool(jsSource + ".checked") {
			t.Errorf("the toggle is not ticked")
		}
		if !tb.eval2bool(`document.activeElement === ` + jsSource) {
			t.Errorf("focus left the toggle: %s", tb.str(jsActiveID))
		}
		var chips []string
		tb.eval(jsChipTexts, &chips)
		if w := []string{"Difficulties: only stated ×"}; !slices.Equal(chips, w) {
			t.Errorf("chips = %q, want %q", chips, w)
		}
		tb.shot("20-stated-only")

		// It survives ticking a value and sorting; Medium is then the
		// stated question alone.
		tb.click(`#facets [data-field=difficulty] input[value=Medium]`)
		tb.waitFor("Medium ticked", `location.search === "?q=okapi&difficulty=Medium&difficulty_source=stated"`)
		tb.waitRendered()
		tb.click(`#controls a[href*="sort=date"]`)
		tb.waitFor("sorted", `location.search === "?q=okapi&difficulty=Medium&difficulty_source=stated&sort=date"`)
		tb.waitRendered()
		var hrefs []string
		tb.eval(jsHitHrefs, &hrefs)
		if w := []string{"/experiences/okapi1#q-2"}; !slices.Equal(hrefs, w) {
			t.Errorf("stated Medium hits = %q, want %q", hrefs, w)
		}
		// The chip removes it; the stated and inferred Medium are back.
		tb.click(`#chips a.chip[data-key="chip:source"]`)
		tb.waitFor("the source removed", `location.search === "?q=okapi&difficulty=Medium&sort=date"`)
		tb.waitRendered()
		if n := tb.num(jsHitCount); n != 2 {
			t.Errorf("Medium hits of every difficulty = %d, want 2", n)
		}
		// Back, then unticking the toggle removes it too.
		tb.eval(`history.back()`, nil)
		tb.waitFor("back to stated ones", `location.search === "?q=okapi&difficulty=Medium&difficulty_source=stated&sort=date"`)
		tb.waitRendered()
		tb.click(`#facets [data-field=difficulty] .facet-source input`)
		tb.waitFor("the toggle unticked", `location.search === "?q=okapi&difficulty=Medium&sort=date"`)
		tb.waitRendered()

		// The post marks its question too.
		tb.open("/experiences/okapi1")
		tb.waitFor("the post", `document.querySelector("article.post h1")`)
		var qs []string
		tb.eval(`[...document.querySelectorAll(".questions > li .diff")].map(d => d.textContent + (d.classList.contains("inferred") ? " | " + d.title : ""))`, &qs)
		if w := []string{"Medium (inferred) | " + inferredNote, "Medium", "Hard"}; !slices.Equal(qs, w) {
			t.Errorf("the post's difficulties = %q, want %q", qs, w)
		}

		// Without JavaScript the toggle is a link, with the same words.
		nojs := b.tab(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}))
		nojs.open("/search?q=okapi")
		if got := nojs.str(`document.querySelector("#facets [data-field=difficulty] .inf").title`); got != scriptNote {
			t.Errorf("the inferred count's title: server %q, script %q", got, scriptNote)
		}
		if got := nojs.str(`document.querySelector("#hits .diff.inferred").textContent`); got != "Medium (inferred)" {
			t.Errorf("server-rendered inferred tag = %q", got)
		}
		nojs.do(chromedp.Click(chromedp.CSS(`#facets [data-field=difficulty] .facet-source a`)), chromedp.WaitReady(chromedp.CSS("#hits")))
		nojs.waitFor("the stated ones", `location.search === "?q=okapi&difficulty_source=stated"`)
		if got := nojs.str(`[...document.querySelectorAll("#facets [data-field=difficulty] a.fv")].filter(a => a.querySelector(".val") && a.querySelector(".val").textContent === "Medium").map(a => a.querySelector(".count").textContent).join()`); got != "1" {
			t.Errorf("server-rendered Medium count of stated ones = %q, want 1", got)
		}
		if got := nojs.str(`document.querySelector("#facets .facet-source a").getAttribute("aria-current")`); got != "true" {
			t.Errorf("server-rendered toggle aria-current = %q, want true", got)
		}
	})

	t.Run("ZeroResultsOfferTheSuggestion", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/")
		tb.waitRendered()
		// A phrase keeps its strict meaning, so nothing is relaxed: no
		// question has it and "quokka".
		const q = `"zebra crossing" quokka`
		want := apiSearch(t, ts, "q="+url.QueryEscape(q))
		if want.Total != 0 || want.Suggestion == "" {
			t.Fatalf("the API answers %s with %d hits and suggestion %q; the test needs none and one", q, want.Total, want.Suggestion)
		}
		tb.typeText("#q", q)
		tb.waitFor("the zero-result notice", `new URLSearchParams(location.search).get("q") === `+jsString(q)+` && document.querySelector("#notice .empty")`)
		tb.waitRendered()
		if got := tb.str(`document.querySelector("#notice .suggestion a").textContent`); got != want.Suggestion {
			t.Errorf("suggestion = %q, want %q", got, want.Suggestion)
		}
		tb.shot("07-zero-results")
		tb.click("#notice .suggestion a")
		tb.waitFor("the suggested search", `new URLSearchParams(location.search).get("q") === `+jsString(want.Suggestion))
		tb.waitRendered()
		if got := tb.str(`document.getElementById("q").value`); got != want.Suggestion {
			t.Errorf("box after following the suggestion = %q, want %q", got, want.Suggestion)
		}
		if n := tb.num(jsHitCount); n == 0 {
			t.Errorf("the suggestion found nothing")
		}
	})

	t.Run("CrawledScriptStaysInert", func(t *testing.T) {
		tb := b.tab(t)
		// The hostile post in the results (as rendered by the script), in
		// the facets, and on its own page (rendered by the server).
		inert := func(where string) {
			t.Helper()
			var got struct {
				Pwned      bool
				Scripts    []string
				Injected   int
				Handlers   []string
				JSLinks    int
				StyleElems int
			}
			tb.eval(`({
				Pwned: window.__pwned === 1,
				Scripts: [...document.scripts].map(s => s.getAttribute("src") || "inline"),
				Injected: document.querySelectorAll("img, iframe, object, embed, b, main svg:not(.chart-svg)").length,
				Handlers: [...document.querySelectorAll("*")].flatMap(e => [...e.attributes].filter(a => /^on/i.test(a.name)).map(a => e.tagName + " " + a.name)),
				JSLinks: [...document.querySelectorAll("a[href], iframe[src]")].filter(a => /^\s*javascript:/i.test(a.getAttribute("href") || a.getAttribute("src"))).length,
				StyleElems: document.querySelectorAll("body style").length,
			})`, &got)
			if got.Pwned {
				t.Errorf("%s: injected script ran (window.__pwned is set)", where)
			}
			if len(got.Scripts) != 1 || !strings.HasSuffix(got.Scripts[0], "/app.js") {
				t.Errorf("%s: scripts = %q, want only app.js", where, got.Scripts)
			}
			if got.Injected != 0 || len(got.Handlers) != 0 || got.JSLinks != 0 || got.StyleElems != 0 {
				t.Errorf("%s: injected elements %d, handlers %q, javascript: links %d, style elements %d; want none", where, got.Injected, got.Handlers, got.JSLinks, got.StyleElems)
			}
		}
		tb.open("/search?q=" + hostileWord)
		tb.waitRendered()
		if n := tb.num(jsHitCount); n != 2 {
			t.Fatalf("hits for %s = %d, want the hostile post's 2 questions", hostileWord, n)
		}
		title := tb.str(`[...document.querySelectorAll("#hits .hit h3")].map(h => h.textContent).join(" | ")`)
		if !strings.Contains(title, `<img src=x onerror="window.__pwned=1;alert(1)">`) {
			t.Errorf("hit titles = %q, want the markup shown as text", title)
		}
		if got := tb.str(`document.querySelector("#hits .company").textContent`); got != "Evil <b>Corp</b>" {
			t.Errorf("company = %q, want the markup as text", got)
		}
		// Facets list the hostile values as text too.
		if got := facetCounts(tb, "company"); got["Evil <b>Corp</b>"] != 2 {
			t.Errorf("company facet = %v, want Evil <b>Corp</b> with 2", got)
		}
		inert("search page (script-rendered)")
		tb.shot("08-hostile-results")

		// The same through the form, rendered by the server (the script
		// then re-renders; both must be inert).
		tb.click(`#hits a.hit-link`)
		tb.waitFor("the hostile post", `location.pathname === "/experiences/hostile1"`)
		tb.waitFor("the post rendered", `document.querySelector("article.post h1")`)
		if got := tb.str(`document.querySelector("article.post h1").textContent`); !strings.Contains(got, "<script>") {
			t.Errorf("post title = %q, want the markup as text", got)
		}
		if n := tb.num(`document.querySelectorAll("article.post a[href]").length`); n == 0 {
			t.Errorf("the post has no links at all")
		}
		inert("post page")
		tb.waitFor("the page's styles", `document.readyState === "complete"`)
		if !tb.eval2bool(jsNoHScroll) {
			t.Errorf("the post with a long word scrolls sideways")
		}
		tb.shot("09-hostile-post")
	})

	t.Run("Keyboard", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/search?q=cache")
		tb.waitRendered()
		tb.eval(`document.activeElement && document.activeElement.blur(), true`, nil)
		tb.slash()
		if got := tb.str(jsActiveID); got != "q" {
			t.Fatalf("after /, focus is on %q, want the box", got)
		}
		var hrefs []string
		tb.eval(jsHitHrefs, &hrefs)
		steps := []struct {
			key, want string
		}{
			{kb.ArrowDown, hrefs[0]},
			{kb.ArrowDown, hrefs[1]},
			{kb.ArrowDown, hrefs[2]},
			{kb.ArrowUp, hrefs[1]},
			{kb.ArrowUp, hrefs[0]},
			{kb.ArrowUp, "q"},
			{kb.ArrowDown, hrefs[0]},
			{kb.ArrowDown, hrefs[1]},
		}
		for i, s := range steps {
			tb.key(s.key)
			if got := tb.str(jsActiveID); got != s.want {
				t.Fatalf("key %d: focus on %q, want %q", i+1, got, s.want)
			}
		}
		// "/" typed in the box is text, not a shortcut.
		tb.click("#q")
		tb.slash()
		if got := tb.str(`document.getElementById("q").value`); got != "cache/" {
			t.Errorf("box after typing / = %q, want cache/", got)
		}
		tb.setValue("#q", "cache")
		tb.do(chromedp.Focus(chromedp.CSS(`#hits a.hit-link[href="` + hrefs[1] + `"]`)))
		tb.key(kb.Enter)
		tb.waitFor("the post the focused hit links to", `location.pathname + location.hash === `+jsString(hrefs[1]))
		// Screen readers: the box is labelled, the count is a live region.
		if got := tb.str(`document.querySelector("label[for=q]").textContent`); got == "" {
			t.Errorf("the box has no label")
		}
	})

	t.Run("ScreenReaderLabels", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/search?q=cache")
		tb.waitRendered()
		var got struct {
			Live, Label     string
			Unlabelled      []string
			ChartAlt, Table int
		}
		tb.eval(`({
			Live: document.getElementById("status").getAttribute("aria-live"),
			Label: document.querySelector("label[for=q]").textContent,
			Unlabelled: [...document.querySelectorAll("input:not([type=hidden])")].filter(i => !(i.labels && i.labels.length) && !i.getAttribute("aria-label")).map(i => i.outerHTML),
			ChartAlt: document.querySelectorAll("#charts figure table caption").length,
			Table: document.querySelectorAll("#charts svg[aria-hidden=true]").length,
		})`, &got)
		if got.Live != "polite" || got.Label == "" || len(got.Unlabelled) > 0 {
			t.Errorf("aria-live %q, box label %q, unlabelled inputs %q", got.Live, got.Label, got.Unlabelled)
		}
		if got.ChartAlt != 2 || got.Table != 2 {
			t.Errorf("charts: %d text alternatives for %d hidden drawings, want 2 and 2", got.ChartAlt, got.Table)
		}
	})

	t.Run("ChartsOfTheCurrentSearch", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/search?q=design")
		tb.waitRendered()
		want := apiSearch(t, ts, "q=design")
		var rows [][]string
		tb.eval(`[...document.querySelectorAll("#charts [data-chart=time] tbody tr")].map(r => [...r.children].map(c => c.textContent))`, &rows)
		var wantRows [][]string
		for _, d := range want.Dates {
			wantRows = append(wantRows, []string{d.Value, strconv.Itoa(d.Count)})
		}
		if !slices.EqualFunc(rows, wantRows, slices.Equal) {
			t.Errorf("time chart rows = %q, want %q", rows, wantRows)
		}
		if n := tb.num(`document.querySelectorAll("#charts [data-chart=time] svg rect").length`); n != len(want.Dates) {
			t.Errorf("time chart bars = %d, want %d", n, len(want.Dates))
		}
		rows = nil
		tb.eval(`[...document.querySelectorAll("#charts [data-chart=category] tbody tr")].map(r => [...r.children].map(c => c.textContent))`, &rows)
		wantRows = nil
		for _, v := range want.Facets["category"] {
			wantRows = append(wantRows, []string{v.Value, strconv.Itoa(v.Count)})
		}
		if !slices.EqualFunc(rows, wantRows, slices.Equal) {
			t.Errorf("category chart rows = %q, want %q", rows, wantRows)
		}
		// Narrowing the search redraws the charts.
		tb.click(`#facets [data-field=difficulty] input[value=Hard]`)
		tb.waitFor("the filter", `location.search === "?q=design&difficulty=Hard"`)
		tb.waitRendered()
		hard := apiSearch(t, ts, "q=design&difficulty=Hard")
		sum := tb.num(`[...document.querySelectorAll("#charts [data-chart=time] tbody td")].reduce((s, td) => s + Number(td.textContent), 0)`)
		if uint64(sum) != hard.Total {
			t.Errorf("time chart adds up to %d after ticking Hard, want %d", sum, hard.Total)
		}
	})

	t.Run("SlowAndErrorStates", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/")
		tb.waitRendered()
		tb.typeText("#q", slowWord)
		tb.waitFor("the searching indicator", `document.querySelector("#status .searching")`)
		tb.shot("10-searching")
		close(release)
		tb.waitFor("the slow answer", `!document.querySelector("#status .searching") && location.search === "?q=`+slowWord+`"`)
		tb.waitRendered()

		tb.setValue("#q", "")
		tb.typeText("#q", `"unclosed`)
		tb.waitFor("the refused query's message", `document.querySelector("#notice .error")`)
		if got := tb.str(`document.querySelector("#notice .error").textContent`); !strings.Contains(got, "quote is not closed") {
			t.Errorf("error notice = %q, want the API's message about the quote", got)
		}
		tb.shot("11-bad-query")

		tb.setValue("#q", "")
		tb.typeText("#q", failWord)
		tb.waitFor("the network error", `document.querySelector("#notice .error button.retry")`)
		if got := tb.str(`document.querySelector("#notice .error h2").textContent`); got != "Could not reach the search server" {
			t.Errorf("error heading = %q, want the network error", got)
		}
		if n := tb.num(jsHitCount); n != 0 {
			t.Errorf("%d stale hits shown under the error", n)
		}
		tb.shot("12-network-error")
		// Fixing the query recovers.
		tb.setValue("#q", "")
		tb.typeText("#q", "cache")
		tb.waitFor("results again", `location.search === "?q=cache"`)
		tb.waitRendered()
		if tb.num(jsHitCount) == 0 || tb.num(`document.querySelectorAll("#notice .error").length`) != 0 {
			t.Errorf("the page did not recover from the error")
		}
	})

	// A link the server wrote spells the state as the script does, so
	// choosing what is shown already adds no step to go back through.
	t.Run("TheSameStateAddsNoHistory", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/search?q=design%28x%29+it%27s")
		tb.waitRendered()
		steps := tb.num("history.length")
		tb.clickAndRerender(`#controls a.selected`)
		if got := tb.num("history.length"); got != steps {
			t.Errorf("choosing the sort already chosen on a server-written URL added %d history entries, want none", got-steps)
		}
	})

	t.Run("PhoneFiltersButtonAfterAnError", func(t *testing.T) {
		tb := b.tab(t, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile))
		tb.open("/search?q=a:b") // a field the index does not know: refused
		tb.waitFor("the error", `document.querySelector("#notice .notice.error") !== null`)
		if got := tb.str(`document.querySelector(".filters-toggle").textContent`); got != "Filters" {
			t.Errorf("filters toggle after a refused search reads %q, want Filters", got)
		}
		tb.click(".filters-toggle") // an exception here fails the tab
		tb.waitFor("the facets", `document.getElementById("facets").offsetParent !== null`)
		if got := tb.str(`document.querySelector(".filters-toggle").textContent`); got != "Hide filters" {
			t.Errorf("filters toggle when open reads %q, want Hide filters", got)
		}
	})

	t.Run("PhoneSizedScreen", func(t *testing.T) {
		tb := b.tab(t, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile))
		tb.open("/search?q=cache")
		tb.waitRendered()
		if !tb.eval2bool(jsNoHScroll) {
			t.Errorf("the search page scrolls sideways at 390px: scrollWidth %d", tb.num("document.documentElement.scrollWidth"))
		}
		if tb.eval2bool(`document.getElementById("facets").offsetParent !== null`) {
			t.Errorf("facets are shown before asking on a phone")
		}
		tb.screenShot("13-phone")
		tb.click(".filters-toggle")
		tb.waitFor("the facets", `document.getElementById("facets").offsetParent !== null`)
		if got := tb.str(`document.querySelector(".filters-toggle").getAttribute("aria-expanded")`); got != "true" {
			t.Errorf("filters toggle aria-expanded = %q, want true", got)
		}
		if !tb.eval2bool(jsNoHScroll) {
			t.Errorf("the open filters scroll sideways")
		}
		tb.screenShot("14-phone-filters")
		tb.click(".facets-done")
		tb.waitFor("the facets to close", `document.getElementById("facets").offsetParent === null`)
		tb.open("/experiences/hostile1")
		if !tb.eval2bool(jsNoHScroll) {
			t.Errorf("a post scrolls sideways at 390px")
		}
		tb.screenShot("15-phone-post")
	})

	// One hit per question cluster by default, every post at a click,
	// the state in the URL.
	t.Run("OnePerQuestionOrEveryPost", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/search?q=design")
		tb.waitRendered()
		one, every := pageAPISearch(t, ts, "q=design"), apiSearch(t, ts, "q=design")
		if one.Groups == nil || *one.Groups >= every.Total {
			t.Fatalf("design: %v groups of %d questions; the test needs a question asked several times", one.Groups, every.Total)
		}
		jsStatus := `document.getElementById("status").textContent.replace(/\s+/g, " ")`
		jsSelected := `document.querySelector("#controls [aria-label='Repeated questions'] a.selected").textContent`
		check := func(when string, want apiResult, status string, selected string) {
			t.Helper()
			if got := tb.str(jsTotal); got != grouped(want.shown()) {
				t.Errorf("%s: count = %q, want %q", when, got, grouped(want.shown()))
			}
			if got := tb.str(jsStatus); !strings.HasPrefix(got, status) {
				t.Errorf("%s: count line = %q, want it to start %q", when, got, status)
			}
			var hrefs []string
			tb.eval(jsHitHrefs, &hrefs)
			if !slices.Equal(hrefs, want.hitLinks()) {
				t.Errorf("%s: hits = %q, want %q", when, hrefs, want.hitLinks())
			}
			if got := tb.str(jsSelected); got != selected {
				t.Errorf("%s: the toggle shows %q, want %q", when, got, selected)
			}
		}
		distinct := fmt.Sprintf("%s distinct questions (%s in all) for design", grouped(*one.Groups), grouped(one.Total))
		check("collapsed", one, distinct, "One per question")
		// A hit standing for several says so, and links to them.
		var times []string
		tb.eval(`[...document.querySelectorAll("#hits .hit")].map(h => (h.querySelector("a.times") || {textContent: ""}).textContent)`, &times)
		var wantTimes []string
		for _, h := range one.Hits {
			w := ""
			if h.Collapsed > 1 {
				w = fmt.Sprintf("Asked %d times", h.Collapsed)
			}
			wantTimes = append(wantTimes, w)
		}
		if !slices.Equal(times, wantTimes) || !slices.ContainsFunc(times, func(s string) bool { return s != "" }) {
			t.Errorf("asked-times links = %q, want %q (and one at least)", times, wantTimes)
		}
		tb.shot("17-one-per-question")

		tb.click(`#controls a[href="/search?q=design&collapse=0"]`)
		tb.waitFor("every post in the URL", `location.search === "?q=design&collapse=0"`)
		tb.waitRendered()
		check("every post", every, grouped(every.Total)+" questions for design", "Every post")
		if n := tb.num(`document.querySelectorAll("#hits a.times").length`); n != 0 {
			t.Errorf("%d asked-times links when every post is shown", n)
		}
		tb.shot("18-every-post")

		tb.eval(`history.back()`, nil)
		tb.waitFor("back to one per question", `location.search === "?q=design"`)
		tb.waitRendered()
		check("after going back", one, distinct, "One per question")

		// "Asked N times" opens those N: this search inside the cluster.
		var first index.Hit
		for _, h := range one.Hits {
			if h.Collapsed > 1 {
				first = h
				break
			}
		}
		tb.click(`#hits a.times[href*=` + jsString(url.QueryEscape(first.Cluster)) + `]`)
		tb.waitFor("the cluster's questions", `location.search === `+jsString("?q=design&cluster="+url.QueryEscape(first.Cluster)))
		tb.waitRendered()
		if got := tb.str(jsTotal); got != grouped(uint64(first.Collapsed)) {
			t.Errorf("asked %d times opens %q questions", first.Collapsed, got)
		}
		if got := tb.str(`document.querySelector("#notice .cluster p").textContent`); !strings.Contains(got, fmt.Sprintf("here are the %d times that match this search", first.Collapsed)) {
			t.Errorf("cluster notice = %q, want the %d times that match", got, first.Collapsed)
		}
		if n := tb.num(`document.querySelectorAll("#controls [aria-label='Repeated questions']").length`); n != 0 {
			t.Errorf("the toggle is shown inside one cluster")
		}
	})

	// The script's URL state (state.js) must give the same URL as the
	// server's links (params.go encode), so that a link from either is
	// the same page and the same history entry.
	t.Run("ScriptAndServerAgreeOnURLs", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/search")
		tb.waitRendered()
		queries := []string{
			"", "q=cache", "q=lru+cache&company=Amazon&company=Google", "company=Goldman+Sachs&q=a%2Bb&difficulty=Hard",
			"q=cache&sort=relevance", "sort=date", "q=x&sort=date&page=3", "sort=relevance", "q=%22hash+map%22+-java",
			"cluster=two-sum-1a2b3c4d", "type=experience&sort=asked", "q=x&size=20&page=2", "role=SDE-2&status=Offer&category=Data+Structures+%26+Algorithms",
			"q=caf%C3%A9&company=L%27Or%C3%A9al", "page=1&size=10", "q=+spaced++out+",
			"q=cache%28x%29+%21+%2A", "q=it's",
			"q=cache&collapse=0", "collapse=0&sort=asked&page=2", "type=experience&collapse=0", "cluster=two-sum-1a2b3c4d&collapse=0",
			"q=cache&collapse=1", "q=cache&collapse=cluster", "collapse=",
			"difficulty_source=stated", "q=cache&difficulty_source=stated&difficulty=Hard&sort=date&page=2", "difficulty_source=+inferred+",
			"difficulty_source=", "difficulty_source=any&type=experience", "cluster=two-sum-1a2b3c4d&difficulty_source=stated&collapse=0",
		}
		var got []struct{ Page, API string }
		tb.evalAwait(`import("/static/state.js").then(m => `+mustJSON(queries)+`.map(q => ({Page: m.pageURL(m.parse("?" + q)), API: m.apiURL(m.parse("?" + q))})))`, &got)
		if len(got) != len(queries) {
			t.Fatalf("the script answered %d of %d states", len(got), len(queries))
		}
		for i, q := range queries {
			v, _ := url.ParseQuery(q)
			p, err := parseSearchParams(v, false)
			if err != nil {
				t.Fatalf("parseSearchParams(%q): %v", q, err)
			}
			want := searchLink(p)
			// One state, one URL, byte for byte: the script escapes as
			// Go's url.QueryEscape does.
			if got[i].Page != want {
				t.Errorf("script's URL for %q = %q, server's %q", q, got[i].Page, want)
			}
			// The script's first search is the one the server rendered
			// the page with (collapsed or not), so it is a cache hit.
			u, err := url.Parse(got[i].API)
			if err != nil || u.Path != "/api/search" {
				t.Fatalf("script's API request for %q = %q, not /api/search", q, got[i].API)
			}
			api, err := parseSearchParams(u.Query(), true)
			if err != nil {
				t.Errorf("script's API request for %q = %q, refused: %v", q, got[i].API, err)
				continue
			}
			// (A sort given as its default is left out by the script, and
			// the index fills it in: the same search.)
			key := func(r index.Request) string {
				if r.Sort == "" {
					r.Sort = map[bool]string{true: "relevance", false: "date"}[r.Query != ""]
				}
				return cacheKey(r)
			}
			if g, w := key(api.Req), key(p.pageRequest()); g != w {
				t.Errorf("script's API request for %q = %q, is %s; the page's is %s", q, got[i].API, g, w)
			}
		}
	})

	// dom.js builds highlighted text from the index's safe HTML without
	// parsing it: only text and <mark> come out, whatever goes in.
	t.Run("HighlightsBecomeTextAndMarksOnly", func(t *testing.T) {
		tb := b.tab(t)
		tb.open("/search")
		tb.waitRendered()
		tests := []struct{ in, wantHTML string }{
			{"Design an <mark>LRU</mark> cache", "Design an <mark>LRU</mark> cache"},
			{"&lt;img src=x onerror=alert(1)&gt; <mark>x</mark>", "&lt;img src=x onerror=alert(1)&gt; <mark>x</mark>"},
			{`<img src=x onerror="window.__pwned=1"><b>bold</b>`, `&lt;img src=x onerror="window.__pwned=1"&gt;&lt;b&gt;bold&lt;/b&gt;`},
			{"<mark><script>window.__pwned=1</script></mark>", "<mark>&lt;script&gt;window.__pwned=1&lt;/script&gt;</mark>"},
			{"a &amp; b &#39;c&#39; &#34;d&#34; &#x1F600; &bogus;", "a &amp; b 'c' \"d\" 😀 &amp;bogus;"},
			{"<mark>open", "<mark>open</mark>"},
		}
		var ins []string
		for _, tt := range tests {
			ins = append(ins, tt.in)
		}
		var got []struct {
			HTML  string
			Kinds []string
		}
		tb.evalAwait(`import("/static/dom.js").then(m => `+mustJSON(ins)+`.map(s => { const d = document.createElement("div"); d.append(m.marked(s)); return {HTML: d.innerHTML, Kinds: [...d.childNodes].map(n => n.nodeName)} }))`, &got)
		for i, tt := range tests {
			if i >= len(got) {
				t.Fatalf("got %d answers for %d inputs", len(got), len(tests))
			}
			if got[i].HTML != tt.wantHTML {
				t.Errorf("marked(%q) = %q, want %q", tt.in, got[i].HTML, tt.wantHTML)
			}
			for _, k := range got[i].Kinds {
				if k != "#text" && k != "MARK" {
					t.Errorf("marked(%q) made a %s node", tt.in, k)
				}
			}
		}
		var hrefs []string
		tb.evalAwait(`import("/static/dom.js").then(m => ["javascript:alert(1)", " JAVASCRIPT:alert(1)", "data:text/html,x", "//evil.test", "/\\evil.test", "/search?q=a", "https://example.test/x", "vbscript:x"].map(m.safeHref))`, &hrefs)
		if want := []string{"", "", "", "", "", "/search?q=a", "https://example.test/x", ""}; !slices.Equal(hrefs, want) {
			t.Errorf("safeHref = %q, want %q", hrefs, want)
		}
	})

	t.Run("WithoutJavaScript", func(t *testing.T) {
		tb := b.tab(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}))
		tb.open("/search?q=cache")
		if tb.eval2bool(`document.documentElement.classList.contains("js")`) {
			t.Fatalf("the script ran in a tab with JavaScript off")
		}
		want := pageAPISearch(t, ts, "q=cache")
		if got := tb.str(jsTotal); got != strconv.FormatUint(want.shown(), 10) {
			t.Errorf("server-rendered count = %q, want %d", got, want.shown())
		}
		var hrefs []string
		tb.eval(jsHitHrefs, &hrefs)
		if wantHrefs := want.hitLinks(); !slices.Equal(hrefs, wantHrefs) {
			t.Errorf("server-rendered hits = %q, want %q", hrefs, wantHrefs)
		}
		// The toggle is a link: every post, then one per question again.
		every := apiSearch(t, ts, "q=cache")
		tb.do(chromedp.Click(chromedp.CSS(`#controls a[href="/search?q=cache&collapse=0"]`)), chromedp.WaitReady(chromedp.CSS("#hits")))
		tb.waitFor("every post", `location.search === "?q=cache&collapse=0"`)
		if got := tb.str(jsTotal); got != strconv.FormatUint(every.Total, 10) || every.Total == want.shown() {
			t.Errorf("server-rendered count of every post = %q, want %d (and not %d)", got, every.Total, want.shown())
		}
		tb.eval(jsHitHrefs, &hrefs)
		if wantHrefs := every.hitLinks(); !slices.Equal(hrefs, wantHrefs) {
			t.Errorf("server-rendered hits of every post = %q, want %q", hrefs, wantHrefs)
		}
		tb.do(chromedp.Click(chromedp.CSS(`#controls a[href="/search?q=cache"]`)), chromedp.WaitReady(chromedp.CSS("#hits")))
		tb.waitFor("one per question", `location.search === "?q=cache"`)
		company := want.Facets["company"][0].Value
		tb.shot("16-no-javascript")
		tb.do(chromedp.Click(chromedp.CSS(`#facets [data-field=company] a.fv`)), chromedp.WaitReady(chromedp.CSS("#hits")))
		tb.waitFor("the filtered page", `new URLSearchParams(location.search).get("company") === `+jsString(company))
		var companies []string
		tb.eval(jsCompanies, &companies)
		if len(companies) == 0 {
			t.Errorf("no hits after following a facet link")
		}
		for _, c := range companies {
			if c != company {
				t.Errorf("hit from %q after following the %s link", c, company)
			}
		}
		if n := tb.num(`document.querySelectorAll("#chips .chip").length`); n != 1 {
			t.Errorf("chips after following a facet link = %d, want 1", n)
		}
		if n := tb.num(`document.querySelectorAll("#pager a[rel=next]").length`); want.shown() > 10 && n != 1 {
			t.Errorf("no Next link on a server-rendered page with %d hits", want.shown())
		}
	})
}

func (tb *tab) eval2bool(expr string) bool {
	tb.t.Helper()
	var ok bool
	tb.eval("Boolean("+expr+")", &ok)
	return ok
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
