package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/askedat/askedat/crawler/extract"
	"github.com/askedat/askedat/crawler/fetch"
	"github.com/askedat/askedat/crawler/state"
	"github.com/askedat/askedat/crawler/urlnorm"
	"github.com/askedat/askedat/internal/jobmetrics"
)

// fetcher gets pages; *fetch.Fetcher is the real one. It is declared here,
// where it is used, so a test can stand in.
type fetcher interface {
	Get(ctx context.Context, u *url.URL, v fetch.Validators) (*fetch.Response, error)
}

var _ fetcher = (*fetch.Fetcher)(nil)

// A crawl is one run of the crawler: the frontier and what is known of
// every URL live in the state store; workers take pages from the
// scheduler, fetch them (the fetcher archives each answer), extract them,
// and record the outcome in the store.
type crawl struct {
	cfg     Config
	fetch   fetcher
	extract func(*url.URL, []byte) (extract.Result, error)
	store   *state.Store
	// archiveDir, if set, is where the fetcher's archive writes: after a
	// crash its open files hold pages to take in before fetching.
	archiveDir string
	log        *slog.Logger
	// progressOut is where the progress bar or lines go; nil means log
	// records, a line each.
	progressOut io.Writer

	sched *scheduler

	mu       sync.Mutex // guards rep, fetched, final and the seed counts
	rep      Report
	fetched  fetchCounts
	final    bool             // the crawl ended: rep is complete
	metrics  *jobmetrics.File // -metrics, or nil
	seedsRun int
	seedsOK  int
	seedErrs []error
	fatal    error
}

// crashHook, when set (only in a binary built with the crashpoints tag,
// for the crash tests), runs after a page is fetched and archived and
// before the state records it: the worst moment for a crash.
var crashHook func()

// A task is a page to fetch: what the store knows of it, parsed.
type task struct {
	u    *url.URL
	host string // politeness key, fetch.HostKey
	rec  state.URL
}

func newTask(rec state.URL) (*task, error) {
	u, err := url.Parse(rec.URL)
	if err != nil {
		return nil, fmt.Errorf("stored url %q: %w", rec.URL, err)
	}
	return &task{u: u, host: fetch.HostKey(u), rec: rec}, nil
}

// newFetcher returns the fetcher a crawl with cfg uses: redirects are
// followed within the seeds' hosts, and a redirect's target is asked with
// the validators store has for it (store may be nil); rec, when set,
// archives every answer.
func newFetcher(cfg Config, rec fetch.Recorder, store *state.Store) *fetch.Fetcher {
	hosts := make(map[string]bool)
	for _, s := range cfg.Seeds {
		if u, err := parseSeed(s); err == nil {
			hosts[scopeOf(u)] = true
		}
	}
	var known func(*url.URL) fetch.Validators
	if store != nil {
		known = func(u *url.URL) fetch.Validators {
			rec, ok, err := store.Get(urlnorm.String(u.String()))
			if err != nil || !ok {
				return fetch.Validators{}
			}
			return fetch.Validators{ETag: rec.ETag, LastModified: rec.LastModified}
		}
	}
	return fetch.New(fetch.Config{
		UserAgent:      cfg.UserAgent,
		Delay:          cfg.Delay,
		PerHost:        cfg.perHost(),
		Timeout:        cfg.Timeout,
		MaxCrawlDelay:  cfg.maxCrawlDelay(),
		AllowHosts:     cfg.AllowHosts,
		FollowRedirect: func(_, to *url.URL) bool { return hosts[scopeOf(to)] },
		Validators:     known,
		Recorder:       rec,
		LookupHost:     cfg.LookupHost,
	})
}

// run crawls from cfg's seeds, resuming the pass the store has open or
// starting a new one, and returns what it did. It stops when the frontier
// is empty, at the page cap, or when ctx ends (then Report.Interrupted is
// set and the error is nil: what was found is kept). It returns an error
// only when the crawl could not run: every seed failed, or the archive or
// the store could not be written.
func (c *crawl) run(ctx context.Context) (*Report, error) {
	start := time.Now()
	c.sched = newScheduler(c.cfg.perHost())
	// A pass with pages queued goes on; otherwise (a new state, or a
	// finished crawl) a new pass starts. That is decided before the
	// archive is recovered: what a crash left there belongs to the pass
	// it interrupted, and settles pages of that pass, never of a new one.
	resume, err := c.store.Pending()
	if err != nil {
		return nil, err
	}
	if c.archiveDir != "" {
		if err := c.recover(ctx); err != nil {
			return nil, err
		}
	}
	if !resume {
		if err := c.store.StartPass(); err != nil {
			return nil, err
		}
	}
	for _, s := range c.cfg.Seeds {
		u, err := parseSeed(s)
		if err != nil {
			return nil, err
		}
		if _, _, err := c.store.Enqueue(state.URL{URL: u.String(), Scope: scopeOf(u), Seed: true}); err != nil {
			return nil, err
		}
	}
	queued, err := c.store.Queued()
	if err != nil {
		return nil, err
	}
	for _, q := range queued {
		t, err := newTask(q)
		if err != nil {
			return nil, err
		}
		c.sched.add(t)
	}
	paused, err := c.store.Paused(time.Now())
	if err != nil {
		return nil, err
	}
	for h, until := range paused {
		c.sched.pause(h, until)
	}

	stopProgress := c.progress(ctx)
	c.metrics.Start(ctx, c.cfg.MetricsEvery, func(format string, args ...any) {
		c.log.Warn("cannot write the metrics file", "err", fmt.Sprintf(format, args...))
	})
	var wg sync.WaitGroup
	for range c.cfg.workers() {
		wg.Go(func() { c.work(ctx) })
	}
	wg.Wait()
	stopProgress()

	rep := c.snapshot()
	rep.Elapsed = time.Since(start)
	if ctx.Err() != nil {
		rep.Interrupted = true
	}
	if n, err := c.store.Count(); err == nil {
		rep.Queued = n.Queued
	}
	if c.sched.hitCap() && rep.Queued > 0 {
		rep.MaxPagesHit = true
		c.log.Info("stopping at -max-pages: run again to go on", "max_pages", c.cfg.maxPages(), "queued", rep.Queued)
	}
	if c.fatal != nil {
		return &rep, c.fatal
	}
	if c.seedsRun > 0 && c.seedsOK == 0 && len(c.seedErrs) == c.seedsRun && rep.Queued == 0 {
		return &rep, fmt.Errorf("every seed failed: %w", errors.Join(c.seedErrs...))
	}
	return &rep, nil
}

// work takes pages from the scheduler until there are none, the cap is
// reached, the crawl fails or ctx ends.
func (c *crawl) work(ctx context.Context) {
	for {
		t, ok := c.sched.next(ctx, c.cfg.maxPages())
		if !ok {
			return
		}
		// The page may have been done meanwhile, as the target of a
		// redirect or the canonical URL of another page.
		rec, ok, err := c.store.Get(t.rec.URL)
		if err != nil {
			c.sched.done(t, nil)
			c.stop(err)
			return
		}
		if !ok || rec.Status != state.Queued {
			c.sched.skip(t)
			continue
		}
		t.rec = rec
		if rec.Depth > c.cfg.MaxDepth {
			// Queued again from a pass with a larger -max-depth: out of
			// this crawl now, and out of its output.
			why := fmt.Sprintf("%d links from a seed, deeper than -max-depth %d", rec.Depth, c.cfg.MaxDepth)
			c.logPage("skip", "url", t.u.String(), "why", why)
			_, err := c.finish(t, []state.Result{{URL: rec.URL, Status: state.Skipped, Err: why}}, nil)
			c.sched.skip(t)
			if err != nil {
				c.stop(err)
				return
			}
			continue
		}
		c.visit(ctx, t)
	}
}

// visit fetches one page and records what became of it.
func (c *crawl) visit(ctx context.Context, t *task) {
	v := fetch.Validators{ETag: t.rec.ETag, LastModified: t.rec.LastModified}
	resp, err := c.fetch.Get(ctx, t.u, v)
	if err == nil && crashHook != nil {
		crashHook() // archived, not yet recorded in the state
	}
	if err != nil && ctx.Err() != nil && (errors.Is(err, ctx.Err()) || fetch.Temporary(err)) {
		// Stopped, not failed: still queued in the store. An answer that
		// came (and was archived) before the stop is settled below, or
		// the next run would fetch it again.
		c.sched.done(t, nil)
		return
	}
	if madeRequest(err) {
		c.update(func(r *Report) { r.Pages++ }) // a request was made
		c.countFetch(resp, err)
	} else {
		c.sched.refund()
	}
	c.settle(t, resp, err)
}

// seedDone counts a seed's outcome: a crawl none of whose seeds could be
// read has failed.
func (c *crawl) seedDone(t *task, err error) {
	if !t.rec.Seed {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seedsRun++
	if err != nil {
		c.seedErrs = append(c.seedErrs, err)
	} else {
		c.seedsOK++
	}
}

// stop ends the crawl on a failure of the archive or the store: going on
// would fetch pages that could not be kept.
func (c *crawl) stop(err error) {
	c.mu.Lock()
	if c.fatal == nil {
		c.fatal = err
	}
	c.mu.Unlock()
	c.sched.halt()
}

// logPage logs what became of one page, with -v.
func (c *crawl) logPage(msg string, args ...any) {
	if c.cfg.Verbose {
		c.log.Info(msg, args...)
	}
}

// scopeOf returns the host a URL's links stay within: the host and port
// of its normal form (urlnorm: lower case, IDNA, no trailing dot, no
// default port), so a seed, a link and a redirect's target naming one
// host are in one scope however they spell it.
func scopeOf(u *url.URL) string {
	if n, err := urlnorm.Normalize(u); err == nil {
		return n.Host
	}
	return strings.ToLower(u.Host)
}
