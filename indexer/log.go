package main

import (
	"fmt"
	"io"
	"log/slog"

	"github.com/askedat/askedat/internal/cli"
	"github.com/askedat/askedat/internal/progress"
)

// A jobLog is where a command reports as it goes: records of its log
// (log/slog, in the format and at the level of -log-format and
// -log-level), each with the command's name as job, and its progress: a
// bar on a terminal, or else records of the log.
type jobLog struct {
	*slog.Logger
	progress io.Writer
}

// newJobLog returns the jobLog of the command job writing to w.
func newJobLog(w io.Writer, c cli.LogConfig, job string) jobLog {
	lg := c.New(w).With("job", job)
	out := w
	if !progress.IsTerminal(w) {
		out = cli.LineWriter(lg)
	}
	return jobLog{lg, out}
}

// metricsf logs a failure to write the -metrics file (jobmetrics' logf).
func (l jobLog) metricsf(format string, args ...any) {
	l.Warn("cannot write the metrics file", "err", fmt.Sprintf(format, args...))
}
