package fetch

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// Validators are what an earlier answer said to check the page against,
// sent back as If-None-Match and If-Modified-Since.
type Validators struct {
	ETag         string
	LastModified string
}

// A Response is a fetched HTML page, or the news that it did not change.
type Response struct {
	// URL is where the page was found, after redirects.
	URL *url.URL
	// StatusCode is the final response's status: 2xx, or 304 when
	// NotModified.
	StatusCode int
	// NotModified is set when a conditional fetch was answered 304: the
	// page is as it was, and Body is empty.
	NotModified bool
	Header      http.Header
	// Body is the page, decompressed.
	Body []byte
	// Redirected is set when URL was reached by redirects.
	Redirected bool
}

// Validators returns the validators the answer carries.
func (r *Response) Validators() Validators {
	return Validators{ETag: r.Header.Get("ETag"), LastModified: r.Header.Get("Last-Modified")}
}

// A Fetcher fetches pages politely: it obeys robots.txt, keeps its delay
// between requests to one host and at most Config.PerHost of them in
// flight, refuses private addresses, and bounds the time and size of each
// request. It is safe for concurrent use.
type Fetcher struct {
	cfg    Config
	agent  string // the robots.txt product token
	client *http.Client
	gate   gate
	robots robotsCache
}

// New returns a Fetcher with the settings of cfg.
func New(cfg Config) *Fetcher {
	cfg = cfg.withDefaults()
	f := &Fetcher{cfg: cfg, agent: productToken(cfg.UserAgent), gate: gate{perHost: cfg.PerHost}}
	f.client = &http.Client{
		Transport: newTransport(cfg),
		// Redirects are followed by Fetch itself, one hop at a time, so
		// each hop is checked against the hosts and robots.txt and waits
		// its turn.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return f
}

// UserAgent returns the User-Agent the Fetcher sends.
func (f *Fetcher) UserAgent() string { return f.cfg.UserAgent }

// Fetch gets the HTML page at u; see Get.
func (f *Fetcher) Fetch(ctx context.Context, u *url.URL) (*Response, error) {
	return f.Get(ctx, u, Validators{})
}

// Get gets the HTML page at u, sending v's validators (when set) so that
// an unchanged page is answered 304 (Response.NotModified); a redirect
// target is sent those Config.Validators gives. It returns ErrDisallowed
// when robots.txt forbids it and ErrCrawlDelay when its Crawl-delay is
// too long (no request is made), ErrRobotsUnavailable when robots.txt
// could not be read, a *StatusError for another non-2xx answer,
// ErrNotHTML, ErrTooLarge, ErrEncoding, ErrRedirect or ErrTooManyHops as
// they apply, and a wrapped network error otherwise (ErrBlockedAddr among
// them). Temporary tells which are worth another try.
func (f *Fetcher) Get(ctx context.Context, u *url.URL, v Validators) (*Response, error) {
	cur := u
	for hop := 0; ; hop++ {
		if err := checkScheme(cur); err != nil {
			return nil, err
		}
		rules, err := f.robots.get(ctx, f, cur)
		if err != nil {
			return nil, err
		}
		if rules.unreachable != nil {
			return nil, rules.unreachable
		}
		if !rules.allows(robotsPath(cur)) {
			if rules.disallowAll != "" {
				return nil, fmt.Errorf("%s: %w (%s)", cur, ErrDisallowed, rules.disallowAll)
			}
			return nil, fmt.Errorf("%s: %w", cur, ErrDisallowed)
		}
		if d := rules.crawlDelay(); d > f.cfg.MaxCrawlDelay {
			return nil, fmt.Errorf("%s: %w: %v asked, more than the %v obeyed", cur, ErrCrawlDelay, d, f.cfg.MaxCrawlDelay)
		}
		if hop > 0 {
			v = Validators{}
			if f.cfg.Validators != nil {
				v = f.cfg.Validators(cur)
			}
		}
		resp, err := f.get(ctx, cur, v, max(f.cfg.Delay, rules.crawlDelay()), f.cfg.MaxBodyBytes, true)
		if err != nil {
			return nil, err
		}
		resp.Redirected = hop > 0
		if !isRedirect(resp.StatusCode) {
			switch {
			case resp.StatusCode == http.StatusNotModified && (v.ETag != "" || v.LastModified != ""):
				resp.NotModified = true
				return resp, nil
			case resp.StatusCode < 200 || resp.StatusCode > 299:
				return nil, statusError(resp)
			}
			return resp, nil
		}
		next, err := location(cur, resp)
		if err != nil {
			return nil, err
		}
		if hop >= f.cfg.MaxRedirects {
			return nil, fmt.Errorf("%w (%d) at %s", ErrTooManyHops, hop, next)
		}
		if checkScheme(next) != nil || !f.cfg.FollowRedirect(cur, next) {
			return nil, fmt.Errorf("%w: %s to %s", ErrRedirect, cur, next)
		}
		cur = next
	}
}

func isRedirect(code int) bool {
	switch code {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// location returns the absolute target of a redirect response.
func location(from *url.URL, resp *Response) (*url.URL, error) {
	loc := resp.Header.Get("Location")
	if loc == "" {
		return nil, fmt.Errorf("%s: status %d: %w", from, resp.StatusCode, errNoLocation)
	}
	ref, err := url.Parse(loc)
	if err != nil {
		return nil, fmt.Errorf("%s: bad Location %q: %w", from, loc, err)
	}
	next := from.ResolveReference(ref)
	next.Fragment, next.RawFragment = "", ""
	return next, nil
}

func checkScheme(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%s: %w", u, ErrScheme)
	}
	if u.Host == "" {
		return fmt.Errorf("%s: no host", u)
	}
	return nil
}

// hostKey is the politeness key of u: its host and port, in lower case.
func hostKey(u *url.URL) string {
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	return net.JoinHostPort(host, port)
}

// HostKey is the key one host's politeness is kept under: its host and
// port, in lower case, the port always written.
func HostKey(u *url.URL) string { return hostKey(u) }

// sameHost reports whether a and b name the same host and port.
func sameHost(a, b *url.URL) bool { return hostKey(a) == hostKey(b) }

// productToken returns the robots.txt name of a User-Agent:
// "askedat-crawler/0.1 (+…)" gives "askedat-crawler".
func productToken(ua string) string {
	tok, _, _ := strings.Cut(strings.TrimSpace(ua), "/")
	if f := strings.Fields(tok); len(f) > 0 {
		tok = f[0]
	}
	return strings.ToLower(tok)
}
