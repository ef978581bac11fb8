// Command searchd serves search over an index built by indexer: a JSON API
// and a web search box that works without JavaScript.
//
//	searchd -index data/idx -addr 127.0.0.1:8080
//
// Routes: GET /api/search, GET /api/experiences/{id}, GET /healthz,
// GET /readyz, GET / and GET /search (the web box), GET /experiences/{id}
// (a post page) and /static/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"askedat/index"
	"askedat/web"
)

const usage = `usage: searchd -index DIR [-addr HOST:PORT] [-cache-size N]

Serves the index in DIR over HTTP: the JSON API under /api/ and the web search
box at /.

Flags:
`

// Config holds searchd's settings.
type Config struct {
	IndexDir      string
	Addr          string
	SearchTimeout time.Duration
	CacheSize     int
}

// Flags binds c to the flags of fs, with their defaults.
func (c *Config) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.IndexDir, "index", "", "index `folder` built by indexer")
	fs.StringVar(&c.Addr, "addr", "127.0.0.1:8080", "`address` to listen on (host:port; port 0 picks a free one)")
	fs.DurationVar(&c.SearchTimeout, "search-timeout", 10*time.Second, "longest a search may run before it is answered with 503")
	fs.IntVar(&c.CacheSize, "cache-size", 4096, "number of search results kept for repeated searches (0 turns the cache off)")
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, nil))
}

// run starts searchd and blocks until ctx is done. When ready is not nil it
// receives the listening address once the server accepts connections.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, ready chan<- string) int {
	fs := flag.NewFlagSet("searchd", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	var cfg Config
	cfg.Flags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "searchd: unexpected argument %q (see searchd -h)\n", fs.Arg(0))
		return 2
	}
	if cfg.IndexDir == "" {
		fmt.Fprintln(stderr, "searchd: no index: give -index DIR (build one with indexer)")
		return 2
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	if err := serve(ctx, cfg, logger, stdout, ready); err != nil {
		fmt.Fprintf(stderr, "searchd: %v\n", err)
		return 1
	}
	return 0
}

func serve(ctx context.Context, cfg Config, logger *slog.Logger, stdout io.Writer, ready chan<- string) error {
	idx, err := index.OpenReadOnly(cfg.IndexDir)
	if err != nil {
		return err
	}
	defer idx.Close()
	warmStart := time.Now()
	if err := idx.Warm(ctx); err != nil {
		return err
	}
	logger.Info("index loaded", "index", cfg.IndexDir, "took", time.Since(warmStart).Round(time.Millisecond))
	ui, err := web.New()
	if err != nil {
		return err
	}
	cached, err := newCachedSearcher(idx, cfg.CacheSize)
	if err != nil {
		return err
	}
	s := &Server{Index: cached, UI: ui, Logger: logger, SearchTimeout: cfg.SearchTimeout}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      cfg.SearchTimeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	n, _ := idx.DocCount()
	fmt.Fprintf(stdout, "searchd: serving %s (%d documents) at http://%s/\n", cfg.IndexDir, n, ln.Addr())
	if ready != nil {
		ready <- ln.Addr().String()
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down: finishing requests in flight")
	shutCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}
