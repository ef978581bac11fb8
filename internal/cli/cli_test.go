package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"
	"testing"
	"time"
)

const testUsage = "usage: prog [-n N]\n\nA long description\nof many lines.\n\nFlags:\n"

func newFlagSet(name string, stderr *bytes.Buffer) (*flag.FlagSet, *int) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(fs.Output(), testUsage); fs.PrintDefaults() }
	return fs, fs.Int("n", 1, "how many")
}

func TestParse(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantErr    error // nil, flag.ErrHelp, ErrVersion, or a *UsageError (any)
		wantCode   int
		wantStderr string // exactly; "usage" for the full usage
		wantStdout string // a prefix
		wantN      int
	}{
		{name: "ok", args: []string{"-n", "3"}, wantN: 3},
		{name: "no flags", wantN: 1},
		{name: "a flag not defined", args: []string{"-bogus"}, wantErr: &UsageError{}, wantCode: 2,
			wantStderr: "prog: flag provided but not defined: -bogus; run 'prog -help' for usage\n", wantN: 1},
		{name: "a value that does not parse", args: []string{"-n", "many"}, wantErr: &UsageError{}, wantCode: 2,
			wantStderr: "prog: invalid value \"many\" for flag -n: parse error; run 'prog -help' for usage\n", wantN: 0},
		{name: "a flag without its value", args: []string{"-n"}, wantErr: &UsageError{}, wantCode: 2,
			wantStderr: "prog: flag needs an argument: -n; run 'prog -help' for usage\n", wantN: 1},
		{name: "-help", args: []string{"-help"}, wantErr: flag.ErrHelp, wantStderr: "usage", wantN: 1},
		{name: "-h", args: []string{"-h"}, wantErr: flag.ErrHelp, wantStderr: "usage", wantN: 1},
		{name: "-version", args: []string{"-version"}, wantErr: ErrVersion, wantStdout: "prog ", wantN: 1},
		{name: "-version after other flags", args: []string{"-n", "2", "-version"}, wantErr: ErrVersion, wantStdout: "prog ", wantN: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			fs, n := newFlagSet("prog", &stderr)
			err := Parse(fs, tt.args, &stdout)
			var ue *UsageError
			switch {
			case tt.wantErr == nil && err != nil,
				tt.wantErr != nil && errors.As(tt.wantErr, &ue) && !errors.As(err, &ue),
				tt.wantErr != nil && !errors.As(tt.wantErr, &ue) && !errors.Is(err, tt.wantErr):
				t.Fatalf("Parse(%q) = %v, want %v", tt.args, err, tt.wantErr)
			}
			if err != nil {
				if code := ExitCode(err); code != tt.wantCode {
					t.Errorf("ExitCode(%v) = %d, want %d", err, code, tt.wantCode)
				}
			}
			wantStderr := tt.wantStderr
			if wantStderr == "usage" {
				wantStderr = testUsage + "  -n int\n    \thow many (default 1)\n" +
					"  -version\n    \tprint the program's version, the commit it was built from and its Go version, and exit\n"
			}
			if got := stderr.String(); got != wantStderr {
				t.Errorf("Parse(%q) printed to stderr:\n%s\nwant:\n%s", tt.args, got, wantStderr)
			}
			if got := stdout.String(); !strings.HasPrefix(got, tt.wantStdout) || (tt.wantStdout == "") != (got == "") || strings.Count(got, "\n") > 1 {
				t.Errorf("Parse(%q) printed to stdout %q, want one line starting %q", tt.args, got, tt.wantStdout)
			}
			if *n != tt.wantN {
				t.Errorf("Parse(%q): -n is %d, want %d", tt.args, *n, tt.wantN)
			}
		})
	}
}

// TestParseKeepsAVersionFlag: a program whose own -version means something
// else (indexer verify -version ID) keeps it.
func TestParseKeepsAVersionFlag(t *testing.T) {
	var stdout, stderr bytes.Buffer
	fs := flag.NewFlagSet("indexer verify", flag.ContinueOnError)
	fs.SetOutput(&stderr)
	id := fs.String("version", "", "the version to check")
	if err := Parse(fs, []string{"-version", "v1"}, &stdout); err != nil || *id != "v1" || stdout.Len() > 0 {
		t.Errorf("Parse(-version v1) = %v, -version %q, stdout %q; want nil, v1, nothing", err, *id, stdout.String())
	}
}

// TestParseAgain: a command that takes flags and arguments in any order
// parses the rest again after each argument; -version is seen there too.
func TestParseAgain(t *testing.T) {
	var stdout, stderr bytes.Buffer
	fs, _ := newFlagSet("crawler import", &stderr)
	if err := Parse(fs, []string{"-n", "2", "a.csv", "-version"}, &stdout); err != nil || fs.Arg(0) != "a.csv" {
		t.Fatalf("Parse = %v, args %q", err, fs.Args())
	}
	if err := Parse(fs, fs.Args()[1:], &stdout); !errors.Is(err, ErrVersion) || !strings.HasPrefix(stdout.String(), "crawler import ") {
		t.Errorf("Parse(-version) again = %v, printed %q; want ErrVersion and the version", err, stdout.String())
	}
}

func TestBad(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{errors.New("no -seed given"), "crawler import: no -seed given; run 'crawler import -help' for usage\n"},
		{errors.Join(errors.New("no -seed given"), errors.New("no -out given")),
			"crawler import: no -seed given\ncrawler import: no -out given\ncrawler import: run 'crawler import -help' for usage\n"},
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		fs := flag.NewFlagSet("crawler import", flag.ContinueOnError)
		fs.SetOutput(&stderr)
		err := Bad(fs, tt.err)
		var ue *UsageError
		if !errors.As(err, &ue) || !errors.Is(err, tt.err) || ExitCode(err) != 2 {
			t.Errorf("Bad(%v) = %v (exit code %d), want a *UsageError wrapping it, exit code 2", tt.err, err, ExitCode(err))
		}
		if got := stderr.String(); got != tt.want {
			t.Errorf("Bad(%v) printed %q, want %q", tt.err, got, tt.want)
		}
	}
}

func TestLogConfig(t *testing.T) {
	for _, tt := range []struct {
		c       LogConfig
		wantErr string
	}{
		{LogConfig{}, ""},
		{LogConfig{Format: "text", Level: "debug"}, ""},
		{LogConfig{Format: "json", Level: "WARN"}, ""},
		{LogConfig{Format: "xml", Level: "info"}, `-log-format "xml": want text or json`},
		{LogConfig{Format: "text", Level: "loud"}, `-log-level "loud": want debug, info, warn or error`},
	} {
		err := tt.c.Check()
		if (err == nil) != (tt.wantErr == "") || err != nil && err.Error() != tt.wantErr {
			t.Errorf("%+v.Check() = %v, want %q", tt.c, err, tt.wantErr)
		}
	}
}

func TestLogDurations(t *testing.T) {
	var buf bytes.Buffer
	c := LogConfig{Format: "json", Level: "info"}
	c.New(&buf).Info("index loaded", "took", 1500*time.Millisecond, "n", 3)
	var rec map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatal(err)
	}
	if rec["took"] != "1.5s" || rec["n"] != 3.0 {
		t.Errorf("JSON record %s: want took \"1.5s\" and n 3", buf.String())
	}
	buf.Reset()
	c = LogConfig{Format: "text", Level: "info"}
	c.New(&buf).Info("index loaded", "took", 1500*time.Millisecond)
	if !strings.Contains(buf.String(), " took=1.5s") {
		t.Errorf("text record %q: want took=1.5s", buf.String())
	}
	buf.Reset()
	c = LogConfig{Format: "text", Level: "warn"}
	c.New(&buf).Info("not shown")
	if buf.Len() > 0 {
		t.Errorf("at -log-level warn an info record was written: %q", buf.String())
	}
}

func TestLineWriter(t *testing.T) {
	var buf bytes.Buffer
	c := LogConfig{Format: "json"}
	w := LineWriter(c.New(&buf), "job", "crawl")
	fmt.Fprint(w, "crawl: 1 page")
	fmt.Fprint(w, "s of 3\n\ncrawl: 3 pages of 3\n")
	var msgs []string
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var rec struct{ Msg, Job, Level string }
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		if rec.Job != "crawl" || rec.Level != "INFO" {
			t.Errorf("record %q: want job crawl at INFO", line)
		}
		msgs = append(msgs, rec.Msg)
	}
	if got, want := strings.Join(msgs, "|"), "crawl: 1 pages of 3|crawl: 3 pages of 3"; got != want {
		t.Errorf("messages %q, want %q", got, want)
	}
}
