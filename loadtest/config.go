package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/askedat/askedat/internal/cli"
)

const usage = `usage: loadtest [-url URL] [-clients N] [-duration D | -requests N] [flags]

Runs a mix of realistic requests against searchd at -url from -clients
concurrent clients (each sends its next request when the last is answered)
for -duration or -requests, whichever ends first, and prints throughput,
p50/p90/p99/max latency per kind of request and overall, and errors:
non-2xx answers and transport failures apart. The mix is drawn from the
index's vocabulary (read first through /api/search) or from -queries.

Exit code: 0 when errors are at most -max-errors, 1 when more (or the run
failed), 2 for bad flags.

Flags:
`

// Config holds a load run's settings.
type Config struct {
	URL         string        // searchd's base URL
	Clients     int           // concurrent clients
	Duration    time.Duration // how long to run; 0 means until Requests
	Requests    int64         // how many requests; 0 means until Duration
	Seed        uint64        // of the mix: the same seed, the same requests
	Queries     string        // a query file instead of the vocabulary
	VocabPages  int           // pages of 100 questions read for the vocabulary
	Timeout     time.Duration // of one request
	MaxErrors   int64         // errors tolerated before the exit code is 1
	JSON        bool          // print the report as JSON
	Report      string        // also write the JSON report to this file
	AllowRemote bool          // allow a -url that is not loopback
	// From is the source address of the clients' connections ("": the
	// system's choice); on loopback any 127.x.y.z is one, so a run can be
	// several client addresses (searchd limits each to a share of its
	// search slots).
	From string
	// HostileClients send the hostile mix (hostileSource: queries of
	// long nonsense words) from HostileFrom for as long as the run lasts,
	// alongside the mix; their answers are reported apart and do not count
	// as the run's errors.
	HostileClients int
	HostileFrom    string
}

// Flags binds c to the flags of fs, with their defaults.
func (c *Config) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.URL, "url", "http://127.0.0.1:8080", "searchd's base `URL`")
	fs.IntVar(&c.Clients, "clients", 4, "concurrent clients")
	fs.DurationVar(&c.Duration, "duration", 30*time.Second, "how long to run (0: until -requests)")
	fs.Int64Var(&c.Requests, "requests", 0, "how many requests to send (0: until -duration)")
	fs.Uint64Var(&c.Seed, "seed", 1, "seed of the mix: the same seed sends the same requests")
	fs.StringVar(&c.Queries, "queries", "", "read the requests from `FILE` (class<TAB>/path?query, or bench's class<TAB>q<TAB>filters) instead of the index's vocabulary")
	fs.IntVar(&c.VocabPages, "vocab-pages", 10, "pages of 100 questions read through the API for the vocabulary")
	fs.DurationVar(&c.Timeout, "timeout", 10*time.Second, "time limit of one request")
	fs.Int64Var(&c.MaxErrors, "max-errors", 0, "errors (non-2xx and transport) tolerated before exiting 1")
	fs.BoolVar(&c.JSON, "json", false, "print the report as JSON")
	fs.StringVar(&c.Report, "report", "", "also write the JSON report to `FILE`")
	fs.BoolVar(&c.AllowRemote, "allow-remote", false, "allow a -url that is not a loopback address")
	fs.StringVar(&c.From, "from", "", "source `IP` of the mix's connections (on loopback, any 127.x.y.z; default: the system's)")
	fs.IntVar(&c.HostileClients, "hostile-clients", 0, "clients that also send the hostile mix (8 words of 24 random letters each) for the run, reported apart")
	fs.StringVar(&c.HostileFrom, "hostile-from", "127.0.0.2", "source `IP` of the hostile clients' connections")
}

// Check reports what makes c unusable, or nil.
func (c *Config) Check() error {
	var errs []error
	if c.Clients < 1 {
		errs = append(errs, fmt.Errorf("-clients %d: want 1 or more", c.Clients))
	}
	if c.Duration < 0 || c.Requests < 0 {
		errs = append(errs, fmt.Errorf("-duration %v and -requests %d must not be negative", c.Duration, c.Requests))
	} else if c.Duration == 0 && c.Requests == 0 {
		errs = append(errs, errors.New("give -duration or -requests (or both): the run must end"))
	}
	if c.Timeout <= 0 {
		errs = append(errs, fmt.Errorf("-timeout %v: want more than 0", c.Timeout))
	}
	if c.VocabPages < 1 {
		errs = append(errs, fmt.Errorf("-vocab-pages %d: want 1 or more", c.VocabPages))
	}
	if c.MaxErrors < 0 {
		errs = append(errs, fmt.Errorf("-max-errors %d is negative", c.MaxErrors))
	}
	if _, err := c.baseURL(); err != nil {
		errs = append(errs, err)
	}
	if c.HostileClients < 0 {
		errs = append(errs, fmt.Errorf("-hostile-clients %d is negative", c.HostileClients))
	}
	for _, a := range []struct{ name, ip string }{{"-from", c.From}, {"-hostile-from", c.HostileFrom}} {
		if a.ip != "" && net.ParseIP(a.ip) == nil {
			errs = append(errs, fmt.Errorf("%s %q is not an IP address", a.name, a.ip))
		}
	}
	return errors.Join(errs...)
}

// baseURL parses c.URL: http or https, no query, loopback unless
// AllowRemote.
func (c *Config) baseURL() (*url.URL, error) {
	u, err := url.Parse(c.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
		return nil, fmt.Errorf("-url %q: want searchd's base URL, such as http://127.0.0.1:8080", c.URL)
	}
	if !c.AllowRemote && !isLoopback(u.Hostname()) {
		return nil, fmt.Errorf("-url %q is not a loopback address; a load test is for your own searchd (pass -allow-remote to load %s anyway)", c.URL, u.Host)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	return u, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// mainCode runs the command with args and returns its exit code.
func mainCode(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(fs.Output(), usage); fs.PrintDefaults() }
	var cfg Config
	cfg.Flags(fs)
	err := cli.ParseChecked(fs, args, stdout, cfg.Check)
	if err != nil {
		return cli.ExitCode(err)
	}
	rep, err := run(ctx, cfg, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "loadtest: %v\n", err)
		return 1
	}
	if err := rep.write(stdout, cfg.JSON); err != nil {
		fmt.Fprintf(stderr, "loadtest: %v\n", err)
		return 1
	}
	if cfg.Report != "" {
		if err := rep.writeFile(cfg.Report); err != nil {
			fmt.Fprintf(stderr, "loadtest: %v\n", err)
			return 1
		}
	}
	if n := rep.HTTPErrors + rep.TransportErrors; n > uint64(cfg.MaxErrors) {
		fmt.Fprintf(stderr, "loadtest: %d errors (%d non-2xx, %d transport), more than -max-errors %d\n", n, rep.HTTPErrors, rep.TransportErrors, cfg.MaxErrors)
		return 1
	}
	return 0
}
