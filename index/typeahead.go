// Typeahead: the facet values that start with what was typed, for the
// company and role boxes.

package index

import (
	"context"
	"sort"
	"strings"
)

// Suggest returns the values of a facet field that start with prefix, or
// have a word that does, ignoring case, the most common first: typeahead for
// the company and role boxes. Counts are questions. At most n are returned.
func (x *Index) Suggest(ctx context.Context, field, prefix string, n int) ([]FacetValue, error) {
	if !IsFacetField(field) {
		return nil, badRequest("cannot suggest %q: fields are %s", field, strings.Join(FacetFields, ", "))
	}
	if n < 1 || n > MaxFacetSize {
		return nil, badRequest("size %d is out of range: it must be between 1 and %d", n, MaxFacetSize)
	}
	if err := checkValue("prefix", prefix); err != nil {
		return nil, err
	}
	s, err := x.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	i := facetIndex(field)
	col := s.cols.facets[i]
	counts := s.cols.questionCounts[i]
	p := strings.ToLower(strings.TrimSpace(prefix))
	var out []FacetValue
	for o := 1; o < len(col.values); o++ {
		v := col.values[o]
		if counts[o] == 0 || !matchesPrefix(strings.ToLower(v), p) {
			continue
		}
		out = addFacetValue(out, v, int(counts[o]))
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Count != out[b].Count {
			return out[a].Count > out[b].Count
		}
		return out[a].Value < out[b].Value
	})
	if len(out) > n {
		out = out[:n]
	}
	if out == nil {
		out = []FacetValue{}
	}
	return out, nil
}

// matchesPrefix reports whether v or one of its words starts with p.
func matchesPrefix(v, p string) bool {
	if strings.HasPrefix(v, p) {
		return true
	}
	for i := 0; i < len(v); i++ {
		if (v[i] == ' ' || v[i] == '-') && strings.HasPrefix(v[i+1:], p) {
			return true
		}
	}
	return false
}
