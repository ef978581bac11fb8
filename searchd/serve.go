package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"syscall"
	"time"

	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/datadir"
	"github.com/askedat/askedat/web"
)

// serve serves search as cfg says until ctx is done, then shuts down
// gracefully. It listens first: an address that is malformed, in use or
// not this machine's is an error at once, not after the index has loaded.
// Connections that come while the index loads wait in the listen queue.
func serve(ctx context.Context, cfg Config, logger *slog.Logger, stdout io.Writer, ready chan<- string) error {
	ln, err := listen(cfg.Addr)
	if err != nil {
		return err
	}
	defer ln.Close() // Shutdown closes it too; before Serve, nothing else would
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
	if cfg.CPUProfile != "" {
		stop, err := startCPUProfile(cfg.CPUProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
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
		MaxSearchesPerClient: cfg.MaxSearchesPerClient, MaxBodyBytes: cfg.MaxBodyBytes, LogZeroResults: cfg.LogZeroResults,
		CacheMaxAge: cfg.CacheMaxAge, CORSOrigins: cfg.CORSOrigins}
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

// listen listens on the TCP address addr.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	return ln, nil
}

// checkAddr reports whether addr can be listened on now (searchd
// -check-addr), and says so on stdout: it listens and closes at once.
func checkAddr(addr string, stdout io.Writer) error {
	ln, err := listen(addr)
	if err != nil {
		return err
	}
	ln.Close()
	fmt.Fprintf(stdout, "searchd: %s is free to listen on\n", addr)
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

// startCPUProfile writes a CPU profile to path until the returned function
// is called: the profile of the query path, the index's loading left out.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
