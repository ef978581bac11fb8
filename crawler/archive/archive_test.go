package archive

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat/crawler/fetch"
)

// page is longer than any buffer on the way, so a reader that stops at
// one is seen.
var page = "<!DOCTYPE html><html><head><title>t</title></head><body>" + strings.Repeat("<p>hello, world</p>\n", 8000) + "</body></html>"

// site serves a redirect, a gzip page with an ETag, and a 404.
func site(t *testing.T) *httptest.Server {
	t.Helper()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(page))
	zw.Close()
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", http.NotFound)
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(page))
	})
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/new", http.StatusMovedPermanently) })
	mux.HandleFunc("/new", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"1"`)
		if r.Header.Get("If-None-Match") == `"1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gz.Bytes())
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func crawlInto(t *testing.T, w *Writer, srv *httptest.Server) {
	t.Helper()
	f := fetch.New(fetch.Config{AllowHosts: []string{"127.0.0.1"}, Recorder: w})
	get := func(p string, v fetch.Validators) *fetch.Response {
		u, _ := url.Parse(srv.URL + p)
		r, _ := f.Get(context.Background(), u, v)
		return r
	}
	r := get("/old", fetch.Validators{})
	if r == nil || string(r.Body) != page {
		t.Fatalf("fetch /old = %v", r)
	}
	get("/gone", fetch.Validators{})
	if r := get("/plain", fetch.Validators{}); r == nil || string(r.Body) != page {
		t.Fatalf("fetch /plain = %v", r)
	}
	if r := get("/new", r.Validators()); r == nil || !r.NotModified {
		t.Fatalf("conditional fetch of /new = %v, want 304", r)
	}
}

func pagesOf(t *testing.T, dir string) []string {
	t.Helper()
	var got []string
	if _, err := Walk(dir, func(p *Page) error {
		got = append(got, describe(t, p))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return got
}

func describe(t *testing.T, p *Page) string {
	t.Helper()
	s := fmt.Sprintf("%s %d", p.URL.Path, p.Status)
	if p.NotModified {
		return s + " revisit"
	}
	if p.Status == 200 {
		body, err := p.Body(1 << 20)
		if err != nil || string(body) != page {
			t.Errorf("%s: body %q, %v; want the page", p.URL, body, err)
		}
	}
	return s
}

// archived fetches the test site through a Writer into a new folder, and
// returns the folder and the Writer, still open.
func archived(t *testing.T) (string, *Writer) {
	t.Helper()
	dir := t.TempDir()
	w, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	crawlInto(t, w, site(t))
	return dir, w
}

func TestWriteAndRead(t *testing.T) {
	dir, w := archived(t)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files, err := Files(dir)
	if err != nil || len(files) != 1 || !strings.HasSuffix(files[0], ".warc.gz") {
		t.Fatalf("Files = %v, %v; want one closed .warc.gz", files, err)
	}

	want := []string{"/robots.txt 404", "/old 301", "/new 200", "/gone 404", "/plain 200", "/new 304 revisit"}
	if diff := cmp.Diff(want, pagesOf(t, dir)); diff != "" {
		t.Errorf("records read back (-want +got):\n%s", diff)
	}

	// The file is plain WARC: gzip members, each a record, the first a
	// warcinfo naming the software, request records with the headers sent.
	raw, _ := os.ReadFile(files[0])
	zr, _ := gzip.NewReader(bytes.NewReader(raw))
	all, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"WARC/1.1\r\nWARC-Type: warcinfo", "software: askedat-crawler", "WARC-Type: request",
		"User-Agent: " + fetch.DefaultUserAgent, "If-None-Match: \"1\"", "WARC-Concurrent-To: <urn:uuid:",
		"WARC-Profile: http://netpreserve.org/warc/1.1/revisit/server-not-modified", "WARC-IP-Address: 127.0.0.1"} {
		if !bytes.Contains(all, []byte(s)) {
			t.Errorf("archive lacks %q", s)
		}
	}

	// Latest: one page per URL, the last response (the revisit does not
	// replace /new's 200).
	var latest []string
	st, err := Latest(dir, func(u *url.URL) string { return u.String() }, func(p *Page) error {
		latest = append(latest, describe(t, p))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"/robots.txt 404", "/old 301", "/new 200", "/gone 404", "/plain 200"}, latest); diff != "" {
		t.Errorf("Latest (-want +got):\n%s", diff)
	}
	if st.Responses != 5 || st.Revisits != 1 || st.Files != 1 {
		t.Errorf("Latest stats = %+v, want 5 responses, 1 revisit, 1 file", st)
	}
}

func TestRecover(t *testing.T) {
	dir, w := archived(t)
	// The writer is never closed, as after kill -9: its file is still
	// open. Copy it elsewhere with half of a last record on its end.
	files, _ := Files(dir)
	if len(files) != 1 || !strings.HasSuffix(files[0], ".open") {
		t.Fatalf("files while writing = %v, want one .open", files)
	}
	crashed := t.TempDir()
	raw, _ := os.ReadFile(files[0])
	open := filepath.Join(crashed, filepath.Base(files[0]))
	os.WriteFile(open, append(raw, raw[len(raw)/2:len(raw)/2+300]...), 0o644)

	var got []string
	st, err := Recover(crashed, func(p *Page) error {
		got = append(got, describe(t, p))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"/robots.txt 404", "/old 301", "/new 200", "/gone 404", "/plain 200", "/new 304 revisit"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("recovered (-want +got):\n%s", diff)
	}
	if len(st.Damaged) != 1 {
		t.Errorf("Recover stats = %+v, want the file reported damaged", st)
	}
	final := strings.TrimSuffix(open, ".open")
	fi, err := os.Stat(final)
	if err != nil || fi.Size() != int64(len(raw)) {
		t.Errorf("recovered file %s: %v, %v; want it renamed and cut to %d bytes", final, fi, err, len(raw))
	}
	// Nothing left to recover, and the file reads clean.
	if st, err := Recover(crashed, func(*Page) error { return errors.New("called") }); err != nil || st.Files != 0 {
		t.Errorf("second Recover = %+v, %v; want nothing", st, err)
	}
	if diff := cmp.Diff(want, pagesOf(t, crashed)); diff != "" {
		t.Errorf("recovered file read back (-want +got):\n%s", diff)
	}
	w.Close()
}

func TestReadFileNotWARC(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "junk.warc")
	os.WriteFile(p, []byte("this is not a warc file\n"), 0o644)
	st, good, damaged, err := ReadFile(p, func(*Page) error { return nil })
	if err != nil || !damaged || good != 0 || st.Records != 0 {
		t.Errorf("ReadFile(junk) = %+v, %d, %v, %v; want damaged at 0", st, good, damaged, err)
	}
}

// exchange is a made-up answer of 200 with body, fetched from raw.
func exchange(t *testing.T, raw, body, truncated string) *fetch.Exchange {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	head := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n", len(body))
	return &fetch.Exchange{URL: u, Time: time.Now(), Request: []byte("GET " + u.RequestURI() + " HTTP/1.1\r\nHost: " + u.Host + "\r\n\r\n"),
		Status: 200, Response: []byte(head), Body: []byte(body), Truncated: truncated}
}

// TestRecoverAfterRotation: the writer rotates a file when the next record
// would not fit, so an exchange's response can end a file that is then
// closed while its request opens the next. After a crash there, Recover
// still hands over the response, from the newest closed file.
func TestRecoverAfterRotation(t *testing.T) {
	dir := t.TempDir()
	w, err := create(dir, 1) // every record in a file of its own
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/a", "/b"} {
		if err := w.Record(exchange(t, "http://example.com"+p, page, "")); err != nil {
			t.Fatal(err)
		}
	}
	// No Close: the crash. /b's response is in a closed file, its request
	// in the open one.
	files, _ := Files(dir)
	if n := len(files); n < 3 || !strings.HasSuffix(files[n-1], openSuffix) || strings.HasSuffix(files[n-2], openSuffix) {
		t.Fatalf("files = %v, want closed ones and a last one open", files)
	}
	var got []string
	if _, err := Recover(dir, func(p *Page) error {
		got = append(got, p.URL.Path)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"/b"}, got); diff != "" {
		t.Errorf("recovered (-want +got):\n%s", diff)
	}
	// A clean stop leaves nothing open: nothing is read again.
	if st, err := Recover(dir, func(*Page) error { return errors.New("called") }); err != nil || st.Files != 0 {
		t.Errorf("Recover after recovery = %+v, %v; want nothing read", st, err)
	}
	w.Close()
}

// TestTruncated: a record marked truncated reads back so, and as the last
// answer of its URL it replaces the whole one before it.
func TestTruncated(t *testing.T) {
	dir := t.TempDir()
	w, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range []*fetch.Exchange{
		exchange(t, "http://example.com/p", page, ""),
		exchange(t, "http://example.com/p", "", fetch.TruncatedLength),
	} {
		if err := w.Record(ex); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	var got []string
	if _, err := Latest(dir, func(u *url.URL) string { return u.String() }, func(p *Page) error {
		got = append(got, fmt.Sprintf("%s %d truncated=%q %d bytes", p.URL.Path, p.Status, p.Truncated, len(p.Raw)))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{`/p 200 truncated="length" 0 bytes`}, got); diff != "" {
		t.Errorf("Latest (-want +got):\n%s", diff)
	}
}
