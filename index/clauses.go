// Clauses: one clause of the query (a word with its typos and synonyms, a
// run of words naming a company, category or synonym, a phrase, a prefix)
// compiled into a bleve query.

package index

import (
	"fmt"
	"strings"

	bleveq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/askedat/askedat/query"
)

// maxRunWords is the longest run of words matched against synonyms and
// facet values.
const maxRunWords = 5

// matchRun looks at the plain words at the start of groups for the longest
// run (up to maxRunWords) that is a known synonym or names a company, role,
// category or difficulty. On a match it returns how many words it took, a
// query that accepts the words themselves or any of their other names, and
// whether the run names a difficulty and nothing else (see
// requirement.narrows); otherwise 0 and nil.
func (s *snapshot) matchRun(groups []query.Group, f textFields, pq *compiledQuery) (int, bleveq.Query, bool, error) {
	var words []string
	for _, g := range groups {
		if len(g) != 1 || g[0].Kind != query.WordClause || g[0].Neg || len(words) == maxRunWords {
			break
		}
		words = append(words, g[0].Text)
	}
	for n := len(words); n >= 1; n-- {
		phrase := strings.Join(words[:n], " ")
		var alts []bleveq.Query
		if n > 1 {
			for _, syn := range s.synonymsOf(phrase) {
				if q := s.phraseQuery(syn, f, pq, true, false); q != nil {
					alts = append(alts, q)
				}
			}
		}
		alts = append(alts, s.facetAlternatives(phrase, f)...)
		others := len(alts)
		alts = append(alts, s.difficultyAlternatives(phrase, pq.hiddenDifficulty)...)
		if len(alts) == 0 {
			continue
		}
		narrows := others == 0
		// The words as typed, each as usual (typos, single-word synonyms).
		var each []bleveq.Query
		for _, g := range groups[:n] {
			q, err := s.clauseQuery(g[0], f, pq)
			if err != nil {
				return 0, nil, false, err
			}
			if q != nil {
				each = append(each, q)
			}
		}
		switch len(each) {
		case 0:
		case 1:
			alts = append([]bleveq.Query{each[0]}, alts...)
		default:
			alts = append([]bleveq.Query{bleveq.NewConjunctionQuery(each)}, alts...)
		}
		return n, bleveq.NewDisjunctionQuery(alts), narrows, nil
	}
	return 0, nil, false, nil
}

// facetAlternatives returns term queries on the company, role and category
// fields for a phrase that names one of their values, as typed or by a
// known spelling for a company or role ("amazon", "tcs" for Tata
// Consultancy Services, "sdet"; a category by its name, "system design"): a
// question at Amazon answers "amazon lru cache" though its text never says
// Amazon. A company or role name that is also a common word in the texts
// ("target") is left alone: there the word is meant.
func (s *snapshot) facetAlternatives(phrase string, f textFields) []bleveq.Query {
	k := key(phrase)
	if len(k) < 3 {
		return nil
	}
	var alts []bleveq.Query
	for i, field := range FacetFields {
		if field != fieldCompany && field != fieldRole && field != fieldCategory {
			continue
		}
		o, ok := s.cols.facets[i].fold[k]
		// A category only by its own name: its known spellings include
		// common words ("design") that mean themselves in a query.
		if !ok && field != fieldCategory {
			o, ok = s.cols.facets[i].fold[key(s.normalizeFacet(field, phrase))]
		}
		if !ok && field == fieldCompany {
			o, ok = s.closeValue(i, k) // "googel" for Google
		}
		if !ok {
			continue
		}
		if field != fieldCategory {
			var textDocs uint64
			for _, tok := range s.analyzer.Analyze([]byte(phrase)) {
				textDocs = max(textDocs, s.docFreq(string(tok.Term), f))
			}
			if textDocs > uint64(s.cols.questionCounts[i][o]) {
				continue
			}
		}
		alts = append(alts, termInField(s.cols.facets[i].values[o], field, FacetWordBoost))
	}
	return alts
}

// difficultyWords are the query words that name a difficulty: the values'
// own names and the two other words for Hard that people type. The import
// aliases read more ("simple", "low", "high", "average"), but in a query
// those mean themselves ("high level design", "average of an array").
var difficultyWords = map[string]string{
	"easy": "Easy", "medium": "Medium", "hard": "Hard", "difficult": "Hard", "tough": "Hard",
}

// difficultyAlternatives returns term queries on the difficulty field for
// a phrase that names a difficulty (difficultyWords): its stated value and
// its inferred twin, each unless hidden marks it (by ordinal: the values
// the request treats as absent, Request.DifficultySource). A Hard question
// answers "dynamic programming hard" though its text never says hard. The
// common-word guard of facetAlternatives does not apply: "hard" is said of
// many questions in passing ("it was hard"), yet a query naming a
// difficulty beside a topic ("dp hard", "easy array questions") asks for
// questions of that difficulty, and the texts that say the word still
// match it.
func (s *snapshot) difficultyAlternatives(phrase string, hidden []bool) []bleveq.Query {
	v, ok := difficultyWords[key(phrase)]
	if !ok {
		return nil
	}
	col := s.cols.facets[facetIndex(fieldDifficulty)]
	var alts []bleveq.Query
	for _, indexed := range []string{v, v + inferredSuffix} {
		if o, ok := col.lookup[indexed]; ok && (hidden == nil || !hidden[o]) {
			alts = append(alts, termInField(indexed, fieldDifficulty, FacetWordBoost))
		}
	}
	return alts
}

// closeValue returns the value of facet field i whose folded form is one
// edit from k (two for long names), if exactly one is: a misspelt company.
func (s *snapshot) closeValue(i int, k string) (uint32, bool) {
	n := len([]rune(k))
	if n < 5 {
		return 0, false
	}
	maxDist := 1
	if n >= 9 {
		maxDist = 2
	}
	found, count := uint32(0), 0
	for fk, o := range s.cols.facets[i].fold {
		if d := len(fk) - len(k); d > maxDist || -d > maxDist {
			continue
		}
		if editDistance(fk, k) <= maxDist {
			found, count = o, count+1
		}
	}
	return found, count == 1
}

// clauseQuery returns the bleve query of one text clause, or nil for a
// clause of stop words only.
func (s *snapshot) clauseQuery(c query.Clause, f textFields, pq *compiledQuery) (bleveq.Query, error) {
	switch c.Kind {
	case query.PrefixClause:
		return s.prefixQuery(strings.ToLower(c.Text), f, pq)
	case query.PhraseClause:
		return s.phraseQuery(c.Text, f, pq, !c.Neg, true), nil
	}
	toks := s.analyzer.Analyze([]byte(c.Text))
	switch {
	case len(toks) == 0:
		return nil, nil
	case len(toks) > 1:
		// "two-sum", "c++/java": several words typed as one; as a phrase.
		return s.phraseQuery(c.Text, f, pq, !c.Neg, true), nil
	}
	term := string(toks[0].Term)
	if !c.Neg {
		pq.highlight[term] = true
	}
	alts := []bleveq.Query{termInField(term, f.title, TitleBoost), termInField(term, f.body, 1)}
	w := &wordInfo{typed: c.Text, term: term}
	if !c.Neg {
		pq.words = append(pq.words, w)
		// A word the index barely knows may be misspelt: also look for the
		// words it may be a typo of, ranked well below exact matches. A
		// word naming a difficulty is meant ("hard" is not "shard" where
		// few texts say hard).
		if df := s.docFreq(term, f); df < rareTermDocs && difficultyWords[key(c.Text)] == "" {
			// A word the index knows, if rarely, is taken as meant unless a
			// neighbour is far more common (then it is likely a typo others
			// made too).
			for _, fix := range s.corrections(c.Text, term, f, pq.budget) {
				if df == 0 || fix.docs >= 10*df {
					w.fixes = append(w.fixes, fix)
				}
			}
			for _, fix := range w.fixes {
				alts = append(alts, termInField(fix.term, f.title, TitleBoost*TypoBoost), termInField(fix.term, f.body, TypoBoost))
				pq.highlight[fix.term] = true
			}
		}
	}
	// Interview vocabulary: "lru" also finds "least recently used".
	for _, syn := range s.synonymsOf(c.Text) {
		if q := s.phraseQuery(syn, f, pq, !c.Neg, false); q != nil {
			alts = append(alts, q)
		}
	}
	return bleveq.NewDisjunctionQuery(alts), nil
}

// phraseQuery matches text as a phrase through the pairs field: all its
// word pairs, and each word that is in no pair (a stop word on both sides
// of it: "reverse" of "reverse a linked list") in the title or the body. A
// phrase of one word is that word in the title or the body. With expand,
// synonyms of the whole phrase ("least recently used" → "lru") are
// alternatives.
func (s *snapshot) phraseQuery(text string, f textFields, pq *compiledQuery, highlight, expand bool) bleveq.Query {
	words := s.analyzer.Analyze([]byte(text))
	var terms []string
	var positions []int
	for _, tok := range words {
		terms = append(terms, string(tok.Term))
		positions = append(positions, tok.Position)
		if highlight {
			pq.highlight[string(tok.Term)] = true
		}
	}
	word := func(t string) bleveq.Query {
		return bleveq.NewDisjunctionQuery([]bleveq.Query{termInField(t, f.title, TitleBoost), termInField(t, f.body, 1)})
	}
	var q bleveq.Query
	switch len(terms) {
	case 0:
		return nil
	case 1:
		q = word(terms[0])
	default:
		var all []bleveq.Query
		for _, tok := range pairsOf(words) { // the pairs analyzer's, from these words
			all = append(all, termInField(string(tok.Term), f.pairs, PhraseBoost))
		}
		// Pairs are of words next to each other (pairsOf): a word with a
		// stop word on each side is in none, and is required alone.
		for i, t := range terms {
			before := i > 0 && positions[i-1] == positions[i]-1
			after := i+1 < len(terms) && positions[i+1] == positions[i]+1
			if !before && !after {
				all = append(all, word(t))
			}
		}
		// The pairs field joins title and body; a phrase in the title
		// should still rank first.
		if highlight {
			for _, t := range terms {
				pq.boosts = append(pq.boosts, termInField(t, f.title, TitleBoost))
			}
		}
		if len(all) == 1 {
			q = all[0]
		} else {
			q = bleveq.NewConjunctionQuery(all)
		}
	}
	var syns []string
	if expand {
		syns = s.synonymsOf(text)
	}
	if len(syns) == 0 {
		return q
	}
	alts := []bleveq.Query{q}
	for i, syn := range syns {
		if i == maxSynonymPhrases {
			break
		}
		if sq := s.phraseQuery(syn, f, pq, highlight, false); sq != nil {
			alts = append(alts, sq)
		}
	}
	return bleveq.NewDisjunctionQuery(alts)
}

// prefixQuery matches the words starting with p in the title or the body,
// refusing a prefix that stands for too many words, alone or with the
// query's other prefixes (pq.prefixTerms). It reads at most MaxPrefixTerms+1
// words of the dictionary.
func (s *snapshot) prefixQuery(p string, f textFields, pq *compiledQuery) (bleveq.Query, error) {
	n := 0
	for _, field := range []string{f.title, f.body} {
		d, err := s.r.FieldDictPrefix(field, []byte(p))
		if err != nil {
			return nil, fmt.Errorf("expand %s*: %w", p, err)
		}
		for pq.prefixTerms+n <= MaxPrefixTerms {
			de, err := d.Next()
			if err != nil || de == nil {
				break
			}
			n++
		}
		d.Close()
	}
	pq.budget.charge(2) // a dictionary walk per field
	if n > MaxPrefixTerms {
		return nil, badRequest("%s* stands for more than %d different words, too many to search at once; type more letters", p, MaxPrefixTerms)
	}
	if pq.prefixTerms += n; pq.prefixTerms > MaxPrefixTerms {
		return nil, badRequest("the prefixes of this query stand for more than %d different words in all, too many to search at once; type more letters", MaxPrefixTerms)
	}
	if n == 0 {
		return bleveq.NewMatchNoneQuery(), nil
	}
	title := bleveq.NewPrefixQuery(p)
	title.SetField(f.title)
	title.SetBoost(TitleBoost)
	body := bleveq.NewPrefixQuery(p)
	body.SetField(f.body)
	return bleveq.NewDisjunctionQuery([]bleveq.Query{title, body}), nil
}

func termInField(term, field string, boost float64) bleveq.Query {
	q := bleveq.NewTermQuery(term)
	q.SetField(field)
	if boost != 1 {
		q.SetBoost(boost)
	}
	return q
}
