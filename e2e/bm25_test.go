package e2e

import (
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
)

// The baseline of the real-pages relevance test: plain BM25 (k1 1.2, b 0.75)
// over each page's visible text as served, navigation and comments
// included, no stemming and no stop words, the query's words OR-ed. It is
// what any full-text engine gives with no knowledge of the pages; askedat
// must beat it by a clear margin.
type bm25 struct {
	docs   []bm25Doc
	df     map[string]int
	avgLen float64
}

type bm25Doc struct {
	url string
	tf  map[string]int
	len int
}

// bm25Words splits text as the baseline does: lower-case runs of letters
// and digits.
func bm25Words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// newBM25 reads every .html file under dir: one document a page, named by
// its canonical URL (its file name when it has none).
func newBM25(t *testing.T, dir string) *bm25 {
	t.Helper()
	b := &bm25{df: map[string]int{}}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		root, err := html.Parse(f)
		if err != nil {
			return err
		}
		doc := bm25Doc{url: filepath.Base(path), tf: map[string]int{}}
		var text strings.Builder
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			switch {
			case n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style" || n.Data == "noscript"):
				return
			case n.Type == html.ElementNode && n.Data == "link" && attr(n, "rel") == "canonical":
				doc.url = attr(n, "href")
			case n.Type == html.TextNode:
				text.WriteString(n.Data)
				text.WriteByte(' ')
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(root)
		for _, w := range bm25Words(text.String()) {
			if doc.tf[w] == 0 {
				b.df[w]++
			}
			doc.tf[w]++
			doc.len++
		}
		b.docs = append(b.docs, doc)
		return nil
	})
	if err != nil {
		t.Fatalf("read pages for the BM25 baseline: %v", err)
	}
	total := 0
	for _, d := range b.docs {
		total += d.len
	}
	b.avgLen = float64(total) / float64(max(1, len(b.docs)))
	return b
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// search returns the URLs of the k best pages for the query's words.
func (b *bm25) search(q string, k int) []string {
	const k1, bb = 1.2, 0.75
	n := float64(len(b.docs))
	type scored struct {
		url   string
		score float64
	}
	var out []scored
	words := bm25Words(q)
	for _, d := range b.docs {
		s := 0.0
		for _, w := range words {
			tf := float64(d.tf[w])
			if tf == 0 {
				continue
			}
			df := float64(b.df[w])
			idf := math.Log(1 + (n-df+0.5)/(df+0.5))
			s += idf * tf * (k1 + 1) / (tf + k1*(1-bb+bb*float64(d.len)/b.avgLen))
		}
		if s > 0 {
			out = append(out, scored{d.url, s})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}
		return out[i].url < out[j].url
	})
	urls := make([]string, 0, k)
	for _, s := range out[:min(k, len(out))] {
		urls = append(urls, s.url)
	}
	return urls
}
