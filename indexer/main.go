// Command indexer builds a search index from documents: JSON Lines files of
// experiences, as the crawler writes them.
//
//	indexer -docs docs.jsonl -index data/idx
//
// It reads every line, normalises and checks each experience, indexes it
// with one document per question, and reports how many documents it read,
// indexed and rejected. A malformed line is reported with its line number
// and skipped; it never stops the build. The index is built in a new folder
// beside the target and renamed into place only when complete, so a failed
// or interrupted build never leaves a half index where searchd looks.
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
	"syscall"
)

const usage = `usage: indexer -docs FILE.jsonl [-docs FILE.jsonl ...] -index DIR [flags]

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

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
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
