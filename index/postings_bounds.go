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
// when the term is absent (absent is by termMatcher.key). BM25's term score, idf·tf·k1 / (tf + k1·(1 − b
// + b·length/average)), stays under idf·k1 whatever the frequency and the
// length; times the query weight, as score multiplies. Without BM25 (no
// average length) the score has no such bound: +Inf, which prunes nothing.
func (t *termMatcher) bound(absent []bool) (float64, bool) {
	if absent[t.key] {
		return 0, false
	}
	if t.avg <= 0 {
		return math.Inf(1), true
	}
	u := t.idf * search.BM25_k1
	if t.queryWeight != 1.0 {
		u *= t.queryWeight
	}
	return u, true
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
