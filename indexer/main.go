// Command indexer builds search indexes from documents: JSON Lines files of
// experiences, as the crawler writes them.
//
//	indexer reindex  -docs docs.jsonl -data data/index   a new version of the index, switched in
//	indexer update   -docs changes.jsonl -data data/index  changed and deleted experiences, in batches
//	indexer rollback -data data/index                     back to the version before current
//	indexer versions -data data/index                     the versions kept, damaged ones marked
//	indexer verify   -data data/index [-version ID | -all]  check versions against their manifests
//	indexer -docs docs.jsonl -index data/idx              one index folder, no versions
//
// A data directory (-data) holds versions of the index and a current
// pointer that searchd -data follows (package askedat/internal/datadir has
// the layout). Every job builds a new version beside the current one,
// verifies it (document counts, smoke queries drawn from the documents read,
// the mapping version), refuses it when it is empty, much smaller than
// current (-min-ratio) or made from input with many rejected lines
// (-max-rejected; -force overrides both), and only then switches the
// pointer, atomically; old versions are kept for rollback (-keep). An
// interrupted job leaves the current version as it was; the next job
// removes what it left, or, for an update of the same input, goes on from
// its last batch on disk (or starts anew when that cannot be taken up).
// update first verifies the current version against its manifest and stops
// at once on a damaged one, naming the file; versions and verify report
// damaged versions.
//
// It reads every line, normalises and checks each experience, indexes it
// with one document per question, and reports how many documents it read,
// indexed and rejected. A malformed line is reported with its line number
// and skipped; it never stops the build. Without a data directory (-index)
// the index is built in a new folder beside the target and renamed into
// place only when complete.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
)

const usage = `usage: indexer -docs FILE.jsonl [-docs FILE.jsonl ...] -index DIR [flags]
       indexer COMMAND [flags]   (reindex, update, rollback, versions, verify: see below)

Builds a bleve index in DIR from JSON Lines documents (one experience a line).
DIR must not exist unless -force is given; the new index replaces it only once
it is complete.

Flags:
`

func main() {
	if os.Getenv("GOGC") == "" {
		// A bulk build allocates at a high rate; collecting less often saves
		// about a sixth of its CPU for some hundreds of MB (docs/benchmarks.md).
		debug.SetGCPercent(400)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

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

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return runJob(ctx, args[0], args[1:], stdout, stderr)
	}
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "indexer: %v\n", err)
		return 2
	}
	if cfg.CPUProfile != "" {
		stopProfile, err := startCPUProfile(cfg.CPUProfile)
		if err != nil {
			fmt.Fprintf(stderr, "indexer: %v\n", err)
			return 1
		}
		defer stopProfile()
	}
	rep, err := Build(ctx, cfg, stderr)
	if rep != nil {
		rep.Print(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "indexer: %v\n", err)
		return 1
	}
	return 0
}

// runJob runs the subcommand job with its arguments.
func runJob(ctx context.Context, job string, args []string, stdout, stderr io.Writer) int {
	i := slices.IndexFunc(jobs, func(j struct{ name, args, summary string }) bool { return j.name == job })
	if i < 0 {
		fmt.Fprintf(stderr, "indexer: unknown command %q\n", job)
		printJobs(stderr)
		return 2
	}
	fs := flag.NewFlagSet("indexer "+job, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: indexer %s %s\n\n%s.\n\nFlags:\n", job, jobs[i].args, jobs[i].summary)
		fs.PrintDefaults()
	}
	var cfg JobConfig
	cfg.Flags(fs, job)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "indexer %s: unexpected argument %q (see indexer %s -h)\n", job, fs.Arg(0), job)
		return 2
	}
	if err := cfg.Check(job); err != nil {
		fmt.Fprintf(stderr, "indexer %s: %v\n", job, err)
		return 2
	}
	var err error
	switch job {
	case "reindex":
		var rep *JobReport
		rep, err = Reindex(ctx, cfg, stderr)
		rep.Print(stdout)
	case "update":
		var rep *UpdateReport
		rep, err = Update(ctx, cfg, stderr)
		rep.Print(stdout)
	case "rollback":
		var rep *RollbackReport
		rep, err = Rollback(ctx, cfg, stderr)
		rep.Print(stdout)
	case "versions":
		err = listVersions(cfg, stdout)
	case "verify":
		err = verifyVersions(cfg, stdout)
	}
	if err == nil {
		err = cfg.Publish.run(ctx, cfg.Data, stderr)
	}
	if err != nil {
		fmt.Fprintf(stderr, "indexer %s: %v\n", job, err)
		return 1
	}
	return 0
}

func printJobs(w io.Writer) {
	fmt.Fprintln(w, "indexer commands (indexer COMMAND -h for each one's flags):")
	for _, j := range jobs {
		fmt.Fprintf(w, "  %-8s %s\n", j.name, j.summary)
	}
}

// startCPUProfile writes a CPU profile to path until the returned function
// is called.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

func parseFlags(args []string, stderr io.Writer) (Config, error) {
	fs := flag.NewFlagSet("indexer", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
		fmt.Fprintln(stderr)
		printJobs(stderr)
	}
	var cfg Config
	cfg.Flags(fs)
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q (see indexer -h)", fs.Arg(0))
	}
	return cfg, cfg.Check()
}
