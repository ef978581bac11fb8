package index_test

import (
	"context"
	"os"
	"testing"

	"github.com/askedat/askedat/index"
)

// BenchmarkBigIndex searches an index built elsewhere, such as the bench's
// million questions, with a CPU profile:
//
//	BIG_INDEX=data/bench/1m/askedat/index go test -run=NONE -bench=BigIndex \
//	    -benchtime=20x -cpuprofile=cpu.prof ./index && go tool pprof -top index.test cpu.prof
func BenchmarkBigIndex(b *testing.B) {
	dir := os.Getenv("BIG_INDEX")
	if dir == "" {
		b.Skip("BIG_INDEX not set")
	}
	idx, err := index.OpenReadOnly(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	idx.Warm(context.Background())
	for _, q := range []string{"interview", "round", "asked", "explain design", `"system design"`} {
		for _, collapse := range []string{"", index.CollapseCluster} {
			name := q
			if collapse != "" {
				name += "+collapse"
			}
			b.Run(name, func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					if _, err := idx.Search(context.Background(), index.Request{Query: q, Collapse: collapse}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
