package extract

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// runExtractors parses body as Page does and hands it to every extractor
// directly, without extractWith's recover: a panic fails the test.
func runExtractors(t testing.TB, u *url.URL, body []byte) {
	t.Helper()
	root, err := parse(body)
	if err != nil {
		return
	}
	doc := goquery.NewDocumentFromNode(root)
	for _, ex := range extractors {
		d := &Doc{URL: u, Canonical: canonical(doc, u), HTML: doc}
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("%s panicked on a hostile page: %v", ex.Name(), p)
				}
			}()
			res, err := ex.Extract(d)
			if err == nil {
				for _, e := range res.Experiences {
					if err := e.Validate(); err != nil {
						t.Errorf("%s returned an invalid experience: %v", ex.Name(), err)
					}
				}
			}
		}()
	}
}

// seedPages returns the hand-made pages and, where the corpus is present,
// one page of each site.
func seedPages(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	files, _ := filepath.Glob(filepath.Join("testdata", "pages", "*.html"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = b
	}
	for _, f := range []string{
		"geeksforgeeks/amazon-interview-experience-set-154-sde2.html",
		"geeksforgeeks/tag-amazon-page-5.html",
		"glassdoor/tata-consultancy-services-interview-questions-E13461_P2.html",
	} {
		if b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "corpus", "html", f)); err == nil {
			out[filepath.Base(f)] = b
		}
	}
	return out
}

// hostileVariants returns pages made to break extractors: seeds cut short,
// bytes flipped, markup mangled, and pathological structures.
func hostileVariants(seeds map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	rng := rand.New(rand.NewPCG(1, 2))
	for name, b := range seeds {
		for i := 1; i <= 8; i++ {
			out[fmt.Sprintf("%s cut %d/8", name, i)] = b[:len(b)*i/9]
		}
		flipped := bytes.Clone(b)
		for i := 0; i < len(flipped)/50; i++ {
			flipped[rng.IntN(len(flipped))] = byte(rng.IntN(256))
		}
		out[name+" flipped"] = flipped
		out[name+" no closing tags"] = bytes.ReplaceAll(b, []byte("</"), []byte("<"))
		out[name+" twice"] = append(bytes.Clone(b), b...)
	}
	deep := strings.Repeat("<ol><li>1. Round 1:<b>", 20000) + "Given x?" + strings.Repeat("</b></li></ol>", 20000)
	out["deep lists"] = []byte(`<html><head><meta property="og:site_name" content="GeeksforGeeks"></head><body><article><h1>Acme Interview Experience</h1><div class="entry-content">` + deep + `</div></article></body></html>`)
	many := strings.Repeat("1. Round 1: Q1. <a href='javascript:alert(1)'>x</a><a href='http://[::1'>y</a><a href='%zz'>z</a><br>", 20000)
	out["many lines"] = []byte(`<html><head><link rel="canonical" href="http://www.geeksforgeeks.org/x/"><meta property="article:section" content="Interview Experiences"></head><body><h1>X Interview</h1><div class="entry-content"><p>` + many + `</p></div></body></html>`)
	out["glassdoor hooks only"] = []byte(`<html><head><meta property="og:site_name" content="Glassdoor"></head><body>` +
		strings.Repeat(`<div data-test="Interview1Container"><a href="-RVW1.htm"></a><ul data-test="Interview1Questions"><li></li></ul></div>`, 500) +
		strings.Repeat(`<a href="/Interview/x-RVW2.htm">`, 300) + `</body></html>`)
	out["json-ld junk"] = []byte(`<html><head><script type="application/ld+json">{"@type":["Article",1,{}],"headline":{"name":["Interview experience"]},"@graph":[[[[[[{}]]]]]],"about":[null,{"name":3}]}</script><script type="application/ld+json">{not json</script></head><body><article><h1>Interview experience</h1><h2>Round 1</h2><p>Q1.</p></article></body></html>`)
	out["long line"] = []byte("<html><body><h1>Interview experience at Acme</h1><h2>Round 1</h2><p>Q1. " + strings.Repeat("word. ", 200000) + "</p></body></html>")
	return out
}

// TestHostilePages runs every extractor, without the recover of Page, on
// pages made to break them. None may panic or return an invalid
// experience.
func TestHostilePages(t *testing.T) {
	u := mustURL(t, "http://127.0.0.1:8080/page")
	for name, body := range hostileVariants(seedPages(t)) {
		t.Run(name, func(t *testing.T) {
			runExtractors(t, u, body)
		})
	}
}

// FuzzExtractors feeds the extractors arbitrary pages; go test -fuzz
// FuzzExtractors runs it beyond its seeds.
func FuzzExtractors(f *testing.F) {
	for _, b := range seedPages(f) {
		f.Add(b)
	}
	u, _ := url.Parse("http://127.0.0.1:8080/page")
	f.Fuzz(func(t *testing.T, body []byte) {
		runExtractors(t, u, body)
	})
}
