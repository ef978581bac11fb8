// Package fsutil holds the durable file operations the index and its data
// folder share: a folder's entries synced, a file copied and synced, an
// immutable file hard-linked or copied.
package fsutil

import (
	"fmt"
	"io"
	"os"
)

// SyncDir fsyncs the folder dir, so that the files made or removed in it
// are durable.
func SyncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// CopyFile copies src to dst, which must not exist, and fsyncs dst.
func CopyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// LinkOrCopy hard-links src as dst where the file system allows, and
// copies it elsewhere: for files never written again once made.
func LinkOrCopy(src, dst string) error {
	if os.Link(src, dst) == nil {
		return nil
	}
	return CopyFile(src, dst)
}
