// Analysing a text once for its words and its word pairs. A title or body
// is indexed twice: by en, for its words, and by the pairs analyzer, whose
// chain is en's followed by a shingle filter. Analysed alone, the pairs
// field tokenised, lower-cased and stemmed every text a second time.
// Instead the analyzer of the words fields keeps what it made, by text, and
// the pairs analyzer, which bleve runs next on the same text (the mapping
// puts the pairs field after the words field of each path), takes the
// pairs of those words; a text it finds no words for (a query, a lost
// race for the slot) it analyses itself, the same way (decision 141).

package index

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/analysis"
	// Registers the custom analyzer type, which the mappings of indexes
	// built before this file name for en_pairs: such an index must open
	// far enough to say its mapping version (TestOpenIndexOfOlderMapping).
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/shingle"
	"github.com/blevesearch/bleve/v2/registry"
)

// The analyzer types of the text fields and of their pairs fields.
const (
	wordsKeepingType = "askedat_en_keeping"
	pairsOfWordsType = "askedat_en_pairs"
)

func init() {
	registry.RegisterAnalyzer(wordsKeepingType, func(_ map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
		a, err := cache.AnalyzerNamed(en.AnalyzerName)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", wordsKeepingType, err)
		}
		return keepingAnalyzer{a}, nil
	})
	registry.RegisterAnalyzer(pairsOfWordsType, func(_ map[string]interface{}, cache *registry.Cache) (analysis.Analyzer, error) {
		a, err := cache.AnalyzerNamed(en.AnalyzerName)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", pairsOfWordsType, err)
		}
		return pairsAnalyzer{words: a, pairs: shingle.NewShingleFilter(2, 2, false, " ", "_")}, nil
	})
}

// analysed is a text and the words en made of it.
type analysed struct {
	text  []byte
	words analysis.TokenStream
}

// recentWords holds the words of texts analysed lately, one per slot by
// the text's hash: enough slots that the analysis workers of a build (one
// per core) rarely take each other's before the pairs analyzer reads them.
var (
	recentWords [256]atomic.Pointer[analysed]
	recentSeed  = maphash.MakeSeed()
)

func slotOf(text []byte) *atomic.Pointer[analysed] {
	return &recentWords[maphash.Bytes(recentSeed, text)%uint64(len(recentWords))]
}

// keepingAnalyzer is en, keeping its words of each text for pairsAnalyzer.
type keepingAnalyzer struct{ en analysis.Analyzer }

func (a keepingAnalyzer) Analyze(text []byte) analysis.TokenStream {
	// A copy of the text as given: en lower-cases a field's bytes in place.
	kept := bytes.Clone(text)
	words := a.en.Analyze(text)
	slotOf(kept).Store(&analysed{text: kept, words: words})
	return words
}

// pairsAnalyzer is en followed by a shingle filter of two words, taking
// en's words of the text from keepingAnalyzer where it has them.
type pairsAnalyzer struct {
	words analysis.Analyzer
	pairs analysis.TokenFilter
}

func (a pairsAnalyzer) Analyze(text []byte) analysis.TokenStream {
	slot := slotOf(text)
	if e := slot.Load(); e != nil && bytes.Equal(e.text, text) {
		slot.CompareAndSwap(e, nil) // read once: let the text go
		return a.pairs.Filter(e.words)
	}
	return a.pairs.Filter(a.words.Analyze(text))
}
