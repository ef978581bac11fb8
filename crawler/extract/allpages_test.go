package extract

import (
	"bytes"
	"encoding/csv"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat/internal/corpus"
)

// corpusSites are the folders of ../shared/corpus/html, one a site.
var corpusSites = []string{"geeksforgeeks", "glassdoor", "interviewexperiences"}

// A corpusPage is one page of the corpus and the address it is fetched from
// in the tests: its canonical URL where a manifest gives one, else a copy
// on loopback.
type corpusPage struct {
	site, file, url string
	body            []byte
}

// manifestRow is a row of geeksforgeeks/manifest.csv.
type manifestRow struct {
	file, pageType, canonical, title, published, section string
	tags                                                 []string
}

func readManifest(t testing.TB, dir string) map[string]manifestRow {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "manifest.csv"))
	if err != nil {
		if os.IsNotExist(err) {
			return nil
		}
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("manifest.csv: %v", err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, h := range []string{"file", "page_type", "canonical_url", "title", "published", "article_section", "article_tags"} {
		if _, ok := col[h]; !ok {
			t.Fatalf("manifest.csv has no column %q", h)
		}
	}
	out := map[string]manifestRow{}
	for _, r := range rows[1:] {
		m := manifestRow{file: r[col["file"]], pageType: r[col["page_type"]], canonical: r[col["canonical_url"]],
			title: r[col["title"]], published: r[col["published"]], section: r[col["article_section"]]}
		for _, tag := range strings.Split(r[col["article_tags"]], "|") {
			if tag = strings.TrimSpace(tag); tag != "" {
				m.tags = append(m.tags, tag)
			}
		}
		out[m.file] = m
	}
	return out
}

// corpusPages returns every page of the corpus, site by site.
func corpusPages(t testing.TB, site string) []corpusPage {
	t.Helper()
	dir := corpus.Dir(t, "html", site)
	man := readManifest(t, dir)
	files, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no pages in %s", dir)
	}
	var out []corpusPage
	for _, p := range files {
		body, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(p)
		u := "http://127.0.0.1:8080/" + site + "/" + name
		if m, ok := man[name]; ok {
			u = m.canonical
		}
		out = append(out, corpusPage{site, name, u, body})
	}
	return out
}

// TestCorpusGolden extracts every page of ../shared/corpus/html and checks
// its facts against testdata/corpus/<site>.golden.json (go test -update
// rewrites them). Every page must give a result without error, every
// experience must be valid, and the host the page is fetched from must
// not change its experiences.
func TestCorpusGolden(t *testing.T) {
	for _, site := range corpusSites {
		t.Run(site, func(t *testing.T) {
			pages := corpusPages(t, site)
			got := map[string]facts{}
			for _, p := range pages {
				res, err := Page(mustURL(t, p.url), p.body)
				if err != nil {
					t.Errorf("Page(%s) error: %v", p.file, err)
					continue
				}
				for _, e := range res.Experiences {
					if err := e.Validate(); err != nil {
						t.Errorf("%s: %v", p.file, err)
					}
				}
				copyURL := "http://127.0.0.1:9/copy/" + p.file
				res2, err := Page(mustURL(t, copyURL), p.body)
				if err != nil {
					t.Errorf("Page(%s) error: %v", copyURL, err)
				} else if diff := cmp.Diff(res.Experiences, res2.Experiences); diff != "" {
					t.Errorf("%s: experiences depend on the fetched host (-canonical +copy):\n%s", p.file, diff)
				}
				got[p.file] = factsOf(res)
			}
			checkCorpusGolden(t, site, got)
		})
	}
}

// checkCorpusGolden compares the facts of a site's pages with its golden
// file, page by page.
func checkCorpusGolden(t *testing.T, site string, got map[string]facts) {
	t.Helper()
	path := filepath.Join("testdata", "corpus", site+".golden.json")
	var want map[string]facts
	if golden(t, path, got, &want) {
		return
	}
	names := make([]string, 0, len(got)+len(want))
	for n := range got {
		names = append(names, n)
	}
	for n := range want {
		if _, ok := got[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		w, inWant := want[n]
		g, inGot := got[n]
		switch {
		case !inGot:
			t.Errorf("%s is in %s but not in the corpus", n, path)
		case !inWant:
			t.Errorf("%s is not in %s (run go test -update)", n, path)
		default:
			if diff := cmp.Diff(w, g); diff != "" {
				t.Errorf("facts of %s differ from %s (-want +got):\n%s", n, path, diff)
			}
		}
	}
}

// TestCorpusManifest checks the GeeksforGeeks pages against the facts of
// manifest.csv: every article is a post with the manifest's title, date
// and a company among its tags; every tag page is a listing, its post links
// are on the site, those to pages in the manifest extract as posts with
// the linked URL, and its pagination leads to other tag pages.
func TestCorpusManifest(t *testing.T) {
	dir := corpus.Dir(t, "html", "geeksforgeeks")
	man := readManifest(t, dir)
	byURL := map[string]manifestRow{}
	for _, m := range man {
		byURL[m.canonical] = m
	}
	pages := corpusPages(t, "geeksforgeeks")
	if len(pages) != len(man) {
		t.Errorf("%d pages, %d manifest rows", len(pages), len(man))
	}
	extracted := map[string]Result{}
	bodies := map[string][]byte{}
	for _, p := range pages {
		bodies[p.url] = p.body
		res, err := Page(mustURL(t, p.url), p.body)
		if err != nil {
			t.Fatalf("Page(%s) error: %v", p.file, err)
		}
		extracted[p.url] = res
	}
	listed, heldOut := map[string]bool{}, map[string]bool{}
	for _, p := range pages {
		m := man[p.file]
		res := extracted[p.url]
		switch m.pageType {
		case "article":
			if res.Kind == Skip && !hasText(t, p.body) {
				continue // an article whose text is a picture: nothing to emit
			}
			if res.Kind != Post || len(res.Experiences) != 1 {
				t.Errorf("%s: kind %v with %d experiences, want one post", p.file, res.Kind, len(res.Experiences))
				continue
			}
			e := res.Experiences[0]
			// The manifest has the <title>, where WordPress leaves "-" that
			// it shows as "–" in the heading.
			if want := withoutSiteName(m.title, "GeeksforGeeks"); foldDashes(e.Title) != foldDashes(want) {
				t.Errorf("%s: title %q, manifest %q", p.file, e.Title, want)
			}
			if want := m.published[:10]; e.Date != want {
				t.Errorf("%s: date %q, manifest %q", p.file, e.Date, want)
			}
			if e.URL != m.canonical {
				t.Errorf("%s: url %q, manifest %q", p.file, e.URL, m.canonical)
			}
			if !containsFold(m.tags, e.Company) {
				t.Errorf("%s: company %q is not among the tags %q", p.file, e.Company, m.tags)
			}
		case "tag_listing":
			if res.Kind != Listing {
				t.Errorf("%s: kind %v, want listing", p.file, res.Kind)
				continue
			}
			var posts, pagesLinked int
			for _, l := range res.Links {
				u := l.URL.String()
				if !hostIs(l.URL.Hostname(), gfgHost) {
					t.Errorf("%s: link %s leaves the site", p.file, u)
				}
				switch l.Kind {
				case Post:
					posts++
					if _, ok := byURL[u]; !ok {
						heldOut[u] = true // a page the corpus does not hold
						continue
					}
					listed[u] = true
					got := extracted[u]
					if got.Kind == Skip && !hasText(t, bodies[u]) {
						continue // linked as a post, but a post with no text
					}
					if got.Kind != Post || got.Experiences[0].URL != u {
						t.Errorf("%s links %s as a post; it extracts as %v", p.file, u, got.Kind)
					}
				case Listing:
					pagesLinked++
					if !strings.Contains(l.URL.Path, "/tag/") {
						t.Errorf("%s: pagination link %s is not a tag page", p.file, u)
					}
				case Other:
					if m, ok := byURL[u]; ok && m.pageType == "article" {
						t.Errorf("%s: links the experience %s as other", p.file, u)
					}
				}
			}
			if posts != 11 && posts != 10 {
				t.Errorf("%s: %d post links, want the 11 cards (10 posts and an algorithm article on one page)", p.file, posts)
			}
			if pagesLinked == 0 {
				t.Errorf("%s: no pagination links", p.file)
			}
		default:
			t.Errorf("%s: manifest page type %q", p.file, m.pageType)
		}
	}
	t.Logf("tag pages list %d posts of the manifest and %d posts the corpus does not hold (held out)", len(listed), len(heldOut))
	if len(listed) == 0 {
		t.Errorf("no listed post is in the manifest")
	}
}

// hasText reports whether a GeeksforGeeks article of the 2017 layout has
// any text of its own: words in its .entry-content other than the site's
// call for contributions and what follows it.
func hasText(t *testing.T, body []byte) bool {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	doc.Find(".entry-content script, .entry-content style").Remove()
	text := strings.TrimSpace(doc.Find(".entry-content").First().Text())
	if i := strings.Index(text, "If you like GeeksforGeeks"); i >= 0 {
		text = strings.TrimSpace(text[:i])
	}
	return text != ""
}

func foldDashes(s string) string {
	return strings.NewReplacer("–", "-", "—", "-").Replace(s)
}

func containsFold(vs []string, v string) bool {
	for _, x := range vs {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}

// BenchmarkPage extracts the corpus pages, site by site; ns/op is per
// page.
func BenchmarkPage(b *testing.B) {
	for _, site := range corpusSites {
		b.Run(site, func(b *testing.B) {
			pages := corpusPages(b, site)
			us := make([]*url.URL, len(pages))
			var size int64
			for i, p := range pages {
				u, err := url.Parse(p.url)
				if err != nil {
					b.Fatal(err)
				}
				us[i] = u
				size += int64(len(p.body))
			}
			b.SetBytes(size / int64(len(pages)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				p := pages[i%len(pages)]
				if _, err := Page(us[i%len(pages)], p.body); err != nil {
					b.Fatalf("%s: %v", p.file, err)
				}
			}
		})
	}
}
