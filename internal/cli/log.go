package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sync"
)

// LogConfig is the log's settings, the -log-format and -log-level flags
// that searchd, crawler and indexer share.
type LogConfig struct {
	Format string // text (key=value) or json (one object a line)
	Level  string // debug, info, warn or error
}

// Flags binds c to -log-format and -log-level on fs, text and info by
// default. levels says what each level logs, in the usage.
func (c *LogConfig) Flags(fs *flag.FlagSet, levels string) {
	fs.StringVar(&c.Level, "log-level", "info", "`level` of the log: "+levels)
	fs.StringVar(&c.Format, "log-format", "text", "`format` of the log: text (key=value) or json (one object a line)")
}

// Check reports what makes c unusable.
func (c *LogConfig) Check() error {
	if _, err := c.level(); err != nil {
		return err
	}
	if c.Format != "text" && c.Format != "json" && c.Format != "" {
		return fmt.Errorf("-log-format %q: want text or json", c.Format)
	}
	return nil
}

func (c *LogConfig) level() (slog.Level, error) {
	var l slog.Level
	if c.Level == "" {
		return slog.LevelInfo, nil
	}
	if err := l.UnmarshalText([]byte(c.Level)); err != nil {
		return 0, fmt.Errorf("-log-level %q: want debug, info, warn or error", c.Level)
	}
	return l, nil
}

// New returns the logger c asks for, writing to w (a zero LogConfig: text
// at info). Durations are written as Go writes them, "1.5s" or "340ms", in
// both formats: slog's JSON handler would write them as integer
// nanoseconds.
func (c *LogConfig) New(w io.Writer) *slog.Logger {
	l, _ := c.level()
	o := &slog.HandlerOptions{Level: l}
	if c.Format == "json" {
		o.ReplaceAttr = durationText
		return slog.New(slog.NewJSONHandler(w, o))
	}
	return slog.New(slog.NewTextHandler(w, o))
}

// durationText writes a duration attribute as text (a ReplaceAttr).
func durationText(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() == slog.KindDuration {
		a.Value = slog.StringValue(a.Value.Duration().String())
	}
	return a
}

// LineWriter returns a writer that logs each line written to it as a
// record of its own at info level, the line its message, with args as its
// attributes: for output made of lines, such as package progress's lines
// off a terminal. A line is logged once it is whole.
func LineWriter(lg *slog.Logger, args ...any) io.Writer {
	return &lineWriter{lg: lg.With(args...)}
}

type lineWriter struct {
	lg  *slog.Logger
	mu  sync.Mutex
	buf []byte
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			break
		}
		if line := bytes.TrimRight(w.buf[:i], "\r"); len(line) > 0 {
			w.lg.Log(context.Background(), slog.LevelInfo, string(line))
		}
		w.buf = w.buf[i+1:]
	}
	return len(p), nil
}
