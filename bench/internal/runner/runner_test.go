package runner

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/askedat/askedat/bench/internal/engine"
	"github.com/askedat/askedat/bench/internal/mix"
)

// fake answers every query at once with its number of words as the total,
// and fails queries of class "bad".
type fake struct{ calls atomic.Int64 }

func (f *fake) Search(ctx context.Context, q mix.Query) (*engine.Result, error) {
	f.calls.Add(1)
	if q.Class == "bad" {
		return nil, errors.New("boom")
	}
	return &engine.Result{Total: int64(len(q.Parts))}, nil
}
func (f *fake) Memory() engine.Memory { return engine.Memory{RSSBytes: 1} }
func (f *fake) Close() error          { return nil }

func mixOf(classes ...string) []mix.Query {
	var qs []mix.Query
	for _, c := range classes {
		qs = append(qs, mix.Query{Class: c, Text: "a b", Parts: []mix.Part{{Words: []string{"a"}}, {Words: []string{"b"}}}})
	}
	return qs
}

func TestRun(t *testing.T) {
	f := &fake{}
	qs := mixOf("common", "rare", "common", "bad")
	cfg := Config{Clients: []int{1, 3}, Passes: 2, Warmup: 2, MaxPhase: time.Minute, Timeout: time.Second}
	res, err := Run(context.Background(), f, "fake", qs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.calls.Load(), int64(4*2+4*2+4*2); got != want {
		t.Errorf("%d searches, want %d (2 warm-up passes, 2 passes at 1 and at 3 clients)", got, want)
	}
	if len(res.Queries) != 4 || res.Queries[0].Result.Total != 2 || res.Queries[3].Error != "boom" {
		t.Errorf("outcomes = %+v, want 4 with total 2 and the last failed", res.Queries)
	}
	if res.NErrors != 1+2+2 || len(res.Errors) != 5 {
		t.Errorf("NErrors = %d, %d messages; want 5 and 5", res.NErrors, len(res.Errors))
	}
	if len(res.Phases) != 2 {
		t.Fatalf("%d phases, want 2", len(res.Phases))
	}
	p := res.Phase(1)
	if p.Queries != 6 || p.Errors != 2 || p.ByClass["common"].N != 4 || p.ByClass["rare"].N != 2 || p.All.N != 6 || p.QPS <= 0 {
		t.Errorf("1-client phase = %+v; want 6 answered (4 common, 2 rare), 2 errors", p)
	}
	if res.Phase(3) == nil || res.Phase(3).Queries != 6 || res.Phase(8) != nil {
		t.Errorf("phases = %+v, want one of 3 clients with 6 answers and none of 8", res.Phases)
	}
	if res.Memory.RSSBytes != 1 {
		t.Errorf("Memory = %+v, want the target's", res.Memory)
	}
}

// slow takes 20 ms per search.
type slow struct{ fake }

func (s *slow) Search(ctx context.Context, q mix.Query) (*engine.Result, error) {
	time.Sleep(20 * time.Millisecond)
	return s.fake.Search(ctx, q)
}

// TestRunBounded checks that a phase stops at MaxPhase, except that one
// client completes its first pass.
func TestRunBounded(t *testing.T) {
	s := &slow{}
	qs := mixOf("a", "b", "c", "d", "e")
	cfg := Config{Clients: []int{1, 2}, Passes: 100, Warmup: 1, MaxPhase: 30 * time.Millisecond, Timeout: time.Second}
	res, err := Run(context.Background(), s, "slow", qs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	one, two := res.Phase(1), res.Phase(2)
	if !one.Cut || one.Queries != len(qs) {
		t.Errorf("1 client: %d queries, cut %v; want one pass (%d) and cut", one.Queries, one.Cut, len(qs))
	}
	if !two.Cut || two.Queries >= 2*len(qs) {
		t.Errorf("2 clients: %d queries, cut %v; want fewer than %d and cut", two.Queries, two.Cut, 2*len(qs))
	}
}
