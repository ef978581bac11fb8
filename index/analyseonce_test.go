package index

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/token/shingle"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// TestPairsOfKeptWords checks that the pairs analyzer gives the tokens of
// the chain it stands for (en's filters, then bleve's shingle filter of two
// words, less the pairs with the filler it puts where a stop word stood)
// whether it takes the words the words analyzer kept or analyses the text
// itself; that the words analyzer is en; that a stop word between two
// words leaves them no pair; and that texts analysed at once on many
// goroutines get their own pairs, never another's.
func TestPairsOfKeptWords(t *testing.T) {
	m := buildMapping().(*mapping.IndexMappingImpl)
	words, pairs := m.AnalyzerNamed(wordsAnalyzer), m.AnalyzerNamed(pairsAnalyzerName)
	if words == nil || pairs == nil {
		t.Fatalf("analyzers %s and %s: %v, %v", wordsAnalyzer, pairsAnalyzerName, words, pairs)
	}
	// The chain as bleve's custom analyzer made it, put together here
	// without registering the custom type, which TestOpenIndexOfOlderMapping
	// needs the program itself to register.
	cache := registry.NewCache()
	tok, err := cache.TokenizerNamed(unicode.Name)
	if err != nil {
		t.Fatal(err)
	}
	var filters []analysis.TokenFilter
	for _, name := range []string{en.PossessiveName, lowercase.Name, en.StopName, porter.Name} {
		f, err := cache.TokenFilterNamed(name)
		if err != nil {
			t.Fatal(err)
		}
		filters = append(filters, f)
	}
	refWords := &analysis.DefaultAnalyzer{Tokenizer: tok, TokenFilters: filters}
	refPairs := &analysis.DefaultAnalyzer{Tokenizer: tok, TokenFilters: append(slices.Clip(filters), shingle.NewShingleFilter(2, 2, false, " ", "\x00"), dropFiller{})}

	texts := []string{
		"", "Linked", "Reverse a Linked List in groups of K",
		"The candidate's LRU cache: get() and put() in O(1), the interviewer's follow-up was about TTLs.",
		"a the of and", // stop words only: no pairs
		"Design a URL shortener, then a rate limiter; the system must scale to 1,000,000 users.",
		"Ünïcödé wörds and CamelCase words_with_underscores 3sum k-th",
	}
	for _, text := range texts {
		want, wantWords := terms(refPairs.Analyze([]byte(text))), terms(refWords.Analyze([]byte(text)))
		// As bleve indexes a document: the words field, then the pairs
		// field, each with its own copy of the text.
		gotWords := terms(words.Analyze([]byte(text)))
		if e := slotOf([]byte(text)).Load(); e == nil || string(e.text) != text {
			t.Errorf("the words of %q were not kept", text)
		}
		gotKept := terms(pairs.Analyze([]byte(text)))
		if e := slotOf([]byte(text)).Load(); e != nil && string(e.text) == text {
			t.Errorf("the kept words of %q were not let go once read", text)
		}
		// A text no words field analysed first (a query's).
		gotAlone := terms(pairs.Analyze([]byte(text)))
		if !slices.Equal(gotWords, wantWords) {
			t.Errorf("words of %q = %v, want en's %v", text, gotWords, wantWords)
		}
		if !slices.Equal(gotKept, want) {
			t.Errorf("pairs of %q from kept words = %v, want %v", text, gotKept, want)
		}
		if !slices.Equal(gotAlone, want) {
			t.Errorf("pairs of %q analysed alone = %v, want %v", text, gotAlone, want)
		}
	}

	for _, tt := range []struct{ text, want string }{
		{"reverse a linked list", "link list"},
		{"reverse the linked list", "link list"},
		{"reverse linked list", "revers link|link list"},
		{"design of a system", ""},
		{"the a of", ""},
	} {
		var got []string
		for _, tok := range pairs.Analyze([]byte(tt.text)) {
			got = append(got, string(tok.Term))
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("pairs of %q = %q, want %q", tt.text, got, tt.want)
		}
	}

	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		wg.Go(func() {
			for i := range 500 {
				text := fmt.Sprintf("worker %d writes text number %d about binary trees", g, i)
				want := terms(refPairs.Analyze([]byte(text)))
				words.Analyze([]byte(text))
				if got := terms(pairs.Analyze([]byte(text))); !slices.Equal(got, want) {
					select {
					case errs <- fmt.Sprintf("pairs of %q = %v, want %v", text, got, want):
					default:
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// dropFiller drops the pairs with the shingle filter's filler, "\x00".
type dropFiller struct{}

func (dropFiller) Filter(in analysis.TokenStream) analysis.TokenStream {
	out := analysis.TokenStream{}
	for _, tok := range in {
		if !strings.Contains(string(tok.Term), "\x00") {
			out = append(out, tok)
		}
	}
	return out
}

// terms returns each token as term@position.
func terms(ts analysis.TokenStream) []string {
	out := []string{}
	for _, tok := range ts {
		out = append(out, fmt.Sprintf("%s@%d", tok.Term, tok.Position))
	}
	return out
}

// TestOpenIndexOfOlderMapping checks that an index built before its text
// was analysed once (its mapping defines en_pairs as a custom chain) opens
// far enough to say which mapping version it has and what to do.
func TestOpenIndexOfOlderMapping(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "old")
	old := mapping.NewIndexMapping()
	if err := old.AddCustomAnalyzer("en_pairs", map[string]interface{}{
		"type": "custom", "tokenizer": unicode.Name,
		"token_filters": []string{en.PossessiveName, lowercase.Name, en.StopName, porter.Name},
	}); err != nil {
		t.Fatal(err)
	}
	bi, err := bleve.New(dir, old)
	if err != nil {
		t.Fatal(err)
	}
	if err := bi.SetInternal(metaKey, []byte(`{"mapping_version": 8}`)); err != nil {
		t.Fatal(err)
	}
	if err := bi.Close(); err != nil {
		t.Fatal(err)
	}
	idx, err := Open(dir)
	if err == nil {
		idx.Close()
		t.Fatal("Open of an index of mapping version 8 succeeded")
	}
	if want := fmt.Sprintf("built with mapping version 8, this program needs %d", MappingVersion); !strings.Contains(err.Error(), want) {
		t.Errorf("Open: %v, want an error saying %q", err, want)
	}
}
