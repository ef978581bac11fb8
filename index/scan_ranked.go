// The ranked pass: a query's matches counted from the bitmaps of its
// postings, and only those that may rank scored (docs/decisions.md 173).

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
	if err != nil || m == nil {
		return 0, false, err
	}
	hits := make([]uint64, (hi-lo+63)/64)
	typeTerm := p.snap.cols.typ.values[p.typ]
	var buf [256]uint32 // checkEvery is a multiple of its length
	var nextCheck uint64
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
		it := roaring.FastAnd(matches, types, span).ManyIterator()
		for n := it.NextMany(buf[:]); n > 0; n = it.NextMany(buf[:]) {
			if visited >= nextCheck { // every checkEvery matches, as matches does
				if err := ctx.Err(); err != nil {
					return visited, true, stopped(visited, err)
				}
				nextCheck += checkEvery
			}
			for _, local := range buf[:n] {
				d := uint32(off) + local
				if p.tally(d, pt) {
					hits[(d-lo)/64] |= 1 << ((d - lo) % 64)
				}
			}
			visited += uint64(n)
		}
	}
	if err := p.rankHits(ctx, m, src, lo, hi, hits, pt); err != nil {
		return visited, true, err
	}
	return visited, true, src.err
}

// rankHits scores, of the hits (a bitset of [lo, hi)), those that may
// rank, in one pass in document order (MaxScore over the query's terms).
// The terms are ordered by bound, highest first; the essential ones are
// the first e, and the pass visits only the hits that have one of them. At
// first every term is essential. Whenever the worst of the full top hits
// rises, e shrinks to the fewest terms such that a match with none of them
// is bound below it: no hit the pass skips can rank. m is fresh (never
// advanced).
func (p *plan) rankHits(ctx context.Context, m matcher, src *postingsSource, lo, hi uint32, hits []uint64, pt *partial) error {
	type key struct {
		leaf  *termMatcher
		bound float64
	}
	var keys []key
	byKey := map[int]int{}
	none := make([]bool, len(src.keys))
	for _, l := range scoringLeaves(m) {
		b, _ := l.bound(none)
		if i, ok := byKey[l.key]; ok {
			keys[i].bound = max(keys[i].bound, b)
			continue
		}
		byKey[l.key] = len(keys)
		keys = append(keys, key{leaf: l, bound: b})
	}
	slices.SortStableFunc(keys, func(x, y key) int { return cmp.Compare(y.bound, x.bound) })
	absent := make([]bool, len(src.keys)) // the essential terms
	for _, k := range keys {
		absent[k.leaf.key] = true
	}
	e := len(keys)
	floor := math.Inf(-1)
	// shrink drops the last essential terms while a match with none of
	// the others stays below the worst top hit.
	shrink := func() {
		if len(pt.top.items) < p.k || pt.top.items[0].score <= floor {
			return
		}
		floor = pt.top.items[0].score
		for e > 0 {
			absent[keys[e-1].leaf.key] = false
			if b, ok := m.bound(absent); ok && b*boundMargin >= floor {
				absent[keys[e-1].leaf.key] = true
				return
			}
			e--
		}
	}
	n := 0
	its := make([]roaring.IntPeekable, len(keys))
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
			its[i] = bm.Iterator()
			its[i].AdvanceIfNeeded(a)
		}
		for e > 0 {
			next := b
			for _, it := range its[:e] {
				if it.HasNext() {
					next = min(next, it.PeekNext())
				}
			}
			if next >= b {
				break
			}
			for _, it := range its[:e] {
				if it.HasNext() && it.PeekNext() == next {
					it.Next()
				}
			}
			d := uint32(off) + next
			if hits[(d-lo)/64]&(1<<((d-lo)%64)) == 0 {
				continue
			}
			if n%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return stopped(uint64(n), err)
				}
			}
			n++
			if got := m.advance(d); got != d {
				return fmt.Errorf("ranked pass: document %d matched its bitmaps but not its matcher (at %d)", d, got)
			}
			p.offer(d, m.score(), 0, pt)
			shrink()
		}
	}
	return nil
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
