package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// robotsCache holds each site's robots.txt rules, fetched once.
type robotsCache struct {
	mu    sync.Mutex
	sites map[string]*robotsEntry // by scheme://host:port
}

type robotsEntry struct {
	mu    sync.Mutex // held while the file is fetched
	rules *robotsRules
}

// robotsRules are the rules of one robots.txt for our product token.
type robotsRules struct {
	allowAll    bool
	disallowAll string // why everything is disallowed, when it is
	// unreachable is set when the host itself may not be fetched (its
	// address is refused): that, not robots.txt, is why a page fails.
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

// delay returns the wait between requests: d, or the Crawl-delay when it is
// longer.
func (r *robotsRules) delay(d time.Duration) time.Duration {
	if r.group != nil && r.group.CrawlDelay > d {
		return r.group.CrawlDelay
	}
	return d
}

// get returns the rules for u's site, fetching its robots.txt on first use.
// A 4xx robots.txt allows everything; a 5xx, or a network error, disallows
// everything. A fetch cut short by ctx is not remembered.
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

	e.mu.Lock()
	defer e.mu.Unlock()
	if e.rules != nil {
		return e.rules, nil
	}
	rules, err := f.fetchRobots(ctx, &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"})
	if err != nil {
		return nil, err
	}
	e.rules = rules
	return rules, nil
}

// fetchRobots gets and parses one robots.txt, following same-host redirects.
// It returns an error only when ctx ended.
func (f *Fetcher) fetchRobots(ctx context.Context, u *url.URL) (*robotsRules, error) {
	for hop := 0; hop <= f.cfg.MaxRedirects; hop++ {
		resp, err := f.get(ctx, u, Validators{}, f.cfg.Delay, maxRobotsBytes, false)
		if ctx.Err() != nil {
			return nil, fmt.Errorf("robots.txt of %s: %w", u.Host, ctx.Err())
		}
		if errors.Is(err, ErrBlockedAddr) {
			return &robotsRules{disallowAll: "host refused", unreachable: err}, nil
		}
		if err != nil {
			return &robotsRules{disallowAll: fmt.Sprintf("robots.txt unreachable: %v", err)}, nil
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
		data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, resp.Body)
		switch {
		case resp.StatusCode >= 400 && resp.StatusCode <= 499:
			return allowAllRules, nil
		case resp.StatusCode < 200 || resp.StatusCode > 299:
			return &robotsRules{disallowAll: fmt.Sprintf("robots.txt answered %d", resp.StatusCode)}, nil
		case err != nil:
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
