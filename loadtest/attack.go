package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"askedat/internal/progress"
)

// run reads the vocabulary (or the query file), sends the requests and
// returns the report.
func run(ctx context.Context, cfg Config, stderr io.Writer) (*Report, error) {
	base, err := cfg.baseURL()
	if err != nil {
		return nil, err
	}
	var src source
	if cfg.Queries != "" {
		if src, err = loadQueryFile(cfg.Queries, cfg.Seed); err != nil {
			return nil, err
		}
	} else {
		client := &http.Client{Timeout: cfg.Timeout}
		v, err := readVocab(ctx, client, base, cfg.VocabPages)
		if err != nil {
			return nil, err
		}
		m, err := newMix(v, cfg.Seed)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(stderr, "loadtest: vocabulary of %d words, %d word pairs, %d experiences, %d clusters; classes %s\n",
			len(v.words), len(v.pairs), len(v.experiences), len(v.clusters), strings.Join(m.classes(), ", "))
		src = m
	}
	return load(ctx, cfg, base.String(), src, stderr)
}

// load sends requests from src to base from cfg.Clients workers, each
// sending its next request when the last is answered, until cfg.Duration
// has passed or cfg.Requests were sent, and adds up the results per class.
//
// vegeta (as a library) runs the workers, the HTTP client and the latency
// estimates (a t-digest per class); with an unbounded rate and
// MaxWorkers(N) it is a closed loop of N clients.
func load(ctx context.Context, cfg Config, base string, src source, stderr io.Writer) (*Report, error) {
	var (
		sent    atomic.Int64
		classMu sync.Mutex
		classOf = map[string]string{} // URL → class (the first to send it)
	)
	targeter := func(t *vegeta.Target) error {
		if cfg.Requests > 0 && sent.Add(1) > cfg.Requests {
			return vegeta.ErrNoTargets
		}
		r := src.next()
		t.Method, t.URL = http.MethodGet, base+r.path
		classMu.Lock()
		if _, ok := classOf[t.URL]; !ok {
			classOf[t.URL] = r.class
		}
		classMu.Unlock()
		return nil
	}
	atk := vegeta.NewAttacker(
		vegeta.Workers(uint64(cfg.Clients)),
		vegeta.MaxWorkers(uint64(cfg.Clients)),
		vegeta.Connections(cfg.Clients),
		vegeta.Timeout(cfg.Timeout),
		vegeta.KeepAlive(true),
		vegeta.Redirects(vegeta.NoFollow),
		vegeta.MaxBody(0), // read every answer whole, keep none of it
	)
	stopped := make(chan struct{})
	defer close(stopped)
	go func() {
		select {
		case <-ctx.Done():
			atk.Stop()
		case <-stopped:
		}
	}()

	agg := newAggregate(src.classes())
	meter := progress.New("loadtest", progress.Options{
		Out: stderr, Total: cfg.Requests, Unit: "requests", Every: 10 * time.Second,
		Detail: func() string { return fmt.Sprintf("%d errors", agg.errors.Load()) },
	})
	start := time.Now()
	for res := range atk.Attack(targeter, vegeta.Rate{Freq: 0}, cfg.Duration, "loadtest") {
		if res.Error == vegeta.ErrNoTargets.Error() {
			continue // the targeter's end of a counted run
		}
		classMu.Lock()
		c := classOf[res.URL]
		classMu.Unlock()
		agg.add(c, res)
		meter.Add(1)
	}
	meter.Finish()
	return agg.report(cfg, base, time.Since(start)), nil
}

// aggregate adds up results per class and overall.
type aggregate struct {
	order  []string
	byName map[string]*tally
	all    *tally
	errors atomic.Int64
}

// tally is the results of one class.
type tally struct {
	m         vegeta.Metrics
	ok        uint64
	http      uint64 // non-2xx answers
	transport uint64 // no answer: refused, reset, timed out
	samples   []string
}

const maxErrorSamples = 5

func newAggregate(classes []string) *aggregate {
	a := &aggregate{byName: map[string]*tally{}, all: &tally{}}
	for _, c := range classes {
		a.byName[c] = &tally{}
		a.order = append(a.order, c)
	}
	return a
}

func (a *aggregate) add(class string, res *vegeta.Result) {
	t := a.byName[class]
	if t == nil {
		t = &tally{}
		a.byName[class] = t
		a.order = append(a.order, class)
	}
	for _, t := range []*tally{t, a.all} {
		t.m.Add(res)
		switch {
		case res.Code == 0:
			t.transport++
			t.sample(res.Error)
		case res.Code < 200 || res.Code > 299:
			t.http++
			t.sample(fmt.Sprintf("%d for %s", res.Code, res.URL))
		default:
			t.ok++
		}
	}
	if res.Code < 200 || res.Code > 299 {
		a.errors.Add(1)
	}
}

func (t *tally) sample(msg string) {
	if len(t.samples) < maxErrorSamples {
		for _, s := range t.samples {
			if s == msg {
				return
			}
		}
		t.samples = append(t.samples, msg)
	}
}
