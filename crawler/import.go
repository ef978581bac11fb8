package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/askedat/askedat/crawler/dataset"
	"github.com/askedat/askedat/internal/cli"
	"github.com/askedat/askedat/internal/progress"
)

const importUsage = `usage: crawler import (-format NAME | -mapping FILE) FILE|FOLDER [FILE|FOLDER ...] -out FILE.jsonl [flags]

Import turns structured exports (CSV, a JSON array of objects, JSON Lines)
into experiences, one a line (JSON Lines) in -out, as a mapping says: which
column feeds which field, how a cell holding several questions is cut, how
rows group into experiences. A folder is read with all its files that the
mapping matches (at any depth, in name order).

Built-in formats (-format):
  glassdoor  Glassdoor review tables: one row a review, one experience a row
             (datasets/glassdoor_interviews_dsnohwar/*.csv)
  leetcode   LeetCode company-wise problem lists: the folder of company
             folders (or the combined CSV); one experience per company
             (datasets/leetcode_company_wise_liquidslr/)
A file of the same kind shaped differently imports with -mapping FILE (a
JSON mapping; docs/datasets.md shows how to write one).

Questions without a category get one inferred from their text. Rows that
cannot be imported (a required field missing, a date that does not parse,
a duplicate, a malformed record) are listed with their file, row number and
reason; rows imported with something missing (a review without questions)
are listed as warnings. Every row read is either imported or rejected.

The output is written to a temporary file beside it (FILE.jsonl.*.tmp, one
per process) and renamed to FILE.jsonl when the import is complete; an
interrupt (Ctrl-C) stops it and leaves no output. A progress bar (or a log
record every 5 seconds, -log-format text or json) shows the bytes read; the
summary follows it on stderr. The exit code is 0 when the
import ran (even if it rejected rows), 1 when it could not (an input or the
mapping unreadable, a JSON array malformed), 2 for bad flags.

Flags:
  -format NAME     a built-in mapping: glassdoor or leetcode
  -mapping FILE    a mapping file of your own (instead of -format)
  -out FILE        the JSON Lines file to write (required)
  -report FILE     also write the report (counts, rejected rows, warnings)
                   as JSON
  -set NAME=VALUE  give a var or an experience field a constant value, over
                   the mapping (repeatable), e.g. -set company=Accenture
  -log-format F    text (key=value, the default) or json (one object a line)
  -log-level L     debug, info (the default), warn or error
  -version         print the version and build of crawler, and exit
`

// ImportConfig holds an import's settings.
type ImportConfig struct {
	// Format names a built-in mapping; Mapping is a mapping file. One of
	// the two is given.
	Format  string
	Mapping string
	// Inputs are the files and folders to read.
	Inputs []string
	// Out is the JSON Lines file to write; Report, when set, the JSON
	// report.
	Out    string
	Report string
	// Set gives vars and experience fields constant values.
	Set map[string]string
	// ProgressEvery is how often a progress line is logged when stderr is
	// not a terminal; 0 means 5s.
	ProgressEvery time.Duration
	// Log is the log's format and level.
	Log cli.LogConfig
}

// Flags registers the import flags on fs, bound to c.
func (c *ImportConfig) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.Format, "format", c.Format, "a built-in mapping: "+strings.Join(dataset.Formats(), " or "))
	fs.StringVar(&c.Mapping, "mapping", c.Mapping, "a mapping file of your own")
	fs.StringVar(&c.Out, "out", c.Out, "the JSON Lines file to write")
	fs.StringVar(&c.Report, "report", c.Report, "also write the report as JSON to this file")
	fs.Func("set", "give a var or experience field a constant value: NAME=VALUE (repeatable)", func(s string) error {
		name, value, ok := strings.Cut(s, "=")
		if !ok || strings.TrimSpace(name) == "" {
			return fmt.Errorf("want NAME=VALUE, have %q", s)
		}
		if c.Set == nil {
			c.Set = map[string]string{}
		}
		c.Set[strings.TrimSpace(name)] = value
		return nil
	})
	c.Log.Flags(fs, "debug, info, warn, error")
}

// Check reports what makes c unusable, or nil.
func (c *ImportConfig) Check() error {
	var errs []error
	switch {
	case c.Format == "" && c.Mapping == "":
		errs = append(errs, errors.New("no -format or -mapping given"))
	case c.Format != "" && c.Mapping != "":
		errs = append(errs, errors.New("give -format or -mapping, not both"))
	}
	if len(c.Inputs) == 0 {
		errs = append(errs, errors.New("no input FILE or FOLDER given"))
	}
	if c.Out == "" {
		errs = append(errs, errors.New("no -out given"))
	}
	if err := c.Log.Check(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// parseImportFlags parses the import command line. Flags and inputs may
// come in any order ("-format F FILE -out X"). When it returns an error it
// has printed what to print (cli.Parse).
func parseImportFlags(args []string, stdout, stderr io.Writer) (ImportConfig, error) {
	var cfg ImportConfig
	fs := flag.NewFlagSet("crawler import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(fs.Output(), importUsage) }
	cfg.Flags(fs)
	for {
		if err := cli.Parse(fs, args, stdout); err != nil {
			return ImportConfig{}, err
		}
		if fs.NArg() == 0 {
			break
		}
		cfg.Inputs = append(cfg.Inputs, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if err := cfg.Check(); err != nil {
		return ImportConfig{}, cli.Bad(fs, err)
	}
	return cfg, nil
}

// runImport is the import command.
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseImportFlags(args, stdout, stderr)
	if err != nil {
		return cli.ExitCode(err)
	}
	if err := importFiles(ctx, cfg, stderr); err != nil {
		fmt.Fprintf(stderr, "crawler import: %v\n", err)
		return 1
	}
	return 0
}

// importFiles runs the import cfg describes, writing cfg.Out (and
// cfg.Report), and the progress (a bar on a terminal, else log records)
// and the summary to stderr.
func importFiles(ctx context.Context, cfg ImportConfig, stderr io.Writer) error {
	var m *dataset.Mapping
	var err error
	if cfg.Mapping != "" {
		m, err = dataset.LoadMapping(cfg.Mapping)
	} else {
		m, err = dataset.Builtin(cfg.Format)
	}
	if err != nil {
		return err
	}
	out, err := createOutput(cfg.Out)
	if err != nil {
		return err
	}
	progressOut := stderr
	if !progress.IsTerminal(stderr) {
		progressOut = cli.LineWriter(cfg.Log.New(stderr))
	}
	rep, err := dataset.Import(ctx, m, cfg.Inputs, out, dataset.Options{Set: cfg.Set, Progress: progressOut, ProgressEvery: cfg.ProgressEvery})
	if rep != nil {
		rep.Summary(stderr, 20)
	}
	if err != nil {
		out.Abort()
		return err
	}
	if cfg.Report != "" {
		if err := writeReport(cfg.Report, rep); err != nil {
			out.Abort()
			return err
		}
	}
	return out.Commit()
}

// writeReport writes rep as indented JSON to file.
func writeReport(file string, rep *dataset.Report) error {
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(file, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}
