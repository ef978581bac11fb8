package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/askedat/askedat/internal/datadir"
	"github.com/askedat/askedat/internal/sample"
)

// between sets testHookBetweenPasses to f for the rest of the test.
func between(t *testing.T, f func()) {
	t.Helper()
	testHookBetweenPasses = f
	t.Cleanup(func() { testHookBetweenPasses = nil })
}

// rewrite writes exps over the file p in place (the same file, new bytes),
// as a crawler writing its output where a job reads it would.
func rewrite(t *testing.T, p string, n int, seed uint64) {
	t.Helper()
	var b bytes.Buffer
	if err := sample.WriteJSONL(&b, sampleDocs(n, seed)); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(b.Bytes()); err != nil {
		t.Fatal(err)
	}
}

func TestJobsFailWhenTheInputChangesBetweenPasses(t *testing.T) {
	data, first := reindexed(t, sampleDocs(20, 1))
	dd := datadir.Dir{Path: data}
	off := false
	for _, tt := range []struct {
		name string
		run  func(docs string) error
	}{
		{"reindex", func(docs string) error {
			_, err := Reindex(context.Background(), jobConfig(data, docs), &bytes.Buffer{})
			return err
		}},
		{"update", func(docs string) error {
			_, err := Update(context.Background(), jobConfig(data, docs), &bytes.Buffer{})
			return err
		}},
		{"build", func(docs string) error {
			_, err := Build(context.Background(), Config{Docs: []string{docs}, IndexDir: filepath.Join(t.TempDir(), "idx"), BatchSize: 100, Progress: &off}, &bytes.Buffer{})
			return err
		}},
	} {
		for _, change := range []struct {
			name string
			n    int
		}{{"rewritten", 20}, {"appended to", 25}} {
			docs := writeDocs(t, sampleDocs(20, 2))
			between(t, func() {
				if change.n == 20 {
					rewrite(t, docs, 20, 3)
					return
				}
				f, _ := os.OpenFile(docs, os.O_WRONLY|os.O_APPEND, 0)
				sample.WriteJSONL(f, sampleDocs(5, 4))
				f.Close()
			})
			err := tt.run(docs)
			if err == nil || !strings.Contains(err.Error(), "input changed during the job") {
				t.Errorf("%s of a file %s between passes = %v, want input changed during the job", tt.name, change.name, err)
			}
			if cur, _ := dd.Current(); cur != first.NewVersion {
				t.Errorf("%s of a file %s between passes: current = %s, want it still %s", tt.name, change.name, cur, first.NewVersion)
			}
		}
	}
}

// A file renamed over the input while a job runs does not change what the
// job reads: it opened the input once.
func TestReindexReadsTheFileItOpened(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	exps := sampleDocs(20, 1)
	docs := writeDocs(t, exps)
	other := writeDocs(t, sampleDocs(30, 9))
	between(t, func() {
		if err := os.Rename(other, docs); err != nil {
			t.Fatal(err)
		}
	})
	rep, err := Reindex(context.Background(), jobConfig(data, docs), &bytes.Buffer{})
	if err != nil {
		t.Fatalf("Reindex: %v", err)
	}
	if rep.Indexed != len(exps) {
		t.Errorf("indexed %d experiences, want the %d of the file opened", rep.Indexed, len(exps))
	}
	idx, info := openCurrent(t, data)
	if e, err := idx.Experience(context.Background(), exps[5].ID); err != nil || e.Title != exps[5].Title {
		t.Errorf("experience %s = %v, %v; want title %q", exps[5].ID, e, err, exps[5].Title)
	}
	src, err := datadir.HashSource(writeDocs(t, exps))
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Sources) != 1 || info.Sources[0].SHA256 != src.SHA256 || info.Sources[0].Bytes != src.Bytes {
		t.Errorf("version.json sources = %+v, want the hash of the file read, %s", info.Sources, src.SHA256)
	}
}
