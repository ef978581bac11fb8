package index

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// words returns n distinct short words, joined by sep.
func words(n int, sep string) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = fmt.Sprintf("w%d", i)
	}
	return strings.Join(ws, sep)
}

// hyphenChain is one token of 32 one-letter words: a phrase of 31 pairs.
const hyphenChain = "b-c-d-e-f-g-h-j-k-l-m-n-o-p-q-r-u-v-w-x-y-z-b-c-d-e-f-g-h-j-k-l"

// synonymWords are 32 words with synonyms (index/data/synonyms.txt): the
// heaviest ordinary query, about 300 term lookups.
const synonymWords = "dsa lru lfu oop dbms rdbms sd hld lld os dp bfs dfs bst ll api rest sql nosql k8s js ts dns cdn jwt orm tmay swe sde ml ai oops"

// TestLimits checks each limit of limits.go twice: just over it the request
// is refused with a *RequestError naming the limit, just under it (or at
// it) the request is answered.
func TestLimits(t *testing.T) {
	idx := newLangIndex(t)
	long := func(n int) string { return strings.Repeat("q", n) }
	tests := []struct {
		name string
		req  Request
		want string // part of the message; "" for accepted
	}{
		// the whole query
		{"query too long", Request{Query: strings.Repeat("a ", MaxQueryRunes/2) + "a"}, fmt.Sprintf("characters long; the limit is %d", MaxQueryRunes)},
		{"query at the length limit, in runes", Request{Query: strings.TrimSpace(strings.Repeat(strings.Repeat("é", 49)+" ", 10)) + "é"}, ""},
		{"5,000-term OR", Request{Query: words(5000, " OR ")}, fmt.Sprintf("the limit is %d", MaxQueryRunes)},
		{"1,000-word query", Request{Query: words(1000, " ")}, fmt.Sprintf("the limit is %d", MaxQueryRunes)},
		{"word of 10,000 letters", Request{Query: long(10000)}, fmt.Sprintf("the limit is %d", MaxQueryRunes)},
		// clauses
		{"too many words", Request{Query: words(MaxQueryClauses+1, " ")}, fmt.Sprintf("more than %d words, phrases and filters", MaxQueryClauses)},
		{"words at the clause limit", Request{Query: words(MaxQueryClauses, " ")}, ""},
		{"OR too long", Request{Query: words(MaxQueryClauses+1, " OR ")}, fmt.Sprintf("the limit is %d", MaxQueryClauses)},
		{"OR at the clause limit", Request{Query: words(MaxQueryClauses, " OR ")}, ""},
		{"too many filters", Request{Query: strings.TrimSpace(strings.Repeat("company:amazon ", MaxQueryClauses+1))}, fmt.Sprintf("the limit is %d", MaxQueryClauses)},
		// words and phrases
		{"word too long", Request{Query: "cache " + long(MaxWordRunes+1)}, fmt.Sprintf("characters long; the limit is %d", MaxWordRunes)},
		{"word at the limit", Request{Query: "cache " + long(MaxWordRunes)}, ""},
		{"prefix too long", Request{Query: long(MaxWordRunes+1) + "*"}, fmt.Sprintf("the limit is %d", MaxWordRunes)},
		{"field value too long", Request{Query: `company:"` + long(MaxWordRunes+1) + `"`}, fmt.Sprintf("the limit is %d", MaxWordRunes)},
		{"phrase too long", Request{Query: `"` + words(MaxPhraseWords+1, " ") + `"`}, fmt.Sprintf("words; the limit is %d", MaxPhraseWords)},
		{"phrase at the limit", Request{Query: `"` + words(MaxPhraseWords, " ") + `"`}, ""},
		// wildcards and regular expressions
		{"leading *", Request{Query: "*cache"}, "a * may only end a word"},
		{"prefix too short", Request{Query: "c*"}, fmt.Sprintf("at least %d letters", MinPrefixLetters)},
		{"prefix at the minimum", Request{Query: "ca*"}, ""},
		{"regexp", Request{Query: "/.*/"}, "regular expressions are not supported"},
		{"regexp class", Request{Query: "/[a-z]+/"}, "regular expressions are not supported"},
		{"slashes around a word", Request{Query: "/cache/"}, ""},
		// what the query compiles to
		{"compiles to too many terms", Request{Query: strings.Repeat(hyphenChain+" ", 7)}, fmt.Sprintf("term lookups (each word in the title and the body, its typos and synonyms, the word pairs of phrases, the words of prefixes); the limit is %d", MaxCompiledTerms)},
		{"32 words with synonyms", Request{Query: synonymWords}, ""},
		// pages and facets
		{"size at the limit", Request{Query: "cache", Size: MaxSize}, ""},
		{"size over the limit", Request{Query: "cache", Size: MaxSize + 1}, fmt.Sprintf("between 1 and %d", MaxSize)},
		{"page at the window's end", Request{Query: "cache", From: MaxWindow - 10, Size: 10}, ""},
		{"page past the window", Request{Query: "cache", From: MaxWindow - 9, Size: 10}, fmt.Sprintf("beyond the first %d", MaxWindow)},
		{"facet size at the limit", Request{FacetSize: MaxFacetSize}, ""},
		{"facet size over the limit", Request{FacetSize: MaxFacetSize + 1}, fmt.Sprintf("between 1 and %d", MaxFacetSize)},
		{"negative facet size", Request{FacetSize: -1}, "out of range"},
		// filters, clusters, cursors
		{"filter values at the limit", Request{Filters: map[string][]string{"company": strings.Fields(words(MaxFilterValues, " "))}}, ""},
		{"too many filter values", Request{Filters: map[string][]string{"company": strings.Fields(words(MaxFilterValues+1, " "))}}, fmt.Sprintf("the limit is %d", MaxFilterValues)},
		{"filter value at the limit", Request{Filters: map[string][]string{"company": {long(MaxValueRunes)}}}, ""},
		{"filter value too long", Request{Filters: map[string][]string{"company": {long(MaxValueRunes + 1)}}}, fmt.Sprintf("filter company value is %d characters long; the limit is %d", MaxValueRunes+1, MaxValueRunes)},
		{"cluster at the limit", Request{Cluster: long(MaxValueRunes)}, ""},
		{"cluster too long", Request{Cluster: long(MaxValueRunes + 1)}, fmt.Sprintf("cluster is %d characters long; the limit is %d", MaxValueRunes+1, MaxValueRunes)},
		{"cursor too long", Request{Query: "cache", Cursor: long(10000)}, "cursor is 10000 characters long"},
		{"cursor of the right length, forged", Request{Query: "cache", Cursor: long(maxCursorLen)}, "the cursor belongs to another search"},
		// hostile repetitions: refused or answered, never a server error
		{"500 quotes", Request{Query: strings.Repeat(`"`, MaxQueryRunes)}, ""},
		{"499 quotes", Request{Query: strings.Repeat(`"`, MaxQueryRunes-1)}, "quote is not closed"},
		{"500 dashes", Request{Query: strings.Repeat("-", MaxQueryRunes)}, fmt.Sprintf("the limit is %d", MaxWordRunes)},
		{"dashes", Request{Query: strings.Repeat("-", MaxWordRunes)}, "only common words"},
		{"dash quote", Request{Query: strings.Repeat(`-"`, MaxQueryRunes/2)}, `-"" leaves out nothing`},
		{"OR OR", Request{Query: strings.Repeat("OR ", MaxQueryRunes/3)}, "OR needs something on each side"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := idx.Search(context.Background(), tt.req)
			checkRefusal(t, fmt.Sprintf("Search(%.60q)", tt.req.Query), err, tt.want)
		})
	}
}

// checkRefusal fails t unless err is nil (want "") or a *RequestError whose
// message contains want; what names the call.
func checkRefusal(t *testing.T, what string, err error, want string) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Errorf("%s = %v, want an answer", what, err)
		}
		return
	}
	var re *RequestError
	if !errors.As(err, &re) || !strings.Contains(re.Msg, want) {
		t.Errorf("%s error = %v, want a *RequestError containing %q", what, err, want)
	}
}

// TestPrefixTermsLimit checks MaxPrefixTerms for one prefix and for the
// prefixes of a query together.
func TestPrefixTermsLimit(t *testing.T) {
	idx, err := NewMemOnly()
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	// 257 words starting "pa", 200 "pb", 56 "pc": digits, which the
	// stemmer leaves alone, so each is one index word.
	var body []string
	for _, p := range []struct {
		prefix string
		n      int
	}{{"pa", MaxPrefixTerms + 1}, {"pb", 200}, {"pc", MaxPrefixTerms - 200}} {
		for i := 0; i < p.n; i++ {
			body = append(body, fmt.Sprintf("%s%04d", p.prefix, i))
		}
	}
	e := Experience{ID: "p", Title: "prefixes", Questions: []Question{{Ordinal: 1, Title: "words", Body: strings.Join(body, " ")}}}
	w := idx.NewWriter(0)
	if err := w.Add(&e); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ q, want string }{
		{"pa*", fmt.Sprintf("pa* stands for more than %d different words", MaxPrefixTerms)},
		{"pb*", ""},
		{"pb* pc*", ""}, // 256 in all
		{"pb* pc* pa0000*", fmt.Sprintf("the prefixes of this query stand for more than %d different words in all", MaxPrefixTerms)},
	}
	for _, tt := range tests {
		res, err := idx.Search(context.Background(), Request{Query: tt.q})
		checkRefusal(t, fmt.Sprintf("Search(%q)", tt.q), err, tt.want)
		if err == nil && res.Total != 1 {
			t.Errorf("Search(%q) found %d, want the one question", tt.q, res.Total)
		}
	}
}

// TestSuggestLimits checks the typeahead's prefix length and size.
func TestSuggestLimits(t *testing.T) {
	idx := newLangIndex(t)
	tests := []struct {
		name   string
		prefix string
		n      int
		want   string
	}{
		{"at the limits", strings.Repeat("a", MaxValueRunes), MaxFacetSize, ""},
		{"prefix too long", strings.Repeat("a", MaxValueRunes+1), 10, fmt.Sprintf("prefix is %d characters long; the limit is %d", MaxValueRunes+1, MaxValueRunes)},
		{"size too large", "a", MaxFacetSize + 1, fmt.Sprintf("between 1 and %d", MaxFacetSize)},
		{"size zero", "a", 0, "out of range"},
		{"not UTF-8", "a\xff", 10, "not valid UTF-8"},
	}
	for _, tt := range tests {
		_, err := idx.Suggest(context.Background(), "company", tt.prefix, tt.n)
		checkRefusal(t, fmt.Sprintf("%s: Suggest(company, %.20q, %d)", tt.name, tt.prefix, tt.n), err, tt.want)
	}
}

// TestLongTextHighlight checks that a text longer than maxHighlightBytes is
// marked only in its head and escaped whole.
func TestLongTextHighlight(t *testing.T) {
	idx := newLangIndex(t)
	snap, err := idx.snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	text := "cache " + strings.Repeat("<b> ", maxHighlightBytes/4) + "cache"
	got, ok := highlight(text, map[string]bool{"cach": true}, snap.analyzer, 0)
	if !ok || strings.Count(got, "<mark>") != 1 || !strings.HasPrefix(got, "<mark>cache</mark>") || strings.Contains(got, "<b>") {
		t.Errorf("highlight(long text) marks %d words (want 1, the first) and starts %.40q", strings.Count(got, "<mark>"), got)
	}
}
