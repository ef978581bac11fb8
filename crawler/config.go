package main

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
	"strings"
	"time"

	"askedat/crawler/fetch"
)

// Defaults of the crawl.
const (
	defaultMaxPages      = 10000
	defaultDelay         = fetch.DefaultDelay
	defaultTimeout       = fetch.DefaultTimeout
	defaultProgressEvery = 5 * time.Second
)

const usage = `usage: crawler -seed URL [-seed URL ...] -out FILE.jsonl [flags]

Crawler fetches interview-experience posts, starting from the seed URLs, and
writes one experience a line (JSON Lines) to -out.

From each seed it follows the links that listing pages make to posts and to
further listing pages, on the seed's own host only. It obeys robots.txt, waits
-delay between requests to a host (or the robots.txt Crawl-delay when that is
longer), fetches only http and https, reads only HTML of at most 5 MiB a page,
follows at most 5 redirects, and refuses hosts that resolve to loopback,
private, link-local or unspecified addresses unless they are named by
-allow-host. Each post is written once, normalised, with an id from its
canonical URL.

The output is written to FILE.jsonl.tmp and renamed to FILE.jsonl when the
crawl ends, so a file by the -out name is always a whole crawl's output. An
interrupt (Ctrl-C) ends the crawl early and keeps what was found.

A log line every 5 seconds and a summary at the end go to stderr. Pages that
fail (404, timeout, a malformed post) are logged and skipped. The exit code is
0 when the crawl ran, 1 when it could not (-out not writable, every seed
failed) and 2 for bad flags.

Flags:
  -seed URL         a page to start from (repeatable; required)
  -out FILE         the JSON Lines file to write (required)
  -max-pages N      stop after fetching N pages; 0 means 10000 (default 0)
  -delay D          least time between requests to one host (default 1s;
                    0s for none)
  -timeout D        time limit of one request, body included (default 30s)
  -allow-host HOST  fetch from HOST even when it resolves to a loopback or
                    private address, e.g. 127.0.0.1 (repeatable)
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
}

// Flags registers the crawler's flags on fs, bound to c, with c's current
// values as defaults (the package defaults where c is zero).
func (c *Config) Flags(fs *flag.FlagSet) {
	if c.Delay == 0 {
		c.Delay = defaultDelay
	}
	fs.Var((*listFlag)(&c.Seeds), "seed", "a page to start from (repeatable)")
	fs.StringVar(&c.Out, "out", c.Out, "the JSON Lines file to write")
	fs.IntVar(&c.MaxPages, "max-pages", c.MaxPages, "stop after fetching this many pages; 0 means 10000")
	fs.DurationVar(&c.Delay, "delay", c.Delay, "least time between requests to one host")
	fs.DurationVar(&c.Timeout, "timeout", c.Timeout, "time limit of one request; 0 means 30s")
	fs.Var((*listFlag)(&c.AllowHosts), "allow-host", "fetch from this host even when it is loopback or private (repeatable)")
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
	return errors.Join(errs...)
}

func (c *Config) maxPages() int {
	if c.MaxPages == 0 {
		return defaultMaxPages
	}
	return c.MaxPages
}

// parseSeed parses a seed URL: absolute, http or https.
func parseSeed(s string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("seed %q: %w", s, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("seed %q is not an absolute http or https URL", s)
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	*l = append(*l, s)
	return nil
}
