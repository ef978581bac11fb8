package datadir

import (
	"errors"
	"fmt"
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

// Lock takes the data directory for one job, creating it if need be. It
// does not wait: when another process holds it, it returns a *LockedError
// at once. The lock is the kernel's (flock), so it goes with the process
// that held it, however that process ends. Call the returned function to
// release it.
func (d Dir) Lock() (unlock func(), err error) {
	if err := os.MkdirAll(d.Path, 0o755); err != nil {
		return nil, fmt.Errorf("make data directory %s: %w", d.Path, err)
	}
	p := filepath.Join(d.Path, lockName)
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock data directory %s: %w", d.Path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		owner := "unknown process"
		if raw, rerr := os.ReadFile(p); rerr == nil && len(strings.TrimSpace(string(raw))) > 0 {
			owner = strings.TrimSpace(string(raw))
		}
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, &LockedError{Path: d.Path, Owner: owner}
		}
		return nil, fmt.Errorf("lock data directory %s: %w", d.Path, err)
	}
	f.Truncate(0)
	f.WriteAt([]byte("pid "+strconv.Itoa(os.Getpid())+" since "+time.Now().UTC().Format(time.RFC3339)+"\n"), 0)
	return func() {
		f.Truncate(0)
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
