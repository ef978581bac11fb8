package index

import (
	"errors"
	"fmt"
	"runtime/debug"
)

// ErrFault is the error of a read of the index that met a memory fault:
// bleve maps segment files into memory, and a file truncated (or removed
// from its disk) under the mapping gives SIGBUS where the pages are gone.
// The index is damaged; its reader should stop using it.
var ErrFault = errors.New("memory fault reading the index files (a file changed under its mapping: truncated or on a failing disk)")

// faultAddr is what a panic of a memory fault (debug.SetPanicOnFault)
// implements.
type faultAddr interface{ Addr() uintptr }

// IsFault reports whether the value recovered from a panic is a memory
// fault that debug.SetPanicOnFault turned into one.
func IsFault(p any) bool {
	_, ok := p.(faultAddr)
	return ok
}

// FaultError returns the error of the fault recovered as p, wrapping
// ErrFault.
func FaultError(p any) error { return fmt.Errorf("%w: %v", ErrFault, p) }

// catchFaults makes a memory fault on the calling goroutine a panic
// instead of the end of the process; deferred the function it returns
// recovers one into *err and restores the setting. Another panic goes on.
// The setting is the goroutine's own: each goroutine that reads mapped
// segments sets it (the search workers here; searchd the request's).
//
//	defer catchFaults(&err)()
func catchFaults(err *error) func() {
	old := debug.SetPanicOnFault(true)
	return func() {
		debug.SetPanicOnFault(old)
		if p := recover(); p != nil {
			if !IsFault(p) {
				panic(p)
			}
			*err = FaultError(p)
		}
	}
}
