package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/askedat/askedat"
)

// tempsOf returns the temporary files of outputs to path that are left.
func tempsOf(t *testing.T, path string) []string {
	t.Helper()
	left, err := filepath.Glob(path + ".*.tmp")
	if err != nil {
		t.Fatal(err)
	}
	return left
}

// TestOutputsApart: two outputs to one path (two processes, say) write
// temporary files of their own; one giving up removes only its own, and
// the other still commits.
func TestOutputsApart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "docs.jsonl")
	a, err := createOutput(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := createOutput(path)
	if err != nil {
		t.Fatal(err)
	}
	if a.tmp == b.tmp {
		t.Fatalf("two outputs share the temporary file %s", a.tmp)
	}
	if err := a.Write(&askedat.Experience{ID: "a", Title: "A"}); err != nil {
		t.Fatal(err)
	}
	b.Abort()
	if err := a.Commit(); err != nil {
		t.Fatalf("Commit after the other output aborted: %v", err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Size() == 0 || fi.Mode().Perm() != 0o644 {
		t.Errorf("output %s = %v, %v; want a file of one line, mode 0644", path, fi, err)
	}
	if left := tempsOf(t, path); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
