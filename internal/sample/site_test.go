package sample

import (
	"bytes"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/askedat/askedat"

	"github.com/google/go-cmp/cmp"
)

// get fetches path from srv without following redirects.
func get(t *testing.T, srv *httptest.Server, path string) (int, http.Header, string) {
	t.Helper()
	c := srv.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := c.Get(srv.URL + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

var (
	hrefRE      = regexp.MustCompile(`href="([^"]*)"`)
	tagRE       = regexp.MustCompile(`<[^>]*>`)
	canonicalRE = regexp.MustCompile(`<link rel="canonical" href="([^"]*)">`)
)

// hrefs returns the unescaped link targets of page that start with prefix.
func hrefs(page, prefix string) []string {
	var out []string
	for _, m := range hrefRE.FindAllStringSubmatch(page, -1) {
		if h := html.UnescapeString(m[1]); strings.HasPrefix(h, prefix) {
			out = append(out, h)
		}
	}
	return out
}

// visibleText returns the text a reader sees in the body of page, with
// white space tidied and "·" spaced as " · ".
func visibleText(page string) string {
	_, body, _ := strings.Cut(page, "<body>")
	text := html.UnescapeString(tagRE.ReplaceAllString(body, " "))
	return askedat.CleanSpace(strings.ReplaceAll(text, "·", " · "))
}

// readerText is the text a reader sees of experience e, from its title to
// its last question, as visibleText returns it.
func readerText(p *Post) string {
	e := &p.Experience
	var b strings.Builder
	b.WriteString(e.Title + " " + strings.ToLower(e.Company) + " · " + e.Role + " · " + e.Status + " ")
	b.WriteString(dayTable().long[p.day] + " · " + strconv.Itoa(e.Reads) + " reads Summary " + e.Summary + " Full Experience " + e.Body)
	b.WriteString(" Interview Questions (" + strconv.Itoa(len(e.Questions)) + ")")
	for _, q := range e.Questions {
		b.WriteString(" " + strconv.Itoa(q.Ordinal) + ". " + q.Title + " " + q.Category)
		if q.Difficulty != "" {
			b.WriteString(" · " + q.Difficulty)
		}
		b.WriteString(" " + q.Body)
	}
	return askedat.CleanSpace(b.String())
}

func TestListingsLinkEveryPostOnce(t *testing.T) {
	for _, cfg := range []Config{{Posts: 95, Seed: 2, PerListing: 10}, {Posts: 40, Seed: 3}, {Posts: 20, Seed: 4}} {
		site := NewSite(cfg)
		srv := httptest.NewServer(site)
		// Follow the pagination from the first listing page.
		seen := map[string]bool{}
		queue := []string{"/experiences"}
		links := map[string]int{}
		for len(queue) > 0 {
			path := queue[0]
			queue = queue[1:]
			if seen[path] {
				continue
			}
			seen[path] = true
			code, _, page := get(t, srv, path)
			if code != http.StatusOK {
				t.Errorf("GET %s = %d, want 200", path, code)
				continue
			}
			if got, want := canonicalRE.FindStringSubmatch(page), srv.URL+path; got == nil || html.UnescapeString(got[1]) != want {
				t.Errorf("canonical of %s = %v, want %q", path, got, want)
			}
			queue = append(queue, hrefs(page, "/experiences")...)
			for _, h := range hrefs(page, "/experience/") {
				links[h]++
			}
		}
		got := slices.Sorted(func(yield func(string) bool) {
			for p := range seen {
				if !yield(p) {
					return
				}
			}
		})
		want := slices.Sorted(slices.Values(site.ListingPaths()))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Config %+v: listing pages reached from /experiences differ from ListingPaths (-want +got):\n%s", cfg, diff)
		}
		for _, p := range site.Posts() {
			if links[p.Path] != 1 {
				t.Errorf("Config %+v: post %s is linked %d times from the listings, want 1", cfg, p.Path, links[p.Path])
			}
			delete(links, p.Path)
		}
		if len(links) != 0 {
			t.Errorf("Config %+v: listings link to paths that are not posts: %v", cfg, links)
		}
		srv.Close()
	}
}

func TestRobotsAndTrap(t *testing.T) {
	site := NewSite(Config{Posts: 30, Seed: 5})
	srv := httptest.NewServer(site)
	defer srv.Close()
	code, hdr, robots := get(t, srv, "/robots.txt")
	if code != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "text/plain") {
		t.Errorf("GET /robots.txt = %d %q, want 200 text/plain", code, hdr.Get("Content-Type"))
	}
	if want := "User-agent: *\nDisallow: /private/\n"; robots != want {
		t.Errorf("robots.txt = %q, want %q", robots, want)
	}
	traps := site.TrapPaths()
	if len(traps) == 0 {
		t.Fatalf("TrapPaths() is empty")
	}
	for _, page := range []string{"/", "/experiences"} {
		_, _, body := get(t, srv, page)
		for _, trap := range traps {
			if !strings.HasPrefix(trap, "/private/") {
				t.Errorf("trap %q is not under /private/", trap)
			}
			if !slices.Contains(hrefs(body, "/private/"), trap) {
				t.Errorf("page %s does not link the trap %s", page, trap)
			}
		}
	}
	if site.TrapHits() != 0 {
		t.Errorf("TrapHits() = %d before any trap was fetched, want 0", site.TrapHits())
	}
	get(t, srv, traps[0])
	if site.TrapHits() != 1 {
		t.Errorf("TrapHits() = %d after one fetch, want 1", site.TrapHits())
	}
}

func TestPostPages(t *testing.T) {
	site := NewSite(Config{Posts: 60, Seed: 6})
	srv := httptest.NewServer(site)
	defer srv.Close()
	for _, p := range site.Posts() {
		code, hdr, page := get(t, srv, p.Path)
		if code != http.StatusOK || hdr.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("GET %s = %d %q, want 200 text/html", p.Path, code, hdr.Get("Content-Type"))
			continue
		}
		e := p.Experience
		url := html.EscapeString(srv.URL + p.Path)
		for _, want := range []string{
			`<link rel="canonical" href="` + url + `">`,
			`<meta property="og:url" content="` + url + `">`,
			`<meta property="og:title" content="` + html.EscapeString(e.Title) + `">`,
			`<meta property="article:published_time" content="` + e.Date + `T00:00:00+05:30">`,
			`<meta name="description" content="` + html.EscapeString(e.Summary) + `">`,
			`>` + html.EscapeString(e.Title) + `</h1>`,
			`<time datetime="` + e.Date + `">`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("page %s (variant %d) lacks %s", p.Path, p.Variant, want)
			}
		}
		card := map[int]string{0: `class="question-card" id="q-`, 1: `<dt id="question-`}[p.Variant]
		if got := strings.Count(page, card); got != len(e.Questions) {
			t.Errorf("page %s (variant %d) has %d question cards, want %d", p.Path, p.Variant, got, len(e.Questions))
		}
		text := visibleText(page)
		if want := readerText(&p); !strings.Contains(text, want+" Discussion (") {
			t.Errorf("page %s (variant %d): the reader does not see\n%s\nfollowed by the discussion; the page shows\n%s", p.Path, p.Variant, want, text)
		}
	}
}

// TestVariantsShowTheSameText renders each post in both variants: a reader
// sees the same text from the title to the last question.
func TestVariantsShowTheSameText(t *testing.T) {
	site := NewSite(Config{Posts: 40, Seed: 9})
	render := func(i, variant int) (text, page string) {
		site.posts[i].Variant = variant
		rec := httptest.NewRecorder()
		site.ServeHTTP(rec, httptest.NewRequest("GET", site.posts[i].Path, nil))
		page = rec.Body.String()
		text = visibleText(page)
		start := strings.Index(text, site.posts[i].Experience.Title+" ")
		end := strings.Index(text, " Discussion (")
		if start < 0 || end < start {
			t.Fatalf("post %s variant %d: no title or discussion in %q", site.posts[i].Path, variant, text)
		}
		return text[start:end], page
	}
	for i := range site.posts {
		orig := site.posts[i].Variant
		t0, p0 := render(i, 0)
		t1, p1 := render(i, 1)
		site.posts[i].Variant = orig
		if t0 != t1 {
			t.Errorf("post %s: variant 0 shows\n%s\nvariant 1 shows\n%s", site.posts[i].Path, t0, t1)
		}
		if strings.Contains(p1, "question-card") || strings.Contains(p1, "experience__") || !strings.Contains(p0, "question-card") {
			t.Errorf("post %s: variant 1 uses variant 0's class names, or variant 0 does not", site.posts[i].Path)
		}
	}
}

func TestEscaping(t *testing.T) {
	site := NewSite(Config{Posts: 300, Seed: 1})
	srv := httptest.NewServer(site)
	defer srv.Close()
	found := 0
	for _, p := range site.Posts() {
		for _, q := range p.Experience.Questions {
			if !strings.ContainsAny(q.Body, "<&\"") || found >= 5 {
				continue
			}
			found++
			_, _, page := get(t, srv, p.Path)
			if !strings.Contains(page, html.EscapeString(q.Body)) {
				t.Errorf("page %s lacks the escaped body %q", p.Path, html.EscapeString(q.Body))
			}
			if strings.Contains(page, q.Body) {
				t.Errorf("page %s has the body %q unescaped", p.Path, q.Body)
			}
		}
	}
	if found == 0 {
		t.Fatalf("no question body with '<', '&' or '\"' in 300 posts")
	}
}

func TestNotFoundAndMethods(t *testing.T) {
	site := NewSite(Config{Posts: 45, Seed: 2})
	srv := httptest.NewServer(site)
	defer srv.Close()
	post := site.Posts()[0].Path
	tests := []struct {
		path string
		want int
	}{
		{"/", 200},
		{"/experiences?page=3", 200},
		{"/companies", 200},
		{"/companies/" + site.Posts()[0].companySlug, 200},
		{"/logos/amazon.png", 200},
		{post + "?utm_source=x", 200},
		{"/experiences?page=1", 301},
		{"/nope", 404},
		{"/experience/google/nope-1", 404},
		{post + "/", 404},
		{"/experiences?page=0", 404},
		{"/experiences?page=4", 404},
		{"/experiences?page=x", 404},
		{"/experiences?page=02", 404},
		{"/companies/nope", 404},
		{"/logos/nope.png", 404},
		{"/private/drafts", 200},
	}
	for _, tt := range tests {
		if got, _, _ := get(t, srv, tt.path); got != tt.want {
			t.Errorf("GET %s = %d, want %d", tt.path, got, tt.want)
		}
	}
	resp, err := srv.Client().Post(srv.URL+post, "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST %s = %d, want 405", post, resp.StatusCode)
	}
}

func TestFaults(t *testing.T) {
	if f := NewSite(Config{Posts: 10}).FaultPaths(); !cmp.Equal(f, FaultSet{}) {
		t.Errorf("FaultPaths() without Faults = %+v, want zero", f)
	}
	site := NewSite(Config{Posts: 50, Seed: 3, Faults: true})
	srv := httptest.NewServer(site)
	defer srv.Close()
	f := site.FaultPaths()
	_, _, listing := get(t, srv, "/experiences")
	linked := hrefs(listing, "/experience/")
	for _, p := range append(slices.Clone(f.NotFound), f.Malformed, f.Redirect, f.Duplicate) {
		if !slices.Contains(linked, p) {
			t.Errorf("fault %s is not linked from /experiences", p)
		}
	}
	if len(f.NotFound) != 2 {
		t.Errorf("FaultPaths().NotFound = %v, want two paths", f.NotFound)
	}
	for _, p := range f.NotFound {
		if code, _, _ := get(t, srv, p); code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, code)
		}
	}
	code, _, page := get(t, srv, f.Malformed)
	if code != http.StatusOK || strings.Contains(page, "<h1") || strings.Contains(page, "Interview Questions") {
		t.Errorf("GET %s = %d with a title or questions, want 200 and garbage", f.Malformed, code)
	}
	code, hdr, _ := get(t, srv, f.Redirect)
	if code != http.StatusFound || hdr.Get("Location") != f.RedirectTo {
		t.Errorf("GET %s = %d Location %q, want 302 Location %q", f.Redirect, code, hdr.Get("Location"), f.RedirectTo)
	}
	if _, ok := site.byPath[f.RedirectTo]; !ok || !slices.Contains(linked, f.RedirectTo) {
		t.Errorf("RedirectTo %s is not a post linked from /experiences", f.RedirectTo)
	}
	code, _, page = get(t, srv, strings.Split(f.Duplicate, "#")[0])
	path := strings.Split(f.Duplicate, "?")[0]
	if m := canonicalRE.FindStringSubmatch(page); code != http.StatusOK || m == nil || m[1] != srv.URL+path {
		t.Errorf("GET %s = %d, canonical %v, want 200, canonical %s", f.Duplicate, code, m, srv.URL+path)
	}
	// The faults add no experience.
	if got, want := len(site.Experiences(srv.URL)), 50; got != want {
		t.Errorf("len(Experiences) with Faults = %d, want %d", got, want)
	}
}

func TestExperiences(t *testing.T) {
	site := NewSite(Config{Posts: 25, Seed: 4})
	exps := site.Experiences("http://127.0.0.1:8080/")
	for i, e := range exps {
		p := site.Posts()[i]
		if want := "http://127.0.0.1:8080" + p.Path; e.URL != want {
			t.Errorf("Experiences()[%d].URL = %q, want %q", i, e.URL, want)
		}
		if want := askedat.IDForURL(e.URL); e.ID != want {
			t.Errorf("Experiences()[%d].ID = %q, want %q", i, e.ID, want)
		}
		if err := e.Validate(); err != nil {
			t.Errorf("Experiences()[%d].Validate() = %v", i, err)
		}
	}
	exps[0].Questions[0].Title = "changed"
	if site.Posts()[0].Experience.Questions[0].Title == "changed" {
		t.Errorf("changing Experiences() changed the site's posts")
	}
	var buf bytes.Buffer
	exps = site.Experiences("http://h")
	if err := WriteJSONL(&buf, exps); err != nil {
		t.Fatalf("WriteJSONL: %v", err)
	}
	got, err := askedat.ReadAll(&buf)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if diff := cmp.Diff(exps, got); diff != "" {
		t.Errorf("WriteJSONL then decode (-want +got):\n%s", diff)
	}
}

// TestPagesDeterministic renders every page of two sites made with the same
// Config and checks they are byte-identical, and that another seed differs.
func TestPagesDeterministic(t *testing.T) {
	cfg := Config{Posts: 80, Seed: 12, PerListing: 15, Faults: true}
	render := func(site *Site) map[string]string {
		out := map[string]string{}
		paths := append([]string{"/", "/robots.txt", "/companies", site.FaultPaths().Malformed}, site.ListingPaths()...)
		for _, p := range site.Posts() {
			paths = append(paths, p.Path, "/companies/"+p.companySlug)
		}
		for _, p := range paths {
			rec := httptest.NewRecorder()
			site.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
			out[p] = rec.Body.String()
		}
		return out
	}
	a, b := render(NewSite(cfg)), render(NewSite(cfg))
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two sites from %+v differ (-first +second):\n%s", cfg, diff)
	}
	cfg.Seed++
	if c := render(NewSite(cfg)); c["/"] == a["/"] || c["/experiences"] == a["/experiences"] {
		t.Errorf("sites from seeds %d and %d have the same home or listing page", cfg.Seed-1, cfg.Seed)
	}
}
