// Scans: the pass over a query's matches, split between workers, each
// match checked against the filters, counted in the facets and offered to
// the top hits; and the relaxed passes of a query that finds too little.

package index

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/search"
	bleveq "github.com/blevesearch/bleve/v2/search/query"
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
// until the hits reach it (see compiledQuery.relaxations). It does not depend
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
	var q bleveq.Query
	if p.text != nil {
		q = p.text.text
	}
	if p.questions != nil {
		if err := p.questionScores(ctx, p.questions.text); err != nil {
			return nil, err
		}
	}
	if q == nil {
		fs, err := p.planFilterScan()
		if err != nil {
			return nil, fmt.Errorf("filters: %w", err)
		}
		p.filtered = fs
	}
	if err := p.pass(ctx, q, 0, parts, nil); err != nil {
		return nil, err
	}
	if p.filtered != nil && p.filtered.global >= 0 {
		p.useGlobalCounts(p.filtered, parts)
	}
	if q == nil || p.noRelax {
		return parts, nil
	}
	var seen [][]uint64 // per worker, the documents its passes visited
	b := p.budget
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
func (p *plan) questionScores(ctx context.Context, q bleveq.Query) error {
	if p.best == nil {
		p.best = make([]float32, len(p.snap.cols.exp.values))
	}
	rows, exp := p.snap.cols.rows, p.snap.cols.exp
	question := p.snap.cols.typ.lookup[TypeQuestion]
	n, err := p.matches(ctx, q, 0, p.snap.cols.n, func(d uint32, score float64) {
		if rows[d*stride+offType] == question {
			if o := exp.at(d); o != 0 && o&multiFlag == 0 && float32(score) > p.best[o] {
				p.best[o] = float32(score)
			}
		}
	})
	p.budget.visit(n)
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
	o := p.snap.cols.exp.at(d)
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
// seen) counts nothing. What the workers visit is counted in p.budget.
func (p *plan) pass(ctx context.Context, q bleveq.Query, tier uint32, parts []*partial, seen [][]uint64) error {
	n := p.snap.cols.n
	w := len(parts)
	errs := make([]error, w)
	visited := make([]uint64, w)
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
			if q == nil && p.filtered != nil {
				visited[i], errs[i] = p.scanFiltered(ctx, p.filtered, lo, hi, parts[i])
			} else if q == nil {
				visited[i], errs[i] = p.scanAll(ctx, lo, hi, parts[i])
			} else {
				visited[i], errs[i] = p.scanText(ctx, q, tier, lo, hi, parts[i], mark, markOnly)
			}
		}(i)
	}
	wg.Wait()
	for _, v := range visited {
		p.budget.visit(v)
	}
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

// scanAll visits every document of the type in [lo, hi): a search without
// text. It returns how many documents it visited, also when it stops.
func (p *plan) scanAll(ctx context.Context, lo, hi uint32, pt *partial) (uint64, error) {
	rows := p.snap.cols.rows
	for d := lo; d < hi; d++ {
		if (d-lo)%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return uint64(d - lo), stopped(uint64(d-lo), err)
			}
		}
		if rows[d*stride+offType] == p.typ && p.typ != 0 {
			p.visit(d, 0, 0, pt)
		}
	}
	return uint64(hi - lo), nil
}

// scanText visits the matches of q in [lo, hi), found and scored by a
// bleve searcher of their own, as hits of the tier given. With seen (a
// bitset of [lo, hi)), it skips the documents marked there and marks those
// it visits; with markOnly it only marks. It returns how many matches it
// visited, also when it stops.
func (p *plan) scanText(ctx context.Context, q bleveq.Query, tier, lo, hi uint32, pt *partial, seen []uint64, markOnly bool) (uint64, error) {
	if tier == 0 && seen == nil && p.bounded() && !bleveSearchers && !fullScoring {
		if n, ok, err := p.scanRanked(ctx, q, lo, hi, pt); ok || err != nil {
			return n, err
		}
	}
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
// checkEvery matches. It returns how many matches it visited, also when it
// stops.
func (p *plan) matches(ctx context.Context, q bleveq.Query, lo, hi uint32, fn func(d uint32, score float64)) (uint64, error) {
	if !bleveSearchers {
		m, src, err := p.snap.fastMatcher(q)
		if err != nil {
			return 0, fmt.Errorf("prepare search: %w", err)
		}
		if m != nil {
			return matchPostings(ctx, m, src, lo, hi, fn)
		}
	}
	searcher, err := q.Searcher(p.snap.ctx, p.snap.r, p.snap.m, search.SearcherOptions{})
	if err != nil {
		return 0, fmt.Errorf("prepare search: %w", err)
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
	for ; err == nil && dm != nil; i++ {
		if i%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return uint64(i), stopped(uint64(i), err)
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
		return uint64(i), fmt.Errorf("search: %w", err)
	}
	return uint64(i), nil
}

// bleveSearchers makes every search run through bleve's searchers, as a
// reference for the matchers of postings.go; fullScoring makes the
// matchers score every match, as a reference for the ranked pass of
// scan_ranked.go (tests and benchmarks).
var bleveSearchers, fullScoring bool

// matchPostings is matches for a query the matchers of postings.go take.
func matchPostings(ctx context.Context, m matcher, src *postingsSource, lo, hi uint32, fn func(d uint32, score float64)) (uint64, error) {
	var i uint64
	for d := m.advance(lo); d < hi; d = m.advance(d + 1) {
		if i%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return i, stopped(i, err)
			}
		}
		fn(d, m.score())
		i++
	}
	if src.err != nil {
		return i, fmt.Errorf("search: %w", src.err)
	}
	return i, nil
}

// visit counts one document of the right type that matches the text. A
// document that passes every filter is a hit: it counts in the total and in
// every facet, and may rank. One that fails exactly one filter counts in
// that filter's facet only, which makes the facets disjunctive; the date
// range's facet is the date histogram.
func (p *plan) visit(d uint32, score float64, tier uint32, pt *partial) {
	if p.tally(d, pt) {
		p.offer(d, score, tier, pt)
	}
}

// tally is the counting half of visit: it counts document d in the total
// and the facets, and reports whether d is a hit, which offer may rank.
func (p *plan) tally(d uint32, pt *partial) bool {
	row := p.snap.cols.rows[d*stride : d*stride+stride]
	for i := range p.hard {
		if !p.hard[i].pass(row) {
			return false
		}
	}
	failed := -1
	for i := range p.filters {
		if !p.filters[i].pass(row) {
			if failed >= 0 {
				return false
			}
			failed = i
		}
	}
	if failed >= 0 {
		if f := p.filters[failed].facet; f == dateFacet {
			pt.days[row[offDay]]++
		} else {
			p.count(f, row[offFacet+f], pt)
		}
		return false
	}
	pt.total++
	pt.days[row[offDay]]++
	for f := range p.facetCol {
		p.count(f, row[offFacet+f], pt)
	}
	return true
}

// offer is the ranking half of visit: hit d, scored, goes to the worker's
// top hits (or its group, collapsed).
func (p *plan) offer(d uint32, score float64, tier uint32, pt *partial) {
	row := p.snap.cols.rows[d*stride : d*stride+stride]
	c := candidate{doc: d, day: row[offDay], asked: p.snap.cols.asked.at(d), tier: tier, score: score}
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
