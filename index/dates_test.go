package index_test

import (
	"context"
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/index"
)

// A datedQuestion is what the date tests know of a question document:
// what a brute-force reference filters and counts.
type datedQuestion struct {
	id, day, company, difficulty string
}

// datedIndex builds an index on disk of generated posts, every 13th of them
// without a date, and returns it with its questions as indexed
// (normalised) and its posts.
func datedIndex(t *testing.T) (*index.Index, []datedQuestion, []index.Experience) {
	t.Helper()
	exps := sampleExperiences(300, 9)
	for i := range exps {
		if i%13 == 0 {
			exps[i].Date = ""
		}
	}
	idx, err := indexOf(t.TempDir(), exps) // normalises exps in place, as indexed
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	var qs []datedQuestion
	for _, e := range exps {
		for _, q := range e.Questions {
			qs = append(qs, datedQuestion{id: askedat.QuestionID(e.ID, q.Ordinal), day: e.Date, company: e.Company, difficulty: q.Difficulty})
		}
	}
	return idx, qs, exps
}

// allHits pages through every hit of r with cursors, size hits a page.
func allHits(t *testing.T, idx *index.Index, r index.Request, size int) []index.Hit {
	t.Helper()
	r.Size = size
	var out []index.Hit
	for page := 0; ; page++ {
		res, err := idx.Search(context.Background(), r)
		if err != nil {
			t.Fatalf("Search(%+v): %v", r, err)
		}
		out = append(out, res.Hits...)
		if res.NextCursor == "" {
			return out
		}
		if page > 10000 {
			t.Fatalf("Search(%+v): cursors do not end", r)
		}
		r.Cursor = res.NextCursor
	}
}

// facetCounts returns facet f of res as value → count.
func facetCounts(res *index.Result, f string) map[string]int {
	m := map[string]int{}
	for _, v := range res.Facets[f] {
		m[v.Value] = v.Count
	}
	return m
}

func hitIDs(hits []index.Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.ID)
	}
	return out
}

// where returns the sorted ids of the questions keep keeps.
func where(qs []datedQuestion, keep func(datedQuestion) bool) []string {
	out := []string{}
	for _, q := range qs {
		if keep(q) {
			out = append(out, q.id)
		}
	}
	sort.Strings(out)
	return out
}

// between keeps the questions of a day from..to, both in; an empty end is
// open, and a question without a date is in no range.
func between(from, to string) func(datedQuestion) bool {
	return func(q datedQuestion) bool {
		return q.day != "" && (from == "" || q.day >= from) && (to == "" || q.day <= to)
	}
}

// TestDateRangeFindsExactlyTheQuestionsInIt checks the request's range and
// the query's date clauses against a brute-force filter of the questions
// indexed: both ends in, open ends, years and months read as their first
// or last day, questions without a date left out by a range and kept by a
// negated one.
func TestDateRangeFindsExactlyTheQuestionsInIt(t *testing.T) {
	idx, qs, _ := datedIndex(t)
	var days []string
	for _, q := range qs {
		if q.day != "" && !slices.Contains(days, q.day) {
			days = append(days, q.day)
		}
	}
	sort.Strings(days)
	lo, hi := days[len(days)/3], days[len(days)/2] // two days questions have: the ends of a range
	design := map[string]bool{}                    // what the text finds without a range
	for _, h := range allHits(t, idx, index.Request{Query: "design"}, 100) {
		design[h.ID] = true
	}
	inYear := func(y string) func(datedQuestion) bool {
		return func(q datedQuestion) bool { return strings.HasPrefix(q.day, y) }
	}
	tests := []struct {
		name string
		r    index.Request
		keep func(datedQuestion) bool
	}{
		{"days, both ends in", index.Request{DateFrom: lo, DateTo: hi}, between(lo, hi)},
		{"one day", index.Request{DateFrom: lo, DateTo: lo}, between(lo, lo)},
		{"a year", index.Request{DateFrom: "2022", DateTo: "2022"}, between("2022-01-01", "2022-12-31")},
		{"months", index.Request{DateFrom: "2020-03", DateTo: "2021-02"}, between("2020-03-01", "2021-02-28")},
		{"open end", index.Request{DateFrom: "2024-06"}, between("2024-06-01", "")},
		{"open start", index.Request{DateTo: "2019-08-15"}, between("", "2019-08-15")},
		{"with text", index.Request{Query: "design", DateFrom: "2021"}, func(q datedQuestion) bool {
			return between("2021-01-01", "")(q) && design[q.id]
		}},
		{"date:YYYY", index.Request{Query: "date:2022"}, inYear("2022")},
		{"date:A..B", index.Request{Query: "date:" + lo + ".." + hi}, between(lo, hi)},
		{"date:YYYY-MM", index.Request{Query: "date:2023-06"}, inYear("2023-06")},
		{"date>= and date<", index.Request{Query: "date>=2021-03 date<2023"}, between("2021-03-01", "2022-12-31")},
		{"date> and date<=", index.Request{Query: "date>2020 date<=2021-01-31"}, between("2021-01-01", "2021-01-31")},
		{"open date:..B", index.Request{Query: "date:..2019"}, between("", "2019-12-31")},
		{"OR", index.Request{Query: "date:2020 OR date:2024"}, func(q datedQuestion) bool { return inYear("2020")(q) || inYear("2024")(q) }},
		{"negated, undated kept", index.Request{Query: "-date:2022"}, func(q datedQuestion) bool { return !inYear("2022")(q) }},
		{"query and request ranges, both", index.Request{Query: "date:2021..2023", DateFrom: "2023", DateTo: "2025"}, inYear("2023")},
		{"no range: every question", index.Request{}, func(datedQuestion) bool { return true }},
	}
	sawUndated := false
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := where(qs, tt.keep)
			if len(want) == 0 {
				t.Fatalf("no question is in the range; the test needs some")
			}
			hits := allHits(t, idx, tt.r, 100)
			got := hitIDs(hits)
			sort.Strings(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("hits (-want +got):\n%s", diff)
			}
			for _, h := range hits {
				sawUndated = sawUndated || h.Date == ""
			}
		})
	}
	if !sawUndated {
		t.Errorf("no search found a question without a date; the test needs some")
	}
	// The ends are in: questions of the first and last day are found.
	hits := allHits(t, idx, index.Request{DateFrom: lo, DateTo: hi}, 100)
	var first, last bool
	for _, h := range hits {
		first, last = first || h.Date == lo, last || h.Date == hi
	}
	if !first || !last {
		t.Errorf("range %s..%s: a hit of its first day %v, of its last %v; want both", lo, hi, first, last)
	}
}

// TestDateRangeIsEchoed checks that the answer says how the range was read.
func TestDateRangeIsEchoed(t *testing.T) {
	idx, _, _ := datedIndex(t)
	tests := []struct {
		from, to string
		want     askedat.DateRange
	}{
		{"2021", "2022-06", askedat.DateRange{From: "2021-01-01", To: "2022-06-30"}},
		{"2023-02", "", askedat.DateRange{From: "2023-02-01"}},
		{"", "2020", askedat.DateRange{To: "2020-12-31"}},
		{"", "", askedat.DateRange{}},
	}
	for _, tt := range tests {
		res, err := idx.Search(context.Background(), index.Request{DateFrom: tt.from, DateTo: tt.to})
		if err != nil {
			t.Fatal(err)
		}
		if res.DateRange != tt.want {
			t.Errorf("date_from=%q date_to=%q: DateRange = %+v, want %+v", tt.from, tt.to, res.DateRange, tt.want)
		}
	}
}

// TestDateRangeCounts checks the counts of a ranged search against the
// questions: the total and every facet narrowed by the range (the company
// facet disjunctive on its own filter, as always), and the date histogram
// disjunctive on the range: it counts every year, the range's own adding
// up to the total. A date: clause of the query narrows the histogram too.
func TestDateRangeCounts(t *testing.T) {
	idx, qs, _ := datedIndex(t)
	const company = "Amazon"
	inRange := between("2021-01-01", "2022-12-31")
	r := index.Request{DateFrom: "2021", DateTo: "2022", Filters: map[string][]string{"company": {company}}, FacetSize: 200}
	res, err := idx.Search(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(where(qs, func(q datedQuestion) bool { return inRange(q) && q.company == company })); res.Total != uint64(want) || want == 0 {
		t.Errorf("total = %d, want %d (and some)", res.Total, want)
	}
	companies, difficulties, years := map[string]int{}, map[string]int{}, map[string]int{}
	for _, q := range qs {
		if inRange(q) {
			companies[q.company]++
		}
		if inRange(q) && q.company == company && q.difficulty != "" {
			difficulties[strings.TrimSuffix(q.difficulty, " (inferred)")]++
		}
		if q.company == company && q.day != "" {
			years[q.day[:4]]++
		}
	}
	if diff := cmp.Diff(companies, facetCounts(res, "company")); diff != "" {
		t.Errorf("company facet (-want +got): %s", diff)
	}
	if diff := cmp.Diff(difficulties, facetCounts(res, "difficulty")); diff != "" {
		t.Errorf("difficulty facet (-want +got): %s", diff)
	}
	gotYears := map[string]int{}
	for _, d := range res.Dates {
		gotYears[d.Value] = d.Count
	}
	if diff := cmp.Diff(years, gotYears); diff != "" {
		t.Errorf("dates (-want +got): %s", diff)
	}
	if len(gotYears) <= 2 {
		t.Errorf("dates = %v: want the years outside the range too", res.Dates)
	}
	if n := gotYears["2021"] + gotYears["2022"]; uint64(n) != res.Total {
		t.Errorf("dates 2021 and 2022 count %d, total %d: want them equal", n, res.Total)
	}

	// The same range in the query: the same hits and facets; the
	// histogram only the range's years.
	byQuery, err := idx.Search(context.Background(), index.Request{Query: "date:2021..2022", Filters: r.Filters, FacetSize: 200})
	if err != nil {
		t.Fatal(err)
	}
	if byQuery.Total != res.Total {
		t.Errorf("date:2021..2022 total %d, date_from/date_to %d: want equal", byQuery.Total, res.Total)
	}
	for _, f := range askedat.FacetFields {
		if diff := cmp.Diff(facetCounts(res, f), facetCounts(byQuery, f)); diff != "" {
			t.Errorf("facet %s: date:2021..2022 differs from date_from/date_to (-request +query): %s", f, diff)
		}
	}
	want := []askedat.FacetValue{{Value: "2021", Count: years["2021"]}, {Value: "2022", Count: years["2022"]}}
	if diff := cmp.Diff(want, byQuery.Dates); diff != "" {
		t.Errorf("dates of date:2021..2022 (-want +got): %s", diff)
	}
}

// TestSortDateAsc checks oldest first: days ascending, questions without a
// date last, ties in one order however the hits are paged (cursors of
// every size, and pages), and newest first unchanged.
func TestSortDateAsc(t *testing.T) {
	idx, qs, _ := datedIndex(t)
	for _, r := range []index.Request{
		{Sort: "date_asc"},
		{Sort: "date_asc", Query: "design"},
		{Sort: "date_asc", DateFrom: "2020-05", DateTo: "2023"},
		{Sort: "date_asc", Query: "cache", Filters: map[string][]string{"difficulty": {"Medium"}}},
		{Sort: "date_asc", Type: index.TypeExperience},
	} {
		whole := allHits(t, idx, r, 100)
		if len(whole) == 0 {
			t.Fatalf("Search(%+v) found nothing", r)
		}
		undated := false
		for i, h := range whole {
			switch {
			case h.Date == "":
				undated = true
			case undated:
				t.Errorf("Search(%+v): hit %d (%s) is dated after one without a date", r, i, h.Date)
			case i > 0 && h.Date < whole[i-1].Date:
				t.Errorf("Search(%+v): hit %d (%s) after %s: not oldest first", r, i, h.Date, whole[i-1].Date)
			}
		}
		for _, size := range []int{1, 7} {
			if diff := cmp.Diff(hitIDs(whole), hitIDs(allHits(t, idx, r, size))); diff != "" {
				t.Errorf("Search(%+v): cursors of %d differ from pages of 100 (-100 +%d):\n%s", r, size, size, diff)
			}
		}
		r.Size, r.From = 9, 18
		res, err := idx.Search(context.Background(), r)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(hitIDs(whole[18:min(27, len(whole))]), hitIDs(res.Hits)); diff != "" {
			t.Errorf("Search(%+v): page 3 differs from the cursors' (-cursors +page):\n%s", r, diff)
		}
	}
	// Newest first is as it was: days descending, undated last.
	newest := allHits(t, idx, index.Request{}, 100)
	if len(newest) != len(qs) {
		t.Fatalf("newest first found %d, want %d", len(newest), len(qs))
	}
	for i := 1; i < len(newest); i++ {
		if a, b := newest[i-1].Date, newest[i].Date; b != "" && (a == "" || a < b) {
			t.Fatalf("default sort: hit %d (%s) after %s: not newest first", i, b, a)
		}
	}
}

// TestDateCursorsBelongToTheirRange checks that a cursor pages its own
// range, however it is spelt, and is refused with another.
func TestDateCursorsBelongToTheirRange(t *testing.T) {
	idx, _, _ := datedIndex(t)
	ctx := context.Background()
	first, err := idx.Search(ctx, index.Request{DateFrom: "2021", DateTo: "2022", Size: 3})
	if err != nil || first.NextCursor == "" {
		t.Fatalf("first page: %v, cursor %q", err, first.NextCursor)
	}
	if _, err := idx.Search(ctx, index.Request{DateFrom: "2021-01-01", DateTo: "2022-12-31", Size: 3, Cursor: first.NextCursor}); err != nil {
		t.Errorf("the same range spelt as days: %v", err)
	}
	for _, r := range []index.Request{
		{DateFrom: "2021", Size: 3},
		{DateFrom: "2021", DateTo: "2023", Size: 3},
		{Size: 3},
		{DateFrom: "2021", DateTo: "2022", Sort: "date_asc", Size: 3},
	} {
		r.Cursor = first.NextCursor
		_, err := idx.Search(ctx, r)
		var re *index.RequestError
		if !errors.As(err, &re) || !strings.Contains(re.Msg, "belongs to another search") {
			t.Errorf("Search(%+v) with another range's cursor: %v, want it refused", r, err)
		}
	}
}
