package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/datadir"
	"github.com/askedat/askedat/query"
	"github.com/askedat/askedat/web"
)

// searchesRun counts the searches searchd at base has run, by its metrics.
func searchesRun(t *testing.T, base string) float64 {
	t.Helper()
	var n float64
	for _, m := range scrape(t, base)["askedat_searches_total"].GetMetric() {
		n += m.GetCounter().GetValue()
	}
	return n
}

// TestETagRevalidation: every cacheable route's answer has a weak ETag
// and Cache-Control: no-cache; asked again with the tag in If-None-Match
// (alone, in a list, strong or weak, compressed or not) it is a 304 with
// no body and no search; another tag is a 200.
func TestETagRevalidation(t *testing.T) {
	base, id := startVersioned(t, 12)
	paths := []string{
		"/api/search?q=cache",
		"/api/search?q=two+sum&company=alpha&collapse=cluster&page=2&size=5",
		"/api/suggest?field=company&prefix=al",
		"/api/experiences/alpha-3",
		"/",
		"/search?q=design&difficulty=hard",
		"/experiences/alpha-3",
	}
	for _, path := range paths {
		t.Run(path, func(t *testing.T) {
			first, body := rawGet(t, "GET", base+path)
			tag := first.Header.Get("ETag")
			if first.StatusCode != http.StatusOK || !strings.HasPrefix(tag, `W/"`) || !strings.HasSuffix(tag, `"`) {
				t.Fatalf("GET = %d with ETag %q; want 200 and a weak tag", first.StatusCode, tag)
			}
			if got := first.Header.Get("Cache-Control"); got != "no-cache" {
				t.Errorf("Cache-Control %q, want no-cache", got)
			}
			if first.Header.Get("X-Index-Version") != id || len(body) == 0 {
				t.Fatalf("answered by version %q with %d bytes", first.Header.Get("X-Index-Version"), len(body))
			}
			strong := strings.TrimPrefix(tag, "W/")
			for _, tt := range []struct {
				name   string
				header []string
				want   int
			}{
				{"the tag", []string{"If-None-Match", tag}, http.StatusNotModified},
				{"the tag, gzip", []string{"If-None-Match", tag, "Accept-Encoding", "gzip"}, http.StatusNotModified},
				{"the tag, zstd", []string{"If-None-Match", tag, "Accept-Encoding", "zstd"}, http.StatusNotModified},
				{"the tag without W/", []string{"If-None-Match", strong}, http.StatusNotModified},
				{"in a list", []string{"If-None-Match", `"other", ` + tag + `, W/"more"`}, http.StatusNotModified},
				{"another tag", []string{"If-None-Match", `W/"other"`}, http.StatusOK},
				{"a tag cut short", []string{"If-None-Match", tag[:len(tag)-2] + `"`}, http.StatusOK},
				{"a malformed list", []string{"If-None-Match", `nonsense ` + tag}, http.StatusOK},
				{"* (not evaluated before the answer)", []string{"If-None-Match", "*"}, http.StatusOK},
			} {
				before := searchesRun(t, base)
				resp, body := rawGet(t, "GET", base+path, tt.header...)
				if resp.StatusCode != tt.want {
					t.Errorf("%s: %d, want %d", tt.name, resp.StatusCode, tt.want)
					continue
				}
				if got := resp.Header.Get("ETag"); got != tag {
					t.Errorf("%s: ETag %q, want %q", tt.name, got, tag)
				}
				if tt.want != http.StatusNotModified {
					continue
				}
				if len(body) != 0 || resp.Header.Get("Cache-Control") != "no-cache" || !strings.Contains(strings.Join(resp.Header.Values("Vary"), ","), "Accept-Encoding") {
					t.Errorf("%s: 304 with %d bytes, Cache-Control %q, Vary %q; want no body, no-cache, Accept-Encoding",
						tt.name, len(body), resp.Header.Get("Cache-Control"), resp.Header.Values("Vary"))
				}
				if ran := searchesRun(t, base) - before; ran != 0 {
					t.Errorf("%s: the 304 ran %v searches, want none", tt.name, ran)
				}
			}
		})
	}
}

// TestETagNamesTheRequest: requests the route reads alike share a tag;
// requests with other answers do not.
func TestETagNamesTheRequest(t *testing.T) {
	base, _ := startVersioned(t, 12)
	tagOf := func(path string) string {
		t.Helper()
		resp, _ := rawGet(t, "GET", base+path)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") == "" {
			t.Fatalf("GET %s = %d with ETag %q", path, resp.StatusCode, resp.Header.Get("ETag"))
		}
		return resp.Header.Get("ETag")
	}
	same := [][]string{
		{"/api/search?q=cache", "/api/search?q=cache&size=10&page=1", "/api/search?q=+cache+", "/api/search?q=cache&sort=relevance"},
		{"/api/search?q=cache&company=alpha", "/api/search?company=Alpha&q=cache", "/api/search?q=cache&company=ALPHA&company=alpha"},
		{"/api/suggest?field=company&prefix=al", "/api/suggest?prefix=al&field=company&size=10"},
		{"/search?q=cache&company=Alpha", "/search?company=Alpha&q=cache", "/search?q=cache&company=Alpha&utm_source=mail"},
	}
	for _, paths := range same {
		want := tagOf(paths[0])
		for _, p := range paths[1:] {
			if got := tagOf(p); got != want {
				t.Errorf("%s has ETag %s, %s has %s; want one", p, got, paths[0], want)
			}
		}
	}
	differ := []string{
		"/api/search?q=cache", "/api/search?q=sum", "/api/search?q=cache&page=2&size=1", "/api/search?q=cache&size=11",
		"/api/search?q=cache&collapse=cluster", "/api/search?q=cache&type=experience", "/api/search?q=cache&sort=date",
		"/api/suggest?field=company&prefix=a", "/api/suggest?field=role&prefix=a",
		"/api/experiences/alpha-1", "/api/experiences/alpha-2", "/experiences/alpha-1",
		"/search?q=cache", "/search?q=cache&collapse=0", "/",
	}
	seen := map[string]string{}
	for _, p := range differ {
		tag := tagOf(p)
		if other, ok := seen[tag]; ok {
			t.Errorf("%s and %s share ETag %s", p, other, tag)
		}
		seen[tag] = p
	}
}

// TestNoETagOnErrors: an error answer has no tag and says no-store, even
// when asked with a tag.
func TestNoETagOnErrors(t *testing.T) {
	base, _ := startVersioned(t, 3)
	for _, tt := range []struct {
		path string
		want int
	}{
		{"/api/search?size=0", http.StatusBadRequest},
		{"/api/search?q=%22unclosed", http.StatusBadRequest},
		{"/api/search?q=cache&bogus=1", http.StatusBadRequest},
		{"/api/suggest?field=bogus&prefix=a", http.StatusBadRequest},
		{"/api/experiences/nosuch", http.StatusNotFound},
		{"/api/questions/nosuch", http.StatusNotFound},
		{"/experiences/nosuch", http.StatusNotFound},
		{"/search?q=%22unclosed", http.StatusBadRequest},
		{"/search?size=0", http.StatusBadRequest},
		{"/nowhere", http.StatusNotFound},
	} {
		for _, header := range [][]string{nil, {"If-None-Match", `W/"x"`}} {
			resp, _ := rawGet(t, "GET", base+tt.path, header...)
			if resp.StatusCode != tt.want || resp.Header.Get("ETag") != "" || resp.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("GET %s %v = %d with ETag %q, Cache-Control %q; want %d, no tag, no-store",
					tt.path, header, resp.StatusCode, resp.Header.Get("ETag"), resp.Header.Get("Cache-Control"), tt.want)
			}
		}
	}
}

// TestETagAcrossASwap: after a live swap to a new version (even one of the
// same posts) an old tag is answered 200 with the new version's tag, and
// the new tag revalidates; the swap back gives the old tags back.
func TestETagAcrossASwap(t *testing.T) {
	data := t.TempDir()
	dd := datadir.Dir{Path: data}
	a, b := makeVersion(t, data, "Alpha", 5), makeVersion(t, data, "Alpha", 5) // the same posts
	if err := dd.Switch(a); err != nil {
		t.Fatal(err)
	}
	base, _ := startSearchd(t, "-data", data, "-poll", "1h")
	paths := []string{"/api/search?q=cache", "/api/experiences/alpha-0", "/search?q=cache"}
	tags := map[string]string{}
	for _, p := range paths {
		resp, _ := rawGet(t, "GET", base+p)
		tags[p] = resp.Header.Get("ETag")
	}
	if err := dd.Switch(b); err != nil {
		t.Fatal(err)
	}
	waitFor(t, base, "version "+b, func(r readyz) bool { return r.Version == b })
	for _, p := range paths {
		resp, _ := rawGet(t, "GET", base+p, "If-None-Match", tags[p])
		newTag := resp.Header.Get("ETag")
		if resp.StatusCode != http.StatusOK || resp.Header.Get("X-Index-Version") != b || newTag == "" || newTag == tags[p] {
			t.Errorf("%s with version %s's tag after the swap: %d from %s with ETag %s; want 200 from %s with a new tag",
				p, a, resp.StatusCode, resp.Header.Get("X-Index-Version"), newTag, b)
			continue
		}
		if resp, _ := rawGet(t, "GET", base+p, "If-None-Match", newTag); resp.StatusCode != http.StatusNotModified {
			t.Errorf("%s with the new tag: %d, want 304", p, resp.StatusCode)
		}
	}
	if err := dd.Switch(a); err != nil {
		t.Fatal(err)
	}
	waitFor(t, base, "version "+a, func(r readyz) bool { return r.Version == a })
	for _, p := range paths {
		if resp, _ := rawGet(t, "GET", base+p, "If-None-Match", tags[p]); resp.StatusCode != http.StatusNotModified {
			t.Errorf("%s with version %s's tag once it serves again: %d, want 304", p, a, resp.StatusCode)
		}
	}
}

// buildFolder builds an index folder at dir of the posts at company, as
// indexer -index does.
func buildFolder(t *testing.T, dir, company string) {
	t.Helper()
	idx, err := index.Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		e := askedat.Experience{ID: strings.ToLower(company) + string(rune('a'+i)), URL: "https://example.test/" + company + string(rune('a'+i)),
			Title: company + " loop", Company: company, Date: "2024-01-02",
			Questions: []askedat.Question{{Ordinal: 1, Title: "Design a cache", Category: "System Design"}}}
		w := idx.NewWriter(0)
		if err := w.Add(&e); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestETagOfAFolderRebuiltUnderItsName: searchd -index names its version
// by the folder, which a rebuild keeps; the tag is the index's content's,
// so a rebuilt folder's answers get new tags.
func TestETagOfAFolderRebuiltUnderItsName(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	tagOnce := func(company string) string {
		t.Helper()
		os.RemoveAll(dir)
		buildFolder(t, dir, company)
		ctx, cancel := context.WithCancel(context.Background())
		ready, done := make(chan string, 1), make(chan int, 1)
		go func() {
			done <- run(ctx, []string{"-index", dir, "-addr", "127.0.0.1:0"}, io.Discard, io.Discard, ready)
		}()
		defer func() { cancel(); <-done }()
		var base string
		select {
		case addr := <-ready:
			base = "http://" + addr
		case code := <-done:
			t.Fatalf("searchd exited %d", code)
		case <-time.After(30 * time.Second):
			t.Fatal("searchd did not start")
		}
		resp, _ := rawGet(t, "GET", base+"/api/search?q=cache")
		if resp.Header.Get("X-Index-Version") != "idx" || resp.Header.Get("ETag") == "" {
			t.Fatalf("version %q, ETag %q", resp.Header.Get("X-Index-Version"), resp.Header.Get("ETag"))
		}
		return resp.Header.Get("ETag")
	}
	if a, b := tagOnce("Alpha"), tagOnce("Beta"); a == b {
		t.Errorf("folder idx rebuilt with other posts: the same ETag %s", a)
	}
}

// TestCacheMaxAge: -cache-max-age sets the max-age of cacheable answers;
// errors stay no-store.
func TestCacheMaxAge(t *testing.T) {
	base, _ := startVersioned(t, 3, "-cache-max-age", "90s")
	for _, tt := range []struct{ path, want string }{
		{"/api/search?q=cache", "public, max-age=90"},
		{"/search?q=cache", "public, max-age=90"},
		{"/api/search?size=0", "no-store"},
	} {
		if resp, _ := rawGet(t, "GET", base+tt.path); resp.Header.Get("Cache-Control") != tt.want {
			t.Errorf("GET %s: Cache-Control %q, want %q", tt.path, resp.Header.Get("Cache-Control"), tt.want)
		}
	}
}

// partialAll answers every search of the holder as one over budget. It
// does not embed the holder: the holder's searchCached would answer
// instead.
type partialAll struct{ h *holder }

func (p partialAll) SearchParsed(ctx context.Context, r askedat.Request, q *query.Query) (*askedat.Result, error) {
	res, err := p.h.SearchParsed(ctx, r, q)
	if err != nil {
		return nil, err
	}
	out := *res
	out.Partial = true
	return &out, nil
}

func (p partialAll) Suggest(ctx context.Context, field, prefix string, n int) ([]askedat.FacetValue, error) {
	return p.h.Suggest(ctx, field, prefix, n)
}

func (p partialAll) Experience(ctx context.Context, id string) (*askedat.Experience, error) {
	return p.h.Experience(ctx, id)
}

func (p partialAll) DocCount() (uint64, error) { return p.h.DocCount() }

// TestNoETagOnAPartialAnswer: what a search over its budget found may
// depend on the load, so it gets no tag and says no-store.
func TestNoETagOnAPartialAnswer(t *testing.T) {
	data := t.TempDir()
	if err := (datadir.Dir{Path: data}).Switch(makeVersion(t, data, "Alpha", 3)); err != nil {
		t.Fatal(err)
	}
	h, _ := newTestHolder(t, data, 0, io.Discard)
	ui, err := web.New()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Index: partialAll{h}, UI: ui, Logger: quietLogger()}
	ts := httptest.NewServer(h.pin(s.Handler()))
	t.Cleanup(ts.Close)
	for _, path := range []string{"/api/search?q=cache", "/search?q=cache"} {
		resp, body := rawGet(t, "GET", ts.URL+path)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") != "" || resp.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("GET %s over budget = %d with ETag %q, Cache-Control %q; want 200, no tag, no-store",
				path, resp.StatusCode, resp.Header.Get("ETag"), resp.Header.Get("Cache-Control"))
		}
		if strings.HasPrefix(path, "/api/") && !bytes.Contains(body, []byte(`"partial":true`)) {
			t.Errorf("GET %s: the answer is not partial: %.200s", path, body)
		}
	}
	// The experience route searches nothing: it keeps its tag.
	if resp, _ := rawGet(t, "GET", ts.URL+"/api/experiences/alpha-0"); resp.Header.Get("ETag") == "" {
		t.Errorf("GET /api/experiences/alpha-0: no ETag")
	}
}

func TestIfNoneMatch(t *testing.T) {
	const tag = `W/"abc"`
	for _, tt := range []struct {
		fields []string
		want   bool
	}{
		{[]string{`W/"abc"`}, true},
		{[]string{`"abc"`}, true},
		{[]string{`"x", W/"abc"`}, true},
		{[]string{`"x"`, `W/"abc"`}, true}, // two field lines
		{[]string{` ,"x" ,, "abc"`}, true},
		{[]string{`"a,b", "abc"`}, true}, // a comma inside a tag
		{[]string{`"abcd"`}, false},
		{[]string{`abc`}, false},
		{[]string{`"abc`}, false},
		{[]string{`*`}, false},
		{[]string{`x "abc"`}, false}, // the list stops parsing before it
		{nil, false},
	} {
		if got := ifNoneMatch(tt.fields, tag); got != tt.want {
			t.Errorf("ifNoneMatch(%q, %s) = %v, want %v", tt.fields, tag, got, tt.want)
		}
	}
}
