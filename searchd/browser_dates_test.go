package main

// Narrowing by date: the chart's bars, the range's inputs, oldest first,
// and the same without JavaScript.

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The page's date range as the tests read it.
const (
	jsHitDates  = `[...document.querySelectorAll("#hits .hit time")].map(t => t.getAttribute("datetime"))`
	jsDateRange = `[document.getElementById("date-from").value, document.getElementById("date-to").value]`
	jsBarClass  = `Object.fromEntries([...document.querySelectorAll("#charts [data-chart=time] g.bar")].map(g => [g.dataset.bucket, g.getAttribute("class")]))`
	jsTimeRows  = `[...document.querySelectorAll("#charts [data-chart=time] tbody tr")].map(r => r.firstChild.textContent)`
)

// checkNarrowed checks that the page shows the answer of the page's
// search at query: its count, its hits, its facets, and every hit's date
// within from..to.
func checkNarrowed(t *testing.T, env *browserEnv, tb *tab, query, from, to string) apiResult {
	t.Helper()
	want := pageAPISearch(t, env.ts, query)
	if got := tb.str(jsTotal); got != grouped(want.shown()) {
		t.Errorf("count = %q, want %q (the API's for %s)", got, grouped(want.shown()), query)
	}
	var hrefs []string
	tb.eval(jsHitHrefs, &hrefs)
	if !slices.Equal(hrefs, want.hitLinks()) || len(hrefs) == 0 {
		t.Errorf("hits = %q, want the API's %q", hrefs, want.hitLinks())
	}
	var dates []string
	tb.eval(jsHitDates, &dates)
	for _, d := range dates {
		if d < from || d > to {
			t.Errorf("a hit of %s, outside %s..%s", d, from, to)
		}
	}
	for _, f := range []string{"company", "difficulty", "category"} {
		got, w := facetCounts(tb, f), apiFacet(want, f) // the page shows the first values
		if len(got) == 0 {
			t.Errorf("facet %s lists nothing", f)
		}
		for v, n := range got {
			if w[v] != n {
				t.Errorf("facet %s value %q = %d, want the API's %d", f, v, n, w[v])
			}
		}
	}
	return want
}

// TestBrowserDates narrows a search by a bar of the chart and by the
// range's inputs, sorts oldest first, and does the same without the script.
func TestBrowserDates(t *testing.T) {
	env := browserFixture(t)

	t.Run("ClickABarNarrows", func(t *testing.T) {
		tb := env.tab(t)
		tb.open("/search?q=design")
		tb.waitRendered()
		all := pageAPISearch(t, env.ts, "q=design")
		year := ""
		for _, d := range all.Dates { // a year with hits, but not all of them
			if d.Count > 0 && uint64(d.Count) < all.Total {
				year = d.Value
				break
			}
		}
		if year == "" {
			t.Fatalf("dates %v: the test needs a year with some of the hits", all.Dates)
		}
		from, to := year+"-01-01", year+"-12-31"
		tb.click(`#charts [data-chart=time] a g.bar[data-bucket="` + year + `"] rect`)
		query := "q=design&date_from=" + from + "&date_to=" + to
		tb.waitFor("the year's range in the URL", `location.search === "?`+query+`"`)
		tb.waitRendered()
		narrowed := checkNarrowed(t, env, tb, query, from, to)
		if narrowed.Total >= all.Total {
			t.Errorf("total %d in %s, %d in all: want fewer", narrowed.Total, year, all.Total)
		}
		if mapsEqual(apiFacet(narrowed, "company"), apiFacet(all, "company")) {
			t.Errorf("the company counts did not change with the range; the test needs a year that changes them")
		}
		// The chart still shows every year, the range's own marked.
		var rows []string
		tb.eval(jsTimeRows, &rows)
		var wantRows []string
		for _, d := range narrowed.Dates {
			wantRows = append(wantRows, d.Value)
		}
		if !slices.Equal(rows, wantRows) || len(rows) < 2 {
			t.Errorf("time chart rows = %q, want every year the API counts, %q", rows, wantRows)
		}
		var classes map[string]string
		tb.eval(jsBarClass, &classes)
		for bucket, c := range classes {
			if want := map[bool]string{true: "bar sel", false: "bar out"}[bucket == year]; c != want {
				t.Errorf("bar %s has class %q, want %q", bucket, c, want)
			}
		}
		var chips []string
		tb.eval(jsChipTexts, &chips)
		if !slices.Equal(chips, []string{"Dates: " + year + " ×"}) {
			t.Errorf("chips = %q, want the year's", chips)
		}
		var inputs []string
		tb.eval(jsDateRange, &inputs)
		if !slices.Equal(inputs, []string{from, to}) {
			t.Errorf("date inputs = %q, want the year's days", inputs)
		}
		tb.shot("20-dates-bar")

		// The same bar again undoes the range; back returns to it.
		tb.click(`#charts [data-chart=time] a g.bar[data-bucket="` + year + `"] rect`)
		tb.waitFor("the range gone", `location.search === "?q=design"`)
		tb.waitRendered()
		if got := tb.str(jsTotal); got != grouped(all.shown()) {
			t.Errorf("count without the range = %q, want %q", got, grouped(all.shown()))
		}
		tb.eval(`history.back()`, nil)
		tb.waitFor("back to the range", `location.search === "?`+query+`"`)
		tb.waitRendered()
		checkNarrowed(t, env, tb, query, from, to)
	})

	t.Run("TheRangeInputsNarrow", func(t *testing.T) {
		tb := env.tab(t)
		tb.open("/search?company=Amazon")
		tb.waitRendered()
		tb.setValue("#date-from", "2022-03-01")
		tb.setValue("#date-to", "2023-06-30")
		tb.click(`#dates button[type=submit]`)
		query := "company=Amazon&date_from=2022-03-01&date_to=2023-06-30"
		tb.waitFor("the range in the URL", `location.search === "?`+query+`"`)
		tb.waitRendered()
		narrowed := checkNarrowed(t, env, tb, query, "2022-03-01", "2023-06-30")
		all := pageAPISearch(t, env.ts, "company=Amazon")
		if narrowed.Total == 0 || narrowed.Total >= all.Total {
			t.Errorf("total %d in the range, %d in all: want fewer, and some", narrowed.Total, all.Total)
		}
		var chips []string
		tb.eval(jsChipTexts, &chips)
		if want := []string{"Company: Amazon ×", "Dates: 2022-03-01 to 2023-06-30 ×"}; !slices.Equal(chips, want) {
			t.Errorf("chips = %q, want %q", chips, want)
		}
		// An open end: from a day on.
		tb.setValue("#date-to", "")
		tb.click(`#dates button[type=submit]`)
		tb.waitFor("the open range in the URL", `location.search === "?company=Amazon&date_from=2022-03-01"`)
		tb.waitRendered()
		checkNarrowed(t, env, tb, "company=Amazon&date_from=2022-03-01", "2022-03-01", "9999-12-31")
		// A reversed range is the index's error, shown with the form to mend it.
		tb.setValue("#date-to", "2021-01-01")
		tb.click(`#dates button[type=submit]`)
		tb.waitFor("the reversed range in the URL", `location.search === "?company=Amazon&date_from=2022-03-01&date_to=2021-01-01"`)
		tb.waitFor("the error", `document.querySelector("#notice .error")`)
		if got := tb.str(`document.querySelector("#notice .error p").textContent`); !strings.Contains(got, "the date range is reversed") {
			t.Errorf("error = %q, want it to say the range is reversed", got)
		}
		if n := tb.num(`document.querySelectorAll("#dates input[type=date]").length`); n != 2 {
			t.Errorf("%d date inputs under the error, want 2", n)
		}
		// "Any date" clears the range, keeping the rest.
		tb.eval(`history.back()`, nil)
		tb.waitFor("back to the open range", `location.search === "?company=Amazon&date_from=2022-03-01"`)
		tb.waitRendered()
		tb.click(`#dates a.any-date`)
		tb.waitFor("any date", `location.search === "?company=Amazon"`)
		tb.waitRendered()
		if got := tb.str(jsTotal); got != grouped(all.shown()) {
			t.Errorf("count at any date = %q, want %q", got, grouped(all.shown()))
		}
	})

	t.Run("OldestFirst", func(t *testing.T) {
		tb := env.tab(t)
		tb.open("/search?q=design")
		tb.waitRendered()
		tb.click(`#controls a[href*="sort=date_asc"]`)
		tb.waitFor("oldest first in the URL", `location.search === "?q=design&sort=date_asc"`)
		tb.waitRendered()
		var dates []string
		tb.eval(jsHitDates, &dates)
		if len(dates) < 2 || !slices.IsSorted(dates) {
			t.Errorf("dates oldest first = %q, want ascending", dates)
		}
		if got := tb.str(`document.querySelector("#controls a.selected").textContent`); got != "Oldest" {
			t.Errorf("selected sort = %q, want Oldest", got)
		}
		want := pageAPISearch(t, env.ts, "q=design&sort=date_asc")
		var hrefs []string
		tb.eval(jsHitHrefs, &hrefs)
		if !slices.Equal(hrefs, want.hitLinks()) {
			t.Errorf("hits = %q, want the API's %q", hrefs, want.hitLinks())
		}
		// Paging keeps the order: page 2 starts no earlier than page 1 ends.
		last := dates[len(dates)-1]
		tb.click(`#pager a[rel=next]`)
		tb.waitFor("page 2", `location.search === "?q=design&sort=date_asc&page=2"`)
		tb.waitRendered()
		dates = nil
		tb.eval(jsHitDates, &dates)
		if len(dates) == 0 || dates[0] < last || !slices.IsSorted(dates) {
			t.Errorf("page 2 dates = %q after page 1 ended on %s, want ascending on", dates, last)
		}
	})

	t.Run("WithoutJavaScript", func(t *testing.T) {
		nojs := env.tab(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}))
		nojs.open("/search?q=design&sort=date_asc")
		nojs.eval(`document.getElementById("date-from").value = "2021-01-01", document.getElementById("date-to").value = "2022-12-31", true`, nil)
		nojs.do(chromedp.Click(chromedp.CSS(`#dates button[type=submit]`)), chromedp.WaitReady(chromedp.CSS("#hits")))
		query := "q=design&sort=date_asc&date_from=2021-01-01&date_to=2022-12-31" // the form's order: the rest, then the range
		nojs.waitFor("the range in the URL", `location.search === "?`+query+`"`)
		want := pageAPISearch(t, env.ts, query)
		if got := nojs.str(jsTotal); got != grouped(want.shown()) || want.Total == 0 {
			t.Errorf("server-rendered count = %q, want %q (and some)", got, grouped(want.shown()))
		}
		var dates []string
		nojs.eval(jsHitDates, &dates)
		if len(dates) == 0 || !slices.IsSorted(dates) || dates[0] < "2021-01-01" || dates[len(dates)-1] > "2022-12-31" {
			t.Errorf("server-rendered dates = %q, want 2021–2022, oldest first", dates)
		}
		var chips []string
		nojs.eval(jsChipTexts, &chips)
		if !slices.Equal(chips, []string{"Dates: 2021-01-01 to 2022-12-31 ×"}) {
			t.Errorf("server-rendered chips = %q", chips)
		}
		// The server's links carry the range: the sorts, the facets.
		if got := nojs.str(`[...document.querySelectorAll("#controls a")].find(a => a.textContent === "Relevance").getAttribute("href")`); got != "/search?q=design&date_from=2021-01-01&date_to=2022-12-31" {
			t.Errorf("relevance link = %q, want the range kept", got)
		}
		nojs.do(chromedp.Click(chromedp.CSS(`#dates a.any-date`)), chromedp.WaitReady(chromedp.CSS("#hits")))
		nojs.waitFor("any date", `location.search === "?q=design&sort=date_asc"`)
		// Empty inputs submit an empty range: every date.
		nojs.do(chromedp.Click(chromedp.CSS(`#dates button[type=submit]`)), chromedp.WaitReady(chromedp.CSS("#hits")))
		nojs.waitFor("the empty range submitted", `location.search === "?q=design&sort=date_asc&date_from=&date_to="`)
		all := pageAPISearch(t, env.ts, "q=design&sort=date_asc")
		if got := nojs.str(jsTotal); got != grouped(all.shown()) {
			t.Errorf("count with empty inputs = %q, want every date's %q", got, grouped(all.shown()))
		}
		if n := nojs.num(`document.querySelectorAll("#chips .chip").length`); n != 0 {
			t.Errorf("%d chips with empty inputs, want none", n)
		}
	})
}
