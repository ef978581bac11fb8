package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/askedat/askedat/crawler/extract"
	"github.com/askedat/askedat/internal/jobmetrics"
)

// bodyBytes counts the bytes of the pages a handler serves: not robots.txt,
// nor the fixture's 404 (the crawler counts the bodies it takes in).
type bodyBytes struct {
	mu sync.Mutex
	n  int64
}

type countingWriter struct {
	http.ResponseWriter
	b *bodyBytes
}

func (w countingWriter) Write(p []byte) (int, error) {
	n, err := w.ResponseWriter.Write(p)
	w.b.mu.Lock()
	w.b.n += int64(n)
	w.b.mu.Unlock()
	return n, err
}

func (b *bodyBytes) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" || r.URL.Path == "/experience/acme/gone" {
			h.ServeHTTP(w, r)
			return
		}
		h.ServeHTTP(countingWriter{w, b}, r)
	})
}

func TestCrawlMetricsFile(t *testing.T) {
	var bytes bodyBytes
	entered, release := make(chan struct{}), make(chan struct{})
	site := fixtureSite()
	srv := httptest.NewServer(bytes.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/experience/acme/three" {
			close(entered)
			<-release // the crawl is under way until the test has seen the file
		}
		site.ServeHTTP(w, r)
	})))
	defer srv.Close()
	dir := t.TempDir()
	path := filepath.Join(dir, "crawler.prom")
	cfg := Config{Seeds: []string{srv.URL + "/experiences"}, AllowHosts: []string{"127.0.0.1"}, Out: filepath.Join(dir, "out.jsonl"),
		Metrics: path, MetricsEvery: time.Millisecond}
	done := make(chan error, 1)
	go func() {
		_, err := crawlTo(context.Background(), cfg, extract.Page, testLogger(t), io.Discard)
		done <- err
	}()

	// While the crawl runs, the file says so and counts the pages so far.
	<-entered
	deadline := time.Now().Add(10 * time.Second)
	for {
		mfs, err := jobmetrics.ReadFile(path)
		if err == nil {
			running, _ := jobmetrics.Value(mfs, "askedat_crawler_running", nil)
			pages, _ := jobmetrics.Value(mfs, "askedat_crawler_pages_total", map[string]string{"class": "2xx"})
			if running == 1 && pages >= 2 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("10s into the crawl the metrics file did not show it running with pages fetched (%v)", err)
		}
		time.Sleep(time.Millisecond)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("crawl: %v", err)
	}

	mfs, err := jobmetrics.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	class := func(c string) map[string]string { return map[string]string{"class": c} }
	want := []struct {
		name   string
		labels map[string]string
		v      float64
	}{
		// The fixture: two listings and four posts answered, one of them
		// broken; a 404; a page robots.txt forbids.
		{"askedat_crawler_pages_total", class("2xx"), 6},
		{"askedat_crawler_pages_total", class("4xx"), 1},
		{"askedat_crawler_pages_total", class("5xx"), 0},
		{"askedat_crawler_pages_total", class("error"), 0},
		{"askedat_crawler_bytes_total", nil, float64(bytes.n)},
		{"askedat_crawler_experiences_total", nil, 3},
		{"askedat_crawler_listings_total", nil, 2},
		{"askedat_crawler_robots_skipped_total", nil, 1},
		{"askedat_crawler_errors_total", nil, 2},
		{"askedat_crawler_retries_total", nil, 0},
		{"askedat_crawler_queue_length", nil, 0},
		{"askedat_crawler_interrupted", nil, 0},
		{"askedat_crawler_running", nil, 0},
		{"askedat_crawler_success", nil, 1},
	}
	for _, w := range want {
		if got, ok := jobmetrics.Value(mfs, w.name, w.labels); !ok || got != w.v {
			t.Errorf("%s%v = %v (present %v), want %v", w.name, w.labels, got, ok, w.v)
		}
	}
	if d, _ := jobmetrics.Value(mfs, "askedat_crawler_duration_seconds", nil); d <= 0 {
		t.Errorf("askedat_crawler_duration_seconds = %v, want > 0", d)
	}
}

func TestCrawlMetricsOfAFailedCrawl(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	dir := t.TempDir()
	path := filepath.Join(dir, "crawler.prom")
	cfg := Config{Seeds: []string{srv.URL + "/experiences"}, AllowHosts: []string{"127.0.0.1"}, Out: filepath.Join(dir, "out.jsonl"), Metrics: path}
	if _, err := crawlTo(context.Background(), cfg, extract.Page, testLogger(t), io.Discard); err == nil || !strings.Contains(err.Error(), "every seed failed") {
		t.Fatalf("crawl of a site of 404s = %v, want every seed failed", err)
	}
	mfs, err := jobmetrics.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]float64{"askedat_crawler_success": 0, "askedat_crawler_running": 0, "askedat_crawler_last_success_time_seconds": 0} {
		if got, _ := jobmetrics.Value(mfs, name, nil); got != want {
			t.Errorf("%s = %v after a failed crawl, want %v", name, got, want)
		}
	}
	if got, _ := jobmetrics.Value(mfs, "askedat_crawler_pages_total", map[string]string{"class": "4xx"}); got != 1 {
		t.Errorf("askedat_crawler_pages_total{class=4xx} = %v, want 1 (the seed)", got)
	}
}
