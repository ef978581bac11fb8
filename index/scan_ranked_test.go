package index_test

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/askedat/askedat/index"
)

// TestRankedPassAgainstFullScoring checks that the ranked pass, which
// counts matches from bitmaps and scores only those that may rank, answers
// exactly what scoring every match does: the same hits with the same
// scores, totals, facets and dates, on every page, with one worker and
// with two, on an index as built (with inferred difficulties and
// questions without one) and on one with deleted documents.
func TestRankedPassAgainstFullScoring(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 30,000-document index; skipped with -short")
	}
	big, err := indexOf(t.TempDir(), withInferred(sampleExperiences(2400, 5)))
	if err != nil {
		t.Fatal(err)
	}
	defer big.Close()
	many := severalSegments(t)
	defer many.Close()
	amazon := map[string][]string{"company": {"Amazon"}}
	hard := map[string][]string{"difficulty": {"Hard", "Medium"}, "company": {"Google", "Amazon"}}
	var reqs []index.Request
	medium := map[string][]string{"difficulty": {"Medium"}}
	// Words the sample's bodies have and its titles never do: the title's
	// term of no document is left out of the ranked pass's visits.
	noTitle := []string{"asked", "round interviewer", "asked design"}
	for _, q := range append(slices.Clone(matcherQueries), noTitle...) {
		reqs = append(reqs, index.Request{Query: q}, index.Request{Query: q, Filters: amazon},
			// One filter on a facet: the matches it turns away are counted
			// from bitmaps (countMisses), also with values hidden.
			index.Request{Query: q, Filters: medium}, index.Request{Query: q, Filters: medium, DifficultySource: index.SourceStated},
			index.Request{Query: q, Filters: hard, Size: 3}, index.Request{Query: q, From: 40, Size: 25},
			index.Request{Query: q, Size: 100, FacetSize: 50})
	}
	reqs = append(reqs, index.Request{Query: "company:amazon design"}, index.Request{Query: "design", DifficultySource: index.SourceStated},
		// Not for experiences, whose categories are lists.
		index.Request{Query: "design", Filters: map[string][]string{"category": {"System Design"}}, Type: index.TypeExperience},
		// A date range is a filter whose facet is the date histogram; a date: clause a hard filter.
		index.Request{Query: "design", DateFrom: "2022", DateTo: "2023"}, index.Request{Query: "array date>=2023-06"})
	ctx := context.Background()
	for _, c := range []struct {
		name string
		idx  *index.Index
	}{{"as built", big}, {"with deletions and replacements", many}} {
		for _, workers := range []int{1, 2, 0} {
			// 0: one worker, every single filter's misses counted from
			// bitmaps however few.
			if workers == 0 {
				index.SetMissesPerValue(t, 0)
				workers = 1
			}
			old := index.SetWorkers(workers)
			for _, r := range reqs {
				index.SetFullScoring(t, true)
				want, err := c.idx.Search(ctx, r)
				if err != nil {
					t.Fatalf("%s: Search(%+v), every match scored: %v", c.name, r, err)
				}
				index.SetFullScoring(t, false)
				got, err := c.idx.Search(ctx, r)
				if err != nil {
					t.Fatalf("%s: Search(%+v): %v", c.name, r, err)
				}
				if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(index.Result{}, "Took")); diff != "" {
					t.Errorf("%s, %d workers: Search(%+v) differs from scoring every match (-all +ranked):\n%s", c.name, workers, r, diff)
				}
				// The next page by cursor, too.
				if want.NextCursor == "" {
					continue
				}
				r.Cursor, r.From = want.NextCursor, 0
				index.SetFullScoring(t, true)
				want, err = c.idx.Search(ctx, r)
				if err != nil {
					t.Fatalf("%s: Search(%+v), every match scored: %v", c.name, r, err)
				}
				index.SetFullScoring(t, false)
				got, err = c.idx.Search(ctx, r)
				if err != nil {
					t.Fatalf("%s: Search(%+v): %v", c.name, r, err)
				}
				if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(index.Result{}, "Took")); diff != "" {
					t.Errorf("%s, %d workers: Search(%+v), next page, differs from scoring every match (-all +ranked):\n%s", c.name, workers, r, diff)
				}
			}
			index.SetWorkers(old)
		}
	}
}
