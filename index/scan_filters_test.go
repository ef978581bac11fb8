package index_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/sampleclusters"
)

// TestFilterScanAgainstVisitingEveryDocument checks that a search without
// text, which visits only the documents its filters leave and, with a
// single filter, counts that filter's facet once per index, answers
// exactly what visiting every document does: the same hits, totals,
// facets and dates, on every page, with one worker and with two, for
// questions and experiences, on an index as built (with inferred
// difficulties, hidden by difficulty_source) and on one with deleted
// documents.
func TestFilterScanAgainstVisitingEveryDocument(t *testing.T) {
	exps := withInferred(sampleExperiences(900, 7))
	sampleclusters.Assign(exps)
	built, err := indexOf(t.TempDir(), exps)
	if err != nil {
		t.Fatal(err)
	}
	defer built.Close()
	many := severalSegments(t)
	defer many.Close()
	ctx := context.Background()
	for _, c := range []struct {
		name string
		idx  *index.Index
	}{{"as built", built}, {"with deletions and replacements", many}} {
		reqs := filterRequests(t, c.idx)
		for _, workers := range []int{1, 2} {
			old := index.SetWorkers(workers)
			for _, r := range reqs {
				for page := 0; page < 2; page++ {
					index.SetVisitEveryDocument(t, true)
					want, err := c.idx.Search(ctx, r)
					if err != nil {
						t.Fatalf("%s: Search(%+v), every document visited: %v", c.name, r, err)
					}
					index.SetVisitEveryDocument(t, false)
					got, err := c.idx.Search(ctx, r)
					if err != nil {
						t.Fatalf("%s: Search(%+v): %v", c.name, r, err)
					}
					if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(index.Result{}, "Took")); diff != "" {
						t.Errorf("%s, %d workers: Search(%+v), page %d, differs from visiting every document (-all +filtered):\n%s", c.name, workers, r, page+1, diff)
					}
					if want.NextCursor == "" {
						break
					}
					r.Cursor, r.From = want.NextCursor, 0
				}
			}
			index.SetWorkers(old)
		}
	}
}

// withInferred marks a third of the questions of exps as of an inferred
// difficulty (Hard where they had none), and takes the difficulty of
// another seventh away: values hidden by difficulty_source, and none.
func withInferred(exps []index.Experience) []index.Experience {
	for i := range exps {
		for j := range exps[i].Questions {
			switch q := &exps[i].Questions[j]; {
			case (i+j)%3 == 0:
				if q.Difficulty == "" {
					q.Difficulty = "Hard"
				}
				q.DifficultySource = index.DifficultyInferred
			case (i+j)%7 == 1:
				q.Difficulty = ""
			}
		}
	}
	return exps
}

// filterRequests returns searches without text of idx: single filters on
// each facet's most frequent values, pairs and triples of them, several
// values of one facet, a date range alone and with a filter, a cluster,
// a collapsed search, other sorts and types, and stated or inferred
// difficulties only.
func filterRequests(t *testing.T, idx *index.Index) []index.Request {
	t.Helper()
	all, err := idx.Search(context.Background(), index.Request{FacetSize: 3})
	if err != nil {
		t.Fatal(err)
	}
	top := func(field string, i int) string {
		vs := all.Facets[field]
		if len(vs) == 0 {
			t.Fatalf("no %s facet in %+v", field, all.Facets)
		}
		return vs[i%len(vs)].Value
	}
	one := func(field, v string) map[string][]string { return map[string][]string{field: {v}} }
	var reqs []index.Request
	for _, f := range index.FacetFields {
		if len(all.Facets[f]) == 0 {
			continue
		}
		reqs = append(reqs, index.Request{Filters: one(f, top(f, 0))}, index.Request{Filters: one(f, top(f, 1)), Size: 3, From: 4})
	}
	company, difficulty, category := top("company", 0), top("difficulty", 0), top("category", 1)
	two := map[string][]string{"company": {company}, "difficulty": {difficulty}}
	three := map[string][]string{"company": {company, top("company", 1)}, "difficulty": {difficulty}, "category": {category}}
	reqs = append(reqs,
		index.Request{Filters: two}, index.Request{Filters: three, FacetSize: 50},
		index.Request{Filters: map[string][]string{"company": {company, top("company", 2)}}},
		index.Request{Filters: one("company", "No Such Company")},
		index.Request{Filters: one("difficulty", difficulty), DifficultySource: index.SourceStated},
		index.Request{Filters: one("difficulty", "Hard"), DifficultySource: index.SourceInferred},
		index.Request{Filters: one("company", company), DifficultySource: index.SourceStated},
		index.Request{DateFrom: "2022", DateTo: "2023"},
		index.Request{Filters: one("company", company), DateFrom: "2022", DateTo: "2023"},
		index.Request{Filters: two, DateFrom: "2021"},
		index.Request{Filters: one("company", company), Sort: "date_asc"},
		index.Request{Filters: one("company", company), Sort: "asked"},
		index.Request{Filters: one("company", company), Collapse: index.CollapseCluster},
		index.Request{Filters: one("category", category), Type: index.TypeExperience},
		index.Request{Filters: map[string][]string{"category": {category}, "company": {company}}, Type: index.TypeExperience, Size: 5},
	)
	if len(all.Hits) > 0 && all.Hits[0].Cluster != "" {
		reqs = append(reqs, index.Request{Filters: one("company", company), Cluster: all.Hits[0].Cluster})
	}
	return reqs
}

// TestFilterScanVisitsOnlyWhatFiltersLeave checks that the filter scan is
// taken: a search with one selective filter visits its hits only, and one
// with two filters those that fail at most one, not every document.
func TestFilterScanVisitsOnlyWhatFiltersLeave(t *testing.T) {
	idx, err := sampleIndex(t.TempDir(), 600, 5)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	ctx := context.Background()
	all, err := idx.Search(ctx, index.Request{})
	if err != nil {
		t.Fatal(err)
	}
	company := all.Facets["company"][0].Value
	difficulty := all.Facets["difficulty"][0].Value
	totalOf := func(filters map[string][]string) uint64 {
		t.Helper()
		res, err := idx.Search(ctx, index.Request{Filters: filters})
		if err != nil {
			t.Fatal(err)
		}
		return uint64(res.Total)
	}
	byCompany := map[string][]string{"company": {company}}
	byDifficulty := map[string][]string{"difficulty": {difficulty}}
	for _, c := range []struct {
		filters map[string][]string
		most    uint64 // the hits; with two filters, those of each alone
	}{
		{byCompany, totalOf(byCompany)},
		{map[string][]string{"company": {company}, "difficulty": {difficulty}}, totalOf(byCompany) + totalOf(byDifficulty)},
	} {
		t.Run(fmt.Sprint(c.filters), func(t *testing.T) {
			_, visited, err := index.SearchVisiting(ctx, idx, index.Request{Filters: c.filters})
			if err != nil {
				t.Fatal(err)
			}
			if visited > c.most || visited >= uint64(all.Total) {
				t.Errorf("visited %d documents, want at most %d (of %d questions)", visited, c.most, all.Total)
			}
		})
	}
}
