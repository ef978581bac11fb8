package main

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/askedat/askedat/crawler/extract"
	"github.com/askedat/askedat/crawler/fetch"
	"github.com/askedat/askedat/crawler/state"
	"github.com/askedat/askedat/crawler/urlnorm"
)

// This file records what became of a fetched page: a failure, a retry put
// off to later, a 304, or a page extracted, its experiences stored and its
// links queued.

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

// jitter is the random factor of a backoff, in [0.5, 1.5).
func jitter() float64 { return 0.5 + rand.Float64() }
