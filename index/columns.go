package index

import (
	"context"
	"encoding/binary"
	"fmt"

	bindex "github.com/blevesearch/bleve_index_api"
)

// A column holds one keyword field's values for every document, by scorch's
// document number: the ordinal of the document's value, 0 for none. Counting
// facets and applying filters then costs an array read per match instead of
// bleve's per-hit doc-value visitors, which dominate its faceted searches.
//
// Ordinals follow the term dictionary, so they are in the values' byte
// order: for "day" (YYYY-MM-DD) that is date order.
type column struct {
	field  string
	values []string          // ordinal → value; values[0] is "" (no value)
	lookup map[string]uint32 // value → ordinal
	ord    []uint32          // document number → ordinal of its first value
	multi  map[uint32][]uint32
}

// has reports whether document d has the value with ordinal o.
func (c *column) has(d uint32, o uint32) bool {
	if vs, ok := c.multi[d]; ok {
		for _, v := range vs {
			if v == o {
				return true
			}
		}
		return false
	}
	return c.get(d) == o
}

func (c *column) get(d uint32) uint32 {
	if int(d) < len(c.ord) {
		return c.ord[d]
	}
	return 0
}

// columns are the columns of one index snapshot.
type columns struct {
	n      uint32 // every document number is below n
	typ    *column
	day    *column
	facets []*column // in FacetFields order
}

// docNum decodes scorch's internal id: the document number, big-endian.
func docNum(id bindex.IndexInternalID) uint32 {
	if len(id) != 8 {
		return ^uint32(0)
	}
	return uint32(binary.BigEndian.Uint64(id))
}

// internalID encodes a document number as scorch's internal id.
func internalID(d uint32) bindex.IndexInternalID {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, uint64(d))
	return b
}

// loadColumns reads the columns of every keyword field that search counts
// or filters on, by walking each term's postings once. Deleted documents
// appear in no postings, so their type ordinal stays 0.
func loadColumns(ctx context.Context, r bindex.IndexReader) (*columns, error) {
	cs := &columns{}
	load := func(field string) (*column, error) {
		c, err := loadColumn(ctx, r, field)
		if err != nil {
			return nil, fmt.Errorf("load column %s: %w", field, err)
		}
		if n := uint32(len(c.ord)); n > cs.n {
			cs.n = n
		}
		return c, nil
	}
	var err error
	if cs.typ, err = load(fieldType); err != nil {
		return nil, err
	}
	if cs.day, err = load(fieldDay); err != nil {
		return nil, err
	}
	for _, f := range FacetFields {
		c, err := load(f)
		if err != nil {
			return nil, err
		}
		cs.facets = append(cs.facets, c)
	}
	// Every column covers every document number, so the search loop reads
	// them without bounds checks of its own.
	for _, c := range append([]*column{cs.typ, cs.day}, cs.facets...) {
		if uint32(len(c.ord)) < cs.n {
			grow := make([]uint32, cs.n)
			copy(grow, c.ord)
			c.ord = grow
		} else {
			c.ord = c.ord[:cs.n]
		}
	}
	return cs, nil
}

func loadColumn(ctx context.Context, r bindex.IndexReader, field string) (*column, error) {
	c := &column{field: field, values: []string{""}, lookup: map[string]uint32{}, multi: map[uint32][]uint32{}}
	dict, err := r.FieldDict(field)
	if err != nil {
		return nil, err
	}
	defer dict.Close()
	var tfd bindex.TermFieldDoc
	for {
		de, err := dict.Next()
		if err != nil {
			return nil, err
		}
		if de == nil {
			break
		}
		o := uint32(len(c.values))
		c.values = append(c.values, de.Term)
		c.lookup[de.Term] = o
		tfr, err := r.TermFieldReader(ctx, []byte(de.Term), field, false, false, false)
		if err != nil {
			return nil, err
		}
		for {
			m, err := tfr.Next(&tfd)
			if err != nil {
				tfr.Close()
				return nil, err
			}
			if m == nil {
				break
			}
			d := docNum(m.ID)
			if int(d) >= len(c.ord) {
				grow := make([]uint32, int(d)+1+len(c.ord)/4)
				copy(grow, c.ord)
				c.ord = grow
			}
			switch {
			case c.ord[d] == 0:
				c.ord[d] = o
			case c.multi[d] == nil:
				c.multi[d] = []uint32{c.ord[d], o}
			default:
				c.multi[d] = append(c.multi[d], o)
			}
		}
		if err := tfr.Close(); err != nil {
			return nil, err
		}
	}
	return c, nil
}
