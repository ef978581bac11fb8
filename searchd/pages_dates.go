package main

import "github.com/askedat/askedat/query"

// The search page's date range: the control under the chart, and the
// chip of a range. The chart itself, and its bars that narrow to a year or
// a month, are the script's (web/static/dates.js); the control works
// without it.

// dateRangeView is the date range control: a form of two day inputs
// (date_from, date_to) that narrows the search to the days between, both
// in, keeping the rest of the search.
type dateRangeView struct {
	From, To string // the range as read, days; "" for an open end
	// Hidden are the rest of the search's parameters, which the form
	// carries (from the first page).
	Hidden []param
	// Clear is the search without a range; "" when there is none.
	Clear string
}

// dateRangeOf is the date range control of p's page.
func dateRangeOf(p searchParams) dateRangeView {
	q := fromStart(p)
	q.Req.DateFrom, q.Req.DateTo = "", ""
	v := dateRangeView{From: p.Req.DateFrom, To: p.Req.DateTo, Hidden: q.params()}
	if p.Req.DateFrom != "" || p.Req.DateTo != "" {
		v.Clear = searchLink(q)
	}
	return v
}

// dateChip is the text of a date range's chip: a year or a month when the
// range is one whole ("2023", "2023-06"), else its days ("2023-06-01 to
// 2024-01-31", "from 2023-06-01", "until 2024-01-31"). The script's
// dateChip (web/static/dates.js).
func dateChip(from, to string) string {
	switch {
	case from == "":
		return "until " + to
	case to == "":
		return "from " + from
	case wholePeriod(from, to, 4):
		return from[:4]
	case wholePeriod(from, to, 7):
		return from[:7]
	case from == to:
		return from
	}
	return from + " to " + to
}

// wholePeriod reports whether from..to (days) is one whole year (n = 4:
// YYYY) or month (n = 7: YYYY-MM).
func wholePeriod(from, to string, n int) bool {
	if len(from) < n {
		return false
	}
	first, err1 := query.StartDay(from[:n])
	last, err2 := query.EndDay(from[:n])
	return err1 == nil && err2 == nil && from == first && to == last
}

// dateFilterOf is the chip of p's date range, nil without one.
func dateFilterOf(p searchParams) *activeFilter {
	if p.Req.DateFrom == "" && p.Req.DateTo == "" {
		return nil
	}
	q := fromStart(p)
	q.Req.DateFrom, q.Req.DateTo = "", ""
	return &activeFilter{Field: "dates", Label: "Dates", Value: dateChip(p.Req.DateFrom, p.Req.DateTo), Remove: searchLink(q)}
}
