package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestCrawlSkipsAnEmptyPostOfAKnownSite checks that a page a listing links
// as a post, which its site's extractor knows but skips (an article with
// no text), is counted as skipped, not failed, and that the other posts
// are written.
func TestCrawlSkipsAnEmptyPostOfAKnownSite(t *testing.T) {
	article, err := os.ReadFile(filepath.Join("extract", "testdata", "pages", "gfg-2024-article.html"))
	if err != nil {
		t.Fatal(err)
	}
	empty := regexp.MustCompile(`(?s)<div class="text">.*?</div>`).ReplaceAll(article, []byte(`<div class="text"></div>`))
	canon := regexp.MustCompile(`<link[^>]*rel="canonical"[^>]*>`)
	listing := `<html><head><meta property="og:site_name" content="GeeksforGeeks"><title>Acme Archives - GeeksforGeeks</title></head><body>
<h1 class="archive-title">Tag Archives: Acme</h1>
<article class="post"><h2 class="entry-title"><a href="/acme-set-1/" rel="bookmark">Acme Interview Experience | Set 1</a></h2><div class="entry-summary"><p>Three rounds…</p></div></article>
<article class="post"><h2 class="entry-title"><a href="/acme-set-2/" rel="bookmark">Acme Interview Experience | Set 2</a></h2><div class="entry-summary"><p>Two rounds…</p></div></article>
</body></html>`
	mux := http.NewServeMux()
	mux.HandleFunc("/tag/acme/", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(listing)) })
	// Without their canonical links, the two articles are two posts.
	mux.HandleFunc("/acme-set-1/", func(w http.ResponseWriter, r *http.Request) { w.Write(canon.ReplaceAll(article, nil)) })
	mux.HandleFunc("/acme-set-2/", func(w http.ResponseWriter, r *http.Request) { w.Write(canon.ReplaceAll(empty, nil)) })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	cfg := Config{Seeds: []string{srv.URL + "/tag/acme/"}, AllowHosts: []string{"127.0.0.1"}}
	rep, got, err := testCrawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatalf("crawl: %v", err)
	}
	if len(got) != 1 || rep.Skipped != 1 || len(rep.Errors) != 0 || rep.Listings != 1 {
		t.Errorf("crawl: %d experiences, %d skipped, %d listings, errors %v; want 1, 1, 1 and none", len(got), rep.Skipped, rep.Listings, rep.Errors)
	}
}
