package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// reviewPage is a page of interview reviews in Glassdoor's shape: each
// review is its own experience, and the page links to the other pages.
func reviewPage(ids []int, pages ...string) string {
	s := `<html><head><meta property="og:site_name" content="Glassdoor"></head><body><h1>Initech Interview Questions</h1>`
	for _, id := range ids {
		s += fmt.Sprintf(`<div data-test="Interview%[1]dContainer"><time datetime="2023-5-%[1]d">x</time>
<h2 data-test="Interview%[1]dTitle"><a href="/Interview/Initech-Interview-RVW%[1]d.htm">Analyst Interview</a></h2>
<div data-test="Interview%[1]dRating"><span>No Offer</span></div>
<p data-test="Interview%[1]dProcess">Two calls.</p>
<ul data-test="Interview%[1]dQuestions"><li><span>Question %[1]d?</span></li></ul></div>`, id)
	}
	s += `<div data-test="pagination">`
	for i, p := range pages {
		s += fmt.Sprintf(`<a href="%s">%d</a>`, p, i+1)
	}
	return s + `</div></body></html>`
}

// TestCrawlReviewPages checks that every review of a page of reviews is
// written, and that the page's pagination is followed.
func TestCrawlReviewPages(t *testing.T) {
	var reqs requestLog
	mux := http.NewServeMux()
	mux.HandleFunc("/reviews", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, reviewPage([]int{1, 2}, "/reviews", "/reviews_P2"))
	})
	mux.HandleFunc("/reviews_P2", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, reviewPage([]int{3}, "/reviews", "/reviews_P2"))
	})
	srv := httptest.NewServer(reqs.wrap(mux))
	defer srv.Close()

	cfg := Config{Seeds: []string{srv.URL + "/reviews"}, AllowHosts: []string{"127.0.0.1"}}
	rep, got, err := testCrawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	var urls []string
	for _, e := range got {
		urls = append(urls, e.URL)
	}
	slices.Sort(urls)
	want := []string{
		srv.URL + "/Interview/Initech-Interview-RVW1.htm",
		srv.URL + "/Interview/Initech-Interview-RVW2.htm",
		srv.URL + "/Interview/Initech-Interview-RVW3.htm",
	}
	if diff := cmp.Diff(want, urls); diff != "" {
		t.Errorf("crawled reviews (-want +got):\n%s", diff)
	}
	if rep.Experiences != 3 || len(rep.Errors) != 0 {
		t.Errorf("report: %d experiences, errors %v; want 3 and none", rep.Experiences, rep.Errors)
	}
	for _, p := range []string{"/reviews", "/reviews_P2"} {
		if n := reqs.count(p); n != 1 {
			t.Errorf("%s requested %d times, want 1", p, n)
		}
	}
}
