package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// embedPage is a page of another site that would embed the search: the
// test calls the API from it with fetch.
const embedPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Another site</title></head>
<body><p>A page of another origin.</p></body></html>`

// fetchResult is what a fetch from the page saw: the status and headers
// it may read, or the error the browser gave when CORS blocked it.
type fetchResult struct {
	OK      bool   `json:"ok"`
	Status  int    `json:"status"`
	Total   int    `json:"total"`
	ETag    string `json:"etag"`
	Version string `json:"version"`
	Error   string `json:"error"`
}

// fetchFrom is the script that fetches url with the headers given, as a
// page of its origin would, and says what it could read.
func fetchFrom(url string, headers map[string]string) string {
	if headers == nil {
		headers = map[string]string{}
	}
	return fmt.Sprintf(`fetch(%s, {headers: %s}).then(async r => {
	const text = await r.text();
	let total = 0;
	try { total = JSON.parse(text).total || 0; } catch (e) {}
	return {ok: true, status: r.status, total, etag: r.headers.get('ETag') || '', version: r.headers.get('X-Index-Version') || ''};
}).catch(e => ({ok: false, error: String(e)}))`, jsString(url), mustJSON(headers))
}

// TestBrowserCORS: a page served from another loopback origin calls the
// API in headless Chromium. When searchd lists its origin (-cors-origin)
// it reads the answer and its ETag, also through a preflight
// (X-Request-Id, If-None-Match: a 304 it sees as such), and so does a
// second listed origin after it in the same browser cache; a page of an
// origin not listed is blocked by the browser, with a preflight or
// without.
func TestBrowserCORS(t *testing.T) {
	env := browserFixture(t)
	serve := func() *httptest.Server {
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, embedPage)
		}))
		t.Cleanup(ts.Close)
		return ts
	}
	listed, listed2, notListed := serve(), serve(), serve()
	api, version := startVersioned(t, 5, "-cors-origin", listed.URL+","+listed2.URL)
	search := api + "/api/search?q=cache"

	tb := env.tab(t)
	tb.do(chromedp.Navigate(listed.URL + "/"))
	var simple fetchResult
	tb.evalAwait(fetchFrom(search, nil), &simple)
	if !simple.OK || simple.Status != 200 || simple.Total != 5 || simple.Version != version || !strings.HasPrefix(simple.ETag, `W/"`) {
		t.Fatalf("listed origin, a simple GET: %+v; want 200 with the 5 hits, version %s and its ETag readable", simple, version)
	}
	for _, tt := range []struct {
		name    string
		headers map[string]string
		want    int
	}{
		{"a preflight for X-Request-Id", map[string]string{"X-Request-Id": "embed-1"}, 200},
		{"a preflight for If-None-Match", map[string]string{"If-None-Match": simple.ETag}, 304},
	} {
		var got fetchResult
		tb.evalAwait(fetchFrom(search, tt.headers), &got)
		if !got.OK || got.Status != tt.want || got.ETag != simple.ETag {
			t.Errorf("listed origin, %s: %+v; want %d with ETag %s", tt.name, got, tt.want, simple.ETag)
		}
	}

	// Another listed origin, in the same browser: its request is
	// revalidated against what the first origin's got, and must not keep
	// that origin's Access-Control-Allow-Origin.
	tb3 := env.tab(t)
	tb3.do(chromedp.Navigate(listed2.URL + "/"))
	var second fetchResult
	tb3.evalAwait(fetchFrom(search, nil), &second)
	if !second.OK || second.Status != 200 || second.Total != 5 {
		t.Errorf("a second listed origin, after the first: %+v; want 200 with the 5 hits", second)
	}

	tb2 := env.tab(t)
	tb2.do(chromedp.Navigate(notListed.URL + "/"))
	for _, tt := range []struct {
		name    string
		headers map[string]string
	}{
		{"a simple GET", nil},
		{"a preflighted GET", map[string]string{"X-Request-Id": "embed-2"}},
	} {
		var got fetchResult
		tb2.evalAwait(fetchFrom(search, tt.headers), &got)
		if got.OK || !strings.Contains(got.Error, "Failed to fetch") {
			t.Errorf("origin not listed, %s: %+v; want the browser to block it (TypeError: Failed to fetch)", tt.name, got)
		}
	}
	// The browser says so on the console: expected here, not a fault of
	// the page.
	tb2.mu.Lock()
	kept := tb2.bad[:0]
	for _, b := range tb2.bad {
		if !strings.Contains(b, "CORS policy") {
			kept = append(kept, b)
		}
	}
	tb2.bad = kept
	tb2.mu.Unlock()
}
