package corpus

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReadCSV(t *testing.T) {
	file := filepath.Join(t.TempDir(), "x.csv")
	os.WriteFile(file, []byte("a,b\n1,\"two\nlines\"\n3,4\n"), 0o644)
	got := ReadCSV(t, file)
	want := []map[string]string{{"a": "1", "b": "two\nlines"}, {"a": "3", "b": "4"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadCSV (-want +got):\n%s", diff)
	}
}

func TestDir(t *testing.T) {
	// The corpus may be absent here; Dir then skips, and a present one is
	// a folder.
	dir := Dir(t)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		t.Errorf("Dir() = %s, not a folder: %v", dir, err)
	}
}
