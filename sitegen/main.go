// Command sitegen serves a generated sample site of interview experiences on
// loopback, in the format of interviewexperiences.in, for the demo, the
// crawler's tests and benchmarks (see package askedat/internal/sample).
//
// It prints one line, "sitegen: serving N posts at http://127.0.0.1:PORT",
// once the site is ready, and writes the ground truth (what a correct
// crawler must extract) as JSON Lines to -truth if given. It stops
// gracefully on SIGINT or SIGTERM.
//
// With -docs FILE it serves nothing: it writes the generated experiences as
// JSON Lines to FILE, with URLs under -base, and exits. That is the corpus
// of the benchmarks (bench/): indexer reads it as it reads a crawl.
package main

import (
	"context"
	"flag"
	"fmt"
	"github.com/askedat/askedat"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/askedat/askedat/internal/cli"
	"github.com/askedat/askedat/internal/sample"
)

const usage = `usage: sitegen [flags]

Serves a generated sample site of interview experiences and prints
"sitegen: serving N posts at http://HOST:PORT" when it is ready.

Flags:
  -posts N       number of experience posts (default 500)
  -seed S        random seed; the same seed gives the same site (default 1)
  -per-listing N posts per listing page (default 20)
  -faults        add broken and hostile pages for tests (404 links, a
                 malformed post, a redirect, a duplicate link)
  -addr A        address to listen on (default 127.0.0.1:0, a free port)
  -public        allow an address that is not loopback
  -truth FILE    write the ground truth as JSON Lines to FILE
  -docs FILE     write the experiences as JSON Lines to FILE and exit
                 without serving (a corpus for indexer and benchmarks)
  -base URL      the site URL of the posts written by -docs
                 (default https://sample.askedat.test)
  -version       print the version and build of sitegen, and exit
`

// Config is what the flags say.
type Config struct {
	Site   sample.Config
	Addr   string
	Public bool
	Truth  string
	Docs   string // write JSON Lines here and exit, instead of serving
	Base   string // the site URL of the posts -docs writes
}

// defaultBase is the site URL of the posts -docs writes: a name under .test,
// which never resolves, so nobody crawls it by mistake.
const defaultBase = "https://sample.askedat.test"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := mainCode(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// mainCode runs the command with args and returns its exit code: 0, 1 for a
// failure, 2 for bad usage.
func mainCode(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags("sitegen", args, stdout, stderr)
	if err != nil {
		return cli.ExitCode(err)
	}
	if err := run(ctx, cfg, stdout); err != nil {
		fmt.Fprintf(stderr, "sitegen: %v\n", err)
		return 1
	}
	return 0
}

// parseFlags reads the command line into a Config. When it returns an
// error it has printed what to print (see cli.Parse): the usage for -help,
// the version for -version, a bad flag or value in one line with a hint.
func parseFlags(name string, args []string, stdout, stderr io.Writer) (Config, error) {
	cfg := Config{Site: sample.Config{Posts: 500, Seed: 1, PerListing: 20}, Addr: "127.0.0.1:0", Base: defaultBase}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(fs.Output(), usage) }
	fs.IntVar(&cfg.Site.Posts, "posts", cfg.Site.Posts, "")
	fs.Uint64Var(&cfg.Site.Seed, "seed", cfg.Site.Seed, "")
	fs.IntVar(&cfg.Site.PerListing, "per-listing", cfg.Site.PerListing, "")
	fs.BoolVar(&cfg.Site.Faults, "faults", false, "")
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "")
	fs.BoolVar(&cfg.Public, "public", false, "")
	fs.StringVar(&cfg.Truth, "truth", "", "")
	fs.StringVar(&cfg.Docs, "docs", "", "")
	fs.StringVar(&cfg.Base, "base", cfg.Base, "")
	if err := cli.Parse(fs, args, stdout); err != nil {
		return Config{}, err
	}
	if err := cfg.check(fs.Args()); err != nil {
		return Config{}, cli.Bad(fs, err)
	}
	return cfg, nil
}

// check reports what makes c unusable; args are the arguments left after
// the flags.
func (c *Config) check(args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("unexpected argument %q (sitegen takes only flags)", args[0])
	}
	if c.Site.Posts < 1 {
		return fmt.Errorf("-posts %d: want 1 or more", c.Site.Posts)
	}
	if c.Site.PerListing < 1 {
		return fmt.Errorf("-per-listing %d: want 1 or more", c.Site.PerListing)
	}
	if u, err := url.Parse(c.Base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("-base %q: want an http or https URL such as %s", c.Base, defaultBase)
	}
	return nil
}

// checkAddr refuses an address that is not loopback unless public is set.
func checkAddr(addr string, public bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-addr %q: %v", addr, err)
	}
	if public || host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("-addr %q is not a loopback address; the sample site is for local use (pass -public to serve it on %q anyway)", addr, addr)
}

// run serves the site until ctx is done, or with cfg.Docs writes the
// experiences and returns.
func run(ctx context.Context, cfg Config, stdout io.Writer) error {
	if cfg.Docs != "" {
		return writeDocs(cfg, stdout)
	}
	if err := checkAddr(cfg.Addr, cfg.Public); err != nil {
		return err
	}
	site := sample.NewSite(cfg.Site)
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	if cfg.Truth != "" {
		if err := writeTruth(cfg.Truth, site.Experiences(base)); err != nil {
			ln.Close()
			return err
		}
	}
	srv := &http.Server{Handler: site, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "sitegen: serving %d posts at %s\n", len(site.Posts()), base)
	if f, ok := stdout.(interface{ Sync() error }); ok {
		f.Sync() // a pipe cannot sync; the line is unbuffered anyway
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}

// writeDocs writes the experiences of the site cfg describes to cfg.Docs and
// says how many it wrote.
func writeDocs(cfg Config, stdout io.Writer) error {
	start := time.Now()
	site := sample.NewSite(cfg.Site)
	exps := site.Experiences(cfg.Base)
	questions := 0
	for i := range exps {
		questions += len(exps[i].Questions)
	}
	if err := writeTruth(cfg.Docs, exps); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "sitegen: wrote %d posts, %d questions to %s in %.1fs\n", len(exps), questions, cfg.Docs, time.Since(start).Seconds())
	return nil
}

// writeTruth writes exps to path as JSON Lines, through a temporary file so
// that a reader never sees half of it.
func writeTruth(path string, exps []askedat.Experience) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".truth-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := sample.WriteJSONL(tmp, exps); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
