package main

// The machinery of the spec test (openapi_test.go): docs/openapi.yaml
// loaded and validated with kin-openapi, and exchanges with a live server
// whose request and answer are each validated against it.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// specPath is the API's description, from this package's folder.
const specPath = "../docs/openapi.yaml"

// loadSpec loads the spec and validates the document itself.
func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(specPath)
	if err != nil {
		t.Fatalf("load %s: %v", specPath, err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatalf("%s is not a valid OpenAPI document: %v", specPath, err)
	}
	return doc
}

// specCheck validates exchanges with live servers against the spec, and
// records which operations they exercised.
type specCheck struct {
	doc    *openapi3.T
	router routers.Router
	opts   *openapi3filter.Options

	mu   sync.Mutex
	seen map[string]bool // "GET /api/search"
}

// newSpecCheck routes requests to the test servers at bases: the spec's own
// server is searchd's default address, so the router is given theirs.
func newSpecCheck(t *testing.T, doc *openapi3.T, bases ...string) *specCheck {
	t.Helper()
	doc.Servers = nil
	for _, b := range bases {
		doc.Servers = append(doc.Servers, &openapi3.Server{URL: b})
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatalf("router of %s: %v", specPath, err)
	}
	return &specCheck{doc: doc, router: router, seen: map[string]bool{},
		opts: &openapi3filter.Options{
			// An answer's status must be one the operation declares
			// (the spec has no "default" responses).
			IncludeResponseStatus: true,
			// The request goes out as the test wrote it: no defaults
			// added to its query.
			SkipSettingDefaults: true,
			MultiError:          true,
			// The spec can say that the admin route needs a bearer
			// token, not whether it is the right one.
			AuthenticationFunc: func(_ context.Context, in *openapi3filter.AuthenticationInput) error {
				if !strings.HasPrefix(in.RequestValidationInput.Request.Header.Get("Authorization"), "Bearer ") {
					return errors.New("no bearer token")
				}
				return nil
			},
		}}
}

// An exchange is one request to a live server and what it must get.
type exchange struct {
	name   string
	method string // GET if empty
	url    string // the server's base and the path with its query
	header http.Header
	body   []byte
	client *http.Client // http.DefaultClient if nil
	want   int
	// outside says the request is outside the spec: its parameters break
	// a rule the spec states (a value out of range, a missing required
	// one), so request validation must fail. Searchd refuses more than the
	// spec can say (unknown parameters, a malformed query), so a 400 is
	// not always outside.
	outside bool
}

// do sends x, validating the request and the answer against the spec, and
// returns the answer's headers and body.
func (sc *specCheck) do(t *testing.T, x exchange) (http.Header, []byte) {
	t.Helper()
	req := x.request(t)
	route, params, err := sc.router.FindRoute(req)
	if err != nil {
		t.Fatalf("%s: %s %s has no operation in %s: %v", x.name, req.Method, req.URL.Path, specPath, err)
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: sc.opts}
	reqErr := openapi3filter.ValidateRequest(context.Background(), in)
	switch {
	case x.outside && reqErr == nil:
		t.Errorf("%s: the spec accepts %s %s, which it should refuse", x.name, req.Method, req.URL)
	case !x.outside && reqErr != nil:
		t.Errorf("%s: the spec refuses %s %s: %v", x.name, req.Method, req.URL, reqErr)
	}
	resp, body := x.send(t, req)
	sc.checkResponse(t, x.name, in, resp, body)
	// kin-openapi validates no 304 (nor redirects): that the operation
	// declares it is checked here.
	if resp.StatusCode == http.StatusNotModified && route.Operation.Responses.Status(http.StatusNotModified) == nil {
		t.Errorf("%s: %s %s answered 304, which %s does not declare for it", x.name, req.Method, req.URL.Path, specPath)
	}
	if resp.StatusCode != x.want {
		t.Errorf("%s: %s %s = %d, want %d: %s", x.name, req.Method, req.URL, resp.StatusCode, x.want, clip(body))
	}
	sc.mu.Lock()
	sc.seen[route.Method+" "+route.Path] = true
	sc.mu.Unlock()
	return resp.Header, body
}

// checkResponse validates an answer of the request in against the spec.
func (sc *specCheck) checkResponse(t *testing.T, name string, in *openapi3filter.RequestValidationInput, resp *http.Response, body []byte) {
	t.Helper()
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header, Options: sc.opts}
	out.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("%s: the answer %d to %s %s breaks %s: %v\nbody: %s", name, resp.StatusCode, in.Request.Method, in.Request.URL, specPath, err, clip(body))
	}
}

// doOutside sends x, a request no operation of the spec has (an unknown
// path, a method a path does not take), and checks that the spec has no
// route for it, that it gets x.want, and that a JSON answer is the spec's
// Error.
func (sc *specCheck) doOutside(t *testing.T, x exchange, wantRouteErr error) {
	t.Helper()
	req := x.request(t)
	if _, _, err := sc.router.FindRoute(req); !errors.Is(err, wantRouteErr) {
		t.Errorf("%s: the spec's router on %s %s: %v, want %v", x.name, req.Method, req.URL.Path, err, wantRouteErr)
	}
	resp, body := x.send(t, req)
	if resp.StatusCode != x.want {
		t.Errorf("%s: %s %s = %d, want %d", x.name, req.Method, req.URL, resp.StatusCode, x.want)
	}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		sc.checkSchema(t, x.name, "Error", body)
	} else if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("%s: Content-Type %q, want JSON or HTML", x.name, resp.Header.Get("Content-Type"))
	}
}

// checkSchema validates a JSON body against a schema of the spec's
// components.
func (sc *specCheck) checkSchema(t *testing.T, name, schema string, body []byte) {
	t.Helper()
	s := sc.doc.Components.Schemas[schema]
	if s == nil || s.Value == nil {
		t.Fatalf("%s has no schema %s", specPath, schema)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Errorf("%s: body is not JSON: %v: %s", name, err, clip(body))
		return
	}
	if err := s.Value.VisitJSON(v, openapi3.EnableJSONSchema2020()); err != nil {
		t.Errorf("%s: body breaks schema %s: %v\nbody: %s", name, schema, err, clip(body))
	}
}

// unexercised returns the spec's operations no exchange has exercised.
func (sc *specCheck) unexercised() []string {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	var out []string
	for path, item := range sc.doc.Paths.Map() {
		for method := range item.Operations() {
			if k := method + " " + path; !sc.seen[k] {
				out = append(out, k)
			}
		}
	}
	slices.Sort(out)
	return out
}

// transport is an http.RoundTripper that validates every request it sends
// and every answer against the spec: the client package's requests are
// the spec's.
func (sc *specCheck) transport(t *testing.T) http.RoundTripper {
	return roundTripper(func(req *http.Request) (*http.Response, error) {
		route, params, err := sc.router.FindRoute(req)
		if err != nil {
			t.Errorf("the client sent %s %s, which has no operation in %s: %v", req.Method, req.URL.Path, specPath, err)
			return http.DefaultTransport.RoundTrip(req)
		}
		in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: sc.opts}
		if err := openapi3filter.ValidateRequest(req.Context(), in); err != nil {
			t.Errorf("the client sent %s %s, which the spec refuses: %v", req.Method, req.URL, err)
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		resp.Body = io.NopCloser(bytes.NewReader(body))
		sc.checkResponse(t, "client", in, resp, body)
		sc.mu.Lock()
		sc.seen[route.Method+" "+route.Path] = true
		sc.mu.Unlock()
		return resp, nil
	})
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func (x exchange) request(t *testing.T) *http.Request {
	t.Helper()
	method := x.method
	if method == "" {
		method = http.MethodGet
	}
	var body io.Reader
	if x.body != nil {
		body = bytes.NewReader(x.body)
	}
	req, err := http.NewRequest(method, x.url, body)
	if err != nil {
		t.Fatalf("%s: %v", x.name, err)
	}
	for k, vs := range x.header {
		req.Header[k] = vs
	}
	return req
}

func (x exchange) send(t *testing.T, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	c := x.client
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s: %s %s: %v", x.name, req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s: read the answer: %v", x.name, err)
	}
	return resp, body
}

// clip shortens a body for a message.
func clip(b []byte) string {
	if len(b) > 600 {
		return fmt.Sprintf("%s… (%d bytes)", b[:600], len(b))
	}
	return string(b)
}
