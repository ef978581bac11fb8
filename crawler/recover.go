package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/askedat/askedat/crawler/archive"
	"github.com/askedat/askedat/crawler/fetch"
	"github.com/askedat/askedat/crawler/state"
	"github.com/askedat/askedat/crawler/urlnorm"
)

// This file takes in, after a crash, the pages the archive holds that the
// state store never recorded, so that they are not fetched again.

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
