package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/askedat/askedat"

	"github.com/askedat/askedat/internal/fsutil"
)

// An output writes experiences as JSON Lines to a temporary file beside
// path and, on Commit, renames it to path. The temporary file's name is
// its own (path.*.tmp, made by os.CreateTemp), so two processes writing
// the same path never share one, and Abort removes only its own. Each
// line is flushed as it is written, so the temporary file holds whole
// lines while the job runs; a file named path is always the output of a
// job that ended, never half of one.
type output struct {
	path, tmp string
	f         *os.File
	enc       *askedat.Encoder
}

var _ sink = (*output)(nil)

// createOutput opens the temporary file beside path. It fails early when
// path's folder cannot be written.
func createOutput(path string) (*output, error) {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("create output: %w", err)
	}
	// CreateTemp makes the file readable by its owner only; the output
	// is for the indexer and the operator too, as a file made by
	// os.Create would be.
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("create output: %w", err)
	}
	return &output{path: path, tmp: f.Name(), f: f, enc: askedat.NewEncoder(f)}, nil
}

// Write writes e as one line and flushes it to the file.
func (o *output) Write(e *askedat.Experience) error {
	if err := o.enc.Encode(e); err != nil {
		return err
	}
	if err := o.enc.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", o.tmp, err)
	}
	return nil
}

// Commit syncs the file, renames it to its final name and syncs the
// folder, so the rename itself survives a crash.
func (o *output) Commit() error {
	if err := o.f.Sync(); err != nil {
		o.f.Close()
		return fmt.Errorf("sync %s: %w", o.tmp, err)
	}
	if err := o.f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", o.tmp, err)
	}
	if err := os.Rename(o.tmp, o.path); err != nil {
		return fmt.Errorf("rename output: %w", err)
	}
	if err := fsutil.SyncDir(filepath.Dir(o.path)); err != nil {
		return fmt.Errorf("rename output: %w", err)
	}
	return nil
}

// Abort closes and removes the temporary file.
func (o *output) Abort() {
	o.f.Close()
	os.Remove(o.tmp)
}
