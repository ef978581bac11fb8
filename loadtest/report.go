package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"text/tabwriter"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// A Report is the outcome of a run: -json prints it as JSON.
type Report struct {
	URL      string  `json:"url"`
	Clients  int     `json:"clients"`
	Seed     uint64  `json:"seed"`
	Source   string  `json:"source"` // "vocabulary" or the query file
	Seconds  float64 `json:"seconds"`
	Requests uint64  `json:"requests"`
	// Successes counts the 2xx answers, Throughput them per second and
	// Success their share of the requests.
	Successes       uint64        `json:"successes"`
	Throughput      float64       `json:"throughput"`
	Success         float64       `json:"success"`
	HTTPErrors      uint64        `json:"http_errors"`      // non-2xx answers
	TransportErrors uint64        `json:"transport_errors"` // no answer
	Latency         Latency       `json:"latency_ms"`
	Classes         []ClassReport `json:"classes"`
	ErrorSamples    []string      `json:"error_samples,omitempty"`
	// Hostile is what the hostile clients (-hostile-clients) got, apart
	// from the mix: its requests by status code (429 for over their share
	// of searchd's slots, 503 for none free) and latencies.
	Hostile *Report `json:"hostile,omitempty"`
}

// A ClassReport is the outcome of one class of requests.
type ClassReport struct {
	Class           string         `json:"class"`
	Requests        uint64         `json:"requests"`
	PerSecond       float64        `json:"per_second"`
	HTTPErrors      uint64         `json:"http_errors"`
	TransportErrors uint64         `json:"transport_errors"`
	Latency         Latency        `json:"latency_ms"`
	StatusCodes     map[string]int `json:"status_codes"`
}

// Latency is a set of latency figures in milliseconds.
type Latency struct {
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
	P99  float64 `json:"p99"`
	Max  float64 `json:"max"`
	Mean float64 `json:"mean"`
}

func (a *aggregate) report(cfg Config, base string, elapsed time.Duration) *Report {
	secs := elapsed.Seconds()
	a.all.m.Close()
	r := &Report{
		URL: base, Clients: cfg.Clients, Seed: cfg.Seed, Source: "vocabulary", Seconds: round(secs, 2),
		Requests: a.all.m.Requests, Successes: a.all.ok, HTTPErrors: a.all.http, TransportErrors: a.all.transport,
		Latency: latency(&a.all.m), ErrorSamples: a.all.samples,
	}
	if cfg.Queries != "" {
		r.Source = cfg.Queries
	}
	if secs > 0 {
		r.Throughput = round(float64(a.all.ok)/secs, 1)
	}
	if r.Requests > 0 {
		r.Success = float64(a.all.ok) / float64(r.Requests)
	}
	for _, name := range a.order {
		t := a.byName[name]
		t.m.Close()
		c := ClassReport{Class: name, Requests: t.m.Requests, HTTPErrors: t.http, TransportErrors: t.transport,
			Latency: latency(&t.m), StatusCodes: t.m.StatusCodes}
		if secs > 0 {
			c.PerSecond = round(float64(t.m.Requests)/secs, 1)
		}
		if c.StatusCodes == nil {
			c.StatusCodes = map[string]int{}
		}
		r.Classes = append(r.Classes, c)
	}
	sort.SliceStable(r.Classes, func(i, j int) bool { return r.Classes[i].Requests > r.Classes[j].Requests })
	return r
}

// latency converts the latencies of closed metrics to milliseconds.
func latency(m *vegeta.Metrics) Latency {
	if m.Requests == 0 {
		return Latency{}
	}
	ms := func(d time.Duration) float64 { return round(float64(d)/float64(time.Millisecond), 2) }
	l := m.Latencies
	return Latency{P50: ms(l.P50), P90: ms(l.P90), P99: ms(l.P99), Max: ms(l.Max), Mean: ms(l.Mean)}
}

func round(x float64, digits int) float64 {
	p := 1.0
	for ; digits > 0; digits-- {
		p *= 10
	}
	return float64(int64(x*p+0.5)) / p
}

// write prints r as a table, or as JSON.
func (r *Report) write(w io.Writer, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	fmt.Fprintf(w, "loadtest: %d clients for %.1fs against %s (%s, seed %d)\n\n", r.Clients, r.Seconds, r.URL, r.Source, r.Seed)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "class\trequests\treq/s\tp50 ms\tp90 ms\tp99 ms\tmax ms\tnon-2xx\ttransport\t")
	for _, c := range r.Classes {
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%d\t\n", c.Class, c.Requests, c.PerSecond,
			c.Latency.P50, c.Latency.P90, c.Latency.P99, c.Latency.Max, c.HTTPErrors, c.TransportErrors)
	}
	fmt.Fprintf(tw, "all\t%d\t%.1f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%d\t\n", r.Requests, float64(r.Requests)/max(r.Seconds, 1e-9),
		r.Latency.P50, r.Latency.P90, r.Latency.P99, r.Latency.Max, r.HTTPErrors, r.TransportErrors)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nthroughput %.1f successful requests/s; success %.2f%% (%d of %d); errors: %d non-2xx, %d transport\n",
		r.Throughput, 100*r.Success, r.Successes, r.Requests, r.HTTPErrors, r.TransportErrors)
	for _, s := range r.ErrorSamples {
		fmt.Fprintf(w, "  error: %s\n", s)
	}
	if h := r.Hostile; h != nil {
		codes := map[string]int{}
		for _, c := range h.Classes {
			for code, n := range c.StatusCodes {
				codes[code] += n
			}
		}
		fmt.Fprintf(w, "hostile: %d clients, %d requests (%.1f/s), status codes %v, p50 %.2f ms, p99 %.2f ms\n",
			h.Clients, h.Requests, float64(h.Requests)/max(h.Seconds, 1e-9), codes, h.Latency.P50, h.Latency.P99)
	}
	return nil
}

// writeFile writes r as JSON to path, through a temporary file.
func (r *Report) writeFile(path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".report-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := r.write(tmp, true); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
