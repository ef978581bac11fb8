// Command crawler fetches interview-experience posts from the web, starting
// from seed pages, and writes them as JSON Lines, one index.Experience a
// line, for the indexer to read.
//
// Usage:
//
//	crawler -seed URL [-seed URL ...] -out FILE.jsonl [-crawl-dir DIR] [-max-pages N] [-delay D] [-allow-host HOST]
//	crawler COMMAND [flags]   (crawler help lists the commands)
//
// "crawler -h" prints the flags, their defaults and what the crawler does
// (the usage constant in config.go). Fetching lives in package
// askedat/crawler/fetch, extraction in askedat/crawler/extract; this
// command holds the crawl loop between them.
//
// This file wires the program up: signals, the subcommand, the exit code.
// Each command parses its flags into its config and runs: crawl in
// config.go and run.go, import in import.go, extract in extractcmd.go.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// A command is one of the crawler's subcommands. Each lives in a file of its
// own; run is given the arguments after the command's name, and returns the
// exit code (0 done, 1 failed, 2 bad usage).
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

// commands lists the subcommands; "crawl" is the default, so
// "crawler -seed URL -out FILE" crawls.
var commands = []command{
	{"crawl", "fetch pages from seed URLs and write their experiences (the default)", runCrawl},
	{"import", "turn dataset exports (Glassdoor tables, LeetCode lists, CSV/JSON with a mapping) into experiences", runImport},
	{"extract", "make the documents again from a crawl's WARC archive, with no network", runExtract},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := dispatch(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// dispatch runs the subcommand named by args[0], or crawl when args[0] is a
// flag (or there are no arguments), and returns its exit code.
func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if len(args) == 1 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
			printCommands(stderr)
		}
		return runCrawl(ctx, args, stdout, stderr)
	}
	if args[0] == "help" {
		printCommands(stdout)
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "crawler: unknown command %q\n", args[0])
	printCommands(stderr)
	return 2
}

func printCommands(w io.Writer) {
	fmt.Fprintln(w, "crawler commands (crawler COMMAND -h for each one's flags):")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
}
