package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/client"
)

// A request is one GET of the mix: its class and its path with query.
type request struct {
	class string
	path  string
}

// A source gives the requests of a run, one at a time; it is safe for
// concurrent use.
type source interface {
	next() request
	classes() []string
}

// vocab is what the requests are made of, read from the index through the
// API: the words of question titles (with repeats, so common words come up
// more often), neighbouring pairs of them, facet values, experience and
// cluster ids.
type vocab struct {
	words       []string
	pairs       [][2]string
	facets      map[string][]string
	experiences []string
	clusters    []string
	stop        func(string) bool // reports whether a word is a stop word of the index
}

// A class is one kind of request of the mix, with its share (weight out of
// the total) and how to make one. A class whose make returns "" (for lack
// of vocabulary) is left out.
type class struct {
	name   string
	weight int
	make   func(v *vocab, r *rand.Rand) string
}

// mixClasses is the mix: mostly searches, as a search box sees them.
var mixClasses = []class{
	{"word", 18, func(v *vocab, r *rand.Rand) string { return search("q", pick(r, v.words)) }},
	{"two-words", 14, func(v *vocab, r *rand.Rand) string {
		p := pick(r, v.pairs)
		return search("q", p[0]+" "+p[1])
	}},
	{"phrase", 8, func(v *vocab, r *rand.Rand) string {
		p := pick(r, v.pairs)
		return search("q", `"`+p[0]+" "+p[1]+`"`)
	}},
	{"filter", 10, func(v *vocab, r *rand.Rand) string {
		field := pick(r, []string{"company", "company", "difficulty", "role"})
		if len(v.facets[field]) == 0 {
			return ""
		}
		return search("q", pick(r, v.words), field, pick(r, v.facets[field]))
	}},
	{"facets", 8, func(v *vocab, r *rand.Rand) string {
		if len(v.facets["category"]) == 0 || len(v.facets["company"]) == 0 {
			return ""
		}
		return search("category", pick(r, v.facets["category"]), "company", pick(r, v.facets["company"]), "facet_size", "50")
	}},
	{"paging", 6, func(v *vocab, r *rand.Rand) string {
		return search("q", pick(r, v.words), "page", strconv.Itoa(2+r.IntN(4)))
	}},
	{"typo", 8, func(v *vocab, r *rand.Rand) string {
		w := pick(r, v.words)
		if len(w) < 5 {
			return ""
		}
		i := 1 + r.IntN(len(w)-3) // swap two letters inside the word
		b := []byte(w)
		b[i], b[i+1] = b[i+1], b[i]
		if v.stop(string(b)) {
			return "" // "three" → "there": a query of a stop word alone is refused
		}
		return search("q", string(b))
	}},
	{"prefix", 4, func(v *vocab, r *rand.Rand) string {
		w := pick(r, v.words)
		if len(w) < 7 {
			return ""
		}
		return search("q", w[:len(w)-2]+"*")
	}},
	{"suggest", 8, func(v *vocab, r *rand.Rand) string {
		field := pick(r, []string{"company", "role"})
		if len(v.facets[field]) == 0 {
			return ""
		}
		val := []rune(strings.ToLower(pick(r, v.facets[field])))
		return "/api/suggest?" + url.Values{"field": {field}, "prefix": {string(val[:min(len(val), 2+r.IntN(2))])}}.Encode()
	}},
	{"experience", 5, func(v *vocab, r *rand.Rand) string {
		if len(v.experiences) == 0 {
			return ""
		}
		return "/api/experiences/" + url.PathEscape(pick(r, v.experiences))
	}},
	{"cluster", 3, func(v *vocab, r *rand.Rand) string {
		if len(v.clusters) == 0 {
			return ""
		}
		return "/api/questions/" + url.PathEscape(pick(r, v.clusters))
	}},
	{"web-search", 5, func(v *vocab, r *rand.Rand) string {
		return "/search?" + url.Values{"q": {pick(r, v.words)}}.Encode()
	}},
	{"web-post", 3, func(v *vocab, r *rand.Rand) string {
		if len(v.experiences) == 0 {
			return ""
		}
		return "/experiences/" + url.PathEscape(pick(r, v.experiences))
	}},
}

// search returns the /api/search path with the parameters kv (name,
// value, name, value, …).
func search(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return "/api/search?" + v.Encode()
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// mix draws requests from the classes by weight, seeded.
type mix struct {
	mu     sync.Mutex
	r      *rand.Rand
	v      *vocab
	active []class // the classes the vocabulary can make
	total  int
}

func newMix(v *vocab, seed uint64) (*mix, error) {
	m := &mix{r: rand.New(rand.NewPCG(seed, 0x6c6f6164)), v: v}
	if len(v.words) == 0 || len(v.pairs) == 0 {
		return nil, fmt.Errorf("the index has no question titles to make queries of; give -queries FILE")
	}
	probe := rand.New(rand.NewPCG(seed, 1))
	for _, c := range mixClasses {
		ok := false
		for i := 0; i < 20 && !ok; i++ { // some need a long enough word
			ok = c.make(v, probe) != ""
		}
		if ok {
			m.active = append(m.active, c)
			m.total += c.weight
		}
	}
	return m, nil
}

func (m *mix) classes() []string {
	var names []string
	for _, c := range m.active {
		names = append(names, c.name)
	}
	return names
}

func (m *mix) next() request {
	m.mu.Lock()
	defer m.mu.Unlock()
	for {
		n := m.r.IntN(m.total)
		for _, c := range m.active {
			if n -= c.weight; n < 0 {
				if p := c.make(m.v, m.r); p != "" {
					return request{class: c.name, path: p}
				}
				break // this word did not fit the class: draw again
			}
		}
	}
}

// hostileSource makes the hostile mix of issue 14: queries of
// hostileWords words of hostileLetters random letters, each a word the
// index does not know and long enough to be looked up for typos (the
// engine looks up words of up to 24 letters), so that each query asks
// for typo lookups of every word, finds nothing, relaxes and asks "did you
// mean". Every query is new, so searchd's cache never answers one.
type hostileSource struct {
	mu sync.Mutex
	r  *rand.Rand
}

const (
	hostileWords   = 8
	hostileLetters = 24
)

func newHostileSource(seed uint64) *hostileSource {
	return &hostileSource{r: rand.New(rand.NewPCG(seed, 0x686f7374))}
}

func (h *hostileSource) classes() []string { return []string{"hostile"} }

func (h *hostileSource) next() request {
	h.mu.Lock()
	defer h.mu.Unlock()
	words := make([]string, hostileWords)
	for i := range words {
		b := make([]byte, hostileLetters)
		for j := range b {
			b[j] = byte('a' + h.r.IntN(26))
		}
		words[i] = string(b)
	}
	return request{class: "hostile", path: search("q", strings.Join(words, " "))}
}

// fileSource draws requests uniformly from a query file, seeded.
type fileSource struct {
	mu   sync.Mutex
	r    *rand.Rand
	reqs []request
}

func (f *fileSource) next() request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reqs[f.r.IntN(len(f.reqs))]
}

func (f *fileSource) classes() []string {
	seen := map[string]bool{}
	var names []string
	for _, r := range f.reqs {
		if !seen[r.class] {
			seen[r.class] = true
			names = append(names, r.class)
		}
	}
	return names
}

// readQueries reads a query file: one request a line, as
//
//	class<TAB>/path?query         (any GET of searchd)
//	class<TAB>q<TAB>filters       (bench/queries.txt: /api/search?q=…&filters;
//	                              q may be empty)
//
// with blank lines and lines starting with # skipped.
func readQueries(r io.Reader, name string) ([]request, error) {
	var reqs []request
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) < 2 || len(f) > 3 || f[0] == "" || f[1] == "" && (len(f) == 2 || f[2] == "") {
			return nil, fmt.Errorf("%s:%d: want class<TAB>/path?query or class<TAB>q<TAB>filters, got %q", name, line, text)
		}
		if strings.HasPrefix(f[1], "/") && len(f) == 2 {
			reqs = append(reqs, request{class: f[0], path: f[1]})
			continue
		}
		v := url.Values{}
		if f[1] != "" {
			v.Set("q", f[1])
		}
		if len(f) == 3 && f[2] != "" {
			extra, err := url.ParseQuery(f[2])
			if err != nil {
				return nil, fmt.Errorf("%s:%d: filters %q: %v", name, line, f[2], err)
			}
			for k, vs := range extra {
				v[k] = append(v[k], vs...)
			}
		}
		reqs = append(reqs, request{class: f[0], path: "/api/search?" + v.Encode()})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(reqs) == 0 {
		return nil, fmt.Errorf("%s has no requests", name)
	}
	return reqs, nil
}

func loadQueryFile(path string, seed uint64) (*fileSource, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	reqs, err := readQueries(f, path)
	if err != nil {
		return nil, err
	}
	return &fileSource{r: rand.New(rand.NewPCG(seed, 0x66696c65)), reqs: reqs}, nil
}

// readVocab reads up to pages pages of 100 questions, newest first, and
// the 100 most asked, through the API.
func readVocab(ctx context.Context, c *client.Client, pages int) (*vocab, error) {
	stop := stopWords()
	v := &vocab{facets: map[string][]string{}, stop: stop}
	seenExp, seenCluster, seenPair := map[string]bool{}, map[string]bool{}, map[[2]string]bool{}
	add := func(page *client.SearchResult) {
		for _, h := range page.Hits {
			ws := titleWords(h.Title, stop)
			v.words = append(v.words, ws...)
			for j := 0; j+1 < len(ws); j++ {
				if p := [2]string{ws[j], ws[j+1]}; !seenPair[p] && p[0] != p[1] {
					seenPair[p] = true
					v.pairs = append(v.pairs, p)
				}
			}
			if h.ExperienceID != "" && !seenExp[h.ExperienceID] {
				seenExp[h.ExperienceID] = true
				v.experiences = append(v.experiences, h.ExperienceID)
			}
			if h.Cluster != "" && h.AskedAt > 1 && !seenCluster[h.Cluster] {
				seenCluster[h.Cluster] = true
				v.clusters = append(v.clusters, h.Cluster)
			}
		}
	}
	for p := 1; p <= pages && p*askedat.MaxSize <= askedat.MaxWindow; p++ {
		page, err := c.Search(ctx, askedat.Request{Sort: "date", Size: askedat.MaxSize, FacetSize: 50, From: (p - 1) * askedat.MaxSize})
		if err != nil {
			return nil, fmt.Errorf("read the vocabulary: %w", err)
		}
		if p == 1 {
			for field, vals := range page.Facets {
				for _, fv := range vals {
					v.facets[field] = append(v.facets[field], fv.Value)
				}
			}
		}
		add(page)
		if len(page.Hits) < askedat.MaxSize {
			break // the last page
		}
	}
	asked, err := c.Search(ctx, askedat.Request{Sort: "asked", Size: askedat.MaxSize})
	if err != nil {
		return nil, fmt.Errorf("read the vocabulary: %w", err)
	}
	add(asked)
	return v, nil
}

// titleWords returns the words of a title fit for a query: letters only, 3
// to 20 of them, not stop words (a query of stop words alone is refused),
// lower case, in order.
func titleWords(title string, stop func(string) bool) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(title), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if n := len([]rune(w)); n >= 3 && n <= 20 && !stop(w) && isASCII(w) {
			out = append(out, w)
		}
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// stopWords reports whether a word is in the English stop list of the
// index's analyzer.
func stopWords() func(string) bool { return askedat.IsStopWord }
