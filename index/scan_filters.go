// Searches without text, narrowed by filters: the documents such a search
// must visit found from the filters' postings, instead of visiting every
// document of the type (docs/decisions.md 143).

package index

import (
	"context"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// filterScan is what a search without text visits: per segment, the
// documents of the type that pass every filter but at most one. Those are
// the only documents visit counts: a hit counts everywhere, a document
// failing one filter in that filter's facet, one failing two nowhere.
//
// With a single filter, every document of the type fails at most one:
// cands is then the hits alone, and the filter's own facet, which counts
// every document of the type, takes the type's counts over the whole
// snapshot (globalCounts), computed once.
type filterScan struct {
	src    *postingsSource // the segments and their offsets
	cands  []*roaring.Bitmap
	global int // the facet counted over the whole type, or -1
}

// planFilterScan returns the filterScan of a search without text, or nil
// when it must visit every document of the type: no filter has postings
// to narrow it (no filter, or only a date range), or a query clause
// (cluster:) filters too, or the reader is not scorch's.
func (p *plan) planFilterScan() (*filterScan, error) {
	is, ok := p.snap.r.(*scorch.IndexSnapshot)
	if !ok || visitEveryDocument || p.text != nil || p.typ == 0 || len(p.hard) > 0 || len(p.filters) == 0 {
		return nil, nil
	}
	src := segmentsOf(is)
	fs := &filterScan{src: src, global: -1}
	single := len(p.filters) == 1 && p.filters[0].facet >= 0
	if single {
		fs.global = p.filters[0].facet
	}
	typeTerm := p.snap.cols.typ.values[p.typ]
	for seg := range src.segs {
		types, err := src.termBitmap(fieldType, typeTerm, seg)
		if err != nil {
			return nil, err
		}
		// passing[i] is who passes filter i; nil for a filter without
		// postings (a date range), taken as passed by all: the
		// candidates are then more than needed, which visit sorts out.
		passing := make([]*roaring.Bitmap, len(p.filters))
		for i := range p.filters {
			if passing[i], err = p.filters[i].bitmap(src, seg); err != nil {
				return nil, err
			}
		}
		if single {
			fs.cands = append(fs.cands, roaring.FastAnd(types, passing[0]))
			continue
		}
		// Who passes every filter but i, for each i; their union.
		var butOne []*roaring.Bitmap
		for i := range p.filters {
			var others []*roaring.Bitmap
			for j, b := range passing {
				if j != i && b != nil {
					others = append(others, b)
				}
			}
			if len(others) == 0 {
				return nil, nil // everyone may fail filter i alone
			}
			butOne = append(butOne, roaring.FastAnd(others...))
		}
		fs.cands = append(fs.cands, roaring.FastAnd(types, roaring.FastOr(butOne...)))
	}
	return fs, nil
}

// visitEveryDocument makes searches without text visit every document of
// the type, as a reference for filterScan (tests).
var visitEveryDocument bool

// bitmap returns the documents of segment seg that pass f, or nil for a
// filter that is no facet's (a date range, a cluster).
func (f *filter) bitmap(src *postingsSource, seg int) (*roaring.Bitmap, error) {
	if f.facet < 0 {
		return nil, nil
	}
	var allowed []*roaring.Bitmap
	for o, ok := range f.allow {
		if !ok {
			continue
		}
		b, err := src.termBitmap(f.col.field, f.col.values[o], seg)
		if err != nil {
			return nil, err
		}
		allowed = append(allowed, b)
	}
	return roaring.FastOr(allowed...), nil
}

// scanFiltered is scanAll over the candidates of fs in [lo, hi). It
// returns how many documents it visited, also when it stops.
func (p *plan) scanFiltered(ctx context.Context, fs *filterScan, lo, hi uint32, pt *partial) (uint64, error) {
	var buf [256]uint32 // checkEvery is a multiple of its length
	var visited, nextCheck uint64
	for seg := range fs.src.segs {
		a, b, off, in := fs.src.localRange(seg, lo, hi)
		if !in {
			continue
		}
		span := roaring.New()
		span.AddRange(uint64(a), uint64(b))
		it := roaring.FastAnd(fs.cands[seg], span).ManyIterator()
		for n := it.NextMany(buf[:]); n > 0; n = it.NextMany(buf[:]) {
			if visited >= nextCheck {
				if err := ctx.Err(); err != nil {
					return visited, stopped(visited, err)
				}
				nextCheck += checkEvery
			}
			for _, local := range buf[:n] {
				p.visit(uint32(off)+local, 0, 0, pt)
			}
			visited += uint64(n)
		}
	}
	return visited, nil
}

// useGlobalCounts puts, in a single filter's search, the type's counts
// of the filter's facet in place of what the workers counted of it (the
// hits' only).
func (p *plan) useGlobalCounts(fs *filterScan, parts []*partial) {
	f := fs.global
	g := p.snap.globalCounts(p, f)
	for i, pt := range parts {
		clear(pt.counts[f])
		pt.missing[f] = 0
		if i == 0 {
			copy(pt.counts[f], g.counts)
			pt.missing[f] = g.missing
		}
	}
}

// facetCounts are one facet's counts over every document of a type.
type facetCounts struct {
	counts  []uint32 // by ordinal
	missing uint32
}

// globalKey names a facetCounts: the type, the facet, and the values
// hidden (Request.DifficultySource).
type globalKey struct {
	typ    uint32
	facet  int
	source string
}

// globalCounts returns facet f's counts over every document of p's type,
// counted as p counts (its hidden values as none), once per snapshot.
func (s *snapshot) globalCounts(p *plan, f int) *facetCounts {
	k := globalKey{typ: p.typ, facet: f}
	if p.hidden != nil && p.hidden[f] != nil {
		k.source = p.source
	}
	if g, ok := s.globals.Load(k); ok {
		return g.(*facetCounts)
	}
	pt := p.newPartial()
	rows := s.cols.rows
	for d := uint32(0); d < s.cols.n; d++ {
		if row := rows[d*stride : d*stride+stride]; row[offType] == p.typ {
			p.count(f, row[offFacet+f], pt)
		}
	}
	g := &facetCounts{counts: pt.counts[f], missing: pt.missing[f]}
	actual, _ := s.globals.LoadOrStore(k, g)
	return actual.(*facetCounts)
}
