// Command searchd serves search over an index built by indexer: a JSON API
// and a web search box that works without JavaScript.
//
//	searchd -data data/index -addr 127.0.0.1:8080   the current version of a data directory, followed
//	searchd -index data/idx -addr 127.0.0.1:8080    one index folder
//	searchd -check-addr -addr 127.0.0.1:8080        whether the address can be listened on, then exit
//
// With -data it serves the version the data directory's current pointer
// names, and follows the pointer: when it changes (seen by watching the
// directory, by polling, or on SIGHUP) searchd opens the new version, checks
// it and warms it, then swaps it in for the requests that start after; the
// requests in flight finish on the old version, which is closed after the
// last of them. A version that fails its checks is refused and the old one
// goes on serving. When the version to serve is damaged (at the start, or
// the served one, found by a check of its files' sizes at each reload or by
// a memory fault while reading it), the newest intact version is served
// instead and /readyz says so. Every response names its version in
// X-Index-Version.
//
// Routes: GET /api/search, GET /api/suggest, GET /api/questions/{cluster},
// GET /api/experiences/{id}, GET /healthz, GET /readyz, GET / and
// GET /search (the web box), GET /experiences/{id} (a post page), /static/,
// GET /metrics (Prometheus), and POST /admin/reload when -admin-token-file
// is given.
//
// This file wires the program up: signals, flags into a Config (config.go),
// serve (serve.go), the exit code.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, nil))
}

// run starts searchd and blocks until ctx is done, and returns the exit
// code: 0, 1 when it could not serve, 2 for bad usage. When ready is not
// nil it receives the listening address once the server accepts
// connections.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, ready chan<- string) int {
	cfg, code, ok := parseArgs(args, stdout, stderr)
	if !ok {
		return code
	}
	var err error
	if cfg.CheckAddr {
		err = checkAddr(cfg.Addr, stdout)
	} else {
		err = serve(ctx, cfg, cfg.Log.New(stderr), stdout, ready)
	}
	if err != nil {
		fmt.Fprintf(stderr, "searchd: %v\n", err)
		return 1
	}
	return 0
}
