package main

// The page for everyone: crawled markup kept inert, keyboard and screen
// readers, phones, no JavaScript.

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserHostileContent shows crawled markup as text, in the script's
// pages and the server's.
func TestBrowserHostileContent(t *testing.T) {
	env := browserFixture(t)

	t.Run("CrawledScriptStaysInert", func(t *testing.T) {
		tb := env.tab(t)
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

	// dom.js builds highlighted text from the index's safe HTML without
	// parsing it: only text and <mark> come out, whatever goes in.
	t.Run("HighlightsBecomeTextAndMarksOnly", func(t *testing.T) {
		tb := env.tab(t)
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
}

// TestBrowserAccessibility uses the page from the keyboard and checks what
// a screen reader is told.
func TestBrowserAccessibility(t *testing.T) {
	env := browserFixture(t)

	t.Run("Keyboard", func(t *testing.T) {
		tb := env.tab(t)
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
		tb := env.tab(t)
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
}

// TestBrowserPhone uses the page on a phone-sized screen.
func TestBrowserPhone(t *testing.T) {
	env := browserFixture(t)

	t.Run("PhoneFiltersButtonAfterAnError", func(t *testing.T) {
		tb := env.tab(t, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile))
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
		tb := env.tab(t, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile))
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
}

// TestBrowserWithoutJavaScript uses the server's pages in a tab with
// JavaScript off.
func TestBrowserWithoutJavaScript(t *testing.T) {
	env := browserFixture(t)
	tb := env.tab(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	tb.open("/search?q=cache")
	if tb.eval2bool(`document.documentElement.classList.contains("js")`) {
		t.Fatalf("the script ran in a tab with JavaScript off")
	}
	want := pageAPISearch(t, env.ts, "q=cache")
	if got := tb.str(jsTotal); got != strconv.FormatUint(want.shown(), 10) {
		t.Errorf("server-rendered count = %q, want %d", got, want.shown())
	}
	var hrefs []string
	tb.eval(jsHitHrefs, &hrefs)
	if wantHrefs := want.hitLinks(); !slices.Equal(hrefs, wantHrefs) {
		t.Errorf("server-rendered hits = %q, want %q", hrefs, wantHrefs)
	}
	// The toggle is a link: every post, then one per question again.
	every := apiSearch(t, env.ts, "q=cache")
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
}
