package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

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
