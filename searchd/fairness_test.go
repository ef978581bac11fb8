package main

import (
	"bytes"
	"context"
	"encoding/json"
	"github.com/askedat/askedat"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/askedat/askedat/query"
)

// clientFrom returns an HTTP client whose connections come from the
// loopback address ip (127.0.0.2, …): on loopback, a test can be several
// client addresses.
func clientFrom(ip string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 5 * time.Second}
	return &http.Client{Transport: &http.Transport{DialContext: d.DialContext}, Timeout: 10 * time.Second}
}

func getFrom(t *testing.T, c *http.Client, url string) (int, http.Header, string) {
	t.Helper()
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// TestSearchSlotsPerClient: on a real listener, one client address holds
// at most -max-searches-per-client of the slots; past its share it gets a
// 429 with Retry-After at once, while another address still gets the
// slots left, and a third, once every slot is taken, the usual 503.
func TestSearchSlotsPerClient(t *testing.T) {
	bs := newBlockingSearcher(newTestIndex(t))
	ts := serveTest(t, &Server{Index: bs, Logger: quietLogger(), MaxSearches: 4, MaxSearchesPerClient: 2})
	a, b, c := clientFrom("127.0.0.2"), clientFrom("127.0.0.3"), clientFrom("127.0.0.4")
	var wg sync.WaitGroup
	codes := make(chan int, 4)
	hold := func(cl *http.Client) {
		wg.Go(func() {
			resp, err := cl.Get(ts.URL + "/api/search?q=cache")
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			codes <- resp.StatusCode
		})
		<-bs.started
	}
	hold(a)
	hold(a)
	// a holds its share: its next search, API or page, is refused with
	// 429 and never reaches the index.
	for _, path := range []string{"/api/search?q=two", "/search?q=two"} {
		code, h, body := getFrom(t, a, ts.URL+path)
		if code != http.StatusTooManyRequests || h.Get("Retry-After") != "1" {
			t.Errorf("GET %s from a client holding its share = %d, Retry-After %q; want 429 and 1: %s", path, code, h.Get("Retry-After"), body)
		}
	}
	// Another client keeps the slots a cannot take.
	hold(b)
	hold(b)
	if n := bs.running.Load(); n != 4 {
		t.Fatalf("%d searches reached the index, want 4 (two of each client)", n)
	}
	if code, _, body := getFrom(t, b, ts.URL+"/api/search?q=two"); code != http.StatusTooManyRequests {
		t.Errorf("GET from b over its share = %d, want 429: %s", code, body)
	}
	// Every slot taken: a third client, within its share, gets the 503 of
	// a full server.
	if code, h, body := getFrom(t, c, ts.URL+"/api/search?q=two"); code != http.StatusServiceUnavailable || h.Get("Retry-After") != "1" {
		t.Errorf("GET from c with every slot taken = %d, Retry-After %q; want 503 and 1: %s", code, h.Get("Retry-After"), body)
	}
	close(bs.release)
	wg.Wait()
	close(codes)
	for code := range codes {
		if code != http.StatusOK {
			t.Errorf("a search in a slot = %d, want 200", code)
		}
	}
	// The slots are given back: a can search again.
	if code, _, body := getFrom(t, a, ts.URL+"/api/search?q=two"); code != http.StatusOK {
		t.Errorf("GET from a once its searches ended = %d, want 200: %s", code, body)
	}
	var m bytes.Buffer
	_, _, metrics := getFrom(t, c, ts.URL+"/metrics")
	m.WriteString(metrics)
	if !strings.Contains(m.String(), `askedat_searches_total{outcome="throttled"} 3`) {
		t.Errorf("metrics do not count the 3 throttled searches:\n%s", grepLines(m.String(), "searches_total"))
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestMaxSearchesPerClientDefault(t *testing.T) {
	for _, c := range []struct{ max, want int }{{1, 1}, {2, 1}, {5, 2}, {8, 4}} {
		s := &Server{Index: newTestIndex(t), Logger: quietLogger(), MaxSearches: c.max}
		s.Handler()
		if s.MaxSearchesPerClient != c.want {
			t.Errorf("-max-searches %d: per client %d, want %d", c.max, s.MaxSearchesPerClient, c.want)
		}
	}
	cfg, _, ok := parseArgs([]string{"-index", "x", "-max-searches-per-client", "3"}, io.Discard, io.Discard)
	if !ok || cfg.MaxSearchesPerClient != 3 {
		t.Errorf("-max-searches-per-client 3: %v, %d", ok, cfg.MaxSearchesPerClient)
	}
	if _, code, ok := parseArgs([]string{"-index", "x", "-max-searches-per-client", "-1"}, io.Discard, io.Discard); ok || code != 2 {
		t.Errorf("-max-searches-per-client -1: ok %v, code %d; want refused with 2", ok, code)
	}
}

// partialSearcher answers every search as one over its budget.
type partialSearcher struct {
	searcher
	calls int
	mu    sync.Mutex
}

func (p *partialSearcher) SearchParsed(ctx context.Context, r askedat.Request, q *query.Query) (*askedat.Result, error) {
	p.mu.Lock()
	p.calls++
	p.mu.Unlock()
	res, err := p.searcher.SearchParsed(ctx, r, q)
	if err != nil {
		return nil, err
	}
	res.Partial, res.PartialReason = true, "skipped typo lookups: the budget of 64 steps was spent"
	return res, nil
}

// TestPartialAnswer: a search over its budget is a 200 that says
// "partial": true, with the reason in the log; it is not cached (asked
// again, it is searched again).
func TestPartialAnswer(t *testing.T) {
	ps := &partialSearcher{searcher: newTestIndex(t)}
	cached, err := newCachedSearcher(ps, 16)
	if err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	ts := serveTest(t, &Server{Index: cached, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	for range 2 {
		code, _, body := get(t, ts, "/api/search?q=cache")
		var got struct {
			Partial *bool `json:"partial"`
		}
		if err := json.Unmarshal(body, &got); err != nil || code != http.StatusOK || got.Partial == nil || !*got.Partial {
			t.Fatalf("GET /api/search over budget = %d %s; want 200 with \"partial\": true", code, body)
		}
	}
	if ps.calls != 2 {
		t.Errorf("the index searched %d times for two asks; want 2 (a partial answer is not cached)", ps.calls)
	}
	if l := logs.String(); !strings.Contains(l, "search over budget") || !strings.Contains(l, "budget of 64 steps was spent") || !strings.Contains(l, "partial=true") {
		t.Errorf("the log does not say the search was over budget and why:\n%s", l)
	}
	// A normal answer has no "partial".
	_, _, body := get(t, serveTest(t, &Server{Index: newTestIndex(t), Logger: quietLogger()}), "/api/search?q=cache")
	if bytes.Contains(body, []byte(`"partial"`)) {
		t.Errorf("a normal answer has \"partial\": %s", body)
	}
}
