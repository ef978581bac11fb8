// Postings: the matches of a compiled query found and scored straight from
// the segments' postings lists, with bleve's BM25 arithmetic, instead of
// through bleve's searchers (docs/decisions.md 138).

package index

import (
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	bleveq "github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/scorer"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// noDoc is the document number of a node that has no more matches.
const noDoc = ^uint32(0)

// A matcher walks the matches of a query in document order. advance moves
// it to its first match at or after d and returns it (noDoc at the end); a
// matcher never moves back, so d grows from call to call. score is the
// score of the current match, as bleve's searcher of the same query would
// give it, bit for bit: the same operations in the same order.
type matcher interface {
	advance(d uint32) uint32
	// matchAt reports whether the matcher matches document d, and
	// positions it there to be scored if so. Unlike advance it moves no
	// leaf past d (a conjunction does not leap ahead), so that it may
	// share a term's postings with the leaves advance drives (see
	// postingsCursor); a boolean asks its should and not parts this way,
	// as their only question is whether they match the document its must
	// part matched.
	matchAt(d uint32) bool
	current() uint32
	score() float64
	// count, weight and setNorm are bleve's Searcher.Count, Weight and
	// SetQueryNorm: the sort order of a node's children and the query
	// norm its leaves' scores are multiplied by.
	count() uint64
	weight() float64
	setNorm(norm float64)
	// bound and bitmap serve the counting and bounded ranking of
	// postings_bounds.go.
	bound(absent []bool) (float64, bool)
	boundAt(d uint32, exact []bool) (float64, bool)
	lowerAt(d uint32, exact []bool, present func(key int) bool) (float64, bool)
	bitmap(seg int) (*roaring.Bitmap, error)
}

// maxFastChildren bounds the children of one node the matchers take: bleve
// sorts a node's children with an insertion sort (stable) up to 12 and
// turns a disjunction of more than 10 into a heap searcher, whose order of
// adding up scores is another; such a query goes through bleve.
const maxFastChildren = 10

// postingsSource is what the matchers read: the snapshot's segments, each
// with its deleted documents and its first global document number, and
// the statistics BM25 takes from the whole index.
type postingsSource struct {
	segs    []*scorch.SegmentSnapshot
	offsets []uint64 // global number of each segment's first document; one more at the end
	docs    uint64   // live documents, for idf
	bm25    bool
	reader  *scorch.IndexSnapshot
	dicts   map[string][]segment.TermDictionary
	avgLen  map[string]float64
	leaves  []*termMatcher          // in the order built; termMatcher.id is the position
	keys    map[[2]string]int       // field and term → termMatcher.key
	cursors map[int]*postingsCursor // by key, for the matcher being built
	err     error                   // the first error a postings iterator gave
}

// fastMatcher returns a matcher of q, or nil when q has a part it does not
// take (prefixes, a node with more than maxFastChildren children, a
// reader other than scorch's), which bleve's searcher then runs. Each
// worker builds its own: a matcher holds the iterators' positions.
func (s *snapshot) fastMatcher(q bleveq.Query) (matcher, *postingsSource, error) {
	is, ok := s.r.(*scorch.IndexSnapshot)
	if !ok || !fastShape(q) {
		return nil, nil, nil
	}
	docs, err := is.DocCount()
	if err != nil {
		return nil, nil, err
	}
	src := segmentsOf(is)
	src.docs, src.bm25, src.reader = docs, s.bm25, is
	src.dicts, src.avgLen = map[string][]segment.TermDictionary{}, map[string]float64{}
	m, err := src.matcher(q)
	if err != nil {
		return nil, nil, err
	}
	return m, src, nil
}

// segmentsOf returns a postingsSource of is's segments and their offsets
// only: enough for the segments' bitmaps (termBitmap, localRange).
func segmentsOf(is *scorch.IndexSnapshot) *postingsSource {
	src := &postingsSource{segs: is.Segments()}
	var running uint64
	for _, ss := range src.segs {
		src.offsets = append(src.offsets, running)
		running += ss.Segment().Count()
	}
	src.offsets = append(src.offsets, running)
	return src
}

// matcher builds a matcher of q over src's segments, with its own
// iterators: src.leaves then holds its leaves.
func (src *postingsSource) matcher(q bleveq.Query) (matcher, error) {
	src.leaves = src.leaves[:0]
	src.cursors = map[int]*postingsCursor{}
	m, err := src.build(q, place{})
	if err != nil {
		return nil, err
	}
	// The root's norm is the one its leaves keep: bleve's composite
	// searchers each set their children's, outermost last.
	switch root := m.(type) {
	case *disjMatcher, *conjMatcher, *boolMatcher:
		root.setNorm(rootNorm(root))
	}
	return m, nil
}

// rootNorm is bleve's computeQueryNorm for a composite root: one over the
// square root of the sum of its children's weights.
func rootNorm(m matcher) float64 {
	sum := 0.0
	switch m := m.(type) {
	case *disjMatcher:
		for _, k := range m.kids {
			sum += k.weight()
		}
	case *conjMatcher:
		for _, k := range m.kids {
			sum += k.weight()
		}
	case *boolMatcher:
		if m.must != nil {
			sum += m.must.weight()
		}
		if m.should != nil {
			sum += m.should.weight()
		}
	}
	return 1.0 / math.Sqrt(sum)
}

// fastShape reports whether the matchers take q: terms, conjunctions,
// disjunctions with no minimum, and booleans with must or should, each
// node with at most maxFastChildren children.
func fastShape(q bleveq.Query) bool {
	switch q := q.(type) {
	case *bleveq.TermQuery:
		return q.FieldVal != ""
	case *bleveq.ConjunctionQuery:
		if len(q.Conjuncts) == 0 || len(q.Conjuncts) > maxFastChildren {
			return false
		}
		for _, c := range q.Conjuncts {
			if !fastShape(c) {
				return false
			}
		}
		return true
	case *bleveq.DisjunctionQuery:
		if len(q.Disjuncts) == 0 || len(q.Disjuncts) > maxFastChildren || q.Min != 0 {
			return false
		}
		for _, c := range q.Disjuncts {
			if !fastShape(c) {
				return false
			}
		}
		return true
	case *bleveq.BooleanQuery:
		if q.Filter != nil || (q.Must == nil && q.Should == nil) {
			return false
		}
		for _, c := range []bleveq.Query{q.Must, q.Should, q.MustNot} {
			if c != nil && !fastShape(c) {
				return false
			}
		}
		return true
	}
	return false
}

// A place says where in a matcher a node is built, for its leaves'
// postings cursors. A conjunction (or a boolean) under a disjunction may
// advance its leaves past the match the whole matcher then lands on (the
// disjunction takes the least of its children's matches): the leaves under
// it get cursors of their own. Everywhere else every target a leaf is
// advanced to is at most the matcher's next match, and the leaves of one
// term share a cursor (postingsCursor).
type place struct {
	underDisj bool // the node's parent is a disjunction
	own       bool // the node's leaves get cursors of their own
}

// build makes the matcher of q (fastShape(q) holds) at place at, its
// children sorted as bleve sorts them: by count, stably.
func (src *postingsSource) build(q bleveq.Query, at place) (matcher, error) {
	switch q := q.(type) {
	case *bleveq.TermQuery:
		return src.term(q.Term, q.FieldVal, q.BoostVal.Value(), at.own)
	case *bleveq.ConjunctionQuery:
		kids, err := src.buildAll(q.Conjuncts, place{own: at.own || at.underDisj})
		if err != nil {
			return nil, err
		}
		return &conjMatcher{kids: kids}, nil
	case *bleveq.DisjunctionQuery:
		kids, err := src.buildAll(q.Disjuncts, place{underDisj: true, own: at.own})
		if err != nil {
			return nil, err
		}
		return &disjMatcher{kids: kids}, nil
	case *bleveq.BooleanQuery:
		var parts [3]matcher
		for i, c := range []bleveq.Query{q.Must, q.Should, q.MustNot} {
			if c == nil {
				continue
			}
			m, err := src.build(c, place{own: at.own || at.underDisj})
			if err != nil {
				return nil, err
			}
			parts[i] = m
		}
		must, should, not := parts[0], parts[1], parts[2]
		// bleve's own shortcuts: a boolean of only must, or only
		// should, is that searcher.
		if not == nil && (must == nil) != (should == nil) {
			if must != nil {
				return must, nil
			}
			return should, nil
		}
		return &boolMatcher{must: must, should: should, not: not}, nil
	}
	panic("index: build of a query fastShape refuses")
}

func (src *postingsSource) buildAll(qs []bleveq.Query, at place) ([]matcher, error) {
	kids := make([]matcher, 0, len(qs))
	for _, c := range qs {
		m, err := src.build(c, at)
		if err != nil {
			return nil, err
		}
		kids = append(kids, m)
	}
	slices.SortStableFunc(kids, func(a, b matcher) int {
		ca, cb := a.count(), b.count()
		switch {
		case ca < cb:
			return -1
		case ca > cb:
			return 1
		}
		return 0
	})
	return kids, nil
}

// term opens the postings of term in field in every segment, without the
// deleted documents (or shares those of the matcher's other leaves of the
// term, unless own), and computes its idf as bleve's TermSearcher does.
func (src *postingsSource) term(term, field string, boost float64, own bool) (*termMatcher, error) {
	dicts, ok := src.dicts[field]
	if !ok {
		for _, ss := range src.segs {
			d, err := ss.Segment().Dictionary(field)
			if err != nil {
				return nil, err
			}
			dicts = append(dicts, d)
		}
		src.dicts[field] = dicts
	}
	avg, ok := src.avgLen[field]
	if !ok && src.bm25 {
		card, err := src.reader.FieldCardinality(field)
		if err != nil {
			return nil, err
		}
		if src.docs > 0 || card > 0 {
			avg = math.Ceil(float64(card) / float64(src.docs))
		}
		src.avgLen[field] = avg
	}
	if src.keys == nil {
		src.keys = map[[2]string]int{}
	}
	key, ok := src.keys[[2]string{field, term}]
	if !ok {
		key = len(src.keys)
		src.keys[[2]string{field, term}] = key
	}
	c := src.cursors[key]
	if c == nil || own {
		c = &postingsCursor{src: src}
		for i, ss := range src.segs {
			pl, err := dicts[i].PostingsList([]byte(term), ss.Deleted(), nil)
			if err != nil {
				return nil, err
			}
			c.n += pl.Count()
			c.pls = append(c.pls, pl)
			c.its = append(c.its, pl.Iterator(true, true, false, nil))
		}
		if !own {
			src.cursors[key] = c
		}
	}
	t := &termMatcher{postingsCursor: c, id: len(src.leaves), key: key, field: field, term: term, boost: boost, avg: avg, queryWeight: 1.0}
	src.leaves = append(src.leaves, t)
	docTotal, docTerm := src.docs, t.n
	if avg > 0 {
		t.idf = math.Log(1 + (float64(docTotal)-float64(docTerm)+0.5)/
			(float64(docTerm)+0.5))
	} else {
		t.idf = 1.0 + math.Log(float64(docTotal)/
			float64(docTerm+1.0))
	}
	return t, nil
}

// termMatcher is one term query's leaf: its term's postings (shared with
// the other leaves of the same term in the same field) and what scores it.
type termMatcher struct {
	*postingsCursor
	id          int // in src.leaves
	key         int // the same for the leaves of one term in one field
	field, term string
	boost       float64
	idf         float64
	avg         float64 // BM25's average field length; 0 for tf-idf
	queryWeight float64
	memo        []float64 // scores by frequency and field length (score)
}

// A postingsCursor walks one term's postings, segment after segment. The
// leaves of one term share one, so that its postings are decoded once (a
// query such as "binary tree" has a topic's term under both words): every
// leaf of a matcher is advanced to targets that never decrease, across
// leaves too, so the cursor at the first posting at or after the last
// target is where each of its leaves would be on its own.
type postingsCursor struct {
	src     *postingsSource
	pls     []segment.PostingsList     // by segment
	its     []segment.PostingsIterator // by segment
	seg     int
	started bool
	doc     uint32
	posting segment.Posting // at doc; its norm is read only to score
	n       uint64          // documents with the term: bleve's Count
}

func (t *termMatcher) current() uint32       { return t.doc }
func (t *termMatcher) matchAt(d uint32) bool { return t.advance(d) == d }
func (t *termMatcher) count() uint64         { return t.n }

func (t *termMatcher) weight() float64 {
	sum := t.boost * t.idf
	return sum * sum
}

func (t *termMatcher) setNorm(norm float64) { t.queryWeight, t.memo = t.boost*t.idf*norm, nil }

func (c *postingsCursor) advance(d uint32) uint32 {
	if c.started && c.doc >= d {
		return c.doc
	}
	c.started = true
	for c.seg < len(c.its) {
		off, end := c.src.offsets[c.seg], c.src.offsets[c.seg+1]
		if uint64(d) >= end {
			c.seg++
			continue
		}
		var local uint64
		if uint64(d) > off {
			local = uint64(d) - off
		}
		p, err := c.its[c.seg].Advance(local)
		if err != nil {
			if c.src.err == nil {
				c.src.err = err
			}
			break
		}
		if p == nil {
			c.seg++
			continue
		}
		c.doc, c.posting = uint32(off+p.Number()), p
		return c.doc
	}
	c.seg = len(c.its)
	c.doc = noDoc
	return noDoc
}

// score is bleve's TermQueryScorer.Score.
func (t *termMatcher) score() float64 {
	freq := t.posting.Frequency()
	if nb, ok := t.posting.(normBits); ok && freq >= 1 && freq <= memoFreqs {
		if length := nb.NormUint64(); length < memoLengths {
			if t.memo == nil {
				t.memo = make([]float64, memoFreqs*memoLengths)
			}
			i := (freq-1)*memoLengths + length
			if v := t.memo[i]; v != 0 {
				return v
			}
			v := t.scoreOf(freq, t.posting.Norm())
			t.memo[i] = v
			return v
		}
	}
	return t.scoreOf(freq, t.posting.Norm())
}

// normBits is zap's posting, whose norm is the field's length as an
// integer (Norm is a function of it).
type normBits interface{ NormUint64() uint64 }

// A term's score depends on the posting's frequency and field length
// alone: termMatcher.score keeps those of the common pairs, so that a
// term of many postings computes each once (the same function of the
// same numbers: the same bits).
const (
	memoFreqs   = 4
	memoLengths = 256
)

// scoreOf is bleve's TermQueryScorer.Score for a posting of freq and norm.
func (t *termMatcher) scoreOf(freq uint64, norm float64) float64 {
	var tf float64
	if freq < scorer.MaxSqrtCache {
		tf = scorer.SqrtCache[int(freq)]
	} else {
		tf = math.Sqrt(float64(freq))
	}
	var score float64
	if t.avg > 0 {
		fieldLength := 1 / (norm * norm)
		score = t.idf * (tf * search.BM25_k1) /
			(tf + search.BM25_k1*(1-search.BM25_b+(search.BM25_b*fieldLength/t.avg)))
	} else {
		score = tf * norm * t.idf
	}
	if t.queryWeight != 1.0 {
		score = score * t.queryWeight
	}
	return score
}
