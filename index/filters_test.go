package index

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// asQuery writes filters as the query language's field clauses: the values
// of one field OR-ed, the fields AND-ed.
func asQuery(filters map[string][]string) string {
	var groups []string
	for _, f := range FacetFields {
		var cs []string
		for _, v := range filters[f] {
			cs = append(cs, fmt.Sprintf("%s:%q", f, v))
		}
		if len(cs) > 0 {
			groups = append(groups, strings.Join(cs, " OR "))
		}
	}
	return strings.Join(groups, " ")
}

// TestFilterValuesMatchAsTheQueryLanguage checks that Request.Filters match
// whatever the case and spelling of their values, as the query's field
// clauses do, and that the answer says how it read them.
func TestFilterValuesMatchAsTheQueryLanguage(t *testing.T) {
	idx := newLangIndex(t)
	allQ := []string{"a-q1", "a-q2", "a-q3", "g-q1", "g-q2", "g-q3", "m-q1", "m-q2", "m-q3"}
	tests := []struct {
		name         string
		filters      map[string][]string
		wantIDs      []string
		wantFilters  map[string][]string
		wantWarnings []string
	}{
		{"lower case", map[string][]string{"company": {"amazon"}},
			[]string{"a-q1", "a-q2", "a-q3"}, map[string][]string{"company": {"Amazon"}}, nil},
		{"upper case and spaces", map[string][]string{"company": {" AMAZON "}},
			[]string{"a-q1", "a-q2", "a-q3"}, map[string][]string{"company": {"Amazon"}}, nil},
		{"known spelling", map[string][]string{"company": {"fb"}},
			[]string{"m-q1", "m-q2", "m-q3"}, map[string][]string{"company": {"Meta"}}, nil},
		{"two spellings, one company", map[string][]string{"company": {"amazon", "Amazon", "aws"}},
			[]string{"a-q1", "a-q2", "a-q3"}, map[string][]string{"company": {"Amazon"}}, nil},
		{"OR of two", map[string][]string{"company": {"facebook", "amazon"}},
			[]string{"a-q1", "a-q2", "a-q3", "m-q1", "m-q2", "m-q3"}, map[string][]string{"company": {"Meta", "Amazon"}}, nil},
		{"difficulty", map[string][]string{"difficulty": {"hard"}},
			[]string{"a-q3", "g-q1"}, map[string][]string{"difficulty": {"Hard"}}, nil},
		{"category alias", map[string][]string{"category": {"dsa"}},
			[]string{"a-q1", "a-q2", "m-q1", "m-q3"}, map[string][]string{"category": {CategoryDSA}}, nil},
		{"role alias", map[string][]string{"role": {"sde"}},
			allQ, map[string][]string{"role": {"Software Engineer"}}, nil},
		{"two fields", map[string][]string{"company": {"fb"}, "difficulty": {"EASY"}},
			[]string{"m-q1"}, map[string][]string{"company": {"Meta"}, "difficulty": {"Easy"}}, nil},
		{"unknown company", map[string][]string{"company": {"foobar"}},
			nil, map[string][]string{"company": {"Foobar"}}, []string{`company "Foobar" matches no company in the index`}},
		{"unknown beside a known one", map[string][]string{"company": {"amazon", "Foobar", "FOOBAR"}},
			[]string{"a-q1", "a-q2", "a-q3"}, map[string][]string{"company": {"Amazon", "Foobar"}},
			[]string{`company "Foobar" matches no company in the index`}},
		{"unknown difficulty", map[string][]string{"difficulty": {"impossible"}, "company": {"amazon"}},
			nil, map[string][]string{"company": {"Amazon"}, "difficulty": {"Impossible"}},
			[]string{`difficulty "Impossible" matches no difficulty in the index`}},
		{"no filter", nil, allQ, map[string][]string{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := idx.Search(context.Background(), Request{Filters: tt.filters, Size: 50})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantIDs, ids(res)); diff != "" {
				t.Errorf("hits (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantFilters, res.Filters); diff != "" {
				t.Errorf("Filters (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantWarnings, res.Warnings); diff != "" {
				t.Errorf("Warnings (-want +got):\n%s", diff)
			}
			if tt.filters == nil {
				return
			}
			q := asQuery(tt.filters)
			byQuery, err := idx.Search(context.Background(), Request{Query: q, Size: 50})
			if err != nil {
				t.Fatalf("Search(q=%s): %v", q, err)
			}
			if diff := cmp.Diff(ids(byQuery), ids(res)); diff != "" {
				t.Errorf("filters and q=%s find other hits (-query +filters):\n%s", q, diff)
			}
		})
	}
}

// TestTickedFilterListedOnce checks that a ticked value typed in another
// spelling is listed in its facet under the indexed spelling, once, even
// when the facet's cut would hide it.
func TestTickedFilterListedOnce(t *testing.T) {
	idx := newLangIndex(t)
	tests := []struct {
		name      string
		field     string
		values    []string
		facetSize int
		want      []FacetValue
	}{
		{"listed anyway", "company", []string{"meta"}, 1,
			[]FacetValue{{Value: "Amazon", Count: 3}, {Value: "Meta", Count: 3}}},
		{"listed by the cut", "company", []string{"amazon"}, 10,
			[]FacetValue{{Value: "Amazon", Count: 3}, {Value: "Google", Count: 3}, {Value: "Meta", Count: 3}}},
		{"two spellings", "company", []string{"fb", "Meta"}, 1,
			[]FacetValue{{Value: "Amazon", Count: 3}, {Value: "Meta", Count: 3}}},
		{"alias", "category", []string{"dsa"}, 10,
			[]FacetValue{{Value: CategoryDSA, Count: 4}, {Value: "System Design", Count: 3}, {Value: "Other", Count: 2}}},
		{"unknown, at zero", "company", []string{"foobar"}, 1,
			[]FacetValue{{Value: "Amazon", Count: 3}, {Value: "Foobar", Count: 0}}},
	}
	for _, tt := range tests {
		res, err := idx.Search(context.Background(), Request{Filters: map[string][]string{tt.field: tt.values}, FacetSize: tt.facetSize})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, res.Facets[tt.field]); diff != "" {
			t.Errorf("%s: %s facet with %q ticked (-want +got):\n%s", tt.name, tt.field, tt.values, diff)
		}
	}
}

// TestCursorIgnoresTheSpellingOfFilters checks that a cursor holds for the
// same filters spelt otherwise (the seal hashes the canonical values), and
// not for other filters.
func TestCursorIgnoresTheSpellingOfFilters(t *testing.T) {
	idx := newLangIndex(t)
	ctx := context.Background()
	all, err := idx.Search(ctx, Request{Filters: map[string][]string{"category": {CategoryDSA}}, Size: 50})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, h := range all.Hits {
		want = append(want, h.ID)
	}
	// Each page spells the filter otherwise than the one its cursor came
	// from.
	spellings := []string{"dsa", "Data Structures & Algorithms", "DATA STRUCTURES AND ALGORITHMS", "leetcode"}
	var got []string
	cursor := ""
	for page := 0; page < 10; page++ {
		r := Request{Filters: map[string][]string{"category": {spellings[page%len(spellings)]}}, Size: 1, Cursor: cursor}
		res, err := idx.Search(ctx, r)
		if err != nil {
			t.Fatalf("page %d with category=%s: %v", page, r.Filters["category"][0], err)
		}
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		if res.NextCursor == "" {
			break
		}
		cursor = res.NextCursor
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pages by cursor (-all at once +paged):\n%s", diff)
	}

	first, err := idx.Search(ctx, Request{Filters: map[string][]string{"company": {"amazon"}}, Size: 1})
	if err != nil || first.NextCursor == "" {
		t.Fatalf("first page of company=amazon: %v, cursor %q", err, first.NextCursor)
	}
	if _, err := idx.Search(ctx, Request{Filters: map[string][]string{"company": {"Amazon"}}, Size: 1, Cursor: first.NextCursor}); err != nil {
		t.Errorf("cursor of company=amazon with company=Amazon: %v, want it accepted", err)
	}
	_, err = idx.Search(ctx, Request{Filters: map[string][]string{"company": {"google"}}, Size: 1, Cursor: first.NextCursor})
	var re *RequestError
	if !errors.As(err, &re) || !strings.Contains(re.Msg, "belongs to another search") {
		t.Errorf("cursor of company=amazon with company=google: error %v, want it refused", err)
	}
}

func TestFilterKey(t *testing.T) {
	tests := []struct {
		field, a, b string
		same        bool
	}{
		{"company", "amazon", "Amazon", true},
		{"company", " AMAZON ", "amazon", true},
		{"company", "foobar", "Foobar", true},
		{"difficulty", "hard", "HARD", true},
		{"category", "dsa", "DSA", true},
		{"company", "amazon", "google", false},
		// Mixed case is kept as spelt, so the echo of an unknown value
		// differs: another entry.
		{"company", "FooBar", "foobar", false},
		// One company, but resolved from other keys: another entry, the
		// same answer.
		{"company", "fb", "Meta", false},
	}
	for _, tt := range tests {
		if got := FilterKey(tt.field, tt.a) == FilterKey(tt.field, tt.b); got != tt.same {
			t.Errorf("FilterKey(%s, %q) == FilterKey(%s, %q) is %v, want %v", tt.field, tt.a, tt.field, tt.b, got, tt.same)
		}
	}
}
