package index_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/askedat/askedat/index"
)

// The hot paths of a search, on a generated index of about 60,000 documents
// with their clusters (built once per run). For profiles:
//
//	go test -run=NONE -bench=Search -benchtime=200x -cpuprofile=cpu.prof ./index
//	go test -run=NONE -bench=Search -benchtime=200x -memprofile=mem.prof ./index
//	go tool pprof -top cpu.prof
var (
	benchOnce sync.Once
	benchIdx  *index.Index
	benchErr  error
)

func benchIndex(b *testing.B) *index.Index {
	benchOnce.Do(func() {
		benchIdx, benchErr = clusteredIndex(b.TempDir(), 4800, 9)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchIdx
}

func BenchmarkSearch(b *testing.B) {
	idx := benchIndex(b)
	cases := []struct {
		name string
		req  index.Request
	}{
		{"common", index.Request{Query: "explain"}},
		{"common+collapse", index.Request{Query: "explain", Collapse: index.CollapseCluster}},
		{"rare", index.Request{Query: "kafka"}},
		{"two-words", index.Request{Query: "binary search"}},
		{"phrase", index.Request{Query: `"linked list"`}},
		{"common+filters", index.Request{Query: "design", Filters: map[string][]string{"company": {"Amazon"}, "difficulty": {"Hard"}}}},
		{"no-text", index.Request{}},
		{"no-text+collapse", index.Request{Collapse: index.CollapseCluster}},
		{"no-text+filter", index.Request{Filters: map[string][]string{"company": {"Google"}}}},
		{"experiences", index.Request{Query: "django", Type: index.TypeExperience}},
		{"experiences-two-words", index.Request{Query: "binary search", Type: index.TypeExperience}},
		// found too little as typed: relaxed, down to any one word
		{"relaxed", index.Request{Query: "kafka zebra"}},
		{"relaxed-long", index.Request{Query: "how does kafka partition rebalancing work for consumers"}},
		// a question word beside a common word: the word decides, the
		// question word only scores
		{"filler+common", index.Request{Query: "explain design"}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := idx.Search(context.Background(), c.req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCollapseSmallClusters is collapse's worst case: clusters of
// two questions, so that nearly every match of a common word is a group of
// its own in the per-cluster arrays (a question alone in its cluster, as
// most are in real data, costs no more than uncollapsed; the generated
// index's few hundred large clusters cost less). The index is the
// benchmark's, its questions paired into clusters in the order written.
func BenchmarkCollapseSmallClusters(b *testing.B) {
	smallOnce.Do(func() {
		exps := sampleExperiences(4800, 9)
		n := 0
		for i := range exps {
			for j := range exps[i].Questions {
				q := &exps[i].Questions[j]
				q.Cluster, q.ClusterTitle, q.AskedAt = fmt.Sprintf("pair-%d", n/2), q.Title, 2
				n++
			}
		}
		smallIdx, smallErr = indexOf(b.TempDir(), exps)
	})
	if smallErr != nil {
		b.Fatal(smallErr)
	}
	for _, c := range []struct {
		name string
		req  index.Request
	}{
		{"common", index.Request{Query: "explain"}},
		{"common+collapse", index.Request{Query: "explain", Collapse: index.CollapseCluster}},
		{"no-text", index.Request{}},
		{"no-text+collapse", index.Request{Collapse: index.CollapseCluster}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := smallIdx.Search(context.Background(), c.req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

var (
	smallOnce sync.Once
	smallIdx  *index.Index
	smallErr  error
)

func BenchmarkWarm(b *testing.B) {
	idx := benchIndex(b)
	for i := 0; i < b.N; i++ {
		idx.Close()
		var err error
		if idx, err = index.Open(idx.Path()); err != nil {
			b.Fatal(err)
		}
		if err := idx.Warm(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	benchIdx = idx
}
