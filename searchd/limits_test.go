package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/askedat/askedat"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/query"
)

// blockingSearcher's searches wait until their context ends, or until
// release is closed, and report the context's error on ended.
type blockingSearcher struct {
	searcher
	started chan struct{}   // a value for each search that started
	release chan struct{}   // closed: the searches answer
	ended   chan error      // each search's ctx.Err() when it stopped waiting
	running atomic.Int64    // searches in Search now
	answer  *askedat.Result // answered after release
}

func newBlockingSearcher(inner searcher) *blockingSearcher {
	return &blockingSearcher{searcher: inner, started: make(chan struct{}, 100), release: make(chan struct{}), ended: make(chan error, 100),
		answer: &askedat.Result{Total: 1, Hits: []askedat.Hit{}, Facets: map[string][]askedat.FacetValue{}}}
}

func (b *blockingSearcher) SearchParsed(ctx context.Context, r askedat.Request, q *query.Query) (*askedat.Result, error) {
	b.running.Add(1)
	defer b.running.Add(-1)
	b.started <- struct{}{}
	select {
	case <-ctx.Done():
		b.ended <- ctx.Err()
		return nil, fmt.Errorf("search stopped: %w", ctx.Err())
	case <-b.release:
		b.ended <- nil
		return b.answer, nil
	}
}

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestSearchPastItsDeadline(t *testing.T) {
	bs := newBlockingSearcher(newTestIndex(t))
	ts := serveTest(t, &Server{Index: bs, Logger: quietLogger(), SearchTimeout: 20 * time.Millisecond, MaxSearches: 1})
	tests := []struct {
		path     string
		wantType string
		want     string
	}{
		{"/api/search?q=cache", "application/json", `"status":503`},
		{"/search?q=cache", "text/html", "took too long"},
		{"/api/questions/c1", "application/json", `"status":503`},
	}
	for _, tt := range tests {
		code, h, body := get(t, ts, tt.path)
		if code != http.StatusServiceUnavailable {
			t.Errorf("GET %s = %d, want 503", tt.path, code)
		}
		if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, tt.wantType) {
			t.Errorf("GET %s Content-Type = %q, want %s", tt.path, ct, tt.wantType)
		}
		if !strings.Contains(string(body), tt.want) {
			t.Errorf("GET %s body lacks %q:\n%s", tt.path, tt.want, body)
		}
		if tt.wantType == "application/json" {
			var e struct {
				Error  string
				Status int
			}
			if err := json.Unmarshal(body, &e); err != nil || e.Status != 503 || e.Error == "" {
				t.Errorf("GET %s body = %s, want {\"error\": …, \"status\": 503}", tt.path, body)
			}
		}
		// The searcher saw its context end at the deadline, not at the
		// client's going away.
		if err := <-bs.ended; !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("GET %s: the search's context ended with %v, want context.DeadlineExceeded", tt.path, err)
		}
	}
	// Each search freed its slot (MaxSearches is 1): nothing is left running,
	// and the next search is let in.
	if n := bs.running.Load(); n != 0 {
		t.Errorf("%d searches still running after their 503s, want 0", n)
	}
	close(bs.release)
	if code, _, body := get(t, ts, "/api/search?q=cache"); code != http.StatusOK {
		t.Errorf("GET /api/search after the timeouts = %d, want 200: %s", code, body)
	}
}

func TestSearchSlots(t *testing.T) {
	bs := newBlockingSearcher(newTestIndex(t))
	// The slots of all clients together are tested here, from one client
	// address, whose share is set past them (TestSearchSlotsPerClient
	// tests a share).
	ts := serveTest(t, &Server{Index: bs, Logger: quietLogger(), MaxSearches: 2, MaxSearchesPerClient: 3})
	var wg sync.WaitGroup
	codes := make(chan int, 2)
	for range 2 {
		wg.Go(func() {
			resp, err := http.Get(ts.URL + "/api/search?q=cache")
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			codes <- resp.StatusCode
		})
	}
	<-bs.started
	<-bs.started
	// Both slots are taken: the next search, API or page, is refused at
	// once with Retry-After, and never reaches the index.
	for _, path := range []string{"/api/search?q=two", "/search?q=two"} {
		code, h, body := get(t, ts, path)
		if code != http.StatusServiceUnavailable || h.Get("Retry-After") != "1" {
			t.Errorf("GET %s with every slot taken = %d, Retry-After %q, want 503 and 1: %s", path, code, h.Get("Retry-After"), body)
		}
	}
	// Routes that are not searches are not held up.
	if code, _, _ := get(t, ts, "/healthz"); code != http.StatusOK {
		t.Errorf("GET /healthz with every slot taken = %d, want 200", code)
	}
	if n := bs.running.Load(); n != 2 {
		t.Errorf("%d searches reached the index, want 2", n)
	}
	close(bs.release)
	wg.Wait()
	close(codes)
	for c := range codes {
		if c != http.StatusOK {
			t.Errorf("a search in a slot = %d, want 200", c)
		}
	}
	if code, _, _ := get(t, ts, "/api/search?q=two"); code != http.StatusOK {
		t.Errorf("GET /api/search once the slots are free = %d, want 200", code)
	}
}

// countingReader yields n bytes of 'x', counting those read.
type countingReader struct {
	n, read int64
}

func (r *countingReader) Read(p []byte) (int, error) {
	if r.read >= r.n {
		return 0, io.EOF
	}
	k := min(int64(len(p)), r.n-r.read)
	for i := range p[:k] {
		p[i] = 'x'
	}
	atomic.AddInt64(&r.read, k)
	return int(k), nil
}

func TestBodyLimit(t *testing.T) {
	ts := serveTest(t, &Server{Index: newTestIndex(t), Logger: quietLogger(), MaxBodyBytes: 1 << 10})
	const size = 64 << 20
	for _, chunked := range []bool{false, true} {
		body := &countingReader{n: size}
		req, err := http.NewRequest(http.MethodGet, ts.URL+"/api/search?q=cache", body)
		if err != nil {
			t.Fatal(err)
		}
		if !chunked {
			req.ContentLength = size
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatalf("GET with a %d-byte body (chunked %v): %v", size, chunked, err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		want := http.StatusRequestEntityTooLarge
		if chunked {
			want = http.StatusOK // no length said: the body is cut, never read
		}
		if resp.StatusCode != want {
			t.Errorf("GET with a %d-byte body (chunked %v) = %d, want %d: %s", size, chunked, resp.StatusCode, want, b)
		}
		if sent := atomic.LoadInt64(&body.read); sent >= size {
			t.Errorf("GET with a %d-byte body (chunked %v): the whole body was sent, want the server to stop reading it", size, chunked)
		}
	}

	// A handler that reads the body stops at the limit.
	s := &Server{Logger: quietLogger()}
	var readErr error
	h := s.limitBody(10, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, readErr = io.ReadAll(r.Body)
	}))
	r := httptest.NewRequest(http.MethodPost, "/x", io.NopCloser(strings.NewReader(strings.Repeat("y", 100))))
	r.ContentLength = -1
	h.ServeHTTP(httptest.NewRecorder(), r)
	var mbe *http.MaxBytesError
	if !errors.As(readErr, &mbe) || mbe.Limit != 10 {
		t.Errorf("reading a 100-byte body past a limit of 10: %v, want an *http.MaxBytesError with limit 10", readErr)
	}
}

func TestServerFlags(t *testing.T) {
	type limits struct {
		ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout time.Duration
		MaxHeaderBytes                                            int
	}
	tests := []struct {
		args []string
		want limits
		shut time.Duration
	}{
		{[]string{"-index", "x"}, limits{ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 20 * time.Second,
			IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}, 25 * time.Second},
		{[]string{"-index", "x", "-search-timeout", "2s", "-read-header-timeout", "1s", "-read-timeout", "3s", "-idle-timeout", "30s", "-max-header-bytes", "8192"},
			limits{ReadHeaderTimeout: time.Second, ReadTimeout: 3 * time.Second, WriteTimeout: 12 * time.Second, IdleTimeout: 30 * time.Second, MaxHeaderBytes: 8192}, 17 * time.Second},
		{[]string{"-index", "x", "-write-timeout", "40s", "-shutdown-timeout", "1m"},
			limits{ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 40 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}, time.Minute},
	}
	for _, tt := range tests {
		cfg, code, ok := parseArgs(tt.args, io.Discard, io.Discard)
		if !ok {
			t.Errorf("parseArgs(%q) failed with %d", tt.args, code)
			continue
		}
		srv := cfg.httpServer(nil, quietLogger())
		got := limits{ReadHeaderTimeout: srv.ReadHeaderTimeout, ReadTimeout: srv.ReadTimeout, WriteTimeout: srv.WriteTimeout,
			IdleTimeout: srv.IdleTimeout, MaxHeaderBytes: srv.MaxHeaderBytes}
		if got != tt.want {
			t.Errorf("parseArgs(%q): server limits %+v, want %+v", tt.args, got, tt.want)
		}
		if cfg.shutdownTimeout() != tt.shut {
			t.Errorf("parseArgs(%q): shutdown timeout %v, want %v", tt.args, cfg.shutdownTimeout(), tt.shut)
		}
	}
}

// startServer serves handler with the limits of searchd's flags args on a
// loopback port, until the test ends.
func startServer(t *testing.T, handler http.Handler, args ...string) string {
	t.Helper()
	cfg, code, ok := parseArgs(append([]string{"-index", "x"}, args...), io.Discard, io.Discard)
	if !ok {
		t.Fatalf("parseArgs(%q) = %d", args, code)
	}
	srv := cfg.httpServer(handler, quietLogger())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

func TestSlowHeadersAndLargeHeaders(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	addr := startServer(t, ok, "-read-header-timeout", "50ms", "-max-header-bytes", "4096")

	// A client that never finishes its headers is cut off.
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	n, err := c.Read(make([]byte, 1024))
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Errorf("a connection with headers left unfinished was still open after 10s; want it closed after -read-header-timeout")
	} else if err == nil {
		t.Logf("read %d bytes before the close", n)
	}

	// Headers beyond -max-header-bytes get a 431.
	req, _ := http.NewRequest(http.MethodGet, "http://"+addr+"/", nil)
	req.Header.Set("X-Big", strings.Repeat("b", 16<<10))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("GET with 16 KiB of headers = %d, want 431", resp.StatusCode)
	}
}

func TestGracefulShutdown(t *testing.T) {
	dir := t.TempDir() + "/idx"
	idx, err := index.Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	idx.Close()
	cfg, code, ok := parseArgs([]string{"-index", dir, "-addr", "127.0.0.1:0"}, io.Discard, io.Discard)
	if !ok {
		t.Fatalf("parseArgs = %d", code)
	}
	entered, release := make(chan struct{}), make(chan struct{})
	cfg.wrap = func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("X-Test-Slow") != "" {
				close(entered)
				<-release
			}
			next.ServeHTTP(w, r)
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	served := make(chan error, 1)
	go func() { served <- serve(ctx, cfg, quietLogger(), io.Discard, ready) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-served:
		t.Fatalf("serve returned before serving: %v", err)
	}

	type answer struct {
		code int
		body string
		err  error
	}
	answered := make(chan answer, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodGet, "http://"+addr+"/readyz", nil)
		req.Header.Set("X-Test-Slow", "1")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- answer{err: err}
			return
		}
		b, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		answered <- answer{resp.StatusCode, string(b), err}
	}()
	<-entered
	cancel() // what SIGTERM does in main

	// New connections are refused once the shutdown began…
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("searchd still accepted connections 10s after the shutdown began")
		}
		time.Sleep(5 * time.Millisecond)
	}
	select {
	case err := <-served:
		t.Fatalf("serve returned (%v) with a request in flight", err)
	default:
	}
	// …and the request in flight is answered in full.
	close(release)
	a := <-answered
	if a.err != nil || a.code != http.StatusOK || !strings.Contains(a.body, `"ready"`) {
		t.Errorf("the request in flight at shutdown got %d %q (error %v), want 200 ready", a.code, a.body, a.err)
	}
	if err := <-served; err != nil {
		t.Errorf("serve after a graceful shutdown = %v, want nil", err)
	}
}

// TestNoRedirectOffSite tries URLs a redirect could be built from, in every
// path and parameter, and checks that nothing redirects off the site.
func TestNoRedirectOffSite(t *testing.T) {
	ts := serveTest(t, &Server{Index: newTestIndex(t), Logger: quietLogger(), AdminToken: strings.Repeat("t", 32)})
	evil := []string{"//evil.example", `/\evil.example`, "https://evil.example", "/%2F%2Fevil.example", "/%5Cevil.example", "http:evil.example", "///evil.example/"}
	params := append([]string{"q", "type", "sort", "page", "size", "cursor", "cluster", "facet_size", "date_interval", "field", "prefix",
		"next", "url", "redirect", "return", "back"}, askedat.FacetFields...)
	var targets []string
	for _, e := range evil {
		for _, p := range []string{"/", "/search", "/api/search", "/api/suggest", "/experiences/e1", "/api/experiences/e1", "/api/questions/x", "/static/app.css", "/metrics", "/healthz", "/readyz", "/admin/reload"} {
			for _, name := range params {
				targets = append(targets, p+"?"+name+"="+url.QueryEscape(e))
			}
		}
		targets = append(targets, e, "/static"+e, "/static/"+e, "/experiences/"+url.PathEscape(e), "/search/"+e, e+"/search", "/api"+e)
	}
	targets = append(targets, "/search/", "/static", "/static/", "/static/index.html", "/static/v-1/", "/static/v-1", "/./search", "/search/../", "/api/../search")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, target := range targets {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			req, err := http.NewRequest(method, ts.URL+target, nil)
			if err != nil {
				continue // not a URL the client can send; the raw requests below send the odd ones
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatalf("%s %s: %v", method, target, err)
			}
			resp.Body.Close()
			checkLocation(t, method+" "+target, ts.URL, resp)
		}
	}
	// Request targets no browser sends, written raw: the absolute form, and
	// paths the client would clean.
	for _, target := range []string{"https://evil.example//search", "http://evil.example/.//x", "//evil.example", `/\evil.example`, "/.//evil.example", "/..//evil.example/", "/static/..//evil.example"} {
		c, err := net.Dial("tcp", strings.TrimPrefix(ts.URL, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, strings.TrimPrefix(ts.URL, "http://"))
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			c.Close()
			t.Fatalf("GET %s (raw): %v", target, err)
		}
		resp.Body.Close()
		c.Close()
		checkLocation(t, "GET "+target+" (raw)", ts.URL, resp)
	}
}

func checkLocation(t *testing.T, what, base string, resp *http.Response) {
	t.Helper()
	loc := resp.Header.Get("Location")
	if loc == "" {
		if resp.StatusCode >= 300 && resp.StatusCode < 400 {
			t.Errorf("%s = %d without a Location", what, resp.StatusCode)
		}
		return
	}
	site, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	ref := site
	if resp.Request != nil && resp.Request.URL != nil {
		ref = resp.Request.URL
	}
	u, err := ref.Parse(loc)
	if err != nil || u.Host != site.Host || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, `/\`) || strings.Contains(loc, "evil") {
		t.Errorf("%s = %d redirects to %q, off the site", what, resp.StatusCode, loc)
	}
}

func TestRequestIDs(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		sent string
		kept bool
	}{
		{"", false},
		{"abc-123_x.y:z", true},
		{strings.Repeat("a", 64), true},
		{strings.Repeat("a", 65), false},
		{"has space", false},
		{"<script>", false},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		req, _ := http.NewRequest(http.MethodGet, ts.URL+"/healthz", nil)
		if tt.sent != "" {
			req.Header.Set("X-Request-Id", tt.sent)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		got := resp.Header.Get("X-Request-Id")
		if tt.kept && got != tt.sent {
			t.Errorf("X-Request-Id %q sent, %q answered; want it kept", tt.sent, got)
		}
		if !tt.kept && (got == tt.sent || len(got) != 16 || seen[got]) {
			t.Errorf("X-Request-Id %q sent, %q answered; want a new id of 16 hex digits", tt.sent, got)
		}
		seen[got] = true
	}
}
