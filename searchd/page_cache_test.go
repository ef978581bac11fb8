package main

import (
	"context"
	"github.com/askedat/askedat"
	"io"
	"log/slog"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/query"
	"github.com/askedat/askedat/web"
)

// indexCounter counts the searches that reach the index.
type indexCounter struct {
	searcher
	n atomic.Int64
}

func (c *indexCounter) SearchParsed(ctx context.Context, r askedat.Request, q *query.Query) (*askedat.Result, error) {
	c.n.Add(1)
	return c.searcher.SearchParsed(ctx, r, q)
}

// TestPageAndScriptShareOneSearch checks that the search page's server
// render and the first request of its script (web/static/state.js apiURL:
// the page's parameters but collapse=0, collapse=cluster where the page
// collapses, and facet_size=FACET_SIZE) are one search: the second is
// answered from the cache.
func TestPageAndScriptShareOneSearch(t *testing.T) {
	idx := newTestIndex(t)
	counter := &indexCounter{searcher: idx}
	cached, err := newCachedSearcher(counter, 16)
	if err != nil {
		t.Fatal(err)
	}
	ui, err := web.New()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Index: cached, UI: ui, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	for _, tt := range []struct{ page, api string }{
		{"q=cache", "q=cache&collapse=cluster&"},
		{"q=cache&company=Amazon&sort=date", "q=cache&company=Amazon&sort=date&collapse=cluster&"},
		// the script asks with the URL's spelling; the page's links use the index's
		{"company=amazon&difficulty=hard", "company=amazon&difficulty=hard&collapse=cluster&"},
		{"", "collapse=cluster&"},
		{"q=cache&collapse=0", "q=cache&"},
		{"q=cache&type=experience", "q=cache&type=experience&"},
		{"cluster=two-sum", "cluster=two-sum&"},
		{"q=cache&difficulty=hard&difficulty_source=stated", "q=cache&difficulty=hard&difficulty_source=stated&collapse=cluster&"},
	} {
		q := tt.page
		before := counter.n.Load()
		if code, _, _ := get(t, ts, "/search?"+q); code != 200 {
			t.Fatalf("GET /search?%s = %d", q, code)
		}
		api := "/api/search?" + tt.api + "facet_size=" + strconv.Itoa(pageFacetSize)
		if code, _, _ := get(t, ts, api); code != 200 {
			t.Fatalf("GET %s = %d", api, code)
		}
		if got := counter.n.Load() - before; got != 1 {
			t.Errorf("page and script for %q: %d searches reached the index, want 1", q, got)
		}
	}
}

// TestScriptConstantsMatchServer keeps the script's copies of the server's
// numbers and words (web/static/state.js, app.js) equal to the server's.
func TestScriptConstantsMatchServer(t *testing.T) {
	read := func(name string) string {
		t.Helper()
		b, err := fsRead(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	state, app := read("state.js"), read("app.js")
	constant := func(src, name string) int {
		t.Helper()
		m := regexp.MustCompile(`export const ` + name + ` = (\d+);`).FindStringSubmatch(src)
		if m == nil {
			t.Fatalf("state.js has no constant %s", name)
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	for _, tt := range []struct {
		name      string
		got, want int
	}{
		{"DEFAULT_SIZE", constant(state, "DEFAULT_SIZE"), askedat.DefaultSize},
		{"MAX_SIZE", constant(state, "MAX_SIZE"), askedat.MaxSize},
		{"MAX_WINDOW", constant(state, "MAX_WINDOW"), askedat.MaxWindow},
		{"FACET_SIZE", constant(state, "FACET_SIZE"), pageFacetSize},
	} {
		if tt.got != tt.want {
			t.Errorf("state.js %s = %d, want %d (the server's)", tt.name, tt.got, tt.want)
		}
	}
	m := regexp.MustCompile(`const EXAMPLES = \[(.*)\];`).FindStringSubmatch(app)
	if m == nil {
		t.Fatal("app.js has no EXAMPLES")
	}
	var gotEx []string
	for _, q := range regexp.MustCompile(`"((?:[^"\\]|\\.)*)"|'([^']*)'`).FindAllStringSubmatch(m[1], -1) {
		gotEx = append(gotEx, q[1]+q[2])
	}
	if diff := cmp.Diff(examples, gotEx); diff != "" {
		t.Errorf("app.js EXAMPLES (-server +script):\n%s", diff)
	}
	for _, c := range []struct{ name, want string }{{"INFERRED_NOTE", inferredNote}, {"SOURCE_LABEL", sourceLabel}, {"SOURCE_TITLE", sourceTitle}} {
		if !strings.Contains(app, "const "+c.name+" = "+strconv.Quote(c.want)+";") {
			t.Errorf("app.js %s is not %q (the server's)", c.name, c.want)
		}
	}
	for f, label := range facetLabels {
		if !strings.Contains(state, f+`: "`+label+`"`) {
			t.Errorf("state.js LABELS lacks %s: %q", f, label)
		}
	}
	if fields := slices.Clone(askedat.FacetFields); !strings.Contains(state, `["`+strings.Join(fields, `", "`)+`"]`) {
		t.Errorf("state.js FACETS is not %q", fields)
	}
}

func fsRead(name string) ([]byte, error) {
	f, err := web.Static().Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// TestFacetValuesFoldAfterTen checks the server-rendered facet lists: the
// first ten values shown, the rest folded under "N more" (a <details>, so
// they open without the script), a ticked value always shown.
func TestFacetValuesFoldAfterTen(t *testing.T) {
	dir := t.TempDir() + "/idx"
	idx, err := index.Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	w := idx.NewWriter(0)
	for i := range 14 {
		// Company i has 20-i questions, so the list's order is known.
		e := askedat.Experience{ID: "c" + strconv.Itoa(i), URL: "https://example.test/c" + strconv.Itoa(i), Title: "Interview",
			Company: "Company" + strconv.Itoa(i), Date: "2024-01-01"}
		for n := range 20 - i {
			e.Questions = append(e.Questions, askedat.Question{Ordinal: n + 1, Title: "Question about caching", Category: "Other"})
		}
		if err := w.Add(&e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	ui, err := web.New()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Index: idx, UI: ui, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	for _, tt := range []struct {
		path          string
		shown, folded []string
	}{
		{"/search?q=caching", []string{"Company0", "Company9"}, []string{"Company10", "Company13"}},
		{"/search?q=caching&company=Company12", []string{"Company0", "Company9", "Company12"}, []string{"Company10", "Company13"}},
	} {
		_, _, body := get(t, ts, tt.path)
		page := string(body)
		before, after, ok := strings.Cut(page[strings.Index(page, `data-field="company"`):], `<details class="facet-rest">`)
		if !ok {
			t.Fatalf("GET %s: the company facet has no folded values", tt.path)
		}
		after, _, _ = strings.Cut(after, "</details>")
		for _, c := range tt.shown {
			if !strings.Contains(before, ">"+c+"<") {
				t.Errorf("GET %s: %s is not among the values shown", tt.path, c)
			}
		}
		for _, c := range tt.folded {
			if !strings.Contains(after, ">"+c+"<") || strings.Contains(before, ">"+c+"<") {
				t.Errorf("GET %s: %s is not folded under more", tt.path, c)
			}
		}
	}
}
