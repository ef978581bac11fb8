package main

// Typing a query, its answer, and the pages of answers.

import (
	"github.com/askedat/askedat"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// TestBrowserSearch types queries into the box: the answer as you type,
// words left out, a suggestion, and a slow, a refused and a failed search.
func TestBrowserSearch(t *testing.T) {
	env := browserFixture(t)

	t.Run("TypeAQueryAndSeeResults", func(t *testing.T) {
		tb := env.tab(t)
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
		want := pageAPISearch(t, env.ts, "q=cache")
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
		// Every hit shows company, role, round, category, difficulty
		// (where it has one) and date.
		var meta [][]string
		tb.eval(`[...document.querySelectorAll("#hits .hit .meta")].map(m => [...m.children].map(c => c.textContent))`, &meta)
		if !slices.ContainsFunc(want.Hits, func(h askedat.Hit) bool { return h.Round != "" }) {
			t.Errorf("no hit of %q has a round; the test needs one", "cache")
		}
		for i, h := range want.Hits {
			for _, v := range []string{h.Company, h.Role, h.Round, h.Category, h.Difficulty, h.Date} {
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

	t.Run("RelaxedWordsAreShown", func(t *testing.T) {
		tb := env.tab(t)
		tb.open("/")
		tb.waitRendered()
		// No question has both words: the ones with one of them are
		// shown, and the notice says which words they lack.
		want := apiSearch(t, env.ts, "q=zebra+quokka")
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

	t.Run("ZeroResultsOfferTheSuggestion", func(t *testing.T) {
		tb := env.tab(t)
		tb.open("/")
		tb.waitRendered()
		// A phrase keeps its strict meaning, so nothing is relaxed: no
		// question has it and "quokka".
		const q = `"zebra crossing" quokka`
		want := apiSearch(t, env.ts, "q="+url.QueryEscape(q))
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

	t.Run("SlowAndErrorStates", func(t *testing.T) {
		release := env.slow.hold() // the searches for slowWord wait for release
		defer release()
		tb := env.tab(t)
		tb.open("/")
		tb.waitRendered()
		tb.typeText("#q", slowWord)
		tb.waitFor("the searching indicator", `document.querySelector("#status .searching")`)
		tb.shot("10-searching")
		release()
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
}

// TestBrowserPaging sorts and pages, and opens a copied link of a later
// page.
func TestBrowserPaging(t *testing.T) {
	env := browserFixture(t)

	t.Run("SortAndPage", func(t *testing.T) {
		tb := env.tab(t)
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
		want := pageAPISearch(t, env.ts, "q=design&sort=date&page=2")
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
		tb := env.tab(t)
		link := "/search?q=design&difficulty=Hard&sort=date&page=2"
		tb.open(link)
		tb.waitRendered()
		want := pageAPISearch(t, env.ts, "q=design&difficulty=Hard&sort=date&page=2")
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
}

// TestBrowserURLs checks that the script and the server spell a state as
// one URL, so it is one history entry.
func TestBrowserURLs(t *testing.T) {
	env := browserFixture(t)

	// A link the server wrote spells the state as the script does, so
	// choosing what is shown already adds no step to go back through.
	t.Run("TheSameStateAddsNoHistory", func(t *testing.T) {
		tb := env.tab(t)
		tb.open("/search?q=design%28x%29+it%27s")
		tb.waitRendered()
		steps := tb.num("history.length")
		tb.clickAndRerender(`#controls a.selected`)
		if got := tb.num("history.length"); got != steps {
			t.Errorf("choosing the sort already chosen on a server-written URL added %d history entries, want none", got-steps)
		}
	})

	// The script's URL state (state.js) must give the same URL as the
	// server's links (params.go encode), so that a link from either is
	// the same page and the same history entry.
	t.Run("ScriptAndServerAgreeOnURLs", func(t *testing.T) {
		tb := env.tab(t)
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
			key := func(r askedat.Request) string {
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
}
