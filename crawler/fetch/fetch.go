package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
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

// Errors a fetch can end with, to be checked with errors.Is.
var (
	ErrDisallowed  = errors.New("disallowed by robots.txt")
	ErrBlockedAddr = errors.New("address is loopback, private, link-local or unspecified")
	ErrScheme      = errors.New("scheme is not http or https")
	ErrTooLarge    = errors.New("response body is too large")
	ErrNotHTML     = errors.New("response is not HTML")
	ErrEncoding    = errors.New("unsupported Content-Encoding")
	ErrRedirect    = errors.New("redirect not followed")
	ErrTooManyHops = errors.New("too many redirects")
	ErrRecord      = errors.New("recording the exchange failed")
	// ErrRobotsUnavailable is a robots.txt that could not be read (a 5xx,
	// a 429, a network failure): nothing on the host may be fetched until
	// it is, so the page is worth trying again later.
	ErrRobotsUnavailable = errors.New("robots.txt unavailable")
	// ErrCrawlDelay is a robots.txt whose Crawl-delay is longer than
	// Config.MaxCrawlDelay: the host is not crawled rather than crawled
	// faster than it asked.
	ErrCrawlDelay = errors.New("robots.txt Crawl-delay too long")
	errNoLocation = errors.New("redirect without a Location")
)

// A StatusError is a response whose status is not 2xx (nor a followed
// redirect, nor a 304 to a conditional request).
type StatusError struct {
	Code int
	// RetryAfter is the wait a 429 or 503 asked for with Retry-After
	// (seconds or an HTTP date), 0 when it named none. Huge values are
	// kept (saturated at about 290 years), for the caller to refuse.
	RetryAfter time.Duration
	// RetryAfterRaw is the Retry-After header as sent.
	RetryAfterRaw string
}

func (e *StatusError) Error() string {
	s := fmt.Sprintf("status %d %s", e.Code, http.StatusText(e.Code))
	if e.RetryAfterRaw != "" {
		s += fmt.Sprintf(" (Retry-After: %s)", e.RetryAfterRaw)
	}
	return s
}

// Temporary reports whether a status is worth asking again later: a 5xx
// (but 501 and 505, which will not change), 408 Request Timeout and 429
// Too Many Requests. Other 4xx are answers, not accidents.
func (e *StatusError) Temporary() bool {
	switch {
	case e.Code == http.StatusRequestTimeout, e.Code == http.StatusTooManyRequests:
		return true
	case e.Code == http.StatusNotImplemented, e.Code == http.StatusHTTPVersionNotSupported:
		return false
	}
	return e.Code >= 500 && e.Code <= 599
}

// Temporary reports whether a failed fetch may succeed if tried again
// later: a temporary status (see StatusError.Temporary), a robots.txt that
// could not be read (ErrRobotsUnavailable), a timeout, a connection
// refused, reset or cut short, a DNS failure the resolver calls temporary,
// or an answer cut off while its body was read. Everything else is not:
// refusals by policy (robots.txt, a blocked address, the scheme, size,
// type, redirects, Crawl-delay), a failing Recorder, a cancelled context,
// and failures that will happen again the same way (a certificate that
// does not verify, TLS spoken to a plain HTTP server or the reverse, a
// malformed answer, a name that does not exist).
func Temporary(err error) bool {
	if err == nil {
		return false
	}
	for _, perm := range []error{ErrDisallowed, ErrCrawlDelay, ErrBlockedAddr, ErrScheme, ErrTooLarge, ErrNotHTML,
		ErrEncoding, ErrRedirect, ErrTooManyHops, ErrRecord, errNoLocation, context.Canceled} {
		if errors.Is(err, perm) {
			return false
		}
	}
	if errors.Is(err, ErrRobotsUnavailable) {
		return true
	}
	var se *StatusError
	if errors.As(err, &se) {
		return se.Temporary()
	}
	var te *transportError
	if errors.As(err, &te) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return dns.IsTimeout || dns.IsTemporary
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	for _, errno := range []syscall.Errno{syscall.ECONNREFUSED, syscall.ECONNRESET, syscall.ECONNABORTED,
		syscall.EPIPE, syscall.ETIMEDOUT, syscall.EHOSTUNREACH, syscall.ENETUNREACH, syscall.ENETDOWN} {
		if errors.Is(err, errno) {
			return true
		}
	}
	// The server closed the connection before answering.
	var ue *url.Error
	return errors.As(err, &ue) && errors.Is(ue.Err, io.EOF)
}

// transportError is a failure while reading an answer (a reset, a cut
// connection): worth another try.
type transportError struct{ err error }

func (e *transportError) Error() string { return e.err.Error() }
func (e *transportError) Unwrap() error { return e.err }

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

// An Exchange is one request and the answer to it, as they went over the
// wire (the answer's body still content-encoded), for an archive.
type Exchange struct {
	URL *url.URL
	// Time is when the request was sent.
	Time time.Time
	// IP is the address of the server, when known.
	IP string
	// Request is the request line and headers, HTTP/1.1 style.
	Request []byte
	// Status is the answer's status code.
	Status int
	// Response is the status line and headers of the answer.
	Response []byte
	// Body is the answer's body as received.
	Body []byte
	// Truncated, when set, says the body was not kept whole (a WARC
	// record's WARC-Truncated): TruncatedLength for one over the size cap,
	// TruncatedUnread for one not read because the answer was refused
	// from its headers (not HTML). Body is then empty.
	Truncated string
}

// Values of Exchange.Truncated, as WARC-Truncated names them.
const (
	TruncatedLength = "length"
	TruncatedUnread = "unspecified"
)

// A Recorder keeps exchanges, for example in a WARC archive.
type Recorder interface {
	Record(*Exchange) error
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

// statusError describes a non-2xx answer, with its Retry-After.
func statusError(resp *Response) *StatusError {
	se := &StatusError{Code: resp.StatusCode}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		if raw := resp.Header.Get("Retry-After"); raw != "" {
			se.RetryAfterRaw = raw
			se.RetryAfter, _ = ParseRetryAfter(raw, time.Now())
		}
	}
	return se
}

// ParseRetryAfter reads a Retry-After value, delay-seconds or an HTTP
// date, as a wait from now. A date in the past is a wait of 0. Seconds
// are read leniently (a fraction, or "1e9", is taken for what it says) and
// saturate at the largest Duration, so a hostile value can be refused by
// comparing it with a cap. It reports false for a value that is neither.
func ParseRetryAfter(raw string, now time.Time) (time.Duration, bool) {
	raw = strings.TrimSpace(raw)
	if secs, err := strconv.ParseFloat(raw, 64); err == nil && !math.IsNaN(secs) {
		switch {
		case secs <= 0:
			return 0, true
		case secs >= float64(math.MaxInt64)/float64(time.Second):
			return time.Duration(math.MaxInt64), true
		}
		return time.Duration(secs * float64(time.Second)), true
	}
	if t, err := http.ParseTime(raw); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// get makes one GET request to u after waiting for the host's turn, and
// reads at most limit bytes of the body (as sent and as decompressed).
// With htmlOnly a 2xx response must be HTML. A redirect, a 304 or an
// error status is returned as a Response without a body.
func (f *Fetcher) get(ctx context.Context, u *url.URL, v Validators, delay time.Duration, limit int64, htmlOnly bool) (*Response, error) {
	host := hostKey(u)
	if err := f.gate.wait(ctx, host); err != nil {
		return nil, err
	}
	defer f.gate.done(host, delay)

	ctx, cancel := context.WithTimeout(ctx, f.cfg.Timeout)
	defer cancel()
	var remote string
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{GotConn: func(ci httptrace.GotConnInfo) {
		if a, ok := ci.Conn.RemoteAddr().(*net.TCPAddr); ok {
			remote = a.IP.String()
		}
	}})
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("new request: %w", err)
	}
	req.Header.Set("User-Agent", f.cfg.UserAgent)
	// The transport's own compression is off (see newTransport), so the
	// body is decompressed here, under the size cap, and archived as sent.
	req.Header.Set("Accept-Encoding", "gzip")
	if htmlOnly {
		req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
	}
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	sent := time.Now()
	res, err := f.client.Do(req)
	if err != nil {
		return nil, err // a *url.Error naming the method and URL
	}
	defer res.Body.Close()

	out := &Response{URL: u, StatusCode: res.StatusCode, Header: res.Header}
	// Every answer is recorded, those refused too: an archive that kept
	// the older answer of a page that is now too large or not HTML would
	// extract a document the crawl no longer has. A body not read is
	// recorded empty, marked truncated.
	record := func(raw []byte, truncated string) error {
		if f.cfg.Recorder == nil {
			return nil
		}
		ex := &Exchange{URL: u, Time: sent, IP: remote, Request: requestBytes(req),
			Status: res.StatusCode, Response: responseBytes(res), Body: raw, Truncated: truncated}
		if err := f.cfg.Recorder.Record(ex); err != nil {
			return fmt.Errorf("%w: %s: %w", ErrRecord, u, err)
		}
		return nil
	}
	// refuse records the answer and returns why it is refused.
	refuse := func(raw []byte, truncated string, why error) (*Response, error) {
		if err := record(raw, truncated); err != nil {
			return nil, err
		}
		return nil, why
	}
	ok := res.StatusCode >= 200 && res.StatusCode <= 299
	if ok && htmlOnly {
		if ct := res.Header.Get("Content-Type"); ct != "" && !isHTML(ct) {
			return refuse(nil, TruncatedUnread, fmt.Errorf("%s: %w (Content-Type %q)", u, ErrNotHTML, ct))
		}
	}
	tooLarge := func(why string) (*Response, error) {
		if !ok {
			return out, record(nil, TruncatedLength)
		}
		return refuse(nil, TruncatedLength, fmt.Errorf("%s: %w (%s)", u, ErrTooLarge, why))
	}
	if res.ContentLength > limit {
		return tooLarge(fmt.Sprintf("Content-Length %d, limit %d", res.ContentLength, limit))
	}
	raw, err := io.ReadAll(io.LimitReader(res.Body, limit+1))
	if err != nil {
		return nil, &transportError{fmt.Errorf("read body of %s: %w", u, err)}
	}
	if int64(len(raw)) > limit {
		return tooLarge(fmt.Sprintf("more than %d bytes", limit))
	}
	var body []byte
	if ok {
		body, err = Decode(res.Header.Get("Content-Encoding"), raw, limit)
		if err != nil {
			return refuse(raw, "", fmt.Errorf("%s: %w", u, err))
		}
		if htmlOnly && !IsHTML(res.Header, body) {
			return refuse(raw, "", fmt.Errorf("%s: %w (sniffed %q)", u, ErrNotHTML, http.DetectContentType(body)))
		}
	}
	if err := record(raw, ""); err != nil {
		return nil, err
	}
	out.Body = body
	return out, nil
}

// Decode undoes a Content-Encoding (none, identity, gzip) and fails with
// ErrTooLarge as soon as the decoded body passes limit, so a small gzip
// that expands to gigabytes costs no more than limit bytes.
func Decode(encoding string, raw []byte, limit int64) ([]byte, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "", "identity":
		return raw, nil
	case "gzip", "x-gzip":
	default:
		return nil, fmt.Errorf("%w %q", ErrEncoding, encoding)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("gunzip body: %w", err)
	}
	body, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, fmt.Errorf("gunzip body: %w", err)
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("%w (more than %d bytes once decompressed)", ErrTooLarge, limit)
	}
	return body, nil
}

// requestBytes is the request line and headers of req as sent.
func requestBytes(req *http.Request) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "GET %s HTTP/1.1\r\nHost: %s\r\n", req.URL.RequestURI(), req.URL.Host)
	req.Header.Write(&b)
	b.WriteString("\r\n")
	return b.Bytes()
}

// responseBytes is the status line and headers of res. The status line is
// written HTTP/1.1 style whatever the protocol, as WARC readers expect.
func responseBytes(res *http.Response) []byte {
	var b bytes.Buffer
	status := res.Status
	if code := strconv.Itoa(res.StatusCode); !strings.HasPrefix(status, code) {
		status = code + " " + http.StatusText(res.StatusCode)
	}
	fmt.Fprintf(&b, "HTTP/1.1 %s\r\n", status)
	res.Header.Write(&b)
	b.WriteString("\r\n")
	return b.Bytes()
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

// IsHTML reports whether a response with these headers and this
// (decoded) body is an HTML page, by its Content-Type or, when it names
// none, by sniffing.
func IsHTML(h http.Header, body []byte) bool {
	if ct := h.Get("Content-Type"); ct != "" {
		return isHTML(ct)
	}
	return isHTML(http.DetectContentType(body))
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
