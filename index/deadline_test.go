package index_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/askedat/askedat/index"
)

// expiring is a context whose deadline passes after its Err has answered
// nil allow times: a deadline that falls in the middle of a search at a
// known point, whatever the machine's speed.
type expiring struct {
	context.Context
	allow atomic.Int64
}

func expireAfter(parent context.Context, allow int64) *expiring {
	c := &expiring{Context: parent}
	c.allow.Store(allow)
	return c
}

func (c *expiring) Err() error {
	if c.allow.Add(-1) < 0 {
		return context.DeadlineExceeded
	}
	return nil
}

// deadlineIndex builds a generated index of about 25,000 documents: big
// enough that a scan passes many context checks, and that two workers run.
func deadlineIndex(t *testing.T) *index.Index {
	t.Helper()
	idx, err := sampleIndex(t.TempDir(), 2000, 3)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return idx
}

// TestDeadlines checks that searches stop at their context's deadline,
// wherever it passes, over one generated index.
func TestDeadlines(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 25,000-document index; skipped with -short")
	}
	idx := deadlineIndex(t)
	t.Run("during the scan", func(t *testing.T) { testStopsDuringScan(t, idx) })
	t.Run("before the search", func(t *testing.T) { testExpiredContext(t, idx) })
	t.Run("in did you mean", func(t *testing.T) { testDidYouMeanStops(t, idx) })
}

// testStopsDuringScan runs searches whose deadline passes during the scan,
// and checks that each returns an error wrapping context.DeadlineExceeded
// after visiting at most CheckEvery matches per context check it passed
// (not the whole scan), with no goroutine left running.
func testStopsDuringScan(t *testing.T, idx *index.Index) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	for _, workers := range []int{1, 2} {
		old := index.SetWorkers(workers)
		for _, q := range []string{"", "interview", "design OR round"} {
			r := index.Request{Query: q}
			full, all, err := index.SearchVisiting(context.Background(), idx, r)
			if err != nil {
				t.Fatalf("Search(%q): %v", q, err)
			}
			const allow = 2
			if all <= (allow+1)*index.CheckEvery || full.Total == 0 {
				t.Fatalf("Search(%q) visits %d matches; the test needs more than %d", q, all, (allow+1)*index.CheckEvery)
			}

			res, visited, err := index.SearchVisiting(expireAfter(context.Background(), allow), idx, r)
			if !errors.Is(err, context.DeadlineExceeded) || res != nil {
				t.Errorf("workers %d: Search(%q) past its deadline = %v, %v; want no result and an error wrapping context.DeadlineExceeded", workers, q, res, err)
			}
			// Each check of the context that passed lets a worker visit
			// at most CheckEvery more matches.
			if got, most := visited, uint64(allow*index.CheckEvery); got > most {
				t.Errorf("workers %d: Search(%q) visited %d of %d matches after its deadline passed, want at most %d", workers, q, got, all, most)
			}
		}
		index.SetWorkers(old)
	}
}

// testExpiredContext checks that a search whose deadline has passed before
// it starts visits nothing.
func testExpiredContext(t *testing.T, idx *index.Index) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	for _, q := range []string{"", "interview", "djnago", "recurs*"} {
		ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
		res, visited, err := index.SearchVisiting(ctx, idx, index.Request{Query: q})
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) || res != nil {
			t.Errorf("Search(%q) with an expired context = %v, %v; want an error wrapping context.DeadlineExceeded", q, res, err)
		}
		if n := visited; n != 0 {
			t.Errorf("Search(%q) with an expired context visited %d matches, want 0", q, n)
		}
	}
}

// testDidYouMeanStops checks that the searches "did you mean" makes for a
// query that found nothing stop at the deadline too, and that the search
// then fails rather than answering without a suggestion.
func testDidYouMeanStops(t *testing.T, idx *index.Index) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	const q = `"system design" zzzzunknownword`
	full, err := idx.Search(context.Background(), index.Request{Query: q})
	if err != nil || full.Total != 0 || full.Suggestion != `"system design"` {
		t.Fatalf("Search(%q) = %+v, %v; want no hits and the suggestion \"system design\"", q, full, err)
	}
	// The search itself passes 3 checks (a phrase and a word compiled, one scan);
	// the 4th, compiling the first suggestion, is the last to pass.
	res, visited, err := index.SearchVisiting(expireAfter(context.Background(), 4), idx, index.Request{Query: q})
	if !errors.Is(err, context.DeadlineExceeded) || res != nil {
		t.Errorf("Search(%q) past its deadline = %+v, %v; want an error wrapping context.DeadlineExceeded", q, res, err)
	}
	if n := visited; n > index.CheckEvery {
		t.Errorf("Search(%q) visited %d matches past its deadline, want at most %d", q, n, index.CheckEvery)
	}
}
