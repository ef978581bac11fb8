// Bounds and bitmaps of the matchers: what a pass that counts every match
// from the postings' bitmaps, and scores only the matches that may rank,
// needs (scan_ranked.go).

package index

import (
	"errors"
	"fmt"
	"math"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/search"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// bound returns more than the score of any match of the term's, and false
// when the term is absent (absent is by termMatcher.key).
//
// BM25's term score is idf·g(f, L)·w, with w the query weight, f the
// term's frequency in the field, L the field's length, and g(f, L) =
// k1·√f / (√f + k1·(1 − b + b·L/avg)). g grows with f and falls with L,
// and a field holds at least as many tokens as any of its terms (zap's
// norm is the field's token count, its values' added up, and a term's
// frequency counts its tokens), so L ≥ f: g(f, L) ≤ h(√f), with h(s) =
// k1·s / (s + k1·(1 − b) + k1·b·s²/avg), which is greatest at s² =
// avg·(1 − b)/b, or at s = 1 when that is below 1 (f ≥ 1). With the
// average length of 1 bleve's statistics give this index (distinct terms
// over documents), h is at most k1/(1 + k1): a bound 2.2 times tighter
// than k1, h's limit as f grows without L. L is read back from a float32
// norm: it is taken 1e-6 shorter than f, against the rounding. Without BM25
// (no average length) there is no bound: +Inf, which prunes nothing.
func (t *termMatcher) bound(absent []bool) (float64, bool) {
	if absent[t.key] {
		return 0, false
	}
	if t.avg <= 0 {
		return math.Inf(1), true
	}
	u := t.idf * bm25Peak(t.avg)
	if t.queryWeight != 1.0 {
		u *= t.queryWeight
	}
	return u, true
}

// bm25Peak is the greatest h(s) of termMatcher.bound for the average
// field length avg.
func bm25Peak(avg float64) float64 {
	const shorter = 1 - 1e-6
	k1, b := search.BM25_k1, search.BM25_b
	s := max(1, math.Sqrt(avg*(1-b)/(b*shorter)))
	return k1 * s / (s + k1*(1-b) + k1*b*shorter*s*s/avg)
}

// boundAt returns more than the score of document d, a match of the
// matcher, and false if d cannot be one: the leaves whose terms exact
// marks (by key) are moved to d and count what they score there, or
// nothing if d lacks their term; the others count their bound. The leaves
// of exact are those the ranked pass drives (their terms are its
// candidates': few postings), so that d is scored in full, with the
// leaves of many postings, only if it may rank.
func (t *termMatcher) boundAt(d uint32, exact []bool) (float64, bool) {
	if !exact[t.key] {
		return t.bound(exact)
	}
	if t.advance(d) != d {
		return 0, false
	}
	return t.score(), true
}

// lowerAt returns at most the score of document d, a hit of the matcher,
// and false if it cannot tell: the leaves whose terms exact marks are
// moved to d and count what they score there; of the others, those whose
// term d has (present tells, by key) count 0, the rest nothing. Adding
// a matching leaf never lowers a score (its score is positive, and a
// disjunction's share of matching children grows), so d scores at least
// this.
func (t *termMatcher) lowerAt(d uint32, exact []bool, present func(key int) bool) (float64, bool) {
	if !exact[t.key] {
		return 0, present(t.key)
	}
	if t.advance(d) != d {
		return 0, false
	}
	return t.score(), true
}

// bitmap returns the documents of segment seg that have the term, deleted
// ones left out. The bitmap is the matcher's own; callers never change it.
func (t *termMatcher) bitmap(seg int) (*roaring.Bitmap, error) {
	bm, err := t.postingsCursor.bitmap(seg)
	if err != nil {
		return nil, fmt.Errorf("postings of %s:%s: %w", t.field, t.term, err)
	}
	return bm, nil
}

func (c *postingsCursor) bitmap(seg int) (*roaring.Bitmap, error) {
	it := c.pls[seg].Iterator(false, false, false, nil)
	o, ok := it.(segment.OptimizablePostingsIterator)
	if !ok {
		return nil, errors.New("they give no bitmap")
	}
	if bm := o.ActualBitmap(); bm != nil {
		return bm, nil
	}
	if d, ok := o.DocNum1Hit(); ok {
		return roaring.BitmapOf(uint32(d)), nil
	}
	return roaring.New(), nil
}

// A disjunction's score is the sum of its matching children's times their
// share: at most the sum of the bounds of the children that may be
// present, times their share.
func (m *disjMatcher) bound(absent []bool) (float64, bool) {
	var sum float64
	n := 0
	for _, k := range m.kids {
		if b, ok := k.bound(absent); ok {
			sum += b
			n++
		}
	}
	if n == 0 {
		return 0, false
	}
	return sum * float64(n) / float64(len(m.kids)), true
}

func (m *disjMatcher) boundAt(d uint32, exact []bool) (float64, bool) {
	var sum float64
	n := 0
	for _, k := range m.kids {
		if b, ok := k.boundAt(d, exact); ok {
			sum += b
			n++
		}
	}
	if n == 0 {
		return 0, false
	}
	return sum * float64(n) / float64(len(m.kids)), true
}

func (m *disjMatcher) lowerAt(d uint32, exact []bool, present func(key int) bool) (float64, bool) {
	var sum float64
	n := 0
	for _, k := range m.kids {
		if b, ok := k.lowerAt(d, exact, present); ok {
			sum += b
			n++
		}
	}
	if n == 0 {
		return 0, false
	}
	return sum * (float64(n) / float64(len(m.kids))), true
}

func (m *disjMatcher) bitmap(seg int) (*roaring.Bitmap, error) {
	bms, err := kidBitmaps(m.kids, seg)
	if err != nil {
		return nil, err
	}
	return roaring.FastOr(bms...), nil
}

func (m *conjMatcher) bound(absent []bool) (float64, bool) {
	var sum float64
	for _, k := range m.kids {
		b, ok := k.bound(absent)
		if !ok {
			return 0, false
		}
		sum += b
	}
	return sum, true
}

func (m *conjMatcher) boundAt(d uint32, exact []bool) (float64, bool) {
	var sum float64
	for _, k := range m.kids {
		b, ok := k.boundAt(d, exact)
		if !ok {
			return 0, false
		}
		sum += b
	}
	return sum, true
}

func (m *conjMatcher) lowerAt(d uint32, exact []bool, present func(key int) bool) (float64, bool) {
	var sum float64
	for _, k := range m.kids {
		b, ok := k.lowerAt(d, exact, present)
		if !ok {
			return 0, false
		}
		sum += b
	}
	return sum, true
}

func (m *conjMatcher) bitmap(seg int) (*roaring.Bitmap, error) {
	bms, err := kidBitmaps(m.kids, seg)
	if err != nil {
		return nil, err
	}
	return roaring.FastAnd(bms...), nil
}

// A boolean's matches are its lead's (must, or should without must);
// should adds to the score; not only removes matches, so it is left out of
// the bound.
func (m *boolMatcher) bound(absent []bool) (float64, bool) {
	lead, extra := m.must, m.should
	if lead == nil {
		lead, extra = m.should, nil
	}
	sum, ok := lead.bound(absent)
	if !ok {
		return 0, false
	}
	if extra != nil {
		if b, ok := extra.bound(absent); ok {
			sum += b
		}
	}
	return sum, true
}

func (m *boolMatcher) boundAt(d uint32, exact []bool) (float64, bool) {
	lead, extra := m.must, m.should
	if lead == nil {
		lead, extra = m.should, nil
	}
	sum, ok := lead.boundAt(d, exact)
	if !ok {
		return 0, false
	}
	if extra != nil {
		if b, ok := extra.boundAt(d, exact); ok {
			sum += b
		}
	}
	return sum, true
}

func (m *boolMatcher) lowerAt(d uint32, exact []bool, present func(key int) bool) (float64, bool) {
	lead, extra := m.must, m.should
	if lead == nil {
		lead, extra = m.should, nil
	}
	sum, ok := lead.lowerAt(d, exact, present)
	if !ok {
		return 0, false
	}
	if extra != nil {
		if b, ok := extra.lowerAt(d, exact, present); ok {
			sum += b
		}
	}
	return sum, true
}

func (m *boolMatcher) bitmap(seg int) (*roaring.Bitmap, error) {
	lead := m.must
	if lead == nil {
		lead = m.should
	}
	bm, err := lead.bitmap(seg)
	if err != nil || m.not == nil {
		return bm, err
	}
	not, err := m.not.bitmap(seg)
	if err != nil {
		return nil, err
	}
	return roaring.AndNot(bm, not), nil
}

func kidBitmaps(kids []matcher, seg int) ([]*roaring.Bitmap, error) {
	bms := make([]*roaring.Bitmap, len(kids))
	for i, k := range kids {
		var err error
		if bms[i], err = k.bitmap(seg); err != nil {
			return nil, err
		}
	}
	return bms, nil
}

// scoringLeaves returns the leaves that can make a document match or add
// to its score: all but those under a boolean's not.
func scoringLeaves(m matcher) []*termMatcher {
	switch m := m.(type) {
	case *termMatcher:
		return []*termMatcher{m}
	case *disjMatcher:
		return kidLeaves(m.kids)
	case *conjMatcher:
		return kidLeaves(m.kids)
	case *boolMatcher:
		var out []*termMatcher
		for _, k := range []matcher{m.must, m.should} {
			if k != nil {
				out = append(out, scoringLeaves(k)...)
			}
		}
		return out
	}
	return nil
}

func kidLeaves(kids []matcher) []*termMatcher {
	var out []*termMatcher
	for _, k := range kids {
		out = append(out, scoringLeaves(k)...)
	}
	return out
}
