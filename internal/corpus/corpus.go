// Package corpus finds the shared corpus of real pages and datasets
// (../shared/corpus beside the repository) for tests.
//
// Tests that read it skip with a clear message when it is absent, and fail
// when the environment variable CI is set: there it must be present.
package corpus

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the folder elem of ../shared/corpus beside the repository
// holding the test's working directory. It skips t when the folder is
// absent, and fails t when CI is set.
func Dir(t testing.TB, elem ...string) string {
	t.Helper()
	return Shared(t, append([]string{"corpus"}, elem...)...)
}

// Shared returns the folder or file elem of ../shared beside the repository
// (the corpus, the hand-labelled quality sets), with Dir's rules: skipped
// when absent, failed when CI is set.
func Shared(t testing.TB, elem ...string) string {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(append([]string{root, "..", "shared"}, elem...)...)
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing, and CI is set: %v", dir, err)
		}
		t.Skipf("%s is missing (it lives beside the repository as ../shared): %v", dir, err)
	}
	return dir
}

// repoRoot returns the nearest folder above the working directory that
// holds go.mod.
func repoRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", &os.PathError{Op: "find go.mod above", Path: wd, Err: os.ErrNotExist}
		}
		dir = parent
	}
}

// ReadCSV reads a whole CSV file of the corpus with encoding/csv, as a test
// reads it to count for itself: one map from header to cell per record.
func ReadCSV(t testing.TB, file string) []map[string]string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if len(recs) == 0 {
		return nil
	}
	out := make([]map[string]string, 0, len(recs)-1)
	for _, r := range recs[1:] {
		m := make(map[string]string, len(r))
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}
