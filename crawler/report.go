package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/askedat/askedat/internal/cli"
	"github.com/askedat/askedat/internal/progress"
)

// This file keeps a crawl's report: what it counts as pages are settled, the
// progress it shows while it runs, and its last log line.

// A Report says what a crawl did.
type Report struct {
	// Pages counts the pages requested, whatever the answer; pages skipped
	// by robots.txt are not among them.
	Pages int
	// Experiences counts the experiences extracted and stored (new or
	// changed); a page answered 304 adds none.
	Experiences int
	// Listings counts the listing pages read (and not written).
	Listings int
	// Skipped counts the pages a site's extractor knew as its site's but
	// found no experience on (an algorithm article, an empty post).
	Skipped int
	// Duplicates counts posts reached again by another URL, and not written
	// again.
	Duplicates int
	// RobotsSkipped counts the pages robots.txt forbade, or whose host's
	// Crawl-delay is over -max-crawl-delay.
	RobotsSkipped int
	// NotModified counts the pages answered 304: as they were.
	NotModified int
	// Retries counts the tries put off to later (a 5xx, a timeout, a 429).
	Retries int
	// Recovered counts the pages taken from the archive after a crash
	// instead of being fetched again.
	Recovered int
	// Errors lists the pages that failed, in the order they did.
	Errors []PageError
	// Interrupted reports whether the crawl was stopped before it ended.
	Interrupted bool
	// MaxPagesHit reports whether the crawl stopped at its page cap.
	MaxPagesHit bool
	// Queued is what was left in the frontier at the end.
	Queued int
	// Elapsed is how long the crawl ran.
	Elapsed time.Duration
}

// A PageError is one page that failed: fetching it, or extracting it.
type PageError struct {
	URL string
	Err error
}

func (e PageError) Error() string { return e.URL + ": " + e.Err.Error() }

func (e PageError) Unwrap() error { return e.Err }

func (c *crawl) fail(u *url.URL, err error) {
	pe := PageError{URL: u.String(), Err: err}
	c.update(func(r *Report) { r.Errors = append(r.Errors, pe) })
	c.log.Warn("error", "url", pe.URL, "err", pe.Err)
}

func (c *crawl) update(f func(*Report)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f(&c.rep)
}

// snapshot returns a copy of the report so far.
func (c *crawl) snapshot() Report {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := c.rep
	r.Errors = append([]PageError(nil), c.rep.Errors...)
	return r
}

// progress shows the crawl's progress until the returned function is
// called: a bar on a terminal, a line every cfg.ProgressEvery otherwise.
func (c *crawl) progress(ctx context.Context) (stop func()) {
	every := c.cfg.ProgressEvery
	if every <= 0 {
		every = defaultProgressEvery
	}
	out := c.progressOut
	if out == nil {
		out = cli.LineWriter(c.log)
	}
	start := time.Now()
	detail := func() string {
		r := c.snapshot()
		rate := float64(r.Pages) / max(time.Since(start).Seconds(), 1e-3)
		return fmt.Sprintf("%d queued, %d experiences, %d errors, %d retries, %.1f pages/s",
			c.sched.left(), r.Experiences, len(r.Errors), r.Retries, rate)
	}
	m := progress.New("crawl", progress.Options{Out: out, Total: -1, Unit: "pages", Every: every, Detail: detail})
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(min(every, 250*time.Millisecond))
		defer tick.Stop()
		seen := 0
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				r := c.snapshot()
				m.SetTotal(int64(r.Pages + c.sched.left()))
				m.Add(int64(r.Pages - seen))
				seen = r.Pages
				m.Tick()
			}
		}
	}()
	return func() {
		cancel()
		<-done
		r := c.snapshot()
		m.SetTotal(int64(r.Pages + c.sched.left()))
		m.Add(int64(r.Pages) - m.Done())
		m.Finish()
	}
}

// summary is the crawl's last log line.
func (r *Report) summary() string {
	s := fmt.Sprintf("done: %d pages fetched, %d experiences written, %d skipped by robots.txt, %d errors",
		r.Pages, r.Experiences, r.RobotsSkipped, len(r.Errors))
	var notes []string
	add := func(n int, what string) {
		if n > 0 {
			notes = append(notes, fmt.Sprintf("%d %s", n, what))
		}
	}
	add(r.NotModified, "not modified")
	add(r.Retries, "retries")
	add(r.Recovered, "recovered from the archive")
	add(r.Duplicates, "duplicate posts")
	add(r.Skipped, "pages of known sites that are no experience")
	if r.MaxPagesHit {
		notes = append(notes, fmt.Sprintf("stopped at -max-pages with %d queued", r.Queued))
	}
	if r.Interrupted {
		notes = append(notes, fmt.Sprintf("interrupted with %d queued", r.Queued))
	}
	if r.Elapsed > 0 && r.Pages > 0 {
		notes = append(notes, fmt.Sprintf("%.1f pages/s", float64(r.Pages)/r.Elapsed.Seconds()))
	}
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, ", ") + ")"
	}
	return s
}
