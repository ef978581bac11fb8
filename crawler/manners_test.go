package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat/crawler/extract"
	"github.com/askedat/askedat/crawler/fetch"
)

// hits logs a test server's requests: when, and with which validators.
type hits struct {
	mu   sync.Mutex
	reqs []hit
}

type hit struct {
	path, ifNoneMatch string
	at                time.Time
	status            int
}

func (h *hits) add(r *http.Request) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.reqs = append(h.reqs, hit{path: r.URL.RequestURI(), ifNoneMatch: r.Header.Get("If-None-Match"), at: time.Now()})
	return len(h.reqs) - 1
}

func (h *hits) status(i, code int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.reqs[i].status = code
}

func (h *hits) of(path string) []hit {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []hit
	for _, r := range h.reqs {
		if r.path == path {
			out = append(out, r)
		}
	}
	return out
}

func (h *hits) count(path string) int { return len(h.of(path)) }

// listing is a listing page linking to the posts at paths.
func listing(paths ...string) string {
	var b strings.Builder
	b.WriteString(`<html><body><h1>Latest</h1><ul>`)
	for _, p := range paths {
		b.WriteString(card(p))
	}
	b.WriteString(`</ul></body></html>`)
	return b.String()
}

func writeHTML(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, body)
}

// TestCrawlRetries: a 503 and a timeout are tried again, with backoff, up
// to -retries times; a page that keeps failing is given up; a 404 is asked
// once. The slow page's first request is held until the crawler gives up
// on it; -timeout is long enough that no healthy request comes near it.
func TestCrawlRetries(t *testing.T) {
	var h hits
	var flaky, slow atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", http.NotFound)
	mux.HandleFunc("/experiences", func(w http.ResponseWriter, r *http.Request) {
		h.add(r)
		writeHTML(w, listing("/experience/acme/flaky", "/experience/acme/down", "/experience/acme/gone", "/experience/acme/slow"))
	})
	mux.HandleFunc("/experience/acme/flaky", func(w http.ResponseWriter, r *http.Request) {
		h.add(r)
		if flaky.Add(1) <= 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		writeHTML(w, postPage("Flaky at Acme", 1))
	})
	mux.HandleFunc("/experience/acme/down", func(w http.ResponseWriter, r *http.Request) {
		h.add(r)
		w.WriteHeader(http.StatusInternalServerError)
	})
	mux.HandleFunc("/experience/acme/gone", func(w http.ResponseWriter, r *http.Request) {
		h.add(r)
		http.NotFound(w, r)
	})
	mux.HandleFunc("/experience/acme/slow", func(w http.ResponseWriter, r *http.Request) {
		h.add(r)
		if slow.Add(1) == 1 {
			<-r.Context().Done() // held until the crawler's time limit cuts it off
			return
		}
		writeHTML(w, postPage("Slow at Acme", 1))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	cfg := Config{Seeds: []string{srv.URL + "/experiences"}, AllowHosts: []string{"127.0.0.1"},
		Retries: 2, Backoff: 20 * time.Millisecond, Timeout: 2 * time.Second}
	rep, got, err := testCrawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int{"/experience/acme/flaky": 3, "/experience/acme/down": 3,
		"/experience/acme/gone": 1, "/experience/acme/slow": 2} {
		if n := h.count(path); n != want {
			t.Errorf("%s requested %d times, want %d", path, n, want)
		}
	}
	// The waits between tries grow: 20ms × [0.5, 1.5), then 40ms × [0.5, 1.5).
	if d := h.of("/experience/acme/down"); len(d) == 3 {
		if g1, g2 := d[1].at.Sub(d[0].at), d[2].at.Sub(d[1].at); g1 < 10*time.Millisecond || g2 < 20*time.Millisecond {
			t.Errorf("waits between tries of /down = %v, %v; want at least 10ms, then 20ms", g1, g2)
		}
	}
	var titles []string
	for _, e := range got {
		titles = append(titles, e.Title)
	}
	slices.Sort(titles)
	if diff := cmp.Diff([]string{"Flaky at Acme", "Slow at Acme"}, titles); diff != "" {
		t.Errorf("experiences (-want +got):\n%s", diff)
	}
	if rep.Retries != 5 {
		t.Errorf("report: %d retries, want 5 (2 for /flaky, 2 for /down, 1 for /slow)", rep.Retries)
	}
	var failed []string
	for _, pe := range rep.Errors {
		failed = append(failed, strings.TrimPrefix(pe.URL, srv.URL)+": "+pe.Err.Error())
	}
	slices.Sort(failed)
	if len(failed) != 2 || !strings.Contains(failed[0], "/down: gave up after 3 tries: status 500") ||
		!strings.Contains(failed[1], "/gone: status 404") {
		t.Errorf("errors = %q, want /down given up and /gone 404", failed)
	}
}

// TestCrawlRetryAfter: a 429 or 503 is asked again after its Retry-After
// (seconds or a date), and the host is left alone until then; a wait
// beyond -max-retry-after fails the page at once instead of stalling the
// crawl.
func TestCrawlRetryAfter(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		retryAfter func() string
		wantGap    time.Duration // least time before the page and the host are asked again; 0: never again
	}{
		{"seconds", 429, func() string { return "1" }, 900 * time.Millisecond},
		{"date", 503, func() string { return time.Now().Add(2 * time.Second).UTC().Format(http.TimeFormat) }, 900 * time.Millisecond},
		{"hostile seconds", 503, func() string { return "1000000000" }, 0},
		{"hostile float", 429, func() string { return "1e9" }, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h hits
			var busy atomic.Int32
			mux := http.NewServeMux()
			mux.HandleFunc("/robots.txt", http.NotFound)
			mux.HandleFunc("/experiences", func(w http.ResponseWriter, r *http.Request) {
				h.add(r)
				writeHTML(w, listing("/experience/acme/busy", "/experience/acme/other"))
			})
			mux.HandleFunc("/experience/acme/busy", func(w http.ResponseWriter, r *http.Request) {
				h.add(r)
				if busy.Add(1) == 1 || tt.wantGap == 0 {
					w.Header().Set("Retry-After", tt.retryAfter())
					w.WriteHeader(tt.status)
					return
				}
				writeHTML(w, postPage("Busy at Acme", 1))
			})
			mux.HandleFunc("/experience/acme/other", func(w http.ResponseWriter, r *http.Request) {
				h.add(r)
				writeHTML(w, postPage("Other at Acme", 1))
			})
			srv := httptest.NewServer(mux)
			defer srv.Close()
			cfg := Config{Seeds: []string{srv.URL + "/experiences"}, AllowHosts: []string{"127.0.0.1"}, Retries: 3, Backoff: 10 * time.Millisecond}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			rep, got, err := testCrawl(t, ctx, cfg)
			if err != nil || rep.Interrupted {
				t.Fatalf("crawl = %+v, %v; want it to end by itself", rep, err)
			}
			b := h.of("/experience/acme/busy")
			if tt.wantGap == 0 {
				if len(b) != 1 || len(got) != 1 || len(rep.Errors) != 1 ||
					!strings.Contains(rep.Errors[0].Error(), "more than -max-retry-after 10m0s: giving up") {
					t.Errorf("hostile Retry-After: %d requests, %d experiences, errors %v; want 1, 1, the page given up",
						len(b), len(got), rep.Errors)
				}
				return
			}
			if len(b) != 2 || len(got) != 2 {
				t.Fatalf("/busy requested %d times, %d experiences; want 2 and 2", len(b), len(got))
			}
			if gap := b[1].at.Sub(b[0].at); gap < tt.wantGap {
				t.Errorf("/busy asked again after %v, want at least %v", gap, tt.wantGap)
			}
			// The rest of the host waited too.
			if o := h.of("/experience/acme/other"); len(o) != 1 || o[0].at.Sub(b[0].at) < tt.wantGap {
				t.Errorf("/other requested %v after the %d; want once, at least %v after", o, tt.status, tt.wantGap)
			}
		})
	}
}

// TestCrawlPerHostAndHosts crawls two sites at once: each host has at most
// -per-host requests in flight, and the hosts are crawled at the same
// time. The posts are held until both hosts have -per-host requests in
// flight together (then a little longer, for an overrun to show), so the
// most in flight is seen however slow the machine is.
func TestCrawlPerHostAndHosts(t *testing.T) {
	const perHost = 2
	var mu sync.Mutex
	inflight := map[string]int{}
	most := map[string]int{}
	total, mostTotal := 0, 0
	full := make(chan struct{}) // closed once both hosts had perHost in flight
	over := make(chan struct{}) // closed once a host had more
	var overOnce sync.Once
	site := func(name string) *httptest.Server {
		mux := http.NewServeMux()
		mux.HandleFunc("/robots.txt", http.NotFound)
		var paths []string
		for i := range 6 {
			paths = append(paths, fmt.Sprintf("/experience/%s/p%d", name, i))
		}
		mux.HandleFunc("/experiences", func(w http.ResponseWriter, r *http.Request) { writeHTML(w, listing(paths...)) })
		mux.HandleFunc("/experience/", func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			inflight[name]++
			total++
			most[name] = max(most[name], inflight[name])
			if mostTotal < 2*perHost && total == 2*perHost {
				close(full)
			}
			if inflight[name] > perHost {
				overOnce.Do(func() { close(over) })
			}
			mostTotal = max(mostTotal, total)
			mu.Unlock()
			select {
			case <-full:
				select {
				case <-over:
				case <-time.After(100 * time.Millisecond):
				}
			case <-over:
			case <-time.After(10 * time.Second): // failsafe: the hosts never overlapped
			}
			writeHTML(w, postPage(name+" "+r.URL.Path, 1))
			mu.Lock()
			inflight[name]--
			total--
			mu.Unlock()
		})
		srv := httptest.NewServer(mux)
		t.Cleanup(srv.Close)
		return srv
	}
	a, b := site("acme"), site("globex")
	cfg := Config{Seeds: []string{a.URL + "/experiences", b.URL + "/experiences"}, AllowHosts: []string{"127.0.0.1"},
		PerHost: perHost, Workers: 6}
	_, got, err := testCrawl(t, context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 12 {
		t.Errorf("%d experiences, want 12", len(got))
	}
	for _, name := range []string{"acme", "globex"} {
		if most[name] != perHost {
			t.Errorf("host %s had at most %d requests in flight, want %d", name, most[name], perHost)
		}
	}
	if mostTotal != 2*perHost {
		t.Errorf("at most %d requests in flight over both hosts, want %d: the hosts were not crawled at the same time", mostTotal, 2*perHost)
	}
}

// versioned is a site whose posts carry ETags and answer 304 to a request
// with the current one; posts can be changed, removed, made too large or
// turned into a PDF. The listing links to /old, which moved (301) to the
// post /new.
type versioned struct {
	mu      sync.Mutex
	titles  map[string]string // path → title; missing is 404
	refused map[string]string // path → "big" (over the size cap), "pdf" or "garbage" (no HTTP)
	h       hits
	answers map[int]int // status counts
}

func newVersioned() *versioned {
	return &versioned{titles: map[string]string{
		"/experience/acme/one": "One at Acme", "/experience/acme/two": "Two at Acme", "/experience/acme/three": "Three at Acme",
		"/experience/acme/new": "New at Acme",
	}, refused: map[string]string{}, answers: map[int]int{}}
}

// refuse makes the post at path one the crawler refuses: "big", "pdf", or
// "garbage", which is not an answer at all.
func (v *versioned) refuse(path, how string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.refused[path] = how
}

func (v *versioned) set(path, title string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if title == "" {
		delete(v.titles, path)
		return
	}
	v.titles[path] = title
}

func (v *versioned) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/robots.txt" {
		http.NotFound(w, r)
		return
	}
	i := v.h.add(r)
	v.mu.Lock()
	var body string
	ctype := "text/html; charset=utf-8"
	if r.URL.Path == "/experiences" {
		body = listing("/experience/acme/one", "/experience/acme/two", "/experience/acme/three", "/experience/acme/old")
	} else if title, ok := v.titles[r.URL.Path]; ok {
		body = postPage(title, 2)
		switch v.refused[r.URL.Path] {
		case "big":
			body = strings.Replace(body, "<p>Long.</p>", "<p>"+strings.Repeat("Longer. ", fetch.DefaultMaxBodyBytes/8+1)+"</p>", 1)
		case "pdf":
			body, ctype = "%PDF-1.4 "+title, "application/pdf"
		}
	}
	garbage := v.refused[r.URL.Path] == "garbage"
	v.mu.Unlock()
	code := http.StatusOK
	if garbage {
		code = 0
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Write([]byte("garbage\r\n\r\n"))
			conn.Close()
		}
		v.h.status(i, code)
		return
	}
	defer func() {
		v.h.status(i, code)
		v.mu.Lock()
		v.answers[code]++
		v.mu.Unlock()
	}()
	if r.URL.Path == "/experience/acme/old" {
		code = http.StatusMovedPermanently
		http.Redirect(w, r, "/experience/acme/new", code)
		return
	}
	if body == "" {
		code = http.StatusNotFound
		http.NotFound(w, r)
		return
	}
	etag := fmt.Sprintf(`"%x"`, sha256.Sum256([]byte(body)))
	w.Header().Set("ETag", etag[:18]+`"`)
	if r.Header.Get("If-None-Match") == etag[:18]+`"` {
		code = http.StatusNotModified
		w.WriteHeader(code)
		return
	}
	w.Header().Set("Content-Type", ctype)
	io.WriteString(w, body)
}

func (v *versioned) reset() {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.h = hits{}
	v.answers = map[int]int{}
}

// countingExtract counts the pages extracted.
type countingExtract struct{ n atomic.Int32 }

func (c *countingExtract) extract(u *url.URL, body []byte) (extract.Result, error) {
	c.n.Add(1)
	return extract.Page(u, body)
}

// TestCrawlIncremental crawls a site three times with one -data folder:
// the second crawl sends the validators back, every page answers 304 (the
// target of a redirect too, asked with its own validators), nothing is
// extracted and the output is the same; after one post changes and one is
// removed, the third extracts only the changed one, drops the removed one
// and keeps the rest.
func TestCrawlIncremental(t *testing.T) {
	site := newVersioned()
	srv := httptest.NewServer(site)
	defer srv.Close()
	dir := t.TempDir()
	out := filepath.Join(dir, "docs.jsonl")
	cfg := Config{Seeds: []string{srv.URL + "/experiences"}, AllowHosts: []string{"127.0.0.1"}, CrawlDir: filepath.Join(dir, "data"), Out: out}
	crawlOnce := func() (*Report, []byte, int) {
		t.Helper()
		site.reset()
		var ex countingExtract
		rep, err := crawlTo(context.Background(), cfg, ex.extract, testLogger(t), io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return rep, b, int(ex.n.Load())
	}

	_, first, n := crawlOnce()
	if n != 5 || bytes.Count(first, []byte("\n")) != 4 {
		t.Fatalf("first crawl extracted %d pages and wrote %d lines, want 5 and 4", n, bytes.Count(first, []byte("\n")))
	}
	for _, r := range site.h.reqs {
		if r.ifNoneMatch != "" {
			t.Errorf("first crawl sent If-None-Match for %s", r.path)
		}
	}

	rep, second, n := crawlOnce()
	if n != 0 {
		t.Errorf("second crawl extracted %d pages, want 0 (all 304)", n)
	}
	if len(site.h.reqs) != 6 || site.answers[http.StatusNotModified] != 5 || site.answers[http.StatusMovedPermanently] != 1 {
		t.Errorf("second crawl: %d requests, answers %v; want 6: the redirect, and 5 answered 304", len(site.h.reqs), site.answers)
	}
	for _, r := range site.h.reqs {
		if r.ifNoneMatch == "" && r.path != "/experience/acme/old" {
			t.Errorf("second crawl sent no If-None-Match for %s", r.path)
		}
	}
	if nw := site.h.of("/experience/acme/new"); len(nw) != 1 || nw[0].status != http.StatusNotModified {
		t.Errorf("second crawl asked the redirect's target %v, want once, answered 304", nw)
	}
	if rep.NotModified != 5 || rep.Experiences != 0 {
		t.Errorf("second crawl report: %d not modified, %d experiences; want 5 and 0", rep.NotModified, rep.Experiences)
	}
	if diff := cmp.Diff(string(first), string(second)); diff != "" {
		t.Errorf("second crawl's output differs from the first's (-first +second):\n%s", diff)
	}

	site.set("/experience/acme/two", "Two at Acme, revised")
	site.set("/experience/acme/three", "")
	_, third, n := crawlOnce()
	if n != 1 {
		t.Errorf("third crawl extracted %d pages, want 1 (the changed post)", n)
	}
	lines := strings.Split(strings.TrimSpace(string(third)), "\n")
	var titles []string
	for _, l := range lines {
		i := strings.Index(l, `"title":"`)
		titles = append(titles, strings.SplitN(l[i+9:], `"`, 2)[0])
	}
	slices.Sort(titles)
	if diff := cmp.Diff([]string{"New at Acme", "One at Acme", "Two at Acme, revised"}, titles); diff != "" {
		t.Errorf("third crawl's output (-want +got):\n%s", diff)
	}
	// The unchanged post is the very line the first crawl wrote.
	for _, l := range strings.Split(string(first), "\n") {
		if strings.Contains(l, `"title":"One at Acme"`) && !strings.Contains(string(third), l) {
			t.Errorf("the unchanged post's line changed")
		}
	}
}

// TestExtractArchive crawls the sample site into a -data folder, then
// extracts the archive with no server: the documents are the crawl's, byte
// for byte. After an incremental re-crawl (304s, a changed post) they are
// still the re-crawl's, and so after a post grew past the size cap and
// another became a PDF (both leave the crawl's output and the archive's)
// and a third answers garbage (it stays in both: nothing was learnt of it).
func TestExtractArchive(t *testing.T) {
	site := newVersioned()
	srv := httptest.NewServer(site)
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	crawled, extracted := filepath.Join(dir, "crawl.jsonl"), filepath.Join(dir, "extract.jsonl")
	cfg := Config{Seeds: []string{srv.URL + "/experiences"}, AllowHosts: []string{"127.0.0.1"}, CrawlDir: data, Out: crawled}
	check := func(name string, wantPosts int) {
		t.Helper()
		if _, err := crawlTo(context.Background(), cfg, extract.Page, testLogger(t), io.Discard); err != nil {
			t.Fatal(err)
		}
		rep, err := extractArchive(context.Background(), filepath.Join(data, "warc"), extracted, extract.Page, testLogger(t), false)
		if err != nil {
			t.Fatalf("%s: extract: %v", name, err)
		}
		t.Logf("%s: %s", name, rep.summary())
		a, _ := os.ReadFile(crawled)
		b, _ := os.ReadFile(extracted)
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: extract over the archive differs from the crawl (-crawl +extract):\n%s", name, cmp.Diff(string(a), string(b)))
		}
		if rep.Experiences != wantPosts || rep.Listings != 1 {
			t.Errorf("%s: extract report %+v, want %d experiences from 1 listing", name, rep, wantPosts)
		}
	}
	check("first crawl", 4)
	check("unchanged re-crawl", 4)
	site.set("/experience/acme/two", "Two at Acme, revised")
	site.set("/experience/acme/three", "")
	check("re-crawl after changes", 3)
	site.refuse("/experience/acme/one", "big")
	site.refuse("/experience/acme/two", "pdf")
	site.refuse("/experience/acme/new", "garbage")
	check("re-crawl after a post grew too large, one became a PDF and one answers garbage", 1)

	// No network: the server is gone and the archive still extracts.
	srv.Close()
	rep, err := extractArchive(context.Background(), data, extracted, extract.Page, testLogger(t), false)
	if err != nil || rep.Experiences != 1 || rep.Revisits == 0 || rep.Files < 4 || rep.TooLarge != 1 || rep.NotHTML != 1 {
		t.Errorf("extract of the data folder after the server closed = %+v, %v; want 1 experience, revisits read, 4 files, 1 too large, 1 not HTML", rep, err)
	}
}

func TestExtractCommand(t *testing.T) {
	var stderr bytes.Buffer
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"extract", "-out", "x.jsonl"}, 2, "no -archive given"},
		{[]string{"extract", "-archive", t.TempDir()}, 2, "no -out given"},
		{[]string{"extract", "-archive", t.TempDir(), "-out", filepath.Join(t.TempDir(), "x.jsonl")}, 1, "no WARC files"},
		{[]string{"extract", "-h"}, 0, "usage: crawler extract"},
	} {
		stderr.Reset()
		code := dispatch(context.Background(), tt.args, io.Discard, &stderr)
		if code != tt.code || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("dispatch(%q) = %d, printed %q; want %d and %q", tt.args, code, stderr.String(), tt.code, tt.want)
		}
	}
}

// robotsSite serves a listing of one post; robots.txt answers as robots
// says, given how many times it was asked before.
func robotsSite(t *testing.T, h *hits, robots func(n int, w http.ResponseWriter)) *httptest.Server {
	t.Helper()
	var asked atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		h.add(r)
		robots(int(asked.Add(1))-1, w)
	})
	mux.HandleFunc("/experiences", func(w http.ResponseWriter, r *http.Request) {
		h.add(r)
		writeHTML(w, listing("/experience/acme/post"))
	})
	mux.HandleFunc("/experience/acme/post", func(w http.ResponseWriter, r *http.Request) {
		h.add(r)
		writeHTML(w, postPage("Post at Acme", 1))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestCrawlRobotsUnavailable: a robots.txt that answers 5xx or 429, or
// cannot be reached, keeps the host's pages back and is asked again, with
// the backoff and retry limit of any page: once it answers, the crawl
// goes on; if it never does, the pages fail after -retries, never marked
// skipped by robots.txt.
func TestCrawlRobotsUnavailable(t *testing.T) {
	for _, tt := range []struct {
		name   string
		status int
		fails  int // the first fails answers are status; then 404
	}{
		{"503 once", http.StatusServiceUnavailable, 1},
		{"429 twice", http.StatusTooManyRequests, 2},
		{"500 always", http.StatusInternalServerError, 1000},
		{"429 always", http.StatusTooManyRequests, 1000},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var h hits
			srv := robotsSite(t, &h, func(n int, w http.ResponseWriter) {
				if n < tt.fails {
					w.WriteHeader(tt.status)
					return
				}
				w.WriteHeader(http.StatusNotFound)
			})
			const retries = 2
			cfg := Config{Seeds: []string{srv.URL + "/experiences"}, AllowHosts: []string{"127.0.0.1"},
				Retries: retries, Backoff: 5 * time.Millisecond}
			rep, got, err := testCrawl(t, context.Background(), cfg)
			if rep == nil {
				t.Fatalf("crawl: %v", err)
			}
			if rep.RobotsSkipped != 0 {
				t.Errorf("%d pages skipped by robots.txt, want 0: it was never read", rep.RobotsSkipped)
			}
			if tt.fails <= retries {
				if err != nil || len(got) != 1 || h.count("/experience/acme/post") != 1 {
					t.Errorf("crawl = %d experiences, %v; want the post, once robots.txt answered", len(got), err)
				}
				if n := h.count("/robots.txt"); n != tt.fails+1 {
					t.Errorf("robots.txt asked %d times, want %d", n, tt.fails+1)
				}
				return
			}
			if !errors.Is(err, fetch.ErrRobotsUnavailable) || len(rep.Errors) != 1 ||
				!strings.Contains(rep.Errors[0].Error(), "gave up after 3 tries: robots.txt unavailable") {
				t.Errorf("crawl = %v, errors %v; want the seed given up after 3 tries, robots.txt unavailable", err, rep.Errors)
			}
			if n := h.count("/robots.txt"); n != retries+1 {
				t.Errorf("robots.txt asked %d times, want %d", n, retries+1)
			}
			if n := h.count("/experiences"); n != 0 {
				t.Errorf("the seed was requested %d times, want 0", n)
			}
		})
	}
}

// TestCrawlDelayTooLong: a robots.txt asking for a Crawl-delay beyond
// -max-crawl-delay does not stall the crawl: the host is skipped at once,
// with a message saying why.
func TestCrawlDelayTooLong(t *testing.T) {
	var h hits
	srv := robotsSite(t, &h, func(_ int, w http.ResponseWriter) { io.WriteString(w, "User-agent: *\nCrawl-delay: 100000\n") })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second) // failsafe
	defer cancel()
	cfg := Config{Seeds: []string{srv.URL + "/experiences"}, AllowHosts: []string{"127.0.0.1"}}
	rep, _, err := testCrawl(t, ctx, cfg)
	if rep == nil || rep.Interrupted {
		t.Fatalf("crawl = %+v, %v; want it to end by itself", rep, err)
	}
	if !errors.Is(err, fetch.ErrCrawlDelay) || !strings.Contains(err.Error(), "more than the 1m0s obeyed") {
		t.Errorf("crawl error = %v, want every seed failed on the Crawl-delay, saying the limit", err)
	}
	if n := h.count("/experiences"); n != 0 {
		t.Errorf("the seed was requested %d times, want 0", n)
	}
	if rep.RobotsSkipped != 1 {
		t.Errorf("%d pages skipped by robots.txt, want 1", rep.RobotsSkipped)
	}
}
