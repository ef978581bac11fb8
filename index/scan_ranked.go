// The ranked pass: a query's matches counted from the bitmaps of its
// postings, and only those that may rank scored (docs/decisions.md 139).

package index

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	bleveq "github.com/blevesearch/bleve/v2/search/query"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// rankedMinPostings is the fewest postings (bleve's Count: a query's
// leaves' added up) for which the ranked pass pays: below, its bitmaps and
// second matcher cost more than scoring every match.
const rankedMinPostings = 16384

// boundMargin widens the bounds, against rounding in the scores' sums.
const boundMargin = 1 + 1e-9

// bounded reports whether a pass of this plan may skip scoring matches
// that cannot rank: hits ordered by score alone, each hit's score its
// text's (not collapsed, not an experience search with its questions'
// scores), BM25.
func (p *plan) bounded() bool {
	return p.sortBy == byRelevance && !p.collapse && p.best == nil && p.snap.bm25 && p.k > 0
}

// scanRanked is scanText for a pass of tier 0 without seen (p.bounded
// holds), in two steps. It counts every match of q of the plan's type in
// [lo, hi) from the postings' bitmaps (the conjunctions and disjunctions
// of the query done on bitmaps, no frequencies decoded), noting the hits.
// Then it scores hits in rounds, one for each of q's leaves (term in a
// field), the leaf of the highest bound first: a round scores the hits
// the leaf has that no round before scored. Before a round, when the top
// hits are full and the bound of a match that has none of the leaves of
// the rounds done is below the worst of them, no hit left can rank, and
// it stops. ok is false when the matchers do not take q, and nothing was
// done.
func (p *plan) scanRanked(ctx context.Context, q bleveq.Query, lo, hi uint32, pt *partial) (visited uint64, ok bool, err error) {
	m, src, err := p.snap.fastMatcher(q)
	if err != nil || m == nil || m.count() < rankedMinPostings {
		return 0, false, err
	}
	hits := make([]uint64, (hi-lo+63)/64)
	segHits := make([]*roaring.Bitmap, len(src.segs)) // the hits again, by segment, in its numbers
	typeTerm := p.snap.cols.typ.values[p.typ]
	var buf [256]uint32 // checkEvery is a multiple of its length
	var nextCheck uint64
	plain := len(p.hard) == 0 && len(p.filters) == 0 && p.hidden == nil
	single := p.singleFacetFilter()
	for seg := range src.segs {
		a, b, off, in := src.localRange(seg, lo, hi)
		if !in {
			continue
		}
		matches, err := m.bitmap(seg)
		if err != nil {
			return visited, true, err
		}
		types, err := src.termBitmap(fieldType, typeTerm, seg)
		if err != nil {
			return visited, true, err
		}
		span := roaring.New()
		span.AddRange(uint64(a), uint64(b))
		candidates := roaring.FastAnd(matches, types, span)
		every := plain // every candidate is a hit
		if single {
			// The matches the filter turns away count in its facet
			// alone, from the bitmaps: their rows are never read.
			pass, err := p.filters[0].bitmap(src, seg)
			if err != nil {
				return visited, true, err
			}
			if miss := roaring.AndNot(candidates, pass); uint64(len(p.filters[0].col.values))*missesPerValue <= miss.GetCardinality() {
				if err := p.countMisses(src, seg, miss, pt); err != nil {
					return visited, true, err
				}
				visited += miss.GetCardinality()
				candidates.And(pass)
				every = p.hidden == nil
			}
		}
		segHits[seg] = candidates
		if !every {
			segHits[seg] = roaring.New()
		}
		it := candidates.ManyIterator()
		for n := it.NextMany(buf[:]); n > 0; n = it.NextMany(buf[:]) {
			if visited >= nextCheck { // every checkEvery matches, as matches does
				if err := ctx.Err(); err != nil {
					return visited, true, stopped(visited, err)
				}
				nextCheck += checkEvery
			}
			if every {
				p.tallyEvery(buf[:n], uint32(off), lo, hits, pt)
			} else {
				kept := buf[:0]
				for _, local := range buf[:n] {
					d := uint32(off) + local
					if p.tally(d, pt) {
						hits[(d-lo)/64] |= 1 << ((d - lo) % 64)
						kept = append(kept, local)
					}
				}
				segHits[seg].AddMany(kept)
			}
			visited += uint64(n)
		}
	}
	if err := p.rankHits(ctx, m, src, q, lo, hi, hits, segHits, pt); err != nil {
		return visited, true, err
	}
	return visited, true, src.err
}

// rankHits scores, of the hits (a bitset of [lo, hi), and segHits, the same
// by segment in its own numbers), those that may
// rank, in one pass in document order (MaxScore over the query's terms).
// The terms are ordered by bound, highest first; the essential ones are
// the first e, and the pass visits only the hits that have one of them. It
// keeps a threshold: the worst of the top hits once they are full, or the
// floor lowerFloor finds if higher. Whenever the threshold rises, e
// shrinks to the fewest terms such that a match with none of them is
// bound below it: no hit the pass skips can rank. A hit the pass visits is
// first bound with the exact scores of its essential terms and the bounds
// of the others (matcher.boundAt), and scored in full only if that bound
// reaches the threshold: the terms of many postings are then moved only to
// the hits that may rank. m is fresh (never advanced); q is its query.
func (p *plan) rankHits(ctx context.Context, m matcher, src *postingsSource, q bleveq.Query, lo, hi uint32, hits []uint64, segHits []*roaring.Bitmap, pt *partial) error {
	all := rankKeys(m, len(src.keys))
	sparse, dense := sparseKeys(all, src.docs)
	// The terms of no document ("interview" in the titles of a corpus
	// whose titles never say it) rank nothing: they are neither visited
	// nor counted in a bound.
	keys := slices.DeleteFunc(slices.Clone(all), func(k rankKey) bool { return k.leaf.count() == 0 })
	floor := math.Inf(-1)
	if p.after == nil {
		var err error
		if floor, err = p.lowerFloor(ctx, q, src, sparse, dense, lo, hi, hits); err != nil {
			return err
		}
	}
	threshold := func() float64 {
		if len(pt.top.items) == p.k {
			return max(floor, pt.top.items[0].score)
		}
		return floor
	}
	essential := make([]bool, len(src.keys))
	exact := make([]bool, len(src.keys)) // the essential and the sparse terms
	for _, k := range all {
		// The terms of no document stay marked: a bound counts nothing
		// of a term it is told the match lacks.
		essential[k.leaf.key], exact[k.leaf.key] = true, true
	}
	e := len(keys)
	shrunkAt := math.Inf(-1)
	shrink := func(t float64) {
		if t <= shrunkAt {
			return
		}
		shrunkAt = t
		for e > 0 {
			key := keys[e-1].leaf.key
			essential[key] = false
			if b, ok := m.bound(essential); ok && b*boundMargin >= t {
				essential[key] = true
				return
			}
			exact[key] = slices.Contains(sparse, keys[e-1].leaf)
			e--
		}
	}
	shrink(floor)
	// lazy reports whether some term is neither essential nor sparse:
	// only then does boundAt spare work (else it is the score itself).
	lazy := func(e int) bool {
		for _, k := range keys[e:] {
			if !exact[k.leaf.key] {
				return true
			}
		}
		return false
	}
	var visited uint64
	// visit ranks hit d, if it may rank.
	visit := func(d uint32) error {
		if hits[(d-lo)/64]&(1<<((d-lo)%64)) == 0 {
			return nil
		}
		if visited%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return stopped(visited, err)
			}
		}
		visited++
		if t := threshold(); t > math.Inf(-1) && lazy(e) {
			if b, ok := m.boundAt(d, exact); !ok || b*boundMargin < t {
				return nil
			}
		}
		if got := m.advance(d); got != d {
			return fmt.Errorf("ranked pass: document %d matched its bitmaps but not its matcher (at %d)", d, got)
		}
		if sc := m.score(); sc >= threshold() { // below it, it cannot rank
			p.offer(d, sc, 0, pt)
			shrink(threshold())
		}
		return nil
	}
	its := make([]roaring.IntPeekable, len(keys))
	bms := make([]*roaring.Bitmap, len(keys))
	var buf [256]uint32
	for seg := range src.segs {
		a, b, off, in := src.localRange(seg, lo, hi)
		if !in || e == 0 {
			continue
		}
		for i, k := range keys[:e] {
			bm, err := k.leaf.bitmap(seg)
			if err != nil {
				return err
			}
			// Only the term's hits: a filter may leave few of its matches.
			bms[i] = roaring.And(bm, segHits[seg])
			its[i] = bms[i].Iterator()
			its[i].AdvanceIfNeeded(a)
		}
		for e > 0 {
			if e == 1 {
				// One essential term (a common word's title, once the top
				// hits are full): its hits in batches, which walk a
				// bitmap several times faster than a value at a time.
				if err := eachFrom(bms[0], its[0], b, buf[:], func(local uint32) (bool, error) {
					err := visit(uint32(off) + local)
					return e > 0, err // a visit may leave no term essential
				}); err != nil {
					return err
				}
				break
			}
			next, ok := nextOfAny(its[:e], b)
			if !ok {
				break
			}
			if err := visit(uint32(off) + next); err != nil {
				return err
			}
		}
	}
	return nil
}

// eachFrom calls f with each value of bm from where it, an iterator of bm,
// is, below end, in order, until f says to stop or fails. It reads bm in
// batches into buf: it skips the values before it's in batches too, which
// costs less than one value at a time when it is done once a bitmap.
func eachFrom(bm *roaring.Bitmap, it roaring.IntPeekable, end uint32, buf []uint32, f func(v uint32) (bool, error)) error {
	if !it.HasNext() {
		return nil
	}
	from := it.PeekNext()
	many := bm.ManyIterator()
	for n := many.NextMany(buf); n > 0; n = many.NextMany(buf) {
		vs := buf[:n]
		if vs[n-1] < from {
			continue
		}
		for _, v := range vs {
			if v < from {
				continue
			}
			if v >= end {
				return nil
			}
			if more, err := f(v); err != nil || !more {
				return err
			}
		}
	}
	return nil
}

// nextOfAny moves the iterators past their least next value, below end,
// and returns it; false when none has one.
func nextOfAny(its []roaring.IntPeekable, end uint32) (uint32, bool) {
	next := end
	for _, it := range its {
		if it.HasNext() {
			next = min(next, it.PeekNext())
		}
	}
	if next >= end {
		return 0, false
	}
	for _, it := range its {
		if it.HasNext() && it.PeekNext() == next {
			it.Next()
		}
	}
	return next, true
}

// A rankKey is one term (in one field) of a matcher, with the highest
// bound of its leaves.
type rankKey struct {
	leaf  *termMatcher
	bound float64
}

// rankKeys returns the terms of m's scoring leaves, highest bound first;
// keys is the number of keys of m's source.
func rankKeys(m matcher, keys int) []rankKey {
	var out []rankKey
	byKey := map[int]int{}
	none := make([]bool, keys)
	for _, l := range scoringLeaves(m) {
		b, _ := l.bound(none)
		if i, ok := byKey[l.key]; ok {
			out[i].bound = max(out[i].bound, b)
			continue
		}
		byKey[l.key] = len(out)
		out = append(out, rankKey{leaf: l, bound: b})
	}
	slices.SortStableFunc(out, func(x, y rankKey) int { return cmp.Compare(y.bound, x.bound) })
	return out
}

// probeCap bounds the hits lowerFloor bounds from below.
const probeCap = 1024

// sparseKeys splits the terms of keys (highest bound first) in two: the
// sparse ones, the highest bounds while each is in at most a sixteenth of
// the docs documents (the first at least), whose postings are few enough
// to be decoded wherever the ranked pass looks; and the others, dense.
func sparseKeys(keys []rankKey, docs uint64) (sparse, dense []*termMatcher) {
	for _, k := range keys {
		if len(dense) == 0 && (len(sparse) == 0 || k.leaf.count() <= docs/16) {
			sparse = append(sparse, k.leaf)
		} else {
			dense = append(dense, k.leaf)
		}
	}
	return sparse, dense
}

// lowerFloor returns a score the worst of the top hits will reach at
// least, or -Inf: the k-th best lower bound of a score (matcher.lowerAt)
// among the first probeCap hits, in document order, that have every sparse
// term, or, if fewer than k have, one of them. The sparse terms are scored
// there, with a matcher of its own; the dense ones count nothing, but
// those a hit has (read from their bitmaps) count in a disjunction's share
// of matching children.
func (p *plan) lowerFloor(ctx context.Context, q bleveq.Query, src *postingsSource, sparse, dense []*termMatcher, lo, hi uint32, hits []uint64) (float64, error) {
	exact := make([]bool, len(src.keys))
	for _, l := range sparse {
		exact[l.key] = true
	}
	for _, every := range []bool{true, false} {
		mm, err := src.matcher(q)
		if err != nil {
			return 0, err
		}
		lows := lowest{k: p.k}
		if err := p.lowerBounds(ctx, mm, src, sparse, dense, every, exact, lo, hi, hits, &lows); err != nil {
			return 0, err
		}
		if len(lows.v) == p.k {
			return lows.v[0], src.err
		}
	}
	return math.Inf(-1), src.err
}

// lowerBounds adds to lows the lower bounds of the first probeCap hits in
// [lo, hi) that have every sparse term (or, without every, one of them).
func (p *plan) lowerBounds(ctx context.Context, mm matcher, src *postingsSource, sparse, dense []*termMatcher, every bool, exact []bool, lo, hi uint32, hits []uint64, lows *lowest) error {
	var visited uint64
	has := make([]*roaring.Bitmap, len(exact)) // the dense terms', by key, in the segment
	for seg := range src.segs {
		a, b, off, in := src.localRange(seg, lo, hi)
		if !in {
			continue
		}
		bms := make([]*roaring.Bitmap, len(sparse))
		for i, l := range sparse {
			var err error
			if bms[i], err = l.bitmap(seg); err != nil {
				return err
			}
		}
		for _, l := range dense {
			var err error
			if has[l.key], err = l.bitmap(seg); err != nil {
				return err
			}
		}
		var it roaring.IntPeekable
		switch {
		case len(bms) == 1:
			it = bms[0].Iterator()
		case every:
			it = roaring.FastAnd(bms...).Iterator()
		default:
			it = roaring.FastOr(bms...).Iterator()
		}
		it.AdvanceIfNeeded(a)
		for it.HasNext() && visited < probeCap {
			local := it.Next()
			if local >= b {
				break
			}
			d := uint32(off) + local
			if hits[(d-lo)/64]&(1<<((d-lo)%64)) == 0 {
				continue
			}
			if visited%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return stopped(visited, err)
				}
			}
			visited++
			present := func(key int) bool { return has[key] != nil && has[key].Contains(local) }
			if lb, ok := mm.lowerAt(d, exact, present); ok {
				lows.add(lb)
			}
		}
	}
	return nil
}

// lowest keeps the k highest values added, as a min-heap: v[0] is the
// lowest of them.
type lowest struct {
	k int
	v []float64
}

func (l *lowest) add(x float64) {
	if len(l.v) < l.k {
		l.v = append(l.v, x)
		for i := len(l.v) - 1; i > 0 && l.v[(i-1)/2] > l.v[i]; i = (i - 1) / 2 {
			l.v[i], l.v[(i-1)/2] = l.v[(i-1)/2], l.v[i]
		}
		return
	}
	if x <= l.v[0] {
		return
	}
	l.v[0] = x
	for i := 0; ; {
		c := 2*i + 1
		if c >= len(l.v) {
			return
		}
		if c+1 < len(l.v) && l.v[c+1] < l.v[c] {
			c++
		}
		if l.v[i] <= l.v[c] {
			return
		}
		l.v[i], l.v[c] = l.v[c], l.v[i]
		i = c
	}
}

// missesPerValue is how many matches a filter must turn away, per value
// of its facet, for counting them from the values' bitmaps (countMisses)
// to cost less than reading their rows (a variable for tests).
var missesPerValue uint64 = 1024

// singleFacetFilter reports whether the plan's one filter is on a facet,
// no query clause filters, and every document searched has at most one
// value of that facet (a question always has; an experience may have
// several categories and difficulties): then a match the filter turns
// away counts in that facet alone, by its one value.
func (p *plan) singleFacetFilter() bool {
	if len(p.filters) != 1 || p.filters[0].facet < 0 || len(p.hard) > 0 {
		return false
	}
	return len(p.filters[0].col.lists) == 0 || p.typ == p.snap.cols.typ.lookup[TypeQuestion]
}

// countMisses counts, in the single filter's facet, the matches miss of
// segment seg (its numbers) that the filter turns away, as tally would:
// each by its value, hidden values and none as missing.
func (p *plan) countMisses(src *postingsSource, seg int, miss *roaring.Bitmap, pt *partial) error {
	f := p.filters[0].facet
	col := p.filters[0].col
	var hide []bool
	if p.hidden != nil {
		hide = p.hidden[f]
	}
	var counted uint64
	for o := 1; o < len(col.values); o++ {
		if hide != nil && hide[o] {
			continue
		}
		bm, err := src.termBitmap(col.field, col.values[o], seg)
		if err != nil {
			return err
		}
		n := miss.AndCardinality(bm)
		pt.counts[f][o] += uint32(n)
		counted += n
	}
	pt.missing[f] += uint32(miss.GetCardinality() - counted)
	return nil
}

// tallyEvery is tally for documents that are all hits (a plan without
// filters or hidden values), segment numbers off the segment's offset:
// it counts them and marks them in hits, a bitset of [lo, hi).
func (p *plan) tallyEvery(locals []uint32, off, lo uint32, hits []uint64, pt *partial) {
	rows := p.snap.cols.rows
	counts, missing, days := pt.counts, pt.missing, pt.days
	for _, local := range locals {
		d := off + local
		hits[(d-lo)/64] |= 1 << ((d - lo) % 64)
		row := rows[d*stride : d*stride+stride : d*stride+stride]
		days[row[offDay]]++
		for f, c := range counts {
			switch o := row[offFacet+f]; {
			case o == 0:
				missing[f]++
			case o&multiFlag == 0:
				c[o]++
			default:
				for _, v := range p.facetCol[f].lists[o&^multiFlag] {
					c[v]++
				}
			}
		}
	}
	pt.total += uint64(len(locals))
}

// localRange returns the part of the global document numbers [lo, hi) in
// segment seg, as the segment's own numbers [a, b), with the segment's
// offset; in is false when they do not meet.
func (src *postingsSource) localRange(seg int, lo, hi uint32) (a, b uint32, off uint64, in bool) {
	off, end := src.offsets[seg], src.offsets[seg+1]
	if uint64(hi) <= off || uint64(lo) >= end {
		return 0, 0, off, false
	}
	return uint32(max(uint64(lo), off) - off), uint32(min(uint64(hi), end) - off), off, true
}

// termBitmap returns the documents of segment seg with term in field,
// deleted ones left out.
func (src *postingsSource) termBitmap(field, term string, seg int) (*roaring.Bitmap, error) {
	d, err := src.segs[seg].Segment().Dictionary(field)
	if err != nil {
		return nil, err
	}
	pl, err := d.PostingsList([]byte(term), src.segs[seg].Deleted(), nil)
	if err != nil {
		return nil, err
	}
	c := &postingsCursor{pls: []segment.PostingsList{pl}}
	bm, err := c.bitmap(0)
	if err != nil {
		return nil, fmt.Errorf("postings of %s:%s: %w", field, term, err)
	}
	return bm, nil
}
