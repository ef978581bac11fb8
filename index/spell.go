package index

import (
	"sort"
	"strings"

	bindex "github.com/blevesearch/bleve_index_api"
)

// TypoBoost weighs a match of a corrected word against an exact one: a
// misspelt query still finds its matches, below the exact ones.
const TypoBoost = 0.25

// A correction is an index term a typed word may be a misspelling of, with
// the word as a reader would write it.
type correction struct {
	term    string // the index's (stemmed) term
	surface string // a written form of it close to what was typed
	dist    int
	docs    uint64
}

// suffixes are endings the English stemmer removes; a stem plus one of
// them is a word a typo may stand for ("recurs" + "ion" for "recursoin").
var suffixes = []string{"", "e", "s", "es", "ed", "ing", "ion", "ions", "ive", "er", "ers", "ation", "ly", "y", "al", "ment", "ness"}

// fuzzyReader is what bleve's index snapshots offer for fuzzy term lookup.
type fuzzyReader interface {
	FieldDictFuzzy(field string, term string, fuzziness int, prefix string) (bindex.FieldDict, error)
}

// docFreq returns how many documents have term in the title or the body.
func (s *snapshot) docFreq(term string, f textFields) uint64 {
	var n uint64
	for _, field := range []string{f.title, f.body} {
		tfr, err := s.r.TermFieldReader(s.ctx, []byte(term), field, false, false, false)
		if err != nil {
			continue
		}
		n += tfr.Count()
		tfr.Close()
	}
	return n
}

// corrections returns up to maxCorrections index terms that the typed word
// (analysed to term) may be a misspelling of, most likely first: within two
// edits of a written form of the term (one edit for short words), the
// closest first, then the most frequent. The lookups are taken from b (one
// step per probe and field, all of a word's or none: a word gets its whole
// set of corrections or, over budget, none), and the answer is kept in b
// for the re-searches of the same search.
func (s *snapshot) corrections(typed, term string, f textFields, b *budget) []correction {
	fr, ok := s.r.(fuzzyReader)
	if !ok {
		return nil
	}
	key := correctionKey{typed, term, f}
	if b != nil {
		if out, ok := b.memo[key]; ok {
			return out
		}
	}
	word := strings.ToLower(typed)
	n := len([]rune(word))
	if n < 4 || n > maxFuzzyRunes {
		return nil // too short to tell a typo from another word, or too long to look up
	}
	maxDist := 1
	if n >= 6 {
		maxDist = 2
	}
	// Candidates: terms near the typed word, and near its shorter prefixes
	// (the index holds stems: "recurs" for "recursion").
	probes := []string{word, term}
	for cut := 1; cut <= 3 && n-cut >= 4; cut++ {
		probes = append(probes, string([]rune(word)[:n-cut]))
	}
	if !b.spend(2*len(probes), "typo lookups") {
		return nil
	}
	best := map[string]correction{}
	for _, field := range []string{f.title, f.body} {
		for _, p := range probes {
			d, err := fr.FieldDictFuzzy(field, p, maxDist, "")
			if err != nil {
				continue
			}
			for {
				de, err := d.Next()
				if err != nil || de == nil {
					break
				}
				if de.Term == term {
					continue
				}
				surface, dist := closestForm(de.Term, word)
				if dist > maxDist {
					continue
				}
				c := best[de.Term]
				c.term, c.surface, c.dist = de.Term, surface, dist
				c.docs += de.Count
				best[de.Term] = c
			}
			d.Close()
		}
	}
	out := make([]correction, 0, len(best))
	for _, c := range best {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].dist != out[j].dist {
			return out[i].dist < out[j].dist
		}
		if out[i].docs != out[j].docs {
			return out[i].docs > out[j].docs
		}
		return out[i].term < out[j].term
	})
	if len(out) > maxCorrections {
		out = out[:maxCorrections]
	}
	if b != nil {
		b.memo[key] = out
	}
	return out
}

// closestForm returns the written form of stem (stem plus a suffix) closest
// to word, and its edit distance.
func closestForm(stem, word string) (string, int) {
	best, bestDist := stem, editDistance(stem, word)
	for _, suf := range suffixes[1:] {
		if d := editDistance(stem+suf, word); d < bestDist {
			best, bestDist = stem+suf, d
		}
	}
	return best, bestDist
}

// editDistance is the Levenshtein distance between a and b, counting a swap
// of two neighbouring letters as one edit ("djnago" → "django").
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
