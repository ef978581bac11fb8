package datadir

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/index"
)

func TestNewIDSortsByTimeAndIsUnique(t *testing.T) {
	t0 := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	a, b := NewID(t0), NewID(t0.Add(time.Millisecond))
	if !(a < b) {
		t.Errorf("NewID(t) = %s, NewID(t+1ms) = %s: want them in time order", a, b)
	}
	if !strings.HasPrefix(a, "20250601T120000.000Z-") || !validID(a) {
		t.Errorf("NewID = %q, want 20250601T120000.000Z-xxxxxx and a valid id", a)
	}
	seen := map[string]bool{}
	for range 1000 {
		id := NewID(t0)
		if seen[id] {
			t.Fatalf("NewID gave %s twice for the same time", id)
		}
		seen[id] = true
	}
}

// publish makes a published version id with one empty index file.
func publish(t *testing.T, d Dir, id, previous string) {
	t.Helper()
	p, err := d.NewPartial(id)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(p, "index"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(p, "index", "seg.zap"), []byte(id), 0o644)
	if err := d.Publish(id, &Info{Job: "test", Previous: previous, MappingVersion: index.MappingVersion}); err != nil {
		t.Fatal(err)
	}
}

func TestSwitchAndCurrent(t *testing.T) {
	d := Dir{Path: t.TempDir()}
	if _, err := d.Current(); !errors.Is(err, ErrNoCurrent) {
		t.Errorf("Current of an empty directory = %v, want ErrNoCurrent", err)
	}
	if err := d.Switch("v1"); err == nil {
		t.Error("Switch to a version that is not published succeeded")
	}
	publish(t, d, "v1", "")
	publish(t, d, "v2", "v1")
	for _, id := range []string{"v1", "v2"} {
		if err := d.Switch(id); err != nil {
			t.Fatal(err)
		}
		if got, err := d.Current(); got != id || err != nil {
			t.Errorf("Current after Switch(%s) = %q, %v", id, got, err)
		}
	}
	if _, err := os.Stat(filepath.Join(d.Path, "current.new")); !os.IsNotExist(err) {
		t.Errorf("the new pointer was left beside the old one: %v", err)
	}
	if err := d.Switch("../x"); err == nil {
		t.Error("Switch to ../x succeeded")
	}
	os.WriteFile(filepath.Join(d.Path, "current"), []byte("../../etc\n"), 0o644)
	if _, err := d.Current(); err == nil || !strings.Contains(err.Error(), "not a version id") {
		t.Errorf("Current with a bad pointer = %v, want an error naming it", err)
	}
}

func TestPruneKeepsTheRollbackChain(t *testing.T) {
	d := Dir{Path: t.TempDir()}
	publish(t, d, "v1", "")
	publish(t, d, "v2", "v1")
	publish(t, d, "v3", "v2")
	publish(t, d, "v3b", "v2") // switched in, then rolled back from
	publish(t, d, "v4", "v3")
	if err := d.Switch("v4"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.NewPartial("v5"); err != nil {
		t.Fatal(err)
	}
	removed, err := d.Prune(1)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(removed)
	if diff := cmp.Diff([]string{"v1", "v2", "v3b"}, removed); diff != "" {
		t.Errorf("Prune(1) removed (-want +got):\n%s", diff)
	}
	left, _ := d.Versions()
	if diff := cmp.Diff([]string{"v3", "v4"}, left); diff != "" {
		t.Errorf("versions after Prune(1) (-want +got):\n%s", diff)
	}
	if p, _ := d.Partials(); !slices.Equal(p, []string{"v5"}) {
		t.Errorf("partials after Prune = %v, want the one being built, v5", p)
	}
}

func TestCheckComparesTheManifest(t *testing.T) {
	d := Dir{Path: t.TempDir()}
	publish(t, d, "v1", "")
	if _, err := d.Check("v1"); err != nil {
		t.Fatalf("Check of an intact version: %v", err)
	}
	seg := filepath.Join(d.IndexPath("v1"), "seg.zap")
	tests := []struct {
		name    string
		damage  func()
		restore func()
		want    string
	}{
		{"extra file", func() { os.WriteFile(seg+".extra", nil, 0o644) }, func() { os.Remove(seg + ".extra") }, "not in its manifest"},
		{"same size, other bytes", func() { os.WriteFile(seg, []byte("vX"), 0o644) }, func() { os.WriteFile(seg, []byte("v1"), 0o644) }, "content"},
		{"truncated", func() { os.WriteFile(seg, []byte("v"), 0o644) }, func() { os.WriteFile(seg, []byte("v1"), 0o644) }, "truncated"},
		{"missing", func() { os.Remove(seg) }, func() { os.WriteFile(seg, []byte("v1"), 0o644) }, "missing"},
	}
	for _, tt := range tests {
		tt.damage()
		_, err := d.Check("v1")
		var ce *CorruptError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Check = %v, want a CorruptError saying %q", tt.name, err, tt.want)
		}
		tt.restore()
	}
}

func TestLockNeedsTheDirectory(t *testing.T) {
	d := Dir{Path: filepath.Join(t.TempDir(), "typo")}
	_, err := d.Lock()
	if !errors.Is(err, ErrNoDir) || !strings.Contains(err.Error(), "indexer reindex") {
		t.Errorf("Lock of a missing data directory = %v, want ErrNoDir saying reindex makes one", err)
	}
	if _, err := os.Stat(d.Path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Lock of a missing data directory made it (stat: %v)", err)
	}
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	if _, err := (Dir{Path: file}).Lock(); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("Lock of a file = %v, want an error saying it is not a folder", err)
	}
	if err := d.Init(); err != nil {
		t.Fatal(err)
	}
	unlock, err := d.Lock()
	if err != nil {
		t.Fatalf("Lock after Init: %v", err)
	}
	unlock()
}

func TestWriteJSONReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "report.json")
	if err := WriteJSON(p, map[string]int{"read": 1}); err != nil {
		t.Fatal(err)
	}
	// A reader of the old report reads it whole while the new one is
	// written: the new one is a new file renamed over it.
	old, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if err := WriteJSON(p, map[string]int{"read": 2}); err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(old)
	if got, want := string(raw), "{\n  \"read\": 1\n}\n"; got != want {
		t.Errorf("the old report read while the new one was written = %q, want %q", got, want)
	}
	raw, _ = os.ReadFile(p)
	if got, want := string(raw), "{\n  \"read\": 2\n}\n"; got != want {
		t.Errorf("report = %q, want %q", got, want)
	}
	if err := WriteJSON(p, map[string]any{"bad": make(chan int)}); err == nil {
		t.Error("WriteJSON of a value JSON cannot hold succeeded")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("files after the writes: %v, want only report.json", ents)
	}
}

func TestLockIsExclusive(t *testing.T) {
	d := Dir{Path: t.TempDir()}
	unlock, err := d.Lock()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = d.Lock()
	var le *LockedError
	if !errors.As(err, &le) || !strings.Contains(le.Owner, "pid ") {
		t.Errorf("second Lock = %v, want a LockedError naming the holder's pid", err)
	}
	t.Logf("refused after %s: %v", time.Since(start), err)
	unlock()
	unlock2, err := d.Lock()
	if err != nil {
		t.Fatalf("Lock after unlock: %v", err)
	}
	unlock2()
}

func TestTitleQuery(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Design a URL Shortener (like bit.ly)", "design a url shortener (like bit.ly)"},
		{`"Two Sum" OR three-sum`, "two sum or three-sum"},
		{"-negate *star field:value", "negate star field value"},
		{"Why? — a lot", "why? a lot"},
		{"one two three four five six seven eight nine", "one two three four five six seven eight"},
		{"?!", ""},
	}
	for _, tt := range tests {
		if got := TitleQuery(tt.title); got != tt.want {
			t.Errorf("TitleQuery(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestSmokeRun(t *testing.T) {
	idx, err := index.NewMemOnly()
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	w := idx.NewWriter(0)
	e := askedat.Experience{ID: "e1", Title: "Amazon loop", Company: "Amazon", Questions: []askedat.Question{
		{Ordinal: 1, Title: "Design a URL shortener like bit.ly", Category: "System Design"},
		{Ordinal: 2, Title: "What is it?", Category: "Other"},
	}}
	if err := w.Add(&e); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	tests := []struct {
		name         string
		s            Smoke
		wantErr      string // "" for a pass
		inconclusive bool
	}{
		{"finds its question", Smoke{Experience: "e1", Title: "Amazon loop", Query: TitleQuery(e.Questions[0].Title), Filters: map[string][]string{"company": {"Amazon"}}, Want: "e1-q1"}, "", false},
		{"other title", Smoke{Experience: "e1", Title: "Google loop"}, "has title", false},
		{"missing experience", Smoke{Experience: "e2", Title: "x"}, "not found", false},
		{"gone", Smoke{Experience: "e2", Gone: true}, "", false},
		{"not gone", Smoke{Experience: "e1", Gone: true}, "still there", false},
		{"question not found", Smoke{Experience: "e1", Title: "Amazon loop", Query: "shortener", Want: "e1-q2"}, "but not e1-q2", false},
		{"common words only", Smoke{Experience: "e1", Title: "Amazon loop", Query: TitleQuery(e.Questions[1].Title), Want: "e1-q2"}, "refused", true},
	}
	for _, tt := range tests {
		err := tt.s.Run(ctx, idx)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%s: Run = %v, want a pass", tt.name, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%s: Run = %v, want an error with %q", tt.name, err, tt.wantErr)
		case IsInconclusive(err) != tt.inconclusive:
			t.Errorf("%s: IsInconclusive(%v) = %v, want %v", tt.name, err, IsInconclusive(err), tt.inconclusive)
		}
	}
}
