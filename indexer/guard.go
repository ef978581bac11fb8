package main

import (
	"fmt"

	"github.com/askedat/askedat/internal/datadir"
)

// A RefusedError says that a job built a version and did not switch current
// to it, and why.
type RefusedError struct {
	Version string
	Reason  string
	// Forcible is set when -force would have switched.
	Forcible bool
}

func (e *RefusedError) Error() string {
	s := fmt.Sprintf("not switching current to version %s: %s", e.Version, e.Reason)
	if e.Forcible {
		s += "; give -force to switch anyway"
	}
	return s
}

// checkSize returns a *RefusedError when the version id, holding exps
// experiences, must not replace the current version cur ("" for none): when
// it holds no experience at all, or, unless cfg.Force, when it holds fewer
// than cfg.MinRatio of cur's experiences. An input that is empty, truncated,
// or all garbage from a broken extractor, or an update that deletes most of
// the index, would otherwise replace the index that is being served. lines
// and rejected, the lines read and rejected, explain an empty version.
func checkSize(dd datadir.Dir, cfg JobConfig, id, cur string, exps uint64, lines, rejected int) error {
	if exps == 0 {
		reason := fmt.Sprintf("it holds no experience (%d lines read, %d rejected)", lines, rejected)
		return &RefusedError{Version: id, Reason: reason}
	}
	if cfg.Force || cur == "" {
		return nil
	}
	info, err := dd.ReadInfo(cur)
	if err != nil {
		reason := fmt.Sprintf("cannot tell how many experiences current version %s holds (%v)", cur, err)
		return &RefusedError{Version: id, Reason: reason, Forcible: true}
	}
	if float64(exps) < cfg.MinRatio*float64(info.Experiences) {
		reason := fmt.Sprintf("it holds %d experiences, %.1f%% of the %d of current version %s, less than -min-ratio %g allows", exps, 100*float64(exps)/float64(info.Experiences), info.Experiences, cur, cfg.MinRatio)
		return &RefusedError{Version: id, Reason: reason, Forcible: true}
	}
	return nil
}

// checkRejected returns a *RefusedError when, unless cfg.Force, more than
// cfg.MaxRejected of the lines read were rejected: the version id was built
// from input that is largely not what the indexer reads.
func checkRejected(cfg JobConfig, id string, lines, rejected int) error {
	if cfg.Force || lines == 0 || float64(rejected) <= cfg.MaxRejected*float64(lines) {
		return nil
	}
	reason := fmt.Sprintf("%d of the %d lines read were rejected (%.1f%%), more than -max-rejected %g allows", rejected, lines, 100*float64(rejected)/float64(lines), cfg.MaxRejected)
	return &RefusedError{Version: id, Reason: reason, Forcible: true}
}
