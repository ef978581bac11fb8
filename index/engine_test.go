package index_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/askedat/askedat/index"
)

// TestEngineAgainstBleveAndItself builds a generated index big enough for
// two workers (about 30,000 documents) and checks, over a mix of queries,
// that the one-pass engine's totals equal bleve's own search, and that two
// workers answer exactly what one does: hits, scores, facets.
func TestEngineAgainstBleveAndItself(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 30,000-document index; skipped with -short")
	}
	idx, err := sampleIndex(t.TempDir(), 2400, 5)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if n, _ := idx.DocCount(); n < 20000 {
		t.Fatalf("index has %d documents, want at least 20,000 so that two workers run", n)
	}

	reqs := []index.Request{
		{},
		{Query: "design"},
		{Query: "cache", Sort: "date", Size: 25},
		{Query: "binary search", Filters: map[string][]string{"difficulty": {"Medium", "Hard"}}},
		{Query: `"linked list"`},
		{Query: `"system design" scalable`, Filters: map[string][]string{"company": {"Amazon", "Google"}}},
		{Filters: map[string][]string{"company": {"Amazon"}, "category": {"Behavioral"}}, From: 20, Size: 10},
		{Query: "interview", Type: index.TypeExperience, FacetSize: 50},
		{Query: "tell me about yourself", Filters: map[string][]string{"status": {"Offer"}}},
		{Query: "zzzzunknownword"},
	}
	ctx := context.Background()
	for _, r := range reqs {
		old := index.SetWorkers(1)
		one, err := idx.Search(ctx, r)
		index.SetWorkers(2)
		two, err2 := idx.Search(ctx, r)
		index.SetWorkers(old)
		if err != nil || err2 != nil {
			t.Fatalf("Search(%+v): %v, %v", r, err, err2)
		}
		if diff := cmp.Diff(one, two, cmpopts.IgnoreFields(index.Result{}, "Took"), cmpopts.EquateApprox(0, 1e-9)); diff != "" {
			t.Errorf("Search(%+v): two workers differ from one (-one +two):\n%s", r, diff)
		}
		want, err := index.BleveTotal(idx, r)
		if err != nil {
			t.Fatal(err)
		}
		if one.Total != want {
			t.Errorf("Search(%+v).Total = %d, bleve counts %d", r, one.Total, want)
		}
		if r.Query == "design" && one.Total < 100 {
			t.Errorf("Search(design).Total = %d; the mix needs common words", one.Total)
		}
	}
}
