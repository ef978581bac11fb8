// Package fetch gets web pages for the crawler, politely: it obeys each
// site's robots.txt (a 4xx robots.txt allows everything; a 5xx or an
// unreachable one disallows everything; a longer Crawl-delay wins over the
// configured delay), keeps a delay between requests to one host, sends a
// User-Agent naming the crawler, bounds each request's connect time, total
// time and body size, follows at most a few redirects and only where
// allowed, accepts only HTML, and refuses to connect to loopback, private,
// link-local and unspecified addresses unless the host is allowed by name.
//
// Fetching is kept apart from extraction (package extract), which is a pure
// function of the page.
//
//	f := fetch.New(fetch.Config{Delay: time.Second})
//	resp, err := f.Fetch(ctx, u)
//	switch {
//	case errors.Is(err, fetch.ErrDisallowed): // skipped by robots.txt
//	case err != nil: // report and go on
//	default: // resp.Body is the page
//	}
package fetch
