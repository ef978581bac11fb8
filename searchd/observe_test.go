package main

import (
	"bufio"
	"context"
	"encoding/json"
	"github.com/askedat/askedat"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gorilla/mux"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/askedat/askedat/internal/datadir"
	"github.com/askedat/askedat/internal/jobmetrics"
	"github.com/askedat/askedat/query"
)

// scrape gets /metrics and parses it as Prometheus does.
func scrape(t *testing.T, base string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /metrics = %d", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("GET /metrics Content-Type = %q, want the text format", ct)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	mfs, err := p.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("parse /metrics: %v", err)
	}
	return mfs
}

// metricCheck is a metric, its labels and the value wanted.
type metricCheck struct {
	name   string
	labels map[string]string
	want   float64
}

func checkMetrics(t *testing.T, mfs map[string]*dto.MetricFamily, checks []metricCheck) {
	t.Helper()
	for _, c := range checks {
		got, ok := jobmetrics.Value(mfs, c.name, c.labels)
		if !ok {
			t.Errorf("%s%v is missing", c.name, c.labels)
		} else if got != c.want {
			t.Errorf("%s%v = %v, want %v", c.name, c.labels, got, c.want)
		}
	}
}

func TestMetricsScraped(t *testing.T) {
	cached, err := newCachedSearcher(newTestIndex(t), 10)
	if err != nil {
		t.Fatal(err)
	}
	ts := serveTest(t, &Server{Index: cached, Logger: quietLogger(), MaxSearches: 7})
	for _, p := range []string{
		"/api/search?q=cache",           // ok, a cache miss
		"/api/search?q=cache",           // cache_hit
		"/api/search?q=zebra+unicorn",   // zero_results, a miss
		"/api/search?q=%22unclosed",     // bad_request, a miss
		"/api/search?size=1000",         // refused before any search
		"/search?q=two+sum",             // ok, a miss
		"/api/experiences/e1",           // not a search
		"/no/such/page", "/api/nothing", // no route
		"/readyz", // a probe, not a search
	} {
		get(t, ts, p)
	}
	mfs := scrape(t, ts.URL)
	r := func(route, code string) map[string]string { return map[string]string{"route": route, "code": code} }
	o := func(outcome string) map[string]string { return map[string]string{"outcome": outcome} }
	checkMetrics(t, mfs, []metricCheck{
		{"askedat_http_requests_total", r("/api/search", "200"), 3},
		{"askedat_http_requests_total", r("/api/search", "400"), 2},
		{"askedat_http_requests_total", r("/search", "200"), 1},
		{"askedat_http_requests_total", r("/api/experiences/{id}", "200"), 1},
		{"askedat_http_requests_total", r("none", "404"), 2},
		{"askedat_http_requests_total", r("/readyz", "200"), 1},
		{"askedat_http_request_duration_seconds", r("/api/search", "200"), 3}, // the histogram's count
		{"askedat_searches_total", o("ok"), 2},
		{"askedat_searches_total", o("cache_hit"), 1},
		{"askedat_searches_total", o("zero_results"), 1},
		{"askedat_searches_total", o("bad_request"), 1},
		{"askedat_searches_total", o("timeout"), 0},
		{"askedat_searches_total", o("overloaded"), 0},
		{"askedat_search_duration_seconds", nil, 4},
		{"askedat_cache_hits_total", nil, 1},
		{"askedat_cache_misses_total", nil, 4},
		{"askedat_cache_entries", nil, 4}, // the three searches answered, and /readyz's
		{"askedat_searches_in_flight", nil, 0},
		{"askedat_searches_max", nil, 7},
		{"askedat_index_documents", nil, 8},
	})
	for _, name := range []string{"go_goroutines", "go_memstats_heap_alloc_bytes", "process_cpu_seconds_total", "process_resident_memory_bytes"} {
		if _, ok := mfs[name]; !ok {
			t.Errorf("%s is missing: the Go and process collectors are not registered", name)
		}
	}
	// Labels come from route templates, never raw paths.
	for _, m := range mfs["askedat_http_requests_total"].GetMetric() {
		for _, l := range m.GetLabel() {
			if l.GetName() == "route" && (strings.Contains(l.GetValue(), "e1") || strings.Contains(l.GetValue(), "such")) {
				t.Errorf("route label %q is a raw path", l.GetValue())
			}
		}
	}
	// A Server's registry is its own: a second one starts at zero.
	ts2 := serveTest(t, &Server{Index: newTestIndex(t), Logger: quietLogger()})
	checkMetrics(t, scrape(t, ts2.URL), []metricCheck{{"askedat_searches_total", o("ok"), 0}})
}

func TestMetricsOfIndexVersions(t *testing.T) {
	data := t.TempDir()
	dd := datadir.Dir{Path: data}
	first := makeVersion(t, data, "Amazon", 2)
	if err := dd.Switch(first); err != nil {
		t.Fatal(err)
	}
	h, src := newTestHolder(t, data, 16, &syncBuffer{})
	ts := serveTest(t, &Server{Index: h, Logger: quietLogger()})
	v := func(id string) map[string]string { return map[string]string{"version": id} }
	checkMetrics(t, scrape(t, ts.URL), []metricCheck{
		{"askedat_index_version_info", v(first), 1},
		{"askedat_index_swaps_total", nil, 0},
		{"askedat_index_refusals_total", nil, 0},
		{"askedat_index_documents", nil, 6},
	})

	second := makeVersion(t, data, "Google", 3)
	if err := dd.Switch(second); err != nil {
		t.Fatal(err)
	}
	h.reload(context.Background(), src, false)
	mfs := scrape(t, ts.URL)
	checkMetrics(t, mfs, []metricCheck{
		{"askedat_index_version_info", v(second), 1},
		{"askedat_index_swaps_total", nil, 1},
		{"askedat_index_documents", nil, 9},
	})
	if n := len(mfs["askedat_index_version_info"].GetMetric()); n != 1 {
		t.Errorf("askedat_index_version_info has %d series after a swap, want 1 (the version served)", n)
	}

	// A version that fails its checks is refused and counted.
	bad := makeVersion(t, data, "Meta", 1)
	editInfo(t, dd, bad, func(info *datadir.Info) { info.Documents++ })
	if err := os.WriteFile(filepath.Join(data, "current"), []byte(bad+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.reload(context.Background(), src, false)
	checkMetrics(t, scrape(t, ts.URL), []metricCheck{
		{"askedat_index_version_info", v(second), 1},
		{"askedat_index_refusals_total", nil, 1},
		{"askedat_index_swaps_total", nil, 1},
	})
}

// logRecords decodes JSON log lines.
func logRecords(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("log line is not JSON: %v\n%s", err, sc.Text())
		}
		out = append(out, m)
	}
	return out
}

func withMsg(recs []map[string]any, msg string) []map[string]any {
	var out []map[string]any
	for _, r := range recs {
		if r["msg"] == msg {
			out = append(out, r)
		}
	}
	return out
}

func TestRequestLog(t *testing.T) {
	for _, level := range []slog.Level{slog.LevelInfo, slog.LevelDebug} {
		t.Run(level.String(), func(t *testing.T) {
			logs := &syncBuffer{}
			ts := serveTest(t, &Server{Index: newTestIndex(t), LogZeroResults: true,
				Logger: slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: level}))})

			req, _ := http.NewRequest(http.MethodGet, ts.URL+`/api/search?q=lru+%22two+sum%22+company:amazon&difficulty=Hard&page=1`, nil)
			req.Header.Set("X-Request-Id", "req-42")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			recs := withMsg(logRecords(t, logs.String()), "request")
			if len(recs) != 1 {
				t.Fatalf("%d request records for one request, want 1:\n%s", len(recs), logs.String())
			}
			rec := recs[0]
			if id := resp.Header.Get("X-Request-Id"); rec["id"] != id || id != "req-42" {
				t.Errorf("record id %v, response X-Request-Id %q, want both req-42", rec["id"], id)
			}
			for k, want := range map[string]any{"method": "GET", "route": "/api/search", "path": "/api/search", "status": 200.0} {
				if rec[k] != want {
					t.Errorf("record %s = %v, want %v", k, rec[k], want)
				}
			}
			if b, _ := rec["bytes"].(float64); b <= 0 {
				t.Errorf("record bytes = %v, want the body's size", rec["bytes"])
			}
			if _, ok := rec["ms"].(float64); !ok {
				t.Errorf("record ms = %v, want a number", rec["ms"])
			}
			search, _ := rec["search"].(map[string]any)
			for k, want := range map[string]any{"words": 1.0, "phrases": 1.0, "fields": 1.0, "filters": 1.0, "type": "question", "sort": "relevance", "page": 1.0, "size": 10.0, "collapse": false, "outcome": "zero_results", "total": 0.0} {
				if search[k] != want {
					t.Errorf("record search.%s = %v, want %v", k, search[k], want)
				}
			}
			// The words typed are user data: in the request record only at
			// debug level.
			q, hasQ := search["q"]
			if level == slog.LevelInfo && hasQ {
				t.Errorf("record at info level holds the query text %q", q)
			}
			if level == slog.LevelDebug && q != `lru "two sum" company:amazon` {
				t.Errorf("record at debug level search.q = %v, want the query", q)
			}
			// A search that finds nothing has its own record, with the text.
			zero := withMsg(logRecords(t, logs.String()), "zero results")
			if len(zero) != 1 || zero[0]["q"] != `lru "two sum" company:amazon` || zero[0]["id"] != "req-42" {
				t.Errorf("zero-results records %v, want one with the query and id req-42", zero)
			}
		})
	}
}

func TestZeroResultsLogOnlyForZero(t *testing.T) {
	logs := &syncBuffer{}
	ts := serveTest(t, &Server{Index: newTestIndex(t), LogZeroResults: true, Logger: slog.New(slog.NewJSONHandler(logs, nil))})
	for _, p := range []string{"/api/search?q=cache", "/search?q=two+sum", "/api/search?q=qwertyuiop", "/search?company=Nobody"} {
		get(t, ts, p)
	}
	zero := withMsg(logRecords(t, logs.String()), "zero results")
	var got []string
	for _, z := range zero {
		got = append(got, z["q"].(string))
	}
	if want := []string{"qwertyuiop", ""}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("zero-results records for %q, want %q", got, want)
	}
	if f, _ := zero[1]["filters"].(map[string]any); f == nil {
		t.Errorf("the filter-only zero-results record has no filters: %v", zero[1])
	}
}

func TestSecurityHeadersOnEveryAnswer(t *testing.T) {
	token := strings.Repeat("k", 32)
	s := &Server{Index: panicky{newTestIndex(t)}, Logger: quietLogger(), AdminToken: token, MaxBodyBytes: 100,
		Reload: func(context.Context) (indexStatus, error) { return indexStatus{Version: "v"}, nil }}
	ts := serveTest(t, s)
	tests := []struct {
		method, path string
		header       map[string]string
		body         string
		wantCode     int
	}{
		{"GET", "/api/search?q=cache", nil, "", 200},
		{"GET", "/api/search?q=boom", nil, "", 500},
		{"GET", "/api/search?size=0", nil, "", 400},
		{"GET", "/api/suggest?field=company&prefix=a", nil, "", 200},
		{"GET", "/api/questions/nope", nil, "", 404},
		{"GET", "/api/experiences/e1", nil, "", 200},
		{"GET", "/api/experiences/nope", nil, "", 404},
		{"GET", "/healthz", nil, "", 200},
		{"GET", "/readyz", nil, "", 200},
		{"GET", "/", nil, "", 200},
		{"GET", "/search?q=cache", nil, "", 200},
		{"GET", "/search?q=boom", nil, "", 500},
		{"GET", "/experiences/e1", nil, "", 200},
		{"GET", "/static/app.css", nil, "", 200},
		{"GET", "/metrics", nil, "", 200},
		{"POST", "/admin/reload", map[string]string{"Authorization": "Bearer " + token}, "", 200},
		{"POST", "/admin/reload", nil, "", 401},
		{"GET", "/admin/reload", nil, "", 405},
		{"POST", "/api/search", nil, "", 405},
		{"GET", "/no/such/page", nil, "", 404},
		{"GET", "/api/nothing", nil, "", 404},
		{"GET", "/api/search", nil, strings.Repeat("x", 1000), 413},
		{"HEAD", "/search?q=cache", nil, "", 200},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		var body *strings.Reader
		if tt.body != "" {
			body = strings.NewReader(tt.body)
		}
		var req *http.Request
		if body != nil {
			req = httptest.NewRequest(tt.method, ts.URL+tt.path, body)
		} else {
			req = httptest.NewRequest(tt.method, ts.URL+tt.path, nil)
		}
		req.RequestURI = ""
		for k, v := range tt.header {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", tt.method, tt.path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.wantCode {
			t.Errorf("%s %s = %d, want %d", tt.method, tt.path, resp.StatusCode, tt.wantCode)
		}
		for h, want := range map[string]string{
			"Content-Security-Policy": "default-src 'self'",
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "strict-origin-when-cross-origin",
			"X-Frame-Options":         "DENY",
		} {
			if got := resp.Header.Get(h); !strings.Contains(got, want) {
				t.Errorf("%s %s (%d): %s = %q, want %q", tt.method, tt.path, resp.StatusCode, h, got, want)
			}
		}
		if resp.Header.Get("X-Request-Id") == "" {
			t.Errorf("%s %s: no X-Request-Id", tt.method, tt.path)
		}
		covered[strings.SplitN(tt.path, "?", 2)[0]] = true
	}
	// Every route is in the table.
	err := s.routes().Walk(func(rt *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		tmpl, _ := rt.GetPathTemplate()
		for p := range covered {
			if routeMatches(rt, p) {
				return nil
			}
		}
		t.Errorf("route %s is not in the table", tmpl)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func routeMatches(rt *mux.Route, path string) bool {
	var m mux.RouteMatch
	return rt.Match(httptest.NewRequest(http.MethodGet, path, nil), &m) || m.MatchErr == mux.ErrMethodMismatch
}

// panicky is a searcher whose search for "boom" panics.
type panicky struct{ searcher }

func (p panicky) SearchParsed(ctx context.Context, r askedat.Request, q *query.Query) (*askedat.Result, error) {
	if r.Query == "boom" {
		panic("boom")
	}
	return p.searcher.SearchParsed(ctx, r, q)
}
