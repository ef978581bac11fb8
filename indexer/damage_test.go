package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/datadir"
)

// segmentOf returns the path of the segment file of version id, relative to
// its index folder and in full.
func segmentOf(t *testing.T, dd datadir.Dir, id string) (rel, full string) {
	t.Helper()
	zaps, _ := filepath.Glob(filepath.Join(dd.IndexPath(id), "store", "*.zap"))
	if len(zaps) == 0 {
		t.Fatalf("version %s has no segment file", id)
	}
	return "store/" + filepath.Base(zaps[0]), zaps[0]
}

// flipBytes inverts three bytes in the middle of a file, keeping its size:
// the damage of the outside review that made update spin in ForceMerge.
func flipBytes(t *testing.T, p string) {
	t.Helper()
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(raw) / 2; i < len(raw)/2+3; i++ {
		raw[i] ^= 0xff
	}
	if err := os.WriteFile(p, raw, 0o644); err != nil {
		t.Fatal(err)
	}
}

// runBounded runs the indexer command line args, failing the test when it
// does not return within a minute (the update used to spin for ever).
func runBounded(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(context.Background(), args, &out, &errb) }()
	select {
	case code = <-done:
	case <-time.After(60 * time.Second):
		t.Fatalf("indexer %v did not return within 60s", args)
	}
	return code, out.String(), errb.String()
}

// TestUpdateRefusesADamagedCurrentVersion damages the segment of the
// current version of a real index and runs indexer update: it must fail at
// once naming the file, leave no partial version, and let go of the lock;
// versions and verify must say the version is damaged.
func TestUpdateRefusesADamagedCurrentVersion(t *testing.T) {
	tests := []struct {
		name    string
		damage  func(t *testing.T, zap string)
		problem string
	}{
		{"three bytes flipped", flipBytes, datadir.ProblemChecksum},
		{"truncated", func(t *testing.T, zap string) {
			st, _ := os.Stat(zap)
			if err := os.Truncate(zap, st.Size()/2); err != nil {
				t.Fatal(err)
			}
		}, datadir.ProblemSize},
		{"removed", func(t *testing.T, zap string) { os.Remove(zap) }, datadir.ProblemMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exps := sampleDocs(30, 1)
			data, first := reindexed(t, exps[:20])
			if _, err := Reindex(context.Background(), jobConfig(data, writeDocs(t, exps[:25])), &bytes.Buffer{}); err != nil {
				t.Fatal(err)
			}
			dd := datadir.Dir{Path: data}
			cur, _ := dd.Current()
			rel, zap := segmentOf(t, dd, cur)
			tt.damage(t, zap)

			code, _, stderr := runBounded(t, "update", "-docs", writeDocs(t, exps), "-data", data)
			if code != 1 || !strings.Contains(stderr, rel+": "+tt.problem) || !strings.Contains(stderr, cur) {
				t.Errorf("update of a damaged current = exit %d, stderr %q; want 1 naming %s and %q", code, stderr, rel, tt.problem)
			}
			if p, err := dd.Partials(); err != nil || len(p) != 0 {
				t.Errorf("partial versions after the failed update: %v, %v; want none", p, err)
			}
			unlock, err := dd.Lock()
			if err != nil {
				t.Fatalf("the lock after the failed update: %v, want it free", err)
			}
			unlock()
			if got, _ := dd.Current(); got != cur {
				t.Errorf("current after the failed update = %s, want %s", got, cur)
			}

			code, stdout, _ := runBounded(t, "versions", "-data", data)
			if want := "damaged: " + rel + ": " + tt.problem; code != 0 || !strings.Contains(stdout, want) || strings.Count(stdout, "damaged") != 1 {
				t.Errorf("indexer versions = %d:\n%s\nwant one version marked %q", code, stdout, want)
			}
			for _, v := range []struct {
				args     []string
				wantCode int
				want     string
			}{
				{nil, 1, "DAMAGED " + cur + " (current): " + rel + ": " + tt.problem},
				{[]string{"-all"}, 1, "ok      " + first.NewVersion},
				{[]string{"-version", first.NewVersion}, 0, "ok      " + first.NewVersion},
				{[]string{"-version", cur}, 1, "DAMAGED " + cur},
			} {
				code, stdout, stderr := runBounded(t, append([]string{"verify", "-data", data}, v.args...)...)
				if code != v.wantCode || !strings.Contains(stdout, v.want) {
					t.Errorf("indexer verify %v = %d, stdout %q, stderr %q; want %d and %q", v.args, code, stdout, stderr, v.wantCode, v.want)
				}
			}

			// The way out: rollback to the intact previous version, then
			// the update runs.
			if code, _, stderr := runBounded(t, "rollback", "-data", data); code != 0 {
				t.Fatalf("rollback from the damaged version = %d: %s", code, stderr)
			}
			if code, _, stderr := runBounded(t, "update", "-docs", writeDocs(t, exps), "-data", data); code != 0 {
				t.Errorf("update after the rollback = %d: %s", code, stderr)
			}
		})
	}
}

func TestVerifyFlags(t *testing.T) {
	data := t.TempDir()
	if code, _, stderr := runBounded(t, "verify", "-data", data, "-all", "-version", "x"); code != 2 || !strings.Contains(stderr, "not both") {
		t.Errorf("verify -all -version = %d, %q; want 2 and a usage error", code, stderr)
	}
	if code, _, stderr := runBounded(t, "verify", "-data", data); code != 1 || !strings.Contains(stderr, "no current version") {
		t.Errorf("verify of an empty data directory = %d, %q; want 1 saying there is no current version", code, stderr)
	}
}

// TestBoundedAbandonsAStepThatDoesNotEnd checks the bound on bleve steps
// that take no context: the job gets its error, the step is left running.
func TestBoundedAbandonsAStepThatDoesNotEnd(t *testing.T) {
	stuck := make(chan struct{})
	defer close(stuck)
	tests := []struct {
		name    string
		step    func() error
		wantErr error
	}{
		{"ends", func() error { return nil }, nil},
		{"fails", func() error { return os.ErrNotExist }, os.ErrNotExist},
		{"never ends", func() error { <-stuck; return nil }, errAbandoned},
	}
	for _, tt := range tests {
		err := bounded(context.Background(), "a step", 50*time.Millisecond, tt.step)
		if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
			t.Errorf("%s: bounded = %v, want %v", tt.name, err, tt.wantErr)
		}
	}
}

// TestUpdateRefusesABaseOfAnotherMapping runs indexer update on a current
// version that records another mapping version (one built by an older
// program): it must fail at once saying to reindex, copy nothing, and
// leave current as it was.
func TestUpdateRefusesABaseOfAnotherMapping(t *testing.T) {
	exps := sampleDocs(20, 1)
	data, _ := reindexed(t, exps[:10])
	dd := datadir.Dir{Path: data}
	cur, _ := dd.Current()
	path := filepath.Join(dd.VersionPath(cur), "version.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var info map[string]any
	if err := json.Unmarshal(raw, &info); err != nil {
		t.Fatal(err)
	}
	info["mapping_version"] = index.MappingVersion - 1
	if raw, err = json.Marshal(info); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}

	code, _, stderr := runBounded(t, "update", "-docs", writeDocs(t, exps), "-data", data)
	want := fmt.Sprintf("built with mapping version %d, this program needs %d: run indexer reindex", index.MappingVersion-1, index.MappingVersion)
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("update of a base of another mapping = exit %d, stderr %q; want 1 saying %q", code, stderr, want)
	}
	if p, err := dd.Partials(); err != nil || len(p) != 0 {
		t.Errorf("partial versions after the refused update: %v, %v; want none", p, err)
	}
	if got, _ := dd.Current(); got != cur {
		t.Errorf("current after the refused update = %s, want %s", got, cur)
	}
}
