package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/askedat/askedat/internal/datadir"
)

// startSearchd runs searchd with args in this process until the test ends,
// and returns its base URL and its log.
func startSearchd(t *testing.T, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan int, 1)
	logs := &syncBuffer{}
	go func() { done <- run(ctx, append(args, "-addr", "127.0.0.1:0"), io.Discard, logs, ready) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Error("searchd did not shut down within 20s")
		}
	})
	select {
	case addr := <-ready:
		return "http://" + addr, logs
	case code := <-done:
		t.Fatalf("searchd exited %d before serving:\n%s", code, logs.String())
	case <-time.After(30 * time.Second):
		t.Fatal("searchd did not start within 30s")
	}
	return "", nil
}

type readyz struct {
	Status    string
	Version   string
	Documents int
	Refused   map[string]string
	// Serving is Version; Current the version the pointer names, and
	// Fallback why another is served.
	Serving, Current, Fallback string
}

func getReadyz(t *testing.T, base string) (int, readyz) {
	t.Helper()
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r readyz
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	if h := resp.Header.Get("X-Index-Version"); h != r.Version {
		t.Errorf("/readyz names version %q, its X-Index-Version header %q", r.Version, h)
	}
	return resp.StatusCode, r
}

// waitFor polls /readyz until cond holds, for at most 20 seconds.
func waitFor(t *testing.T, base, what string, cond func(readyz) bool) readyz {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		_, r := getReadyz(t, base)
		if cond(r) {
			return r
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited 20s for %s; /readyz says %+v", what, r)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// searchCompanies searches base for q and returns the version that
// answered and the companies of the hits.
func searchCompanies(c *http.Client, base, q string) (status int, ver string, companies map[string]bool, err error) {
	resp, err := c.Get(base + "/api/search?size=20&q=" + q)
	if err != nil {
		return 0, "", nil, err
	}
	defer resp.Body.Close()
	var res struct {
		Total int
		Hits  []struct{ Company string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		return resp.StatusCode, "", nil, fmt.Errorf("decode answer: %w", err)
	}
	companies = map[string]bool{}
	for _, h := range res.Hits {
		companies[h.Company] = true
	}
	if res.Total == 0 {
		return resp.StatusCode, "", nil, fmt.Errorf("search %q found nothing", q)
	}
	return resp.StatusCode, resp.Header.Get("X-Index-Version"), companies, nil
}

func TestSearchdFollowsCurrentAndRefusesADamagedVersion(t *testing.T) {
	data := t.TempDir()
	dd := datadir.Dir{Path: data}
	a, b, c := makeVersion(t, data, "Alpha", 3), makeVersion(t, data, "Beta", 4), makeVersion(t, data, "Gamma", 5)
	if err := dd.Switch(a); err != nil {
		t.Fatal(err)
	}
	base, logs := startSearchd(t, "-data", data, "-poll", "1h") // the watch sees the switch
	if code, r := getReadyz(t, base); code != 200 || r.Version != a || r.Documents != 9 {
		t.Fatalf("/readyz = %d %+v, want 200 serving %s with 9 documents", code, r, a)
	}
	if err := dd.Switch(b); err != nil {
		t.Fatal(err)
	}
	waitFor(t, base, "version "+b, func(r readyz) bool { return r.Version == b })
	_, ver, cos, err := searchCompanies(http.DefaultClient, base, "cache")
	if err != nil || ver != b || !cos["Beta"] || len(cos) != 1 {
		t.Errorf("search after the switch: version %s, companies %v, %v; want %s and Beta", ver, cos, err, b)
	}

	// A damaged version is refused; b goes on serving.
	os.Truncate(segmentFile(t, dd, c), 100)
	if err := dd.Switch(c); err != nil {
		t.Fatal(err)
	}
	r := waitFor(t, base, "the refusal of "+c, func(r readyz) bool { return r.Refused["version"] == c })
	if r.Status != "ready" || r.Version != b || !strings.Contains(r.Refused["error"], "damaged") {
		t.Errorf("/readyz after the refusal = %+v, want ready on %s, %s refused as damaged", r, b, c)
	}
	if !strings.Contains(logs.String(), "refusing version") {
		t.Errorf("searchd did not log the refusal:\n%s", logs.String())
	}
	if _, ver, cos, err := searchCompanies(http.DefaultClient, base, "cache"); err != nil || ver != b || !cos["Beta"] {
		t.Errorf("search after the refusal: version %s, companies %v, %v; want %s and Beta", ver, cos, err, b)
	}
}

func TestSearchdReadsThePointerOnSIGHUP(t *testing.T) {
	data := t.TempDir()
	dd := datadir.Dir{Path: data}
	a, b := makeVersion(t, data, "Alpha", 3), makeVersion(t, data, "Beta", 4)
	if err := dd.Switch(a); err != nil {
		t.Fatal(err)
	}
	base, _ := startSearchd(t, "-data", data, "-poll", "0", "-watch=false")
	if err := dd.Switch(b); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	if _, r := getReadyz(t, base); r.Version != a {
		t.Fatalf("without watching or polling, searchd switched to %s before SIGHUP", r.Version)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitFor(t, base, "version "+b+" after SIGHUP", func(r readyz) bool { return r.Version == b })
}

// loadResult counts the answers of a load run.
type loadResult struct {
	checked                 bool // answers were checked against their version
	requests, failed, mixed atomic.Int64
	mu                      sync.Mutex
	byVersion               map[string]int
	errors                  []string
	slowest                 time.Duration
}

func (l *loadResult) fail(format string, args ...any) {
	l.failed.Add(1)
	l.mu.Lock()
	if len(l.errors) < 10 {
		l.errors = append(l.errors, fmt.Sprintf(format, args...))
	}
	l.mu.Unlock()
}

// runLoad sends searches for q to base from clients goroutines until stop
// is closed or each has sent perClient requests. check says whether an answer's
// companies fit the version that answered (nil: any).
func runLoad(base, q string, clients, perClient int, stop <-chan struct{}, check func(ver string, companies map[string]bool) bool) *loadResult {
	res := &loadResult{byVersion: map[string]int{}, checked: check != nil}
	client := &http.Client{
		Timeout:   10 * time.Second, // longer is a blocked request, counted failed
		Transport: &http.Transport{MaxIdleConnsPerHost: clients},
	}
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perClient; i++ {
				select {
				case <-stop:
					return
				default:
				}
				start := time.Now()
				status, ver, cos, err := searchCompanies(client, base, q)
				took := time.Since(start)
				res.requests.Add(1)
				res.mu.Lock()
				res.byVersion[ver]++
				res.slowest = max(res.slowest, took)
				res.mu.Unlock()
				switch {
				case err != nil:
					res.fail("request %d: %v", i, err)
				case status != http.StatusOK:
					res.fail("request %d: status %d", i, status)
				case check != nil && !check(ver, cos):
					res.mixed.Add(1)
					res.fail("request %d: version %s answered with companies %v", i, ver, cos)
				}
			}
		}()
	}
	wg.Wait()
	return res
}

func (l *loadResult) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	mixed := ""
	if l.checked {
		mixed = fmt.Sprintf(", %d not wholly from the version named", l.mixed.Load())
	}
	return fmt.Sprintf("%d requests, %d failed%s, by version %v, slowest %s",
		l.requests.Load(), l.failed.Load(), mixed, l.byVersion, l.slowest.Round(time.Millisecond))
}

func TestSwapsUnderLoadFailNoRequest(t *testing.T) {
	data := t.TempDir()
	dd := datadir.Dir{Path: data}
	company := map[string]string{}
	a := makeVersion(t, data, "Alpha", 40)
	b := makeVersion(t, data, "Beta", 50)
	company[a], company[b] = "Alpha", "Beta"
	if err := dd.Switch(a); err != nil {
		t.Fatal(err)
	}
	base, _ := startSearchd(t, "-data", data, "-poll", "1h")

	stop := make(chan struct{})
	done := make(chan *loadResult)
	go func() {
		done <- runLoad(base, "cache", 4, 20000, stop, func(ver string, cos map[string]bool) bool {
			return len(cos) == 1 && cos[company[ver]]
		})
	}()
	var swaps []time.Duration
	for i := range 6 {
		next := []string{b, a}[i%2]
		time.Sleep(100 * time.Millisecond)
		start := time.Now()
		if err := dd.Switch(next); err != nil {
			t.Fatal(err)
		}
		waitFor(t, base, "version "+next, func(r readyz) bool { return r.Version == next })
		swaps = append(swaps, time.Since(start))
	}
	time.Sleep(100 * time.Millisecond)
	close(stop)
	res := <-done
	t.Logf("swaps under load (pointer switched → served): %v; %s", swaps, res)
	if res.failed.Load() != 0 {
		t.Errorf("%d of %d requests failed during the swaps: %v", res.failed.Load(), res.requests.Load(), res.errors)
	}
	if res.byVersion[a] == 0 || res.byVersion[b] == 0 {
		t.Errorf("answers by version %v, want both %s and %s", res.byVersion, a, b)
	}
}
