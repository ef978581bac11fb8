package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	bleveq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/askedat/askedat/query"
)

// The query language is package query's (query.Parse lexes it); this file
// compiles its clauses into bleve queries: the query as a whole, its
// requirements and what only scores, with clauses.go (one clause),
// concepts.go (runs of words the catalogue names) and relax.go (the looser
// forms of a query that finds too little). Words are stemmed ("caches"
// finds "caching"); a misspelt word that the index does not know
// ("djnago") also finds the words it is a typo of, ranked below exact
// matches; known synonyms ("lru", "least recently used") find each other.

// Bounds on what a word expands to (the limits a user meets are in
// limits.go).
const (
	maxCorrections    = 3 // words a typo may stand for
	rareTermDocs      = 3 // a word in fewer documents may be a typo
	maxSynonymPhrases = 8
)

// A compiledQuery is a query ready to run: the text part as a bleve query,
// the field clauses as filters, and the terms to highlight.
type compiledQuery struct {
	text      bleveq.Query // nil when the query has no text
	positives bool         // the text has something that must match (not only exclusions)
	hard      []hardFilter
	highlight map[string]bool
	words     []*wordInfo    // the query's plain words, for "did you mean"
	boosts    []bleveq.Query // optional clauses that only add to the score
	reqs      []requirement  // what a match must have, in the order typed
	should    []bleveq.Query // what only adds to the score: boosts, word pairs, question words
	mustNot   []bleveq.Query // what a match must not have
	// prefixTerms counts the index words the prefixes stand for.
	prefixTerms int
	// terms counts the term lookups of text, prefixes' words included:
	// at most MaxCompiledTerms.
	terms int
	// budget is the search's (budget.go), nil outside a Search.
	budget *budget
	// hiddenDifficulty marks the difficulty values the request treats as
	// absent, by ordinal (nil: none).
	hiddenDifficulty []bool
}

// A hardFilter comes from the query text (company:amazon, date:2023):
// unlike the request's filters it is not a facet selection, so it narrows
// every facet, and the date histogram.
type hardFilter struct {
	field  string
	values []string          // a facet field's
	dates  []query.DateRange // query.DateField's
	neg    bool
}

// wordInfo is one plain word of the query and what it analysed to.
type wordInfo struct {
	typed string
	term  string
	fixes []correction // set when the word may be a typo
}

// checkQueryText reports what makes text unusable as a query, or nil: the
// query package's check, as a *RequestError.
func checkQueryText(text string) error {
	return asRequestError(query.CheckText(text))
}

// asRequestError returns err, a *query.Error, as a *RequestError with its
// message: what the index's callers check for (searchd answers 400). Other
// errors, and nil, pass unchanged.
func asRequestError(err error) error {
	var qe *query.Error
	if errors.As(err, &qe) {
		return &RequestError{Msg: qe.Msg}
	}
	return err
}

// compile turns a lexed query into a compiledQuery for the fields f, its
// optional work charged to b (nil: unbounded); hiddenDifficulty marks the
// difficulty values the request treats as absent (nil: none), which a word
// naming a difficulty then does not match. It stops with an error wrapping
// ctx's when ctx is done.
func (s *snapshot) compile(ctx context.Context, lexed *query.Query, f textFields, b *budget, hiddenDifficulty []bool) (*compiledQuery, error) {
	groups, text := lexed.Groups, lexed.Text
	pq := &compiledQuery{highlight: map[string]bool{}, budget: b, hiddenDifficulty: hiddenDifficulty}
	var should, fillers []bleveq.Query
	var fillerWords []string
	onlyStopWords := true
	concepts := conceptsOf(groups)
	for i := 0; i < len(groups); i++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("compile query: %w", err)
		}
		g := groups[i]
		if g[0].IsFilter() {
			hf := hardFilter{field: g[0].Field, neg: g[0].Neg}
			for _, c := range g {
				if c.Kind == query.DateClause {
					hf.dates = append(hf.dates, c.Dates)
				} else {
					hf.values = append(hf.values, c.Text)
				}
			}
			pq.hard = append(pq.hard, hf)
			onlyStopWords = false
			continue
		}
		// Words typed together may name one thing: a synonym ("object
		// oriented programming" is "oop"), a company ("amazon") or a
		// category ("system design").
		if n, q, narrows, err := s.matchRun(groups[i:], f, pq); err != nil {
			return nil, err
		} else if q != nil {
			var typed []string
			df := uint64(math.MaxUint64)
			for _, g := range groups[i : i+n] {
				typed = append(typed, g[0].Text)
				df = min(df, s.wordDocs(g[0].Text, f))
			}
			q = withConcepts(q, concepts, i, i+n-1)
			pq.reqs = append(pq.reqs, requirement{q: q, words: typed, relaxable: true, narrows: narrows, docs: df})
			onlyStopWords = false
			i += n - 1
			continue
		}
		var alts []bleveq.Query
		for _, c := range g {
			q, err := s.clauseQuery(c, f, pq)
			if err != nil {
				return nil, err
			}
			if q != nil {
				alts = append(alts, q)
			}
		}
		if len(alts) == 0 {
			continue // only stop words
		}
		onlyStopWords = false
		q := alts[0]
		if len(alts) > 1 {
			q = bleveq.NewDisjunctionQuery(alts)
		}
		plain := len(g) == 1 && g[0].Kind == query.WordClause && !g[0].Neg
		switch {
		case g[0].Neg:
			pq.mustNot = append(pq.mustNot, q)
		case plain && isFiller(g[0].Text):
			// "how does indexing work": the question's wording, not what
			// it is about. It adds to the score, never decides a match.
			fillers = append(fillers, q)
			fillerWords = append(fillerWords, g[0].Text)
		default:
			if plain {
				q = withConcepts(q, concepts, i, i)
			}
			pq.reqs = append(pq.reqs, requirement{q: q, words: []string{g[0].Text}, relaxable: plain, docs: pq.wordDocs(s, g[0].Text, f)})
		}
	}
	if len(pq.reqs) == 0 && len(fillers) > 0 {
		// Nothing but question words ("what is it"): those are what was
		// asked for.
		for i, q := range fillers {
			pq.reqs = append(pq.reqs, requirement{q: q, words: []string{fillerWords[i]}, relaxable: true, docs: s.wordDocs(fillerWords[i], f)})
		}
		fillers = nil
	}
	should = append(should, fillers...)
	should = append(should, pq.boosts...)
	// Words typed next to each other rank higher where they stand next to
	// each other in the text: their pairs are optional, scoring clauses.
	if len(pq.reqs) > 1 || (len(pq.reqs) == 1 && len(fillers) > 0) {
		for _, run := range plainRuns(groups) {
			for _, tok := range s.pairs.Analyze([]byte(strings.Join(run, " "))) {
				should = append(should, termInField(string(tok.Term), f.pairs, ProximityBoost))
			}
			// Every word of the run in the title: the title names what
			// was asked, where the same words in a body may be passing.
			var inTitle []bleveq.Query
			for _, tok := range s.analyzer.Analyze([]byte(strings.Join(run, " "))) {
				if !isFiller(string(tok.Term)) {
					inTitle = append(inTitle, termInField(string(tok.Term), f.title, 1))
				}
			}
			if len(inTitle) > 1 {
				c := bleveq.NewConjunctionQuery(inTitle)
				c.SetBoost(TitleWordsBoost)
				should = append(should, c)
			}
		}
	}
	pq.should = should
	if onlyStopWords && len(groups) > 0 {
		return nil, badRequest("query %q has only common words such as \"the\" or \"and\"; add a word that says what you look for", text)
	}
	pq.text = pq.bleveQuery(nil, false)
	pq.positives = len(pq.reqs) > 0
	pq.terms = countTerms(pq.text) + pq.prefixTerms
	if pq.terms > MaxCompiledTerms {
		return nil, badRequest("query expands to %d term lookups (each word in the title and the body, its typos and synonyms, the word pairs of phrases, the words of prefixes); the limit is %d: use fewer words", pq.terms, MaxCompiledTerms)
	}
	return pq, nil
}

// TitleWordsBoost weighs a title that has every word of a run the query
// typed (the words of "boundary traversal of binary tree" all in a
// question's title), on top of each word's own title boost.
const TitleWordsBoost = 1.0

// A requirement is one part of a query that a match must have: a word (with
// its typos and synonyms), a run of words naming one thing, a phrase, a
// prefix, an OR.
type requirement struct {
	q     bleveq.Query
	words []string // as typed
	// relaxable: plain words, which a search that finds too little may do
	// without; phrases, prefixes and ORs keep their strict meaning.
	relaxable bool
	// narrows: the words name a difficulty ("hard") and nothing else a
	// query word may stand for. They narrow what the other words find: no
	// looser form of a search that relaxes finds a document by them alone
	// while other words were typed ("hard disk" is not every Hard question,
	// "easy binary tree" not every Easy one). A company is not so: "amazon
	// kafka" relaxed also shows Amazon's other questions, which a candidate
	// for Amazon reads.
	narrows bool
	// docs is how many documents have the word (the rarest of a run's
	// words): the fewer, the more the word says about what is wanted.
	docs uint64
}

// onlyNarrowing reports whether every relaxable requirement of pq only
// narrows (or there is none): then those words are what is searched for,
// and relax as any word does.
func (pq *compiledQuery) onlyNarrowing() bool {
	for _, r := range pq.reqs {
		if r.relaxable && !r.narrows {
			return false
		}
	}
	return true
}

// bleveQuery builds the bleve query of pq, with the requirements in drop made
// optional (they still add to the score) and, with any, the relaxable ones
// all optional but one of them required.
func (pq *compiledQuery) bleveQuery(drop []bool, any bool) bleveq.Query {
	var must, anyOf []bleveq.Query
	should := pq.should
	onlyNarrowing := pq.onlyNarrowing()
	for i, r := range pq.reqs {
		switch {
		case any && r.relaxable && r.narrows && !onlyNarrowing:
			should = append(should[:len(should):len(should)], r.q)
		case any && r.relaxable:
			anyOf = append(anyOf, r.q)
		case drop != nil && drop[i]:
			should = append(should[:len(should):len(should)], r.q)
		default:
			must = append(must, r.q)
		}
	}
	if len(anyOf) > 0 {
		d := bleveq.NewDisjunctionQuery(anyOf)
		if len(anyOf) == 1 {
			must = append(must, anyOf[0])
		} else {
			must = append(must, d)
		}
	}
	switch {
	case len(must) == 0 && len(pq.mustNot) == 0:
		return nil
	case len(pq.mustNot) == 0 && len(should) == 0 && len(must) == 1:
		return must[0]
	case len(pq.mustNot) == 0 && len(should) == 0:
		return bleveq.NewConjunctionQuery(must)
	default:
		return bleveq.NewBooleanQuery(must, should, pq.mustNot)
	}
}

// wordDocs is snapshot.wordDocs, or for a word the index does not know the
// documents of its likeliest correction: "revrse" says as much as "reverse".
func (pq *compiledQuery) wordDocs(s *snapshot, typed string, f textFields) uint64 {
	n := s.wordDocs(typed, f)
	if n > 0 {
		return n
	}
	for _, w := range pq.words {
		if w.typed == typed {
			for _, fix := range w.fixes {
				n = max(n, fix.docs)
			}
		}
	}
	return n
}

// wordDocs returns how many documents have the word typed in the title or
// the body.
func (s *snapshot) wordDocs(typed string, f textFields) uint64 {
	toks := s.analyzer.Analyze([]byte(typed))
	if len(toks) == 0 {
		return 0
	}
	var n uint64
	for _, tok := range toks {
		n = max(n, s.docFreq(string(tok.Term), f))
	}
	return n
}

// countTerms returns the number of term queries in q: the postings lists a
// search of q opens. A prefix counts nothing here (compiledQuery.prefixTerms
// counts its words).
func countTerms(q bleveq.Query) int {
	switch q := q.(type) {
	case nil:
		return 0
	case *bleveq.TermQuery:
		return 1
	case *bleveq.PrefixQuery, *bleveq.MatchNoneQuery:
		return 0
	case *bleveq.ConjunctionQuery:
		n := 0
		for _, c := range q.Conjuncts {
			n += countTerms(c)
		}
		return n
	case *bleveq.DisjunctionQuery:
		n := 0
		for _, c := range q.Disjuncts {
			n += countTerms(c)
		}
		return n
	case *bleveq.BooleanQuery:
		return countTerms(q.Must) + countTerms(q.Should) + countTerms(q.MustNot) + countTerms(q.Filter)
	default:
		// The compiler makes none of the others; count one so that a new
		// kind is never free.
		return 1
	}
}

// plainRuns returns the runs of consecutive plain words (not negated, not
// joined by OR) of a query, each as the words typed.
func plainRuns(groups []query.Group) [][]string {
	var runs [][]string
	var cur []string
	for _, g := range groups {
		if len(g) == 1 && g[0].Kind == query.WordClause && !g[0].Neg {
			cur = append(cur, g[0].Text)
			continue
		}
		if len(cur) > 1 {
			runs = append(runs, cur)
		}
		cur = nil
	}
	if len(cur) > 1 {
		runs = append(runs, cur)
	}
	return runs
}

// textFields names the fields a search of one document type reads.
type textFields struct{ title, body, pairs string }

var (
	questionFields   = textFields{fieldTitle, fieldBody, fieldPairs}
	experienceFields = textFields{fieldETitle, fieldEBody, fieldEPairs}
)
