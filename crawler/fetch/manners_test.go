package fetch

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestPerHost fetches many pages of one host at once: at most PerHost are
// in flight. Each request is held until PerHost of them have been in
// flight together, however slow the machine, and a little longer, for a
// gate that lets more through to show it. (A correct gate passes whatever
// the timing; the grace only makes a broken one likely to be caught.)
func TestPerHost(t *testing.T) {
	for _, n := range []int{1, 3} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var mu sync.Mutex
			inflight, most := 0, 0
			full := make(chan struct{}) // closed once n were in flight together
			over := make(chan struct{}) // closed once more than n were
			srv := newServer(t, 404, "", map[string]http.HandlerFunc{"/p": func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				inflight++
				switch {
				case most < n && inflight == n:
					close(full)
				case most == n && inflight > n:
					close(over)
				}
				most = max(most, inflight)
				mu.Unlock()
				select {
				case <-full:
					select {
					case <-over:
					case <-time.After(100 * time.Millisecond):
					}
				case <-time.After(10 * time.Second): // failsafe: fewer than n came
				}
				mu.Lock()
				inflight--
				mu.Unlock()
				w.Header().Set("Content-Type", "text/html")
				w.Write([]byte(page))
			}})
			cfg := loopback()
			cfg.PerHost = n
			f := New(cfg)
			var wg sync.WaitGroup
			for range 2*n + 1 {
				wg.Go(func() {
					if _, err := f.Fetch(context.Background(), srv.url(t, "/p")); err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			if most != n {
				t.Errorf("PerHost %d: at most %d requests were in flight, want %d", n, most, n)
			}
		})
	}
}

// TestHostsInParallel fetches from two hosts with one slot each: their
// requests overlap, since politeness is per host. Each handler holds its
// request until the other host's has come too.
func TestHostsInParallel(t *testing.T) {
	both := make(chan struct{})
	var once sync.Once
	arrived := make(chan string, 2)
	var overlapped sync.Map
	handler := func(name string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			arrived <- name
			select {
			case <-both:
				overlapped.Store(name, true)
			case <-time.After(10 * time.Second): // failsafe: the other never came
			}
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(page))
		}
	}
	a := newServer(t, 404, "", map[string]http.HandlerFunc{"/p": handler("a")})
	b := newServer(t, 404, "", map[string]http.HandlerFunc{"/p": handler("b")})
	go func() {
		<-arrived
		<-arrived // both hosts are being served at once
		once.Do(func() { close(both) })
	}()
	f := New(loopback())
	var wg sync.WaitGroup
	for _, s := range []*server{a, b} {
		wg.Go(func() {
			if _, err := f.Fetch(context.Background(), s.url(t, "/p")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for _, name := range []string{"a", "b"} {
		if _, ok := overlapped.Load(name); !ok {
			t.Errorf("host %s was served alone: the two hosts were not fetched at the same time", name)
		}
	}
}

func TestConditional(t *testing.T) {
	const etag, lastMod = `"v1"`, "Mon, 02 Jan 2006 15:04:05 GMT"
	var mu sync.Mutex
	var got []http.Header
	srv := newServer(t, 404, "", map[string]http.HandlerFunc{
		"/p": func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			got = append(got, r.Header.Clone())
			mu.Unlock()
			w.Header().Set("ETag", etag)
			w.Header().Set("Last-Modified", lastMod)
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(page))
		},
		"/ignores": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(page))
		},
	})
	f := New(loopback())
	first, err := f.Fetch(context.Background(), srv.url(t, "/p"))
	if err != nil || first.NotModified || string(first.Body) != page {
		t.Fatalf("first Fetch = %+v, %v; want the page", first, err)
	}
	v := first.Validators()
	if v.ETag != etag || v.LastModified != lastMod {
		t.Errorf("Validators() = %+v, want %s and %s", v, etag, lastMod)
	}
	second, err := f.Get(context.Background(), srv.url(t, "/p"), v)
	if err != nil || !second.NotModified || second.StatusCode != 304 || len(second.Body) != 0 {
		t.Fatalf("conditional Get = %+v, %v; want 304 not modified", second, err)
	}
	if h := got[1]; h.Get("If-None-Match") != etag || h.Get("If-Modified-Since") != lastMod {
		t.Errorf("conditional request sent If-None-Match %q, If-Modified-Since %q; want %s, %s",
			h.Get("If-None-Match"), h.Get("If-Modified-Since"), etag, lastMod)
	}
	if h := got[0]; h.Get("If-None-Match") != "" || h.Get("If-Modified-Since") != "" {
		t.Errorf("first request sent validators: %v", h)
	}
	// A server that ignores the validators answers with the page.
	r, err := f.Get(context.Background(), srv.url(t, "/ignores"), v)
	if err != nil || r.NotModified || string(r.Body) != page {
		t.Errorf("Get(/ignores) with validators = %+v, %v; want the page", r, err)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		raw    string
		want   time.Duration
		wantOK bool
	}{
		{"120", 2 * time.Minute, true},
		{" 0 ", 0, true},
		{"-5", 0, true},
		{"1.5", 1500 * time.Millisecond, true},
		{"1e9", 1e9 * time.Second, true},
		{"99999999999999999999", time.Duration(1<<63 - 1), true},
		{"Sat, 01 Mar 2025 12:00:30 GMT", 30 * time.Second, true},
		{"Sat, 01 Mar 2025 11:00:00 GMT", 0, true},
		{"Saturday, 01-Mar-25 12:01:00 GMT", time.Minute, true},
		{"soon", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseRetryAfter(tt.raw, now)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("ParseRetryAfter(%q) = %v, %v; want %v, %v", tt.raw, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestStatusErrors(t *testing.T) {
	future := time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)
	routes := map[string]http.HandlerFunc{}
	status := func(code int, retryAfter string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			w.WriteHeader(code)
		}
	}
	tests := []struct {
		path       string
		handler    http.HandlerFunc
		code       int
		retryAfter time.Duration // at least this (dates are rounded to seconds)
		temporary  bool
	}{
		{"/404", status(404, ""), 404, 0, false},
		{"/410", status(410, ""), 410, 0, false},
		{"/403", status(403, "10"), 403, 0, false}, // Retry-After means nothing on a 403
		{"/429", status(429, "7"), 429, 7 * time.Second, true},
		{"/503", status(503, future), 503, 85 * time.Second, true},
		{"/503-hostile", status(503, "1e9"), 503, 1e9 * time.Second, true},
		{"/500", status(500, ""), 500, 0, true},
		{"/502", status(502, ""), 502, 0, true},
		{"/501", status(501, ""), 501, 0, false},
	}
	for _, tt := range tests {
		routes[tt.path] = tt.handler
	}
	srv := newServer(t, 404, "", routes)
	f := New(loopback())
	for _, tt := range tests {
		_, err := f.Fetch(context.Background(), srv.url(t, tt.path))
		var se *StatusError
		if !errors.As(err, &se) || se.Code != tt.code {
			t.Errorf("Fetch(%s) error = %v, want status %d", tt.path, err, tt.code)
			continue
		}
		if se.RetryAfter < tt.retryAfter || tt.retryAfter == 0 && se.RetryAfter != 0 ||
			se.RetryAfter > tt.retryAfter+10*time.Second && tt.retryAfter < time.Hour {
			t.Errorf("Fetch(%s) RetryAfter = %v, want %v", tt.path, se.RetryAfter, tt.retryAfter)
		}
		if got := Temporary(err); got != tt.temporary {
			t.Errorf("Temporary(%v) = %v, want %v", err, got, tt.temporary)
		}
	}
}

func TestTemporary(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{nil, false},
		{fmt.Errorf("x: %w", ErrDisallowed), false},
		{fmt.Errorf("x: %w", ErrBlockedAddr), false},
		{&url.Error{Op: "Get", URL: "http://x/", Err: fmt.Errorf("dial: %w", ErrBlockedAddr)}, false},
		{fmt.Errorf("x: %w", ErrTooLarge), false},
		{fmt.Errorf("x: %w", ErrNotHTML), false},
		{fmt.Errorf("x: %w", ErrTooManyHops), false},
		{fmt.Errorf("%w: x", ErrRecord), false},
		{context.Canceled, false},
		{context.DeadlineExceeded, true},
		{fmt.Errorf("x: %w", ErrCrawlDelay), false},
		{fmt.Errorf("%w: x: %w", ErrRobotsUnavailable, &StatusError{Code: 501}), true},
		{fmt.Errorf("%w: x: %w", ErrRobotsUnavailable, &net.OpError{Op: "dial", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}), true},
		{getErr(&net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}), true},
		{getErr(&net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}), true},
		{getErr(&net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}), true},
		{getErr(io.EOF), true}, // closed before answering
		{getErr(&net.DNSError{Err: "server misbehaving", Name: "x", IsTemporary: true}), true},
		{getErr(&net.DNSError{Err: "i/o timeout", Name: "x", IsTimeout: true}), true},
		{getErr(&net.DNSError{Err: "no such host", Name: "x", IsNotFound: true}), false},
		{getErr(x509.UnknownAuthorityError{}), false},
		{getErr(&tls.CertificateVerificationError{Err: x509.CertificateInvalidError{Reason: x509.Expired}}), false},
		{getErr(x509.HostnameError{Host: "x"}), false},
		{getErr(tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}), false},
		{getErr(http.ErrSchemeMismatch), false},
		{getErr(errors.New(`net/http: HTTP/1.x transport connection broken: malformed HTTP response "garbage"`)), false},
		{&transportError{errors.New("connection reset")}, true},
		{&StatusError{Code: 503}, true},
		{&StatusError{Code: 404}, false},
	}
	for _, tt := range tests {
		if got := Temporary(tt.err); got != tt.want {
			t.Errorf("Temporary(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

// getErr is err as http.Client.Do returns it.
func getErr(err error) error { return &url.Error{Op: "Get", URL: "http://x/", Err: err} }

// TestPermanentFailures: failures that will happen again the same way,
// from real servers on loopback, are not temporary, robots.txt's included
// (the page fails with them rather than being skipped or retried).
func TestPermanentFailures(t *testing.T) {
	untrusted := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer untrusted.Close()
	plain := newServer(t, 404, "", nil)
	garbage, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer garbage.Close()
	go func() {
		for {
			c, err := garbage.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				// Read the request, then answer it with no HTTP at all.
				br := bufio.NewReader(c)
				for {
					line, err := br.ReadString('\n')
					if err != nil || line == "\r\n" {
						break
					}
				}
				c.Write([]byte("garbage\r\n\r\n"))
			}()
		}
	}()
	var x509err *tls.CertificateVerificationError
	tests := []struct {
		name, url string
		check     func(error) bool
	}{
		{"certificate not trusted", untrusted.URL + "/p", func(err error) bool { return errors.As(err, &x509err) }},
		{"TLS to a plain HTTP server", strings.Replace(plain.URL, "http:", "https:", 1) + "/p",
			func(err error) bool { return errors.Is(err, http.ErrSchemeMismatch) }},
		{"malformed answer", "http://" + garbage.Addr().String() + "/p",
			func(err error) bool { return strings.Contains(err.Error(), "malformed HTTP") }},
	}
	for _, tt := range tests {
		u, _ := url.Parse(tt.url)
		_, err := New(loopback()).Fetch(context.Background(), u)
		if !tt.check(err) || Temporary(err) || errors.Is(err, ErrDisallowed) {
			t.Errorf("%s: Fetch(%s) = %v; want that error, not temporary, not disallowed", tt.name, u, err)
		}
	}
}

// gzipBomb returns a gzip stream of n members, each 1 MiB of zeros: about
// 1 KiB sent per MiB it expands to.
func gzipBomb(t *testing.T, n int) []byte {
	t.Helper()
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(make([]byte, 1<<20))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return bytes.Repeat(member.Bytes(), n)
}

func TestGzip(t *testing.T) {
	var plain bytes.Buffer
	zw := gzip.NewWriter(&plain)
	zw.Write([]byte(page))
	zw.Close()
	bomb := gzipBomb(t, 1024) // 1 GiB once decompressed
	t.Logf("gzip bomb: %d bytes sent, %d bytes decompressed", len(bomb), 1<<30)
	var sentEncoding string
	routes := map[string]http.HandlerFunc{
		"/gzip": func(w http.ResponseWriter, r *http.Request) {
			sentEncoding = r.Header.Get("Accept-Encoding")
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(plain.Bytes())
		},
		"/bomb": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb)
		},
		"/br": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Encoding", "br")
			w.Write([]byte("\x0b\x02\x80hello\x03"))
		},
	}
	srv := newServer(t, 404, "", routes)
	f := New(loopback()) // the default 5 MiB cap

	resp, err := f.Fetch(context.Background(), srv.url(t, "/gzip"))
	if err != nil || string(resp.Body) != page {
		t.Fatalf("Fetch(/gzip) = %v, %v; want the page decompressed", resp, err)
	}
	if sentEncoding != "gzip" {
		t.Errorf("request sent Accept-Encoding %q, want gzip", sentEncoding)
	}

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err = f.Fetch(context.Background(), srv.url(t, "/bomb"))
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "decompressed") {
		t.Errorf("Fetch(/bomb) error = %v, want ErrTooLarge once decompressed", err)
	}
	// Stopped at the cap: nowhere near the gigabyte was produced.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("fetching the bomb allocated %d MiB, want well under the 1024 it expands to", alloc>>20)
	}

	if _, err := f.Fetch(context.Background(), srv.url(t, "/br")); !errors.Is(err, ErrEncoding) {
		t.Errorf("Fetch(/br) error = %v, want %v", err, ErrEncoding)
	}
}

// TestTrickle is a server that sends its page a byte at a time, forever:
// the fetch is cut off at its time limit.
func TestTrickle(t *testing.T) {
	srv := newServer(t, 404, "", map[string]http.HandlerFunc{"/trickle": func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for {
			if _, err := w.Write([]byte("<")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-time.After(20 * time.Millisecond):
			case <-r.Context().Done():
				return
			}
		}
	}})
	cfg := loopback()
	cfg.Timeout = 300 * time.Millisecond
	_, err := New(cfg).Fetch(context.Background(), srv.url(t, "/trickle"))
	if !errors.Is(err, context.DeadlineExceeded) || !Temporary(err) {
		t.Errorf("Fetch(/trickle) error = %v, want the time limit (context.DeadlineExceeded), temporary", err)
	}
}

func TestRedirectHops(t *testing.T) {
	routes := map[string]http.HandlerFunc{}
	for i := range 7 {
		routes[fmt.Sprintf("/hop%d", i)] = func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, fmt.Sprintf("/hop%d", i+1), http.StatusFound)
		}
	}
	srv := newServer(t, 404, "", routes)
	f := New(loopback())
	// /hop2 → … → /hop7 is five redirects, then the page.
	resp, err := f.Fetch(context.Background(), srv.url(t, "/hop2"))
	if err != nil || !strings.HasSuffix(resp.URL.Path, "/hop7") || !resp.Redirected {
		t.Errorf("Fetch(/hop2) = %v, %v; want /hop7 after 5 redirects", resp, err)
	}
	// /hop1 is six.
	if _, err := f.Fetch(context.Background(), srv.url(t, "/hop1")); !errors.Is(err, ErrTooManyHops) {
		t.Errorf("Fetch(/hop1) error = %v, want %v after 6 redirects", err, ErrTooManyHops)
	}
}

// lookupOnLoopback resolves the names given to 127.0.0.1, and refuses
// others, so no test reaches a real resolver.
func lookupOnLoopback(names ...string) func(context.Context, string) ([]netip.Addr, error) {
	return func(_ context.Context, host string) ([]netip.Addr, error) {
		for _, n := range names {
			if strings.EqualFold(host, n) {
				return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
			}
		}
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
}

// TestRefusedAfterResolveAndRedirect: a name whose DNS answer is loopback
// is refused, and so is a redirect from an allowed host to it; naming it in
// AllowHosts lets it through.
func TestRefusedAfterResolveAndRedirect(t *testing.T) {
	inside := newServer(t, 404, "", nil)
	_, port, _ := net.SplitHostPort(inside.Listener.Addr().String())
	evil := "http://rebind.test:" + port
	front := newServer(t, 404, "", map[string]http.HandlerFunc{
		"/go": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, evil+"/secret", http.StatusFound) },
		"/lo": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://127.0.0.2:"+port+"/secret", http.StatusFound)
		},
	})
	cfg := loopback()
	cfg.LookupHost = lookupOnLoopback("rebind.test")
	cfg.FollowRedirect = func(_, _ *url.URL) bool { return true }
	f := New(cfg)

	u, _ := url.Parse(evil + "/page")
	if _, err := f.Fetch(context.Background(), u); !errors.Is(err, ErrBlockedAddr) {
		t.Errorf("Fetch(%s) error = %v, want %v (its name resolves to loopback)", u, err, ErrBlockedAddr)
	}
	for _, p := range []string{"/go", "/lo"} {
		if _, err := f.Fetch(context.Background(), front.url(t, p)); !errors.Is(err, ErrBlockedAddr) {
			t.Errorf("Fetch(%s) error = %v, want %v (a redirect to a loopback address)", p, err, ErrBlockedAddr)
		}
	}
	if n := inside.total(); n != 0 {
		t.Errorf("the refused server got %d requests (%v), want 0", n, inside.reqs)
	}

	cfg.AllowHosts = append(cfg.AllowHosts, "rebind.test")
	if _, err := New(cfg).Fetch(context.Background(), front.url(t, "/go")); err != nil {
		t.Errorf("Fetch(/go) with rebind.test allowed: %v", err)
	}
	if n := inside.count("/secret"); n != 1 {
		t.Errorf("allowed host got %d requests for /secret, want 1", n)
	}
}

// TestNAT64Refused: a name whose DNS answer is a NAT64 address of
// 127.0.0.1 is refused like 127.0.0.1, before any connection is tried.
func TestNAT64Refused(t *testing.T) {
	srv := newServer(t, 404, "", nil)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	cfg := Config{LookupHost: func(context.Context, string) ([]netip.Addr, error) {
		return []netip.Addr{netip.MustParseAddr("64:ff9b::7f00:1")}, nil
	}}
	u, _ := url.Parse("http://nat64.test:" + port + "/p")
	if _, err := New(cfg).Fetch(context.Background(), u); !errors.Is(err, ErrBlockedAddr) {
		t.Errorf("Fetch(%s), resolving to 64:ff9b::7f00:1: error = %v, want %v", u, err, ErrBlockedAddr)
	}
	if n := srv.total(); n != 0 {
		t.Errorf("the server got %d requests, want 0", n)
	}
}

// TestDialEach: a host is refused (ErrBlockedAddr) only when every address
// it resolves to is; with one refused and one that does not answer, the
// failure is the network's, worth another try.
func TestDialEach(t *testing.T) {
	public, private := netip.MustParseAddr("93.184.216.34"), netip.MustParseAddr("127.0.0.1")
	allowed := func(ip netip.Addr) bool { return Public(ip) }
	var dialled []netip.Addr
	refusing := func(_ context.Context, ip netip.Addr) (net.Conn, error) {
		dialled = append(dialled, ip)
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	}
	_, err := dialEach(context.Background(), "h", []netip.Addr{private, public}, allowed, refusing)
	if errors.Is(err, ErrBlockedAddr) || !Temporary(err) {
		t.Errorf("dialEach(private, public refusing) = %v; want a temporary network error, not %v", err, ErrBlockedAddr)
	}
	if len(dialled) != 1 || dialled[0] != public {
		t.Errorf("dialled %v, want only %v", dialled, public)
	}
	dialled = nil
	_, err = dialEach(context.Background(), "h", []netip.Addr{private, netip.MustParseAddr("10.0.0.1")}, allowed, refusing)
	if !errors.Is(err, ErrBlockedAddr) || len(dialled) != 0 {
		t.Errorf("dialEach(two private) = %v after dialling %v; want %v, nothing dialled", err, dialled, ErrBlockedAddr)
	}
	client, server := net.Pipe()
	defer server.Close()
	c, err := dialEach(context.Background(), "h", []netip.Addr{private, public}, allowed,
		func(context.Context, netip.Addr) (net.Conn, error) { return client, nil })
	if err != nil || c != client {
		t.Errorf("dialEach(private, public answering) = %v, %v; want the public address's connection", c, err)
	}
}

// TestRedirectValidators: the target of a redirect is asked with the
// validators Config.Validators gives for it, and its 304 is the answer.
func TestRedirectValidators(t *testing.T) {
	srv := newServer(t, 404, "", map[string]http.HandlerFunc{
		"/old": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/new", http.StatusMovedPermanently) },
		"/new": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("ETag", `"v1"`)
			if r.Header.Get("If-None-Match") == `"v1"` {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(page))
		},
	})
	var asked []string
	cfg := loopback()
	cfg.Validators = func(u *url.URL) Validators {
		asked = append(asked, u.Path)
		if u.Path == "/new" {
			return Validators{ETag: `"v1"`}
		}
		return Validators{}
	}
	resp, err := New(cfg).Get(context.Background(), srv.url(t, "/old"), Validators{})
	if err != nil || !resp.NotModified || !resp.Redirected || resp.URL.Path != "/new" {
		t.Errorf("Get(/old) = %+v, %v; want /new not modified, reached by a redirect", resp, err)
	}
	if len(asked) != 1 || asked[0] != "/new" {
		t.Errorf("validators asked for %v, want [/new]", asked)
	}
	// Without them, the target is asked in full.
	resp, err = New(loopback()).Get(context.Background(), srv.url(t, "/old"), Validators{})
	if err != nil || resp.NotModified || string(resp.Body) != page {
		t.Errorf("Get(/old) without Config.Validators = %+v, %v; want the page", resp, err)
	}
}

// recorder keeps the exchanges it is given.
type recorder struct {
	mu  sync.Mutex
	exs []*Exchange
	err error
}

func (r *recorder) Record(ex *Exchange) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.exs = append(r.exs, ex)
	return r.err
}

func TestRecorder(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(page))
	zw.Close()
	srv := newServer(t, 200, "User-agent: *\nDisallow: /private/\n", map[string]http.HandlerFunc{
		"/old": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/new", http.StatusMovedPermanently) },
		"/new": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gz.Bytes())
		},
		"/gone": http.NotFound,
	})
	rec := &recorder{}
	cfg := loopback()
	cfg.Recorder = rec
	f := New(cfg)
	resp, err := f.Fetch(context.Background(), srv.url(t, "/old"))
	if err != nil || string(resp.Body) != page {
		t.Fatalf("Fetch(/old) = %v, %v", resp, err)
	}
	f.Fetch(context.Background(), srv.url(t, "/gone"))

	var got []string
	for _, ex := range rec.exs {
		got = append(got, fmt.Sprintf("%s %d", ex.URL.Path, ex.Status))
		if !bytes.HasPrefix(ex.Request, []byte("GET "+ex.URL.RequestURI()+" HTTP/1.1\r\n")) ||
			!bytes.Contains(ex.Request, []byte("User-Agent: "+DefaultUserAgent+"\r\n")) {
			t.Errorf("exchange %s: request %q lacks the request line or User-Agent", ex.URL, ex.Request)
		}
		if !bytes.HasPrefix(ex.Response, []byte(fmt.Sprintf("HTTP/1.1 %d ", ex.Status))) || !bytes.HasSuffix(ex.Response, []byte("\r\n\r\n")) {
			t.Errorf("exchange %s: response head %q", ex.URL, ex.Response)
		}
		if ex.IP != "127.0.0.1" || ex.Time.IsZero() {
			t.Errorf("exchange %s: IP %q, time %v", ex.URL, ex.IP, ex.Time)
		}
	}
	if want := "/robots.txt 200,/old 301,/new 200,/gone 404"; strings.Join(got, ",") != want {
		t.Errorf("recorded %s, want %s", strings.Join(got, ","), want)
	}
	if ex := rec.exs[2]; !bytes.Equal(ex.Body, gz.Bytes()) || !bytes.Contains(ex.Response, []byte("Content-Encoding: gzip\r\n")) {
		t.Errorf("recorded /new body is not the gzip as sent")
	}

	rec.err = errors.New("disk full")
	if _, err := f.Fetch(context.Background(), srv.url(t, "/new")); !errors.Is(err, ErrRecord) || Temporary(err) {
		t.Errorf("Fetch with a failing recorder: error = %v, want %v, not temporary", err, ErrRecord)
	}
}

// TestUserAgentNamesProduct: the User-Agent names the product, a version
// and a URL to learn about the crawler, as operators expect.
func TestUserAgentNamesProduct(t *testing.T) {
	ua := DefaultUserAgent
	if !strings.HasPrefix(ua, "askedat-crawler/") || !strings.Contains(ua, "(+https://") {
		t.Errorf("DefaultUserAgent = %q, want askedat-crawler/VERSION (+https://…)", ua)
	}
	var gotUA string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { gotUA = r.UserAgent() }))
	defer srv.Close()
	cfg := loopback()
	cfg.UserAgent = "askedat-crawler/9 (+https://example.com/bot)"
	u, _ := url.Parse(srv.URL + "/robots.txt")
	New(cfg).Fetch(context.Background(), u)
	if gotUA != cfg.UserAgent {
		t.Errorf("server saw User-Agent %q, want %q", gotUA, cfg.UserAgent)
	}
}
