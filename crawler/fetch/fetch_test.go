package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

const page = "<!DOCTYPE html><html><head><title>t</title></head><body><p>hello</p></body></html>"

// server is a test site on loopback that records its requests.
type server struct {
	*httptest.Server
	mu    sync.Mutex
	reqs  []string    // request URIs, in order
	times []time.Time // when each request came
	uas   []string    // User-Agent of each request
}

// newServer serves the handlers in routes, robots as /robots.txt (with
// status robotsStatus) unless routes has one, and the page above for
// anything else.
func newServer(t *testing.T, robotsStatus int, robots string, routes map[string]http.HandlerFunc) *server {
	t.Helper()
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.reqs = append(s.reqs, r.URL.RequestURI())
		s.times = append(s.times, time.Now())
		s.uas = append(s.uas, r.UserAgent())
		s.mu.Unlock()
		if h := routes[r.URL.Path]; h != nil {
			h(w, r)
			return
		}
		if r.URL.Path == "/robots.txt" {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(robotsStatus)
			w.Write([]byte(robots))
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) count(uri string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, r := range s.reqs {
		if r == uri {
			n++
		}
	}
	return n
}

func (s *server) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.reqs)
}

func (s *server) url(t *testing.T, path string) *url.URL {
	t.Helper()
	u, err := url.Parse(s.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// loopback returns a Config that may fetch from the test servers.
func loopback() Config {
	return Config{AllowHosts: []string{"127.0.0.1"}}
}

func TestRobots(t *testing.T) {
	const rules = "User-agent: *\nDisallow: /private/\n\nUser-agent: askedat-crawler\nDisallow: /not-us\nDisallow: /private/\n"
	tests := []struct {
		name     string
		status   int
		robots   string
		path     string
		wantErr  error // nil: fetched
		requests int   // requests for path the server should see
		reads    int   // robots.txt requests after two fetches: 1 when kept, 2 when not
	}{
		{"allowed", 200, rules, "/public", nil, 1, 1},
		{"disallowed for all", 200, rules, "/private/drafts", ErrDisallowed, 0, 1},
		{"disallowed for our token", 200, rules, "/not-us", ErrDisallowed, 0, 1},
		{"query matched", 200, "User-agent: *\nDisallow: /*?format=", "/export?format=csv", ErrDisallowed, 0, 1},
		{"404 allows all", 404, "", "/private/drafts", nil, 1, 1},
		{"403 allows all", 403, "", "/anything", nil, 1, 1},
		{"500 is unavailable, not kept", 500, "", "/public", ErrRobotsUnavailable, 0, 2},
		{"503 is unavailable, not kept", 503, rules, "/public", ErrRobotsUnavailable, 0, 2},
		{"429 is unavailable, not kept", 429, "", "/public", ErrRobotsUnavailable, 0, 2},
		{"empty allows all", 200, "", "/private/drafts", nil, 1, 1},
		{"unparsable forbids all", 200, "User-agent: *\nDisallow: /a\nCrawl-delay: soon\n", "/b", ErrDisallowed, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, tt.status, tt.robots, nil)
			f := New(loopback())
			_, err := f.Fetch(context.Background(), srv.url(t, tt.path))
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Errorf("Fetch(%s) error = %v, want %v", tt.path, err, tt.wantErr)
			}
			if got, want := Temporary(err), errors.Is(tt.wantErr, ErrRobotsUnavailable); got != want {
				t.Errorf("Temporary(%v) = %v, want %v", err, got, want)
			}
			if n := srv.count(tt.path); n != tt.requests {
				t.Errorf("server saw %d requests for %s, want %d", n, tt.path, tt.requests)
			}
			// Rules read are kept for every page of the host; a robots.txt
			// that could not be read is asked for again.
			f.Fetch(context.Background(), srv.url(t, tt.path))
			if n := srv.count("/robots.txt"); n != tt.reads {
				t.Errorf("robots.txt fetched %d times, want %d", n, tt.reads)
			}
		})
	}
}

func TestRobotsUnreachable(t *testing.T) {
	// A host that refuses connections: its robots.txt cannot be read, so
	// nothing on it may be fetched yet; it is worth trying again.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	u, _ := url.Parse("http://" + addr + "/page")
	_, err = New(loopback()).Fetch(context.Background(), u)
	if !errors.Is(err, ErrRobotsUnavailable) || !Temporary(err) {
		t.Errorf("Fetch(%s) error = %v, want %v, temporary", u, err, ErrRobotsUnavailable)
	}
}

// TestRobotsComesBack: a robots.txt that answers 503 and then its rules is
// read again, and its rules then apply.
func TestRobotsComesBack(t *testing.T) {
	var mu sync.Mutex
	status := http.StatusServiceUnavailable
	srv := newServer(t, 200, "", map[string]http.HandlerFunc{"/robots.txt": func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		code := status
		status = http.StatusOK
		mu.Unlock()
		w.WriteHeader(code)
		w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
	}})
	f := New(loopback())
	if _, err := f.Fetch(context.Background(), srv.url(t, "/public")); !errors.Is(err, ErrRobotsUnavailable) {
		t.Fatalf("Fetch while robots.txt answers 503: %v, want %v", err, ErrRobotsUnavailable)
	}
	if _, err := f.Fetch(context.Background(), srv.url(t, "/public")); err != nil {
		t.Errorf("Fetch(/public) once robots.txt is back: %v", err)
	}
	if _, err := f.Fetch(context.Background(), srv.url(t, "/private/x")); !errors.Is(err, ErrDisallowed) {
		t.Errorf("Fetch(/private/x) once robots.txt is back: %v, want %v", err, ErrDisallowed)
	}
	if n := srv.count("/robots.txt"); n != 2 {
		t.Errorf("robots.txt fetched %d times, want 2 (the 503, then the rules, kept)", n)
	}
}

// TestRobotsRetryAfter: a 503 robots.txt's Retry-After reaches the caller,
// which leaves the host alone that long.
func TestRobotsRetryAfter(t *testing.T) {
	srv := newServer(t, 200, "", map[string]http.HandlerFunc{"/robots.txt": func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusServiceUnavailable)
	}})
	_, err := New(loopback()).Fetch(context.Background(), srv.url(t, "/p"))
	var se *StatusError
	if !errors.Is(err, ErrRobotsUnavailable) || !errors.As(err, &se) || se.RetryAfter != 2*time.Minute {
		t.Errorf("Fetch with robots.txt 503 Retry-After 120 = %v, want %v carrying the 2m wait", err, ErrRobotsUnavailable)
	}
}

// TestRobotsRecordFails: a Recorder failing on robots.txt is the fetch's
// error (ErrRecord), not a reason to skip the host.
func TestRobotsRecordFails(t *testing.T) {
	srv := newServer(t, 200, "User-agent: *\nDisallow:\n", nil)
	cfg := loopback()
	cfg.Recorder = &recorder{err: errors.New("disk full")}
	_, err := New(cfg).Fetch(context.Background(), srv.url(t, "/p"))
	if !errors.Is(err, ErrRecord) || errors.Is(err, ErrDisallowed) || Temporary(err) {
		t.Errorf("Fetch with a Recorder failing on robots.txt = %v, want %v, not disallowed, not temporary", err, ErrRecord)
	}
	if n := srv.count("/p"); n != 0 {
		t.Errorf("page requested %d times after robots.txt could not be recorded, want 0", n)
	}
}

// TestCrawlDelayCap: a Crawl-delay beyond MaxCrawlDelay refuses the host
// before any page is asked; one within it is obeyed.
func TestCrawlDelayCap(t *testing.T) {
	for _, tt := range []struct {
		delay  string
		max    time.Duration
		refuse bool
	}{
		{"100000", 0, true}, // the default cap, a minute
		{"9e9", 0, true},
		{"2", time.Second, true},
		{"0.01", time.Second, false},
	} {
		srv := newServer(t, 200, "User-agent: *\nCrawl-delay: "+tt.delay+"\n", nil)
		cfg := loopback()
		cfg.MaxCrawlDelay = tt.max
		_, err := New(cfg).Fetch(context.Background(), srv.url(t, "/p"))
		if tt.refuse != errors.Is(err, ErrCrawlDelay) || !tt.refuse && err != nil || Temporary(err) {
			t.Errorf("Fetch with Crawl-delay %s, MaxCrawlDelay %v = %v; want refused %v", tt.delay, tt.max, err, tt.refuse)
		}
		if n, want := srv.count("/p"), map[bool]int{true: 0, false: 1}[tt.refuse]; n != want {
			t.Errorf("Crawl-delay %s: page requested %d times, want %d", tt.delay, n, want)
		}
	}
}

func TestUserAgent(t *testing.T) {
	srv := newServer(t, 200, "", nil)
	if _, err := New(loopback()).Fetch(context.Background(), srv.url(t, "/a")); err != nil {
		t.Fatal(err)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	for i, ua := range srv.uas {
		if ua != DefaultUserAgent {
			t.Errorf("request %s sent User-Agent %q, want %q", srv.reqs[i], ua, DefaultUserAgent)
		}
	}
}

// gap returns the time between the server's requests for a and b.
func (s *server) gap(t *testing.T, a, b string) time.Duration {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	var ta, tb time.Time
	for i, r := range s.reqs {
		switch r {
		case a:
			ta = s.times[i]
		case b:
			tb = s.times[i]
		}
	}
	if ta.IsZero() || tb.IsZero() {
		t.Fatalf("requests %s and %s not both seen: %v", a, b, s.reqs)
	}
	return tb.Sub(ta)
}

func TestDelay(t *testing.T) {
	const d = 300 * time.Millisecond
	tests := []struct {
		name    string
		robots  string
		delay   time.Duration
		wantGap time.Duration
	}{
		{"configured delay", "", d, d},
		{"crawl-delay longer than delay", "User-agent: *\nCrawl-delay: 0.3\n", 10 * time.Millisecond, d},
		{"crawl-delay shorter than delay", "User-agent: *\nCrawl-delay: 0.01\n", d, d},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, 200, tt.robots, nil)
			cfg := loopback()
			cfg.Delay = tt.delay
			f := New(cfg)
			for _, p := range []string{"/a", "/b"} {
				if _, err := f.Fetch(context.Background(), srv.url(t, p)); err != nil {
					t.Fatal(err)
				}
			}
			// Loosely: timers may fire late, never much early.
			if gap := srv.gap(t, "/a", "/b"); gap < tt.wantGap*8/10 {
				t.Errorf("gap between requests = %v, want at least %v", gap, tt.wantGap)
			}
		})
	}
	t.Run("no delay", func(t *testing.T) {
		// The host's slot, once a fetch is done, is free at once: its
		// next start is not in the future.
		srv := newServer(t, 200, "", nil)
		f := New(loopback())
		u := srv.url(t, "/a")
		if _, err := f.Fetch(context.Background(), u); err != nil {
			t.Fatal(err)
		}
		slots := f.gate.slots(hostKey(u))
		next := <-slots
		slots <- next
		if now := time.Now(); next.After(now) {
			t.Errorf("without a delay the next request may start at %v, after now (%v)", next, now)
		}
	})
}

func TestFetchFailures(t *testing.T) {
	big := "<html><body>" + strings.Repeat("x", 4000) + "</body></html>"
	routes := map[string]http.HandlerFunc{
		"/missing": http.NotFound,
		"/big": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(big))
		},
		"/big-chunked": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			for range 8 {
				w.Write([]byte(big[:600]))
				w.(http.Flusher).Flush()
			}
		},
		"/json": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"a":1}`))
		},
		"/sniffed-png": func(w http.ResponseWriter, r *http.Request) {
			w.Header()["Content-Type"] = nil // no Content-Type, not even a sniffed one
			w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
		},
		"/br": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Header().Set("Content-Encoding", "br")
			w.Write([]byte("\x0b\x02\x80hello\x03"))
		},
		"/slow": func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done() // held until the fetcher's time limit
		},
		"/loop":  func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop2", http.StatusFound) },
		"/loop2": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) },
	}
	srv := newServer(t, 404, "", routes)
	cfg := loopback()
	cfg.MaxBodyBytes = 2000
	cfg.Timeout = 300 * time.Millisecond
	rec := &recorder{}
	cfg.Recorder = rec
	f := New(cfg)

	// An answer refused for its size, type or encoding is recorded too:
	// its body kept when it was read whole, left out and the exchange
	// marked truncated when not.
	var se *StatusError
	tests := []struct {
		path     string
		check    func(error) bool
		want     string
		recorded string // how the 200 refused was recorded, when it was
	}{
		{"/missing", func(err error) bool { return errors.As(err, &se) && se.Code == 404 }, "a 404 StatusError", ""},
		{"/big", func(err error) bool { return errors.Is(err, ErrTooLarge) }, "ErrTooLarge", "truncated length, no body"},
		{"/big-chunked", func(err error) bool { return errors.Is(err, ErrTooLarge) }, "ErrTooLarge", "truncated length, no body"},
		{"/json", func(err error) bool { return errors.Is(err, ErrNotHTML) }, "ErrNotHTML", "truncated unspecified, no body"},
		{"/sniffed-png", func(err error) bool { return errors.Is(err, ErrNotHTML) }, "ErrNotHTML", "whole"},
		{"/br", func(err error) bool { return errors.Is(err, ErrEncoding) }, "ErrEncoding", "whole"},
		{"/slow", func(err error) bool { return errors.Is(err, context.DeadlineExceeded) }, "a timeout", ""},
		{"/loop", func(err error) bool { return errors.Is(err, ErrTooManyHops) }, "ErrTooManyHops", ""},
	}
	for _, tt := range tests {
		t.Run(strings.TrimPrefix(tt.path, "/"), func(t *testing.T) {
			resp, err := f.Fetch(context.Background(), srv.url(t, tt.path))
			if !tt.check(err) {
				t.Errorf("Fetch(%s) = %v, %v; want %s", tt.path, resp, err, tt.want)
			}
			if tt.recorded == "" {
				return
			}
			got := "not recorded"
			for _, ex := range rec.exs {
				switch {
				case ex.URL.Path != tt.path || ex.Status != 200:
				case ex.Truncated != "" && len(ex.Body) == 0:
					got = "truncated " + ex.Truncated + ", no body"
				case ex.Truncated == "" && len(ex.Body) > 0:
					got = "whole"
				default:
					got = fmt.Sprintf("truncated %q with %d bytes", ex.Truncated, len(ex.Body))
				}
			}
			if got != tt.recorded {
				t.Errorf("Fetch(%s) recorded the answer %s, want %s", tt.path, got, tt.recorded)
			}
		})
	}
	// The fetcher still works after all that.
	if _, err := f.Fetch(context.Background(), srv.url(t, "/ok")); err != nil {
		t.Errorf("Fetch(/ok) after failures: %v", err)
	}
}

func TestRedirects(t *testing.T) {
	other := newServer(t, 404, "", nil)
	routes := map[string]http.HandlerFunc{
		"/old":     func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/new", http.StatusMovedPermanently) },
		"/away":    func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, other.URL+"/page", http.StatusFound) },
		"/private": func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/private/x", http.StatusFound) },
		"/ftp": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "ftp://127.0.0.1/x", http.StatusFound)
		},
	}
	srv := newServer(t, 200, "User-agent: *\nDisallow: /private/\n", routes)
	f := New(loopback())

	resp, err := f.Fetch(context.Background(), srv.url(t, "/old"))
	if err != nil {
		t.Fatalf("Fetch(/old): %v", err)
	}
	if got, want := resp.URL.String(), srv.URL+"/new"; got != want {
		t.Errorf("Fetch(/old) landed on %s, want %s", got, want)
	}

	_, err = f.Fetch(context.Background(), srv.url(t, "/away"))
	if !errors.Is(err, ErrRedirect) {
		t.Errorf("Fetch(/away) error = %v, want %v", err, ErrRedirect)
	}
	if n := other.total(); n != 0 {
		t.Errorf("the other host got %d requests, want 0", n)
	}

	_, err = f.Fetch(context.Background(), srv.url(t, "/private"))
	if !errors.Is(err, ErrDisallowed) {
		t.Errorf("Fetch(/private) error = %v, want %v (a redirect into a disallowed path)", err, ErrDisallowed)
	}
	if n := srv.count("/private/x"); n != 0 {
		t.Errorf("disallowed redirect target requested %d times", n)
	}

	_, err = f.Fetch(context.Background(), srv.url(t, "/ftp"))
	if !errors.Is(err, ErrRedirect) {
		t.Errorf("Fetch(/ftp) error = %v, want %v", err, ErrRedirect)
	}

	// A redirect to another host is followed when the config allows it.
	cfg := loopback()
	cfg.FollowRedirect = func(_, to *url.URL) bool { return true }
	resp, err = New(cfg).Fetch(context.Background(), srv.url(t, "/away"))
	if err != nil || resp.URL.String() != other.URL+"/page" {
		t.Errorf("Fetch(/away) with FollowRedirect = %v, %v; want the other host's page", resp, err)
	}
}

func TestPrivateAddressRefused(t *testing.T) {
	srv := newServer(t, 200, "", nil)
	u := srv.url(t, "/page")

	_, err := New(Config{}).Fetch(context.Background(), u)
	if !errors.Is(err, ErrBlockedAddr) {
		t.Errorf("Fetch(%s) without AllowHosts: error = %v, want %v", u, err, ErrBlockedAddr)
	}
	if n := srv.total(); n != 0 {
		t.Errorf("refused server got %d requests, want 0", n)
	}

	// AllowHosts matches the host as the URL names it.
	if _, err := New(Config{AllowHosts: []string{"example.com"}}).Fetch(context.Background(), u); !errors.Is(err, ErrBlockedAddr) {
		t.Errorf("Fetch(%s) with another host allowed: error = %v, want %v", u, err, ErrBlockedAddr)
	}
	if _, err := New(Config{AllowHosts: []string{"127.0.0.1"}}).Fetch(context.Background(), u); err != nil {
		t.Errorf("Fetch(%s) with 127.0.0.1 allowed: %v", u, err)
	}

	// A name that resolves to loopback is refused like the address.
	if addrs, err := net.LookupHost("localhost"); err != nil || len(addrs) == 0 {
		t.Logf("skipping the localhost case: %v", err)
		return
	}
	lu, _ := url.Parse(strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/page")
	if _, err := New(Config{AllowHosts: []string{"127.0.0.1"}}).Fetch(context.Background(), lu); !errors.Is(err, ErrBlockedAddr) {
		t.Errorf("Fetch(%s) with only 127.0.0.1 allowed: error = %v, want %v", lu, err, ErrBlockedAddr)
	}
}

func TestNormHost(t *testing.T) {
	for in, want := range map[string]string{
		"Example.COM.": "example.com", "Bücher.Example": "xn--bcher-kva.example", "xn--bcher-kva.example": "xn--bcher-kva.example",
		"127.0.0.1": "127.0.0.1", "[::1]": "::1", " localhost ": "localhost",
	} {
		if got := normHost(in); got != want {
			t.Errorf("normHost(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScheme(t *testing.T) {
	for _, s := range []string{"ftp://127.0.0.1/x", "file:///etc/passwd", "mailto:a@b.c"} {
		u, _ := url.Parse(s)
		if _, err := New(loopback()).Fetch(context.Background(), u); !errors.Is(err, ErrScheme) {
			t.Errorf("Fetch(%s) error = %v, want %v", s, err, ErrScheme)
		}
	}
}

func TestPublic(t *testing.T) {
	tests := []struct {
		ip   string
		want bool
	}{
		{"93.184.216.34", true},
		{"2606:4700::1111", true},
		{"127.0.0.1", false},
		{"127.8.9.10", false},
		{"::1", false},
		{"10.1.2.3", false},
		{"172.16.0.1", false},
		{"192.168.1.1", false},
		{"100.64.0.1", false},
		{"169.254.169.254", false},
		{"fe80::1", false},
		{"fc00::1", false},
		{"0.0.0.0", false},
		{"0.1.2.3", false},
		{"::", false},
		{"::ffff:127.0.0.1", false},
		{"224.0.0.1", false},
		// IPv4 inside IPv6: the IPv4 address decides.
		{"64:ff9b::7f00:1", false},      // NAT64 of 127.0.0.1
		{"64:ff9b::a00:1", false},       // NAT64 of 10.0.0.1
		{"64:ff9b::5db8:d822", true},    // NAT64 of 93.184.216.34
		{"64:ff9b:1::5db8:d822", false}, // local-use NAT64: where the IPv4 address sits is not known
		{"2002:7f00:1::", false},        // 6to4 of 127.0.0.1
		{"2002:a9fe:a9fe::1", false},    // 6to4 of 169.254.169.254
		{"2002:5db8:d822::1", true},     // 6to4 of 93.184.216.34
		{"::7f00:1", false},             // IPv4-compatible 127.0.0.1
		{"::a00:1", false},              // IPv4-compatible 10.0.0.1
		{"::ffff:0:7f00:1", false},      // IPv4-translated 127.0.0.1
		{"::ffff:10.1.2.3", false},      // IPv4-mapped
		{"::ffff:0:5db8:d822", true},    // IPv4-translated 93.184.216.34
		// Reserved and documentation ranges.
		{"fec0::1", false},
		{"100::1", false},
		{"2001:db8::1", false},
		{"2001::1", false}, // Teredo
		{"3fff::1", false},
		{"240.0.0.1", false},
		{"255.255.255.255", false},
		{"198.18.0.1", false},
		{"198.19.255.255", false},
		{"192.0.0.1", false},
		{"192.0.2.1", false},
		{"198.51.100.1", false},
		{"203.0.113.1", false},
		{"192.88.99.1", false},
		// Just outside them.
		{"198.20.0.1", true},
		{"192.0.3.1", true},
		{"239.255.255.255", false}, // multicast
		{"2001:4860::8888", true},
	}
	for _, tt := range tests {
		if got := Public(netip.MustParseAddr(tt.ip)); got != tt.want {
			t.Errorf("Public(%s) = %v, want %v", tt.ip, got, tt.want)
		}
	}
}

func TestProductToken(t *testing.T) {
	tests := []struct{ ua, want string }{
		{DefaultUserAgent, "askedat-crawler"},
		{"Mozilla/5.0 (X11)", "mozilla"},
		{"plain", "plain"},
	}
	for _, tt := range tests {
		if got := productToken(tt.ua); got != tt.want {
			t.Errorf("productToken(%q) = %q, want %q", tt.ua, got, tt.want)
		}
	}
}
