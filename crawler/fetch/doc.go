// Package fetch gets web pages for the crawler, politely: it obeys each
// site's robots.txt (a 4xx robots.txt allows everything; while one answers
// 5xx or 429 or cannot be reached, nothing on the host is fetched and
// ErrRobotsUnavailable says to try again later; a longer Crawl-delay wins
// over the configured delay, and one beyond Config.MaxCrawlDelay refuses
// the host), keeps at most Config.PerHost requests in flight to a host
// with a delay between requests on each slot, sends a User-Agent naming
// the crawler and where to learn about it, sends validators back
// (If-None-Match, If-Modified-Since; a redirect's target its own) so an
// unchanged page costs a 304, bounds each request's connect time, total
// time and body size (the size both as sent and after decompression, so a
// gzip bomb stops at the cap), follows at most five redirects, each
// checked again like the first URL, accepts only HTML, and refuses to
// connect to any address outside the public internet (loopback, private,
// link-local, unspecified, reserved and documentation ranges, and IPv6
// addresses carrying such an IPv4 one; after resolving the name, and
// after every redirect) unless the host is allowed by name.
//
// A Fetcher does not retry: it says what failed, and Temporary and
// StatusError.RetryAfter tell the caller whether and when to try again,
// so that retries can be scheduled (and remembered) by the crawl. A
// Recorder, when configured, is handed every exchange as it went over the
// wire, for an archive: answers refused for their size or type too, their
// body left out (Exchange.Truncated) when it was not read whole.
//
// Fetching is kept apart from extraction (package extract), which is a pure
// function of the page.
//
//	f := fetch.New(fetch.Config{Delay: time.Second})
//	resp, err := f.Get(ctx, u, fetch.Validators{ETag: etag})
//	switch {
//	case errors.Is(err, fetch.ErrDisallowed): // skipped by robots.txt
//	case fetch.Temporary(err): // try again later
//	case err != nil: // report and go on
//	case resp.NotModified: // as it was
//	default: // resp.Body is the page
//	}
package fetch
