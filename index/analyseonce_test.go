package index

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/token/shingle"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
)

// TestPairsOfKeptWords checks that the pairs analyzer gives the tokens of
// the chain it stands for (en's filters, then a shingle filter of two
// words) whether it takes the words the words analyzer kept or analyses
// the text itself; that the words analyzer is en; and that texts analysed
// at once on many goroutines get their own pairs, never another's.
func TestPairsOfKeptWords(t *testing.T) {
	m := buildMapping().(*mapping.IndexMappingImpl)
	words, pairs := m.AnalyzerNamed(wordsAnalyzer), m.AnalyzerNamed(pairsAnalyzerName)
	if words == nil || pairs == nil {
		t.Fatalf("analyzers %s and %s: %v, %v", wordsAnalyzer, pairsAnalyzerName, words, pairs)
	}
	ref := mapping.NewIndexMapping()
	if err := ref.AddCustomTokenFilter("ref_shingle", map[string]interface{}{
		"type": shingle.Name, "min": 2.0, "max": 2.0, "output_original": false, "separator": " ",
	}); err != nil {
		t.Fatal(err)
	}
	if err := ref.AddCustomAnalyzer("ref_pairs", map[string]interface{}{
		"type": custom.Name, "tokenizer": unicode.Name,
		"token_filters": []string{en.PossessiveName, lowercase.Name, en.StopName, porter.Name, "ref_shingle"},
	}); err != nil {
		t.Fatal(err)
	}
	refPairs, refWords := ref.AnalyzerNamed("ref_pairs"), ref.AnalyzerNamed(en.AnalyzerName)

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

// terms returns each token as term@position.
func terms(ts analysis.TokenStream) []string {
	out := []string{}
	for _, tok := range ts {
		out = append(out, fmt.Sprintf("%s@%d", tok.Term, tok.Position))
	}
	return out
}
