package main

// Narrowing a search: facets, chips, the inferred difficulties, the charts.

import (
	"context"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserFacets ticks and unticks facet values, removes chips, and
// searches inside a facet's list.
func TestBrowserFacets(t *testing.T) {
	env := browserFixture(t)

	t.Run("TickAFacetThenGoBack", func(t *testing.T) {
		tb := env.tab(t)
		tb.open("/search?q=cache")
		tb.waitRendered()
		before := pageAPISearch(t, env.ts, "q=cache")
		company := before.Facets["company"][1].Value // not the first: any value
		after := pageAPISearch(t, env.ts, "q=cache&company="+url.QueryEscape(company))
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
		tb := env.tab(t)
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
		want := pageAPISearch(t, env.ts, "q=cache&company=Amazon")
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
		tb := env.tab(t)
		tb.open("/search?q=cache&company=amazon&difficulty=hard")
		tb.waitRendered()
		want := pageAPISearch(t, env.ts, "q=cache&company=Amazon&difficulty=Hard")
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
		tb := env.tab(t)
		tb.open("/search")
		tb.waitRendered()
		all := apiSearch(t, env.ts, "")
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
		tb := env.tab(t)
		tb.open("/search?utm_test=few")
		tb.waitRendered()
		all := apiSearch(t, env.ts, "")
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
}

// TestBrowserInferredDifficulty checks that a difficulty the indexer
// inferred is marked on the hit and the post, counted apart in the facet,
// and "Only difficulties posts state" counts the stated ones only, the
// choice in the URL.
func TestBrowserInferredDifficulty(t *testing.T) {
	env := browserFixture(t)
	tb := env.tab(t)
	tb.open("/search?q=okapi")
	tb.waitRendered()
	all, stated := pageAPISearch(t, env.ts, "q=okapi"), pageAPISearch(t, env.ts, "q=okapi&difficulty_source=stated")
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
	nojs := env.tab(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
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
}

// TestBrowserCharts checks the charts of the current search, and that they
// follow it.
func TestBrowserCharts(t *testing.T) {
	env := browserFixture(t)
	tb := env.tab(t)
	tb.open("/search?q=design")
	tb.waitRendered()
	want := apiSearch(t, env.ts, "q=design")
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
	hard := apiSearch(t, env.ts, "q=design&difficulty=Hard")
	sum := tb.num(`[...document.querySelectorAll("#charts [data-chart=time] tbody td")].reduce((s, td) => s + Number(td.textContent), 0)`)
	if uint64(sum) != hard.Total {
		t.Errorf("time chart adds up to %d after ticking Hard, want %d", sum, hard.Total)
	}
}
