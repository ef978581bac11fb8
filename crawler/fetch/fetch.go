package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Defaults for Config's zero fields.
const (
	DefaultUserAgent      = "askedat-crawler/0.1 (+https://github.com/askedat)"
	DefaultDelay          = time.Second
	DefaultConnectTimeout = 10 * time.Second
	DefaultTimeout        = 30 * time.Second
	DefaultMaxBodyBytes   = 5 << 20
	DefaultMaxRedirects   = 5
)

// maxRobotsBytes caps a robots.txt; Google reads the first 500 KiB.
const maxRobotsBytes = 500 << 10

// Config holds a Fetcher's settings. Zero fields take the defaults above,
// except Delay, where zero means no delay.
type Config struct {
	// UserAgent is sent with every request. Its first word up to "/" is the
	// product token matched against robots.txt groups.
	UserAgent string
	// Delay is the least time between the end of one request to a host and
	// the start of the next. A larger Crawl-delay in the host's robots.txt
	// wins. Callers that want to be polite by default start from
	// DefaultDelay.
	Delay time.Duration
	// ConnectTimeout bounds dialling (and the TLS handshake).
	ConnectTimeout time.Duration
	// Timeout bounds one request: connecting, the headers and the body.
	Timeout time.Duration
	// MaxBodyBytes caps a response body; a longer one is ErrTooLarge.
	MaxBodyBytes int64
	// MaxRedirects caps the redirects followed for one fetch.
	MaxRedirects int
	// AllowHosts are host names (as written in URLs) that may be fetched
	// even though they resolve to a loopback, private, link-local or
	// unspecified address, which are refused otherwise.
	AllowHosts []string
	// FollowRedirect reports whether a redirect from one URL to another may
	// be followed. Nil means only to the same host.
	FollowRedirect func(from, to *url.URL) bool
}

func (c Config) withDefaults() Config {
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	if c.Delay < 0 {
		c.Delay = 0
	}
	if c.ConnectTimeout <= 0 {
		c.ConnectTimeout = DefaultConnectTimeout
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.MaxRedirects <= 0 {
		c.MaxRedirects = DefaultMaxRedirects
	}
	if c.FollowRedirect == nil {
		c.FollowRedirect = func(from, to *url.URL) bool { return sameHost(from, to) }
	}
	return c
}

// Errors a fetch can end with, to be checked with errors.Is.
var (
	ErrDisallowed  = errors.New("disallowed by robots.txt")
	ErrBlockedAddr = errors.New("address is loopback, private, link-local or unspecified")
	ErrScheme      = errors.New("scheme is not http or https")
	ErrTooLarge    = errors.New("response body is too large")
	ErrNotHTML     = errors.New("response is not HTML")
	ErrRedirect    = errors.New("redirect not followed")
	ErrTooManyHops = errors.New("too many redirects")
	errNoLocation  = errors.New("redirect without a Location")
)

// A StatusError is a response whose status is not 2xx (nor a followed
// redirect).
type StatusError struct {
	Code int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("status %d %s", e.Code, http.StatusText(e.Code))
}

// A Response is a fetched HTML page.
type Response struct {
	// URL is where the page was found, after redirects.
	URL *url.URL
	// StatusCode is the final response's status, always 2xx.
	StatusCode int
	Header     http.Header
	Body       []byte
}

// A Fetcher fetches pages politely: it obeys robots.txt, keeps its delay
// between requests to one host, refuses private addresses, and bounds the
// time and size of each request. It is safe for concurrent use; requests to
// one host still keep the delay between them.
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
	f := &Fetcher{cfg: cfg, agent: productToken(cfg.UserAgent)}
	f.client = &http.Client{
		Transport: newTransport(cfg),
		// Redirects are followed by Fetch itself, one hop at a time, so
		// each hop is checked against the hosts and robots.txt and waits
		// its turn.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return f
}

// Fetch gets the HTML page at u. It returns ErrDisallowed when robots.txt
// forbids it (no request is made), a *StatusError for a non-2xx answer,
// ErrNotHTML, ErrTooLarge, ErrRedirect or ErrTooManyHops as they apply, and
// a wrapped network error otherwise (ErrBlockedAddr among them).
func (f *Fetcher) Fetch(ctx context.Context, u *url.URL) (*Response, error) {
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
		resp, err := f.get(ctx, cur, rules.delay(f.cfg.Delay), f.cfg.MaxBodyBytes, true)
		if err != nil {
			return nil, err
		}
		if !isRedirect(resp.StatusCode) {
			if resp.StatusCode < 200 || resp.StatusCode > 299 {
				return nil, &StatusError{Code: resp.StatusCode}
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

// get makes one GET request to u after waiting for the host's turn, and
// reads at most limit bytes of the body. With htmlOnly a 2xx response must
// be HTML. A redirect or an error status is returned as a Response without
// a body.
func (f *Fetcher) get(ctx context.Context, u *url.URL, delay time.Duration, limit int64, htmlOnly bool) (*Response, error) {
	host := hostKey(u)
	if err := f.gate.wait(ctx, host, delay); err != nil {
		return nil, err
	}
	defer f.gate.done(host, delay)

	ctx, cancel := context.WithTimeout(ctx, f.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("new request: %w", err)
	}
	req.Header.Set("User-Agent", f.cfg.UserAgent)
	if htmlOnly {
		req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
	}
	res, err := f.client.Do(req)
	if err != nil {
		return nil, err // a *url.Error naming the method and URL
	}
	defer res.Body.Close()

	out := &Response{URL: u, StatusCode: res.StatusCode, Header: res.Header}
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return out, nil
	}
	if htmlOnly {
		if ct := res.Header.Get("Content-Type"); ct != "" && !isHTML(ct) {
			return nil, fmt.Errorf("%s: %w (Content-Type %q)", u, ErrNotHTML, ct)
		}
	}
	if res.ContentLength > limit {
		return nil, fmt.Errorf("%s: %w (Content-Length %d, limit %d)", u, ErrTooLarge, res.ContentLength, limit)
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read body of %s: %w", u, err)
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("%s: %w (more than %d bytes)", u, ErrTooLarge, limit)
	}
	if htmlOnly && res.Header.Get("Content-Type") == "" && !isHTML(http.DetectContentType(body)) {
		return nil, fmt.Errorf("%s: %w (sniffed %q)", u, ErrNotHTML, http.DetectContentType(body))
	}
	out.Body = body
	return out, nil
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

// isHTML reports whether a Content-Type is an HTML page.
func isHTML(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// hostKey is the politeness key of u: its host and port, in lower case.
func hostKey(u *url.URL) string {
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	return net.JoinHostPort(host, port)
}

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
