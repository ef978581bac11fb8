package index_test

import (
	"context"
	"os"
	"testing"
	"time"

	"askedat/index"
)

func TestProbeBig(t *testing.T) {
	dir := os.Getenv("BIG_INDEX")
	if dir == "" {
		t.Skip()
	}
	idx, err := index.OpenReadOnly(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	idx.Warm(context.Background())
	for _, q := range []string{"interview", "round", "asked", "explain design", `"system design"`, "", "design"} {
		for _, c := range []string{"", "cluster"} {
			st := time.Now()
			r, err := idx.Search(context.Background(), index.Request{Query: q, Collapse: c})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%q collapse=%q total=%d groups=%d took=%v first=%q n=%d", q, c, r.Total, r.Groups, time.Since(st), r.Hits[0].Title, r.Hits[0].Collapsed)
		}
	}
}
