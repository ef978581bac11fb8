package datadir

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestVerifyNamesTheDamagedFile damages one file of a version at a time
// and checks that Verify names it and says how, and that VerifySizes sees
// every damage but a change of content.
func TestVerifyNamesTheDamagedFile(t *testing.T) {
	d := Dir{Path: t.TempDir()}
	publish(t, d, "v1", "")
	seg := filepath.Join(d.IndexPath("v1"), "seg.zap")
	tests := []struct {
		name       string
		damage     func()
		file       string
		problem    string
		sizesCatch bool
	}{
		{"same size, other bytes", func() { os.WriteFile(seg, []byte("vX"), 0o644) }, "seg.zap", ProblemChecksum, false},
		{"truncated", func() { os.Truncate(seg, 1) }, "seg.zap", ProblemSize, true},
		{"grown", func() { os.WriteFile(seg, []byte("v1v1"), 0o644) }, "seg.zap", ProblemSize, true},
		{"missing", func() { os.Remove(seg) }, "seg.zap", ProblemMissing, true},
		{"extra file", func() { os.WriteFile(seg+".extra", nil, 0o644) }, "seg.zap.extra", ProblemExtra, true},
		{"no manifest", func() { os.Remove(filepath.Join(d.VersionPath("v1"), infoName)) }, infoName, ProblemManifest, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.RemoveAll(d.VersionPath("v1"))
			publish(t, d, "v1", "")
			if err := d.Verify("v1"); err != nil {
				t.Fatalf("Verify of an intact version: %v", err)
			}
			tt.damage()
			err := d.Verify("v1")
			var ce *CorruptError
			if !errors.As(err, &ce) {
				t.Fatalf("Verify = %v, want a *CorruptError", err)
			}
			if got, want := [3]string{ce.ID, ce.File, ce.Problem}, [3]string{"v1", tt.file, tt.problem}; got != want {
				t.Errorf("Verify = %v: (id, file, problem) %q, want %q", err, got, want)
			}
			err = d.VerifySizes("v1")
			if got := err != nil; got != tt.sizesCatch {
				t.Errorf("VerifySizes = %v, want an error: %v", err, tt.sizesCatch)
			}
		})
	}
}

// BenchmarkVerify measures the cost of Verify per byte of index (b.SetBytes),
// from the page cache: docs/architecture.md extrapolates it to 1M questions.
func BenchmarkVerify(b *testing.B) {
	d := Dir{Path: b.TempDir()}
	p, err := d.NewPartial("v1")
	if err != nil {
		b.Fatal(err)
	}
	os.MkdirAll(filepath.Join(p, indexName, "store"), 0o755)
	const size = 64 << 20
	buf := make([]byte, size)
	for i := range buf {
		buf[i] = byte(i * 7)
	}
	if err := os.WriteFile(filepath.Join(p, indexName, "store", "seg.zap"), buf, 0o644); err != nil {
		b.Fatal(err)
	}
	if err := d.Publish("v1", &Info{Job: "test", Created: time.Now().String()}); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ResetTimer()
	for range b.N {
		if err := d.Verify("v1"); err != nil {
			b.Fatal(err)
		}
	}
}
