package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/client"
)

func newClient(t *testing.T, opts ...client.Option) *client.Client {
	t.Helper()
	c, err := client.New(baseURL, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestSearch(t *testing.T) {
	c := newClient(t)
	quokka := map[string][]string{"company": {"quokka labs"}}
	tests := []struct {
		name      string
		req       askedat.Request
		wantQuery string
		wantPage  int
		wantSize  int
		wantIDs   []string
	}{
		{"a filter in another spelling", askedat.Request{Query: " cache ", Filters: quokka, Sort: "date"}, "cache", 1, 10, []string{"quokka-1-q1", "quokka-2-q1"}},
		{"the second page", askedat.Request{Query: "cache", Filters: quokka, Sort: "date", Size: 1, From: 1}, "cache", 2, 1, []string{"quokka-2-q1"}},
		{"posts", askedat.Request{Filters: quokka, Type: askedat.TypeExperience, Sort: "date"}, "", 1, 10, []string{"quokka-1", "quokka-2"}},
		{"one question cluster", askedat.Request{Query: "lru", Filters: map[string][]string{"company": {"Quokka Labs", "Numbat"}}, Collapse: askedat.CollapseCluster, Sort: "date"},
			"lru", 1, 10, []string{"quokka-1-q1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Search(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, h := range res.Hits {
				ids = append(ids, h.ID)
			}
			if res.Query != tt.wantQuery || res.Page != tt.wantPage || res.Size != tt.wantSize {
				t.Errorf("query %q, page %d, size %d; want %q, %d, %d", res.Query, res.Page, res.Size, tt.wantQuery, tt.wantPage, tt.wantSize)
			}
			if diff := cmp.Diff(tt.wantIDs, ids); diff != "" {
				t.Errorf("hits (-want +got):\n%s", diff)
			}
			if got := res.Filters["company"]; len(got) == 0 || got[0] != "Quokka Labs" {
				t.Errorf("filters as applied = %v, want company Quokka Labs first", res.Filters)
			}
			if res.Took <= 0 && res.TookMS > 0 {
				t.Errorf("Took %v from took_ms %v", res.Took, res.TookMS)
			}
			if len(res.Facets["company"]) == 0 || res.DateInterval != "year" {
				t.Errorf("facets %v, date interval %q: the Result's fields are not decoded", res.Facets, res.DateInterval)
			}
		})
	}
	// With collapse=cluster, Groups counts the groups: Quokka's and
	// Numbat's LRU questions are one cluster.
	res, err := c.Search(context.Background(), tests[3].req)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 || res.Groups != 1 || res.Hits[0].Collapsed != 2 {
		t.Errorf("collapsed: total %d, groups %d, collapsed %d; want 2, 1, 2", res.Total, res.Groups, res.Hits[0].Collapsed)
	}
}

// TestHitsPagesByCursor: the iterator yields every hit once, in the
// order pages by number give them, and stops asking when the loop stops.
func TestHitsPagesByCursor(t *testing.T) {
	var requests atomic.Int64
	c := newClient(t, client.WithHTTPClient(&http.Client{Transport: countingTransport{&requests}}))
	req := askedat.Request{Query: "design", Sort: "date", Size: 7}
	var want []string
	var total uint64
	for from := 0; ; from += 7 {
		r := req
		r.From = from
		res, err := c.Search(context.Background(), r)
		if err != nil {
			t.Fatal(err)
		}
		total = res.Total
		for _, h := range res.Hits {
			want = append(want, h.ID)
		}
		if len(res.Hits) < 7 {
			break
		}
	}
	if total < 15 {
		t.Fatalf("design finds %d questions; the test wants three pages or more", total)
	}
	requests.Store(0)
	var got []string
	for h, err := range c.Hits(context.Background(), req) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, h.ID)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Hits (-pages by number +by cursor):\n%s", diff)
	}
	if n, pages := requests.Load(), int64((total+6)/7); n != pages {
		t.Errorf("Hits sent %d requests for %d hits, want %d", n, total, pages)
	}
	requests.Store(0)
	n := 0
	for range c.Hits(context.Background(), req) {
		if n++; n == 8 {
			break
		}
	}
	if got := requests.Load(); got != 2 {
		t.Errorf("stopping at the 8th hit of pages of 7 sent %d requests, want 2", got)
	}
}

func TestHitsYieldsTheErrorLast(t *testing.T) {
	c := newClient(t)
	var errs []error
	hits := 0
	for h, err := range c.Hits(context.Background(), askedat.Request{Query: `"unclosed`}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		_ = h
		hits++
	}
	var apiErr *client.Error
	if hits != 0 || len(errs) != 1 || !errors.As(errs[0], &apiErr) || apiErr.Status != http.StatusBadRequest {
		t.Errorf("Hits of a malformed query: %d hits, errors %v; want none and one 400", hits, errs)
	}
}

// TestErrors: what searchd refuses is an *Error with searchd's status and
// message.
func TestErrors(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	tests := []struct {
		name       string
		call       func() error
		wantStatus int
		wantMsg    string
		wantPath   string
	}{
		{"size out of range", func() error { _, err := c.Search(ctx, askedat.Request{Size: 500}); return err },
			400, "size 500 is out of range", "/api/search"},
		{"unknown sort", func() error { _, err := c.Search(ctx, askedat.Request{Sort: "popular"}); return err },
			400, `sort "popular" is not one of`, "/api/search"},
		{"unknown filter field", func() error {
			_, err := c.Search(ctx, askedat.Request{Filters: map[string][]string{"compnay": {"x"}}})
			return err
		}, 400, `unknown parameter "compnay"`, "/api/search"},
		{"malformed query", func() error { _, err := c.Search(ctx, askedat.Request{Query: "cache OR"}); return err },
			400, "OR", "/api/search"},
		{"no such experience", func() error { _, err := c.Experience(ctx, "nosuch"); return err },
			404, "no such experience", "/api/experiences/nosuch"},
		{"no such cluster", func() error { _, err := c.Cluster(ctx, "no such cluster"); return err },
			404, `no question cluster "no such cluster"`, "/api/questions/no such cluster"},
		{"suggest on no field", func() error { _, err := c.Suggest(ctx, "salary", "", 0); return err },
			400, `cannot suggest "salary"`, "/api/suggest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			var apiErr *client.Error
			if !errors.As(err, &apiErr) {
				t.Fatalf("error %v (%T), want a *client.Error", err, err)
			}
			if apiErr.Status != tt.wantStatus || !strings.Contains(apiErr.Message, tt.wantMsg) || apiErr.Path != tt.wantPath || apiErr.Method != http.MethodGet {
				t.Errorf("error %s %s %d %q; want GET %s %d and a message with %q", apiErr.Method, apiErr.Path, apiErr.Status, apiErr.Message, tt.wantPath, tt.wantStatus, tt.wantMsg)
			}
			if !strings.Contains(err.Error(), apiErr.Message) {
				t.Errorf("Error() = %q lacks the message", err.Error())
			}
		})
	}
}

// TestErrorsNotFromTheAPI: answers of something in front of searchd (a
// proxy's page, a throttle) are *Errors too, with their Retry-After.
func TestErrorsNotFromTheAPI(t *testing.T) {
	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		retryAfter  string
		wantMsg     string
		wantRetry   time.Duration
	}{
		{"a proxy's page", http.StatusBadGateway, "text/html", "<html><h1>502 Bad Gateway</h1></html>", "", "<html><h1>502 Bad Gateway</h1></html>", 0},
		{"no body", http.StatusServiceUnavailable, "", "", "7", "Service Unavailable", 7 * time.Second},
		{"the API's JSON", http.StatusTooManyRequests, "application/json", `{"error":"slow down","status":429}`, "1", "slow down", time.Second},
		{"a long page, cut", http.StatusBadGateway, "text/plain", strings.Repeat("x", 2000), "", strings.Repeat("x", 512) + "…", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.contentType != "" {
					w.Header().Set("Content-Type", tt.contentType)
				}
				if tt.retryAfter != "" {
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				w.WriteHeader(tt.status)
				w.Write([]byte(tt.body))
			}))
			defer ts.Close()
			c, err := client.New(ts.URL)
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Search(context.Background(), askedat.Request{Query: "x"})
			var apiErr *client.Error
			if !errors.As(err, &apiErr) || apiErr.Status != tt.status || apiErr.Message != tt.wantMsg || apiErr.RetryAfter != tt.wantRetry {
				t.Errorf("error %#v, want status %d, message %q, retry after %v", err, tt.status, tt.wantMsg, tt.wantRetry)
			}
		})
	}
	// A 200 that is not JSON is no answer of searchd's.
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html>login</html>"))
	}))
	defer ts.Close()
	c, _ := client.New(ts.URL)
	if _, err := c.Search(context.Background(), askedat.Request{}); err == nil || !strings.Contains(err.Error(), "not JSON") {
		t.Errorf("a 200 HTML answer: error %v, want one saying it is not JSON", err)
	}
}

func TestOtherRoutes(t *testing.T) {
	c := newClient(t)
	ctx := context.Background()
	e, err := c.Experience(ctx, "quokka-1")
	if err != nil {
		t.Fatal(err)
	}
	if e.Company != "Quokka Labs" || len(e.Questions) != 2 || e.Questions[0].Cluster == "" {
		t.Errorf("Experience(quokka-1) = %s, %d questions, first cluster %q", e.Company, len(e.Questions), e.Questions[0].Cluster)
	}
	cl, err := c.Cluster(ctx, e.Questions[0].Cluster)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range cl.Hits {
		ids = append(ids, h.ID)
	}
	if !slices.Contains(ids, "quokka-1-q1") || !slices.Contains(ids, "numbat-1-q1") || cl.AskedAt < 2 || cl.Questions != uint64(len(cl.Hits)) || cl.Title == "" {
		t.Errorf("Cluster(%s) = %q, asked at %d, %d questions, hits %v; want both LRU questions", cl.ID, cl.Title, cl.AskedAt, cl.Questions, ids)
	}
	vals, err := c.Suggest(ctx, "company", "quo", 0)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]askedat.FacetValue{{Value: "Quokka Labs", Count: 3}}, vals); diff != "" {
		t.Errorf("Suggest(company, quo) (-want +got):\n%s", diff)
	}
	if err := c.Health(ctx); err != nil {
		t.Errorf("Health: %v", err)
	}
	r, err := c.Ready(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != "ready" || r.Documents == 0 {
		t.Errorf("Ready = %+v, want ready with documents", r)
	}
}

func TestContext(t *testing.T) {
	c := newClient(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Search(ctx, askedat.Request{Query: "cache"}); !errors.Is(err, context.Canceled) {
		t.Errorf("Search with a cancelled context: %v, want context.Canceled", err)
	}
	for _, err := range c.Hits(ctx, askedat.Request{Query: "cache"}) {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Hits with a cancelled context: %v, want context.Canceled", err)
		}
	}
}

// countingTransport counts the requests it sends.
type countingTransport struct{ n *atomic.Int64 }

func (c countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return http.DefaultTransport.RoundTrip(r)
}

func TestOptions(t *testing.T) {
	var agents []string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		agents = append(agents, r.Header.Get("User-Agent"))
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"status":"ok"}`))
	}))
	defer ts.Close()
	var n atomic.Int64
	for _, tt := range []struct {
		opts      []client.Option
		wantAgent string
		wantSent  int64
	}{
		{nil, "askedat-client", 0},
		{[]client.Option{client.WithUserAgent("loadtest/1"), client.WithHTTPClient(&http.Client{Transport: countingTransport{&n}})}, "loadtest/1", 1},
	} {
		agents, n = nil, atomic.Int64{}
		c, err := client.New(ts.URL, tt.opts...)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Health(context.Background()); err != nil {
			t.Fatal(err)
		}
		if len(agents) != 1 || agents[0] != tt.wantAgent || n.Load() != tt.wantSent {
			t.Errorf("User-Agent %q, %d sent through the custom client; want %q, %d", agents, n.Load(), tt.wantAgent, tt.wantSent)
		}
	}
}

// TestBaseURLWithAPath: a searchd behind a proxy under a path prefix; ids
// are one path segment whatever they hold.
func TestBaseURLWithAPath(t *testing.T) {
	target, _ := url.Parse(baseURL)
	var paths []string
	proxy := httputil.NewSingleHostReverseProxy(target)
	front := httptest.NewServer(http.StripPrefix("/askedat", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.EscapedPath())
		proxy.ServeHTTP(w, r)
	})))
	defer front.Close()
	c, err := client.New(front.URL + "/askedat/")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Search(context.Background(), askedat.Request{Query: "cache"}); err != nil {
		t.Fatal(err)
	}
	_, err = c.Experience(context.Background(), "a/b?c")
	var apiErr *client.Error
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusNotFound {
		t.Errorf("Experience(a/b?c) = %v, want a 404", err)
	}
	if want := []string{"/api/search", "/api/experiences/a%2Fb%3Fc"}; !slices.Equal(paths, want) {
		t.Errorf("paths past the prefix %q, want %q", paths, want)
	}
}

func TestNewRefusesABadBaseURL(t *testing.T) {
	for _, u := range []string{"", "127.0.0.1:8080", "ftp://host/", "http://", "http://host/?q=x", "http://host/#top", "http://user:pw@host/", "http://host/%zz"} {
		if _, err := client.New(u); err == nil {
			t.Errorf("New(%q) = nil error, want one", u)
		}
	}
	for _, u := range []string{"http://127.0.0.1:8080", "https://search.example/", "http://host/prefix/"} {
		if _, err := client.New(u); err != nil {
			t.Errorf("New(%q): %v", u, err)
		}
	}
}

// TestPagingNeedsWholePages: the API pages by number, so a From between
// pages is refused before anything is sent.
func TestPagingNeedsWholePages(t *testing.T) {
	var n atomic.Int64
	c := newClient(t, client.WithHTTPClient(&http.Client{Transport: countingTransport{&n}}))
	for _, r := range []askedat.Request{{From: 5}, {From: 3, Size: 2}, {From: -10}} {
		if _, err := c.Search(context.Background(), r); err == nil {
			t.Errorf("Search(from %d, size %d) = nil error, want one", r.From, r.Size)
		}
	}
	if n.Load() != 0 {
		t.Errorf("%d requests sent for requests the API cannot say", n.Load())
	}
}
