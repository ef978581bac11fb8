package engine

import (
	"cmp"
	"slices"
)

func sortFacetValues(vs []FacetValue) {
	slices.SortFunc(vs, func(a, b FacetValue) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
	})
}
