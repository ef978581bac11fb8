package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/askedat/askedat/crawler/archive"
	"github.com/askedat/askedat/crawler/extract"
	"github.com/askedat/askedat/crawler/fetch"
	"github.com/askedat/askedat/crawler/state"
	"github.com/askedat/askedat/crawler/urlnorm"
	"github.com/askedat/askedat/internal/cli"
	"github.com/askedat/askedat/internal/jobmetrics"
	"github.com/askedat/askedat/internal/progress"
)

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

// settle records the outcome of fetching t, in the store and the report.
func (c *crawl) settle(t *task, resp *fetch.Response, err error) {
	var added []state.URL
	defer func() { c.sched.done(t, added) }()
	var ferr error
	switch {
	case errors.Is(err, fetch.ErrRecord):
		c.stop(err)
		return
	case errors.Is(err, fetch.ErrDisallowed), errors.Is(err, fetch.ErrCrawlDelay):
		c.update(func(r *Report) { r.RobotsSkipped++ })
		c.log.Info("skip", "url", t.u.String(), "why", err)
		added, ferr = c.finish(t, []state.Result{{URL: t.rec.URL, Status: state.Skipped, Err: err.Error(), KeepDocs: true}}, nil)
		c.seedDone(t, err)
	case err != nil && fetch.Temporary(err):
		if c.retry(t, err) {
			return
		}
		added, ferr = c.finish(t, []state.Result{{URL: t.rec.URL, Status: state.Failed, Err: err.Error(), KeepDocs: true}}, nil)
	case err != nil:
		c.fail(t.u, err)
		st := state.Failed
		if errors.Is(err, fetch.ErrBlockedAddr) || errors.Is(err, fetch.ErrScheme) {
			st = state.Skipped
		}
		// Only an answer about the page (a 404, too large, not HTML, a
		// redirect away) takes its documents out; a failure to get one
		// (a certificate, a malformed answer) says nothing of the page,
		// and the archive, which has no newer answer, still has them.
		keep := st == state.Skipped || !answered(err)
		added, ferr = c.finish(t, []state.Result{{URL: t.rec.URL, Status: st, Err: err.Error(), KeepDocs: keep}}, nil)
		c.seedDone(t, err)
	case resp.NotModified:
		c.update(func(r *Report) { r.NotModified++ })
		c.logPage("not modified", "url", resp.URL.String())
		added, ferr = c.finish(t, c.notModified(t, resp), nil)
		c.seedDone(t, nil)
	default:
		added, ferr = c.page(t, resp)
	}
	if ferr != nil {
		c.stop(ferr)
	}
}

// page takes in a fetched page: extracts it, stores its experiences, and
// queues its links.
func (c *crawl) page(t *task, resp *fetch.Response) ([]state.URL, error) {
	final, err := urlnorm.Normalize(resp.URL)
	if err != nil {
		final = resp.URL
	}
	v := resp.Validators()
	res, err := c.extract(final, resp.Body)
	// A page linked as a post that its site's extractor skips (an article
	// with no text) is no error: the site says so itself.
	if err == nil && extract.Kind(t.rec.Want) == extract.Post && res.Kind != extract.Post && res.Kind != extract.Skip {
		err = fmt.Errorf("linked as a post, but no post was found on the page (it reads as %s)", res.Kind)
	}
	// The task's own result comes first (the store checks it was queued).
	// Reached by redirect, the first URL gives nothing itself (as its
	// archived answer, a redirect, says): the target stands for it.
	var rs []state.Result
	if final.String() != t.rec.URL {
		rs = append(rs, state.Result{URL: t.rec.URL, Status: state.Done})
	}
	rs = append(rs, state.Result{URL: final.String(), Status: state.Done, Fetched: time.Now(), ETag: v.ETag, LastModified: v.LastModified})
	this := &rs[len(rs)-1]
	if err != nil {
		c.fail(final, err)
		this.Status, this.Err = state.Failed, err.Error()
		c.seedDone(t, err)
		return c.finish(t, rs, nil)
	}
	c.seedDone(t, nil)
	var links []state.URL
	switch res.Kind {
	case extract.Post:
		this.Docs = res.Experiences
		if len(res.Experiences) == 1 {
			// A page of one post: its canonical URL is this page, so
			// there is no need to fetch it. (A page of several reviews
			// names each review's own page, which is another page.)
			canon, err := urlnorm.Parse(res.Experiences[0].URL)
			if err == nil && canon.String() != final.String() && scopeOf(canon) == t.rec.Scope {
				if u, ok, _ := c.store.Get(canon.String()); !ok || u.Status == state.Queued {
					rs = append(rs, state.Result{URL: canon.String(), Status: state.Done, KeepDocs: true})
				}
			}
		}
	case extract.Listing:
		c.update(func(r *Report) { r.Listings++ })
	case extract.Skip:
		c.update(func(r *Report) { r.Skipped++ })
	}
	// Listings lead to posts and further listings, and a page of reviews
	// to its further pages, at the page's own depth. Every other link to
	// the host (a home page's, a menu's) is one deeper, and followed
	// only within -max-depth: a site's menus are not walked without end.
	follow := func(ls []extract.Link, depth int) {
		for _, l := range ls {
			n, err := urlnorm.Normalize(l.URL)
			if err != nil || scopeOf(n) != t.rec.Scope || n.String() == final.String() {
				continue
			}
			links = append(links, state.URL{URL: n.String(), Scope: t.rec.Scope, Want: int(l.Kind), Depth: depth})
		}
	}
	follow(res.Links, t.rec.Depth)
	if t.rec.Depth < c.cfg.MaxDepth {
		follow(res.SiteLinks, t.rec.Depth+1)
	}
	added, err := c.finish(t, rs, links)
	c.logPage("fetched", "url", final.String(), "kind", res.Kind.String(), "links", len(links))
	return added, err
}

// finish records results in the store and counts the experiences stored.
func (c *crawl) finish(t *task, rs []state.Result, links []state.URL) ([]state.URL, error) {
	added, dups, err := c.store.Finish(rs, links)
	if err != nil {
		return nil, err
	}
	docs := 0
	for _, r := range rs {
		docs += len(r.Docs)
	}
	c.update(func(r *Report) {
		r.Duplicates += dups
		r.Experiences += docs - dups
	})
	return added, nil
}

// retry puts t off after a temporary failure, and reports whether it did;
// false means the tries are used up or the server asked for too long a
// wait, and the page has failed.
func (c *crawl) retry(t *task, err error) bool {
	tries := t.rec.Tries + 1
	wait := c.cfg.backoff(tries)
	var se *fetch.StatusError
	if errors.As(err, &se) && se.RetryAfter > 0 {
		if se.RetryAfter > c.cfg.maxRetryAfter() {
			c.fail(t.u, fmt.Errorf("%w: the server asked to retry after %v, more than -max-retry-after %v: giving up",
				err, se.RetryAfter.Round(time.Second), c.cfg.maxRetryAfter()))
			c.seedDone(t, err)
			return false
		}
		wait = se.RetryAfter
		until := time.Now().Add(wait)
		c.sched.pause(t.host, until)
		if perr := c.store.PauseHost(t.host, until); perr != nil {
			c.stop(perr)
			return true
		}
	}
	if tries > c.cfg.retries() {
		c.fail(t.u, fmt.Errorf("gave up after %d tries: %w", tries, err))
		c.seedDone(t, err)
		return false
	}
	next := time.Now().Add(wait)
	if serr := c.store.Retry(t.rec.URL, tries, next, err.Error()); serr != nil {
		c.stop(serr)
		return true
	}
	t.rec.Tries, t.rec.NextAt = tries, next
	c.update(func(r *Report) { r.Retries++ })
	c.log.Info("retry", "url", t.u.String(), "in", wait.Round(time.Millisecond), "try", tries+1, "of", c.cfg.retries()+1, "err", err)
	c.sched.later(t)
	return true
}

// recover takes in the pages a crashed crawl archived but did not get to
// record in the store, so they are not fetched again.
func (c *crawl) recover(ctx context.Context) error {
	st, err := archive.Recover(c.archiveDir, func(p *archive.Page) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		key := urlnorm.String(p.URL.String())
		rec, ok, err := c.store.Get(key)
		if err != nil || !ok || rec.Status != state.Queued {
			return err
		}
		t, err := newTask(rec)
		if err != nil {
			return err
		}
		resp, ferr := c.fromArchive(t, p)
		if resp == nil && ferr == nil {
			return nil // an answer worth asking again (a 5xx): fetch it
		}
		c.update(func(r *Report) { r.Recovered++ })
		c.logPage("recovered from the archive", "url", key)
		c.settle(t, resp, ferr)
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.fatal
	})
	if len(st.Damaged) > 0 {
		c.log.Warn("archive: cut files after their last whole record", "n", len(st.Damaged), "files", strings.Join(st.Damaged, ", "))
	}
	if err != nil {
		return fmt.Errorf("recover the archive: %w", err)
	}
	return nil
}

// fromArchive turns an archived answer for t into what fetching t would
// have returned. A redirect becomes a link to its target; a temporary
// failure is nil, nil (fetch again).
func (c *crawl) fromArchive(t *task, p *archive.Page) (*fetch.Response, error) {
	switch {
	case p.NotModified:
		return &fetch.Response{URL: p.URL, StatusCode: http.StatusNotModified, NotModified: true, Header: p.Header}, nil
	case p.Status >= 300 && p.Status <= 399:
		loc, err := p.URL.Parse(p.Header.Get("Location"))
		if err != nil {
			return nil, fmt.Errorf("archived redirect of %s: %w", p.URL, err)
		}
		n, err := urlnorm.Normalize(loc)
		if err != nil || scopeOf(n) != t.rec.Scope {
			return nil, fmt.Errorf("%w: %s to %s", fetch.ErrRedirect, p.URL, loc)
		}
		// The target is queued in the first URL's place, and is found
		// further on in the archive if it was fetched.
		if _, _, err := c.store.Finish([]state.Result{{URL: t.rec.URL, Status: state.Done}},
			[]state.URL{{URL: n.String(), Scope: t.rec.Scope, Want: t.rec.Want, Depth: t.rec.Depth}}); err != nil {
			return nil, err
		}
		return nil, nil
	case p.Status >= 200 && p.Status <= 299:
		body, err := archivedBody(p)
		if err != nil {
			return nil, err
		}
		return &fetch.Response{URL: p.URL, StatusCode: p.Status, Header: p.Header, Body: body}, nil
	}
	se := &fetch.StatusError{Code: p.Status}
	if se.Temporary() {
		return nil, nil
	}
	return nil, se
}

func (c *crawl) fail(u *url.URL, err error) {
	pe := PageError{URL: u.String(), Err: err}
	c.update(func(r *Report) { r.Errors = append(r.Errors, pe) })
	c.log.Warn("error", "url", pe.URL, "err", pe.Err)
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

// answered reports whether a failed fetch ended with the server's answer
// about the page: a status, or an answer refused for what it was.
func answered(err error) bool {
	var se *fetch.StatusError
	if errors.As(err, &se) {
		return true
	}
	for _, refused := range []error{fetch.ErrTooLarge, fetch.ErrNotHTML, fetch.ErrEncoding, fetch.ErrRedirect, fetch.ErrTooManyHops} {
		if errors.Is(err, refused) {
			return true
		}
	}
	return false
}

// madeRequest reports whether a fetch that ended with err asked the
// server for the page: refusals before any request (robots.txt, its
// Crawl-delay or its being unavailable, the address, the scheme) did not.
func madeRequest(err error) bool {
	for _, before := range []error{fetch.ErrDisallowed, fetch.ErrCrawlDelay, fetch.ErrRobotsUnavailable,
		fetch.ErrBlockedAddr, fetch.ErrScheme} {
		if errors.Is(err, before) {
			return false
		}
	}
	return true
}

// notModified is what a 304 for t records: the page answered, as it was.
// When t was redirected, the 304 is its target's (asked with the target's
// validators), and t stands for the target as it does for a 200.
func (c *crawl) notModified(t *task, resp *fetch.Response) []state.Result {
	var rs []state.Result
	target := t.rec
	if final := urlnorm.String(resp.URL.String()); resp.Redirected && final != t.rec.URL {
		rs = append(rs, state.Result{URL: t.rec.URL, Status: state.Done})
		target = state.URL{URL: final}
		if rec, ok, err := c.store.Get(final); err == nil && ok {
			target = rec
		}
	}
	v := resp.Validators()
	if v == (fetch.Validators{}) {
		v = fetch.Validators{ETag: target.ETag, LastModified: target.LastModified}
	}
	return append(rs, state.Result{URL: target.URL, Status: state.Done, Fetched: time.Now(),
		ETag: v.ETag, LastModified: v.LastModified, KeepDocs: true})
}

// archivedBody returns the body of an archived 2xx answer, or the error
// fetching it gave: a record cut at the size cap is ErrTooLarge, one
// that is not HTML ErrNotHTML, as they were when it was fetched.
func archivedBody(p *archive.Page) ([]byte, error) {
	if p.Truncated == fetch.TruncatedLength {
		return nil, fmt.Errorf("%s: %w (archived truncated)", p.URL, fetch.ErrTooLarge)
	}
	body, err := p.Body(fetch.DefaultMaxBodyBytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.URL, err)
	}
	if !fetch.IsHTML(p.Header, body) {
		return nil, fmt.Errorf("%s: %w", p.URL, fetch.ErrNotHTML)
	}
	if p.Truncated != "" {
		return nil, fmt.Errorf("%s: archived truncated (%s)", p.URL, p.Truncated)
	}
	return body, nil
}

// jitter is the random factor of a backoff, in [0.5, 1.5).
func jitter() float64 { return 0.5 + rand.Float64() }
