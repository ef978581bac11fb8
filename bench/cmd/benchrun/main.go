// Command benchrun is the benchmark harness of askedat: it builds an index of
// one corpus on one engine (askedat, lucene, postgres, sqlite, sphinx), runs the
// query mix against it, and writes the report that compares the engines.
// bench/run.sh drives it through every engine and corpus size.
//
//	benchrun build  -engine E -docs FILE.jsonl -dir DIR -out build-E.json
//	benchrun run    -engine E -dir DIR -queries queries.txt -label 100k -out run-E.json
//	benchrun report -out REPORT.md RESULTS-DIR...
//	benchrun vocab  -docs FILE.jsonl [-queries queries.txt]
//	benchrun convert -in FLAT.jsonl -out CORPUS.jsonl
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `usage: benchrun COMMAND [flags]

Commands:
  build    build one engine's index of a corpus; writes its build time, size and memory
  run      run the query mix against one engine's index; writes latencies, throughput, answers
  report   write the Markdown report and latency charts from result folders
  vocab    show how skewed a corpus's vocabulary is, and how common the mix's words are
  convert  turn a flat corpus of questions (gen_corpus.py's) into the corpus the engines build from

Engines: askedat, lucene, postgres, sqlite, sphinx. "benchrun COMMAND -h" lists a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := mainCode(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// mainCode runs the command line args and returns the exit code: 0, 1 for a
// failure, 2 for bad usage.
func mainCode(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	commands := map[string]func(context.Context, []string, io.Writer, io.Writer) error{
		"build": cmdBuild, "run": cmdRun, "report": cmdReport, "vocab": cmdVocab, "convert": cmdConvert,
	}
	cmd, ok := commands[args[0]]
	if !ok {
		if args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
			fmt.Fprint(stdout, usage)
			return 0
		}
		fmt.Fprintf(stderr, "benchrun: unknown command %q\n%s", args[0], usage)
		return 2
	}
	err := cmd(ctx, args[1:], stdout, stderr)
	var uerr usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &uerr):
		fmt.Fprintf(stderr, "benchrun %s: %v\n", args[0], err)
		return 2
	default:
		fmt.Fprintf(stderr, "benchrun %s: %v\n", args[0], err)
		return 1
	}
}

// A usageError is a mistake on the command line.
type usageError struct{ error }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }
