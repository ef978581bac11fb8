package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/klauspost/compress/zstd"

	"github.com/askedat/askedat/internal/datadir"
	"github.com/askedat/askedat/web"
)

// rawClient neither asks for compression nor undoes it: the tests see the
// bytes on the wire.
var rawClient = &http.Client{Transport: &http.Transport{DisableCompression: true}}

// rawGet gets url with the headers given (pairs of name and value).
func rawGet(t *testing.T, method, url string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := rawClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// decodeBody undoes the content coding enc ("" for none).
func decodeBody(t *testing.T, enc string, body []byte) []byte {
	t.Helper()
	var r io.Reader
	switch enc {
	case "":
		return body
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("gzip: %v", err)
		}
		r = zr
	case "zstd":
		zr, err := zstd.NewReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("zstd: %v", err)
		}
		defer zr.Close()
		r = zr
	default:
		t.Fatalf("unexpected Content-Encoding %q", enc)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decode %s: %v", enc, err)
	}
	return b
}

// tookTimes are the times an answer took, in JSON and on a page: they
// differ from one answer to the next.
var tookTimes = regexp.MustCompile(`"took_ms":[0-9.e-]+|in [0-9.]+ ms`)

// sameContent compares two answers but for the time they took.
func sameContent(a, b []byte) bool {
	return bytes.Equal(tookTimes.ReplaceAll(a, nil), tookTimes.ReplaceAll(b, nil))
}

// startVersioned serves a data directory of one version of n posts at
// Alpha with args, and returns searchd's base URL and the version.
func startVersioned(t *testing.T, n int, args ...string) (base, id string) {
	t.Helper()
	data := t.TempDir()
	id = makeVersion(t, data, "Alpha", n)
	if err := (datadir.Dir{Path: data}).Switch(id); err != nil {
		t.Fatal(err)
	}
	base, _ = startSearchd(t, append([]string{"-data", data, "-poll", "1h"}, args...)...)
	return base, id
}

// TestCompression: what Accept-Encoding asks for is what comes, and it
// decodes to what an uncompressed answer says; small answers, HEAD and
// /metrics (promhttp's own) are left alone.
func TestCompression(t *testing.T) {
	base, _ := startVersioned(t, 20)
	const search = "/api/search?q=cache&size=20"
	tests := []struct {
		name, method, path, accept string
		want                       string // Content-Encoding
	}{
		{"search, gzip", "GET", search, "gzip", "gzip"},
		{"search, zstd", "GET", search, "zstd", "zstd"},
		{"search, curl --compressed's list: gzip", "GET", search, "deflate, gzip, br, zstd", "gzip"},
		{"search, a browser's list: gzip", "GET", search, "gzip, deflate, br, zstd", "gzip"},
		{"search, zstd ranked first", "GET", search, "zstd, gzip;q=0.5", "zstd"},
		{"search, nothing asked", "GET", search, "", ""},
		{"search, gzip refused", "GET", search, "gzip;q=0, identity", ""},
		{"search, only codings not offered", "GET", search, "br, deflate", ""},
		{"search, HEAD", "HEAD", search, "gzip", ""},
		{"suggestions", "GET", "/api/suggest?field=company&prefix=a", "gzip", ""}, // under 1 KiB
		{"a question everywhere it was asked", "GET", "/api/questions/nosuchcluster", "gzip", ""},
		{"a post", "GET", "/api/experiences/alpha-0", "gzip", ""}, // under 1 KiB
		{"the search page", "GET", "/search?q=cache", "gzip", "gzip"},
		{"a post's page, zstd", "GET", "/experiences/alpha-0", "zstd", "zstd"},
		{"a static script", "GET", web.AssetURL("app.js"), "gzip", "gzip"},
		{"a static style sheet, zstd", "GET", web.AssetURL("app.css"), "zstd", "zstd"},
		{"a small answer stays plain", "GET", "/healthz", "gzip", ""},
		{"a refused search", "GET", "/api/search?size=0", "gzip", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plain, want := rawGet(t, tt.method, base+tt.path)
			resp, body := rawGet(t, tt.method, base+tt.path, "Accept-Encoding", tt.accept)
			if resp.StatusCode != plain.StatusCode {
				t.Fatalf("status %d, uncompressed %d", resp.StatusCode, plain.StatusCode)
			}
			if got := resp.Header.Get("Content-Encoding"); got != tt.want {
				t.Errorf("Content-Encoding %q, want %q", got, tt.want)
			}
			if vary := strings.Join(resp.Header.Values("Vary"), ", "); !strings.Contains(vary, "Accept-Encoding") {
				t.Errorf("Vary %q does not name Accept-Encoding", vary)
			}
			got := decodeBody(t, resp.Header.Get("Content-Encoding"), body)
			if !sameContent(got, want) {
				t.Errorf("decoded answer differs from the uncompressed one:\n%.300s\nwant\n%.300s", got, want)
			}
			if tt.want != "" && len(body) >= len(want) {
				t.Errorf("%s answer is %d bytes, uncompressed %d", tt.want, len(body), len(want))
			}
		})
	}
}

// TestCompressedJSONDecodesAlike: the JSON of gzip, zstd and identity
// answers of several searches is one, field by field.
func TestCompressedJSONDecodesAlike(t *testing.T) {
	base, _ := startVersioned(t, 30)
	for _, path := range []string{"/api/search?q=cache&size=30", "/api/search?q=two+sum&company=alpha&collapse=cluster", "/api/search?type=experience&size=50"} {
		var answers []map[string]any
		for _, enc := range []string{"", "gzip", "zstd"} {
			resp, body := rawGet(t, "GET", base+path, "Accept-Encoding", enc)
			if got := resp.Header.Get("Content-Encoding"); got != enc {
				t.Fatalf("%s with %q: Content-Encoding %q", path, enc, got)
			}
			var v map[string]any
			if err := json.Unmarshal(decodeBody(t, enc, body), &v); err != nil {
				t.Fatalf("%s with %q: %v", path, enc, err)
			}
			delete(v, "took_ms")
			answers = append(answers, v)
		}
		for i, enc := range []string{"gzip", "zstd"} {
			if diff := cmp.Diff(answers[0], answers[i+1]); diff != "" {
				t.Errorf("%s: %s answer differs from identity (-identity +%s):\n%s", path, enc, enc, diff)
			}
		}
	}
}

// TestMetricsKeepPromhttpEncoding: /metrics is encoded by promhttp alone,
// once.
func TestMetricsKeepPromhttpEncoding(t *testing.T) {
	base, _ := startVersioned(t, 2)
	resp, body := rawGet(t, "GET", base+"/metrics", "Accept-Encoding", "gzip")
	if got := resp.Header.Get("Content-Encoding"); got != "gzip" {
		t.Fatalf("Content-Encoding %q, want promhttp's gzip", got)
	}
	if text := decodeBody(t, "gzip", body); !bytes.Contains(text, []byte("# TYPE askedat_cache_entries gauge")) {
		t.Errorf("decoded once, /metrics is not the text format:\n%.200s", text)
	}
}
