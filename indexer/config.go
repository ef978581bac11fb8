package main

import (
	"errors"
	"flag"
	"fmt"
	"github.com/askedat/askedat"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/cli"
)

const usage = `usage: indexer -docs FILE.jsonl [-docs FILE.jsonl ...] -index DIR [flags]
       indexer COMMAND [flags]   (reindex, update, rollback, versions, verify: see below)
       indexer -version

Builds a bleve index in DIR from JSON Lines documents (one experience a line).
DIR must not exist unless -force is given; the new index replaces it only once
it is complete. The log and the progress go to stderr (-log-format,
-log-level), the report to stdout.

-index DIR is one index folder; the commands' -data DIR is a data directory
of index versions with a current pointer, the one searchd -data serves (not
the crawler's -crawl-dir).

Flags:
`

// jobs are the subcommands that work on a data directory.
var jobs = []struct {
	name, args, summary string
}{
	{"reindex", "-docs FILE.jsonl [-docs FILE.jsonl ...] -data DIR [-keep N] [-min-ratio F] [-max-rejected F] [-force] [-report FILE]", "build a complete new version from the documents, verify it, switch current to it"},
	{"update", "-docs FILE.jsonl [-docs ...] -data DIR [-batch N] [-keep N] [-min-ratio F] [-force] [-step-timeout D] [-report FILE]", "apply changed and deleted experiences to the current version, in batches, as a new version"},
	{"rollback", "-data DIR", "switch current back to the version it replaced"},
	{"versions", "-data DIR", "list the versions kept, newest first; * marks current, and a damaged version says which file is damaged"},
	{"verify", "-data DIR [-version ID | -all]", "check the current version (or ID, or every version) against its manifest: each file's size and SHA-256; exit status 1 when one is damaged"},
}

func printJobs(w io.Writer) {
	fmt.Fprintln(w, "indexer commands (indexer COMMAND -h for each one's flags):")
	for _, j := range jobs {
		fmt.Fprintf(w, "  %-8s %s\n", j.name, j.summary)
	}
}

// logLevels says what each -log-level logs.
const logLevels = "debug, info (each step of a job, and progress off a terminal), warn, error"

// Config says what to build.
type Config struct {
	Docs      []string // JSON Lines files
	IndexDir  string
	Force     bool // replace an existing index
	BatchSize int
	MaxLine   int    // longest input line read, in bytes (0 for askedat.DefaultMaxLineBytes)
	Report    string // where to write the report as JSON ("" for none)
	Progress  *bool  // force the bar on or off; nil decides from the terminal
	Log       cli.LogConfig

	CPUProfile string // write a CPU profile here ("" for none)
	Metrics    string // write the build's metrics here ("" for none)
	Tables     dictionaryFiles
}

type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// Flags binds c to the flags of fs.
func (c *Config) Flags(fs *flag.FlagSet) {
	fs.Var((*stringList)(&c.Docs), "docs", "JSON Lines `file` of experiences (repeatable; - for standard input)")
	fs.StringVar(&c.IndexDir, "index", "", "index `folder` to build")
	fs.BoolVar(&c.Force, "force", false, "replace the index folder if it exists")
	fs.IntVar(&c.BatchSize, "batch", index.DefaultBatchSize, "documents per batch written to the index")
	fs.IntVar(&c.MaxLine, "max-line", askedat.DefaultMaxLineBytes, maxLineUsage)
	fs.StringVar(&c.Report, "report", "", "write the build report as JSON to `file`")
	fs.StringVar(&c.CPUProfile, "cpuprofile", "", "write a CPU profile of the build to `file` (go tool pprof)")
	fs.StringVar(&c.Metrics, "metrics", "", metricsUsage)
	c.Tables.Flags(fs)
	c.Log.Flags(fs, logLevels)
}

// Check reports what is missing or wrong in c.
func (c *Config) Check() error {
	if len(c.Docs) == 0 {
		return errors.New("no documents: give -docs FILE.jsonl")
	}
	if c.IndexDir == "" {
		return errors.New("no index folder: give -index DIR")
	}
	if c.BatchSize < 1 {
		return fmt.Errorf("-batch %d: want 1 or more", c.BatchSize)
	}
	if err := checkMaxLine(c.MaxLine); err != nil {
		return err
	}
	if _, err := c.Tables.load(); err != nil {
		return err
	}
	return c.Log.Check()
}

const maxLineUsage = "refuse input lines longer than this many `bytes` (each is a rejected line; reading goes on)"

// maxMaxLine bounds -max-line: indexing a line takes many times its size in
// memory, and 32 MiB was the old fixed limit that let ten lines exhaust the
// machine (decision 109).
const maxMaxLine = 32 << 20

// checkMaxLine reports what is wrong with a -max-line; 0 means the default.
func checkMaxLine(n int) error {
	if n < 0 || n > maxMaxLine {
		return fmt.Errorf("-max-line %d: want 1 to %d bytes", n, maxMaxLine)
	}
	return nil
}

// JobConfig says what a job on a data directory does: reindex, update,
// rollback, versions, verify.
type JobConfig struct {
	Docs      []string // JSON Lines files
	Data      string   // the data directory
	Keep      int      // old versions kept for rollback
	BatchSize int
	MaxLine   int    // longest input line read, in bytes (0 for askedat.DefaultMaxLineBytes)
	Report    string // also write the job report here ("" for only DIR/reports)
	Smoke     int    // smoke queries checked before switching
	Progress  *bool  // force the bar on or off; nil decides from the terminal
	Metrics   string // write the job's metrics here ("" for none)
	Log       cli.LogConfig
	// StepTimeout bounds each bleve step of an update (bounded).
	StepTimeout time.Duration
	// Version and All say what verify checks: one version, or every one
	// (neither: current).
	Version string
	All     bool

	// The new version is not switched in when it holds fewer than
	// MinRatio of current's experiences, or (reindex) when more than
	// MaxRejected of the lines read were rejected, unless Force is set.
	// A version with no experience is never switched in.
	MinRatio    float64
	MaxRejected float64
	Force       bool

	Publish publishConfig   // -publish: the NATS server the current version goes to (publish.go)
	Tables  dictionaryFiles // reindex only
}

const metricsUsage = "write the job's counters to this `file` in the Prometheus text format (node_exporter's textfile collector), every 10s and at the end"

// Defaults of JobConfig.
const (
	DefaultKeep        = 2
	DefaultSmoke       = 20
	DefaultUpdateBatch = 500
	DefaultMinRatio    = 0.5
	DefaultMaxRejected = 0.1
)

// Flags binds c to the flags of fs that job takes.
func (c *JobConfig) Flags(fs *flag.FlagSet, job string) {
	fs.StringVar(&c.Data, "data", "", "data `directory` of index versions and the current pointer (what searchd -data serves)")
	if job == "versions" {
		return
	}
	if job == "verify" {
		fs.StringVar(&c.Version, "version", "", "check this version `id` (default: the current one)")
		fs.BoolVar(&c.All, "all", false, "check every version kept")
		return
	}
	fs.StringVar(&c.Metrics, "metrics", "", metricsUsage)
	c.Log.Flags(fs, logLevels)
	c.Publish.Flags(fs, job)
	if job == "rollback" {
		return
	}
	fs.Var((*stringList)(&c.Docs), "docs", "JSON Lines `file` of experiences (repeatable)")
	fs.IntVar(&c.Keep, "keep", DefaultKeep, "old versions to keep for rollback; older ones are removed")
	fs.StringVar(&c.Report, "report", "", "also write the job report as JSON to `file` (it is always written to DIR/reports/)")
	fs.IntVar(&c.Smoke, "smoke", DefaultSmoke, "smoke queries, drawn from the documents read, that must find their documents before the switch")
	fs.IntVar(&c.MaxLine, "max-line", askedat.DefaultMaxLineBytes, maxLineUsage)
	fs.Float64Var(&c.MinRatio, "min-ratio", DefaultMinRatio, "refuse to switch to a new version holding fewer than this `fraction` of current's experiences (0 to 1)")
	if job == "update" {
		fs.BoolVar(&c.Force, "force", false, "switch to the new version even when -min-ratio refuses it (never to one with no experience)")
		fs.IntVar(&c.BatchSize, "batch", DefaultUpdateBatch, "experiences per batch; each batch is on disk before it is reported done")
		fs.DurationVar(&c.StepTimeout, "step-timeout", DefaultStepTimeout, "fail the update when one index step (open, merge, copy) takes longer than this")
	} else {
		c.Tables.Flags(fs)
		fs.BoolVar(&c.Force, "force", false, "switch to the new version even when -min-ratio or -max-rejected refuses it (never to one with no experience)")
		fs.Float64Var(&c.MaxRejected, "max-rejected", DefaultMaxRejected, "refuse to switch when more than this `fraction` of the lines read were rejected (0 to 1)")
		fs.IntVar(&c.BatchSize, "batch", index.DefaultBatchSize, "documents per batch written to the index")
	}
}

// Check reports what is missing or wrong in c for job.
func (c *JobConfig) Check(job string) error {
	if c.Data == "" {
		return errors.New("no data directory: give -data DIR")
	}
	if job == "verify" && c.All && c.Version != "" {
		return errors.New("give -version ID or -all, not both")
	}
	if err := c.Log.Check(); err != nil {
		return err
	}
	if job == "rollback" || job == "versions" || job == "verify" {
		return nil
	}
	if len(c.Docs) == 0 {
		return errors.New("no documents: give -docs FILE.jsonl")
	}
	if c.BatchSize < 1 {
		return fmt.Errorf("-batch %d: want 1 or more", c.BatchSize)
	}
	if err := checkMaxLine(c.MaxLine); err != nil {
		return err
	}
	if c.Keep < 0 {
		return fmt.Errorf("-keep %d: want 0 or more", c.Keep)
	}
	if c.StepTimeout < 0 {
		return fmt.Errorf("-step-timeout %v is negative", c.StepTimeout)
	}
	if c.Smoke < 0 {
		return fmt.Errorf("-smoke %d: want 0 or more", c.Smoke)
	}
	if !(c.MinRatio >= 0 && c.MinRatio <= 1) {
		return fmt.Errorf("-min-ratio %g: want a fraction from 0 to 1", c.MinRatio)
	}
	if !(c.MaxRejected >= 0 && c.MaxRejected <= 1) {
		return fmt.Errorf("-max-rejected %g: want a fraction from 0 to 1", c.MaxRejected)
	}
	_, err := c.Tables.load()
	return err
}

// parseFlags parses the command line of a build into a Config; when it
// reports false, the program exits with code, having printed what to
// print (cli.Parse).
func parseFlags(args []string, stdout, stderr io.Writer) (Config, int, bool) {
	fs := flag.NewFlagSet("indexer", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
		fmt.Fprintln(fs.Output())
		printJobs(fs.Output())
	}
	var cfg Config
	cfg.Flags(fs)
	err := cli.ParseChecked(fs, args, stdout, cfg.Check)
	return cfg, cli.ExitCode(err), err == nil
}

// parseJobFlags parses the command line of the subcommand job into a
// JobConfig, as parseFlags does for a build.
func parseJobFlags(job string, args []string, stdout, stderr io.Writer) (JobConfig, int, bool) {
	var cfg JobConfig
	i := slices.IndexFunc(jobs, func(j struct{ name, args, summary string }) bool { return j.name == job })
	if i < 0 {
		fmt.Fprintf(stderr, "indexer: unknown command %q\n", job)
		printJobs(stderr)
		return cfg, 2, false
	}
	fs := flag.NewFlagSet("indexer "+job, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: indexer %s %s\n\n%s.\n\nFlags:\n", job, jobs[i].args, jobs[i].summary)
		fs.PrintDefaults()
	}
	cfg.Flags(fs, job)
	err := cli.ParseChecked(fs, args, stdout, func() error { return cfg.Check(job) })
	return cfg, cli.ExitCode(err), err == nil
}
