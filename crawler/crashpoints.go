//go:build crashpoints

package main

import (
	"os"
	"strconv"
	"sync/atomic"
	"syscall"
)

// With the crashpoints build tag, ASKEDAT_CRASH_AFTER_ARCHIVE=N makes the
// crawler kill itself (SIGKILL, no cleanup) right after the Nth page is
// archived and before the state records it. The crash tests use it; a
// normal build has no such code.
func init() {
	n, err := strconv.Atoi(os.Getenv("ASKEDAT_CRASH_AFTER_ARCHIVE"))
	if err != nil || n <= 0 {
		return
	}
	var seen atomic.Int64
	crashHook = func() {
		if seen.Add(1) == int64(n) {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {}
		}
	}
}
