package index

import (
	"container/heap"
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"html"
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// A snapshot is what searches read: one bleve reader, held open, and the
// columns built from it. An index that is not written to while it is
// searched (every index searchd serves) has one snapshot for its lifetime.
type snapshot struct {
	r        bindex.IndexReader
	cols     *columns
	m        mapping.IndexMapping
	analyzer analysis.Analyzer // of the text fields
	pairs    analysis.Analyzer // of the pairs fields
	ctx      context.Context   // carries the scoring model for bleve's searchers
	// identity names the index's content for cursors: the same in every
	// process that opens the same version (Index.identity), or "" for an
	// index that may be written, whose cursors hold for this snapshot only.
	identity string
	// groupSets holds the empty groupSets of collapsed searches, for
	// reuse.
	groupSets sync.Pool
}

// snapshot returns the current snapshot, building it on first use.
func (x *Index) snapshot(ctx context.Context) (*snapshot, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.snap != nil {
		return x.snap, nil
	}
	adv, err := x.bi.Advanced()
	if err != nil {
		return nil, fmt.Errorf("open reader of %s: %w", x.path, err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("open reader of %s: %w", x.path, err)
	}
	cols, err := loadColumns(ctx, r)
	if err != nil {
		r.Close()
		return nil, fmt.Errorf("index %s: %w", x.path, err)
	}
	m := x.bi.Mapping()
	a, pa := m.AnalyzerNamed(en.AnalyzerName), m.AnalyzerNamed(pairsAnalyzer)
	if a == nil || pa == nil {
		r.Close()
		return nil, fmt.Errorf("analyzers %s and %s are not both in the mapping of %s", en.AnalyzerName, pairsAnalyzer, x.path)
	}
	scoring := bindex.DefaultScoringModel
	if im, ok := m.(*mapping.IndexMappingImpl); ok && im.ScoringModel != "" {
		scoring = im.ScoringModel
	}
	sctx := context.WithValue(context.Background(), search.GetScoringModelCallbackKey,
		search.GetScoringModelCallbackFn(func() string { return scoring }))
	id, err := x.identity()
	if err != nil {
		r.Close()
		return nil, err
	}
	x.snap = &snapshot{r: r, cols: cols, m: m, analyzer: a, pairs: pa, ctx: sctx, identity: id}
	return x.snap, nil
}

// dropSnapshot closes the snapshot after a write, so the next search sees it.
func (x *Index) dropSnapshot() {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.snap != nil {
		x.snap.r.Close()
		x.snap = nil
	}
}

// Warm loads what searches need (the columns) now rather than at the first
// search. searchd calls it before it reports ready.
func (x *Index) Warm(ctx context.Context) error {
	_, err := x.snapshot(ctx)
	return err
}

// filter is one filtered field: the ordinals allowed.
type filter struct {
	col   *column
	facet int    // position in FacetFields
	allow []bool // by ordinal
}

func (f *filter) pass(row []uint32) bool {
	o := row[f.col.off]
	if o&multiFlag == 0 {
		return f.allow[o]
	}
	for _, v := range f.col.lists[o&^multiFlag] {
		if f.allow[v] {
			return true
		}
	}
	return false
}

// plan is a request made ready to run against one snapshot.
type plan struct {
	snap     *snapshot
	text     *parsedQuery // nil: every document of the type
	fields   textFields   // the text fields of the type
	hard     []filter     // from the query text (company:amazon): every hit passes them
	typ      uint32       // ordinal of the wanted type; 0 matches nothing
	filters  []filter
	sortBy   sortKind
	k        int // hits to keep: From+Size
	facetCol []*column
	after    *candidate // with a cursor: only hits (or groups) ranked below it
	collapse bool       // one hit per question cluster
	noRelax  bool       // the query as typed only (the searches of "did you mean")
	// questions, in an experience search, is the query over the questions'
	// fields, and best, by experience ordinal (columns.exp), the score of
	// each post's best-matching question (questionScores).
	questions *parsedQuery
	best      []float32
	relaxed   []string // the words the last relaxation used made optional
	warnings  []string // filter values that name nothing in the index
	// hidden, by facet and ordinal, are the values the request treats as
	// absent (Request.DifficultySource); nil for a facet without any.
	hidden [][]bool
}

// A candidate is a matching document with what ranks it.
type candidate struct {
	doc   uint32
	day   uint32
	asked uint32 // ordinal of "asked at N companies"
	n     uint32 // collapsed: the matches of its group
	// tier is 0 for a match of the query as typed, i for one of its i-th
	// relaxation (plan.run): every tier ranks below the one before.
	tier  uint32
	score float64
}

// How hits are ordered.
type sortKind int

const (
	byRelevance sortKind = iota
	byDate
	byAsked
)

// partial is what one worker found: counts and its best candidates.
type partial struct {
	total   uint64
	counts  [][]uint32 // per facet field, per ordinal
	missing []uint32   // per facet field
	days    []uint32   // hits per day ordinal, for the date histogram
	top     topK
	groups  *groupSet // collapsed: every group's best candidate and count
	_       [64]byte  // keep workers' counters on separate cache lines
}

// Search runs r and returns the hits of the page asked for, the total number
// of matches and the facet counts over all matches. Invalid requests give a
// *RequestError.
//
// Facets are disjunctive: the counts of a field ignore that field's own
// filter (so with company=Amazon ticked the company list still offers
// Google, with its count) and apply every other filter. Values ticked in a
// filter are always listed, even at count 0.
//
// It makes one pass over the matches of the text: bleve's searcher finds and
// scores them, and each match is checked against the filters, counted in
// the facets and offered to the top hits by reading columns (see column).
// The document numbers are split between two workers, each with its own
// searcher, counters and top hits, merged at the end.
//
// Collapsed (Request.Collapse), each worker keeps every cluster's best
// candidate and count, found through an array indexed by the cluster's
// ordinal (a column like the others), and offers only the questions alone
// in their cluster (or without one) to its top hits; the workers' clusters
// are merged, and the top groups selected from them and those questions
// (collapse.go).
func (x *Index) Search(ctx context.Context, r Request) (*Result, error) {
	start := time.Now()
	if err := r.Normalize(); err != nil {
		return nil, err
	}
	b := newBudget()
	if seen, ok := ctx.Value(budgetProbeKey{}).(**budget); ok {
		*seen = b // tests read what the search spent
	}
	ctx = withBudget(ctx, b)
	snap, err := x.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	p, err := snap.plan(ctx, &r)
	if err != nil {
		return nil, err
	}
	parts, err := p.run(ctx)
	if err != nil {
		return nil, err
	}
	res := p.result(&r, parts)
	res.Relaxed = p.relaxed
	ranked, hits := p.ranked(parts, res)
	if err := snap.loadHits(ctx, res, p, ranked, hits, &r); err != nil {
		return nil, err
	}
	if res.Total == 0 && p.text != nil {
		if res.Suggestion, err = snap.suggest(ctx, r, p.text); err != nil {
			return nil, err
		}
	}
	res.Partial, res.PartialReason = b.partial()
	res.Took = time.Since(start)
	return res, nil
}

// plan makes r ready to run. It rewrites r.Filters to the values' canonical
// spellings ("amazon" → "Amazon"), before the cursor is checked: the cursor
// seal, the facets (result) and the answer's echo then see one request
// however its values were typed.
func (s *snapshot) plan(ctx context.Context, r *Request) (*plan, error) {
	p := &plan{snap: s, sortBy: map[string]sortKind{"date": byDate, "asked": byAsked}[r.Sort], k: r.From + r.Size, facetCol: s.cols.facets,
		collapse: r.Collapse == CollapseCluster}
	source, err := checkDifficultySource(r.DifficultySource)
	if err != nil {
		return nil, err
	}
	r.DifficultySource = source
	if d := facetIndex(fieldDifficulty); source != "" {
		p.hidden = make([][]bool, len(FacetFields))
		p.hidden[d] = hiddenDifficulties(s.cols.facets[d], source)
	}
	canon := map[string][]string{}
	for i, f := range FacetFields {
		vs := r.Filters[f]
		if len(vs) == 0 {
			continue
		}
		fl, names, unknown := s.facetFilter(i, vs, p.hiddenIn(i))
		p.filters = append(p.filters, fl)
		canon[f] = names
		for _, v := range unknown {
			p.warnings = append(p.warnings, fmt.Sprintf("%s %q matches no %s in the index", f, v, f))
		}
	}
	r.Filters = canon
	if r.Cursor != "" {
		c, err := s.decodeCursor(r.Cursor, r)
		if err != nil {
			return nil, err
		}
		p.after = &c
	}
	p.typ = s.cols.typ.lookup[r.Type]
	p.fields = questionFields
	if r.Type == TypeExperience {
		p.fields = experienceFields
	}
	if r.Query != "" {
		pq, err := s.parse(ctx, r.Query, p.fields)
		if err != nil {
			return nil, err
		}
		p.text = pq
		for _, hf := range pq.hard {
			p.hard = append(p.hard, s.hardFilter(hf, p.hiddenIn(facetIndex(hf.field))))
		}
		if r.Type == TypeExperience && pq.text != nil {
			if p.questions, err = s.parse(ctx, r.Query, questionFields); err != nil {
				return nil, err
			}
		}
	}
	if r.Cluster != "" {
		col := s.cols.cluster
		fl := filter{col: col, facet: -1, allow: make([]bool, len(col.values))}
		if o, ok := col.lookup[r.Cluster]; ok {
			fl.allow[o] = true
		}
		p.hard = append(p.hard, fl)
	}
	return p, nil
}

// facetFilter returns the filter on facet i that lets through the values
// vs name, whatever their case and spelling ("amazon", "AMAZON", "fb" for
// Meta): a value names the indexed value its fold key matches, as given or
// normalised. The query's field clauses (hardFilter) and Request.Filters
// resolve through it alike. It also returns the canonical spellings of vs,
// in their order without repeats (the indexed values named; for a value
// naming none, its normal spelling, which a document indexed later would
// have), and the values naming none, so spelt. A value names its inferred
// twin too (a difficulty the indexer inferred, inferredSuffix), unless
// hidden (by ordinal; nil for none) hides it.
func (s *snapshot) facetFilter(i int, vs []string, hidden []bool) (fl filter, canon, unknown []string) {
	col := s.cols.facets[i]
	norm := facetNormalizers[FacetFields[i]]
	fl = filter{col: col, facet: i, allow: make([]bool, len(col.values))}
	add := func(v string) {
		if !slices.Contains(canon, v) {
			canon = append(canon, v)
		}
	}
	for _, v := range vs {
		n := norm(v)
		found := false
		for _, form := range []string{v, n, v + inferredSuffix, n + inferredSuffix} {
			if o, ok := col.fold[key(form)]; ok && (hidden == nil || !hidden[o]) {
				fl.allow[o] = true
				shown, _ := splitInferred(col.values[o])
				add(shown)
				found = true
			}
		}
		if !found {
			add(n)
			if !slices.Contains(unknown, n) {
				unknown = append(unknown, n)
			}
		}
	}
	return fl, canon, unknown
}

// hardFilter turns a field clause of the query into a filter. Values match
// whatever their case and spelling ("company:amazon", "difficulty:HARD",
// "company:fb" for Meta).
func (s *snapshot) hardFilter(hf hardFilter, hidden []bool) filter {
	fl, _, _ := s.facetFilter(facetIndex(hf.field), hf.values, hidden)
	if hf.neg {
		for o := range fl.allow {
			fl.allow[o] = !fl.allow[o]
		}
	}
	return fl
}

// workers is how many goroutines share one search's matches.
var workers = min(2, runtime.GOMAXPROCS(0))

// inFlight counts the searches running in this process; fixedWorkers (for
// tests) makes every search use workers regardless.
var (
	inFlight     atomic.Int64
	fixedWorkers bool
)

// RelaxBelow is the number of hits under which a query of plain words is
// relaxed: its least informative words are made optional, one at a time,
// until the hits reach it (see parsedQuery.relaxations). It does not depend
// on the page asked for, so every page of a search sees the same matches.
const RelaxBelow = 10

// relaxBelow is RelaxBelow, but for tests of the tiers on small corpora.
var relaxBelow uint64 = RelaxBelow

// run makes the pass over the matches, split by document number between
// the workers; when the query finds fewer than RelaxBelow hits, it makes a
// pass for each looser form of it in turn until they do, each adding the
// documents the passes before did not see, ranked below them.
func (p *plan) run(ctx context.Context) ([]*partial, error) {
	n := p.snap.cols.n
	// Split a search only when cores are idle: under concurrent searches
	// every core is busy already, and a second searcher is pure overhead.
	busy := inFlight.Add(1)
	defer inFlight.Add(-1)
	w := workers
	if n < 20000 || (busy > 1 && !fixedWorkers) {
		w = 1
	}
	parts := make([]*partial, w)
	for i := range parts {
		parts[i] = p.newPartial()
	}
	var q query.Query
	if p.text != nil {
		q = p.text.text
	}
	if p.questions != nil {
		if err := p.questionScores(ctx, p.questions.text); err != nil {
			return nil, err
		}
	}
	if err := p.pass(ctx, q, 0, parts, nil); err != nil {
		return nil, err
	}
	if q == nil || p.noRelax {
		return parts, nil
	}
	var seen [][]uint64 // per worker, the documents its passes visited
	b := budgetOf(ctx)
	for tier, rx := range p.text.relaxations() {
		if total(parts) >= relaxBelow {
			break
		}
		// A relaxation is a search more; the first also marks what the
		// strict pass saw, a search more again, and in an experience
		// search scores the questions for the loosest form, one more.
		cost := 1
		if seen == nil {
			cost = 2
			if p.questions != nil {
				cost = 3
			}
		}
		if !b.spend(cost, "relaxation passes") {
			break
		}
		if seen == nil && p.questions != nil {
			// The posts the relaxations find lack some words: their
			// questions are scored for the loosest form too.
			if rx := p.questions.relaxations(); len(rx) > 0 {
				if err := p.questionScores(ctx, rx[len(rx)-1].q); err != nil {
					return nil, err
				}
			}
		}
		if seen == nil {
			seen = make([][]uint64, w)
			if err := p.pass(ctx, q, 0, parts, seen); err != nil { // marks what the strict pass saw
				return nil, err
			}
		}
		if err := p.pass(ctx, rx.q, uint32(tier+1), parts, seen); err != nil {
			return nil, err
		}
		p.relaxed = rx.dropped
	}
	return parts, nil
}

// How an experience's score is made of its own text's and its best
// question's: a post is relevant when one of its questions asked the thing,
// and a question is short, so its words near each other (the pairs of its
// title and body) say more than the same words anywhere in a long post.
// Tuned on the tuning half of the real-page judgments (docs/relevance.md).
const (
	ExperienceTextWeight = 1.0
	BestQuestionWeight   = 1.0
)

// questionScores fills p.best: for each experience, the best score of its
// questions for q (the query as typed; before the relaxed passes, its
// loosest form, any one of its plain words). One worker: questions are
// short, and the array is shared.
func (p *plan) questionScores(ctx context.Context, q query.Query) error {
	if p.best == nil {
		p.best = make([]float32, len(p.snap.cols.exp.values))
	}
	rows := p.snap.cols.rows
	question := p.snap.cols.typ.lookup[TypeQuestion]
	err := p.matches(ctx, q, 0, p.snap.cols.n, func(d uint32, score float64) {
		if row := rows[d*stride : d*stride+stride]; row[offType] == question {
			if o := row[offExp]; o != 0 && o&multiFlag == 0 && float32(score) > p.best[o] {
				p.best[o] = float32(score)
			}
		}
	})
	if err != nil {
		return fmt.Errorf("questions: %w", err)
	}
	return nil
}

// score is the score of document d matched with score s: an experience's
// own, with its best question's added (questionScores).
func (p *plan) score(d uint32, s float64) float64 {
	if p.best == nil {
		return s
	}
	o := p.snap.cols.rows[d*stride+offExp]
	if o == 0 || o&multiFlag != 0 {
		return s * ExperienceTextWeight
	}
	return s*ExperienceTextWeight + float64(p.best[o])*BestQuestionWeight
}

// total adds up the hits of the partials.
func total(parts []*partial) uint64 {
	var n uint64
	for _, pt := range parts {
		n += pt.total
	}
	return n
}

// pass runs one query over the document numbers, split between the workers
// as parts is. With seen, a document marked there is skipped and every
// document visited is marked; a first pass that only marks (tier 0 with
// seen) counts nothing.
func (p *plan) pass(ctx context.Context, q query.Query, tier uint32, parts []*partial, seen [][]uint64) error {
	n := p.snap.cols.n
	w := len(parts)
	errs := make([]error, w)
	var wg sync.WaitGroup
	for i := 0; i < w; i++ {
		lo := uint32(uint64(n) * uint64(i) / uint64(w))
		hi := uint32(uint64(n) * uint64(i+1) / uint64(w))
		var mark []uint64
		markOnly := false
		if seen != nil {
			if seen[i] == nil {
				seen[i] = make([]uint64, (hi-lo+63)/64)
				markOnly = true
			}
			mark = seen[i]
		}
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			// A worker reads mapped segments on a goroutine of its own: a
			// fault here would end the process whatever the caller set.
			defer catchFaults(&errs[i])()
			if q == nil {
				errs[i] = p.scanAll(ctx, lo, hi, parts[i])
			} else {
				errs[i] = p.scanText(ctx, q, tier, lo, hi, parts[i], mark, markOnly)
			}
		}(i)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (p *plan) newPartial() *partial {
	pt := &partial{counts: make([][]uint32, len(p.facetCol)), missing: padded(len(p.facetCol))}
	for i, c := range p.facetCol {
		pt.counts[i] = padded(len(c.values))
	}
	pt.top = topK{k: p.k, sortBy: p.sortBy}
	pt.days = padded(len(p.snap.cols.day.values))
	if p.collapse {
		pt.groups = p.snap.groupSet()
	}
	return pt
}

// padded returns n counters with a cache line of space on each side, so
// two workers' counters never share a line (false sharing made counting
// several times slower).
func padded(n int) []uint32 {
	const line = 64 / 4
	return make([]uint32, n+2*line)[line : line+n]
}

// checkEvery is how many matches (or documents, in a search without text)
// pass between checks of the context: a search past its deadline stops
// within about that many more, well under a millisecond.
const checkEvery = 4096

// stopped is the error of a search whose context ended after visited
// matches; it wraps the context's error (context.DeadlineExceeded or
// context.Canceled).
func stopped(visited uint64, err error) error {
	return fmt.Errorf("search stopped after %d matches: %w", visited, err)
}

// A visitCounter, put in a search's context under visitKey{}, adds up the
// matches (or documents) its scans visited: tests use it to see that a
// search past its deadline stopped early.
type visitCounter struct{ n atomic.Uint64 }

type visitKey struct{}

// countVisits adds n to the visitCounter of ctx, if it has one.
func countVisits(ctx context.Context, n uint64) {
	if c, ok := ctx.Value(visitKey{}).(*visitCounter); ok {
		c.n.Add(n)
	}
}

// scanAll visits every document of the type in [lo, hi): a search without
// text.
func (p *plan) scanAll(ctx context.Context, lo, hi uint32, pt *partial) error {
	rows := p.snap.cols.rows
	d := lo
	defer func() { countVisits(ctx, uint64(d-lo)) }()
	for ; d < hi; d++ {
		if (d-lo)%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return stopped(uint64(d-lo), err)
			}
		}
		if rows[d*stride+offType] == p.typ && p.typ != 0 {
			p.visit(d, 0, 0, pt)
		}
	}
	return nil
}

// scanText visits the matches of q in [lo, hi), found and scored by a
// bleve searcher of their own, as hits of the tier given. With seen (a
// bitset of [lo, hi)), it skips the documents marked there and marks those
// it visits; with markOnly it only marks.
func (p *plan) scanText(ctx context.Context, q query.Query, tier, lo, hi uint32, pt *partial, seen []uint64, markOnly bool) error {
	rows := p.snap.cols.rows
	return p.matches(ctx, q, lo, hi, func(d uint32, score float64) {
		if rows[d*stride+offType] != p.typ || p.typ == 0 {
			return
		}
		if seen == nil {
			p.visit(d, p.score(d, score), tier, pt)
		} else if b, bit := (d-lo)/64, uint64(1)<<((d-lo)%64); seen[b]&bit == 0 {
			seen[b] |= bit
			if !markOnly {
				p.visit(d, p.score(d, score), tier, pt)
			}
		}
	})
}

// matches runs a bleve searcher of q over the document numbers [lo, hi)
// and calls fn with each match and its score, checking ctx every
// checkEvery matches and counting them for visitCounter.
func (p *plan) matches(ctx context.Context, q query.Query, lo, hi uint32, fn func(d uint32, score float64)) error {
	searcher, err := q.Searcher(p.snap.ctx, p.snap.r, p.snap.m, search.SearcherOptions{})
	if err != nil {
		return fmt.Errorf("prepare search: %w", err)
	}
	defer searcher.Close()
	sctx := &search.SearchContext{
		DocumentMatchPool: search.NewDocumentMatchPool(searcher.DocumentMatchPoolSize(), 0),
		IndexReader:       p.snap.r,
	}
	var dm *search.DocumentMatch
	if lo > 0 {
		dm, err = searcher.Advance(sctx, internalID(lo))
	} else {
		dm, err = searcher.Next(sctx)
	}
	i := 0
	defer func() { countVisits(ctx, uint64(i)) }()
	for ; err == nil && dm != nil; i++ {
		if i%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return stopped(uint64(i), err)
			}
		}
		d := docNum(dm.IndexInternalID)
		if d >= hi {
			break
		}
		fn(d, dm.Score)
		sctx.DocumentMatchPool.Put(dm)
		dm, err = searcher.Next(sctx)
	}
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	return nil
}

// visit counts one document of the right type that matches the text. A
// document that passes every filter is a hit: it counts in the total and in
// every facet, and may rank. One that fails exactly one filter counts in
// that filter's facet only, which makes the facets disjunctive.
func (p *plan) visit(d uint32, score float64, tier uint32, pt *partial) {
	row := p.snap.cols.rows[d*stride : d*stride+stride]
	for i := range p.hard {
		if !p.hard[i].pass(row) {
			return
		}
	}
	failed := -1
	for i := range p.filters {
		if !p.filters[i].pass(row) {
			if failed >= 0 {
				return
			}
			failed = i
		}
	}
	if failed >= 0 {
		f := p.filters[failed].facet
		p.count(f, row[offFacet+f], pt)
		return
	}
	pt.total++
	pt.days[row[offDay]]++
	for f := range p.facetCol {
		p.count(f, row[offFacet+f], pt)
	}
	c := candidate{doc: d, day: row[offDay], asked: row[offAsked], tier: tier, score: score}
	if p.collapse {
		if o := clusterOf(row[offCluster]); o != 0 && p.snap.cols.isShared(o) {
			// A cursor is applied to the group's best, once it is known.
			pt.groups.add(c, o, p.sortBy)
			return
		}
		c.n = 1 // alone in its cluster: a group of its own, ranked as it comes
		pt.groups.singles++
	}
	if p.after != nil && !rankAbove(*p.after, c, p.sortBy) {
		return // on an earlier page
	}
	pt.top.offer(c)
}

// count counts entry o of facet f: an ordinal, none, or a list.
func (p *plan) count(f int, o uint32, pt *partial) {
	if p.hidden != nil && p.hidden[f] != nil {
		p.countShown(f, o, pt)
		return
	}
	switch {
	case o == 0:
		pt.missing[f]++
	case o&multiFlag == 0:
		pt.counts[f][o]++
	default:
		for _, v := range p.facetCol[f].lists[o&^multiFlag] {
			pt.counts[f][v]++
		}
	}
}

// countShown is count for a facet with hidden values: a document whose
// values are all hidden counts as one without a value.
func (p *plan) countShown(f int, o uint32, pt *partial) {
	hide := p.hidden[f]
	var one [1]uint32
	vs := one[:0]
	switch {
	case o == 0:
	case o&multiFlag == 0:
		vs = append(vs, o)
	default:
		vs = p.facetCol[f].lists[o&^multiFlag]
	}
	shown := false
	for _, v := range vs {
		if !hide[v] {
			pt.counts[f][v]++
			shown = true
		}
	}
	if !shown {
		pt.missing[f]++
	}
}

// hiddenIn returns the hidden values of facet f, nil for none.
func (p *plan) hiddenIn(f int) []bool {
	if p.hidden == nil || f < 0 {
		return nil
	}
	return p.hidden[f]
}

// result merges the workers' partials into a Result without hits.
func (p *plan) result(r *Request, parts []*partial) *Result {
	res := &Result{Facets: map[string][]FacetValue{}, FacetOther: map[string]int{}, FacetMissing: map[string]int{},
		Filters: r.Filters, Warnings: p.warnings, DifficultySource: r.DifficultySource}
	for _, pt := range parts {
		res.Total += pt.total
	}
	for f, c := range p.facetCol {
		field := FacetFields[f]
		vals := make([]FacetValue, 0, 16)
		missing := 0
		for o := 1; o < len(c.values); o++ {
			n := 0
			for _, pt := range parts {
				n += int(pt.counts[f][o])
			}
			if n > 0 {
				vals = addFacetValue(vals, c.values[o], n)
			}
		}
		for _, pt := range parts {
			missing += int(pt.missing[f])
		}
		sort.Slice(vals, func(i, j int) bool {
			if vals[i].Count != vals[j].Count {
				return vals[i].Count > vals[j].Count
			}
			return vals[i].Value < vals[j].Value
		})
		shown := vals
		if len(shown) > r.FacetSize {
			shown = vals[:r.FacetSize]
		}
		// Ticked values are listed even when the cut or a zero count would
		// hide them, so they can be unticked.
		for _, v := range r.Filters[field] {
			listed := false
			for _, s := range shown {
				listed = listed || s.Value == v
			}
			if listed {
				continue
			}
			count := 0
			for _, x := range vals {
				if x.Value == v {
					count = x.Count
				}
			}
			shown = append(shown, FacetValue{Value: v, Count: count})
		}
		other := 0
		for _, x := range vals {
			other += x.Count
		}
		for _, s := range shown {
			other -= s.Count
		}
		res.Facets[field] = shown
		res.FacetOther[field] = other
		res.FacetMissing[field] = missing
	}
	res.DateInterval = r.DateInterval
	res.Dates = p.dateHistogram(r.DateInterval, parts)
	return res
}

// dateHistogram rolls the hits per day up into years ("2024") or months
// ("2024-05"), oldest first; hits without a date are left out.
func (p *plan) dateHistogram(interval string, parts []*partial) []FacetValue {
	n := 4 // YYYY
	if interval == "month" {
		n = 7 // YYYY-MM
	}
	out := []FacetValue{}
	days := p.snap.cols.day.values
	for o := 1; o < len(days); o++ { // day ordinals are in date order
		c := 0
		for _, pt := range parts {
			c += int(pt.days[o])
		}
		if c == 0 || len(days[o]) < n {
			continue
		}
		b := days[o][:n]
		if len(out) > 0 && out[len(out)-1].Value == b {
			out[len(out)-1].Count += c
		} else {
			out = append(out, FacetValue{Value: b, Count: c})
		}
	}
	return out
}

// ranked returns the best candidates up to the end of the page asked for,
// best first, and how many hits the pages run over: the matches, or, for a
// collapsed search, the groups (which it also puts in res.Groups).
func (p *plan) ranked(parts []*partial, res *Result) ([]candidate, uint64) {
	var all []candidate
	hits := res.Total
	if p.collapse {
		gs := mergeGroups(parts, p.sortBy)
		res.Groups = uint64(len(gs.groups)) + gs.singles
		hits = res.Groups
		top := topK{k: p.k, sortBy: p.sortBy}
		for _, g := range gs.groups {
			if p.after == nil || rankAbove(*p.after, g.best, p.sortBy) {
				top.offer(g.best)
			}
		}
		for _, pt := range parts {
			for _, c := range pt.top.items {
				top.offer(c) // the questions of their own, past the cursor already
			}
		}
		all = top.items
		p.snap.releaseGroups(parts)
	} else {
		for _, pt := range parts {
			all = append(all, pt.top.items...)
		}
	}
	sort.Slice(all, func(i, j int) bool { return p.less(all[j], all[i]) })
	return all, hits
}

// loadHits fills res.Hits with the page asked for: the ranked candidates
// from From on, with their stored fields and highlights. hits is how many
// the pages run over (ranked).
func (s *snapshot) loadHits(ctx context.Context, res *Result, p *plan, all []candidate, hits uint64, r *Request) error {
	if r.From >= len(all) {
		res.Hits = []Hit{}
		return nil
	}
	all = all[r.From:min(len(all), r.From+r.Size)]
	if n := len(all); n == r.Size && (p.after != nil || uint64(r.From+n) < hits) {
		res.NextCursor = s.encodeCursor(all[n-1], r)
	}
	var terms map[string]bool
	if p.text != nil {
		terms = p.text.highlight
	}
	res.Hits = make([]Hit, 0, len(all))
	for _, c := range all {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("load hits: %w", err)
		}
		h, err := s.hit(c, terms)
		if err != nil {
			return err
		}
		res.Hits = append(res.Hits, h)
	}
	return nil
}

// hit reads one document's stored fields and columns into a Hit.
func (s *snapshot) hit(c candidate, terms map[string]bool) (Hit, error) {
	id, err := s.r.ExternalID(internalID(c.doc))
	if err != nil {
		return Hit{}, fmt.Errorf("read hit %d: %w", c.doc, err)
	}
	doc, err := s.r.Document(id)
	if err != nil {
		return Hit{}, fmt.Errorf("read hit %s: %w", id, err)
	}
	if doc == nil {
		return Hit{}, fmt.Errorf("read hit %s: %w", id, errors.New("document vanished"))
	}
	h := Hit{ID: id, Score: c.score, Collapsed: int(c.n), Tier: int(c.tier)}
	cols := s.cols

	h.Date = cols.day.values[c.day]
	vals := func(col *column) string {
		os := col.valuesOf(c.doc)
		out := make([]string, len(os))
		for i, o := range os {
			out[i] = col.values[o]
		}
		return strings.Join(out, ", ")
	}
	h.Type = vals(cols.typ)
	h.Cluster = vals(cols.cluster)
	if a := vals(cols.asked); a != "" {
		h.AskedAt, _ = strconv.Atoi(a) // zero-padded decimal
	}
	for i, f := range FacetFields {
		v := vals(cols.facets[i])
		switch f {
		case fieldCompany:
			h.Company = v
		case fieldRole:
			h.Role = v
		case fieldCategory:
			h.Category = v
		case fieldDifficulty:
			h.Difficulty, h.DifficultySource = shownDifficulty(v)
		case fieldStatus:
			h.Status = v
		}
	}
	var body string
	doc.VisitFields(func(f bindex.Field) {
		switch f.Name() {
		case fieldTitle, fieldETitle:
			h.Title = string(f.Value())
		case fieldBody, fieldEBody:
			body = string(f.Value())
		case fieldURL:
			h.URL = string(f.Value())
		case fieldClusterTitle:
			h.ClusterTitle = string(f.Value())
		case fieldExperienceID:
			h.ExperienceID = string(f.Value())
		case fieldOrdinal:
			if nf, ok := f.(bindex.NumericField); ok {
				if n, err := nf.Number(); err == nil {
					h.Ordinal = int(n)
				}
			}
		}
	})
	if len(terms) > 0 {
		h.Highlights = map[string][]string{}
		if t, ok := highlight(h.Title, terms, s.analyzer, 0); ok {
			h.Highlights[fieldTitle] = []string{t}
		}
		if b, ok := highlight(body, terms, s.analyzer, snippetRunes); ok {
			h.Highlights[fieldBody] = []string{b}
			h.Snippet = b
		}
		if len(h.Highlights) == 0 {
			h.Highlights = nil
		}
	}
	if h.Snippet == "" {
		h.Snippet = html.EscapeString(truncate(body, snippetRunes))
	}
	return h, nil
}

// topK keeps the k best candidates seen, as a min-heap on rank.
type topK struct {
	k      int
	sortBy sortKind
	items  []candidate
}

func (t *topK) offer(c candidate) {
	if len(t.items) < t.k {
		heap.Push(t, c)
		return
	}
	if t.better(c, t.items[0]) {
		t.items[0] = c
		heap.Fix(t, 0)
	}
}

// better reports whether a ranks above b.
func (t *topK) better(a, b candidate) bool { return rankAbove(a, b, t.sortBy) }

func (t *topK) Len() int           { return len(t.items) }
func (t *topK) Less(i, j int) bool { return t.better(t.items[j], t.items[i]) }
func (t *topK) Swap(i, j int)      { t.items[i], t.items[j] = t.items[j], t.items[i] }
func (t *topK) Push(x any)         { t.items = append(t.items, x.(candidate)) }
func (t *topK) Pop() any {
	x := t.items[len(t.items)-1]
	t.items = t.items[:len(t.items)-1]
	return x
}

// less reports whether a ranks below b for this plan.
func (p *plan) less(a, b candidate) bool { return rankAbove(b, a, p.sortBy) }

// rankAbove orders hits: matches of the query as typed first, then those of
// each relaxation in turn (candidate.tier); within a tier by score, then newest, then document number; by
// date: newest, then score; by asked: the most companies, then score, then
// newest. The document number breaks every tie, so the order is total.
func rankAbove(a, b candidate, by sortKind) bool {
	if a.tier != b.tier {
		return a.tier < b.tier
	}
	switch by {
	case byDate:
		if a.day != b.day {
			return a.day > b.day
		}
		if a.score != b.score {
			return a.score > b.score
		}
	case byAsked:
		if a.asked != b.asked {
			return a.asked > b.asked
		}
		if a.score != b.score {
			return a.score > b.score
		}
		if a.day != b.day {
			return a.day > b.day
		}
	default:
		if a.score != b.score {
			return a.score > b.score
		}
		if a.day != b.day {
			return a.day > b.day
		}
	}
	return a.doc < b.doc
}

// suggest returns a query that finds something, offered for a query that
// found nothing ("did you mean"): first the query with each word that may
// be a typo replaced by its likeliest correction; failing that, the
// (corrected) query without the word that keeps the most hits (tried for
// queries of up to maxDropWords words: each try is a search). It returns
// "" when there is nothing to offer, and an error wrapping ctx's when ctx
// ends first.
func (s *snapshot) suggest(ctx context.Context, r Request, pq *parsedQuery) (string, error) {
	// Only words the index does not know are corrected: a rare word that
	// exists is what was meant.
	corrected := r.Query
	forms := make([]string, len(pq.words)) // each word as it stands in corrected
	for i, w := range pq.words {
		forms[i] = w.typed
		if s.docFreq(w.term, questionFields)+s.docFreq(w.term, experienceFields) > 0 {
			continue
		}
		fixes := w.fixes
		if fixes == nil {
			fixes = s.corrections(w.typed, w.term, questionFields, budgetOf(ctx))
		}
		if len(fixes) > 0 {
			corrected = replaceWord(corrected, w.typed, fixes[0].surface)
			forms[i] = fixes[0].surface
		}
	}
	// total counts the hits of q; a q the index refuses counts 0.
	total := func(q string) (uint64, error) {
		if !budgetOf(ctx).spend(1, "did-you-mean re-searches") {
			return 0, errOverBudget
		}
		r := r
		r.Query = q
		r.Collapse = "" // only the total is wanted
		p, err := s.plan(ctx, &r)
		if err != nil {
			return 0, ctx.Err()
		}
		p.noRelax = true
		parts, err := p.run(ctx)
		if err != nil {
			return 0, err
		}
		var n uint64
		for _, pt := range parts {
			n += pt.total
		}
		return n, nil
	}
	if corrected != r.Query {
		n, err := total(corrected)
		if errors.Is(err, errOverBudget) {
			return "", nil
		}
		if err != nil {
			return "", fmt.Errorf("did you mean: %w", err)
		}
		if n > 0 {
			return corrected, nil
		}
	}
	if len(pq.words) == 0 || len(pq.reqs) < 2 || len(pq.words) > maxDropWords {
		return "", nil
	}
	// Drop the most common word first (on a tie, the word typed last):
	// the rarest words say most about what was wanted, so the first
	// query without a common word that finds something is offered.
	order := make([]int, len(pq.words))
	docs := make([]uint64, len(pq.words))
	for i, w := range pq.words {
		order[i] = i
		docs[i] = s.docFreq(w.term, questionFields) + s.docFreq(w.term, experienceFields)
	}
	sort.SliceStable(order, func(a, b int) bool {
		if docs[order[a]] != docs[order[b]] {
			return docs[order[a]] > docs[order[b]]
		}
		return order[a] > order[b]
	})
	for _, i := range order {
		q := CleanSpace(replaceWord(corrected, forms[i], ""))
		if q == "" || q == corrected {
			continue
		}
		n, err := total(q)
		if errors.Is(err, errOverBudget) {
			return "", nil
		}
		if err != nil {
			return "", fmt.Errorf("did you mean: %w", err)
		}
		if n > 0 {
			return q, nil
		}
	}
	return "", nil
}

// errOverBudget stops "did you mean" when the search's budget is spent:
// the search then offers nothing, and says it is partial.
var errOverBudget = errors.New("over the search's budget")

// replaceWord replaces the first whole-word occurrence of old in s.
func replaceWord(s, old, new string) string {
	for i := 0; ; {
		j := strings.Index(s[i:], old)
		if j < 0 {
			return s
		}
		j += i
		end := j + len(old)
		before := j == 0 || !isWordByte(s[j-1])
		after := end == len(s) || !isWordByte(s[end])
		if before && after {
			return s[:j] + new + s[end:]
		}
		i = end
	}
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

// Suggest returns the values of a facet field that start with prefix, or
// have a word that does, ignoring case, the most common first: typeahead for
// the company and role boxes. Counts are questions. At most n are returned.
func (x *Index) Suggest(ctx context.Context, field, prefix string, n int) ([]FacetValue, error) {
	if !IsFacetField(field) {
		return nil, badRequest("cannot suggest %q: fields are %s", field, strings.Join(FacetFields, ", "))
	}
	if n < 1 || n > MaxFacetSize {
		return nil, badRequest("size %d is out of range: it must be between 1 and %d", n, MaxFacetSize)
	}
	if err := checkValue("prefix", prefix); err != nil {
		return nil, err
	}
	s, err := x.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	i := facetIndex(field)
	col := s.cols.facets[i]
	counts := s.cols.questionCounts[i]
	p := strings.ToLower(strings.TrimSpace(prefix))
	var out []FacetValue
	for o := 1; o < len(col.values); o++ {
		v := col.values[o]
		if counts[o] == 0 || !matchesPrefix(strings.ToLower(v), p) {
			continue
		}
		out = addFacetValue(out, v, int(counts[o]))
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Count != out[b].Count {
			return out[a].Count > out[b].Count
		}
		return out[a].Value < out[b].Value
	})
	if len(out) > n {
		out = out[:n]
	}
	if out == nil {
		out = []FacetValue{}
	}
	return out, nil
}

// matchesPrefix reports whether v or one of its words starts with p.
func matchesPrefix(v, p string) bool {
	if strings.HasPrefix(v, p) {
		return true
	}
	for i := 0; i < len(v); i++ {
		if (v[i] == ' ' || v[i] == '-') && strings.HasPrefix(v[i+1:], p) {
			return true
		}
	}
	return false
}

// A cursor names the last hit of a page by what ranks it, sealed with the
// snapshot and the request it came from, so it cannot be used with another
// query or index.
func (s *snapshot) encodeCursor(c candidate, r *Request) string {
	b := make([]byte, 0, cursorBytes)
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(c.score))
	b = binary.BigEndian.AppendUint32(b, c.day)
	b = binary.BigEndian.AppendUint32(b, c.doc)
	b = binary.BigEndian.AppendUint32(b, c.asked)
	b = binary.BigEndian.AppendUint32(b, c.tier)
	b = binary.BigEndian.AppendUint64(b, s.cursorSeal(r))
	return base64.RawURLEncoding.EncodeToString(b)
}

// cursorBytes is the length of a cursor, maxCursorLen that of its text.
const (
	cursorBytes  = 32
	maxCursorLen = (cursorBytes*8 + 5) / 6
)

func (s *snapshot) decodeCursor(text string, r *Request) (candidate, error) {
	b, err := base64.RawURLEncoding.DecodeString(text)
	if err != nil || len(b) != cursorBytes {
		return candidate{}, badRequest("cursor %q is not one this server gave", text)
	}
	if binary.BigEndian.Uint64(b[24:]) != s.cursorSeal(r) {
		return candidate{}, badRequest("the cursor belongs to another search or another version of the index; start again from the first page")
	}
	return candidate{
		score: math.Float64frombits(binary.BigEndian.Uint64(b)),
		day:   binary.BigEndian.Uint32(b[8:]),
		doc:   binary.BigEndian.Uint32(b[12:]),
		asked: binary.BigEndian.Uint32(b[16:]),
		tier:  binary.BigEndian.Uint32(b[20:]),
	}, nil
}

// cursorSeal hashes what a cursor must be used with: the index's content
// (any process serving the same version accepts it: replicas behind a load
// balancer, searchd after a restart) and every part of the request that
// selects or orders hits. A writable index's cursors are sealed to the
// snapshot itself.
func (s *snapshot) cursorSeal(r *Request) uint64 {
	h := fnv.New64a()
	if s.identity != "" {
		fmt.Fprintf(h, "%s|", s.identity)
	} else {
		fmt.Fprintf(h, "%p|", s)
	}
	fmt.Fprintf(h, "%d|%q|%q|%q|%d%s", s.cols.n, r.Query, r.Type, r.Sort, r.Size, describeSource(r.DifficultySource))
	if r.Collapse != "" {
		// A collapsed page's cursor names a group's best; the seal of an
		// uncollapsed search is as it was.
		fmt.Fprintf(h, "|collapse=%q", r.Collapse)
	}
	if r.Cluster != "" {
		// One cluster's search is another search than another's.
		fmt.Fprintf(h, "|cluster=%q", r.Cluster)
	}
	fields := make([]string, 0, len(r.Filters))
	for f := range r.Filters {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, f := range fields {
		vs := append([]string(nil), r.Filters[f]...)
		sort.Strings(vs)
		fmt.Fprintf(h, "|%s=%q", f, vs)
	}
	return h.Sum64()
}
