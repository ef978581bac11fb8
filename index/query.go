package index

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/askedat/askedat/internal/catalog"

	"github.com/blevesearch/bleve/v2/search/query"
)

// The query language:
//
//	lru cache            every word must match, in the title or the body
//	"hash map"           the words together, in this order
//	-django  -"hr round" must not match
//	company:amazon       a filter; values with spaces in quotes: company:"goldman sachs"
//	recurs*              any word starting so (at least two letters)
//	kafka OR rabbitmq    either; OR joins the clauses on its two sides
//
// Words are stemmed ("caches" finds "caching"); a misspelt word that the
// index does not know ("djnago") also finds the words it is a typo of,
// ranked below exact matches; known synonyms ("lru", "least recently used")
// find each other.

// A clause is one part of a query: a word, a phrase, a prefix or a field
// filter, possibly negated.
type clause struct {
	kind  clauseKind
	neg   bool
	text  string // as typed: the word, the phrase, the prefix (without *), the value
	field string // for fieldClause
}

type clauseKind int

const (
	wordClause clauseKind = iota
	phraseClause
	prefixClause
	fieldClause
)

// A group is clauses joined by OR; a query is groups joined by AND.
type group []clause

// Bounds on what a word expands to (the limits a user meets are in
// limits.go).
const (
	maxCorrections    = 3 // words a typo may stand for
	rareTermDocs      = 3 // a word in fewer documents may be a typo
	maxSynonymPhrases = 8
)

// lexQuery splits text into groups of clauses. It reports malformed input
// (an unclosed quote, a lone "-", OR with nothing on one side, an unknown
// field) and input beyond the limits (limits.go) as a *RequestError that
// says what is wrong. Its work is linear in the length of text, which it
// checks first.
func lexQuery(text string) ([]group, error) {
	if err := checkQueryText(text); err != nil {
		return nil, err
	}
	var groups []group
	pendingOr := false
	count := 0
	add := func(c clause) error {
		if count++; count > MaxQueryClauses {
			return badRequest("query has more than %d words, phrases and filters (each side of an OR counts); the limit is %d", MaxQueryClauses, MaxQueryClauses)
		}
		if err := checkClause(c); err != nil {
			return err
		}
		if pendingOr {
			if len(groups) == 0 {
				return badRequest("OR needs something on its left, as in kafka OR rabbitmq")
			}
			groups[len(groups)-1] = append(groups[len(groups)-1], c)
			pendingOr = false
			return nil
		}
		groups = append(groups, group{c})
		return nil
	}
	s := text
	for {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		if s == "" {
			break
		}
		if tok, rest, ok := cutToken(s); ok && tok == "OR" {
			if pendingOr || len(groups) == 0 {
				return nil, badRequest("OR needs something on each side, as in kafka OR rabbitmq")
			}
			pendingOr = true
			s = rest
			continue
		} else if ok && tok == "AND" {
			s = rest // the default; allowed for those who type it
			continue
		}
		var c clause
		if s[0] == '-' {
			c.neg = true
			s = s[1:]
			if s == "" || unicode.IsSpace(rune(s[0])) {
				return nil, badRequest(`a "-" must stand right before the word or "phrase" to leave out, as in -django`)
			}
		}
		// field:value or field:"value"
		if i := strings.IndexByte(s, ':'); i > 0 && isFieldName(s[:i]) && i+1 < len(s) && !unicode.IsSpace(rune(s[i+1])) {
			name := strings.ToLower(s[:i])
			if !IsFacetField(name) {
				return nil, badRequest("unknown field %q: filter with %s, as in company:amazon", s[:i], strings.Join(FacetFields, ":, ")+":")
			}
			s = s[i+1:]
			var v string
			if s[0] == '"' {
				j := strings.IndexByte(s[1:], '"')
				if j < 0 {
					return nil, badRequest("a quote is not closed after %s:; put the value between two \" marks", name)
				}
				v, s = s[1:1+j], s[2+j:]
			} else {
				v, s, _ = cutToken(s)
			}
			if strings.TrimSpace(v) == "" {
				return nil, badRequest("%s: has no value; write it as %s:value", name, name)
			}
			c.kind, c.field, c.text = fieldClause, name, strings.TrimSpace(v)
		} else if s[0] == '"' {
			j := strings.IndexByte(s[1:], '"')
			if j < 0 {
				return nil, badRequest("a quote is not closed: %q; put the phrase between two \" marks, or leave the quote out", text)
			}
			c.kind, c.text, s = phraseClause, s[1:1+j], s[2+j:]
			if strings.TrimFunc(c.text, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) == "" {
				if c.neg {
					return nil, badRequest(`-"" leaves out nothing; put a phrase between the quotes`)
				}
				continue // "" asks for nothing
			}
		} else {
			var tok string
			tok, s, _ = cutToken(s)
			if isRegexp(tok) {
				return nil, badRequest("%q: regular expressions are not supported; type the words, or the start of a word and * (recurs*)", shorten(tok))
			}
			if strings.Contains(tok, "*") {
				p := strings.TrimSuffix(tok, "*")
				if strings.Contains(p, "*") || utf8.RuneCountInString(p) < MinPrefixLetters {
					return nil, badRequest("%q: a * may only end a word, after at least %d letters, as in recurs*", shorten(tok), MinPrefixLetters)
				}
				c.kind, c.text = prefixClause, p
			} else {
				c.kind, c.text = wordClause, tok
			}
		}
		if c.neg && pendingOr {
			return nil, badRequest("cannot join a left-out word with OR: write the words to leave out on their own, as in kafka -rabbitmq")
		}
		if err := add(c); err != nil {
			return nil, err
		}
		if c.neg && len(groups[len(groups)-1]) > 1 {
			return nil, badRequest("cannot join a left-out word with OR")
		}
	}
	if pendingOr {
		return nil, badRequest("OR needs something on its right, as in kafka OR rabbitmq")
	}
	for _, g := range groups {
		if len(g) > 1 {
			for _, c := range g {
				if c.neg && len(g) > 1 {
					return nil, badRequest("cannot join a left-out word with OR")
				}
				if (c.kind == fieldClause) != (g[0].kind == fieldClause) || (c.kind == fieldClause && c.field != g[0].field) {
					return nil, badRequest("OR can join words and phrases, or values of one field (company:amazon OR company:google), not both")
				}
			}
		}
	}
	return groups, nil
}

// checkClause checks one clause against the word and phrase limits.
func checkClause(c clause) error {
	words := []string{c.text}
	if c.kind == phraseClause {
		words = strings.Fields(c.text)
		if len(words) > MaxPhraseWords {
			return badRequest("phrase %q has %d words; the limit is %d", shorten(c.text), len(words), MaxPhraseWords)
		}
	}
	for _, w := range words {
		if n := utf8.RuneCountInString(w); n > MaxWordRunes {
			return badRequest("word %q is %d characters long; the limit is %d", shorten(w), n, MaxWordRunes)
		}
	}
	return nil
}

// isRegexp reports whether tok looks like a /regular expression/.
func isRegexp(tok string) bool {
	return len(tok) > 2 && tok[0] == '/' && tok[len(tok)-1] == '/' && strings.ContainsAny(tok[1:len(tok)-1], `.*+?[](){}|\^$`)
}

// shorten cuts s to a length fit for an error message.
func shorten(s string) string {
	const n = 24
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// cutToken returns the text up to the next white space, and the rest.
func cutToken(s string) (tok, rest string, ok bool) {
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, "", s != ""
	}
	return s[:i], s[i:], i > 0
}

func isFieldName(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_') {
			return false
		}
	}
	return s != ""
}

// A parsedQuery is a query ready to run: the text part as a bleve query,
// the field clauses as filters, and the terms to highlight.
type parsedQuery struct {
	text      query.Query // nil when the query has no text
	positives bool        // the text has something that must match (not only exclusions)
	hard      []hardFilter
	highlight map[string]bool
	words     []*wordInfo   // the query's plain words, for "did you mean"
	boosts    []query.Query // optional clauses that only add to the score
	reqs      []requirement // what a match must have, in the order typed
	should    []query.Query // what only adds to the score: boosts, word pairs, question words
	mustNot   []query.Query // what a match must not have
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

// checkQueryText reports what makes text unusable as a query, or nil.
func checkQueryText(text string) error {
	if n := utf8.RuneCountInString(text); n > MaxQueryRunes {
		return badRequest("query is %d characters long; the limit is %d", n, MaxQueryRunes)
	}
	if !utf8.ValidString(text) {
		return badRequest("query is not valid UTF-8")
	}
	return nil
}

// parse turns text into a parsedQuery for the fields f. It stops with an
// error wrapping ctx's when ctx is done.
func (s *snapshot) parse(ctx context.Context, text string, f textFields) (*parsedQuery, error) {
	groups, err := lexQuery(text)
	if err != nil {
		return nil, err
	}
	pq := &parsedQuery{highlight: map[string]bool{}, budget: budgetOf(ctx)}
	var should, fillers []query.Query
	var fillerWords []string
	onlyStopWords := true
	concepts := conceptsOf(groups)
	for i := 0; i < len(groups); i++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("compile query: %w", err)
		}
		g := groups[i]
		if g[0].kind == fieldClause {
			hf := hardFilter{field: g[0].field, neg: g[0].neg}
			for _, c := range g {
				hf.values = append(hf.values, c.text)
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
				typed = append(typed, g[0].text)
				df = min(df, s.wordDocs(g[0].text, f))
			}
			q = withConcepts(q, concepts, i, i+n-1)
			pq.reqs = append(pq.reqs, requirement{q: q, words: typed, relaxable: true, docs: df})
			onlyStopWords = false
			i += n - 1
			continue
		}
		var alts []query.Query
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
			q = query.NewDisjunctionQuery(alts)
		}
		plain := len(g) == 1 && g[0].kind == wordClause && !g[0].neg
		switch {
		case g[0].neg:
			pq.mustNot = append(pq.mustNot, q)
		case plain && isFiller(g[0].text):
			// "how does indexing work": the question's wording, not what
			// it is about. It adds to the score, never decides a match.
			fillers = append(fillers, q)
			fillerWords = append(fillerWords, g[0].text)
		default:
			if plain {
				q = withConcepts(q, concepts, i, i)
			}
			pq.reqs = append(pq.reqs, requirement{q: q, words: []string{g[0].text}, relaxable: plain, docs: pq.wordDocs(s, g[0].text, f)})
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
			var inTitle []query.Query
			for _, tok := range s.analyzer.Analyze([]byte(strings.Join(run, " "))) {
				if !isFiller(string(tok.Term)) {
					inTitle = append(inTitle, termInField(string(tok.Term), f.title, 1))
				}
			}
			if len(inTitle) > 1 {
				c := query.NewConjunctionQuery(inTitle)
				c.SetBoost(TitleWordsBoost)
				should = append(should, c)
			}
		}
	}
	pq.should = should
	if onlyStopWords && len(groups) > 0 {
		return nil, badRequest("query %q has only common words such as \"the\" or \"and\"; add a word that says what you look for", text)
	}
	pq.text = pq.compile(nil, false)
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
func conceptsOf(groups []group) map[int][]string {
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
		if len(g) == 1 && g[0].kind == wordClause && !g[0].neg {
			if len(run) == 0 {
				start = i
			}
			run = append(run, g[0].text)
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
func withConcepts(q query.Query, concepts map[int][]string, first, last int) query.Query {
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
	alts := []query.Query{q}
	for _, id := range ids {
		alts = append(alts, termInField(id, fieldConcept, ConceptBoost))
	}
	return query.NewDisjunctionQuery(alts)
}

// A requirement is one part of a query that a match must have: a word (with
// its typos and synonyms), a run of words naming one thing, a phrase, a
// prefix, an OR.
type requirement struct {
	q     query.Query
	words []string // as typed
	// relaxable: plain words, which a search that finds too little may do
	// without; phrases, prefixes and ORs keep their strict meaning.
	relaxable bool
	// docs is how many documents have the word (the rarest of a run's
	// words): the fewer, the more the word says about what is wanted.
	docs uint64
}

// compile builds the bleve query of pq, with the requirements in drop made
// optional (they still add to the score) and, with any, the relaxable ones
// all optional but one of them required.
func (pq *parsedQuery) compile(drop []bool, any bool) query.Query {
	var must, anyOf []query.Query
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
		d := query.NewDisjunctionQuery(anyOf)
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
		return query.NewConjunctionQuery(must)
	default:
		return query.NewBooleanQuery(must, should, pq.mustNot)
	}
}

// A relaxation is a looser form of a query, for a search whose strict form
// finds too little.
type relaxation struct {
	q       query.Query
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
func (pq *parsedQuery) relaxations() []relaxation {
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
		out = append(out, relaxation{q: pq.compile(slices.Clone(drop), false), dropped: slices.Clone(dropped)})
	}
	var all []string
	for _, i := range order {
		all = append(all, pq.reqs[i].words...)
	}
	out = append(out, relaxation{q: pq.compile(nil, true), dropped: all})
	return out
}

// wordDocs is snapshot.wordDocs, or for a word the index does not know the
// documents of its likeliest correction: "revrse" says as much as "reverse".
func (pq *parsedQuery) wordDocs(s *snapshot, typed string, f textFields) uint64 {
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
// search of q opens. A prefix counts nothing here (parsedQuery.prefixTerms
// counts its words).
func countTerms(q query.Query) int {
	switch q := q.(type) {
	case nil:
		return 0
	case *query.TermQuery:
		return 1
	case *query.PrefixQuery, *query.MatchNoneQuery:
		return 0
	case *query.ConjunctionQuery:
		n := 0
		for _, c := range q.Conjuncts {
			n += countTerms(c)
		}
		return n
	case *query.DisjunctionQuery:
		n := 0
		for _, c := range q.Disjuncts {
			n += countTerms(c)
		}
		return n
	case *query.BooleanQuery:
		return countTerms(q.Must) + countTerms(q.Should) + countTerms(q.MustNot) + countTerms(q.Filter)
	default:
		// The compiler makes none of the others; count one so that a new
		// kind is never free.
		return 1
	}
}

// plainRuns returns the runs of consecutive plain words (not negated, not
// joined by OR) of a query, each as the words typed.
func plainRuns(groups []group) [][]string {
	var runs [][]string
	var cur []string
	for _, g := range groups {
		if len(g) == 1 && g[0].kind == wordClause && !g[0].neg {
			cur = append(cur, g[0].text)
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
func (s *snapshot) matchRun(groups []group, f textFields, pq *parsedQuery) (int, query.Query, error) {
	var words []string
	for _, g := range groups {
		if len(g) != 1 || g[0].kind != wordClause || g[0].neg || len(words) == maxRunWords {
			break
		}
		words = append(words, g[0].text)
	}
	for n := len(words); n >= 1; n-- {
		phrase := strings.Join(words[:n], " ")
		var alts []query.Query
		if n > 1 {
			for _, syn := range synonymsOf(phrase) {
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
		var each []query.Query
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
			alts = append([]query.Query{each[0]}, alts...)
		default:
			alts = append([]query.Query{query.NewConjunctionQuery(each)}, alts...)
		}
		return n, query.NewDisjunctionQuery(alts), nil
	}
	return 0, nil, nil
}

// facetAlternatives returns term queries on the company, role and category
// fields for a phrase that names one of their values, as typed or by a
// known spelling for a company or role ("amazon", "tcs" for Tata
// Consultancy Services, "sdet"; a category by its name, "system design"): a question at Amazon answers "amazon lru cache" though
// its text never says Amazon. A company or role name that is also a common
// word in the texts ("target") is left alone: there the word is meant.
func (s *snapshot) facetAlternatives(phrase string, f textFields) []query.Query {
	k := key(phrase)
	if len(k) < 3 {
		return nil
	}
	var alts []query.Query
	for i, field := range FacetFields {
		if field != fieldCompany && field != fieldRole && field != fieldCategory {
			continue
		}
		o, ok := s.cols.facets[i].fold[k]
		// A category only by its own name: its known spellings include
		// common words ("design") that mean themselves in a query.
		if !ok && field != fieldCategory {
			o, ok = s.cols.facets[i].fold[key(facetNormalizers[field](phrase))]
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
func (s *snapshot) clauseQuery(c clause, f textFields, pq *parsedQuery) (query.Query, error) {
	switch c.kind {
	case prefixClause:
		return s.prefixQuery(strings.ToLower(c.text), f, pq)
	case phraseClause:
		return s.phraseQuery(c.text, f, pq, !c.neg, true), nil
	}
	toks := s.analyzer.Analyze([]byte(c.text))
	switch {
	case len(toks) == 0:
		return nil, nil
	case len(toks) > 1:
		// "two-sum", "c++/java": several words typed as one; as a phrase.
		return s.phraseQuery(c.text, f, pq, !c.neg, true), nil
	}
	term := string(toks[0].Term)
	if !c.neg {
		pq.highlight[term] = true
	}
	alts := []query.Query{termInField(term, f.title, TitleBoost), termInField(term, f.body, 1)}
	w := &wordInfo{typed: c.text, term: term}
	if !c.neg {
		pq.words = append(pq.words, w)
		// A word the index barely knows may be misspelt: also look for the
		// words it may be a typo of, ranked well below exact matches.
		if df := s.docFreq(term, f); df < rareTermDocs {
			// A word the index knows, if rarely, is taken as meant unless a
			// neighbour is far more common (then it is likely a typo others
			// made too).
			for _, fix := range s.corrections(c.text, term, f, pq.budget) {
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
	for _, syn := range synonymsOf(c.text) {
		if q := s.phraseQuery(syn, f, pq, !c.neg, false); q != nil {
			alts = append(alts, q)
		}
	}
	return query.NewDisjunctionQuery(alts), nil
}

// phraseQuery matches text as a phrase through the pairs field: all its
// word pairs. A phrase of one word is that word in the title or the body.
// With expand, synonyms of the whole phrase ("least recently used" → "lru")
// are alternatives.
func (s *snapshot) phraseQuery(text string, f textFields, pq *parsedQuery, highlight, expand bool) query.Query {
	var terms []string
	for _, tok := range s.analyzer.Analyze([]byte(text)) {
		terms = append(terms, string(tok.Term))
		if highlight {
			pq.highlight[string(tok.Term)] = true
		}
	}
	var q query.Query
	switch len(terms) {
	case 0:
		return nil
	case 1:
		q = query.NewDisjunctionQuery([]query.Query{termInField(terms[0], f.title, TitleBoost), termInField(terms[0], f.body, 1)})
	default:
		var pairs []query.Query
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
			q = query.NewConjunctionQuery(pairs)
		}
	}
	var syns []string
	if expand {
		syns = synonymsOf(text)
	}
	if len(syns) == 0 {
		return q
	}
	alts := []query.Query{q}
	for i, syn := range syns {
		if i == maxSynonymPhrases {
			break
		}
		if sq := s.phraseQuery(syn, f, pq, highlight, false); sq != nil {
			alts = append(alts, sq)
		}
	}
	return query.NewDisjunctionQuery(alts)
}

// prefixQuery matches the words starting with p in the title or the body,
// refusing a prefix that stands for too many words, alone or with the
// query's other prefixes (pq.prefixTerms). It reads at most MaxPrefixTerms+1
// words of the dictionary.
func (s *snapshot) prefixQuery(p string, f textFields, pq *parsedQuery) (query.Query, error) {
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
		return query.NewMatchNoneQuery(), nil
	}
	title := query.NewPrefixQuery(p)
	title.SetField(f.title)
	title.SetBoost(TitleBoost)
	body := query.NewPrefixQuery(p)
	body.SetField(f.body)
	return query.NewDisjunctionQuery([]query.Query{title, body}), nil
}

func termInField(term, field string, boost float64) query.Query {
	q := query.NewTermQuery(term)
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
