// Dates: the date range filters, of the request (Request.DateFrom, DateTo)
// and of the query text (date:2023, date>=2023-06), over the day column.

package index

import "github.com/askedat/askedat"

// DateRange is askedat.DateRange: days, both ends in, an empty end open.
type DateRange = askedat.DateRange

// dateFacet is the facet (filter.facet) of the request's date range: the
// date histogram, which counts the matches that fail that filter alone, as
// a facet counts those that fail its own filter alone.
const dateFacet = -2

// dateFilter returns the filter on the day column that lets through the
// days in any of ranges, or, with neg, those in none of them. A document
// without a date (ordinal 0) is in no range: a range leaves it out, and
// -date:2023 lets it through. Day ordinals are in date order, but the
// values are few (a day each), so each is tested.
func (s *snapshot) dateFilter(ranges []DateRange, neg bool) filter {
	col := s.cols.day
	fl := filter{col: col, facet: dateFacet, allow: make([]bool, len(col.values))}
	for o := 1; o < len(col.values); o++ {
		for _, r := range ranges {
			if r.Contains(col.values[o]) {
				fl.allow[o] = true
				break
			}
		}
	}
	if neg {
		for o := range fl.allow {
			fl.allow[o] = !fl.allow[o]
		}
	}
	return fl
}
