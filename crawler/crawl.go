package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/url"
	"strings"
	"sync"
	"time"

	"askedat/crawler/extract"
	"askedat/crawler/fetch"
	"askedat/index"
)

// A Report says what a crawl did.
type Report struct {
	// Pages counts the pages requested, whatever the answer; pages skipped
	// by robots.txt are not among them.
	Pages int
	// Experiences counts the experiences written.
	Experiences int
	// Listings counts the listing pages read (and not written).
	Listings int
	// Duplicates counts posts reached again by another URL, and not written
	// again.
	Duplicates int
	// RobotsSkipped counts the pages robots.txt forbade.
	RobotsSkipped int
	// Errors lists the pages that failed, in the order they did.
	Errors []PageError
	// Interrupted reports whether the crawl was stopped before it ended.
	Interrupted bool
	// MaxPagesHit reports whether the crawl stopped at its page cap.
	MaxPagesHit bool
}

// A PageError is one page that failed: fetching it, or extracting it.
type PageError struct {
	URL string
	Err error
}

func (e PageError) Error() string { return e.URL + ": " + e.Err.Error() }
func (e PageError) Unwrap() error { return e.Err }

// fetcher gets pages; *fetch.Fetcher is the real one. It is declared here,
// where it is used, so a test or a later archive-backed fetcher can stand in.
type fetcher interface {
	Fetch(ctx context.Context, u *url.URL) (*fetch.Response, error)
}

var _ fetcher = (*fetch.Fetcher)(nil)

// sink receives the experiences a crawl finds, each once.
type sink interface {
	Write(e *index.Experience) error
}

// visited remembers the URLs already queued, so each is fetched once. A
// persistent one can make a crawl resumable.
type visited interface {
	// Visit marks key as seen and reports whether it was new.
	Visit(key string) bool
}

type memVisited map[string]bool

func (m memVisited) Visit(key string) bool {
	if m[key] {
		return false
	}
	m[key] = true
	return true
}

// A crawl is one run of the crawler: a frontier of pages to fetch, the
// fetcher that gets them, extraction, and the sink that keeps the posts.
type crawl struct {
	cfg     Config
	fetch   fetcher
	extract func(*url.URL, []byte) (extract.Result, error)
	out     sink
	log     *log.Logger

	visited visited
	ids     map[string]bool // experience ids written

	mu    sync.Mutex // guards queue and rep, read by the progress logger
	queue []task
	rep   Report
}

// A task is a page to fetch, with the host whose links it may follow.
type task struct {
	u     *url.URL
	scope string       // host:port of the seed it came from
	seed  bool         // a seed, not a link
	want  extract.Kind // what the link promised: Post, Listing, or Other for seeds
}

// newFetcher returns the fetcher a crawl with cfg uses: redirects are
// followed within the seeds' hosts.
func newFetcher(cfg Config) *fetch.Fetcher {
	hosts := make(map[string]bool)
	for _, s := range cfg.Seeds {
		if u, err := parseSeed(s); err == nil {
			hosts[scopeOf(u)] = true
		}
	}
	return fetch.New(fetch.Config{
		Delay:          cfg.Delay,
		Timeout:        cfg.Timeout,
		AllowHosts:     cfg.AllowHosts,
		FollowRedirect: func(_, to *url.URL) bool { return hosts[scopeOf(to)] },
	})
}

// run crawls from cfg's seeds, writing each post found to out once, and
// returns what it did. It stops when the frontier is empty, at the page
// cap, or when ctx ends (then Report.Interrupted is set and the error is
// nil: what was found is kept). It returns an error only when the crawl
// could not run: every seed failed, or out could not be written.
func (c *crawl) run(ctx context.Context) (*Report, error) {
	if c.visited == nil {
		c.visited = memVisited{}
	}
	c.ids = make(map[string]bool)
	seeds := 0
	for _, s := range c.cfg.Seeds {
		u, err := parseSeed(s)
		if err != nil {
			return nil, err
		}
		if c.enqueue(task{u: u, scope: scopeOf(u), seed: true}) {
			seeds++
		}
	}

	stopProgress := c.progress(ctx)
	defer stopProgress()

	var seedErrs []error
	seedsOK := 0
	for {
		if ctx.Err() != nil {
			c.update(func(r *Report) { r.Interrupted = true })
			break
		}
		t, ok := c.next()
		if !ok {
			break
		}
		err := c.visit(ctx, t)
		var werr *writeError
		if errors.As(err, &werr) {
			rep := c.snapshot()
			return &rep, werr.err
		}
		if ctx.Err() != nil {
			c.update(func(r *Report) { r.Interrupted = true })
			break
		}
		if t.seed {
			if err != nil {
				seedErrs = append(seedErrs, err)
			} else {
				seedsOK++
			}
		}
	}
	rep := c.snapshot()
	if seedsOK == 0 && len(seedErrs) == seeds {
		return &rep, fmt.Errorf("every seed failed: %w", errors.Join(seedErrs...))
	}
	return &rep, nil
}

// writeError is a failure to write the output, which ends the crawl.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }

// visit fetches one page and acts on what it is: a post is written, a
// listing's links are queued. A page that fails is logged and reported, and
// its error returned.
func (c *crawl) visit(ctx context.Context, t task) error {
	resp, err := c.fetch.Fetch(ctx, t.u)
	if ctx.Err() != nil {
		return ctx.Err() // stopped, not failed
	}
	if errors.Is(err, fetch.ErrDisallowed) {
		c.update(func(r *Report) { r.RobotsSkipped++ })
		c.log.Printf("skip %v", err)
		return err
	}
	if !errors.Is(err, fetch.ErrBlockedAddr) && !errors.Is(err, fetch.ErrScheme) {
		c.update(func(r *Report) { r.Pages++ }) // a request was made
	}
	if err != nil {
		return c.fail(t.u, err)
	}
	if resp.URL.String() != t.u.String() {
		c.visited.Visit(urlKey(resp.URL)) // reached by redirect: don't fetch it again
	}
	res, err := c.extract(resp.URL, resp.Body)
	if err == nil && t.want == extract.Post && res.Kind != extract.Post {
		err = fmt.Errorf("linked as a post, but no post was found on the page (it reads as %s)", res.Kind)
	}
	if err != nil {
		return c.fail(resp.URL, err)
	}
	for _, e := range res.Experiences {
		if c.ids[e.ID] {
			c.update(func(r *Report) { r.Duplicates++ })
			continue
		}
		if err := c.out.Write(e); err != nil {
			return &writeError{fmt.Errorf("write %s: %w", e.ID, err)}
		}
		c.ids[e.ID] = true
		c.update(func(r *Report) { r.Experiences++ })
	}
	if res.Kind == extract.Listing {
		c.update(func(r *Report) { r.Listings++ })
	}
	for _, l := range append(res.Links, res.SiteLinks...) {
		if scopeOf(l.URL) == t.scope {
			c.enqueue(task{u: l.URL, scope: t.scope, want: l.Kind})
		}
	}
	return nil
}

func (c *crawl) fail(u *url.URL, err error) error {
	pe := PageError{URL: u.String(), Err: err}
	c.update(func(r *Report) { r.Errors = append(r.Errors, pe) })
	c.log.Printf("error %v", pe)
	return pe
}

// enqueue adds t to the frontier unless its URL was queued before, and
// reports whether it did.
func (c *crawl) enqueue(t task) bool {
	if !c.visited.Visit(urlKey(t.u)) {
		return false
	}
	c.mu.Lock()
	c.queue = append(c.queue, t)
	c.mu.Unlock()
	return true
}

// next takes the next page to fetch from the frontier. It reports false
// when the frontier is empty or the page cap is reached.
func (c *crawl) next() (task, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.queue) == 0 {
		return task{}, false
	}
	if c.rep.Pages >= c.cfg.maxPages() {
		c.rep.MaxPagesHit = true
		c.log.Printf("stopping at -max-pages %d with %d pages still queued", c.cfg.maxPages(), len(c.queue))
		return task{}, false
	}
	t := c.queue[0]
	c.queue[0] = task{}
	c.queue = c.queue[1:]
	return t, true
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

// progress logs a line every cfg.ProgressEvery until the returned function
// is called.
func (c *crawl) progress(ctx context.Context) (stop func()) {
	every := c.cfg.ProgressEvery
	if every <= 0 {
		every = defaultProgressEvery
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				c.mu.Lock()
				r, q := c.rep, len(c.queue)
				c.mu.Unlock()
				c.log.Printf("progress: %d pages fetched, %d queued, %d experiences written, %d errors",
					r.Pages, q, r.Experiences, len(r.Errors))
			}
		}
	}()
	return func() { cancel(); <-done }
}

// summary is the crawl's last log line.
func (r *Report) summary() string {
	s := fmt.Sprintf("done: %d pages fetched, %d experiences written, %d skipped by robots.txt, %d errors",
		r.Pages, r.Experiences, r.RobotsSkipped, len(r.Errors))
	var notes []string
	if r.Duplicates > 0 {
		notes = append(notes, fmt.Sprintf("%d duplicate posts", r.Duplicates))
	}
	if r.MaxPagesHit {
		notes = append(notes, "stopped at -max-pages")
	}
	if r.Interrupted {
		notes = append(notes, "interrupted")
	}
	if len(notes) > 0 {
		s += " (" + strings.Join(notes, ", ") + ")"
	}
	return s
}

// scopeOf returns the host a URL's links stay within: its host and port,
// in lower case, without a default port.
func scopeOf(u *url.URL) string {
	host := strings.ToLower(u.Host)
	switch strings.ToLower(u.Scheme) {
	case "http":
		host = strings.TrimSuffix(host, ":80")
	case "https":
		host = strings.TrimSuffix(host, ":443")
	}
	return host
}

// urlKey is the form of a URL used to tell whether it was seen: without its
// fragment, with the scheme and host in lower case and no default port.
func urlKey(u *url.URL) string {
	k := *u
	k.Scheme = strings.ToLower(k.Scheme)
	k.Host = scopeOf(u)
	k.Fragment, k.RawFragment = "", ""
	if k.Path == "" {
		k.Path = "/"
	}
	return k.String()
}
