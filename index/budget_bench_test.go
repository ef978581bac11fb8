package index_test

import (
	"context"
	"math/rand/v2"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/askedat/askedat/index"
)

// hostileQuery is the query of the outside review (issue 14): words of
// maxFuzzyRunes (24) random letters, each of which the index does not
// know, so that each is looked up for typos, the search finds nothing and
// "did you mean" re-searches it with each word dropped.
func hostileQuery(words int, seed uint64) string {
	r := rand.New(rand.NewPCG(seed, 14))
	ws := make([]string, words)
	for i := range ws {
		b := make([]byte, 24)
		for j := range b {
			b[j] = byte('a' + r.IntN(26))
		}
		ws[i] = string(b)
	}
	return strings.Join(ws, " ")
}

// BenchmarkHostile measures the CPU of the hostile query against that of a
// normal typo query and a relaxed one, on the benchmark's index:
//
//	go test -run=NONE -bench=Hostile -benchtime=10x ./index
//
// cpu-ms/op is the process's CPU time (user and system, getrusage) per
// search: on a machine shared with other jobs it says more than ns/op,
// the wall time, which includes waiting for a core.
func BenchmarkHostile(b *testing.B) {
	idx := benchIndex(b)
	cases := []struct {
		name string
		req  index.Request
	}{
		{"8x24-questions", index.Request{Query: hostileQuery(8, 1)}},
		{"8x24-experiences", index.Request{Query: hostileQuery(8, 1), Type: index.TypeExperience}},
		{"typo", index.Request{Query: "recursoin"}},
		{"relaxed-long", index.Request{Query: "how does kafka partition rebalancing work for consumers"}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			cpu0 := cpuTime(b)
			for i := 0; i < b.N; i++ {
				res, err := idx.Search(context.Background(), c.req)
				if err != nil {
					b.Fatal(err)
				}
				if i == 0 {
					b.Logf("total %d, suggestion %q, partial %v %s", res.Total, res.Suggestion, res.Partial, res.PartialReason)
				}
			}
			b.ReportMetric(float64(cpuTime(b)-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuTime is the CPU time the process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
