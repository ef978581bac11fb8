package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/askedat/askedat/crawler/fetch"
	"github.com/askedat/askedat/crawler/urlnorm"
	"github.com/askedat/askedat/internal/cli"
)

// Defaults of the crawl.
const (
	defaultMaxPages      = 10000
	defaultDelay         = fetch.DefaultDelay
	defaultTimeout       = fetch.DefaultTimeout
	defaultProgressEvery = 5 * time.Second
	defaultWorkers       = 4
	defaultRetries       = 3
	defaultBackoff       = 2 * time.Second
	maxBackoff           = 10 * time.Minute
	defaultMaxRetryAfter = 10 * time.Minute
	defaultMaxCrawlDelay = fetch.DefaultMaxCrawlDelay
	// defaultMaxDepth lets a crawl seeded on a home page reach a hub
	// (depth 1) and the listings a hub links to (depth 2): links from
	// listings and posts add no depth, so every post and every further
	// listing page is still found, while a site's menus (every section,
	// every job page) are not walked further.
	defaultMaxDepth = 2
)

const usage = `usage: crawler -seed URL [-seed URL ...] -out FILE.jsonl [-crawl-dir DIR] [flags]

Crawler fetches interview-experience posts, starting from the seed URLs, and
writes one experience a line (JSON Lines) to -out.

From each seed it follows, on the seed's own host only, the links that
listing pages make to posts and to further listing pages, and the links a
post makes to its further pages, however many. Other links (a home
page's, a menu's: every link to the host on a page that is not a post)
are followed -max-depth deep: a page they lead to is one deeper than the
page they are on, seeds being 0. Every URL is normalised first (seeds
too: case, default port, fragment, dot segments, escapes, sorted query,
tracking parameters such as utm_* and fbclid removed), and a post's
canonical link counts as visited, so one page is one document.

It is polite: it obeys robots.txt (a 4xx robots.txt allows all; while it
answers 5xx or 429 or cannot be reached, nothing on the host is fetched:
its pages are tried again like a 5xx page) and its Crawl-delay (a host
asking for more than -max-crawl-delay is not crawled), keeps at most
-per-host requests in flight to a host with -delay between them, crawls
several hosts at once with -workers, and names itself in its User-Agent.
A 429 or 503 is asked again after its Retry-After (the host is left alone
until then; a wait longer than -max-retry-after fails the page), other
5xx answers and timeouts after an exponential backoff from -backoff with
jitter, at most -retries times; a 404 or other 4xx is never asked again,
nor is a certificate that does not verify or a malformed answer.

It is safe against hostile servers: only http and https, at most 5
redirects, each checked again (robots.txt, host, address), at most 5 MiB a
page after decompression, a time limit on each request (-timeout), and no
address outside the public internet (loopback, private, link-local,
reserved and documentation ranges, and IPv6 addresses carrying such an
IPv4 one; after DNS, after a redirect) unless the host is named by
-allow-host.

With -crawl-dir DIR the crawl is resumable and incremental. DIR/state holds the
crawl state (frontier, URLs seen, validators, retry times, the last
experience of every post) and DIR/warc every answer as WARC. A crawl
stopped in any way (Ctrl-C, kill -9, -max-pages) goes on where it was when
run again with the same flags, fetching nothing twice. Once a crawl has
finished, the next run is a re-crawl: every known page is asked again with
If-None-Match / If-Modified-Since (a redirect's target too), a 304 keeps
its document as it was, and -out again holds every document. Two crawlers
cannot share a state: the second stops at once and touches nothing.
"crawler extract -archive DIR/warc" makes the documents again from the
archive, with no network. Without -crawl-dir, the state lives in a
temporary folder and nothing is archived. -data DIR is the old name of
-crawl-dir, still read; it is not the -data of indexer and searchd (a data
directory of index versions).

-out is written to a temporary file beside it (FILE.jsonl.*.tmp, one per
process) and renamed when the run ends, so a file by the -out name is
always a whole run's output: every document the state holds, the whole
crawl's when it finished, what was found so far when it was interrupted.

A progress bar on a terminal (a log record every 5 seconds otherwise) and a
summary at the end go to stderr, with the log (log/slog: -log-format text
or json, -log-level); -v logs every page. Pages that fail are logged and
skipped. The exit code is 0 when the crawl ran, 1 when it could not (-out
or the state not writable, every seed failed) and 2 for bad flags.

Flags:
  -seed URL          a page to start from (repeatable; required)
  -out FILE          the JSON Lines file to write (required)
  -crawl-dir DIR     keep the crawl state and the archive in DIR (DIR/state,
                     DIR/warc), to resume and re-crawl
  -data DIR          the old name of -crawl-dir
  -state DIR         keep the crawl state in DIR (instead of DIR/state of
                     -crawl-dir)
  -archive DIR       keep the WARC archive in DIR (instead of DIR/warc of
                     -crawl-dir)
  -max-pages N       stop after fetching N pages; 0 means 10000 (default 0)
  -delay D           least time between requests to one host (default 1s;
                     0s for none)
  -per-host N        requests in flight to one host at most (default 1)
  -workers N         pages fetched at once, over all hosts (default 4)
  -timeout D         time limit of one request, body included (default 30s)
  -retries N         tries after the first for a 5xx, 429 or timeout (default 3)
  -backoff D         wait before the first retry, doubled for each next one,
                     with jitter (default 2s)
  -max-retry-after D longest Retry-After obeyed; a longer one fails the page
                     (default 10m)
  -max-crawl-delay D longest robots.txt Crawl-delay obeyed; a host asking
                     for more is skipped, with a message (default 1m)
  -max-depth N       how many links deep to follow links that are not from
                     a listing or a post (default 2; 0 follows only those)
  -user-agent S      the User-Agent sent (default "` + fetch.DefaultUserAgent + `")
  -allow-host HOST   fetch from HOST even when it resolves to a loopback or
                     private address, e.g. 127.0.0.1 (repeatable)
  -metrics FILE      write the crawl's counters to FILE in the Prometheus text
                     format (pages by status class, bytes, retries, robots
                     skips, errors, experiences, queue length, duration), for
                     node_exporter's textfile collector: every -metrics-every
                     during the crawl (default 10s) and at the end; each
                     write replaces the file atomically
  -metrics-every D   how often -metrics is written during the crawl
  -v                 log every page
  -log-format F      text (key=value, the default) or json (one object a line)
  -log-level L       debug, info (the default), warn (page errors only) or error
  -config FILE       read settings from a TOML file, each key a flag's name
                     (seed = ["https://…"], max-pages = 500); a flag or an
                     ASKEDAT_* variable wins over it
  -print-config      print every setting, its value and where it came from,
                     and exit
  -version           print the version and build of crawler, and exit

Every flag but -data may also be set by the environment variable ASKEDAT_
and its name in capitals, dashes as underscores (ASKEDAT_MAX_PAGES=500), or
in the -config file (or ASKEDAT_CONFIG). A flag wins over the environment,
which wins over the file, which wins over the default.
`

// Config holds a crawl's settings. Its zero value, given Seeds and Out,
// crawls with the defaults.
type Config struct {
	// Seeds are the pages to start from.
	Seeds []string
	// Out is the JSON Lines file to write.
	Out string
	// MaxPages caps the pages fetched; 0 means defaultMaxPages.
	MaxPages int
	// Delay is the least time between requests to one host. Zero means
	// none; a Config made by Flags starts at defaultDelay.
	Delay time.Duration
	// Timeout bounds one request; 0 means defaultTimeout.
	Timeout time.Duration
	// AllowHosts may be fetched even when they resolve to loopback or
	// private addresses.
	AllowHosts []string
	// ProgressEvery is how often a progress line is logged; 0 means
	// defaultProgressEvery.
	ProgressEvery time.Duration

	// CrawlDir is the folder of the state (CrawlDir/state) and the
	// archive (CrawlDir/warc), -crawl-dir (or its old name, -data); State
	// and Archive name them one by one. With none, the state is temporary
	// and nothing is archived.
	CrawlDir, State, Archive string
	// PerHost caps the requests in flight to one host; 0 means 1.
	PerHost int
	// Workers is how many pages are fetched at once; 0 means
	// defaultWorkers.
	Workers int
	// Retries caps the tries after the first of a temporary failure.
	// Zero means none; a Config made by Flags starts at defaultRetries.
	Retries int
	// Backoff is the wait before the first retry; 0 means defaultBackoff.
	Backoff time.Duration
	// MaxRetryAfter is the longest Retry-After obeyed; 0 means
	// defaultMaxRetryAfter.
	MaxRetryAfter time.Duration
	// MaxCrawlDelay is the longest Crawl-delay obeyed (a host asking for
	// more is skipped); 0 means defaultMaxCrawlDelay.
	MaxCrawlDelay time.Duration
	// MaxDepth is how deep links other than a listing's or a post's are
	// followed (see state.URL.Depth). Zero follows none of them; a Config
	// made by Flags starts at defaultMaxDepth.
	MaxDepth int
	// UserAgent is sent with every request; "" means fetch's default.
	UserAgent string
	// Verbose logs every page.
	Verbose bool
	// Log is the log's format and level.
	Log cli.LogConfig
	// Metrics, if set, is a file the crawl's counters are written to in
	// the Prometheus text format (for node_exporter's textfile
	// collector), every MetricsEvery (0: 10s) and at the end.
	Metrics      string
	MetricsEvery time.Duration
	// LookupHost, if set, resolves host names (tests point names at
	// loopback with it).
	LookupHost func(ctx context.Context, host string) ([]netip.Addr, error)
}

// Flags registers the crawler's flags on fs, bound to c, with c's current
// values as defaults (the package defaults where c is zero).
func (c *Config) Flags(fs *flag.FlagSet) {
	if c.Delay == 0 {
		c.Delay = defaultDelay
	}
	if c.Retries == 0 {
		c.Retries = defaultRetries
	}
	if c.MaxDepth == 0 {
		c.MaxDepth = defaultMaxDepth
	}
	fs.Var((*listFlag)(&c.Seeds), "seed", "a page to start from (repeatable)")
	fs.StringVar(&c.Out, "out", c.Out, "the JSON Lines file to write")
	fs.IntVar(&c.MaxPages, "max-pages", c.MaxPages, "stop after fetching this many pages; 0 means 10000")
	fs.DurationVar(&c.Delay, "delay", c.Delay, "least time between requests to one host")
	fs.DurationVar(&c.Timeout, "timeout", c.Timeout, "time limit of one request; 0 means 30s")
	fs.Var((*listFlag)(&c.AllowHosts), "allow-host", "fetch from this host even when it is loopback or private (repeatable)")
	// -data is the old name of -crawl-dir: both set CrawlDir, and must
	// agree when both are given.
	crawlDir := func(dir string) error {
		if c.CrawlDir != "" && c.CrawlDir != dir {
			return fmt.Errorf("-crawl-dir (or its old name -data) names two folders, %s and %s: give one", c.CrawlDir, dir)
		}
		c.CrawlDir = dir
		return nil
	}
	fs.Func("crawl-dir", "keep the crawl state and the archive in this folder", crawlDir)
	fs.Func("data", "the old name of -crawl-dir", crawlDir)
	fs.StringVar(&c.State, "state", c.State, "keep the crawl state in this folder")
	fs.StringVar(&c.Archive, "archive", c.Archive, "keep the WARC archive in this folder")
	fs.IntVar(&c.PerHost, "per-host", c.PerHost, "requests in flight to one host at most; 0 means 1")
	fs.IntVar(&c.Workers, "workers", c.Workers, "pages fetched at once; 0 means 4")
	fs.IntVar(&c.Retries, "retries", c.Retries, "tries after the first for a 5xx, 429 or timeout")
	fs.DurationVar(&c.Backoff, "backoff", c.Backoff, "wait before the first retry; 0 means 2s")
	fs.DurationVar(&c.MaxRetryAfter, "max-retry-after", c.MaxRetryAfter, "longest Retry-After obeyed; 0 means 10m")
	fs.DurationVar(&c.MaxCrawlDelay, "max-crawl-delay", c.MaxCrawlDelay, "longest robots.txt Crawl-delay obeyed; 0 means 1m")
	fs.IntVar(&c.MaxDepth, "max-depth", c.MaxDepth, "how many links deep to follow links not from a listing or a post")
	fs.StringVar(&c.UserAgent, "user-agent", c.UserAgent, "the User-Agent sent")
	fs.BoolVar(&c.Verbose, "v", c.Verbose, "log every page")
	fs.StringVar(&c.Metrics, "metrics", c.Metrics, "write the crawl's counters to this file in the Prometheus text format, during the crawl and at its end")
	fs.DurationVar(&c.MetricsEvery, "metrics-every", c.MetricsEvery, "how often -metrics is written during the crawl; 0 means 10s")
	c.Log.Flags(fs, "debug, info, warn (page errors only), error")
}

// Check reports what makes c unusable, or nil.
func (c *Config) Check() error {
	var errs []error
	if len(c.Seeds) == 0 {
		errs = append(errs, errors.New("no -seed given"))
	}
	for _, s := range c.Seeds {
		if _, err := parseSeed(s); err != nil {
			errs = append(errs, err)
		}
	}
	if c.Out == "" {
		errs = append(errs, errors.New("no -out given"))
	}
	if c.MaxPages < 0 {
		errs = append(errs, fmt.Errorf("-max-pages %d is negative", c.MaxPages))
	}
	if c.Delay < 0 {
		errs = append(errs, fmt.Errorf("-delay %v is negative", c.Delay))
	}
	if c.Timeout < 0 {
		errs = append(errs, fmt.Errorf("-timeout %v is negative", c.Timeout))
	}
	for _, n := range []struct {
		name string
		v    int
	}{{"-per-host", c.PerHost}, {"-workers", c.Workers}, {"-max-depth", c.MaxDepth}} {
		if n.v < 0 {
			errs = append(errs, fmt.Errorf("%s %d is negative", n.name, n.v))
		}
	}
	if c.Retries < 0 {
		errs = append(errs, fmt.Errorf("-retries %d is negative", c.Retries))
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"-backoff", c.Backoff}, {"-max-retry-after", c.MaxRetryAfter}, {"-max-crawl-delay", c.MaxCrawlDelay}, {"-metrics-every", c.MetricsEvery}} {
		if d.v < 0 {
			errs = append(errs, fmt.Errorf("%s %v is negative", d.name, d.v))
		}
	}
	if err := c.Log.Check(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// stateDir and archiveDir are where the state and the archive go: "" for
// a temporary state, and for no archive.
func (c *Config) stateDir() string {
	if c.State == "" && c.CrawlDir != "" {
		return filepath.Join(c.CrawlDir, "state")
	}
	return c.State
}

func (c *Config) archiveDir() string {
	if c.Archive == "" && c.CrawlDir != "" {
		return filepath.Join(c.CrawlDir, "warc")
	}
	return c.Archive
}

func (c *Config) perHost() int { return max(c.PerHost, 1) }

func (c *Config) workers() int {
	if c.Workers <= 0 {
		return defaultWorkers
	}
	return c.Workers
}

// retries is how many tries after the first a temporary failure gets.
func (c *Config) retries() int { return max(c.Retries, 0) }

func (c *Config) maxRetryAfter() time.Duration {
	if c.MaxRetryAfter <= 0 {
		return defaultMaxRetryAfter
	}
	return c.MaxRetryAfter
}

// backoff is the wait before try number tries+1: Backoff doubled for each
// try before, times a random factor in [0.5, 1.5) so that many pages put
// off together do not come back together, at most maxBackoff.
func (c *Config) backoff(tries int) time.Duration {
	b := c.Backoff
	if b <= 0 {
		b = defaultBackoff
	}
	d := float64(b) * float64(uint64(1)<<min(tries-1, 30)) * jitter()
	return time.Duration(min(d, float64(maxBackoff)))
}

func (c *Config) maxCrawlDelay() time.Duration {
	if c.MaxCrawlDelay <= 0 {
		return defaultMaxCrawlDelay
	}
	return c.MaxCrawlDelay
}

func (c *Config) maxPages() int {
	if c.MaxPages == 0 {
		return defaultMaxPages
	}
	return c.MaxPages
}

// parseFlags parses the crawl's command line into a Config. When it
// returns an error it has printed what to print (cli.Parse): the usage for
// -help, the version for -version, a bad flag or a config that fails its
// check in one line (or a line each) with a hint.
func parseFlags(args []string, stdout, stderr io.Writer) (Config, error) {
	var cfg Config
	fs := flag.NewFlagSet("crawler", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(fs.Output(), usage) }
	cfg.Flags(fs)
	// -data is the old name of -crawl-dir, and indexer's and searchd's
	// -data is another folder: ASKEDAT_DATA, in an environment file the
	// programs share, is theirs.
	if err := cli.ParseConfigured(fs, args, stdout, cfg.Check, "data"); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// parseSeed parses a seed URL, absolute, http or https, and returns it
// normalised as every link is (urlnorm), so the seed is one key in the
// state, the archive and the scope.
func parseSeed(s string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("seed %q: %w", s, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("seed %q is not an absolute http or https URL", s)
	}
	n, err := urlnorm.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("seed %q: %w", s, err)
	}
	return n, nil
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	*l = append(*l, s)
	return nil
}
