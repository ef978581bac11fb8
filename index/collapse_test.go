package index_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/sampleclusters"
)

// A refGroup is one group of the reference: a cluster (or a question
// without one) with its best hit and how many hits it has.
type refGroup struct {
	ID        string // the best hit's
	Collapsed int
	Score     float64
}

// collapsedReference computes what the collapsed search r must answer by
// brute force: it pages through every hit of r uncollapsed (by cursor, so
// past the window too) and groups them by cluster in rank order, the first
// hit of a cluster being its best. It returns the groups, best first, and
// the first uncollapsed page (for its total and facets).
func collapsedReference(t *testing.T, idx *index.Index, r index.Request) ([]refGroup, *index.Result) {
	t.Helper()
	r.Collapse, r.From, r.Size = "", 0, index.MaxSize
	var first *index.Result
	var groups []refGroup
	at := map[string]int{} // cluster → position in groups
	for {
		res, err := idx.Search(context.Background(), r)
		if err != nil {
			t.Fatalf("Search(%+v): %v", r, err)
		}
		if first == nil {
			first = res
		}
		for _, h := range res.Hits {
			if h.Collapsed != 0 {
				t.Fatalf("uncollapsed Search(%+v) gave hit %s collapsed = %d, want none", r, h.ID, h.Collapsed)
			}
			if i, ok := at[h.Cluster]; ok && h.Cluster != "" {
				groups[i].Collapsed++
				continue
			}
			at[h.Cluster] = len(groups)
			groups = append(groups, refGroup{ID: h.ID, Collapsed: 1, Score: h.Score})
		}
		if res.NextCursor == "" {
			break
		}
		r.Cursor = res.NextCursor
	}
	return groups, first
}

func pageOf(res *index.Result) []refGroup {
	out := []refGroup{}
	for _, h := range res.Hits {
		out = append(out, refGroup{ID: h.ID, Collapsed: h.Collapsed, Score: h.Score})
	}
	return out
}

// TestCollapseAgainstBruteForce checks collapsed searches (one hit per
// question cluster) against a reference computed from every hit of the
// uncollapsed search, with one worker and with two: the groups, the best
// of each by the sort, their counts, the number of groups, paging by page
// and by cursor; and that total, facets and dates are the uncollapsed
// search's.
func TestCollapseAgainstBruteForce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 30,000-document index; skipped with -short")
	}
	// Every seventh question has no cluster, as in an index built without
	// clustering, and every eleventh one of its own: each is a group of
	// its own.
	exps := sampleExperiences(2400, 5)
	sampleclusters.Assign(exps)
	n := 0
	for i := range exps {
		for j := range exps[i].Questions {
			q := &exps[i].Questions[j]
			switch n++; {
			case n%7 == 0:
				q.Cluster, q.ClusterTitle, q.AskedAt = "", "", 0
			case n%11 == 0:
				q.Cluster, q.ClusterTitle, q.AskedAt = fmt.Sprintf("alone-%d", n), q.Title, 1
			}
		}
	}
	idx, err := indexOf(t.TempDir(), exps)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if n, _ := idx.DocCount(); n < 20000 {
		t.Fatalf("index has %d documents, want at least 20,000 so that two workers run", n)
	}
	ctx := context.Background()
	// A cluster asked often, for a search inside one cluster.
	top, err := idx.Search(ctx, index.Request{Sort: "asked", Size: 1})
	if err != nil || len(top.Hits) == 0 || top.Hits[0].Cluster == "" {
		t.Fatalf("Search(sort=asked) = %v, %v; want a hit with a cluster", top, err)
	}
	often := top.Hits[0].Cluster

	tests := []index.Request{
		{Query: "design"},
		{Query: "design", Filters: map[string][]string{"company": {"Amazon"}}},
		{Query: "design", Sort: "date", Size: 25},
		{Query: "design", Sort: "date_asc", From: 10, Size: 25},
		{Sort: "date_asc", DateFrom: "2021-03", DateTo: "2023", From: 50},
		{Query: "design", Sort: "asked", From: 30, Size: 15},
		{Query: "cache", Sort: "asked"},
		{},
		{Filters: map[string][]string{"company": {"Amazon", "Google"}}, Sort: "asked", From: 100, Size: 50},
		{Query: "binary search", Filters: map[string][]string{"difficulty": {"Medium", "Hard"}}, From: 20},
		{Query: `"system design"`, From: 40, Size: 20},
		{Query: "tell me about yourself", Filters: map[string][]string{"status": {"Offer"}}},
		{Query: "design -cache", Sort: "date", From: 9990},
		{Cluster: often},
		{Query: "zzzzunknownword"},
	}
	sawRepeats, sawNone, sawAlone := false, false, false
	for _, r := range tests {
		groups, plain := collapsedReference(t, idx, r)
		for _, g := range groups {
			sawRepeats = sawRepeats || g.Collapsed > 1
		}
		for _, h := range plain.Hits {
			sawNone = sawNone || h.Cluster == ""
			sawAlone = sawAlone || strings.HasPrefix(h.Cluster, "alone-")
		}
		c := r
		c.Collapse = index.CollapseCluster
		var byWorkers []*index.Result
		for _, w := range []int{1, 2} {
			old := index.SetWorkers(w)
			got, err := idx.Search(ctx, c)
			index.SetWorkers(old)
			if err != nil {
				t.Fatalf("Search(%+v) with %d workers: %v", c, w, err)
			}
			byWorkers = append(byWorkers, got)
			size := c.Size
			if size == 0 {
				size = askedat.DefaultSize
			}
			want := []refGroup{}
			if c.From < len(groups) {
				want = groups[c.From:min(len(groups), c.From+size)]
			}
			if diff := cmp.Diff(want, pageOf(got), cmpopts.EquateApprox(0, 1e-9)); diff != "" {
				t.Errorf("Search(%+v) with %d workers: hits (-want +got):\n%s", c, w, diff)
			}
			if got.Groups != uint64(len(groups)) {
				t.Errorf("Search(%+v) with %d workers: groups = %d, want %d", c, w, got.Groups, len(groups))
			}
			if got.Total != plain.Total {
				t.Errorf("Search(%+v) with %d workers: total = %d, want %d (the uncollapsed search's)", c, w, got.Total, plain.Total)
			}
			if diff := cmp.Diff(plain, got, cmpopts.IgnoreFields(index.Result{}, "Took", "Hits", "Groups", "NextCursor")); diff != "" {
				t.Errorf("Search(%+v) with %d workers: facets or dates differ from the uncollapsed search's (-uncollapsed +collapsed):\n%s", c, w, diff)
			}
		}
		if diff := cmp.Diff(byWorkers[0], byWorkers[1], cmpopts.IgnoreFields(index.Result{}, "Took"), cmpopts.EquateApprox(0, 1e-9)); diff != "" {
			t.Errorf("Search(%+v): two workers differ from one (-one +two):\n%s", c, diff)
		}
	}
	if !sawRepeats || !sawNone || !sawAlone {
		t.Errorf("clusters asked several times: %v, questions without a cluster: %v, alone in theirs: %v; the test needs all", sawRepeats, sawNone, sawAlone)
	}

	// Cursors page over the groups, past the window, to the last.
	for _, r := range []index.Request{{Query: "design", Size: 7}, {Sort: "date", Size: 100}, {Query: "cache", Sort: "asked", Size: 3}} {
		groups, _ := collapsedReference(t, idx, r)
		for _, w := range []int{1, 2} {
			old := index.SetWorkers(w)
			c := r
			c.Collapse = index.CollapseCluster
			got := []refGroup{}
			for pages := 0; ; pages++ {
				res, err := idx.Search(ctx, c)
				if err != nil {
					t.Fatalf("Search(%+v) with %d workers: %v", c, w, err)
				}
				got = append(got, pageOf(res)...)
				if res.NextCursor == "" || pages > len(groups) {
					break
				}
				c.Cursor = res.NextCursor
			}
			index.SetWorkers(old)
			if diff := cmp.Diff(groups, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
				t.Errorf("paging Search(%+v) by cursor with %d workers (-want +got):\n%s", r, w, diff)
			}
		}
	}
}

// TestCollapseRefusals checks the requests a collapsed search refuses, and
// that a cursor of a collapsed search does not page an uncollapsed one (or
// the other way round).
func TestCollapseRefusals(t *testing.T) {
	idx, err := sampleIndex(t.TempDir(), 60, 3)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	ctx := context.Background()
	collapsed, err := idx.Search(ctx, index.Request{Query: "design", Size: 2, Collapse: index.CollapseCluster})
	if err != nil || collapsed.NextCursor == "" {
		t.Fatalf("Search(design, collapsed) = %v, %v; want a next cursor", collapsed, err)
	}
	plain, err := idx.Search(ctx, index.Request{Query: "design", Size: 2})
	if err != nil || plain.NextCursor == "" {
		t.Fatalf("Search(design) = %v, %v; want a next cursor", plain, err)
	}
	tests := []struct {
		r    index.Request
		want string
	}{
		{index.Request{Query: "design", Collapse: "cluster", Type: index.TypeExperience}, "experiences have none"},
		{index.Request{Collapse: "question"}, `collapse "question" is not one of cluster`},
		{index.Request{Collapse: "Cluster"}, `collapse "Cluster" is not one of cluster`},
		{index.Request{Query: "design", Size: 2, Cursor: collapsed.NextCursor}, "belongs to another search"},
		{index.Request{Query: "design", Size: 2, Collapse: index.CollapseCluster, Cursor: plain.NextCursor}, "belongs to another search"},
	}
	for _, tt := range tests {
		_, err := idx.Search(ctx, tt.r)
		var re *index.RequestError
		if !errors.As(err, &re) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Search(%+v) = %v, want a RequestError saying %q", tt.r, err, tt.want)
		}
	}
}
