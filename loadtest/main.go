// Command loadtest runs a bounded mix of realistic requests against a
// searchd on loopback, from several concurrent clients, and reports
// throughput, latency percentiles (p50, p90, p99, max) per kind of request
// and overall, and errors: non-2xx answers and transport failures apart.
//
//	loadtest -url http://127.0.0.1:8080 -clients 4 -duration 5m
//
// The mix (words, two words, phrases, filters, facets, paging, typos,
// prefixes, typeahead, experiences, clusters, web pages) is drawn from the
// index's own vocabulary, read through the API first, or from a query file
// (-queries). It exits 1 when there are more errors than -max-errors.
// `make loadtest` builds an index, starts searchd and runs it.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := mainCode(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
