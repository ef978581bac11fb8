package main

// Leaving the list: a post, the places a question was asked.

import (
	"context"
	"fmt"
	"github.com/askedat/askedat"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// TestBrowserPosts opens a post from a hit and follows its links.
func TestBrowserPosts(t *testing.T) {
	env := browserFixture(t)
	tb := env.tab(t)
	tb.open("/search?q=cache")
	tb.waitRendered()
	first := tb.str(`document.querySelector("#hits a.hit-link").getAttribute("href")`)
	tb.click(`#hits a.hit-link`)
	tb.waitFor("the post", `location.pathname.startsWith("/experiences/") && document.querySelector("article.post")`)
	if got := tb.str(`location.pathname + location.hash`); got != first {
		t.Errorf("opened %q, want %q", got, first)
	}
	id := strings.TrimPrefix(strings.SplitN(first, "#", 2)[0], "/experiences/")
	e, err := env.api(t).Experience(context.Background(), id)
	if err != nil {
		t.Fatal(err)
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
}

// TestBrowserClusters follows a question to the other places it was asked,
// and shows one hit per question or every post.
func TestBrowserClusters(t *testing.T) {
	env := browserFixture(t)

	t.Run("OtherPlacesAQuestionWasAsked", func(t *testing.T) {
		tb := env.tab(t)
		tb.open("/search?q=cache&sort=asked")
		tb.waitRendered()
		href := tb.str(`document.querySelector("#hits a.asked").getAttribute("href")`)
		clusterID := strings.TrimPrefix(href, "/search?cluster=")
		tb.click(`#hits a.asked`)
		tb.waitFor("the cluster's questions", `new URLSearchParams(location.search).get("cluster") === `+jsString(clusterID))
		tb.waitRendered()
		q, err := env.api(t).Cluster(context.Background(), clusterID)
		if err != nil {
			t.Fatal(err)
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

	// One hit per question cluster by default, every post at a click,
	// the state in the URL.
	t.Run("OnePerQuestionOrEveryPost", func(t *testing.T) {
		tb := env.tab(t)
		tb.open("/search?q=design")
		tb.waitRendered()
		one, every := pageAPISearch(t, env.ts, "q=design"), apiSearch(t, env.ts, "q=design")
		if !one.collapsed || one.Groups >= every.Total {
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
		distinct := fmt.Sprintf("%s distinct questions (%s in all) for design", grouped(one.Groups), grouped(one.Total))
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
		var first askedat.Hit
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
}
