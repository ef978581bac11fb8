package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	bleveq "github.com/blevesearch/bleve/v2/search/query"

	"github.com/askedat/askedat/internal/catalog"
	"github.com/askedat/askedat/query"
)

// The query language is package query's (query.Parse lexes it); this file
// compiles its clauses into bleve queries. Words are stemmed ("caches"
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
}

// A hardFilter comes from the query text (company:amazon): unlike the
// request's filters it is not a facet selection, so it narrows every facet.
type hardFilter struct {
	field  string
	values []string
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
// optional work charged to b (nil: unbounded). It stops with an error
// wrapping ctx's when ctx is done.
func (s *snapshot) compile(ctx context.Context, lexed *query.Query, f textFields, b *budget) (*compiledQuery, error) {
	groups, text := lexed.Groups, lexed.Text
	pq := &compiledQuery{highlight: map[string]bool{}, budget: b}
	var should, fillers []bleveq.Query
	var fillerWords []string
	onlyStopWords := true
	concepts := conceptsOf(groups)
	for i := 0; i < len(groups); i++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("compile query: %w", err)
		}
		g := groups[i]
		if g[0].Kind == query.FieldClause {
			hf := hardFilter{field: g[0].Field, neg: g[0].Neg}
			for _, c := range g {
				hf.values = append(hf.values, c.Text)
			}
			pq.hard = append(pq.hard, hf)
			onlyStopWords = false
			continue
		}
		// Words typed together may name one thing: a synonym ("object
		// oriented programming" is "oop"), a company ("amazon") or a
		// category ("system design").
		if n, q, err := s.matchRun(groups[i:], f, pq); err != nil {
			return nil, err
		} else if q != nil {
			var typed []string
			df := uint64(math.MaxUint64)
			for _, g := range groups[i : i+n] {
				typed = append(typed, g[0].Text)
				df = min(df, s.wordDocs(g[0].Text, f))
			}
			q = withConcepts(q, concepts, i, i+n-1)
			pq.reqs = append(pq.reqs, requirement{q: q, words: typed, relaxable: true, docs: df})
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

// ConceptBoost weighs a question (or post) that the catalogue of interview
// problems and topics (internal/catalog) tags with what a run of the
// query's words names, for each word of the run: "number of ways to climb
// stairs" finds "count ways to reach the nth stair" through the problem
// both name, and ranks it as if it had the words.
const ConceptBoost = 2.0

// conceptsOf finds the catalogue's problems and topics that runs of plain
// words of the query name, and returns them by the groups they cover.
func conceptsOf(groups []query.Group) map[int][]string {
	out := map[int][]string{}
	var run []string
	start := 0
	flush := func() {
		if len(run) == 0 {
			return
		}
		for _, sp := range catalog.MatchWords(run) {
			first, last := widenSpan(run, sp)
			for j := first; j <= last; j++ {
				if !slices.Contains(out[start+j], sp.ID) {
					out[start+j] = append(out[start+j], sp.ID)
				}
			}
		}
		run = nil
	}
	for i, g := range groups {
		if len(g) == 1 && g[0].Kind == query.WordClause && !g[0].Neg {
			if len(run) == 0 {
				start = i
			}
			run = append(run, g[0].Text)
			continue
		}
		flush()
	}
	flush()
	return out
}

// widenSpan returns the words of run a mention of a catalogue entry covers:
// the span the matcher found, widened over the neighbouring words that the
// entry's names use too ("number of ways to" beside "climb stairs", which a
// name of climbing stairs matched alone), and over stop words between them.
// A post tagged with the problem then has every word the query spent
// naming it.
func widenSpan(run []string, sp catalog.Span) (first, last int) {
	e := catalog.Lookup(sp.ID)
	if e == nil {
		return sp.First, sp.Last
	}
	named := map[string]bool{}
	for _, n := range e.Names {
		for _, w := range strings.Fields(n) {
			named[spanWord(w)] = true
		}
	}
	ok := func(i int) bool { w := spanWord(run[i]); return named[w] || spanStopWords[w] }
	first, last = sp.First, sp.Last
	for first > 0 && ok(first-1) {
		first--
	}
	for last < len(run)-1 && ok(last+1) {
		last++
	}
	for first < sp.First && spanStopWords[spanWord(run[first])] {
		first++
	}
	for last > sp.Last && spanStopWords[spanWord(run[last])] {
		last--
	}
	return first, last
}

// spanWord is a word as widenSpan compares it: lower case, without
// punctuation around it or a plural s.
func spanWord(w string) string {
	w = strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
	if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		w = w[:len(w)-1]
	}
	return w
}

// spanStopWords may stand inside a widened span.
var spanStopWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "to": true, "in": true,
	"on": true, "at": true, "for": true, "with": true, "each": true, "by": true, "from": true, "and": true, "or": true}

// withConcepts returns q or, for the groups first..last of a query that
// name concepts of the catalogue (conceptsOf), q or any of them.
func withConcepts(q bleveq.Query, concepts map[int][]string, first, last int) bleveq.Query {
	var ids []string
	for i := first; i <= last; i++ {
		for _, id := range concepts[i] {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return q
	}
	alts := []bleveq.Query{q}
	for _, id := range ids {
		alts = append(alts, termInField(id, fieldConcept, ConceptBoost))
	}
	return bleveq.NewDisjunctionQuery(alts)
}

// A requirement is one part of a query that a match must have: a word (with
// its typos and synonyms), a run of words naming one thing, a phrase, a
// prefix, an OR.
type requirement struct {
	q     bleveq.Query
	words []string // as typed
	// relaxable: plain words, which a search that finds too little may do
	// without; phrases, prefixes and ORs keep their strict meaning.
	relaxable bool
	// docs is how many documents have the word (the rarest of a run's
	// words): the fewer, the more the word says about what is wanted.
	docs uint64
}

// bleveQuery builds the bleve query of pq, with the requirements in drop made
// optional (they still add to the score) and, with any, the relaxable ones
// all optional but one of them required.
func (pq *compiledQuery) bleveQuery(drop []bool, any bool) bleveq.Query {
	var must, anyOf []bleveq.Query
	should := pq.should
	for i, r := range pq.reqs {
		switch {
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

// A relaxation is a looser form of a query, for a search whose strict form
// finds too little.
type relaxation struct {
	q       bleveq.Query
	dropped []string // the words typed that no longer need to match
}

// relaxations returns the looser forms of pq, loosest last: the least
// informative plain word (the one most documents have; a word no document
// has first of all) made optional, then the next, down to the rarest word
// alone, and last any one of the plain words. Each says which words it made
// optional: a document that matches it and not the forms before lacks one
// of them. Phrases, prefixes, ORs, field
// filters and exclusions keep their strict meaning in every form. A query
// with fewer than two plain words has none but the last, which then equals
// the query itself and is left out.
func (pq *compiledQuery) relaxations() []relaxation {
	var order []int
	for i, r := range pq.reqs {
		if r.relaxable {
			order = append(order, i)
		}
	}
	if len(order) < 2 {
		return nil
	}
	// Most documents first; a word no document has is dropped before all;
	// on a tie, the word typed last goes first.
	useless := func(r requirement) bool { return r.docs == 0 }
	sort.SliceStable(order, func(a, b int) bool {
		ra, rb := pq.reqs[order[a]], pq.reqs[order[b]]
		if useless(ra) != useless(rb) {
			return useless(ra)
		}
		if ra.docs != rb.docs {
			return ra.docs > rb.docs
		}
		return order[a] > order[b]
	})
	var out []relaxation
	drop := make([]bool, len(pq.reqs))
	var dropped []string
	for _, i := range order[:len(order)-1] {
		drop[i] = true
		dropped = append(dropped, pq.reqs[i].words...)
		out = append(out, relaxation{q: pq.bleveQuery(slices.Clone(drop), false), dropped: slices.Clone(dropped)})
	}
	var all []string
	for _, i := range order {
		all = append(all, pq.reqs[i].words...)
	}
	out = append(out, relaxation{q: pq.bleveQuery(nil, true), dropped: all})
	return out
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

// maxRunWords is the longest run of words matched against synonyms and
// facet values.
const maxRunWords = 5

// matchRun looks at the plain words at the start of groups for the longest
// run (up to maxRunWords) that is a known synonym or a company or category
// name. On a match it returns how many words it took and a query that
// accepts the words themselves or any of their other names; otherwise 0
// and nil.
func (s *snapshot) matchRun(groups []query.Group, f textFields, pq *compiledQuery) (int, bleveq.Query, error) {
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
		if len(alts) == 0 {
			continue
		}
		// The words as typed, each as usual (typos, single-word synonyms).
		var each []bleveq.Query
		for _, g := range groups[:n] {
			q, err := s.clauseQuery(g[0], f, pq)
			if err != nil {
				return 0, nil, err
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
		return n, bleveq.NewDisjunctionQuery(alts), nil
	}
	return 0, nil, nil
}

// facetAlternatives returns term queries on the company, role and category
// fields for a phrase that names one of their values, as typed or by a
// known spelling for a company or role ("amazon", "tcs" for Tata
// Consultancy Services, "sdet"; a category by its name, "system design"): a question at Amazon answers "amazon lru cache" though
// its text never says Amazon. A company or role name that is also a common
// word in the texts ("target") is left alone: there the word is meant.
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
		// words it may be a typo of, ranked well below exact matches.
		if df := s.docFreq(term, f); df < rareTermDocs {
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
// word pairs. A phrase of one word is that word in the title or the body.
// With expand, synonyms of the whole phrase ("least recently used" → "lru")
// are alternatives.
func (s *snapshot) phraseQuery(text string, f textFields, pq *compiledQuery, highlight, expand bool) bleveq.Query {
	var terms []string
	for _, tok := range s.analyzer.Analyze([]byte(text)) {
		terms = append(terms, string(tok.Term))
		if highlight {
			pq.highlight[string(tok.Term)] = true
		}
	}
	var q bleveq.Query
	switch len(terms) {
	case 0:
		return nil
	case 1:
		q = bleveq.NewDisjunctionQuery([]bleveq.Query{termInField(terms[0], f.title, TitleBoost), termInField(terms[0], f.body, 1)})
	default:
		var pairs []bleveq.Query
		for _, tok := range s.pairs.Analyze([]byte(text)) {
			pairs = append(pairs, termInField(string(tok.Term), f.pairs, PhraseBoost))
		}
		// The pairs field joins title and body; a phrase in the title
		// should still rank first.
		if highlight {
			for _, t := range terms {
				pq.boosts = append(pq.boosts, termInField(t, f.title, TitleBoost))
			}
		}
		if len(pairs) == 1 {
			q = pairs[0]
		} else {
			q = bleveq.NewConjunctionQuery(pairs)
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

// textFields names the fields a search of one document type reads.
type textFields struct{ title, body, pairs string }

var (
	questionFields   = textFields{fieldTitle, fieldBody, fieldPairs}
	experienceFields = textFields{fieldETitle, fieldEBody, fieldEPairs}
)
