package main

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// followOptions say how searchd notices that the current pointer changed.
type followOptions struct {
	Dir   string        // the data directory, watched for the pointer's renames
	Watch bool          // watch Dir (inotify and the like)
	Poll  time.Duration // also read the pointer this often (0: never)
	Hup   <-chan os.Signal
}

// follow swaps in each version the pointer names, until ctx is done: when
// the watched directory says the pointer was replaced, at each poll, on
// each signal from o.Hup (which also retries a refused version), and when a
// read of the version served faulted (holder.guard).
func (h *holder) follow(ctx context.Context, src source, o followOptions) {
	var events <-chan fsnotify.Event
	var errs <-chan error
	if o.Watch {
		w, err := fsnotify.NewWatcher()
		if err == nil {
			err = w.Add(o.Dir)
			if err != nil {
				w.Close()
			}
		}
		if err != nil {
			h.logger.Warn("cannot watch the data directory; reading the pointer at each poll and on SIGHUP", "dir", o.Dir, "poll", o.Poll, "err", err)
		} else {
			defer w.Close()
			events, errs = w.Events, w.Errors
		}
	}
	var tick <-chan time.Time
	if o.Poll > 0 {
		t := time.NewTicker(o.Poll)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			if filepath.Base(ev.Name) == "current" && ev.Has(fsnotify.Create|fsnotify.Write|fsnotify.Rename) {
				h.reload(ctx, src, false)
			}
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			h.logger.Warn("watching the data directory", "err", err)
		case <-tick:
			h.reload(ctx, src, false)
		case <-h.recheck:
			// A read of the version served faulted: check it now.
			h.reload(ctx, src, false)
		case <-o.Hup:
			h.logger.Info("SIGHUP: reading the current version")
			h.reload(ctx, src, true)
		}
	}
}
