package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/askedat/askedat"
	"io"
	"log/slog"
	"net/url"
	"os"

	"github.com/askedat/askedat/crawler/archive"
	"github.com/askedat/askedat/crawler/classify"
	"github.com/askedat/askedat/crawler/extract"
	"github.com/askedat/askedat/crawler/fetch"
	"github.com/askedat/askedat/crawler/state"
	"github.com/askedat/askedat/internal/cli"
	"github.com/askedat/askedat/internal/progress"
)

// runCrawl is the crawl command.
func runCrawl(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stdout, stderr)
	if err != nil {
		return cli.ExitCode(err)
	}
	if err := run(ctx, cfg, stderr); err != nil {
		fmt.Fprintf(stderr, "crawler: %v\n", err)
		return 1
	}
	return 0
}

// run crawls as cfg says, writing every document the state holds to
// cfg.Out at the end, and logs progress and a summary to logw, in the
// format of cfg.Log (the progress as a bar when logw is a terminal, as log
// records otherwise). It returns an error when the crawl could not run;
// page failures are logged, not returned.
func run(ctx context.Context, cfg Config, logw io.Writer) error {
	var bar io.Writer // nil: progress lines through the log
	if progress.IsTerminal(logw) {
		bar = logw
	}
	_, err := crawlTo(ctx, cfg, extractPage, cfg.Log.New(logw), bar)
	return err
}

// crawlTo is run with its extractor, log and progress output given (nil
// progressOut: lines through lg).
func crawlTo(ctx context.Context, cfg Config, ex func(*url.URL, []byte) (extract.Result, error), lg *slog.Logger, progressOut io.Writer) (rep *Report, err error) {
	mc := &crawlCollector{} // its crawl is set once there is one
	metrics := newCrawlMetrics(cfg.Metrics, mc)
	defer func() { mc.finish(metrics, rep, err, lg) }()
	// The state first: it is locked, so a second crawler on the same
	// state stops here, before it touches any file of the first.
	var store *state.Store
	if dir := cfg.stateDir(); dir != "" {
		store, err = state.Open(dir)
	} else {
		tmp, terr := os.MkdirTemp("", "askedat-crawl-")
		if terr != nil {
			return nil, fmt.Errorf("temporary state: %w", terr)
		}
		defer os.RemoveAll(tmp)
		store, err = state.OpenTemporary(tmp)
	}
	if err != nil {
		return nil, err
	}
	defer store.Close()
	out, err := createOutput(cfg.Out)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			out.Abort()
		}
	}()

	c := &crawl{cfg: cfg, extract: ex, store: store, log: lg, progressOut: progressOut}
	var arch *archive.Writer
	var rec fetch.Recorder
	if ad := cfg.archiveDir(); ad != "" {
		if arch, err = archive.Create(ad); err != nil {
			return nil, err
		}
		c.archiveDir, rec = ad, arch
	}
	c.fetch = newFetcher(cfg, rec, store)
	mc.c, c.metrics = c, metrics
	rep, err = c.run(ctx)
	if arch != nil {
		if cerr := arch.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close the archive: %w", cerr)
		}
	}
	if rep != nil {
		lg.Info(rep.summary())
	}
	if err != nil {
		return rep, err
	}
	n, err := writeDocs(store, out)
	if err != nil {
		return rep, err
	}
	if err := out.Commit(); err != nil {
		return rep, err
	}
	lg.Info("wrote the output", "experiences", n, "out", cfg.Out)
	return rep, nil
}

// writeDocs writes every experience the store holds to out, in id order.
func writeDocs(store *state.Store, out sink) (int, error) {
	n := 0
	err := store.Docs(func(d state.Doc) error {
		if err := out.Write(d.Experience); err != nil {
			return &writeError{err}
		}
		n++
		return nil
	})
	var we *writeError
	if errors.As(err, &we) {
		return n, fmt.Errorf("write output: %w", we.err)
	}
	return n, err
}

// sink receives the experiences of the output.
type sink interface {
	Write(e *askedat.Experience) error
}

// writeError is a failure to write the output.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }

// extractPage is extraction as the crawler runs it, in a crawl and over an
// archive alike: the page's extractor, then a category inferred for each
// question the page leaves without one, then the role those questions
// show for a post whose page and text name none. All are pure functions
// of the page.
func extractPage(u *url.URL, body []byte) (extract.Result, error) {
	res, err := extract.Page(u, body)
	for _, e := range res.Experiences {
		classify.Fill(e)
		extract.InferRole(e)
	}
	return res, err
}
