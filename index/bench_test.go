package index_test

import (
	"context"
	"sync"
	"testing"

	"askedat/index"
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
