package main

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/internal/cluster"
	"github.com/askedat/askedat/internal/datadir"
)

func TestUpdateWithRepeatedIDsIsIdempotent(t *testing.T) {
	exps := sampleDocs(20, 5)
	a := exps[3]
	edited := a
	edited.Title += " (edited)"
	tests := []struct {
		name        string
		lines       []askedat.Experience
		wantSwitch  bool // the first run
		wantChanged int
		wantTitle   string
	}{
		{"A then A′", []askedat.Experience{a, edited}, true, 1, edited.Title},
		{"A′ then A", []askedat.Experience{edited, a}, false, 0, a.Title},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, _ := reindexed(t, exps)
			dd := datadir.Dir{Path: data}
			changes := writeDocs(t, tt.lines)
			var versions []string
			for run := 1; run <= 3; run++ {
				before := mustCurrent(t, dd)
				rep, err := Update(context.Background(), jobConfig(data, changes), &bytes.Buffer{})
				if err != nil {
					t.Fatalf("run %d: Update: %v", run, err)
				}
				wantSwitch, wantChanged := run == 1 && tt.wantSwitch, 0
				if run == 1 {
					wantChanged = tt.wantChanged
				}
				got := fmt.Sprintf("changed %d, superseded %d, switched %v", rep.Changed, rep.Superseded, rep.Switched)
				if want := fmt.Sprintf("changed %d, superseded 1, switched %v", wantChanged, wantSwitch); got != want {
					t.Errorf("run %d: %s, want %s", run, got, want)
				}
				if now := mustCurrent(t, dd); (now != before) != wantSwitch {
					t.Errorf("run %d: current went from %s to %s, want a switch: %v", run, before, now, wantSwitch)
				}
				v, _ := dd.Versions()
				if run > 1 {
					if diff := cmp.Diff(versions, v); diff != "" {
						t.Errorf("run %d: versions changed (-want +got):\n%s", run, diff)
					}
				}
				versions = v
				if p, _ := dd.Partials(); len(p) != 0 {
					t.Errorf("run %d: partial versions left: %v", run, p)
				}
			}
			idx, _ := openCurrent(t, data)
			if e, err := idx.Experience(context.Background(), a.ID); err != nil || e.Title != tt.wantTitle {
				t.Errorf("experience %s = %v, %v; want title %q (the last line)", a.ID, e, err, tt.wantTitle)
			}
		})
	}
}

// cancelOn is a log writer that cancels a context once a line containing
// trigger is written: an interruption at a known point, in process.
type cancelOn struct {
	mu      sync.Mutex
	trigger string
	cancel  context.CancelFunc
	buf     bytes.Buffer
}

func (c *cancelOn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.buf.Write(p)
	if strings.Contains(c.buf.String(), c.trigger) {
		c.cancel()
	}
	return len(p), nil
}

func TestUpdateClusterCountsDoNotDependOnBatches(t *testing.T) {
	base := append(sampleDocs(15, 6), askedat.Experience{
		ID: "old1", URL: "http://sample.test/old1", Title: "Acme loop", Company: "Acme", Role: "Software Engineer", Date: "2025-01-01",
		Questions: []askedat.Question{{Ordinal: 1, Title: "Quokka zebra permutations", Category: "Other"}},
	})
	var news []askedat.Experience
	for i, co := range []string{"Pco", "Qco", "Pco"} {
		news = append(news, askedat.Experience{
			ID: fmt.Sprintf("new%d", i+1), URL: fmt.Sprintf("http://sample.test/new%d", i+1), Title: co + " loop", Company: co, Role: "Software Engineer", Date: "2025-02-01",
			Questions: []askedat.Question{
				{Ordinal: 1, Title: "Quokka zebra permutations", Category: "Other"}, // asked at Acme before
				{Ordinal: 2, Title: "Wombat yak rotations", Category: "Other"},      // new
			},
		})
	}
	changes := writeDocs(t, news)
	// The first question was asked at Acme; then Pco, Qco, and Pco again.
	want := [][2]int{{2, 1}, {3, 2}, {3, 2}}

	counts := func(t *testing.T, data string) [][2]int {
		t.Helper()
		idx, _ := openCurrent(t, data)
		var got [][2]int
		var clusters [2][]string
		for _, n := range news {
			e, err := idx.Experience(context.Background(), n.ID)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, [2]int{e.Questions[0].AskedAt, e.Questions[1].AskedAt})
			for i := range 2 {
				clusters[i] = append(clusters[i], e.Questions[i].Cluster)
			}
		}
		for i, cs := range clusters {
			if len(slices.Compact(slices.Clone(cs))) != 1 {
				t.Errorf("question %d of the new experiences is in clusters %v, want one", i+1, cs)
			}
		}
		old, err := idx.Experience(context.Background(), "old1")
		if err != nil || old.Questions[0].Cluster != clusters[0][0] {
			t.Errorf("the question asked at Acme is in cluster %v (%v), want %s, that of the new ones", old, err, clusters[0][0])
		}
		return got
	}
	for _, tt := range []struct {
		name      string
		batch     int
		interrupt string // cancel the first run once this is logged
	}{
		{"batch 100", 100, ""},
		{"batch 1", 1, ""},
		{"batch 1, interrupted after batch 1", 1, batchDone(1)},
		{"batch 1, interrupted after batch 2", 1, batchDone(2)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data, _ := reindexed(t, base)
			cfg := jobConfig(data, changes)
			cfg.BatchSize = tt.batch
			if tt.interrupt != "" {
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				if _, err := Update(ctx, cfg, &cancelOn{trigger: tt.interrupt, cancel: cancel}); err == nil {
					t.Fatal("the interrupted update did not stop")
				}
			}
			rep, err := Update(context.Background(), cfg, &bytes.Buffer{})
			if err != nil || !rep.Switched {
				t.Fatalf("Update = %v (switched %v)", err, rep.Switched)
			}
			if (rep.Resumed != nil) != (tt.interrupt != "") {
				t.Errorf("resumed = %+v, want it set only after an interruption", rep.Resumed)
			}
			if diff := cmp.Diff(want, counts(t, data)); diff != "" {
				t.Errorf("asked at of the new experiences' questions (-want +got):\n%s", diff)
			}
		})
	}
}

// A cluster asked at more companies than one page of hits holds is counted
// whole.
func TestRunClustersCountEveryCompanyOfACluster(t *testing.T) {
	var exps []askedat.Experience
	for i := range 150 {
		exps = append(exps, askedat.Experience{
			ID: fmt.Sprintf("e%d", i), Title: "loop", Company: fmt.Sprintf("Company %03d", i%120), Date: "2025-01-01",
			Questions: []askedat.Question{{Ordinal: 1, Title: "Quokka zebra permutations"}},
		})
	}
	data, _ := reindexed(t, exps)
	idx, _ := openCurrent(t, data)
	e, err := idx.Experience(context.Background(), "e0")
	if err != nil {
		t.Fatal(err)
	}
	c := e.Questions[0]
	if c.AskedAt != 120 {
		t.Fatalf("reindex counted %d companies, want 120", c.AskedAt)
	}
	rc := newRunClusters(idx)
	for _, tt := range []struct {
		company string
		want    int
	}{{"Company 007", 120}, {"", 120}, {"New Co", 121}, {"New Co", 121}, {"Other Co", 122}} {
		got, err := rc.count(context.Background(), c.Cluster, tt.company)
		if err != nil || got != tt.want {
			t.Errorf("count(%s, %q) = %d, %v; want %d", c.Cluster, tt.company, got, err, tt.want)
		}
	}
	title := "quokka zebra permutations!"
	q, err := rc.join(context.Background(), title, cluster.Key(title), "Third Co")
	if err != nil || q.Cluster != c.Cluster || q.AskedAt != 123 {
		t.Errorf("join = %+v, %v; want cluster %s asked at 123", q, err, c.Cluster)
	}
}

// TestBuildGroupsOneQuestionToldTwoWays checks that a build groups the
// questions of problems the catalogue says are one question (its same
// lines) and keeps apart those it does not.
func TestBuildGroupsOneQuestionToldTwoWays(t *testing.T) {
	titles := []string{
		"Find the celebrity in a party",                              // celebrity-problem
		"Find the town judge",                                        // same celebrity-problem
		"Minimum number of platforms required for a railway station", // minimum-platforms
		"Meeting rooms II",                                           // same meeting-rooms-ii
		"Course schedule",                                            // course-schedule, not the two above
	}
	var exps []askedat.Experience
	for i, title := range titles {
		exps = append(exps, askedat.Experience{
			ID: fmt.Sprintf("e%d", i), Title: "loop", Company: fmt.Sprintf("Company %d", i), Date: "2025-01-01",
			Questions: []askedat.Question{{Ordinal: 1, Title: title}},
		})
	}
	data, _ := reindexed(t, exps)
	idx, _ := openCurrent(t, data)
	clusters := make([]string, len(titles))
	for i := range titles {
		e, err := idx.Experience(context.Background(), fmt.Sprintf("e%d", i))
		if err != nil {
			t.Fatal(err)
		}
		clusters[i] = e.Questions[0].Cluster
	}
	for _, tt := range []struct {
		a, b int
		want bool
	}{{0, 1, true}, {2, 3, true}, {0, 2, false}, {1, 4, false}, {3, 4, false}} {
		if got := clusters[tt.a] == clusters[tt.b]; got != tt.want {
			t.Errorf("%q and %q in one cluster = %v, want %v (clusters %v)", titles[tt.a], titles[tt.b], got, tt.want, clusters)
		}
	}
}
