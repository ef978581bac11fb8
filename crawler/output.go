package main

import (
	"fmt"
	"os"

	"askedat/index"
)

// An output writes experiences as JSON Lines to path+".tmp" and, on Commit,
// renames it to path. Each line is flushed as it is written, so the .tmp
// file holds whole lines while the crawl runs; a file named path is always
// the output of a crawl that ended, never half of one.
type output struct {
	path, tmp string
	f         *os.File
	enc       *index.Encoder
}

var _ sink = (*output)(nil)

// createOutput opens the temporary file beside path. It fails early when
// path's folder cannot be written.
func createOutput(path string) (*output, error) {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, fmt.Errorf("create output: %w", err)
	}
	return &output{path: path, tmp: tmp, f: f, enc: index.NewEncoder(f)}, nil
}

// Write writes e as one line and flushes it to the file.
func (o *output) Write(e *index.Experience) error {
	if err := o.enc.Encode(e); err != nil {
		return err
	}
	if err := o.enc.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", o.tmp, err)
	}
	return nil
}

// Commit syncs the file and renames it to its final name.
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
	return nil
}

// Abort closes and removes the temporary file.
func (o *output) Abort() {
	o.f.Close()
	os.Remove(o.tmp)
}
