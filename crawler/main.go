// Command crawler fetches interview-experience posts from the web, starting
// from seed pages, and writes them as JSON Lines, one index.Experience a
// line, for the indexer to read.
//
// Usage:
//
//	crawler -seed URL [-seed URL ...] -out FILE.jsonl [-max-pages N] [-delay D] [-allow-host HOST]
//
// "crawler -h" prints the flags, their defaults and what the crawler does
// (the usage constant in config.go). Fetching lives in package
// askedat/crawler/fetch, extraction in askedat/crawler/extract; this
// command holds the crawl loop between them.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	log.SetFlags(log.LstdFlags)
	log.SetPrefix("crawler: ")
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	cfg, err := parseFlags(os.Args[1:], os.Stderr)
	if err != nil {
		stop()
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		os.Exit(2)
	}
	err = run(ctx, cfg)
	stop()
	if err != nil {
		log.Print(err)
		os.Exit(1)
	}
}

// parseFlags parses the command line into a Config. Errors are printed to
// stderr with a hint, and returned.
func parseFlags(args []string, stderr io.Writer) (Config, error) {
	var cfg Config
	fs := flag.NewFlagSet("crawler", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(fs.Output(), usage) }
	cfg.Flags(fs)
	if err := fs.Parse(args); err != nil {
		return Config{}, err
	}
	err := cfg.Check()
	if err == nil && fs.NArg() > 0 {
		err = fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if err != nil {
		fmt.Fprintf(stderr, "crawler: %v\nRun crawler -h for usage.\n", err)
		return Config{}, err
	}
	return cfg, nil
}
