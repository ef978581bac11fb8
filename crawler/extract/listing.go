package extract

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/askedat/askedat"
)

var (
	// postPathRE is the site's address of a post: /experience/{company}/{slug}.
	postPathRE = regexp.MustCompile(`^/experience/[^/]+/[^/]+/?$`)
	// cardStatsRE is what a listing card shows under a post's title.
	cardStatsRE = regexp.MustCompile(`(?i)\b\d[\d,]*\s+(?:reads?|questions?)\b`)
	// pageLinkRE is the text of a pagination link.
	pageLinkRE = regexp.MustCompile(`(?i)^(?:\d{1,5}|next|prev|previous|older|newer|first|last|[‹›«»←→]|next\s*[›»→]|[‹«←]\s*prev(?:ious)?)$`)
)

// listingLinks returns the posts and the further listing pages a listing
// page links to, or nil when the page is not a listing. A post link is a
// link to a post's address on this site, or a link on a card that shows
// "N reads" or "N questions". A pagination link is marked rel="next" or
// "prev", or reads as a page number or "Next"/"Previous". Links marked
// rel="nofollow", hidden links and links to other hosts are left out.
func (interviewExperiences) listingLinks(d *Doc) []Link {
	base := baseURL(d)
	var posts, pages []Link
	seen := map[string]bool{}
	d.HTML.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		n := s.Get(0)
		if hiddenOrScript(n) {
			return
		}
		rel := s.AttrOr("rel", "")
		if hasToken(rel, "nofollow") {
			return
		}
		ref, err := url.Parse(strings.TrimSpace(s.AttrOr("href", "")))
		if err != nil {
			return
		}
		u := base.ResolveReference(ref)
		u.Fragment, u.RawFragment = "", ""
		if u.Scheme != "http" && u.Scheme != "https" || !strings.EqualFold(u.Host, d.URL.Host) {
			return
		}
		key := u.String()
		if seen[key] {
			return
		}
		text := askedat.CleanSpace(s.Text())
		switch {
		case postPathRE.MatchString(u.Path) || onCard(n):
			posts = append(posts, Link{URL: u, Kind: Post})
		case hasToken(rel, "next") || hasToken(rel, "prev") || pageLinkRE.MatchString(text):
			pages = append(pages, Link{URL: u, Kind: Listing})
		default:
			return
		}
		seen[key] = true
	})
	if len(posts) == 0 {
		return nil
	}
	return append(posts, pages...)
}

// onCard reports whether the link a sits on a card that shows a post's
// stats ("72 reads · 25 questions"): some element around a, holding no other
// link to another place, has that text.
func onCard(a *html.Node) bool {
	href, _ := attr(a, "href")
	for n, depth := a, 0; n != nil && depth < 4; n, depth = n.Parent, depth+1 {
		if n.Type != html.ElementNode {
			break
		}
		if depth > 0 && otherLink(n, href) {
			return false
		}
		if cardStatsRE.MatchString(visibleText(n)) {
			return true
		}
	}
	return false
}

// otherLink reports whether n holds a link to somewhere other than href.
func otherLink(n *html.Node, href string) bool {
	if n.Type == html.ElementNode && n.Data == "a" {
		if h, ok := attr(n, "href"); ok && h != href {
			return true
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if otherLink(c, href) {
			return true
		}
	}
	return false
}

// visibleText returns the text a reader sees in n, lines joined by spaces.
func visibleText(n *html.Node) string {
	var b strings.Builder
	for _, bl := range blocks(n) {
		b.WriteString(bl.text)
		b.WriteByte(' ')
	}
	return b.String()
}

// hiddenOrScript reports whether n sits inside something a reader does not
// see. Page chrome (nav, footer) counts as seen here: pagination lives there.
func hiddenOrScript(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n.Type == html.ElementNode && skipped(n) {
			switch n.Data {
			case "nav", "footer", "aside":
				continue
			}
			return true
		}
	}
	return false
}

// baseURL returns the URL relative links resolve against: the page's
// <base href> if it has one, else the URL it was fetched from. Links resolve
// against where the page was found, not its canonical URL, so a copy of a
// site is crawled where it is.
func baseURL(d *Doc) *url.URL {
	if h, ok := d.HTML.Find("base[href]").First().Attr("href"); ok {
		if ref, err := url.Parse(strings.TrimSpace(h)); err == nil {
			return d.URL.ResolveReference(ref)
		}
	}
	return d.URL
}
