package main

// Driving a tab of the browser tests' Chromium, and reading the page and
// the API to compare them.

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/askedat/askedat"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/askedat/askedat/client"
)

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

// apiResult is an /api/search answer as the tests read it, through the
// client, and whether its search was collapsed (one hit per question
// cluster).
type apiResult struct {
	*client.SearchResult
	collapsed bool
}

// api is a client of the environment's server.
func (env *browserEnv) api(t *testing.T) *client.Client {
	t.Helper()
	c, err := client.New(env.ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// apiSearch asks /api/search of ts for the API query string query, with
// facet_size=100 as the page asks.
func apiSearch(t *testing.T, ts *httptest.Server, query string) apiResult {
	t.Helper()
	v, err := url.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	v.Set("facet_size", "100")
	p, err := parseSearchParams(v, true)
	if err != nil {
		t.Fatalf("parseSearchParams(%q): %v", query, err)
	}
	c, err := client.New(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Search(context.Background(), p.Req)
	if err != nil {
		t.Fatalf("search %s: %v", query, err)
	}
	return apiResult{SearchResult: res, collapsed: p.Req.Collapse != ""}
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
		v.Set("collapse", askedat.CollapseCluster)
	}
	return apiSearch(t, ts, v.Encode())
}

// shown is the count the page shows for r: its distinct questions when
// collapsed, else its total.
func (r apiResult) shown() uint64 {
	if r.collapsed {
		return r.Groups
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
