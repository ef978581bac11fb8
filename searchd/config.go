package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/askedat/askedat/internal/cli"
)

const usage = `usage: searchd -data DIR [-addr HOST:PORT] [flags]
       searchd -index DIR [-addr HOST:PORT] [flags]
       searchd -check-addr [-addr HOST:PORT]
       searchd -print-config [flags]
       searchd -version

Serves the current version of the data directory DIR (indexer reindex -data
DIR), following it as it changes, or the one index folder DIR (indexer
-index DIR), over HTTP: the JSON API under /api/, the web search box at /,
and Prometheus metrics at /metrics. It listens on -addr first, so an
address that is malformed or in use is reported at once, before the index
loads. It logs one line per request to stderr (-log-format, -log-level),
and a "zero results" line for each search that found nothing. SIGTERM or
Ctrl-C stops it after the requests in flight.

-check-addr only checks that -addr can be listened on (exit status 0) or
says why not (1), and exits: make demo runs it before crawling.

Every flag may also be set by the environment variable ASKEDAT_ and its
name in capitals, dashes as underscores (ASKEDAT_ADDR, ASKEDAT_MAX_SEARCHES),
or in a TOML file given with -config (or ASKEDAT_CONFIG), one key a flag's
name (addr = "0.0.0.0:8080"). A flag wins over the environment, which wins
over the file, which wins over the default; -print-config prints each
setting, its value and where it came from, and exits.

Flags:
`

// Config holds searchd's settings.
type Config struct {
	IndexDir      string
	DataDir       string
	Addr          string
	CheckAddr     bool // only check that Addr can be listened on
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

	Log            cli.LogConfig
	LogZeroResults bool
	AdminTokenFile string // turns on /admin/reload
	CacheMaxAge    time.Duration
	CORSOrigins    corsOrigins
	CPUProfile     string // write a CPU profile of the serving to this file

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
	fs.BoolVar(&c.CheckAddr, "check-addr", false, "only check that -addr can be listened on (exit status 0, or 1 saying why not), and exit")
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
	c.Log.Flags(fs, "debug (also each search's text, and probes), info (a line per request), warn, error")
	fs.BoolVar(&c.LogZeroResults, "log-zero-results", true, `log each search that found nothing, with its text ("zero results")`)
	c.Follow.Flags(fs)
	fs.DurationVar(&c.CacheMaxAge, "cache-max-age", 0, "how long browsers and proxies may reuse an answer without asking again, in whole seconds (Cache-Control max-age); 0: no-cache, they revalidate it with its ETag each time (a 304, no search)")
	fs.Var(&c.CORSOrigins, "cors-origin", "`origins` whose pages may call the API from the browser (CORS), comma-separated or repeated, such as https://example.com; * for any (off without)")
	fs.StringVar(&c.CPUProfile, "cpuprofile", "", "write a CPU profile of the serving, from the index loaded to the shutdown, to `file` (go tool pprof)")
	fs.StringVar(&c.AdminTokenFile, "admin-token-file", "", "turn on POST /admin/reload, which needs the token in the `file`'s first line as Authorization: Bearer TOKEN (off without)")
}

// Check reports what makes c unusable.
func (c *Config) Check() error {
	if !c.CheckAddr && (c.IndexDir == "") == (c.DataDir == "") {
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
	if c.CacheMaxAge < 0 || c.CacheMaxAge%time.Second != 0 {
		return fmt.Errorf("-cache-max-age %v: want 0 or more whole seconds (Cache-Control counts seconds)", c.CacheMaxAge)
	}
	if c.MaxSearchesPerClient < 0 {
		return fmt.Errorf("-max-searches-per-client %d is negative (0 is half of -max-searches)", c.MaxSearchesPerClient)
	}
	return c.Log.Check()
}

// parseArgs parses the command line; when it reports false, the program
// exits with code (0 for -help and -version, 2 for bad usage, which it
// has printed to stderr in one line with a hint).
func parseArgs(args []string, stdout, stderr io.Writer) (Config, int, bool) {
	fs := flag.NewFlagSet("searchd", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(fs.Output(), usage); fs.PrintDefaults() }
	var cfg Config
	cfg.Flags(fs)
	err := cli.ParseConfigured(fs, args, stdout, cfg.Check)
	if err != nil {
		return cfg, cli.ExitCode(err), false
	}
	return cfg, 0, true
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
