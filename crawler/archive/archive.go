// Package archive keeps every exchange the crawler has with a server in
// WARC files (ISO 28500, version 1.1), and reads them back, so that pages
// can be extracted again with no network.
//
// Each exchange is a request record and a response record (the HTTP
// status line, headers and body as received, content-encoding and all),
// tied by WARC-Concurrent-To; a 304 answer to a conditional request is a
// revisit record with the server-not-modified profile. Records are
// gzip-compressed one by one and flushed to disk (fsync) before Record
// returns, so a page the archive has is never lost to a crash. A file
// being written ends in ".open"; Close renames it. After a crash, Recover
// cuts an open file after its last whole record and renames it, handing
// each response it holds (and those of the file closed just before it) to
// the caller. An answer the crawler refused (too large, not HTML) is
// archived too, its body left out and the record marked WARC-Truncated.
//
// WARC reading and writing is github.com/nlnwa/gowarc/v3.
//
//	w, err := archive.Create(dir)
//	f := fetch.New(fetch.Config{Recorder: w})
//	...
//	w.Close()
//	archive.Latest(dir, func(p *archive.Page) error { ... })
package archive

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nlnwa/gowarc/v3"

	"github.com/askedat/askedat/crawler/fetch"
)

// Software names the writer in each file's warcinfo record.
const Software = "askedat-crawler"

// prefix and suffixes of the files the archive writes and reads.
const (
	filePrefix = "askedat-"
	warcSuffix = ".warc.gz"
	openSuffix = ".open"
)

// A Writer appends exchanges to WARC files in one folder. It is safe for
// concurrent use.
type Writer struct {
	dir string
	w   *gowarc.WarcFileWriter

	mu     sync.Mutex
	closed bool
}

var _ fetch.Recorder = (*Writer)(nil)

// maxFileSize is the size at which files are rotated.
const maxFileSize = 1 << 30

// Create returns a Writer adding files to dir, which is made if missing.
// Files are rotated at 1 GiB.
func Create(dir string) (*Writer, error) { return create(dir, maxFileSize) }

func create(dir string, maxSize int64) (*Writer, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("archive: %w", err)
	}
	gen := &names{dir: dir}
	w := gowarc.NewWarcFileWriter(
		gowarc.WithFileNameGenerator(gen),
		gowarc.WithCompression(true),
		gowarc.WithFlush(true),
		gowarc.WithMaxFileSize(maxSize),
		gowarc.WithMaxConcurrentWriters(1),
		gowarc.WithAddWarcConcurrentToHeader(true),
		gowarc.WithOpenFileSuffix(openSuffix),
		gowarc.WithWarcInfoFunc(func(b gowarc.WarcRecordBuilder) error {
			_, err := b.WriteString("software: " + Software + "\r\nformat: WARC File Format 1.1\r\n" +
				"conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n")
			return err
		}),
	)
	return &Writer{dir: dir, w: w}, nil
}

// names makes file names that sort in the order they were made:
// askedat-<UTC time to the microsecond>-<serial>.warc.gz.
type names struct {
	dir    string
	serial atomic.Int32
}

func (g *names) NewWarcfileName() (string, string) {
	ts := time.Now().UTC().Format("20060102150405.000000")
	return g.dir, fmt.Sprintf("%s%s-%05d.warc", filePrefix, strings.Replace(ts, ".", "", 1), g.serial.Add(1))
}

// Record writes ex as a request and a response record (a revisit record
// for a 304), and returns once they are on disk.
func (w *Writer) Record(ex *fetch.Exchange) error {
	w.mu.Lock()
	closed := w.closed
	w.mu.Unlock()
	if closed {
		return errors.New("archive: writer is closed")
	}
	req, err := build(gowarc.Request, ex, "application/http;msgtype=request", ex.Request)
	if err != nil {
		return err
	}
	typ := gowarc.Response
	block := slices.Concat(ex.Response, ex.Body)
	if ex.Status == http.StatusNotModified {
		typ = gowarc.Revisit
		block = ex.Response
	}
	resp, err := build(typ, ex, "application/http;msgtype=response", block)
	if err != nil {
		req.Close()
		return err
	}
	for _, r := range w.w.Write(resp, req) {
		if r.Err != nil {
			return fmt.Errorf("archive: write %s: %w", ex.URL, r.Err)
		}
	}
	return nil
}

func build(typ gowarc.RecordType, ex *fetch.Exchange, contentType string, block []byte) (gowarc.WarcRecord, error) {
	b := gowarc.NewRecordBuilder(typ, gowarc.WithSpecViolationPolicy(gowarc.ErrWarn), gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn))
	b.AddWarcHeader(gowarc.WarcTargetURI, ex.URL.String())
	b.AddWarcHeaderTime(gowarc.WarcDate, ex.Time)
	b.AddWarcHeader(gowarc.ContentType, contentType)
	if ex.IP != "" {
		b.AddWarcHeader(gowarc.WarcIPAddress, ex.IP)
	}
	switch {
	case typ == gowarc.Revisit:
		b.AddWarcHeader(gowarc.WarcProfile, gowarc.ProfileServerNotModifiedV1_1)
		b.AddWarcHeader(gowarc.WarcTruncated, "length")
	case typ == gowarc.Response && ex.Truncated != "":
		b.AddWarcHeader(gowarc.WarcTruncated, ex.Truncated)
	}
	if _, err := b.Write(block); err != nil {
		b.Close()
		return nil, fmt.Errorf("archive: record %s: %w", ex.URL, err)
	}
	r, _, err := b.Build()
	if err != nil {
		return nil, fmt.Errorf("archive: record %s: %w", ex.URL, err)
	}
	return r, nil
}

// Close finishes the file being written and renames it to its final name.
func (w *Writer) Close() error {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return nil
	}
	w.closed = true
	w.mu.Unlock()
	return w.w.Close()
}

// A Page is a response read from an archive.
type Page struct {
	// URL is the record's target.
	URL *url.URL
	// Date is when the request was sent.
	Date time.Time
	// Status is the HTTP status; NotModified marks a revisit record (a
	// 304), which has no body.
	Status      int
	NotModified bool
	Header      http.Header
	// Raw is the body as received, Content-Encoding and all.
	Raw []byte
	// Truncated is the record's WARC-Truncated: set when Raw is not the
	// whole body (fetch.TruncatedLength: it was over the size cap), ""
	// when it is.
	Truncated string
	// File and Offset say where the record is.
	File   string
	Offset int64
}

// Body returns the page's body decompressed, at most limit bytes.
func (p *Page) Body(limit int64) ([]byte, error) {
	return fetch.Decode(p.Header.Get("Content-Encoding"), p.Raw, limit)
}

// Files returns the WARC files under dir (its subfolders too), open ones
// included, in the order they were written.
func Files(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if !d.IsDir() && (strings.HasSuffix(name, warcSuffix) || strings.HasSuffix(name, warcSuffix+openSuffix) ||
			strings.HasSuffix(name, ".warc")) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("archive: %w", err)
	}
	slices.SortFunc(files, func(a, b string) int { return strings.Compare(filepath.Base(a), filepath.Base(b)) })
	return files, nil
}

// A Stats counts what reading an archive met.
type Stats struct {
	Files     int
	Records   int
	Responses int // response records
	Revisits  int // revisit records (304 answers)
	// Damaged lists the files that end in a broken record (cut short by a
	// crash), read up to it.
	Damaged []string
}

// ReadFile calls fn for each response and revisit record of one WARC
// file, in order. It stops at the first error of fn. A record that cannot
// be read ends the file: its offset is returned as good, so a file cut
// short by a crash is read up to its last whole record; err is then nil
// and damaged is true.
func ReadFile(path string, fn func(*Page) error) (st Stats, good int64, damaged bool, err error) {
	// Warn, not ignore: then each record's block is cached and its digest
	// checked as it is read, and a record cut short is an error.
	r, err := gowarc.NewWarcFileReader(path, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn), gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore), gowarc.WithBlockErrorPolicy(gowarc.ErrWarn))
	if err != nil {
		return st, 0, false, fmt.Errorf("archive: open %s: %w", path, err)
	}
	defer r.Close()
	st.Files = 1
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return st, good, false, nil
		}
		if err != nil {
			rec.Close()
			return st, good, true, nil
		}
		page, perr := pageOf(rec, path)
		rec.Close()
		if perr != nil {
			return st, good, true, nil
		}
		good = rec.Offset + rec.Size
		st.Records++
		if page == nil {
			continue
		}
		if page.NotModified {
			st.Revisits++
		} else {
			st.Responses++
		}
		if err := fn(page); err != nil {
			return st, good, false, err
		}
	}
}

// pageOf reads a response or revisit record; other records are nil.
func pageOf(rec gowarc.Record, path string) (*Page, error) {
	wr := rec.WarcRecord
	if wr.Type() != gowarc.Response && wr.Type() != gowarc.Revisit {
		return nil, nil
	}
	h := wr.WarcHeader()
	u, err := url.Parse(h.Get(gowarc.WarcTargetURI))
	if err != nil {
		return nil, fmt.Errorf("record %s: bad target: %w", h.Get(gowarc.WarcRecordID), err)
	}
	date, _ := h.GetTime(gowarc.WarcDate)
	p := &Page{URL: u, Date: date, File: path, Offset: rec.Offset}
	if wr.Type() == gowarc.Revisit {
		p.NotModified = true
	} else {
		p.Truncated = h.Get(gowarc.WarcTruncated)
	}
	if p.NotModified {
		// A revisit block holds the response head only.
		hb, ok := wr.Block().(interface{ ProtocolHeaderBytes() []byte })
		if !ok {
			return nil, fmt.Errorf("record %s: revisit without an HTTP head", h.Get(gowarc.WarcRecordID))
		}
		res, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(hb.ProtocolHeaderBytes())), nil)
		if err != nil {
			return nil, fmt.Errorf("record %s: %w", h.Get(gowarc.WarcRecordID), err)
		}
		res.Body.Close()
		p.Status, p.Header = res.StatusCode, res.Header
		return p, nil
	}
	blk, ok := wr.Block().(gowarc.HttpResponseBlock)
	if !ok {
		return nil, fmt.Errorf("record %s: not an HTTP response", h.Get(gowarc.WarcRecordID))
	}
	p.Status = blk.HttpStatusCode()
	if hh := blk.HttpHeader(); hh != nil {
		p.Header = *hh
	} else {
		p.Header = http.Header{}
	}
	body, err := blk.PayloadBytes()
	if err != nil {
		return nil, fmt.Errorf("record %s: %w", h.Get(gowarc.WarcRecordID), err)
	}
	var b bytes.Buffer
	if _, err := b.ReadFrom(body); err != nil {
		return nil, fmt.Errorf("record %s: %w", h.Get(gowarc.WarcRecordID), err)
	}
	p.Raw = b.Bytes()
	return p, nil
}

// Walk calls fn for every response and revisit record under dir, file by
// file in the order they were written.
func Walk(dir string, fn func(*Page) error) (Stats, error) {
	var total Stats
	files, err := Files(dir)
	if err != nil {
		return total, err
	}
	for _, f := range files {
		st, _, damaged, err := ReadFile(f, fn)
		total.add(st)
		if damaged {
			total.Damaged = append(total.Damaged, f)
		}
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

func (s *Stats) add(o Stats) {
	s.Files += o.Files
	s.Records += o.Records
	s.Responses += o.Responses
	s.Revisits += o.Revisits
}

// Recover finishes the files a crashed writer left open in dir: each is
// cut after its last whole record and renamed to its final name, and fn
// is called for each response and revisit record it holds, in order, so
// the caller can take in what was archived but not yet noted elsewhere.
// When there are open files, the newest closed file before them is read
// too (fn is called for its records first): the writer rotates a file
// when the next record would not fit, so the response of the last
// exchange before a crash may have gone into the file it then closed, and
// its request into the new one.
func Recover(dir string, fn func(*Page) error) (Stats, error) {
	var total Stats
	files, err := Files(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return total, nil
		}
		return total, err
	}
	first := slices.IndexFunc(files, func(f string) bool { return strings.HasSuffix(f, openSuffix) })
	if first < 0 {
		return total, nil
	}
	if closed := lastClosed(files[:first]); closed != "" {
		st, _, _, err := ReadFile(closed, fn)
		total.add(st)
		if err != nil {
			return total, err
		}
	}
	for _, f := range files[first:] {
		if !strings.HasSuffix(f, openSuffix) {
			continue
		}
		st, good, damaged, err := ReadFile(f, fn)
		total.add(st)
		if err != nil {
			return total, err
		}
		if damaged {
			total.Damaged = append(total.Damaged, f)
			if err := os.Truncate(f, good); err != nil {
				return total, fmt.Errorf("archive: recover %s: %w", f, err)
			}
		}
		if err := os.Rename(f, strings.TrimSuffix(f, openSuffix)); err != nil {
			return total, fmt.Errorf("archive: recover %s: %w", f, err)
		}
	}
	return total, nil
}

// lastClosed is the last of files that this package's writer made and
// closed, or "".
func lastClosed(files []string) string {
	for i := len(files) - 1; i >= 0; i-- {
		if name := filepath.Base(files[i]); strings.HasPrefix(name, filePrefix) && strings.HasSuffix(name, warcSuffix) {
			return files[i]
		}
	}
	return ""
}

// Latest calls fn, in the order they were written, for the last response
// record of each URL under dir (URLs compared by key). A revisit record
// (a 304) does not replace the response before it: it says the page is as
// it was; nor does an answer that says nothing of the page (a 5xx, 429 or
// 408, which a crawler tries again). The archive is read twice, so only
// one page is held at a time.
func Latest(dir string, key func(*url.URL) string, fn func(*Page) error) (Stats, error) {
	type at struct {
		file   string
		offset int64
	}
	last := make(map[string]at)
	st, err := Walk(dir, func(p *Page) error {
		if !p.NotModified && !(&fetch.StatusError{Code: p.Status}).Temporary() {
			last[key(p.URL)] = at{p.File, p.Offset}
		}
		return nil
	})
	if err != nil {
		return st, err
	}
	_, err = Walk(dir, func(p *Page) error {
		if p.NotModified || last[key(p.URL)] != (at{p.File, p.Offset}) {
			return nil
		}
		return fn(p)
	})
	return st, err
}
