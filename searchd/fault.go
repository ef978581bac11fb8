package main

import "runtime/debug"

// setPanicOnFault sets debug.SetPanicOnFault on the calling goroutine and
// returns the function that restores the setting before.
func setPanicOnFault(on bool) func() {
	old := debug.SetPanicOnFault(on)
	return func() { debug.SetPanicOnFault(old) }
}
