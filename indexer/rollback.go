package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/askedat/askedat/internal/datadir"
)

// A RollbackReport says what a rollback did.
type RollbackReport struct{ jobHeader }

// Rollback switches current back to the version it replaced (the current
// version's Previous), after checking that version as searchd will. The
// version rolled back from stays until the next job removes it. The log
// goes to logw (newJobLog).
func Rollback(ctx context.Context, cfg JobConfig, logw io.Writer) (rep *RollbackReport, err error) {
	start := time.Now()
	dd := datadir.Dir{Path: cfg.Data}
	rep = &RollbackReport{newHeader("rollback", cfg.Data)}
	jl := newJobLog(logw, cfg.Log, "rollback")
	m := newJobMetrics(cfg.Metrics, "rollback")
	defer func() { m.finish(rep, err, jl) }() // after the report's, below
	unlock, err := dd.Lock()
	if err != nil {
		return rep, err
	}
	defer unlock()
	defer func() { err = rep.finish(dd, cfg.Report, rep.OldVersion, rep, start, err) }()
	cur, err := dd.Current()
	if err != nil {
		return rep, err
	}
	rep.OldVersion = cur
	info, err := dd.ReadInfo(cur)
	if err != nil {
		return rep, err
	}
	if info.Previous == "" {
		return rep, fmt.Errorf("version %s replaced no other version: there is nothing to roll back to", cur)
	}
	rep.NewVersion = info.Previous
	jl.Info("checking version", "version", info.Previous)
	idx, _, err := dd.Open(ctx, info.Previous)
	if err != nil {
		return rep, fmt.Errorf("roll back to %s: %w (keep more versions with -keep)", info.Previous, err)
	}
	idx.Close()
	if err := dd.Switch(info.Previous); err != nil {
		return rep, err
	}
	rep.Switched = true
	return rep, nil
}

// Print writes a human summary of r.
func (r *RollbackReport) Print(w io.Writer) {
	if r.Switched {
		fmt.Fprintf(w, "indexer: rolled back: current is now %s (was %s)\n", r.NewVersion, r.OldVersion)
	}
}
