package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/askedat/askedat"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/datadir"
)

// makeVersion publishes in data a version of n experiences, all at company,
// each with the questions "Design a cache" and "Two Sum": the same searches
// find them in every version, and the company tells which version answered.
func makeVersion(t *testing.T, data, company string, n int) string {
	t.Helper()
	slug := strings.ToLower(company)
	var exps []askedat.Experience
	for i := range n {
		exps = append(exps, askedat.Experience{
			ID: fmt.Sprintf("%s-%d", slug, i), URL: fmt.Sprintf("https://example.test/%s/%d", slug, i),
			Title: fmt.Sprintf("%s loop %d", company, i), Company: company, Role: "Software Engineer", Status: "Offer", Date: "2024-01-02",
			Questions: []askedat.Question{
				{Ordinal: 1, Title: "Design a cache", Category: "System Design", Difficulty: "Hard", Body: "Eviction, TTL and sharding."},
				{Ordinal: 2, Title: "Two Sum", Category: "Data Structures & Algorithms", Difficulty: "Easy", Body: "Find two numbers."},
			},
		})
	}
	return indexVersion(t, data, exps, datadir.Smoke{
		Experience: slug + "-0", Title: company + " loop 0", Query: "design cache",
		Filters: map[string][]string{"company": {company}}, Want: slug + "-0-q1",
	})
}

// syncBuffer is a bytes.Buffer safe for concurrent writes and reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newTestHolder serves the current version of data.
func newTestHolder(t *testing.T, data string, cacheSize int, logw io.Writer) (*holder, source) {
	t.Helper()
	src := dataSource{datadir.Dir{Path: data}}
	v, err := openCurrent(context.Background(), src, cacheSize)
	if err != nil {
		t.Fatal(err)
	}
	h := newHolder(v, cacheSize, slog.New(slog.NewTextHandler(logw, nil)))
	t.Cleanup(h.close)
	return h, src
}

// companiesOf returns the companies of the hits of a search for q.
func companiesOf(t *testing.T, s searcher, ctx context.Context, q string) map[string]bool {
	t.Helper()
	res, err := s.SearchParsed(ctx, askedat.Request{Query: q, Size: 100}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 {
		t.Fatalf("search %q found nothing", q)
	}
	out := map[string]bool{}
	for _, h := range res.Hits {
		out[h.Company] = true
	}
	return out
}

func TestHolderClosesTheOldVersionAfterItsLastSearch(t *testing.T) {
	data := t.TempDir()
	dd := datadir.Dir{Path: data}
	a, b := makeVersion(t, data, "Alpha", 5), makeVersion(t, data, "Beta", 5)
	if err := dd.Switch(a); err != nil {
		t.Fatal(err)
	}
	h, src := newTestHolder(t, data, 0, io.Discard)

	inFlight := h.acquire() // a request that started before the swap
	pinned := context.WithValue(context.Background(), pinKey{}, inFlight)
	if err := dd.Switch(b); err != nil {
		t.Fatal(err)
	}
	h.reload(context.Background(), src, false)
	if got := h.cur.Load().id; got != b {
		t.Fatalf("after the reload the holder serves %s, want %s", got, b)
	}
	if got := companiesOf(t, h, pinned, "cache"); !got["Alpha"] || len(got) != 1 {
		t.Errorf("the request in flight got companies %v, want only its version's Alpha", got)
	}
	if got := companiesOf(t, h, context.Background(), "cache"); !got["Beta"] || len(got) != 1 {
		t.Errorf("a new request got companies %v, want only Beta", got)
	}
	select {
	case <-inFlight.done:
		t.Fatal("the old version was closed while a request was using it")
	default:
	}
	inFlight.release()
	select {
	case <-inFlight.done:
	case <-time.After(10 * time.Second):
		t.Fatal("the old version was not closed after its last request")
	}
}

func TestHolderCacheNeverAnswersFromTheOldVersion(t *testing.T) {
	data := t.TempDir()
	dd := datadir.Dir{Path: data}
	a, b := makeVersion(t, data, "Alpha", 3), makeVersion(t, data, "Beta", 3)
	if err := dd.Switch(a); err != nil {
		t.Fatal(err)
	}
	h, src := newTestHolder(t, data, 100, io.Discard)
	for range 2 { // the second answer comes from the cache
		if got := companiesOf(t, h, context.Background(), "cache"); !got["Alpha"] {
			t.Fatalf("before the swap: companies %v, want Alpha", got)
		}
	}
	if err := dd.Switch(b); err != nil {
		t.Fatal(err)
	}
	h.reload(context.Background(), src, false)
	if got := companiesOf(t, h, context.Background(), "cache"); !got["Beta"] || got["Alpha"] {
		t.Errorf("after the swap: companies %v, want Beta only", got)
	}
}

func TestHolderRefusesADamagedVersion(t *testing.T) {
	tests := []struct {
		name    string
		damage  func(t *testing.T, dd datadir.Dir, id string)
		wantErr string
	}{
		{"truncated segment", func(t *testing.T, dd datadir.Dir, id string) {
			zap := segmentFile(t, dd, id)
			st, _ := os.Stat(zap)
			if err := os.Truncate(zap, st.Size()/2); err != nil {
				t.Fatal(err)
			}
		}, "truncated"},
		{"overwritten bytes", func(t *testing.T, dd datadir.Dir, id string) {
			f, err := os.OpenFile(segmentFile(t, dd, id), os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteAt([]byte("garbage garbage garbage"), 64)
			f.Close()
		}, "checksum mismatch"},
		{"missing root", func(t *testing.T, dd datadir.Dir, id string) {
			os.Remove(filepath.Join(dd.IndexPath(id), "store", "root.bolt"))
		}, "store/root.bolt: missing"},
		{"no version.json", func(t *testing.T, dd datadir.Dir, id string) {
			os.Remove(filepath.Join(dd.VersionPath(id), "version.json"))
		}, "version.json"},
		{"wrong document count", func(t *testing.T, dd datadir.Dir, id string) {
			editInfo(t, dd, id, func(info *datadir.Info) { info.Documents++ })
		}, "want 19"},
		{"other mapping version", func(t *testing.T, dd datadir.Dir, id string) {
			editInfo(t, dd, id, func(info *datadir.Info) { info.MappingVersion = index.MappingVersion - 1 })
		}, "mapping version"},
		{"failing smoke query", func(t *testing.T, dd datadir.Dir, id string) {
			editInfo(t, dd, id, func(info *datadir.Info) { info.Smoke[0].Want = "beta-0-q9" })
		}, "smoke query 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := t.TempDir()
			dd := datadir.Dir{Path: data}
			a := makeVersion(t, data, "Alpha", 3)
			if err := dd.Switch(a); err != nil {
				t.Fatal(err)
			}
			var logs syncBuffer
			h, src := newTestHolder(t, data, 10, &logs)
			b := makeVersion(t, data, "Beta", 6)
			tt.damage(t, dd, b)
			// The pointer is written by hand: Switch would refuse a version
			// without its version.json.
			if err := os.WriteFile(filepath.Join(data, "current"), []byte(b+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			h.reload(context.Background(), src, false)
			st, err := h.IndexStatus(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if st.Version != a || st.Refused != b || !strings.Contains(st.RefusedError, tt.wantErr) {
				t.Errorf("status = %+v, want version %s serving, %s refused with %q", st, a, b, tt.wantErr)
			}
			if got := companiesOf(t, h, context.Background(), "cache"); !got["Alpha"] || len(got) != 1 {
				t.Errorf("after the refusal: companies %v, want Alpha only", got)
			}
			h.reload(context.Background(), src, false) // not tried again
			h.reload(context.Background(), src, true)  // SIGHUP tries again
			if n := strings.Count(logs.String(), "refusing version"); n != 2 {
				t.Errorf("logged %d refusals, want 2 (once, and again when forced):\n%s", n, logs.String())
			}
		})
	}
}

// segmentFile returns the path of the one segment file of version id.
func segmentFile(t *testing.T, dd datadir.Dir, id string) string {
	t.Helper()
	zaps, _ := filepath.Glob(filepath.Join(dd.IndexPath(id), "store", "*.zap"))
	if len(zaps) == 0 {
		t.Fatalf("version %s has no segment file", id)
	}
	return zaps[0]
}

func editInfo(t *testing.T, dd datadir.Dir, id string, edit func(*datadir.Info)) {
	t.Helper()
	info, err := dd.ReadInfo(id)
	if err != nil {
		t.Fatal(err)
	}
	edit(info)
	raw, _ := json.Marshal(info)
	if err := os.WriteFile(filepath.Join(dd.VersionPath(id), "version.json"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestHolderAfterClose checks that a closed holder answers at once that it
// is shutting down, instead of spinning on the version it let go.
func TestHolderAfterClose(t *testing.T) {
	data := t.TempDir()
	dd := datadir.Dir{Path: data}
	if err := dd.Switch(makeVersion(t, data, "Alpha", 2)); err != nil {
		t.Fatal(err)
	}
	src := dataSource{dd}
	v, err := openCurrent(context.Background(), src, 0)
	if err != nil {
		t.Fatal(err)
	}
	h := newHolder(v, 0, slog.New(slog.NewTextHandler(io.Discard, nil)))
	h.close()
	done := make(chan error, 1)
	go func() {
		_, err := h.SearchParsed(context.Background(), askedat.Request{Query: "cache"}, nil)
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, errClosed) {
			t.Errorf("Search after close = %v, want errClosed", err)
		}
	case <-time.After(30 * time.Second): // only a hang gets here
		t.Fatal("Search after close did not return")
	}
	rec := httptest.NewRecorder()
	h.pin(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { t.Error("the handler ran after close") })).
		ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/search", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("a request after close: status %d, want 503", rec.Code)
	}
}

// TestHolderForgetsARefusalWhenThePointerComesBack checks that once the
// pointer names the version served again (a rollback after a refused
// version), /readyz no longer reports the refusal.
func TestHolderForgetsARefusalWhenThePointerComesBack(t *testing.T) {
	data := t.TempDir()
	dd := datadir.Dir{Path: data}
	a := makeVersion(t, data, "Alpha", 2)
	if err := dd.Switch(a); err != nil {
		t.Fatal(err)
	}
	h, src := newTestHolder(t, data, 0, io.Discard)
	b := makeVersion(t, data, "Beta", 2)
	editInfo(t, dd, b, func(info *datadir.Info) { info.Documents++ })
	if err := os.WriteFile(filepath.Join(data, "current"), []byte(b+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.reload(context.Background(), src, false)
	if st, _ := h.IndexStatus(context.Background()); st.Refused != b {
		t.Fatalf("status %+v, want %s refused", st, b)
	}
	if err := dd.Switch(a); err != nil {
		t.Fatal(err)
	}
	h.reload(context.Background(), src, false)
	if st, _ := h.IndexStatus(context.Background()); st.Version != a || st.Refused != "" {
		t.Errorf("after the pointer named %s again: status %+v, want it served and nothing refused", a, st)
	}
}

// TestHolderReloadStoppedIsNoRefusal checks that a reload stopped by its
// context (at shutdown) is not counted as a refusal of the version.
func TestHolderReloadStoppedIsNoRefusal(t *testing.T) {
	data := t.TempDir()
	dd := datadir.Dir{Path: data}
	if err := dd.Switch(makeVersion(t, data, "Alpha", 2)); err != nil {
		t.Fatal(err)
	}
	h, src := newTestHolder(t, data, 0, io.Discard)
	if err := dd.Switch(makeVersion(t, data, "Beta", 2)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	h.reload(ctx, src, false)
	if st, _ := h.IndexStatus(context.Background()); st.Refused != "" || st.Refusals != 0 {
		t.Errorf("after a reload stopped by its context: status %+v, want nothing refused", st)
	}
}
