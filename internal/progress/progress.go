// Package progress shows how far a long job has got: a bar when the output
// is a terminal, and a log line every few seconds otherwise (CI logs, files).
package progress

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"
)

// A Meter counts work done out of a total (bytes, pages, documents). It is
// safe for concurrent use.
type Meter struct {
	mu       sync.Mutex
	bar      *progressbar.ProgressBar
	w        io.Writer
	what     string
	unit     string
	total    int64
	done     int64
	every    time.Duration
	last     time.Time
	start    time.Time
	detail   func() string
	finished bool
}

// Options configure a Meter.
type Options struct {
	// Out is where progress goes (os.Stderr if nil).
	Out io.Writer
	// Total is the amount of work, or -1 when unknown.
	Total int64
	// Unit names what is counted ("bytes" shows sizes).
	Unit string
	// Every is the interval between log lines when Out is not a terminal
	// (5s if 0).
	Every time.Duration
	// Detail, if set, adds a short status to each log line (for example
	// "1,234 indexed, 2 rejected").
	Detail func() string
	// Bar forces the bar on (true) or off (false); nil decides from Out.
	Bar *bool
}

// New returns a Meter for the job described by what.
func New(what string, o Options) *Meter {
	if o.Out == nil {
		o.Out = os.Stderr
	}
	if o.Every == 0 {
		o.Every = 5 * time.Second
	}
	m := &Meter{w: o.Out, what: what, unit: o.Unit, total: o.Total, every: o.Every, detail: o.Detail, start: time.Now()}
	m.last = m.start
	useBar := isTerminal(o.Out)
	if o.Bar != nil {
		useBar = *o.Bar
	}
	if useBar {
		opts := []progressbar.Option{
			progressbar.OptionSetWriter(o.Out),
			progressbar.OptionSetDescription(what),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100 * time.Millisecond),
			progressbar.OptionFullWidth(),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(o.Out) }),
		}
		if o.Unit == "bytes" {
			opts = append(opts, progressbar.OptionShowBytes(true))
		} else if o.Unit != "" {
			opts = append(opts, progressbar.OptionSetItsString(o.Unit), progressbar.OptionShowIts())
		}
		m.bar = progressbar.NewOptions64(o.Total, opts...)
	}
	return m
}

// IsTerminal reports whether w is a terminal, where New draws a bar.
func IsTerminal(w io.Writer) bool { return isTerminal(w) }

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// Add records n more units of work done.
func (m *Meter) Add(n int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.done += n
	if m.bar != nil {
		m.bar.Add64(n)
		return
	}
	if now := time.Now(); now.Sub(m.last) >= m.every {
		m.last = now
		m.logLine(now)
	}
}

// SetTotal changes the amount of work, for jobs that learn it as they go
// (a crawl's frontier grows as pages are read).
func (m *Meter) SetTotal(n int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.total = n
	if m.bar != nil {
		m.bar.ChangeMax64(n)
	}
}

// Tick refreshes the bar's description with Options.Detail, or writes a
// log line when one is due, even though no work was added: a job waiting
// (on a server's delay, say) still shows it is alive.
func (m *Meter) Tick() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.finished {
		return
	}
	if m.bar != nil {
		if m.detail != nil {
			m.bar.Describe(m.what + " (" + m.detail() + ")")
		}
		return
	}
	if now := time.Now(); now.Sub(m.last) >= m.every {
		m.last = now
		m.logLine(now)
	}
}

// Done returns the work done so far.
func (m *Meter) Done() int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.done
}

// Write counts len(p) bytes, so a Meter can sit in an io.TeeReader.
func (m *Meter) Write(p []byte) (int, error) {
	m.Add(int64(len(p)))
	return len(p), nil
}

// Finish ends the bar, or writes a last log line.
func (m *Meter) Finish() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.finished {
		return
	}
	m.finished = true
	if m.bar != nil {
		m.bar.Finish()
		return
	}
	m.logLine(time.Now())
}

func (m *Meter) logLine(now time.Time) {
	elapsed := now.Sub(m.start).Round(100 * time.Millisecond)
	line := fmt.Sprintf("%s: %s", m.what, m.amount(m.done))
	if m.total > 0 {
		line += fmt.Sprintf(" of %s (%.0f%%)", m.amount(m.total), 100*float64(m.done)/float64(m.total))
	}
	line += fmt.Sprintf(", %s elapsed", elapsed)
	if m.detail != nil {
		line += ", " + m.detail()
	}
	fmt.Fprintln(m.w, line)
}

func (m *Meter) amount(n int64) string {
	if m.unit == "bytes" {
		switch {
		case n >= 1<<30:
			return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
		case n >= 1<<20:
			return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
		case n >= 1<<10:
			return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
		}
		return fmt.Sprintf("%d B", n)
	}
	if m.unit != "" {
		return fmt.Sprintf("%d %s", n, m.unit)
	}
	return fmt.Sprint(n)
}
