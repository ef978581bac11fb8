package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// DefaultStepTimeout bounds each bleve step of an update (opening an index,
// merging it into one segment, copying it). A whole build of 1M questions
// takes under two minutes here (docs/benchmarks.md); half an hour is far
// past any healthy step and still ends a job that would spin for ever.
const DefaultStepTimeout = 30 * time.Minute

// errAbandoned says that a step did not end within its time and was left
// running: what it worked on must not be touched (not even closed, which
// waits for the step) until the process exits.
var errAbandoned = errors.New("step abandoned")

// bounded runs step, and returns its error, or an error wrapping
// errAbandoned and the context's error when ctx ends first or timeout
// passes. bleve's open, merge and copy take no context, or (ForceMerge)
// take one but wait for the merge whatever it says, and a merge of a damaged
// segment can loop without end: running the step on its own goroutine is
// the only way to give the job its answer. The goroutine is left behind,
// which is fine for a command that exits on the error; the lock goes with
// the process. The data verified up front (datadir.Verify) keeps this from
// happening on damage that the manifest can see.
func bounded(ctx context.Context, name string, timeout time.Duration, step func() error) error {
	if timeout <= 0 {
		timeout = DefaultStepTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- step() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("%s did not end within %v (-step-timeout): %w: %w", name, timeout, errAbandoned, context.Cause(ctx))
	}
}
