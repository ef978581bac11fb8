package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/askedat/askedat/internal/datadir"
)

// This file holds the commands that only look at a data directory:
// versions and verify.

// listVersions prints the published versions of a data directory, newest
// first, marking the current one, and each damaged one with what is wrong
// (datadir.Verify: every file is hashed, about a second per GB).
func listVersions(cfg JobConfig, w io.Writer) error {
	dd, cur, err := existingDataDir(cfg)
	if err != nil {
		return err
	}
	ids, err := dd.Versions()
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		fmt.Fprintf(w, "no versions in %s\n", cfg.Data)
		return nil
	}
	for i := len(ids) - 1; i >= 0; i-- {
		id := ids[i]
		mark := " "
		if id == cur {
			mark = "*"
		}
		damage := ""
		if d := damageOf(dd.Verify(id)); d != "" {
			damage = "  damaged: " + d
		}
		info, err := dd.ReadInfo(id)
		if err != nil {
			fmt.Fprintf(w, "%s %s  (unreadable: %v)%s\n", mark, id, err, damage)
			continue
		}
		fmt.Fprintf(w, "%s %s  %-7s %8d experiences %9d questions  previous %s%s\n", mark, id, info.Job, info.Experiences, info.Questions, orNone(info.Previous), damage)
	}
	return nil
}

// existingDataDir returns the data directory of cfg, which must exist, and
// its current version ("" for none).
func existingDataDir(cfg JobConfig) (datadir.Dir, string, error) {
	dd := datadir.Dir{Path: cfg.Data}
	if err := dd.CheckExists(); err != nil {
		return dd, "", err
	}
	cur, err := currentOrNone(dd)
	return dd, cur, err
}

// damageOf returns what a Verify error says is damaged ("FILE: PROBLEM
// (…)"), the error itself when it is another, or "" for none.
func damageOf(err error) string {
	var ce *datadir.CorruptError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ce):
		return ce.Damage()
	}
	return err.Error()
}

// verifyVersions checks the current version of a data directory, or the
// one cfg.Version names, or every one (cfg.All), against their manifests,
// and prints a line for each; it returns an error when one is damaged.
func verifyVersions(cfg JobConfig, w io.Writer) error {
	dd, cur, err := existingDataDir(cfg)
	if err != nil {
		return err
	}
	var ids []string
	switch {
	case cfg.All:
		if ids, err = dd.Versions(); err != nil {
			return err
		}
		if len(ids) == 0 {
			return fmt.Errorf("no versions in %s", cfg.Data)
		}
	case cfg.Version != "":
		ids = []string{cfg.Version}
	case cur == "":
		return fmt.Errorf("data directory %s has no current version: give -version ID or -all", cfg.Data)
	default:
		ids = []string{cur}
	}
	var damaged []string
	for i := len(ids) - 1; i >= 0; i-- {
		id := ids[i]
		role := ""
		if id == cur {
			role = " (current)"
		}
		if d := damageOf(dd.Verify(id)); d != "" {
			damaged = append(damaged, id)
			fmt.Fprintf(w, "DAMAGED %s%s: %s\n", id, role, d)
			continue
		}
		fmt.Fprintf(w, "ok      %s%s\n", id, role)
	}
	if len(damaged) > 0 {
		return fmt.Errorf("%d of %d versions checked are damaged: %v", len(damaged), len(ids), damaged)
	}
	return nil
}
