// Package runner runs the query mix against an engine: a warm-up pass that
// also records every answer (to check that engines agree), then passes at
// each number of concurrent clients, measuring each query's latency, bounded
// in count and in time.
package runner

import (
	"context"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/askedat/askedat/bench/internal/engine"
	"github.com/askedat/askedat/bench/internal/mix"
	"github.com/askedat/askedat/bench/internal/stats"
)

// Config says how to run the mix.
type Config struct {
	Clients  []int         // numbers of concurrent clients; 1 gives the latencies per class
	Passes   int           // passes over the mix at each number of clients
	Warmup   int           // passes before measuring; the first records the answers
	MaxPhase time.Duration // bound on the time of one number of clients (1 client always completes one pass)
	Timeout  time.Duration // bound on one query
	Progress io.Writer
}

// DefaultConfig is the full benchmark's.
var DefaultConfig = Config{Clients: []int{1, 2, 8}, Passes: 3, Warmup: 1, MaxPhase: 3 * time.Minute, Timeout: time.Minute}

// An Outcome is one query's answer in the warm-up pass.
type Outcome struct {
	Class   string         `json:"class"`
	Query   string         `json:"q"`
	Filters string         `json:"filters,omitempty"`
	Result  *engine.Result `json:"result,omitempty"`
	Ms      float64        `json:"ms"`
	Error   string         `json:"error,omitempty"`
}

// A Phase is the measurement at one number of clients.
type Phase struct {
	Clients int                      `json:"clients"`
	Queries int                      `json:"queries"` // answered without error
	Errors  int                      `json:"errors"`
	Seconds float64                  `json:"seconds"`
	QPS     float64                  `json:"qps"`
	Cut     bool                     `json:"cut,omitempty"` // stopped by MaxPhase
	All     stats.Summary            `json:"all"`
	ByClass map[string]stats.Summary `json:"by_class"`
}

// A Result is one engine's run of the mix.
type Result struct {
	Engine   string        `json:"engine"`
	Label    string        `json:"label"` // the corpus, e.g. "100k"
	Docs     int           `json:"docs"`
	Started  time.Time     `json:"started"`
	Classes  []string      `json:"classes"`
	Queries  []Outcome     `json:"queries"`
	Phases   []Phase       `json:"phases"`
	Memory   engine.Memory `json:"memory"`
	Errors   []string      `json:"errors,omitempty"` // the first few
	NErrors  int           `json:"n_errors"`
	Settings string        `json:"settings,omitempty"`
}

// Phase returns the phase with n clients, or nil.
func (r *Result) Phase(n int) *Phase {
	for i := range r.Phases {
		if r.Phases[i].Clients == n {
			return &r.Phases[i]
		}
	}
	return nil
}

const maxErrors = 10

// Run runs qs against t. It returns an error only when it could not run;
// failed queries are counted in the Result.
func Run(ctx context.Context, t engine.Target, name string, qs []mix.Query, cfg Config) (*Result, error) {
	if len(qs) == 0 {
		return nil, fmt.Errorf("no queries")
	}
	progress := cfg.Progress
	if progress == nil {
		progress = io.Discard
	}
	res := &Result{Engine: name, Started: time.Now().UTC(), Classes: mix.Classes(qs),
		Settings: fmt.Sprintf("clients %v, passes %d, warm-up %d, max %v per phase, timeout %v", cfg.Clients, cfg.Passes, cfg.Warmup, cfg.MaxPhase, cfg.Timeout)}
	var mu sync.Mutex
	fail := func(q mix.Query, err error) {
		mu.Lock()
		defer mu.Unlock()
		res.NErrors++
		if len(res.Errors) < maxErrors {
			res.Errors = append(res.Errors, fmt.Sprintf("%s %q: %v", q.Class, q.String(), err))
		}
	}
	search := func(q mix.Query) (*engine.Result, time.Duration, error) {
		qctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
		defer cancel()
		start := time.Now()
		r, err := t.Search(qctx, q)
		return r, time.Since(start), err
	}

	start := time.Now()
	for pass := range max(cfg.Warmup, 1) {
		for _, q := range qs {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			r, took, err := search(q)
			if pass > 0 {
				continue
			}
			o := Outcome{Class: q.Class, Query: q.Text, Filters: q.FilterString(), Ms: float64(took.Microseconds()) / 1e3}
			if err != nil {
				o.Error = err.Error()
				fail(q, err)
			} else {
				o.Result = r
			}
			res.Queries = append(res.Queries, o)
		}
	}
	fmt.Fprintf(progress, "%s: warm-up: %d queries in %.1fs\n", name, len(qs)*max(cfg.Warmup, 1), time.Since(start).Seconds())

	for _, clients := range cfg.Clients {
		ph := runPhase(ctx, qs, clients, cfg, search, fail)
		res.Phases = append(res.Phases, ph)
		cut := ""
		if ph.Cut {
			cut = " (time bound reached)"
		}
		fmt.Fprintf(progress, "%s: %d client(s): %d queries in %.1fs, %.1f q/s, p50 %.1f ms, p99 %.1f ms, %d errors%s\n",
			name, clients, ph.Queries, ph.Seconds, ph.QPS, ph.All.P50, ph.All.P99, ph.Errors, cut)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	res.Memory = t.Memory()
	return res, nil
}

// runPhase runs cfg.Passes passes over qs with the given number of clients,
// each taking the next query of the repeated mix.
func runPhase(ctx context.Context, qs []mix.Query, clients int, cfg Config,
	search func(mix.Query) (*engine.Result, time.Duration, error), fail func(mix.Query, error)) Phase {
	total := int64(max(cfg.Passes, 1) * len(qs))
	var next, errs atomic.Int64
	var cut atomic.Bool
	lat := make([][]time.Duration, clients)
	cls := make([][]string, clients)
	start := time.Now()
	var wg sync.WaitGroup
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := next.Add(1) - 1
				if i >= total {
					return
				}
				// One client always finishes a pass, so every query has a
				// latency; more clients stop at the bound.
				if time.Since(start) > cfg.MaxPhase && (clients > 1 || i >= int64(len(qs))) {
					cut.Store(true)
					return
				}
				q := qs[i%int64(len(qs))]
				_, took, err := search(q)
				if err != nil {
					errs.Add(1)
					fail(q, err)
					continue
				}
				lat[w] = append(lat[w], took)
				cls[w] = append(cls[w], q.Class)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	byClass := map[string][]time.Duration{}
	for w := range lat {
		all = append(all, lat[w]...)
		for i, d := range lat[w] {
			byClass[cls[w][i]] = append(byClass[cls[w][i]], d)
		}
	}
	ph := Phase{Clients: clients, Queries: len(all), Errors: int(errs.Load()), Seconds: elapsed.Seconds(),
		QPS: float64(len(all)) / elapsed.Seconds(), Cut: cut.Load(), All: stats.Summarize(all), ByClass: map[string]stats.Summary{}}
	for c, ds := range byClass {
		ph.ByClass[c] = stats.Summarize(ds)
	}
	return ph
}
