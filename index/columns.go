package index

import (
	"context"
	"encoding/binary"
	"fmt"

	"github.com/blevesearch/bleve/v2/index/scorch"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/askedat/askedat"
)

// A column holds one keyword field's values for every document, by scorch's
// document number: the ordinal of the document's value, 0 for none. Counting
// facets and applying filters then costs an array read per match instead of
// bleve's per-hit doc-value visitors, which dominate its faceted searches.
//
// Ordinals follow the term dictionary, so they are in the values' byte
// order: for "day" (YYYY-MM-DD) that is date order.
//
// A document with several values (an experience's categories) has
// multiFlag|i in ord, and its ordinals in lists[i]: the common case stays
// one array read, with no map lookup in the search loop.
type column struct {
	field  string
	values []string          // ordinal → value; values[0] is "" (no value)
	lookup map[string]uint32 // value → ordinal
	fold   map[string]uint32 // key(value) → ordinal, for values typed in a query
	lists  [][]uint32

	// ord is, while loading, document number → ordinal (or multiFlag|index
	// into lists). Once loaded, the entries of the columns every match
	// reads live interleaved in columns.rows at offset off, so one
	// document's values share a cache line; the others (asked, experience)
	// keep ord as their rows, one entry a document (width 1).
	ord   []uint32
	rows  []uint32
	off   uint32
	width uint32 // entries of a row of rows: stride, or 1
}

// stride is the number of columns interleaved in columns.rows: 8, so that
// a row is 32 bytes and never straddles two cache lines, and two rows share
// one. Counting the facets of every match is bound by these reads (the
// first of a row's entries took most of that loop's time): with 40-byte
// rows, a row was one line, or two, for each match.
const stride = 8 // type, day, cluster, the five facet fields

// at returns document d's entry: an ordinal, or multiFlag|index into lists.
func (c *column) at(d uint32) uint32 { return c.rows[d*c.width+c.off] }

// multiFlag marks an entry of column.ord that indexes column.lists.
const multiFlag = 1 << 31

// valuesOf returns the ordinals of document d's values (none for 0).
func (c *column) valuesOf(d uint32) []uint32 {
	o := c.at(d)
	if o&multiFlag != 0 {
		return c.lists[o&^multiFlag]
	}
	if o == 0 {
		return nil
	}
	return []uint32{o}
}

// columns are the columns of one index snapshot.
type columns struct {
	n       uint32 // every document number is below n
	typ     *column
	day     *column
	facets  []*column // in FacetFields order
	asked   *column   // "asked at N companies", zero-padded so ordinals sort by N; not in rows
	cluster *column   // the question's cluster id
	// exp is the experience id: an experience's document and its
	// questions' share its ordinal, which is how experience search scores
	// a post by its best-matching question. Not in rows.
	exp  *column
	rows []uint32 // n rows of stride entries: type, day, cluster, facets

	// shared has bit o set when cluster ordinal o is the cluster of more
	// than one document: a collapsed search groups only those (a question
	// alone in its cluster is a group of its own whatever matches).
	shared []uint64

	// questionCounts holds, per facet field, the number of questions with
	// each value (for typeahead).
	questionCounts [][]uint32
}

// Offsets of the columns in a row.
const (
	offType    = 0
	offDay     = 1
	offCluster = 2
	offFacet   = 3 // the five facets (FacetFields) end the row
)

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
	if cs.asked, err = load(fieldAsked); err != nil {
		return nil, err
	}
	if cs.cluster, err = load(fieldCluster); err != nil {
		return nil, err
	}
	for _, f := range FacetFields {
		c, err := load(f)
		if err != nil {
			return nil, err
		}
		cs.facets = append(cs.facets, c)
	}
	if cs.exp, err = loadExperienceColumn(ctx, r); err != nil {
		return nil, fmt.Errorf("load the experience column: %w", err)
	}
	if n := uint32(len(cs.exp.ord)); n > cs.n {
		cs.n = n
	}
	// Interleave: row d holds the entries for document d of the columns
	// the search loop reads for every match, so it touches one cache line
	// per match, not one per column.
	all := append([]*column{cs.typ, cs.day, cs.cluster}, cs.facets...)
	if len(all) != stride {
		return nil, fmt.Errorf("have %d columns, want %d", len(all), stride)
	}
	cs.rows = make([]uint32, int(cs.n)*stride)
	for off, c := range all {
		for d, o := range c.ord {
			cs.rows[d*stride+off] = o
		}
		c.ord, c.rows, c.off, c.width = nil, cs.rows, uint32(off), stride
	}
	for _, c := range []*column{cs.asked, cs.exp} {
		if cs.n > 0 {
			c.grow(cs.n - 1) // every document has an entry, 0 for none
		}
		c.rows, c.ord, c.off, c.width = c.ord[:cs.n], nil, 0, 1
	}
	cs.shared = sharedOrdinals(cs.rows, offCluster, len(cs.cluster.values))
	question := cs.typ.lookup[TypeQuestion]
	for _, c := range cs.facets {
		counts := make([]uint32, len(c.values))
		for d := uint32(0); d < cs.n; d++ {
			if question == 0 || cs.rows[d*stride+offType] != question {
				continue
			}
			switch o := c.at(d); {
			case o == 0:
			case o&multiFlag == 0:
				counts[o]++
			default:
				for _, v := range c.lists[o&^multiFlag] {
					counts[v]++
				}
			}
		}
		cs.questionCounts = append(cs.questionCounts, counts)
	}
	return cs, nil
}

// sharedOrdinals returns a bitset of the single ordinals (not lists) that
// more than one row holds at offset off.
func sharedOrdinals(rows []uint32, off uint32, values int) []uint64 {
	seen := make([]uint64, (values+63)/64)
	shared := make([]uint64, len(seen))
	for i := int(off); i < len(rows); i += stride {
		o := rows[i]
		if o == 0 || o&multiFlag != 0 {
			continue
		}
		if seen[o/64]&(1<<(o%64)) != 0 {
			shared[o/64] |= 1 << (o % 64)
		}
		seen[o/64] |= 1 << (o % 64)
	}
	return shared
}

// isShared reports whether cluster ordinal o is more than one document's.
func (cs *columns) isShared(o uint32) bool { return cs.shared[o/64]&(1<<(o%64)) != 0 }

func loadColumn(ctx context.Context, r bindex.IndexReader, field string) (*column, error) {
	c := &column{field: field, values: []string{""}, lookup: map[string]uint32{}, fold: map[string]uint32{}}
	err := eachTerm(r, field, func(term string) error {
		o := uint32(len(c.values))
		c.values = append(c.values, term)
		c.lookup[term] = o
		if k := key(term); k != "" {
			if _, dup := c.fold[k]; !dup {
				c.fold[k] = o
			}
		}
		return eachPosting(ctx, r, field, term, func(d uint32) {
			c.grow(d)
			switch cur := c.ord[d]; {
			case cur == 0:
				c.ord[d] = o
			case cur&multiFlag == 0:
				c.ord[d] = multiFlag | uint32(len(c.lists))
				c.lists = append(c.lists, []uint32{cur, o})
			default:
				i := cur &^ multiFlag
				c.lists[i] = append(c.lists[i], o)
			}
		})
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// loadExperienceColumn makes the experience column from the documents'
// ids: an experience's own, a question's with its "-qN" cut off
// (QuestionID), so no field indexes the experience id a second time.
// Ordinals follow the order the ids are read in; only their number and
// which documents share one matter.
//
// From scorch's segments it reads each live document's id by its number
// (Segment.DocID, the stored id): walking the id dictionary instead looked
// each id up again to open its postings, 1.75 s of the 2.1 s that loading
// the 1M generated index's columns took.
func loadExperienceColumn(ctx context.Context, r bindex.IndexReader) (*column, error) {
	c := &column{field: "experience", values: []string{""}, lookup: map[string]uint32{}, fold: map[string]uint32{}}
	add := func(id string, d uint32) { // d has id
		exp := id
		if e, ok := askedat.ExperienceOfQuestion(id); ok {
			exp = e
		}
		o, ok := c.lookup[exp]
		if !ok {
			o = uint32(len(c.values))
			c.values = append(c.values, exp)
			c.lookup[exp] = o
		}
		c.grow(d)
		c.ord[d] = o
	}
	is, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("a reader of type %T, not scorch's", r)
	}
	src := segmentsOf(is)
	for i, ss := range src.segs {
		deleted := ss.Deleted()
		for num := range ss.Segment().Count() {
			if num%checkEvery == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			if deleted != nil && deleted.Contains(uint32(num)) {
				continue
			}
			id, err := ss.Segment().DocID(num)
			if err != nil {
				return nil, fmt.Errorf("id of document %d of segment %d: %w", num, i, err)
			}
			add(string(id), uint32(src.offsets[i]+num))
		}
	}
	return c, nil
}

// grow makes room in c.ord for document d.
func (c *column) grow(d uint32) {
	if int(d) >= len(c.ord) {
		grow := make([]uint32, int(d)+1+len(c.ord)/4)
		copy(grow, c.ord)
		c.ord = grow
	}
}

// eachTerm calls fn with each term of field, in the dictionary's order,
// until fn returns an error.
func eachTerm(r bindex.IndexReader, field string, fn func(term string) error) error {
	dict, err := r.FieldDict(field)
	if err != nil {
		return err
	}
	defer dict.Close()
	for {
		de, err := dict.Next()
		if err != nil {
			return err
		}
		if de == nil {
			return nil
		}
		if err := fn(de.Term); err != nil {
			return err
		}
	}
}

// eachPosting calls fn with the document number of each posting of term in
// field.
func eachPosting(ctx context.Context, r bindex.IndexReader, field, term string, fn func(d uint32)) error {
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return err
	}
	var tfd bindex.TermFieldDoc
	for {
		m, err := tfr.Next(&tfd)
		if err != nil {
			tfr.Close()
			return err
		}
		if m == nil {
			break
		}
		fn(docNum(m.ID))
	}
	return tfr.Close()
}
