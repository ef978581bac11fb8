package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// robotsCache holds each site's robots.txt rules. Rules read from the
// site (a 2xx, or a 4xx that means there are none) are kept for the whole
// run; a robots.txt that could not be read (a 5xx, a 429, a network
// failure) is not kept, so the next page of the host asks for it again.
type robotsCache struct {
	mu    sync.Mutex
	sites map[string]*robotsEntry // by scheme://host:port
}

type robotsEntry struct {
	mu    sync.Mutex // held while the file is fetched
	rules *robotsRules
	// failed is the last temporary failure, at failedAt: callers that
	// were waiting for that fetch take it as theirs instead of asking
	// again at once.
	failed   error
	failedAt time.Time
}

// robotsRules are the rules of one robots.txt for our product token.
type robotsRules struct {
	allowAll    bool
	disallowAll string // why everything is disallowed, when it is
	// unreachable is set when the host itself may not be fetched (its
	// address is refused, its certificate does not verify): that, not
	// robots.txt, is why a page fails.
	unreachable error
	group       *robotstxt.Group
}

var allowAllRules = &robotsRules{allowAll: true}

func (r *robotsRules) allows(path string) bool {
	switch {
	case r.allowAll:
		return true
	case r.disallowAll != "":
		return false
	}
	return r.group.Test(path)
}

// crawlDelay is the Crawl-delay the rules ask for, 0 for none.
func (r *robotsRules) crawlDelay() time.Duration {
	if r.group != nil {
		return r.group.CrawlDelay
	}
	return 0
}

// get returns the rules for u's site, fetching its robots.txt when they
// are not known. A 4xx robots.txt (but 429) allows everything. A 5xx, a
// 429 or a network failure is an error wrapping ErrRobotsUnavailable (and
// the *StatusError, with its Retry-After), not remembered. An error of the
// Recorder (ErrRecord) or of ctx is returned as it is.
func (c *robotsCache) get(ctx context.Context, f *Fetcher, u *url.URL) (*robotsRules, error) {
	site := u.Scheme + "://" + hostKey(u)
	c.mu.Lock()
	if c.sites == nil {
		c.sites = make(map[string]*robotsEntry)
	}
	e := c.sites[site]
	if e == nil {
		e = new(robotsEntry)
		c.sites[site] = e
	}
	c.mu.Unlock()

	asked := time.Now()
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.rules != nil {
		return e.rules, nil
	}
	if e.failed != nil && !e.failedAt.Before(asked) {
		return nil, e.failed // it failed while this caller waited
	}
	rules, err := f.fetchRobots(ctx, &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"})
	if errors.Is(err, ErrRobotsUnavailable) {
		e.failed, e.failedAt = err, time.Now()
	}
	if err != nil {
		return nil, err
	}
	e.rules, e.failed = rules, nil
	return rules, nil
}

// fetchRobots gets and parses one robots.txt, following same-host
// redirects; see robotsCache.get for the errors.
func (f *Fetcher) fetchRobots(ctx context.Context, u *url.URL) (*robotsRules, error) {
	site := u.Host
	for hop := 0; hop <= f.cfg.MaxRedirects; hop++ {
		resp, err := f.get(ctx, u, Validators{}, f.cfg.Delay, maxRobotsBytes, false)
		switch {
		case ctx.Err() != nil:
			return nil, fmt.Errorf("robots.txt of %s: %w", site, ctx.Err())
		case errors.Is(err, ErrRecord):
			return nil, err
		case errors.Is(err, ErrBlockedAddr):
			return &robotsRules{disallowAll: "host refused", unreachable: err}, nil
		case err != nil && Temporary(err):
			return nil, fmt.Errorf("%w: %s: %w", ErrRobotsUnavailable, u, err)
		case err != nil:
			// It will fail the same way for every page (a certificate
			// that does not verify, an answer too large): the pages fail
			// with it.
			return &robotsRules{disallowAll: err.Error(), unreachable: fmt.Errorf("robots.txt: %w", err)}, nil
		}
		if isRedirect(resp.StatusCode) {
			next, err := location(u, resp)
			if err != nil || !sameHost(u, next) || checkScheme(next) != nil {
				// Google reads a robots.txt it cannot get to as missing.
				return allowAllRules, nil
			}
			u = next
			continue
		}
		switch code := resp.StatusCode; {
		case code == http.StatusTooManyRequests || code >= 500:
			// Treated as unreachable, as RFC 9309 says of 5xx and Google
			// does of 429: nothing is fetched until it can be read.
			return nil, fmt.Errorf("%w: %s: %w", ErrRobotsUnavailable, u, statusError(resp))
		case code >= 400:
			return allowAllRules, nil
		case code < 200 || code > 299:
			return allowAllRules, nil // a 1xx or a 3xx that is not a redirect: read as missing
		}
		data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, resp.Body)
		if err != nil {
			// The parser rejects the whole file for one bad line. Its
			// Disallow lines may still be meant: keep off the site.
			return &robotsRules{disallowAll: fmt.Sprintf("robots.txt unparsable: %v", strings.TrimSpace(err.Error()))}, nil
		}
		return &robotsRules{group: data.FindGroup(f.agent)}, nil
	}
	return allowAllRules, nil
}

// robotsPath is the part of u that robots.txt rules match: the path and
// query.
func robotsPath(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}
