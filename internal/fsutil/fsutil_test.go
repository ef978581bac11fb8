package fsutil

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCopyAndLink(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a")
	if err := os.WriteFile(src, []byte("segment"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		fn   func(src, dst string) error
	}{{"CopyFile", CopyFile}, {"LinkOrCopy", LinkOrCopy}} {
		dst := filepath.Join(dir, tt.name)
		if err := tt.fn(src, dst); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got, err := os.ReadFile(dst); err != nil || string(got) != "segment" {
			t.Errorf("%s: dst holds %q, %v; want %q", tt.name, got, err, "segment")
		}
		if err := tt.fn(src, dst); err == nil {
			t.Errorf("%s onto an existing file: no error", tt.name)
		}
	}
	if err := SyncDir(dir); err != nil {
		t.Error(err)
	}
}
