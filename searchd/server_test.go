package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/web"
)

func testExperiences() []askedat.Experience {
	return []askedat.Experience{
		{
			ID: "e1", URL: "https://example.test/e1", Title: "Amazon backend loop", Company: "Amazon", Role: "Software Engineer",
			Status: "Offer", Date: "2024-05-01", Summary: "Caching everywhere.",
			Questions: []askedat.Question{
				{Ordinal: 1, Title: "Design an LRU cache", Category: "System Design", Difficulty: "Hard", Body: "get and put in O(1)",
					Cluster: "design-a-cache", ClusterTitle: "Design a cache", AskedAt: 2},
				{Ordinal: 2, Title: "Two Sum", Category: "Data Structures & Algorithms", Difficulty: "Easy", Body: "Find two numbers.",
					Cluster: "two-sum", ClusterTitle: "Two Sum", AskedAt: 2},
			},
		},
		{
			ID: "e2", URL: "https://example.test/e2", Title: "Google onsite", Company: "Google", Role: "Software Engineer",
			Status: "Rejected", Date: "2023-02-01",
			Questions: []askedat.Question{
				{Ordinal: 1, Title: "Design a cache for search results", Category: "System Design", Difficulty: "Medium", Body: "Eviction and TTL.",
					Cluster: "design-a-cache", ClusterTitle: "Design a cache", AskedAt: 2},
				{Ordinal: 2, Title: "Two Sum II", Category: "Data Structures & Algorithms", Difficulty: "Medium", Body: "Sorted input.",
					Cluster: "two-sum", ClusterTitle: "Two Sum", AskedAt: 2},
			},
		},
		{
			ID: "e3", URL: "https://example.test/e3", // a javascript: url is refused by the indexer (askedat.checkURL); pages link only http(s) anyway (webURL)
			Title: `Evil <script>alert("t")</script> post`, Company: "Evil <b>Corp</b>", Role: "Hacker",
			Status: "Ongoing", Date: "2022-01-01",
			Questions: []askedat.Question{
				{Ordinal: 1, Title: `<img src=x onerror=alert(1)> cache`, Category: "Other", Body: `" onerror="alert(2)" <script>alert(3)</script> cache`},
			},
		},
	}
}

func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	return serveTest(t, &Server{Index: newTestIndex(t), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
}

// newTestIndex is an index of testExperiences.
func newTestIndex(t *testing.T) *index.Index {
	t.Helper()
	return newIndexOf(t, testExperiences())
}

// newIndexOf is an index of exps, closed when the test ends.
func newIndexOf(t *testing.T, exps []askedat.Experience) *index.Index {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "idx")
	idx, err := index.Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	w := idx.NewWriter(0)
	for _, e := range exps {
		e := e
		if err := w.Add(&e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return idx
}

// serveTest serves s (with the web UI when it has none) until the test ends.
func serveTest(t *testing.T, s *Server) *httptest.Server {
	t.Helper()
	if s.UI == nil {
		ui, err := web.New()
		if err != nil {
			t.Fatal(err)
		}
		s.UI = ui
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

func get(t *testing.T, ts *httptest.Server, path string) (int, http.Header, []byte) {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, body
}

func getJSON(t *testing.T, ts *httptest.Server, path string, v any) int {
	t.Helper()
	code, h, body := get(t, ts, path)
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("GET %s Content-Type = %q, want application/json", path, ct)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: body is not JSON: %v\n%s", path, err, body)
	}
	return code
}

func TestAPISearch(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		path        string
		wantIDs     []string
		wantTotal   uint64
		wantCompany map[string]int
	}{
		{"/api/search?q=cache", []string{"e1-q1", "e2-q1", "e3-q1"}, 3, map[string]int{"Amazon": 1, "Google": 1, "Evil <b>Corp</b>": 1}},
		// Facets are disjunctive: the company facet ignores the company
		// filter but applies the others; ticked values are always listed.
		{"/api/search?q=cache&company=Amazon&company=Google", []string{"e1-q1", "e2-q1"}, 2, map[string]int{"Amazon": 1, "Google": 1, "Evil <b>Corp</b>": 1}},
		{"/api/search?q=cache&company=Amazon&company=Google&difficulty=Hard", []string{"e1-q1"}, 1, map[string]int{"Amazon": 1, "Google": 0}},
		{"/api/search?category=Data+Structures+%26+Algorithms&sort=date", []string{"e1-q2", "e2-q2"}, 2, map[string]int{"Amazon": 1, "Google": 1}},
		{"/api/search?q=two+sum&type=experience", []string{"e1", "e2"}, 2, map[string]int{"Amazon": 1, "Google": 1}},
		{"/api/search?q=cache&size=1&page=2&sort=date", []string{"e2-q1"}, 3, map[string]int{"Amazon": 1, "Google": 1, "Evil <b>Corp</b>": 1}},
		// One hit per question cluster: e1-q1 and e2-q1 are one; total
		// and facets still count questions.
		{"/api/search?q=cache&collapse=cluster&sort=date", []string{"e1-q1", "e3-q1"}, 3, map[string]int{"Amazon": 1, "Google": 1, "Evil <b>Corp</b>": 1}},
		{"/api/search?collapse=cluster&sort=date&page=2&size=2", []string{"e3-q1"}, 5, map[string]int{"Amazon": 2, "Google": 2, "Evil <b>Corp</b>": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			var got struct {
				Total  uint64
				Hits   []map[string]any
				Facets map[string][]askedat.FacetValue
			}
			if code := getJSON(t, ts, tt.path, &got); code != http.StatusOK {
				t.Fatalf("GET %s = %d, want 200", tt.path, code)
			}
			var ids []string
			for _, h := range got.Hits {
				ids = append(ids, h["id"].(string))
				for _, k := range []string{"id", "type", "title", "company", "role", "category", "difficulty", "date", "url", "experience_id", "score", "snippet"} {
					if _, ok := h[k]; !ok {
						t.Errorf("hit %v lacks %q", h["id"], k)
					}
				}
			}
			if !strings.Contains(tt.path, "sort=date") { // date order is part of what is tested
				ids = slices.Sorted(slices.Values(ids))
			}
			if diff := cmp.Diff(tt.wantIDs, ids); diff != "" {
				t.Errorf("GET %s ids (-want +got):\n%s", tt.path, diff)
			}
			if got.Total != tt.wantTotal {
				t.Errorf("GET %s total = %d, want %d", tt.path, got.Total, tt.wantTotal)
			}
			company := map[string]int{}
			for _, v := range got.Facets["company"] {
				company[v.Value] = v.Count
			}
			if diff := cmp.Diff(tt.wantCompany, company); diff != "" {
				t.Errorf("GET %s company facet (-want +got):\n%s", tt.path, diff)
			}
			for _, f := range askedat.FacetFields {
				if _, ok := got.Facets[f]; !ok {
					t.Errorf("GET %s: facets lack %q", tt.path, f)
				}
			}
		})
	}
}

// TestAPICollapse checks collapse=cluster's fields: groups in the answer,
// collapsed on each hit, none of either without it; and that its cursor
// pages over the groups.
func TestAPICollapse(t *testing.T) {
	ts := newTestServer(t)
	type hit struct {
		ID        string
		Collapsed *int
	}
	type answer struct {
		Total      uint64
		Groups     *uint64
		Hits       []hit
		NextCursor string `json:"next_cursor"`
	}
	tests := []struct {
		path       string
		wantGroups *uint64
		wantHits   []hit
	}{
		{"/api/search?sort=date&collapse=cluster", ptr(uint64(3)), []hit{{"e1-q1", ptr(2)}, {"e1-q2", ptr(2)}, {"e3-q1", ptr(1)}}},
		{"/api/search?q=zebra&collapse=cluster", ptr(uint64(0)), []hit{}},
		{"/api/search?sort=date&size=2", nil, []hit{{"e1-q1", nil}, {"e1-q2", nil}}},
		{"/api/search?q=cache&cluster=design-a-cache&collapse=cluster", ptr(uint64(1)), []hit{{"e1-q1", ptr(2)}}},
	}
	for _, tt := range tests {
		var got answer
		if code := getJSON(t, ts, tt.path, &got); code != http.StatusOK {
			t.Fatalf("GET %s = %d, want 200", tt.path, code)
		}
		if diff := cmp.Diff(tt.wantGroups, got.Groups); diff != "" {
			t.Errorf("GET %s groups (-want +got):\n%s", tt.path, diff)
		}
		// e1's questions share a date: their order is the index's
		slices.SortFunc(got.Hits, func(a, b hit) int { return strings.Compare(a.ID, b.ID) })
		if diff := cmp.Diff(tt.wantHits, got.Hits); diff != "" {
			t.Errorf("GET %s hits (-want +got):\n%s", tt.path, diff)
		}
	}
	// Without collapse the answer has neither field at all.
	if _, _, body := get(t, ts, "/api/search?q=cache"); bytes.Contains(body, []byte(`"groups"`)) || bytes.Contains(body, []byte(`"collapsed"`)) {
		t.Errorf("GET /api/search?q=cache names groups or collapsed: %s", body)
	}
	// A cursor pages over the groups, each once, in the order of one page.
	var all answer
	getJSON(t, ts, "/api/search?sort=date&collapse=cluster", &all)
	var want, ids []string
	for _, h := range all.Hits {
		want = append(want, h.ID)
	}
	path := "/api/search?sort=date&size=1&collapse=cluster"
	for range 5 {
		var got answer
		if code := getJSON(t, ts, path, &got); code != http.StatusOK {
			t.Fatalf("GET %s = %d, want 200", path, code)
		}
		for _, h := range got.Hits {
			ids = append(ids, h.ID)
		}
		if got.NextCursor == "" {
			break
		}
		path = "/api/search?sort=date&size=1&collapse=cluster&cursor=" + got.NextCursor
	}
	if len(want) != 3 || !slices.Equal(ids, want) {
		t.Errorf("paging the collapsed search by cursor gave %q, want %q", ids, want)
	}
}

func ptr[T any](v T) *T { return &v }

func TestAPIBadInput(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		path     string
		wantCode int
		wantMsg  string
	}{
		{"/api/search?q=django&size=-3", 400, "size -3 is out of range"},
		{"/api/search?size=abc", 400, `size "abc" is not a whole number`},
		{"/api/search?size=1000", 400, "out of range"},
		{"/api/search?page=0", 400, "pages start at 1"},
		{"/api/search?page=99999", 400, "too deep"},
		{"/api/search?type=post", 400, `type "post"`},
		{"/api/search?sort=reads", 400, `sort "reads"`},
		{"/api/search?q=a&q=b", 400, "given 2 times"},
		{"/api/search?compnay=Amazon", 400, `unknown parameter "compnay"`},
		{"/api/search?company=", 400, "empty value"},
		{"/api/search?q=" + url.QueryEscape(strings.Repeat("x", 600)), 400, "characters long"},
		{"/api/search?q=%ff%fe", 400, "not valid UTF-8"},
		{"/api/search?facet_size=0", 400, "facet size"},
		{"/api/experiences/nope", 404, "no such experience"},
		{"/api/search?date_interval=week", 400, `date interval "week"`},
		{"/api/search?collapse=question", 400, `collapse "question" is not one of cluster`},
		{"/api/search?collapse=0", 400, `collapse "0" is not one of cluster`},
		{"/api/search?q=cache&collapse=cluster&type=experience", 400, "experiences have none"},
		{"/api/search?collapse=cluster&collapse=cluster", 400, "given 2 times"},
		{"/api/suggest?prefix=go", 400, "give the field"},
		{"/api/suggest?field=salary", 400, `cannot suggest "salary"`},
		{"/api/suggest?field=company&size=0", 400, "out of range"},
		{"/api/suggest?field=company&sort=x", 400, `unknown parameter "sort"`},
		{"/api/nothing", 404, "no API route"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			var got struct {
				Error  string
				Status int
			}
			code := getJSON(t, ts, tt.path, &got)
			if code != tt.wantCode || got.Status != tt.wantCode {
				t.Errorf("GET %s = %d (status field %d), want %d", tt.path, code, got.Status, tt.wantCode)
			}
			if !strings.Contains(got.Error, tt.wantMsg) {
				t.Errorf("GET %s error = %q, want it to contain %q", tt.path, got.Error, tt.wantMsg)
			}
		})
	}
	resp, err := http.Post(ts.URL+"/api/search", "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/search = %d, want 405", resp.StatusCode)
	}
}

func TestAPIExperience(t *testing.T) {
	ts := newTestServer(t)
	var got askedat.Experience
	if code := getJSON(t, ts, "/api/experiences/e1", &got); code != 200 {
		t.Fatalf("GET /api/experiences/e1 = %d, want 200", code)
	}
	want := testExperiences()[0]
	askedat.Normalize(&want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("experience (-want +got):\n%s", diff)
	}
}

func TestHealthAndReady(t *testing.T) {
	ts := newTestServer(t)
	var h map[string]any
	if code := getJSON(t, ts, "/healthz", &h); code != 200 || h["status"] != "ok" {
		t.Errorf("GET /healthz = %d %v, want 200 ok", code, h)
	}
	var r map[string]any
	if code := getJSON(t, ts, "/readyz", &r); code != 200 || r["status"] != "ready" || r["documents"].(float64) != 8 {
		t.Errorf("GET /readyz = %d %v, want 200 ready with 8 documents", code, r)
	}
}

func TestSearchPage(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		path     string
		wantCode int
		want     []string
		notWant  []string
	}{
		{"/", 200, []string{`name="q"`, `<strong>3</strong> distinct questions <span class="all">(5 in all)</span>`, `href="/search?company=Amazon"`}, nil},
		{"/search?q=lru", 200, []string{
			"<strong>1</strong> distinct question for", "Design an <mark>LRU</mark> cache", `href="/experiences/e1#q-1"`,
			// the facet value links to the filtered search, keeping the query
			`href="/search?q=lru&amp;company=Amazon"`,
		}, nil},
		{"/search?q=cache&company=Amazon", 200, []string{
			"<strong>1</strong> distinct question for", `aria-current="true"`, "Company: Amazon", `aria-label="Remove filter Company Amazon"`,
			// the active filter's chip removes it, keeping the query
			`href="/search?q=cache"`,
			// the hidden input keeps the filter for the next query typed
			`<input type="hidden" name="company" value="Amazon">`,
		}, nil},
		{"/search?q=cache&company=Nobody", 200, []string{"<strong>0</strong> distinct questions", "Nobody", "remove the filters"}, nil},
		// pages run over the distinct questions
		{"/search?q=cache&size=1", 200, []string{`rel="next" href="/search?q=cache&amp;size=1&amp;page=2"`, "Page 1 of 2"}, nil},
		{"/search?q=cache&size=1&collapse=0", 200, []string{`rel="next" href="/search?q=cache&amp;collapse=0&amp;size=1&amp;page=2"`, "Page 1 of 3"}, nil},
		// one hit per question by default: the count says how many in
		// all, a hit that stands for several links to them, and the
		// toggle offers every post
		{"/search?q=cache", 200, []string{
			`<strong>2</strong> distinct questions <span class="all">(3 in all)</span>`,
			`<a class="times" href="/search?q=cache&amp;cluster=design-a-cache">Asked 2 times</a>`,
			`<a class="asked" href="/search?cluster=design-a-cache">Asked at 2 companies</a>`,
			`aria-label="Repeated questions"><a href="/search?q=cache" rel="nofollow" class="selected" aria-current="true">One per question</a><a href="/search?q=cache&amp;collapse=0" rel="nofollow">Every post</a>`,
		}, []string{`<input type="hidden" name="collapse"`}},
		{"/search?q=cache&collapse=0", 200, []string{
			"<strong>3</strong> questions for",
			`<a href="/search?q=cache" rel="nofollow">One per question</a><a href="/search?q=cache&amp;collapse=0" rel="nofollow" class="selected" aria-current="true">Every post</a>`,
			// a typed query keeps every post
			`<input type="hidden" name="collapse" value="0">`,
			// the other links keep it too
			`href="/search?q=cache&amp;collapse=0&amp;sort=date"`,
		}, []string{"distinct", `class="times"`}},
		// inside one cluster: every time it was asked, no toggle; the
		// times that match, when a query narrows it
		{"/search?cluster=design-a-cache", 200, []string{"<strong>2</strong> questions", "here are all 2 times"}, []string{"Every post", "distinct"}},
		{"/search?q=cache&cluster=design-a-cache", 200, []string{"<strong>2</strong> questions", "here are the 2 times that match this search"}, []string{"Every post"}},
		{"/search?q=two+sum&type=experience", 200, []string{"<strong>2</strong> experiences"}, []string{"Every post", "distinct"}},
		{"/search?q=the", 400, []string{"only common words", `name="q"`}, nil},
		// nothing has the phrase and the word (a phrase keeps its strict
		// meaning, so nothing is relaxed): the page offers a query that
		// finds something
		{"/search?q=%22search+results%22+sorted", 200, []string{"Did you mean", `href="/search?q=%22search&#43;results%22"`}, nil},
		// nothing has both words: the hits with one of them, said so
		{"/search?q=eviction+sorted", 200, []string{"without some of <em>", "<em>eviction</em>", "<em>sorted</em>"}, []string{"Did you mean"}},
		// crawled text is shown as text
		{"/search?q=cache", 200, []string{"&lt;script&gt;", "Evil &lt;b&gt;Corp&lt;/b&gt;"}, []string{"<script>", "<img src=x", "<b>Corp", `href="javascript:`}},
		{"/experiences/e3", 200, []string{"Evil &lt;script&gt;", "&lt;img src=x onerror=alert(1)&gt; cache"}, []string{"<script>alert", "<img src=x", `href="javascript:`}},
		{"/experiences/e1", 200, []string{"Amazon backend loop", `id="q-2"`, "Two Sum", "Easy", "More questions from Amazon",
			// links back into search: the role at the company, a question's category
			`href="/search?company=Amazon&amp;role=Software&#43;Engineer"`, "Software Engineer questions at Amazon",
			`href="/search?category=System&#43;Design"`, `Originally posted at <a href="https://example.test/e1"`}, nil},
		// a typed query keeps the sort and the filters chosen
		{"/search?q=cache&sort=date&difficulty=Hard", 200, []string{`<input type="hidden" name="difficulty" value="Hard">`, `<input type="hidden" name="sort" value="date">`}, nil},
		// the first visit offers examples; a search does not
		{"/", 200, []string{`class="notice intro"`, `href="/search?q=lru&#43;cache"`}, nil},
		{"/search?q=cache", 200, []string{`Original post ↗`, `src="/static/v-`}, []string{`class="notice intro"`}},
		// the intro speaks of questions: not on the experiences tab
		{"/search?type=experience", 200, []string{"experiences"}, []string{`class="notice intro"`, " interview questions</h2>"}},
		{"/experiences/nope", 404, []string{"no such experience"}, nil},
		{"/no/such/page", 404, []string{"there is no page at /no/such/page"}, nil},
		{"/static/app.css", 200, []string{"mark {"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			code, h, body := get(t, ts, tt.path)
			if code != tt.wantCode {
				t.Errorf("GET %s = %d, want %d", tt.path, code, tt.wantCode)
			}
			for _, w := range tt.want {
				if !bytes.Contains(body, []byte(w)) {
					t.Errorf("GET %s: page lacks %q", tt.path, w)
				}
			}
			for _, w := range tt.notWant {
				if bytes.Contains(body, []byte(w)) {
					t.Errorf("GET %s: page contains %q", tt.path, w)
				}
			}
			if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("GET %s: Content-Security-Policy = %q, want script-src 'self'", tt.path, csp)
			}
			if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("GET %s: X-Content-Type-Options = %q, want nosniff", tt.path, got)
			}
		})
	}
}

func TestWebURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.test/a?b=c", "https://example.test/a?b=c"},
		{"http://example.test", "http://example.test"},
		{" https://example.test/x ", "https://example.test/x"},
		{"javascript:alert(1)", ""},
		{"JavaScript:alert(1)", ""},
		{"data:text/html,<script>alert(1)</script>", ""},
		{"//evil.test/x", ""},
		{"/experiences/e1", ""},
		{"https:///nohost", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := webURL(tt.in); got != tt.want {
			t.Errorf("webURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatMS(t *testing.T) {
	tests := []struct {
		in   time.Duration
		want string
	}{
		{450 * time.Microsecond, "0.45 ms"},
		{12340 * time.Microsecond, "12.3 ms"},
		{140 * time.Millisecond, "140 ms"},
	}
	for _, tt := range tests {
		if got := formatMS(tt.in); got != tt.want {
			t.Errorf("formatMS(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStaticVersioned(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		path, wantCache string
	}{
		{"/static/v-" + web.Version() + "/app.js", "public, max-age=31536000, immutable"},
		{"/static/v-0000000000/app.js", "no-cache"}, // an older page's version still gets the file
		{"/static/app.js", "no-cache"},
		{"/static/state.js", "no-cache"},
	}
	for _, tt := range tests {
		code, h, body := get(t, ts, tt.path)
		if code != 200 || len(body) == 0 {
			t.Errorf("GET %s = %d with %d bytes, want 200 and the file", tt.path, code, len(body))
		}
		if got := h.Get("Cache-Control"); got != tt.wantCache {
			t.Errorf("GET %s Cache-Control = %q, want %q", tt.path, got, tt.wantCache)
		}
		if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
			t.Errorf("GET %s Content-Type = %q, want text/javascript (modules need it)", tt.path, ct)
		}
	}
}

func TestRunServesAndShutsDown(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	idx, err := index.Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	idx.Close()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan int, 1)
	var stdout, stderr bytes.Buffer
	go func() { done <- run(ctx, []string{"-index", dir, "-addr", "127.0.0.1:0"}, &stdout, &stderr, ready) }()
	var addr string
	select {
	case addr = <-ready:
	case code := <-done:
		t.Fatalf("run exited %d before serving: %s", code, stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatal("searchd did not start within 10s")
	}
	resp, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET /healthz = %d, want 200", resp.StatusCode)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("run = %d after shutdown, want 0; stderr: %s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("searchd did not shut down within 10s")
	}
}

// TestRunCPUProfile: -cpuprofile writes a profile of the serving when
// searchd shuts down; a file that cannot be created stops it before it
// serves.
func TestRunCPUProfile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	idx, err := index.Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	idx.Close()
	prof := filepath.Join(t.TempDir(), "cpu.prof")
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan int, 1)
	var stdout, stderr bytes.Buffer
	go func() {
		done <- run(ctx, []string{"-index", dir, "-addr", "127.0.0.1:0", "-cpuprofile", prof}, &stdout, &stderr, ready)
	}()
	var addr string
	select {
	case addr = <-ready:
	case code := <-done:
		t.Fatalf("run exited %d before serving: %s", code, stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatal("searchd did not start within 10s")
	}
	resp, err := http.Get("http://" + addr + "/api/search?q=design")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("run = %d after shutdown, want 0; stderr: %s", code, stderr.String())
	}
	b, err := os.ReadFile(prof)
	if err != nil {
		t.Fatal(err)
	}
	// A profile is gzipped protocol buffers.
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b {
		t.Errorf("%s holds %d bytes starting %q, want a gzipped profile", prof, len(b), b[:min(len(b), 8)])
	}

	stderr.Reset()
	code := run(context.Background(), []string{"-index", dir, "-addr", "127.0.0.1:0", "-cpuprofile", filepath.Join(t.TempDir(), "no", "cpu.prof")}, &stdout, &stderr, nil)
	if code != 1 || !strings.Contains(stderr.String(), "searchd: cpu profile: open ") {
		t.Errorf("run(-cpuprofile in a missing folder) = %d, stderr %q; want 1 and the file's error", code, stderr.String())
	}
}

func TestRunFlags(t *testing.T) {
	tests := []struct {
		args     []string
		wantCode int
		wantErr  string
	}{
		{nil, 2, "give either -data DIR"},
		{[]string{"-index", "x", "-data", "y"}, 2, "give either -data DIR"},
		{[]string{"-index", "/nonexistent/idx"}, 1, "no index there"},
		{[]string{"-data", "/nonexistent/data"}, 1, "no current version"},
		{[]string{"-index", "x", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"-bogus"}, 2, "flag provided but not defined"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), tt.args, &stdout, &stderr, nil)
		if code != tt.wantCode || !strings.Contains(stderr.String(), tt.wantErr) {
			t.Errorf("run(%q) = %d, stderr %q; want %d and %q", tt.args, code, stderr.String(), tt.wantCode, tt.wantErr)
		}
	}
}

func TestAPISuggestAndDates(t *testing.T) {
	ts := newTestServer(t)
	var sug struct {
		Values []askedat.FacetValue
	}
	if code := getJSON(t, ts, "/api/suggest?field=company&prefix=goo", &sug); code != 200 {
		t.Fatalf("GET /api/suggest = %d", code)
	}
	if diff := cmp.Diff([]askedat.FacetValue{{Value: "Google", Count: 2}}, sug.Values); diff != "" {
		t.Errorf("suggest goo (-want +got):\n%s", diff)
	}
	var res struct {
		Dates        []askedat.FacetValue
		DateInterval string `json:"date_interval"`
	}
	if code := getJSON(t, ts, "/api/search?q=cache&date_interval=month", &res); code != 200 {
		t.Fatalf("GET /api/search = %d", code)
	}
	want := []askedat.FacetValue{{Value: "2022-01", Count: 1}, {Value: "2023-02", Count: 1}, {Value: "2024-05", Count: 1}}
	if diff := cmp.Diff(want, res.Dates); diff != "" || res.DateInterval != "month" {
		t.Errorf("dates by month (-want +got):\n%s (interval %q)", diff, res.DateInterval)
	}
}
