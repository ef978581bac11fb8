// Analysing a text once for its words and its word pairs. A title or body
// is indexed twice: by en, for its words, and by the pairs analyzer, which
// pairs each word with the next. Analysed alone, the pairs field tokenised,
// lower-cased and stemmed every text a second time. Instead the analyzer of
// the words fields keeps what it made, by text, and the pairs analyzer,
// which bleve runs next on the same text (the mapping puts the pairs field
// after the words field of each path), takes the pairs of those words; a
// text it finds no words for (a query, a lost race for the slot) it
// analyses itself, the same way (decision 141).
//
// A pair is two words next to each other with no stop word between:
// "reverse a linked list" has the one pair "link list" (decision 142).

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
		return pairsAnalyzer{words: a}, nil
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

// pairsAnalyzer is en followed by the pairs of its words, taking en's
// words of the text from keepingAnalyzer where it has them.
type pairsAnalyzer struct{ words analysis.Analyzer }

func (a pairsAnalyzer) Analyze(text []byte) analysis.TokenStream {
	slot := slotOf(text)
	if e := slot.Load(); e != nil && bytes.Equal(e.text, text) {
		slot.CompareAndSwap(e, nil) // read once: let the text go
		return pairsOf(e.words)
	}
	return pairsOf(a.words.Analyze(text))
}

// pairsOf returns each word joined by a space to the next, where no stop
// word stood between them. bleve's shingle filter put a filler word in a
// stop word's place, and its pairs with the filler ("revers _", "_ link")
// were 61 % of the pairs fields' postings at 100k real-sentence questions,
// each saying only that some stop word stood there (decision 142).
func pairsOf(words analysis.TokenStream) analysis.TokenStream {
	if len(words) < 2 {
		return nil
	}
	pairs := make(analysis.TokenStream, 0, len(words)-1)
	toks := make([]analysis.Token, len(words)-1)
	for i := range toks {
		a, b := words[i], words[i+1]
		if b.Position != a.Position+1 {
			continue // a stop word stood between them
		}
		term := make([]byte, 0, len(a.Term)+1+len(b.Term))
		term = append(append(append(term, a.Term...), ' '), b.Term...)
		toks[i] = analysis.Token{Term: term, Position: a.Position, Start: a.Start, End: b.End, Type: analysis.Shingle}
		pairs = append(pairs, &toks[i])
	}
	return pairs
}
