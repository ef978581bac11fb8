// Package corpus finds the shared corpus of real pages and datasets
// (../shared/corpus beside the repository) for tests.
//
// Tests that read it skip with a clear message when it is absent, and fail
// when the environment variable CI is set: there it must be present.
package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the folder elem of ../shared/corpus beside the repository
// holding the test's working directory. It skips t when the folder is
// absent, and fails t when CI is set.
func Dir(t testing.TB, elem ...string) string {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(append([]string{root, "..", "shared", "corpus"}, elem...)...)
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("corpus folder %s is missing, and CI is set: %v", dir, err)
		}
		t.Skipf("corpus folder %s is missing (it lives beside the repository as ../shared/corpus): %v", dir, err)
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
