package index_test

import (
	"bufio"
	"context"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/askedat/askedat/index"
)

// BenchmarkBigMix runs the bench's query mix (BIG_MIX, a file such as
// bench/queries-real.txt: class, q, filters, tab-separated) over an index
// built elsewhere (BIG_INDEX), one sub-benchmark per query, named by its
// class and line. Besides wall time it reports cpu-ms/op, the process's
// user+system CPU time per search, which a shared machine moves far less:
//
//	BIG_INDEX=data/bench/1m-real/askedat/index BIG_MIX=bench/queries-real.txt \
//	    go test -run=NONE -bench='BigMix/and' -benchtime=10x -count=5 \
//	    -cpuprofile=cpu.prof ./index && go tool pprof -top index.test cpu.prof
//
// BIG_WORKERS=1 makes every search use one worker, as searchd does when
// another search is in flight.
func BenchmarkBigMix(b *testing.B) {
	dir, mixFile := os.Getenv("BIG_INDEX"), os.Getenv("BIG_MIX")
	if dir == "" || mixFile == "" {
		b.Skip("BIG_INDEX or BIG_MIX not set")
	}
	if os.Getenv("BIG_WORKERS") == "1" {
		defer index.SetWorkers(index.SetWorkers(1))
	}
	reqs, names, err := readMix(mixFile)
	if err != nil {
		b.Fatal(err)
	}
	idx, err := index.OpenReadOnly(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer idx.Close()
	if err := idx.Warm(context.Background()); err != nil {
		b.Fatal(err)
	}
	for i, r := range reqs {
		b.Run(names[i], func(b *testing.B) {
			var total uint64
			cpu0 := cpuTime(b)
			for n := 0; n < b.N; n++ {
				res, err := idx.Search(context.Background(), r)
				if err != nil {
					b.Fatal(err)
				}
				total = uint64(res.Total)
			}
			b.ReportMetric(float64(cpuTime(b)-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(total), "hits")
		})
	}
}

// readMix reads a query mix: each line's request and a name, its class and
// line number.
func readMix(file string) ([]index.Request, []string, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	var reqs []index.Request
	var names []string
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		t := sc.Text()
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		fields := strings.Split(t, "\t")
		for len(fields) < 3 {
			fields = append(fields, "")
		}
		r := index.Request{Query: fields[1]}
		if fields[2] != "" {
			v, err := url.ParseQuery(fields[2])
			if err != nil {
				return nil, nil, err
			}
			r.Filters = v
		}
		reqs = append(reqs, r)
		names = append(names, fields[0]+"/"+strings.NewReplacer(" ", "_", `"`, "").Replace(fields[1]))
	}
	return reqs, names, sc.Err()
}
