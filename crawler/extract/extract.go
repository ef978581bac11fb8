package extract

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/askedat/askedat"
)

// A Kind says what a page is to the crawler.
type Kind int

// The values are stored (a link's Kind is what the crawl state remembers
// a link promised), so a new Kind goes at the end.
const (
	// Other is a page no extractor recognised: not in any site's format.
	// Nothing is taken from it but its SiteLinks.
	Other Kind = iota
	// Post is one interview experience.
	Post
	// Listing is a page of links to posts (and to further listing pages).
	Listing
	// Skip is a page a site extractor recognised as its site's but that
	// holds nothing to emit: a GeeksforGeeks algorithm article or question
	// bank, an empty article, a Glassdoor page of salaries. No other
	// extractor is tried, and it leads nowhere: no Links, no SiteLinks (the
	// site's menus would walk the whole site; its posts are reached from
	// its listings).
	Skip
)

func (k Kind) String() string {
	switch k {
	case Post:
		return "post"
	case Listing:
		return "listing"
	case Skip:
		return "skip"
	}
	return "other"
}

// A Result is what extraction found on a page.
type Result struct {
	Kind Kind
	// Extractor names the extractor that recognised the page (for Skip
	// too), or "" for Other.
	Extractor string
	// Experiences are the posts found, each normalised with
	// askedat.Normalize; set for Post. A post page holds one; a page of
	// reviews (Glassdoor) holds one for each review.
	Experiences []*askedat.Experience
	// Links are the pages a Listing leads to: its posts, then its other
	// listing pages; absolute, without fragments, each once. A Post may
	// have Links too: the further pages of a page of reviews.
	Links []Link
	// SiteLinks are, for a Listing or an Other page (a home page, a hub),
	// every link to what may be a page on the same host, so a crawl seeded
	// anywhere on a site finds its listings. Posts have none: their posts
	// are reached from listings.
	SiteLinks []Link
}

// A Link is a page a listing leads to, and what it is expected to be.
type Link struct {
	URL *url.URL
	// Kind is Post for a link to a post, Listing for pagination, Other for
	// a link from an Other page. A page linked as a post that does not
	// extract as one is broken.
	Kind Kind
}

// A Doc is a parsed page handed to extractors.
type Doc struct {
	// URL is the address the page was fetched from.
	URL *url.URL
	// Canonical is the page's <link rel="canonical"> resolved against URL,
	// or URL itself when the page names none.
	Canonical *url.URL
	// HTML is the parsed page.
	HTML *goquery.Document

	blocks []block // visible text, computed on first use
}

// text returns the page's visible text in reading order, one block a
// paragraph, heading or list item. It is computed once.
func (d *Doc) text() []block {
	if d.blocks == nil {
		d.blocks = blocks(d.HTML.Nodes[0])
	}
	return d.blocks
}

// An Extractor knows one site's format.
type Extractor interface {
	// Name names the format; it is also the Source of the experiences found.
	Name() string
	// Extract reports what d is. It returns a Result of Kind Other when d is
	// not in its format, so the next extractor may try; Skip when d is in
	// its format but holds nothing to emit, which ends the search; and an
	// error when d is in its format but broken (a post without its
	// questions, say).
	Extract(d *Doc) (Result, error)
}

// extractors are tried in order; the first that recognises a page wins.
// A new site format is one more entry here, before the generic fallback.
// The site formats that know their site by its canonical host or name go
// first.
// interviewExperiences takes any page linking to paths shaped like its
// posts (/experience/{company}/{slug}) on the same host for a listing, so
// a format whose pages look like that goes before it.
var extractors = []Extractor{
	geeksforgeeks{},
	glassdoor{},
	interviewExperiences{},
	generic{},
}

// Page extracts what the page body, fetched from u, holds. The extractor is
// chosen from the page itself (its canonical URL and its structure), never
// from the host it was fetched from, so a copy of a site served from
// elsewhere extracts the same. A page no extractor recognises, garbage bytes
// included, is a Result of Kind Other; a page that is recognised but broken
// is an error.
func Page(u *url.URL, body []byte) (Result, error) {
	return extractWith(extractors, u, body)
}

func extractWith(exs []Extractor, u *url.URL, body []byte) (_ Result, err error) {
	if u == nil {
		return Result{}, fmt.Errorf("extract: no page URL")
	}
	// A page is hostile input: a bug it trips in an extractor is that
	// page's error, not the end of the crawl.
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("extract: panic on the page: %v", p)
		}
	}()
	root, err := parse(body)
	if err != nil {
		return Result{}, fmt.Errorf("extract %s: parse html: %w", u, err)
	}
	doc := goquery.NewDocumentFromNode(root)
	doc.Url = u
	d := &Doc{URL: u, Canonical: canonical(doc, u), HTML: doc}
	for _, ex := range exs {
		res, err := ex.Extract(d)
		if err != nil {
			return Result{Extractor: ex.Name()}, fmt.Errorf("%s page: %w", ex.Name(), err)
		}
		if res.Kind == Skip {
			return Result{Kind: Skip, Extractor: ex.Name()}, nil
		}
		if res.Kind != Other {
			res.Extractor = ex.Name()
			for _, e := range res.Experiences {
				if e.Extractor == "" {
					e.Extractor = ex.Name()
				}
				// Every site's posts get what their prose says of the
				// role and the outcome where the page had no value.
				textFacts(e)
			}
			if res.Kind == Listing {
				res.SiteLinks = siteLinks(d)
			}
			return res, nil
		}
	}
	return Result{Kind: Other, SiteLinks: siteLinks(d)}, nil
}

// assetExt lists the endings of paths that are not pages, so the crawler
// does not spend a request (and a delay) to learn that.
var assetExt = []string{".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico", ".css", ".js",
	".pdf", ".zip", ".gz", ".mp3", ".mp4", ".woff", ".woff2", ".ttf", ".xml", ".json", ".txt"}

// siteLinks returns the links of d to other pages on its own host, leaving
// out hidden and rel="nofollow" links and links to files that are not pages.
func siteLinks(d *Doc) []Link {
	var out []Link
	seen := map[string]bool{}
	d.HTML.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		if hiddenOrScript(s.Get(0)) || hasToken(s.AttrOr("rel", ""), "nofollow") {
			return
		}
		ref, err := url.Parse(strings.TrimSpace(s.AttrOr("href", "")))
		if err != nil {
			return
		}
		u := d.URL.ResolveReference(ref)
		u.Fragment, u.RawFragment = "", ""
		if u.Scheme != "http" && u.Scheme != "https" || !strings.EqualFold(u.Host, d.URL.Host) {
			return
		}
		lower := strings.ToLower(u.Path)
		for _, ext := range assetExt {
			if strings.HasSuffix(lower, ext) {
				return
			}
		}
		if key := u.String(); !seen[key] && key != d.URL.String() {
			seen[key] = true
			out = append(out, Link{URL: u, Kind: Other})
		}
	})
	return out
}

// canonical returns the page's canonical URL: its <link rel="canonical">
// (resolved against u when relative, and only when it is http or https),
// else u; either way without a fragment.
func canonical(doc *goquery.Document, u *url.URL) *url.URL {
	c := *u
	doc.Find("link[href]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if !hasToken(s.AttrOr("rel", ""), "canonical") {
			return true
		}
		ref, err := url.Parse(strings.TrimSpace(s.AttrOr("href", "")))
		if err != nil {
			return true
		}
		abs := u.ResolveReference(ref)
		if abs.Scheme != "http" && abs.Scheme != "https" || abs.Host == "" {
			return true
		}
		c = *abs
		return false
	})
	c.Fragment, c.RawFragment = "", ""
	return &c
}

// hasToken reports whether the space-separated list s holds tok, ignoring case.
func hasToken(s, tok string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// metaContent returns the content of the first <meta> whose property or name
// is key.
func metaContent(doc *goquery.Document, key string) string {
	var v string
	doc.Find("meta").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if strings.EqualFold(s.AttrOr("property", ""), key) || strings.EqualFold(s.AttrOr("name", ""), key) {
			v = strings.TrimSpace(s.AttrOr("content", ""))
			return false
		}
		return true
	})
	return v
}
