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

	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/datadir"
	"github.com/askedat/askedat/web"
)

const usage = `usage: searchd -data DIR [-addr HOST:PORT] [flags]
       searchd -index DIR [-addr HOST:PORT] [flags]

Serves the current version of the data directory DIR (indexer reindex -data
DIR), following it as it changes, or the one index folder DIR (indexer
-index DIR), over HTTP: the JSON API under /api/, the web search box at /,
and Prometheus metrics at /metrics. It logs one line per request to stderr
(-log-format, -log-level), and a "zero results" line for each search that
found nothing. SIGTERM or Ctrl-C stops it after the requests in flight.

Flags:
`

// Config holds searchd's settings.
type Config struct {
	IndexDir      string
	DataDir       string
	Addr          string
	SearchTimeout time.Duration
	CacheSize     int
	CacheBytes    int64
	Poll          time.Duration // read the current pointer this often (0: never)
	Watch         bool          // watch the data directory for the pointer

	// The HTTP server's limits.
	ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	ShutdownTimeout                                           time.Duration
	MaxHeaderBytes                                            int
	MaxBodyBytes                                              int64
	MaxSearches                                               int
	MaxSearchesPerClient                                      int

	LogLevel       string // debug, info, warn, error
	LogFormat      string // text or json
	LogZeroResults bool
	AdminTokenFile string // turns on /admin/reload

	Follow followConfig // -follow: copy the versions published to NATS into DataDir (natsfollow.go)

	// wrap, when set (tests), wraps the whole handler.
	wrap func(http.Handler) http.Handler
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
	fs.Int64Var(&c.CacheBytes, "cache-bytes", DefaultCacheBytes, "most `bytes` the cached search results of the version served may hold (as JSON), least recently used evicted first (0 turns the cache off)")
	fs.IntVar(&c.MaxSearches, "max-searches", defaultMaxSearches(), "searches in flight at most (default 4 × GOMAXPROCS); more are answered 503 with Retry-After at once")
	fs.IntVar(&c.MaxSearchesPerClient, "max-searches-per-client", 0, "searches in flight at most from one client address (0: half of -max-searches, at least 1); more are answered 429 with Retry-After at once")
	fs.DurationVar(&c.ReadHeaderTimeout, "read-header-timeout", 5*time.Second, "longest a client may take to send a request's headers")
	fs.DurationVar(&c.ReadTimeout, "read-timeout", 10*time.Second, "longest a client may take to send a whole request")
	fs.DurationVar(&c.WriteTimeout, "write-timeout", 0, "longest from a request's headers to the end of its answer (0: -search-timeout + 10s)")
	fs.DurationVar(&c.IdleTimeout, "idle-timeout", 2*time.Minute, "longest a kept-alive connection may wait for its next request")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", 0, "on SIGTERM, longest to wait for the requests in flight (0: -write-timeout + 5s)")
	fs.IntVar(&c.MaxHeaderBytes, "max-header-bytes", defaultMaxHeaderBytes, "largest request line and headers accepted, in bytes (more: 431)")
	fs.Int64Var(&c.MaxBodyBytes, "max-body-bytes", defaultMaxBodyBytes, "largest request body accepted, in bytes (more: 413; no route reads one)")
	fs.StringVar(&c.LogLevel, "log-level", "info", "`level` of the log: debug (also each search's text, and probes), info (a line per request), warn, error")
	fs.StringVar(&c.LogFormat, "log-format", "text", "`format` of the log: text (key=value) or json (one object a line)")
	fs.BoolVar(&c.LogZeroResults, "log-zero-results", true, `log each search that found nothing, with its text ("zero results")`)
	c.Follow.Flags(fs)
	fs.StringVar(&c.AdminTokenFile, "admin-token-file", "", "turn on POST /admin/reload, which needs the token in the `file`'s first line as Authorization: Bearer TOKEN (off without)")
}

// Check reports what makes c unusable.
func (c *Config) Check() error {
	if (c.IndexDir == "") == (c.DataDir == "") {
		return errors.New("give either -data DIR (built by indexer reindex) or -index DIR (built by indexer -index)")
	}
	if c.SearchTimeout <= 0 {
		return fmt.Errorf("-search-timeout %v: want more than 0", c.SearchTimeout)
	}
	if c.CacheBytes < 0 {
		return fmt.Errorf("-cache-bytes %d: want 0 (no cache) or more", c.CacheBytes)
	}
	if c.WriteTimeout != 0 && c.WriteTimeout <= c.SearchTimeout {
		return fmt.Errorf("-write-timeout %v must be longer than -search-timeout %v, or a search's 503 could not be written", c.WriteTimeout, c.SearchTimeout)
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"-read-header-timeout", c.ReadHeaderTimeout}, {"-read-timeout", c.ReadTimeout}, {"-idle-timeout", c.IdleTimeout}, {"-shutdown-timeout", c.ShutdownTimeout}, {"-write-timeout", c.WriteTimeout}} {
		if d.v < 0 {
			return fmt.Errorf("%s %v is negative", d.name, d.v)
		}
	}
	if c.MaxHeaderBytes < 1024 {
		return fmt.Errorf("-max-header-bytes %d: want at least 1024", c.MaxHeaderBytes)
	}
	if c.MaxBodyBytes < 0 {
		return fmt.Errorf("-max-body-bytes %d is negative", c.MaxBodyBytes)
	}
	if c.MaxSearches < 1 {
		return fmt.Errorf("-max-searches %d: want 1 or more", c.MaxSearches)
	}
	if c.MaxSearchesPerClient < 0 {
		return fmt.Errorf("-max-searches-per-client %d is negative (0 is half of -max-searches)", c.MaxSearchesPerClient)
	}
	if _, err := c.logLevel(); err != nil {
		return err
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("-log-format %q: want text or json", c.LogFormat)
	}
	return nil
}

func (c *Config) logLevel() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return 0, fmt.Errorf("-log-level %q: want debug, info, warn or error", c.LogLevel)
	}
	return l, nil
}

// newLogger returns the logger c asks for, writing to w.
func (c *Config) newLogger(w io.Writer) *slog.Logger {
	l, _ := c.logLevel()
	o := &slog.HandlerOptions{Level: l}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, o))
	}
	return slog.New(slog.NewTextHandler(w, o))
}

func (c *Config) writeTimeout() time.Duration {
	if c.WriteTimeout == 0 {
		return c.SearchTimeout + 10*time.Second
	}
	return c.WriteTimeout
}

func (c *Config) shutdownTimeout() time.Duration {
	if c.ShutdownTimeout == 0 {
		return c.writeTimeout() + 5*time.Second
	}
	return c.ShutdownTimeout
}

// httpServer returns the HTTP server for handler with c's timeouts and
// limits.
func (c *Config) httpServer(handler http.Handler, logger *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: c.ReadHeaderTimeout,
		ReadTimeout:       c.ReadTimeout,
		WriteTimeout:      c.writeTimeout(),
		IdleTimeout:       c.IdleTimeout,
		MaxHeaderBytes:    c.MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr, nil))
}

// run starts searchd and blocks until ctx is done. When ready is not nil it
// receives the listening address once the server accepts connections.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, ready chan<- string) int {
	cfg, code, ok := parseArgs(args, stderr)
	if !ok {
		return code
	}
	if err := serve(ctx, cfg, cfg.newLogger(stderr), stdout, ready); err != nil {
		fmt.Fprintf(stderr, "searchd: %v\n", err)
		return 1
	}
	return 0
}

// parseArgs parses the command line; when it reports false, the program
// exits with code (0 for -h).
func parseArgs(args []string, stderr io.Writer) (Config, int, bool) {
	fs := flag.NewFlagSet("searchd", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	var cfg Config
	cfg.Flags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, 0, false
		}
		return cfg, 2, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "searchd: unexpected argument %q (see searchd -h)\n", fs.Arg(0))
		return cfg, 2, false
	}
	if err := cfg.Check(); err != nil {
		fmt.Fprintf(stderr, "searchd: %v\n", err)
		return cfg, 2, false
	}
	return cfg, 0, true
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
	stopFollowing, err := cfg.Follow.start(ctx, cfg.DataDir, logger)
	if err != nil {
		return err
	}
	defer stopFollowing()
	warmStart := time.Now()
	cacheMaxBytes.Store(cfg.CacheBytes)
	v, err := openCurrent(ctx, src, cfg.CacheSize)
	if err != nil {
		return err
	}
	h := newHolder(v, cfg.CacheSize, logger)
	defer h.close()
	logger.Info("index loaded", "index", served, "version", v.id, "took", time.Since(warmStart).Round(time.Millisecond))
	if v.fallback != "" {
		logger.Error("serving the newest intact version in place of the current one", "version", v.id, "current", v.current, "why", v.fallback)
	}
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
	s := &Server{Index: h, UI: ui, Logger: logger, SearchTimeout: cfg.SearchTimeout, MaxSearches: cfg.MaxSearches,
		MaxSearchesPerClient: cfg.MaxSearchesPerClient, MaxBodyBytes: cfg.MaxBodyBytes, LogZeroResults: cfg.LogZeroResults}
	if cfg.AdminTokenFile != "" {
		if s.AdminToken, err = readAdminToken(cfg.AdminTokenFile); err != nil {
			return err
		}
		s.Reload = func(ctx context.Context) (indexStatus, error) {
			h.reload(ctx, src, true)
			// The version now current, not the one pinned to the request.
			return h.IndexStatus(context.Background())
		}
	}
	handler := h.pin(s.Handler())
	if cfg.wrap != nil {
		handler = cfg.wrap(handler)
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	srv := cfg.httpServer(handler, logger)
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
	shutCtx, cancel := context.WithTimeout(context.Background(), cfg.shutdownTimeout())
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
