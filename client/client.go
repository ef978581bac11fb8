package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultTimeout bounds each request of a Client made without
// WithHTTPClient: a searchd that stops answering must not hang its caller
// whose context has no deadline.
const DefaultTimeout = time.Minute

// maxAnswerBytes bounds how much of an answer is read. The largest answer
// searchd gives (100 hits with highlights, 5 facets of 200 values) is a
// few hundred kilobytes; a body past this is no answer of its.
const maxAnswerBytes = 64 << 20

// maxErrorBody bounds how much of an error body that is not the API's JSON
// (a proxy's page) an Error quotes.
const maxErrorBody = 512

// A Client talks to one searchd. It is safe for concurrent use.
type Client struct {
	base      *url.URL
	http      *http.Client
	userAgent string
}

// An Option configures a Client made by New.
type Option func(*Client)

// WithHTTPClient makes the Client send its requests with hc: its
// transport, timeout and redirect policy.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) { c.http = hc }
}

// WithUserAgent sets the User-Agent of the Client's requests
// ("askedat-client" by default), which searchd's request log records.
func WithUserAgent(ua string) Option {
	return func(c *Client) { c.userAgent = ua }
}

// New returns a Client of the searchd at baseURL, an absolute http:// or
// https:// URL ("http://127.0.0.1:8080"); a path in it is kept as a
// prefix, for a searchd behind a proxy under one.
func New(baseURL string, opts ...Option) (*Client, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("client: base URL %q: %w", baseURL, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("client: base URL %q is not an absolute http:// or https:// URL", baseURL)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, fmt.Errorf("client: base URL %q has a query, fragment or user; give scheme, host and path only", baseURL)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = strings.TrimSuffix(u.RawPath, "/")
	c := &Client{base: u, http: &http.Client{Timeout: DefaultTimeout}, userAgent: "askedat-client"}
	for _, o := range opts {
		o(c)
	}
	if c.http == nil {
		c.http = &http.Client{Timeout: DefaultTimeout}
	}
	return c, nil
}

// An Error is an answer of searchd other than a 2xx: its status and the
// API's message ({"error": …, "status": …}).
type Error struct {
	// Method and Path are the request's (the path without the query).
	Method, Path string
	// Status is the HTTP status: 400 for a request searchd refuses, 404
	// for a document or cluster it does not have, 429 and 503 when it is
	// too busy to search now (RetryAfter says when to ask again), 503 too
	// for a search that ran past its deadline or an index that does not
	// answer.
	Status int
	// Message is the API's "error", fit to show a user; for an answer
	// that is not the API's JSON (a proxy's page), the start of its body
	// or the status text.
	Message string
	// RetryAfter is the answer's Retry-After, or 0 without one.
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	return fmt.Sprintf("askedat: %s %s: %d %s: %s", e.Method, e.Path, e.Status, http.StatusText(e.Status), e.Message)
}

// endpoint returns the URL of the path segments under the base URL, each
// segment escaped (an id is one segment, whatever it holds), with query.
func (c *Client) endpoint(query url.Values, segments ...string) *url.URL {
	raw := c.base.EscapedPath()
	for _, s := range segments {
		raw += "/" + url.PathEscape(s)
	}
	u := *c.base
	u.RawPath = raw
	u.Path, _ = url.PathUnescape(raw) // raw is escaped: no error
	u.RawQuery = query.Encode()
	return &u
}

// get sends a GET of u and decodes its JSON answer into out; it returns the
// answer's headers.
func (c *Client) get(ctx context.Context, u *url.URL, out any) (http.Header, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("client: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("askedat: GET %s: %w", u.Path, err)
	}
	defer resp.Body.Close()
	body := io.LimitReader(resp.Body, maxAnswerBytes)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.Header, answerError(req, resp, body)
	}
	if mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); mt != "application/json" {
		return resp.Header, fmt.Errorf("askedat: GET %s: the answer is %q, not JSON", u.Path, resp.Header.Get("Content-Type"))
	}
	if err := json.NewDecoder(body).Decode(out); err != nil {
		return resp.Header, fmt.Errorf("askedat: GET %s: decode the answer: %w", u.Path, err)
	}
	return resp.Header, nil
}

// answerError is the *Error of a non-2xx answer.
func answerError(req *http.Request, resp *http.Response, body io.Reader) error {
	e := &Error{Method: req.Method, Path: req.URL.Path, Status: resp.StatusCode}
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s >= 0 {
		e.RetryAfter = time.Duration(s) * time.Second
	}
	b, err := io.ReadAll(io.LimitReader(body, 1<<20))
	if err != nil && !errors.Is(err, io.EOF) {
		e.Message = fmt.Sprintf("%s (reading the answer: %v)", http.StatusText(resp.StatusCode), err)
		return e
	}
	var api struct {
		Error string `json:"error"`
	}
	switch {
	case json.Unmarshal(b, &api) == nil && api.Error != "":
		e.Message = api.Error
	case len(strings.TrimSpace(string(b))) > 0:
		m := strings.TrimSpace(string(b))
		if len(m) > maxErrorBody {
			m = strings.ToValidUTF8(m[:maxErrorBody], "") + "…"
		}
		e.Message = m
	default:
		e.Message = http.StatusText(resp.StatusCode)
	}
	return e
}
