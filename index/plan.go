// Plans: a request made ready to run against one snapshot, with its
// filters resolved to column ordinals.

package index

import (
	"context"
	"fmt"
	"slices"

	"github.com/askedat/askedat/query"
)

// filter is one filtered field: the ordinals allowed.
type filter struct {
	col *column
	// facet is the filter's position in FacetFields, or dateFacet for a
	// date range, or -1 for one that is no facet's (a cluster).
	facet int
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
	text     *compiledQuery // nil: every document of the type
	fields   textFields     // the text fields of the type
	hard     []filter       // from the query text (company:amazon): every hit passes them
	typ      uint32         // ordinal of the wanted type; 0 matches nothing
	filters  []filter
	sortBy   sortKind
	k        int // hits to keep: From+Size
	facetCol []*column
	after    *candidate // with a cursor: only hits (or groups) ranked below it
	collapse bool       // one hit per question cluster
	noRelax  bool       // the query as typed only (the searches of "did you mean")
	// budget is the search's (budget.go), shared with the re-searches of
	// "did you mean"; it also counts what the scans visit.
	budget *budget
	// questions, in an experience search, is the query over the questions'
	// fields, and best, by experience ordinal (columns.exp), the score of
	// each post's best-matching question (questionScores).
	questions *compiledQuery
	best      []float32
	relaxed   []string // the words the last relaxation used made optional
	warnings  []string // filter values that name nothing in the index
	// hidden, by facet and ordinal, are the values the request treats as
	// absent (Request.DifficultySource); nil for a facet without any.
	hidden [][]bool
	source string // Request.DifficultySource, which makes hidden
	// dates is the request's date range (Request.DateFrom, DateTo), as
	// days; zero for none. Its filter is among filters (dates.go).
	dates DateRange
	// filtered is, in a search without text, the documents its filters
	// leave to visit (planFilterScan); nil to visit all of the type.
	filtered *filterScan
}

// plan makes r ready to run. It rewrites r.Filters to the values' canonical
// spellings ("amazon" → "Amazon"), before the cursor is checked: the cursor
// seal, the facets (result) and the answer's echo then see one request
// however its values were typed. lexed is r.Query lexed (query.Parse), or
// nil to lex it here; b is the search's budget.
func (s *snapshot) plan(ctx context.Context, r *Request, lexed *query.Query, b *budget) (*plan, error) {
	p := &plan{snap: s, sortBy: sortKinds[r.Sort], k: r.From + r.Size, facetCol: s.cols.facets,
		collapse: r.Collapse == CollapseCluster, budget: b}
	source, err := checkDifficultySource(r.DifficultySource)
	if err != nil {
		return nil, err
	}
	r.DifficultySource, p.source = source, source
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
	if p.dates, err = r.Dates(); err != nil {
		return nil, err
	}
	if !p.dates.IsZero() {
		p.filters = append(p.filters, s.dateFilter([]DateRange{p.dates}, false))
	}
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
		if lexed == nil {
			if lexed, err = query.Parse(r.Query); err != nil {
				return nil, asRequestError(err)
			}
		}
		pq, err := s.compile(ctx, lexed, p.fields, b, p.hiddenIn(facetIndex(fieldDifficulty)))
		if err != nil {
			return nil, err
		}
		p.text = pq
		for _, hf := range pq.hard {
			if hf.field == query.DateField {
				p.hard = append(p.hard, s.dateFilter(hf.dates, hf.neg))
				continue
			}
			p.hard = append(p.hard, s.hardFilter(hf, p.hiddenIn(facetIndex(hf.field))))
		}
		if r.Type == TypeExperience && pq.text != nil {
			if p.questions, err = s.compile(ctx, lexed, questionFields, b, p.hiddenIn(facetIndex(fieldDifficulty))); err != nil {
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
	fl = filter{col: col, facet: i, allow: make([]bool, len(col.values))}
	add := func(v string) {
		if !slices.Contains(canon, v) {
			canon = append(canon, v)
		}
	}
	for _, v := range vs {
		n := s.normalizeFacet(FacetFields[i], v)
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

// hiddenIn returns the hidden values of facet f, nil for none.
func (p *plan) hiddenIn(f int) []bool {
	if p.hidden == nil || f < 0 {
		return nil
	}
	return p.hidden[f]
}
