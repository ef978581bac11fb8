package datadir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A LockedError says another job holds the data directory.
type LockedError struct {
	Path  string
	Owner string // "pid N since TIME", as the holder wrote it
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("data directory %s is in use by another indexer job (%s): wait for it to finish", e.Path, e.Owner)
}

// ErrNoDir is returned by the jobs that work on an existing data directory
// (update, rollback, versions) when there is none: only reindex makes one.
var ErrNoDir = errors.New("does not exist")

// Init makes the data directory if it is not there yet. Only reindex, which
// makes a data directory's first version, calls it.
func (d Dir) Init() error {
	if err := os.MkdirAll(d.Path, 0o755); err != nil {
		return fmt.Errorf("make data directory %s: %w", d.Path, err)
	}
	return nil
}

// CheckExists returns an error wrapping ErrNoDir when the data directory is
// not there, and one saying so when it is not a folder.
func (d Dir) CheckExists() error {
	st, err := os.Stat(d.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("data directory %s %w (indexer reindex -docs FILE.jsonl -data %s makes one)", d.Path, ErrNoDir, d.Path)
	}
	if err != nil {
		return fmt.Errorf("data directory %s: %w", d.Path, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("data directory %s is not a folder", d.Path)
	}
	return nil
}

// Lock takes the data directory for one job; the directory must exist
// (Init). It does not wait: when another process holds it, it returns a
// *LockedError at once. The lock is the kernel's (flock), so it goes with
// the process that held it, however that process ends. Call the returned
// function to release it.
func (d Dir) Lock() (unlock func(), err error) {
	if err := d.CheckExists(); err != nil {
		return nil, err
	}
	p := filepath.Join(d.Path, lockName)
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock data directory %s: %w", d.Path, err)
	}
	if err := TryLock(f); err != nil {
		f.Close()
		if errors.Is(err, ErrLocked) {
			owner := "unknown process"
			if raw, rerr := os.ReadFile(p); rerr == nil && len(strings.TrimSpace(string(raw))) > 0 {
				owner = strings.TrimSpace(string(raw))
			}
			return nil, &LockedError{Path: d.Path, Owner: owner}
		}
		return nil, fmt.Errorf("lock data directory %s: %w", d.Path, err)
	}
	f.Truncate(0)
	f.WriteAt([]byte("pid "+strconv.Itoa(os.Getpid())+" since "+time.Now().UTC().Format(time.RFC3339)+"\n"), 0)
	return func() {
		f.Truncate(0)
		f.Close() // releases the lock
	}, nil
}

// ErrLocked is returned by TryLock when another process holds the lock.
var ErrLocked = errors.New("locked by another process")

// TryLock takes the kernel's lock (flock) of the open file or folder f
// without waiting: when another process holds it, it returns ErrLocked at
// once. The lock goes with f: closing f releases it, and so does the end of
// the process, however it ends.
func TryLock(f *os.File) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return ErrLocked
	}
	if err != nil {
		return fmt.Errorf("lock %s: %w", f.Name(), err)
	}
	return nil
}
