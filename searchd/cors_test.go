package main

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
)

func TestParseOrigin(t *testing.T) {
	for _, tt := range []struct{ in, want, wantErr string }{
		{in: "https://example.com", want: "https://example.com"},
		{in: "https://Example.COM/", want: "https://example.com"},
		{in: "https://example.com:443", want: "https://example.com"},
		{in: "http://example.com:80", want: "http://example.com"},
		{in: "http://127.0.0.1:5173", want: "http://127.0.0.1:5173"},
		{in: "http://[::1]:8080", want: "http://[::1]:8080"},
		{in: "http://[::1]", want: "http://[::1]"},
		{in: "https://*.example.com", want: "https://*.example.com"},
		{in: "*", want: "*"},
		{in: "example.com", wantErr: `CORS origin "example.com": want an origin such as https://example.com`},
		{in: "ftp://example.com", wantErr: `CORS origin "ftp://example.com": want an origin`},
		{in: "https://example.com/app", wantErr: `CORS origin "https://example.com/app": an origin is a scheme, a host and a port only, as in https://example.com`},
		{in: "https://user@example.com", wantErr: "an origin is a scheme, a host and a port only"},
		{in: "https://example.com?x=1", wantErr: "an origin is a scheme, a host and a port only"},
		{in: "https://", wantErr: "want an origin"},
	} {
		got, err := parseOrigin(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseOrigin(%q) = %q, %v; want an error with %q", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("parseOrigin(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

// TestCORSOriginFlag: -cors-origin takes a comma-separated list and
// repeats; a bad origin is a usage error naming it.
func TestCORSOriginFlag(t *testing.T) {
	var o corsOrigins
	for _, v := range []string{"https://a.example, http://b.example:8080/", "https://c.example:443"} {
		if err := o.Set(v); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := o.String(), "https://a.example,http://b.example:8080,https://c.example"; got != want {
		t.Errorf("-cors-origin = %q, want %q", got, want)
	}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-index", "x", "-cors-origin", "https://ok.example,example.com"}, &stdout, &stderr, nil)
	if want := `invalid value "https://ok.example,example.com" for flag -cors-origin: CORS origin "example.com": want an origin`; code != 2 || !strings.Contains(stderr.String(), want) {
		t.Errorf("run = %d, stderr %q; want 2 and %q", code, stderr.String(), want)
	}
}

// corsRequest asks base for path with method and the headers given (pairs).
func corsRequest(t *testing.T, method, url string, header ...string) *http.Response {
	t.Helper()
	resp, _ := rawGet(t, method, url, header...)
	return resp
}

// TestCORS: with -cors-origin, the listed origins' requests to the API
// are allowed (answers and preflights), others get no CORS headers; the
// web pages never do; without the flag nothing changes.
func TestCORS(t *testing.T) {
	const allowed, other = "http://allowed.example:8000", "https://other.example"
	base, _ := startVersioned(t, 3, "-cors-origin", allowed+",https://Second.Example:443/")
	anyBase, _ := startVersioned(t, 3, "-cors-origin", "*")
	offBase, _ := startVersioned(t, 3)
	preflight := func(origin, method, headers string) []string {
		h := []string{"Origin", origin, "Access-Control-Request-Method", method}
		if headers != "" {
			h = append(h, "Access-Control-Request-Headers", headers)
		}
		return h
	}
	tests := []struct {
		name, base, method, path string
		header                   []string
		wantStatus               int
		wantOrigin               string // Access-Control-Allow-Origin
		wantVaryOrigin           bool
		wantHeaders              map[string]string // other headers wanted, exactly
	}{
		{name: "a listed origin", base: base, method: "GET", path: "/api/search?q=cache", header: []string{"Origin", allowed},
			wantStatus: 200, wantOrigin: allowed, wantVaryOrigin: true,
			wantHeaders: map[string]string{"Access-Control-Expose-Headers": "Etag, X-Index-Version, X-Request-Id, Retry-After"}},
		{name: "a listed origin, normalised from the flag", base: base, method: "GET", path: "/api/suggest?field=company&prefix=a", header: []string{"Origin", "https://second.example"},
			wantStatus: 200, wantOrigin: "https://second.example", wantVaryOrigin: true},
		{name: "a listed origin's refused search", base: base, method: "GET", path: "/api/search?size=0", header: []string{"Origin", allowed},
			wantStatus: 400, wantOrigin: allowed, wantVaryOrigin: true},
		{name: "an origin not listed", base: base, method: "GET", path: "/api/search?q=cache", header: []string{"Origin", other},
			wantStatus: 200, wantVaryOrigin: true},
		{name: "no origin", base: base, method: "GET", path: "/api/search?q=cache",
			wantStatus: 200, wantVaryOrigin: true},
		{name: "a page is not for other origins", base: base, method: "GET", path: "/search?q=cache", header: []string{"Origin", allowed},
			wantStatus: 200},
		{name: "preflight of a listed origin", base: base, method: "OPTIONS", path: "/api/search?q=cache", header: preflight(allowed, "GET", "if-none-match,x-request-id"),
			wantStatus: 204, wantOrigin: allowed, wantVaryOrigin: true,
			wantHeaders: map[string]string{"Access-Control-Allow-Methods": "GET", "Access-Control-Allow-Headers": "if-none-match,x-request-id", "Access-Control-Max-Age": "600"}},
		{name: "preflight with a malformed query string", base: base, method: "OPTIONS", path: "/api/search?q=%zz", header: preflight(allowed, "GET", ""),
			wantStatus: 204, wantOrigin: allowed, wantVaryOrigin: true},
		{name: "preflight of an origin not listed", base: base, method: "OPTIONS", path: "/api/search", header: preflight(other, "GET", ""),
			wantStatus: 204, wantVaryOrigin: true, wantHeaders: map[string]string{"Access-Control-Allow-Methods": ""}},
		{name: "preflight for a method not allowed", base: base, method: "OPTIONS", path: "/api/search", header: preflight(allowed, "DELETE", ""),
			wantStatus: 204, wantVaryOrigin: true, wantHeaders: map[string]string{"Access-Control-Allow-Methods": ""}},
		{name: "preflight for a header not allowed", base: base, method: "OPTIONS", path: "/api/search", header: preflight(allowed, "GET", "x-evil"),
			wantStatus: 204, wantVaryOrigin: true},
		{name: "OPTIONS without a preflight's header", base: base, method: "OPTIONS", path: "/api/search", header: []string{"Origin", allowed},
			wantStatus: 405, wantOrigin: allowed, wantVaryOrigin: true},
		{name: "preflight of a page", base: base, method: "OPTIONS", path: "/search", header: preflight(allowed, "GET", ""),
			wantStatus: 405},
		{name: "any origin", base: anyBase, method: "GET", path: "/api/search?q=cache", header: []string{"Origin", other},
			wantStatus: 200, wantOrigin: "*", wantVaryOrigin: true},
		{name: "preflight, any origin", base: anyBase, method: "OPTIONS", path: "/api/experiences/alpha-0", header: preflight(other, "GET", ""),
			wantStatus: 204, wantOrigin: "*", wantVaryOrigin: true},
		{name: "off: a request", base: offBase, method: "GET", path: "/api/search?q=cache", header: []string{"Origin", allowed},
			wantStatus: 200},
		{name: "off: a preflight", base: offBase, method: "OPTIONS", path: "/api/search", header: preflight(allowed, "GET", ""),
			wantStatus: 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := corsRequest(t, tt.method, tt.base+tt.path, tt.header...)
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if got := resp.Header.Get("Access-Control-Allow-Origin"); got != tt.wantOrigin {
				t.Errorf("Access-Control-Allow-Origin %q, want %q", got, tt.wantOrigin)
			}
			vary := strings.Join(resp.Header.Values("Vary"), ", ")
			if got := strings.Contains(vary, "Origin"); got != tt.wantVaryOrigin {
				t.Errorf("Vary %q: names Origin %v, want %v", vary, got, tt.wantVaryOrigin)
			}
			for name, want := range tt.wantHeaders {
				if got := resp.Header.Get(name); got != want {
					t.Errorf("%s %q, want %q", name, got, want)
				}
			}
		})
	}
}

// TestETagPerAllowedOrigin: the tag names the Access-Control-Allow-Origin
// an answer carries, so one origin's tag does not revalidate another's
// answer (a browser's cache asks so, whatever Vary says).
func TestETagPerAllowedOrigin(t *testing.T) {
	const a, b = "https://a.example", "https://b.example"
	base, _ := startVersioned(t, 3, "-cors-origin", a+","+b)
	const path = "/api/search?q=cache"
	tags := map[string]string{}
	for _, origin := range []string{a, b, "https://not-listed.example", ""} {
		resp := corsRequest(t, "GET", base+path, "Origin", origin)
		tags[origin] = resp.Header.Get("ETag")
	}
	if tags[a] == tags[b] || tags[a] == tags[""] || tags["https://not-listed.example"] != tags[""] {
		t.Errorf("tags by origin %v: want a and b apart, and an origin not listed as none", tags)
	}
	resp := corsRequest(t, "GET", base+path, "Origin", b, "If-None-Match", tags[a])
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Access-Control-Allow-Origin") != b {
		t.Errorf("b with a's tag: %d, Access-Control-Allow-Origin %q; want 200 for b", resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
	}
	if resp := corsRequest(t, "GET", base+path, "Origin", b, "If-None-Match", tags[b]); resp.StatusCode != http.StatusNotModified {
		t.Errorf("b with its own tag: %d, want 304", resp.StatusCode)
	}
}
