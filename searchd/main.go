// Command searchd serves search over an index built by indexer: a JSON API
// and a web search box that works without JavaScript.
//
//	searchd -data data/index -addr 127.0.0.1:8080   the current version of a data directory, followed
//	searchd -index data/idx -addr 127.0.0.1:8080    one index folder
//
// With -data it serves the version the data directory's current pointer
// names, and follows the pointer: when it changes (seen by watching the
// directory, by polling, or on SIGHUP) searchd opens the new version, checks
// it and warms it, then swaps it in for the requests that start after; the
// requests in flight finish on the old version, which is closed after the
// last of them. A version that fails its checks is refused and the old one
// goes on serving. Every response names its version in X-Index-Version.
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
	"path/filepath"
	"syscall"
	"time"

	"askedat/index"
	"askedat/internal/datadir"
	"askedat/web"
)

const usage = `usage: searchd -data DIR [-addr HOST:PORT] [-cache-size N] [-poll D] [-watch=false]
       searchd -index DIR [-addr HOST:PORT] [-cache-size N]

Serves the current version of the data directory DIR (indexer reindex -data
DIR), following it as it changes, or the one index folder DIR (indexer
-index DIR), over HTTP: the JSON API under /api/ and the web search box at /.

Flags:
`

// Config holds searchd's settings.
type Config struct {
	IndexDir      string
	DataDir       string
	Addr          string
	SearchTimeout time.Duration
	CacheSize     int
	Poll          time.Duration // read the current pointer this often (0: never)
	Watch         bool          // watch the data directory for the pointer
}

// Flags binds c to the flags of fs, with their defaults.
func (c *Config) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.IndexDir, "index", "", "index `folder` built by indexer -index")
	fs.StringVar(&c.DataDir, "data", "", "data `directory` built by indexer reindex: serve its current version and follow it")
	fs.DurationVar(&c.Poll, "poll", 5*time.Second, "with -data, also read the current pointer this often (0 turns polling off; SIGHUP reads it at once)")
	fs.BoolVar(&c.Watch, "watch", true, "with -data, watch the data directory to see the pointer change at once")
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
	if (cfg.IndexDir == "") == (cfg.DataDir == "") {
		fmt.Fprintln(stderr, "searchd: give either -data DIR (built by indexer reindex) or -index DIR (built by indexer -index)")
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
	var src source
	served := cfg.IndexDir
	if cfg.DataDir != "" {
		src = dataSource{datadir.Dir{Path: cfg.DataDir}}
		served = cfg.DataDir
	} else {
		src = folderSource{cfg.IndexDir}
	}
	warmStart := time.Now()
	v, err := openCurrent(ctx, src, cfg.CacheSize)
	if err != nil {
		return err
	}
	h := newHolder(v, cfg.CacheSize, logger)
	defer h.close()
	logger.Info("index loaded", "index", served, "version", v.id, "took", time.Since(warmStart).Round(time.Millisecond))
	if cfg.DataDir != "" {
		hup := make(chan os.Signal, 1)
		signal.Notify(hup, syscall.SIGHUP)
		defer signal.Stop(hup)
		followCtx, stopFollowing := context.WithCancel(ctx)
		followed := make(chan struct{})
		go func() {
			defer close(followed)
			h.follow(followCtx, src, followOptions{Dir: cfg.DataDir, Watch: cfg.Watch, Poll: cfg.Poll, Hup: hup})
		}()
		defer func() { stopFollowing(); <-followed }() // no swap after h.close

	}
	ui, err := web.New()
	if err != nil {
		return err
	}
	s := &Server{Index: h, UI: ui, Logger: logger, SearchTimeout: cfg.SearchTimeout}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{
		Handler:           h.pin(s.Handler()),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      cfg.SearchTimeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	n, _ := h.DocCount()
	fmt.Fprintf(stdout, "searchd: serving %s version %s (%d documents) at http://%s/\n", served, v.id, n, ln.Addr())
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

// folderSource serves one index folder (searchd -index): its version is
// the folder's name.
type folderSource struct{ dir string }

func (s folderSource) Current() (string, error) { return filepath.Base(s.dir), nil }

func (s folderSource) Load(ctx context.Context, id string) (*index.Index, error) {
	idx, err := index.OpenReadOnly(s.dir)
	if err != nil {
		return nil, err
	}
	if err := idx.Warm(ctx); err != nil {
		idx.Close()
		return nil, err
	}
	return idx, nil
}
