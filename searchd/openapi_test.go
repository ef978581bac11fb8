package main

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/client"
	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/datadir"
	"github.com/askedat/askedat/query"
	"github.com/askedat/askedat/web"
)

// specExperiences are testExperiences and two posts that fill what those
// leave empty: every optional field of a post and a question (an inferred
// difficulty among them), and a post without questions.
func specExperiences() []askedat.Experience {
	return append(testExperiences(),
		askedat.Experience{ID: "rich", URL: "https://example.test/rich", Source: "test", Title: "Numbat onsite", Company: "Numbat",
			Role: "Data Engineer", Status: "Offer", Date: "2021-07-04", Reads: 12, Summary: "Four rounds.", Body: "It went well.",
			Level: "SDE-2", Campus: "Off-Campus", Location: "Remote", Difficulty: "Medium", Sentiment: "Positive", Tags: []string{"onsite"},
			Extractor: "generic", CompanyRaw: "numbat inc", RoleRaw: "data eng", StatusRaw: "offered", DifficultyRaw: "med",
			Questions: []askedat.Question{{Ordinal: 1, Title: "Estimate the numbat census", Category: "Aptitude", Difficulty: "Medium",
				DifficultySource: askedat.DifficultyInferred, Body: "Count the numbats.", Round: "Round 1", URL: "https://example.test/p/1",
				Tags: []string{"Math"}, CategoryInferred: true, CategoryRaw: "puzzle", DifficultyRaw: "med"}}},
		askedat.Experience{ID: "bare", URL: "https://example.test/bare", Title: "A post that lists no questions", Company: "Numbat"},
	)
}

// publishExperiences indexes exps as a new version of the data directory data
// and makes it current.
func publishExperiences(t *testing.T, data string, exps []askedat.Experience) string {
	t.Helper()
	id := indexVersion(t, data, exps, datadir.SmokeFor(&exps[0], rand.New(rand.NewPCG(1, 2))))
	if err := (datadir.Dir{Path: data}).Switch(id); err != nil {
		t.Fatal(err)
	}
	return id
}

// indexVersion indexes exps as a new version of the data directory data,
// checked at open by smoke, and publishes it without making it current.
func indexVersion(t *testing.T, data string, exps []askedat.Experience, smoke datadir.Smoke) string {
	t.Helper()
	dd := datadir.Dir{Path: data}
	id := datadir.NewID(time.Now())
	p, err := dd.NewPartial(id)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := index.Create(filepath.Join(p, "index"))
	if err != nil {
		t.Fatal(err)
	}
	w := idx.NewWriter(0)
	questions := 0
	for _, e := range exps {
		questions += len(e.Questions)
		if err := w.Add(&e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	info := &datadir.Info{Job: "test", MappingVersion: index.MappingVersion,
		Documents: uint64(len(exps) + questions), Experiences: uint64(len(exps)), Questions: uint64(questions),
		Smoke: []datadir.Smoke{smoke}}
	if err := dd.Publish(id, info); err != nil {
		t.Fatal(err)
	}
	return id
}

// failingSearcher fails every search and every post, as a broken index
// would: the 500s.
type failingSearcher struct{ searcher }

var errOnFire = errors.New("the disk is on fire")

func (failingSearcher) SearchParsed(context.Context, askedat.Request, *query.Query) (*askedat.Result, error) {
	return nil, errOnFire
}

func (failingSearcher) Experience(context.Context, string) (*askedat.Experience, error) {
	return nil, errOnFire
}

// TestOpenAPISpec checks docs/openapi.yaml: the document is valid OpenAPI,
// and real requests to live servers, over real indexes on disk, and their
// answers agree with it — every operation, the error statuses as they
// occur, the main answers' objects closed (additionalProperties: false),
// so that a field the server adds or a status it gives that the spec does
// not declare fails here. Also the client package's requests, and the
// parts marked x-pending, which must not be served yet.
func TestOpenAPISpec(t *testing.T) {
	doc := loadSpec(t)

	// searchd itself, over a data directory, with the admin route.
	data := t.TempDir()
	publishExperiences(t, data, specExperiences())
	const token = "0123456789abcdef0123456789abcdef"
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte(token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	full, _ := startSearchd(t, "-data", data, "-poll", "0", "-watch=false", "-admin-token-file", tokenFile)
	// A server whose answer sets every field of a search's, and servers
	// that give the statuses of trouble: searches past their deadline,
	// slots taken, a broken index.
	every := serveTest(t, &Server{Index: fullSearcher{}, Logger: quietLogger()})
	slow := serveTest(t, &Server{Index: newBlockingSearcher(newTestIndex(t)), Logger: quietLogger(), SearchTimeout: 20 * time.Millisecond})
	held := newBlockingSearcher(newTestIndex(t))
	busy := serveTest(t, &Server{Index: held, Logger: quietLogger(), MaxSearches: 2, MaxSearchesPerClient: 1})
	failing := serveTest(t, &Server{Index: failingSearcher{newTestIndex(t)}, Logger: quietLogger()})
	sc := newSpecCheck(t, doc, full, every.URL, slow.URL, busy.URL, failing.URL)

	bearer := func(tok string) http.Header { return http.Header{"Authorization": {"Bearer " + tok}} }
	big := make([]byte, defaultMaxBodyBytes+1)
	long := func(n int) string { return strings.Repeat("a", n) }
	companies := url.Values{}
	for i := range askedat.MaxFilterValues + 1 {
		companies.Add("company", "c"+string(rune('a'+i%26))+long(i/26))
	}
	tests := []exchange{
		// Searches.
		{name: "a query", url: full + "/api/search?q=cache", want: 200},
		{name: "filters, one naming nothing", url: full + "/api/search?q=cache&company=amazon&company=Foobar&difficulty=hard", want: 200},
		{name: "posts, page 2, months", url: full + "/api/search?q=design&type=experience&sort=date&size=1&page=2&facet_size=3&date_interval=month", want: 200},
		{name: "collapsed", url: full + "/api/search?q=cache&collapse=cluster", want: 200},
		{name: "one cluster", url: full + "/api/search?q=cache&cluster=design-a-cache&sort=asked", want: 200},
		{name: "stated difficulties only", url: full + "/api/search?q=numbat&difficulty_source=stated", want: 200},
		{name: "inferred difficulties", url: full + "/api/search?q=numbat&difficulty_source=inferred", want: 200},
		{name: "no query", url: full + "/api/search", want: 200},
		{name: "relaxed", url: full + "/api/search?q=cache+zebra", want: 200},
		{name: "nothing found, did you mean", url: full + "/api/search?q=cahce+zebraquokka", want: 200},
		{name: "every field of an answer", url: every.URL + "/api/search?q=x", want: 200},
		{name: "size 0", url: full + "/api/search?size=0", want: 400, outside: true},
		{name: "size 101", url: full + "/api/search?size=101", want: 400, outside: true},
		{name: "size not a number", url: full + "/api/search?size=ten", want: 400, outside: true},
		{name: "page 0", url: full + "/api/search?page=0", want: 400, outside: true},
		{name: "page past the window", url: full + "/api/search?page=1001", want: 400},
		{name: "facet size 201", url: full + "/api/search?facet_size=201", want: 400, outside: true},
		{name: "unknown type", url: full + "/api/search?type=post", want: 400, outside: true},
		{name: "unknown sort", url: full + "/api/search?sort=popular", want: 400, outside: true},
		{name: "unknown date interval", url: full + "/api/search?date_interval=week", want: 400, outside: true},
		{name: "unknown collapse", url: full + "/api/search?collapse=yes", want: 400, outside: true},
		{name: "a date range", url: full + "/api/search?date_from=2023&date_to=2024-06", want: 200},
		{name: "oldest first, from a day", url: full + "/api/search?sort=date_asc&date_from=2023-02-01", want: 200},
		{name: "a date that is none", url: full + "/api/search?date_from=2023-13", want: 400},
		{name: "a date range backwards", url: full + "/api/search?date_from=2024&date_to=2023", want: 400},
		{name: "a date not a date", url: full + "/api/search?date_to=yesterday", want: 400, outside: true},
		{name: "unknown difficulty source", url: full + "/api/search?difficulty_source=sometimes", want: 400, outside: true},
		{name: "too many filter values", url: full + "/api/search?" + companies.Encode(), want: 400, outside: true},
		{name: "an empty filter value", url: full + "/api/search?company=", want: 400, outside: true},
		{name: "a cursor too long", url: full + "/api/search?cursor=" + long(askedat.MaxCursorLen+1), want: 400, outside: true},
		{name: "a query too long", url: full + "/api/search?q=" + long(askedat.MaxQueryRunes+1), want: 400, outside: true},
		{name: "an unknown parameter", url: full + "/api/search?compnay=Amazon", want: 400},
		{name: "a malformed query", url: full + "/api/search?q=%22unclosed", want: 400},
		{name: "a bogus cursor", url: full + "/api/search?q=cache&cursor=bogus", want: 400},
		{name: "cursor and page", url: full + "/api/search?q=cache&cursor=bogus&page=2", want: 400},
		{name: "collapsed posts", url: full + "/api/search?type=experience&collapse=cluster", want: 400},
		{name: "bad percent-encoding", url: full + "/api/search?company=%zz", want: 400},
		{name: "; as a separator", url: full + "/api/search?size=5;x=1", want: 400},
		{name: "a body", url: full + "/api/search?q=cache", body: big, want: 413},
		{name: "past the deadline", url: slow.URL + "/api/search?q=cache", want: 503},
		{name: "a broken index", url: failing.URL + "/api/search?q=cache", want: 500},

		// Typeahead.
		{name: "suggest", url: full + "/api/suggest?field=company&prefix=goo&size=3", want: 200},
		{name: "suggest without a prefix", url: full + "/api/suggest?field=role", want: 200},
		{name: "suggest without a field", url: full + "/api/suggest?prefix=goo", want: 400, outside: true},
		{name: "suggest on no field", url: full + "/api/suggest?field=salary", want: 400, outside: true},
		{name: "suggest size 0", url: full + "/api/suggest?field=company&size=0", want: 400, outside: true},
		{name: "suggest a prefix too long", url: full + "/api/suggest?field=company&prefix=" + long(askedat.MaxValueRunes+1), want: 400, outside: true},
		{name: "suggest an unknown parameter", url: full + "/api/suggest?field=company&q=x", want: 400},

		// A question everywhere it was asked.
		{name: "a cluster", url: full + "/api/questions/design-a-cache", want: 200},
		{name: "no such cluster", url: full + "/api/questions/nosuch", want: 404},
		{name: "a cluster id too long", url: full + "/api/questions/" + long(askedat.MaxValueRunes+1), want: 400, outside: true},
		{name: "a cluster with a parameter", url: full + "/api/questions/design-a-cache?size=1", want: 400},
		{name: "a cluster past the deadline", url: slow.URL + "/api/questions/design-a-cache", want: 503},
		{name: "a cluster of a broken index", url: failing.URL + "/api/questions/two-sum", want: 500},

		// Posts.
		{name: "a post", url: full + "/api/experiences/e1", want: 200},
		{name: "a post with every field", url: full + "/api/experiences/rich", want: 200},
		{name: "a post without questions", url: full + "/api/experiences/bare", want: 200},
		{name: "no such post", url: full + "/api/experiences/nosuch", want: 404},
		{name: "a post with a parameter", url: full + "/api/experiences/e1?full=1", want: 400},
		{name: "a post of a broken index", url: failing.URL + "/api/experiences/e1", want: 500},

		// Operations.
		{name: "health", url: full + "/healthz", want: 200},
		{name: "health with a parameter", url: full + "/healthz?deep=1", want: 400},
		{name: "ready", url: full + "/readyz", want: 200},
		{name: "ready with a parameter", url: full + "/readyz?x=1", want: 400},
		{name: "not ready: the index does not answer", url: slow.URL + "/readyz", want: 503},
		{name: "not ready: a broken index", url: failing.URL + "/readyz", want: 503},
		{name: "metrics", url: full + "/metrics", want: 200},
		{name: "metrics with a parameter", url: full + "/metrics?x=1", want: 400},
		{name: "reload without a token", method: http.MethodPost, url: full + "/admin/reload", want: 401, outside: true},
		{name: "reload with a wrong token", method: http.MethodPost, url: full + "/admin/reload", header: bearer(strings.ToUpper(token)), want: 401},
		{name: "reload with a parameter", method: http.MethodPost, url: full + "/admin/reload?now=1", header: bearer(token), want: 400},
		{name: "reload, off", method: http.MethodPost, url: slow.URL + "/admin/reload", header: bearer(token), want: 404},

		// Pages.
		{name: "the home page", url: full + "/", want: 200},
		{name: "the search page", url: full + "/search?q=cache&company=Amazon&collapse=0", want: 200},
		{name: "a tracked link", url: full + "/search?q=cache&utm_source=mail", want: 200},
		{name: "the search page, a malformed query", url: full + "/search?q=%22unclosed", want: 400},
		{name: "the search page, an unknown parameter", url: full + "/search?compnay=x", want: 400},
		{name: "the search page, size 0", url: full + "/search?size=0", want: 400, outside: true},
		{name: "the search page, a body", url: full + "/search", body: big, want: 413},
		{name: "the search page past the deadline", url: slow.URL + "/search?q=cache", want: 503},
		{name: "the search page of a broken index", url: failing.URL + "/search?q=cache", want: 500},
		{name: "a post's page", url: full + "/experiences/rich", want: 200},
		{name: "a post's page with a parameter", url: full + "/experiences/e1?x=1", want: 400},
		{name: "no such post's page", url: full + "/experiences/nosuch", want: 404},
		{name: "a post's page of a broken index", url: failing.URL + "/experiences/e1", want: 500},
		{name: "a static file", url: full + "/static/app.css", want: 200},
		{name: "a static file of this version", url: full + "/static/v-" + web.Version() + "/app.js", want: 200},
		{name: "a static file of an old version", url: full + "/static/v-0ld/favicon.svg", want: 200},
		{name: "no such static file", url: full + "/static/nosuch.css", want: 404},
		{name: "no such static file of a version", url: full + "/static/v-0ld/nosuch.js", want: 404},
	}
	for _, x := range tests {
		h, _ := sc.do(t, x)
		if x.want == http.StatusOK && x.method == "" {
			checkHead(t, x, h)
		}
	}

	t.Run("no route", func(t *testing.T) {
		for _, c := range []struct {
			x       exchange
			routeEr error
		}{
			{exchange{name: "no API route", url: full + "/api/nothing", want: 404}, routers.ErrPathNotFound},
			{exchange{name: "no page", url: full + "/nothing", want: 404}, routers.ErrPathNotFound},
			{exchange{name: "a static folder", url: full + "/static/", want: 404}, routers.ErrPathNotFound},
			{exchange{name: "POST a search", method: http.MethodPost, url: full + "/api/search", want: 405}, routers.ErrMethodNotAllowed},
			{exchange{name: "DELETE a page", method: http.MethodDelete, url: full + "/search", want: 405}, routers.ErrMethodNotAllowed},
			{exchange{name: "GET the reload", url: full + "/admin/reload", header: bearer(token), want: 405}, routers.ErrMethodNotAllowed},
		} {
			sc.doOutside(t, c.x, c.routeEr)
		}
	})

	t.Run("slots taken", func(t *testing.T) {
		// a holds its one slot of two; b takes the other; c finds none.
		a, b, c := clientFrom("127.0.0.2"), clientFrom("127.0.0.3"), clientFrom("127.0.0.4")
		var wg sync.WaitGroup
		hold := func(cl *http.Client) {
			wg.Go(func() {
				if resp, err := cl.Get(busy.URL + "/api/search?q=cache"); err == nil {
					resp.Body.Close()
				}
			})
			<-held.started
		}
		hold(a)
		for _, x := range []exchange{
			{name: "a search over the client's share", url: busy.URL + "/api/search?q=two", client: a, want: 429},
			{name: "a cluster over the client's share", url: busy.URL + "/api/questions/two-sum", client: a, want: 429},
			{name: "the search page over the client's share", url: busy.URL + "/search?q=two", client: a, want: 429},
		} {
			sc.do(t, x)
		}
		hold(b)
		for _, x := range []exchange{
			{name: "a search with every slot taken", url: busy.URL + "/api/search?q=two", client: c, want: 503},
			{name: "the search page with every slot taken", url: busy.URL + "/search?q=two", client: c, want: 503},
		} {
			if h, _ := sc.do(t, x); h.Get("Retry-After") == "" {
				t.Errorf("%s: no Retry-After", x.name)
			}
		}
		close(held.release)
		wg.Wait()
	})

	t.Run("the client", func(t *testing.T) {
		c, err := client.New(full, client.WithHTTPClient(&http.Client{Transport: sc.transport(t)}))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		for _, r := range []askedat.Request{
			{Query: "cache", Filters: map[string][]string{"company": {"Amazon", "Google"}, "difficulty": {"Hard", "Medium"}}},
			{Type: askedat.TypeExperience, Sort: "date", Size: 2, From: 2, FacetSize: 3, DateInterval: "month"},
			{Query: "cache", Collapse: askedat.CollapseCluster, DifficultySource: askedat.SourceStated, Cluster: "design-a-cache"},
		} {
			if _, err := c.Search(ctx, r); err != nil {
				t.Errorf("Search(%+v): %v", r, err)
			}
		}
		n := 0
		for _, err := range c.Hits(ctx, askedat.Request{Sort: "date", Size: 2}) {
			if err != nil {
				t.Fatal(err)
			}
			n++
		}
		if n != 6 {
			t.Errorf("Hits of everything: %d, want the 6 questions", n)
		}
		if _, err := c.Experience(ctx, "rich"); err != nil {
			t.Error(err)
		}
		if _, err := c.Cluster(ctx, "two-sum"); err != nil {
			t.Error(err)
		}
		if _, err := c.Suggest(ctx, "company", "a", 5); err != nil {
			t.Error(err)
		}
		if _, err := c.Ready(ctx); err != nil {
			t.Error(err)
		}
		if err := c.Health(ctx); err != nil {
			t.Error(err)
		}
	})

	t.Run("a cursor across a reload", func(t *testing.T) {
		_, body := sc.do(t, exchange{name: "a first page", url: full + "/api/search?q=cache&size=1", want: 200})
		var first client.SearchResult
		if err := json.Unmarshal(body, &first); err != nil || first.NextCursor == "" {
			t.Fatalf("no next_cursor (%v): %s", err, clip(body))
		}
		second := publishExperiences(t, data, specExperiences())
		_, body = sc.do(t, exchange{name: "reload", method: http.MethodPost, url: full + "/admin/reload", header: bearer(token), want: 200})
		if !strings.Contains(string(body), second) {
			t.Errorf("reload answered %s, want version %s", body, second)
		}
		_, body = sc.do(t, exchange{name: "the cursor of the version before", url: full + "/api/search?q=cache&size=1&cursor=" + url.QueryEscape(first.NextCursor), want: 400})
		if !strings.Contains(string(body), "start again") {
			t.Errorf("a cursor of another version: %s, want the message to say start again", body)
		}
	})

	t.Run("not modified", func(t *testing.T) {
		for _, path := range []string{"/api/search?q=cache&date_from=2023", "/api/suggest?field=company&prefix=goo", "/api/experiences/e1", "/api/questions/design-a-cache"} {
			code, h, _ := getURL(t, full+path, nil)
			etag := h.Get("ETag")
			if code != http.StatusOK || etag == "" {
				t.Fatalf("GET %s = %d with ETag %q; want 200 with one", path, code, etag)
			}
			sc.do(t, exchange{name: "the same answer again: " + path, url: full + path, header: http.Header{"If-None-Match": {etag}}, want: 304})
			sc.do(t, exchange{name: "another ETag: " + path, url: full + path, header: http.Header{"If-None-Match": {`W/"other"`}}, want: 200})
		}
	})

	t.Run("pending", func(t *testing.T) { checkPending(t, doc, full) })

	if missing := sc.unexercised(); len(missing) > 0 {
		t.Errorf("operations of %s no exchange exercised: %s", specPath, strings.Join(missing, ", "))
	}
}

// checkHead checks that HEAD of a GET that answered 200 answers the same,
// without a body (the spec's description says so; the validator skips
// HEAD).
func checkHead(t *testing.T, x exchange, getHeader http.Header) {
	t.Helper()
	x.method = http.MethodHead
	req := x.request(t)
	resp, body := x.send(t, req)
	if resp.StatusCode != http.StatusOK || len(body) != 0 || resp.Header.Get("Content-Type") != getHeader.Get("Content-Type") {
		t.Errorf("%s: HEAD %s = %d, %d bytes, Content-Type %q; want 200, none, %q", x.name, req.URL, resp.StatusCode, len(body), resp.Header.Get("Content-Type"), getHeader.Get("Content-Type"))
	}
}

// checkPending checks that each part of the spec marked x-pending is not
// served yet: a marked parameter or value is refused, a marked header is
// not sent, a marked response does not come. When a merge brings one, its
// check fails here, and the marker is to go.
func checkPending(t *testing.T, doc *openapi3.T, base string) {
	raw, err := os.ReadFile(specPath)
	if err != nil {
		t.Fatal(err)
	}
	markers := strings.Count(string(raw), "x-pending:") + strings.Count(string(raw), "x-pending-values:")
	checked := 0
	refused := func(what, query string) {
		t.Helper()
		code, _, body := getURL(t, base+"/api/search?"+query, nil)
		if code != http.StatusBadRequest {
			t.Errorf("%s is marked x-pending in %s, but searchd serves it (%s: %d %s): drop the marker", what, specPath, query, code, clip(body))
		}
	}
	// A marked header is not sent, and If-None-Match gets no 304.
	_, h, _ := getURL(t, base+"/api/search?q=cache", nil)
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range doc.Components.Parameters {
			if !yield(n) {
				return
			}
		}
	})
	for _, name := range names {
		p := doc.Components.Parameters[name].Value
		if p.Extensions["x-pending"] != nil {
			checked++
			switch p.In {
			case openapi3.ParameterInQuery:
				refused("parameter "+p.Name, url.Values{p.Name: {"2024-01-01"}}.Encode())
			case openapi3.ParameterInHeader:
				code, _, _ := getURL(t, base+"/api/search?q=cache", http.Header{p.Name: {"*"}})
				if code != http.StatusOK {
					t.Errorf("header %s is marked x-pending, but a search with it is answered %d: drop the marker", p.Name, code)
				}
			default:
				t.Errorf("parameter %s in %s is marked x-pending; teach checkPending to check it", p.Name, p.In)
			}
		}
		if vs, ok := p.Extensions["x-pending-values"].([]any); ok {
			checked++
			for _, v := range vs {
				refused("value "+p.Name+"="+v.(string), url.Values{p.Name: {v.(string)}}.Encode())
			}
		}
	}
	for name, hr := range doc.Components.Headers {
		if hr.Value.Extensions["x-pending"] != nil {
			checked++
			if got := h.Get(name); got != "" {
				t.Errorf("header %s is marked x-pending, but a search answer has it (%q): drop the marker", name, got)
			}
		}
	}
	for name, rr := range doc.Components.Responses {
		if rr.Value.Extensions["x-pending"] != nil {
			checked++
			if name != "NotModified" {
				t.Errorf("response %s is marked x-pending; teach checkPending to check it", name)
			}
			// Checked with If-None-Match above: no 304 comes.
		}
	}
	if checked != markers {
		t.Errorf("%s has %d x-pending markers, checkPending found %d in the components: mark only components, or teach it", specPath, markers, checked)
	}
}

// getURL GETs u with header, for the checks that validate nothing.
func getURL(t *testing.T, u string, header http.Header) (int, http.Header, []byte) {
	t.Helper()
	x := exchange{name: u, url: u, header: header}
	resp, body := x.send(t, x.request(t))
	return resp.StatusCode, resp.Header, body
}
