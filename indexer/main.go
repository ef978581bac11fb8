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
//
// This file wires the program up: signals, the command line into a config
// (config.go), the job, its report and the exit code. The jobs live in
// build.go, reindex.go, update.go (and apply.go), rollback.go and
// inspect.go; what reindex and update share about a new version in
// versions.go.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// A bulk build allocates at a high rate; collecting less often saves
		// about a sixth of its CPU for some hundreds of MB (docs/benchmarks.md).
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// GOGC=400 alone lets the heap grow to five times what is live: on
		// 1M questions of real sentences the build peaked at 17.6 GB. Past
		// the soft limit the collector runs as often as it must instead
		// (decision 137).
		debug.SetMemoryLimit(memoryLimit())
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// minMemoryLimit is the least soft memory limit the indexer sets itself.
// On 100k questions of real sentences 2 GiB cut the peak from 4.1 GB to
// 2.3 GB for a tenth more CPU (1 GiB: 1.2 GB for a quarter more).
const minMemoryLimit = 2 << 30

// memoryLimit returns the indexer's soft memory limit when GOMEMLIMIT sets
// none: a quarter of the machine's memory, and at least minMemoryLimit. A
// build of 1M real-sentence questions has more than 2 GiB live at times, and
// under a limit below what is live the collector runs without pause (that
// build took twice as long at 2 GiB, peaking at 4.0 GB instead of 17.6).
func memoryLimit() int64 {
	total := physicalMemory()
	return max(minMemoryLimit, total/4)
}

// physicalMemory returns MemTotal of /proc/meminfo in bytes, or 0 where
// there is none.
func physicalMemory() int64 {
	raw, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(raw)) {
		if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// run runs the command line args and returns the exit code: 0, 1 when the
// job failed, 2 for bad usage. Reports go to stdout; the log, progress and
// errors to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return runJob(ctx, args[0], args[1:], stdout, stderr)
	}
	cfg, code, ok := parseFlags(args, stdout, stderr)
	if !ok {
		return code
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
	cfg, code, ok := parseJobFlags(job, args, stdout, stderr)
	if !ok {
		return code
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
