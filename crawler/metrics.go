package main

import (
	"errors"
	"log/slog"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/askedat/askedat/crawler/fetch"
	"github.com/askedat/askedat/internal/jobmetrics"
)

// fetchCounts counts the answers of the requests made, by status class,
// and the bytes of their bodies (decompressed). The Report keeps the rest.
type fetchCounts struct {
	byClass map[string]int
	bytes   int64
}

// statusClasses are the values of the class label: "error" is a request
// that got no usable answer (a transport failure, a timeout, a body too
// large or not HTML).
var statusClasses = []string{"2xx", "3xx", "4xx", "5xx", "error"}

// countFetch counts a request made for a page and what it got.
func (c *crawl) countFetch(resp *fetch.Response, err error) {
	class := "error"
	var se *fetch.StatusError
	switch {
	case resp != nil:
		class = strconv.Itoa(resp.StatusCode/100) + "xx"
	case errors.As(err, &se) && se.Code >= 100 && se.Code < 600:
		class = strconv.Itoa(se.Code/100) + "xx"
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fetched.byClass == nil {
		c.fetched.byClass = map[string]int{}
	}
	c.fetched.byClass[class]++
	if resp != nil {
		c.fetched.bytes += int64(len(resp.Body))
	}
}

// newCrawlMetrics returns the metrics of a crawl to be written to path (the
// -metrics flag), or nil when path is "". They are read from the crawl's
// report, through cc, each time the file is written.
func newCrawlMetrics(path string, cc *crawlCollector) *jobmetrics.File {
	f := jobmetrics.New(path, "crawler", nil)
	if f == nil {
		return nil
	}
	cc.f = f
	f.MustRegister(cc)
	return f
}

// crawlCollector makes the crawl's metrics from its report. Its crawl is
// set before the file is first written during the crawl; a crawl that
// failed before it began has none.
type crawlCollector struct {
	c *crawl
	f *jobmetrics.File
}

// Describe sends no descriptions: the collector is unchecked, its metrics
// are made anew at each write.
func (cc *crawlCollector) Describe(chan<- *prometheus.Desc) {}

func (cc *crawlCollector) Collect(ch chan<- prometheus.Metric) {
	c := cc.c
	if c == nil {
		return
	}
	c.mu.Lock()
	r := c.rep
	errs := len(c.rep.Errors)
	byClass := make(map[string]int, len(c.fetched.byClass))
	for k, v := range c.fetched.byClass {
		byClass[k] = v
	}
	bytes := c.fetched.bytes
	final := c.final
	c.mu.Unlock()
	queued := r.Queued
	if !final && c.sched != nil {
		queued = c.sched.left()
	}
	metric := func(name, help string, t prometheus.ValueType, v float64, label ...string) {
		ch <- cc.f.Metric(name, help, t, v, label...)
	}
	for _, class := range statusClasses {
		metric("pages_total", "Requests made for pages, by the class of their answer's status (error: none usable).",
			prometheus.CounterValue, float64(byClass[class]), "class", class)
	}
	counters := []struct {
		name, help string
		v          float64
	}{
		{"bytes_total", "Bytes of the pages' bodies received, decompressed.", float64(bytes)},
		{"retries_total", "Tries put off to later (a 5xx, a timeout, a 429).", float64(r.Retries)},
		{"robots_skipped_total", "Pages robots.txt forbade.", float64(r.RobotsSkipped)},
		{"errors_total", "Pages that failed: fetching or extracting them.", float64(errs)},
		{"experiences_total", "Experiences extracted and stored, new or changed.", float64(r.Experiences)},
		{"listings_total", "Listing pages read.", float64(r.Listings)},
		{"not_modified_total", "Pages answered 304 Not Modified.", float64(r.NotModified)},
		{"duplicates_total", "Posts reached again by another URL.", float64(r.Duplicates)},
		{"recovered_total", "Pages taken from the archive after a crash instead of being fetched again.", float64(r.Recovered)},
	}
	for _, m := range counters {
		metric(m.name, m.help, prometheus.CounterValue, m.v)
	}
	metric("queue_length", "Pages waiting in the frontier.", prometheus.GaugeValue, float64(queued))
	if final {
		metric("interrupted", "1 when the crawl was stopped before it ended (a signal), else 0.", prometheus.GaugeValue, jobmetrics.Flag(r.Interrupted))
		metric("max_pages_hit", "1 when the crawl stopped at -max-pages with pages still queued, else 0.", prometheus.GaugeValue, jobmetrics.Flag(r.MaxPagesHit))
	}
}

// finish writes the metrics file a last time, from the final report rep
// and the crawl's error. A file that cannot be written is logged: the
// crawl's output matters more.
func (cc *crawlCollector) finish(f *jobmetrics.File, rep *Report, err error, lg *slog.Logger) {
	if f == nil {
		return
	}
	if c := cc.c; c != nil {
		c.mu.Lock()
		if rep != nil {
			c.rep = *rep
		}
		c.final = true
		c.mu.Unlock()
	}
	if werr := f.Finish(err); werr != nil {
		lg.Warn("cannot write the metrics file", "err", werr)
	}
}
