package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/askedat/askedat"
	"io"
	"log/slog"
	"maps"
	"net/url"
	"slices"

	"github.com/askedat/askedat/crawler/archive"
	"github.com/askedat/askedat/crawler/extract"
	"github.com/askedat/askedat/crawler/fetch"
	"github.com/askedat/askedat/crawler/urlnorm"
	"github.com/askedat/askedat/internal/cli"
)

const extractUsage = `usage: crawler extract -archive DIR -out FILE.jsonl [-v] [-log-format text|json]

Extract makes the documents again from a crawl's WARC archive, with no
network: for every URL it takes the last answer archived (a 304 keeps the
answer before it, and so does a 5xx, 429 or 408), extracts the pages that
are HTML and were answered 2xx (an answer the crawl refused as too large
or not HTML is archived, and refused here too), and writes each post found once (the first
URL to give an experience id wins, as in the crawl) to -out, in id order,
as the crawl does. Run it after changing an extractor. It reports what it
read: files, records, URLs, posts, listings, pages skipped and why, errors.

-archive is the folder of WARC files (DIR/warc of "crawler -crawl-dir DIR",
or DIR itself: subfolders are read too). Files a crash left open are read
up to their last whole record and left as they are. The log (each error, a
record a page with -v, the summary) goes to stderr.

Flags:
  -archive DIR   the WARC files to read (required)
  -out FILE      the JSON Lines file to write (required)
  -v             log every page
  -log-format F  text (key=value, the default) or json (one object a line)
  -log-level L   debug, info (the default), warn (page errors only) or error
  -config FILE   read settings from a TOML file, each key a flag's name
  -print-config  print every setting, its value and where it came from, and exit
  -version       print the version and build of crawler, and exit

Every flag may also be set by ASKEDAT_ and its name in capitals
(ASKEDAT_ARCHIVE), or in the -config file; a flag wins over the
environment, which wins over the file.
`

// An extractReport says what extraction over an archive did.
type extractReport struct {
	archive.Stats
	URLs        int // distinct URLs with an answer
	Posts       int
	Listings    int
	Skipped     int // pages of a known site that are no experience
	Other       int
	Duplicates  int
	NotOK       int // last answer not 2xx (a 404, a redirect)
	NotHTML     int
	TooLarge    int // last answer over the size cap (archived truncated)
	Errors      []PageError
	Experiences int // written
}

func (r *extractReport) summary() string {
	s := fmt.Sprintf("read %d files, %d records (%d responses, %d revisits), %d URLs; "+
		"%d posts, %d listings, %d skipped, %d other pages, %d not 2xx, %d not HTML, %d too large, %d duplicates, %d errors; "+
		"wrote %d experiences",
		r.Files, r.Records, r.Responses, r.Revisits, r.URLs, r.Posts, r.Listings, r.Skipped, r.Other,
		r.NotOK, r.NotHTML, r.TooLarge, r.Duplicates, len(r.Errors), r.Experiences)
	if len(r.Damaged) > 0 {
		s += fmt.Sprintf(" (%d files end in a broken record)", len(r.Damaged))
	}
	return s
}

// runExtract is the extract command.
func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("crawler extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(fs.Output(), extractUsage) }
	var dir, out string
	var verbose bool
	var lc cli.LogConfig
	fs.StringVar(&dir, "archive", "", "the WARC files to read")
	fs.StringVar(&out, "out", "", "the JSON Lines file to write")
	fs.BoolVar(&verbose, "v", false, "log every page")
	lc.Flags(fs, "debug, info, warn (page errors only), error")
	check := func() error {
		var errs []error
		if dir == "" {
			errs = append(errs, errors.New("no -archive given"))
		}
		if out == "" {
			errs = append(errs, errors.New("no -out given"))
		}
		if err := lc.Check(); err != nil {
			errs = append(errs, err)
		}
		return errors.Join(errs...)
	}
	if err := cli.ParseConfigured(fs, args, stdout, check); err != nil {
		return cli.ExitCode(err)
	}
	lg := lc.New(stderr)
	rep, err := extractArchive(ctx, dir, out, extractPage, lg, verbose)
	if rep != nil {
		lg.Info(rep.summary())
	}
	if err != nil {
		fmt.Fprintf(stderr, "crawler extract: %v\n", err)
		return 1
	}
	return 0
}

// extractArchive extracts the last answer of every URL archived under dir
// and writes the posts to path.
func extractArchive(ctx context.Context, dir, path string, ex func(*url.URL, []byte) (extract.Result, error), lg *slog.Logger, verbose bool) (*extractReport, error) {
	files, err := archive.Files(dir)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no WARC files under %s", dir)
	}
	out, err := createOutput(path)
	if err != nil {
		return nil, err
	}
	rep := &extractReport{}
	docs := make(map[string]*askedat.Experience)
	st, err := archive.Latest(dir, func(u *url.URL) string { return urlnorm.String(u.String()) }, func(p *archive.Page) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		rep.URLs++
		u, err := urlnorm.Normalize(p.URL)
		if err != nil {
			u = p.URL
		}
		if p.Status < 200 || p.Status > 299 {
			rep.NotOK++
			return nil
		}
		// The crawl refused these answers, and so does extraction: the
		// archive holds them so that an older answer of the page is not
		// taken for its last.
		body, err := archivedBody(p)
		switch {
		case errors.Is(err, fetch.ErrTooLarge):
			rep.TooLarge++
			return nil
		case errors.Is(err, fetch.ErrNotHTML):
			rep.NotHTML++
			return nil
		case err != nil:
			rep.Errors = append(rep.Errors, PageError{URL: u.String(), Err: err})
			lg.Warn("error", "url", u.String(), "err", err)
			return nil
		}
		res, err := ex(u, body)
		if err != nil {
			rep.Errors = append(rep.Errors, PageError{URL: u.String(), Err: err})
			lg.Warn("error", "url", u.String(), "err", err)
			return nil
		}
		if verbose {
			lg.Info("extracted", "url", u.String(), "kind", res.Kind.String())
		}
		switch res.Kind {
		case extract.Post:
			rep.Posts++
			for _, e := range res.Experiences {
				if docs[e.ID] != nil {
					rep.Duplicates++
					continue
				}
				docs[e.ID] = e
			}
		case extract.Listing:
			rep.Listings++
		case extract.Skip:
			rep.Skipped++
		default:
			rep.Other++
		}
		return nil
	})
	rep.Stats = st
	if err != nil {
		out.Abort()
		return rep, fmt.Errorf("read the archive: %w", err)
	}
	for _, id := range slices.SortedFunc(maps.Keys(docs), cmp.Compare[string]) {
		if err := out.Write(docs[id]); err != nil {
			out.Abort()
			return rep, fmt.Errorf("write output: %w", err)
		}
		rep.Experiences++
	}
	if err := out.Commit(); err != nil {
		return rep, err
	}
	return rep, nil
}
