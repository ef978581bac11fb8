package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"github.com/askedat/askedat/client"
	"github.com/askedat/askedat/internal/progress"
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
		c, err := client.New(base.String(), client.WithHTTPClient(&http.Client{Timeout: cfg.Timeout}), client.WithUserAgent("askedat-loadtest"))
		if err != nil {
			return nil, err
		}
		v, err := readVocab(ctx, c, cfg.VocabPages)
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

// load sends the mix (attack), and with cfg.HostileClients the hostile
// mix beside it from cfg.HostileFrom for as long as the mix runs; the
// hostile clients' results are the report's Hostile.
func load(ctx context.Context, cfg Config, base string, src source, stderr io.Writer) (*Report, error) {
	if cfg.HostileClients == 0 {
		return attack(ctx, cfg, base, src, stderr)
	}
	hcfg := cfg
	hcfg.Clients, hcfg.Requests, hcfg.From = cfg.HostileClients, 0, cfg.HostileFrom
	hcfg.Duration = 0 // until the mix ends
	hctx, stopHostile := context.WithCancel(ctx)
	defer stopHostile()
	hostile := make(chan *Report, 1)
	go func() {
		r, _ := attack(hctx, hcfg, base, newHostileSource(cfg.Seed), io.Discard) // attack fails only for a bad -from, checked by the mix's
		hostile <- r
	}()
	rep, err := attack(ctx, cfg, base, src, stderr)
	stopHostile()
	h := <-hostile
	if err != nil {
		return nil, err
	}
	if h != nil {
		h.Source = "hostile"
		rep.Hostile = h
	}
	return rep, nil
}

// attack sends requests from src to base from cfg.Clients workers, each
// sending its next request when the last is answered, until cfg.Duration
// has passed, cfg.Requests were sent or ctx ends, and adds up the results
// per class. With cfg.From its connections come from that address.
//
// vegeta (as a library) runs the workers, the HTTP client and the latency
// estimates (a t-digest per class); with an unbounded rate and
// MaxWorkers(N) it is a closed loop of N clients.
func attack(ctx context.Context, cfg Config, base string, src source, stderr io.Writer) (*Report, error) {
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
	opts := []func(*vegeta.Attacker){
		vegeta.Workers(uint64(cfg.Clients)),
		vegeta.MaxWorkers(uint64(cfg.Clients)),
		vegeta.Connections(cfg.Clients),
		vegeta.Timeout(cfg.Timeout),
		vegeta.KeepAlive(true),
		vegeta.Redirects(vegeta.NoFollow),
		vegeta.MaxBody(0), // read every answer whole, keep none of it
	}
	if cfg.From != "" {
		ip := net.ParseIP(cfg.From)
		if ip == nil {
			return nil, fmt.Errorf("-from %q is not an IP address", cfg.From)
		}
		opts = append(opts, vegeta.LocalAddr(net.IPAddr{IP: ip}))
	}
	atk := vegeta.NewAttacker(opts...)
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
