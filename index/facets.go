// Facets: the workers' counts merged into the facet lists, and the date
// histogram.

package index

import (
	"sort"
)

// result merges the workers' partials into a Result without hits.
func (p *plan) result(r *Request, parts []*partial) *Result {
	res := &Result{Facets: map[string][]FacetValue{}, FacetOther: map[string]int{}, FacetMissing: map[string]int{},
		Filters: r.Filters, Warnings: p.warnings, DifficultySource: r.DifficultySource}
	for _, pt := range parts {
		res.Total += pt.total
	}
	for f, c := range p.facetCol {
		field := FacetFields[f]
		vals := make([]FacetValue, 0, 16)
		missing := 0
		for o := 1; o < len(c.values); o++ {
			n := 0
			for _, pt := range parts {
				n += int(pt.counts[f][o])
			}
			if n > 0 {
				vals = addFacetValue(vals, c.values[o], n)
			}
		}
		for _, pt := range parts {
			missing += int(pt.missing[f])
		}
		sort.Slice(vals, func(i, j int) bool {
			if vals[i].Count != vals[j].Count {
				return vals[i].Count > vals[j].Count
			}
			return vals[i].Value < vals[j].Value
		})
		shown := vals
		if len(shown) > r.FacetSize {
			shown = vals[:r.FacetSize]
		}
		// Ticked values are listed even when the cut or a zero count would
		// hide them, so they can be unticked.
		for _, v := range r.Filters[field] {
			listed := false
			for _, s := range shown {
				listed = listed || s.Value == v
			}
			if listed {
				continue
			}
			count := 0
			for _, x := range vals {
				if x.Value == v {
					count = x.Count
				}
			}
			shown = append(shown, FacetValue{Value: v, Count: count})
		}
		other := 0
		for _, x := range vals {
			other += x.Count
		}
		for _, s := range shown {
			other -= s.Count
		}
		res.Facets[field] = shown
		res.FacetOther[field] = other
		res.FacetMissing[field] = missing
	}
	res.DateRange = p.dates
	res.DateInterval = r.DateInterval
	res.Dates = p.dateHistogram(r.DateInterval, parts)
	return res
}

// dateHistogram rolls the hits per day up into years ("2024") or months
// ("2024-05"), oldest first; hits without a date are left out.
func (p *plan) dateHistogram(interval string, parts []*partial) []FacetValue {
	n := 4 // YYYY
	if interval == "month" {
		n = 7 // YYYY-MM
	}
	out := []FacetValue{}
	days := p.snap.cols.day.values
	for o := 1; o < len(days); o++ { // day ordinals are in date order
		c := 0
		for _, pt := range parts {
			c += int(pt.days[o])
		}
		if c == 0 || len(days[o]) < n {
			continue
		}
		b := days[o][:n]
		if len(out) > 0 && out[len(out)-1].Value == b {
			out[len(out)-1].Count += c
		} else {
			out = append(out, FacetValue{Value: b, Count: c})
		}
	}
	return out
}
