package fetch

import (
	"context"
	"net"
	"net/netip"
	"net/url"
	"time"
)

// Defaults for Config's zero fields.
const (
	DefaultUserAgent      = "askedat-crawler/0.2 (+https://github.com/askedat/askedat#crawler)"
	DefaultDelay          = time.Second
	DefaultConnectTimeout = 10 * time.Second
	DefaultTimeout        = 30 * time.Second
	DefaultMaxBodyBytes   = 5 << 20
	DefaultMaxRedirects   = 5
	DefaultPerHost        = 1
	DefaultMaxCrawlDelay  = time.Minute
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
	// the start of the next on the same slot (see PerHost). A larger
	// Crawl-delay in the host's robots.txt wins. Callers that want to be
	// polite by default start from DefaultDelay.
	Delay time.Duration
	// MaxCrawlDelay is the longest Crawl-delay obeyed. A host whose
	// robots.txt asks for more is not crawled (ErrCrawlDelay): going
	// faster than it asked would not be polite, and going as slowly
	// would stall the crawl (a Crawl-delay of 86400 is a page a day).
	MaxCrawlDelay time.Duration
	// PerHost caps the requests in flight to one host (1 by default): a
	// host has PerHost slots, each keeping Delay between its requests.
	PerHost int
	// ConnectTimeout bounds dialling (and the TLS handshake).
	ConnectTimeout time.Duration
	// Timeout bounds one request: connecting, the headers and the body. A
	// server that trickles its answer is cut off at Timeout.
	Timeout time.Duration
	// MaxBodyBytes caps a response body, both as sent and after
	// decompression; a longer one is ErrTooLarge.
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
	// Validators, if set, gives the validators to send for a URL reached
	// by a redirect (Get's argument holds the first URL's), so a target
	// known from an earlier crawl is asked conditionally too.
	Validators func(*url.URL) Validators
	// Recorder, if set, is given every exchange with a server whose answer
	// was read whole (robots.txt, redirects and error pages included),
	// before Fetch returns. An error from it fails the fetch with
	// ErrRecord.
	Recorder Recorder
	// LookupHost resolves a host name to addresses; nil uses the system
	// resolver. Tests point names at loopback with it.
	LookupHost func(ctx context.Context, host string) ([]netip.Addr, error)
}

func (c Config) withDefaults() Config {
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	if c.Delay < 0 {
		c.Delay = 0
	}
	if c.PerHost <= 0 {
		c.PerHost = DefaultPerHost
	}
	if c.MaxCrawlDelay <= 0 {
		c.MaxCrawlDelay = DefaultMaxCrawlDelay
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
	if c.LookupHost == nil {
		c.LookupHost = func(ctx context.Context, host string) ([]netip.Addr, error) {
			return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		}
	}
	return c
}
