package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"time"
)

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
