package extract

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"askedat/index"
)

// geeksforgeeks extracts GeeksforGeeks articles and tag listings. An
// article shows its title in an <h1>, its text in the post's content, and
// says for machines when it was published (article:published_time), in
// which section ("Interview Experiences", "Internship", "Experienced") and
// with which tags (the company). The questions are not marked up: they
// are split out of the rounds text (freeQuestions). An article in another
// section (an algorithm, a puzzle) is not an experience. A listing shows
// post cards (a heading linking to the post, its category) and pagination.
type geeksforgeeks struct{}

// gfgHost is the site's host; a page whose canonical URL is on it, or that
// names the site in og:site_name, is in this format.
const gfgHost = "geeksforgeeks.org"

func (geeksforgeeks) Name() string { return "geeksforgeeks" }

var (
	// gfgSectionRE is a section or category of interview experiences.
	gfgSectionRE = regexp.MustCompile(`(?i)interview|internship|experienced|placement|recruitment`)
	// gfgEndRE is the first line after an article's own text: the site's
	// call for contributions and what follows.
	gfgEndRE = regexp.MustCompile(`(?i)^(?:if you like geeksforgeeks|please write comments if you find|recommended posts?:?$|article tags\s*:|improved by\s*:|related articles?:?$|my personal notes|practice \w[\w ]* interview questions\.?$)`)
	// gfgTopicRE is a tag that names a topic, not a company.
	gfgTopicRE = regexp.MustCompile(`(?i)interview|experience|internship|experienced|placement|^set\b|campus|^marketing$|^sde`)
	// companyBeforeRE is the company at the start of a title: "Microsoft
	// Interview Experience …".
	companyBeforeRE = regexp.MustCompile(`^((?:[A-Z0-9][\w&.'-]*\s+){0,3}?[A-Z0-9][\w&.'-]*)\s+(?:Interview|Internship|Placement|Recruitment|Hiring|Off[- ]Campus|On[- ]Campus|SDE|Online)\b`)
)

func (g geeksforgeeks) Extract(d *Doc) (Result, error) {
	if !hostIs(d.Canonical.Hostname(), gfgHost) && !strings.EqualFold(strings.ReplaceAll(metaContent(d.HTML, "og:site_name"), " ", ""), "GeeksforGeeks") {
		return Result{Kind: Other}, nil
	}
	if links := g.listingLinks(d); links != nil {
		return Result{Kind: Listing, Links: links}, nil
	}
	// A page of the site that is no listing and no experience is the
	// site's, so no other format may take it (the generic one would take a
	// question bank for a post).
	art := g.article(d)
	if art == nil {
		return Result{Kind: Skip}, nil
	}
	title := g.title(d, art)
	if title == "" {
		return Result{Kind: Skip}, nil
	}
	post := art
	if a := goquery.NewDocumentFromNode(art).ParentsFiltered("article").First(); a.Length() > 0 {
		post = a.Get(0)
	}
	section := metaContent(d.HTML, "article:section")
	cats := relTexts(post, "category")
	if !g.isExperience(title, section, cats) {
		return Result{Kind: Skip}, nil // an algorithm, a puzzle, a quiz, a question bank
	}
	e := &index.Experience{
		URL:       d.Canonical.String(),
		Source:    g.Name(),
		Extractor: g.Name(),
		Title:     title,
	}
	e.ID = index.IDForURL(e.URL)
	tags := metaAll(d.HTML, "article:tag")
	for _, t := range relTexts(post, "tag") {
		tags = appendOnce(tags, t)
	}
	e.Company = companyFrom(title, tags)
	if section != "" {
		e.Tags = append(e.Tags, section)
	} else if len(cats) > 0 {
		e.Tags = append(e.Tags, cats[0])
	}
	e.Tags = append(e.Tags, tags...)
	e.Date = pageDate(d)
	e.Role, e.Level, e.Campus = titleFacts(title)
	e.Role = withoutCompany(e.Role, e.Company)
	if e.Level == "" {
		e.Level = levelOfSection(section)
	}

	bs := g.lines(art)
	qs, intro, _ := freeQuestions(bs, baseURL(d))
	e.Questions = qs
	e.Summary = paragraphs(intro)
	e.Body = paragraphs(bs)
	index.Normalize(e)
	if err := e.Validate(); err != nil {
		return Result{}, err
	}
	return Result{Kind: Post, Experiences: []*index.Experience{e}}, nil
}

// isExperience reports whether an article is an interview experience: its
// section or category says so, or, when it names none, its title does.
func (geeksforgeeks) isExperience(title, section string, cats []string) bool {
	if section != "" || len(cats) > 0 {
		if gfgSectionRE.MatchString(section) {
			return true
		}
		for _, c := range cats {
			if gfgSectionRE.MatchString(c) {
				return true
			}
		}
		return false
	}
	return wordIn(title, "interview")
}

// levelOfSection returns the level an article's section implies.
func levelOfSection(section string) string {
	switch {
	case internRE.MatchString(section):
		return "Intern"
	case strings.Contains(strings.ToLower(section), "experienced"):
		return "Experienced"
	}
	return ""
}

// article returns the element that holds the article's own text: the
// post's content, else the article, else the page's main part.
func (geeksforgeeks) article(d *Doc) *html.Node {
	for _, sel := range []string{"article .entry-content", ".entry-content", "article .text", "article", "main", "#content"} {
		if s := d.HTML.Find(sel).First(); s.Length() > 0 {
			return s.Get(0)
		}
	}
	return nil
}

// title returns the article's title: its <h1>, else og:title or <title>
// without the site's name.
func (geeksforgeeks) title(d *Doc, art *html.Node) string {
	for _, sel := range []string{"h1.entry-title", "article h1", ".article-title h1", "h1"} {
		if s := d.HTML.Find(sel).First(); s.Length() > 0 {
			if t := index.CleanSpace(s.Text()); t != "" {
				return t
			}
		}
	}
	for _, t := range []string{metaContent(d.HTML, "og:title"), d.HTML.Find("title").First().Text()} {
		if t = withoutSiteName(t, "GeeksforGeeks"); t != "" {
			return t
		}
	}
	return ""
}

// lines returns the lines of the article's own text, up to the site's
// call for contributions.
func (geeksforgeeks) lines(art *html.Node) []block {
	bs := blocks(art)
	for i, b := range bs {
		if gfgEndRE.MatchString(b.text) {
			return bs[:i]
		}
	}
	return bs
}

// relTexts returns the texts of the links inside n marked rel="category"
// or rel="tag" (the key), each once.
func relTexts(n *html.Node, key string) []string {
	var out []string
	goquery.NewDocumentFromNode(n).Find("a[rel]").Each(func(_ int, s *goquery.Selection) {
		if hasToken(s.AttrOr("rel", ""), key) {
			out = appendOnce(out, index.CleanSpace(s.Text()))
		}
	})
	// WordPress marks a category link rel="category tag": not a tag.
	if key == "tag" {
		cats := relTexts(n, "category")
		out = slicesDelete(out, cats)
	}
	return out
}

func slicesDelete(vs, drop []string) []string {
	var out []string
	for _, v := range vs {
		keep := true
		for _, d := range drop {
			if strings.EqualFold(v, d) {
				keep = false
			}
		}
		if keep {
			out = append(out, v)
		}
	}
	return out
}

// appendOnce appends v to vs unless it is empty or there already, ignoring
// case.
func appendOnce(vs []string, v string) []string {
	if v == "" {
		return vs
	}
	for _, x := range vs {
		if strings.EqualFold(x, v) {
			return vs
		}
	}
	return append(vs, v)
}

// companyFrom returns the company a post is about: the first of its tags
// that its title names, else the first tag that is not a topic, else the
// words its title starts with before "Interview".
func companyFrom(title string, tags []string) string {
	for _, t := range tags {
		if wordIn(title, t) && !gfgTopicRE.MatchString(t) {
			return spellingIn(title, t)
		}
	}
	for _, t := range tags {
		if !gfgTopicRE.MatchString(t) {
			return t
		}
	}
	if m := companyBeforeRE.FindStringSubmatch(title); m != nil {
		return m[1]
	}
	return ""
}

// pageDate returns the date a page was published as YYYY-MM-DD: from
// article:published_time, JSON-LD datePublished, or the first <time>.
func pageDate(d *Doc) string {
	for _, k := range []string{"article:published_time", "datePublished", "date", "pubdate"} {
		if v := isoDate(metaContent(d.HTML, k)); v != "" {
			return v
		}
	}
	for _, o := range jsonLD(d.HTML) {
		if v := isoDate(ldText(o["datePublished"])); v != "" {
			return v
		}
	}
	if t, ok := d.HTML.Find("time[datetime]").First().Attr("datetime"); ok {
		return looseDate(t)
	}
	return ""
}

// listingLinks returns the posts and the further pages of a listing, or nil
// when the page is not one. A listing shows two or more post cards: an
// <article> (or a post's box) with a heading that links to the post and no
// post text. A card's link is a post when its category or title speaks of
// interviews, else a page to look at (an algorithm tagged with the
// company is not an experience). Pagination is the links marked rel
// next/prev, or that read as page numbers or "Next"/"Last" in the page's
// pagination.
func (geeksforgeeks) listingLinks(d *Doc) []Link {
	base := baseURL(d)
	hosts := []string{d.URL.Host, d.Canonical.Host}
	var posts, pages []Link
	seen := map[string]bool{d.URL.String(): true, d.Canonical.String(): true}
	add := func(to *[]Link, href string, kind Kind) {
		u, ok := sameSiteLink(base, href, hosts)
		if !ok || seen[u.String()] {
			return
		}
		seen[u.String()] = true
		*to = append(*to, Link{URL: u, Kind: kind})
	}
	cards := d.HTML.Find("article, .post")
	n := 0
	cards.Each(func(_ int, card *goquery.Selection) {
		if card.Find(".entry-content").Length() > 0 || card.ParentsFiltered("article, .post").Length() > 0 {
			return
		}
		a := card.Find("h1 a[href], h2 a[href], h3 a[href], .entry-title a[href]").First()
		if a.Length() == 0 || hiddenOrScript(a.Get(0)) {
			return
		}
		n++
		kind := Other
		heading := index.CleanSpace(a.Text())
		cats := relTexts(card.Get(0), "category")
		if len(cats) > 0 {
			for _, c := range cats {
				if gfgSectionRE.MatchString(c) {
					kind = Post
				}
			}
		} else if wordIn(heading, "interview") {
			kind = Post
		}
		add(&posts, a.AttrOr("href", ""), kind)
	})
	if n < 2 {
		return nil
	}
	d.HTML.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		if hiddenOrScript(s.Get(0)) || hasToken(s.AttrOr("rel", ""), "nofollow") {
			return
		}
		rel := s.AttrOr("rel", "")
		inPager := s.ParentsFiltered(pagerSel).Length() > 0
		if hasToken(rel, "next") || hasToken(rel, "prev") || inPager && pageText(s.Text()) {
			add(&pages, s.AttrOr("href", ""), Listing)
		}
	})
	return append(posts, pages...)
}

// pagerSel finds the elements that hold a page's pagination.
const pagerSel = `[class*="pagination"], [class*="pagenavi"], [class*="page-numbers"], [class*="pager"], [class*="nav-links"], ` +
	`[id*="pagination"], [role="navigation"], nav, [aria-label*="agination"], [data-test="pagination"]`

// pageText reports whether a link's text reads as pagination: a page
// number, an arrow, "Next", "« First", "Last »", "Older posts".
func pageText(s string) bool {
	s = index.CleanSpace(s)
	if s == "" {
		return false
	}
	s = strings.ToLower(strings.Trim(s, "‹›«»←→<>.… "))
	if s == "" {
		return true // an arrow alone
	}
	if strings.Trim(s, "0123456789") == "" {
		return true
	}
	switch s {
	case "next", "prev", "previous", "first", "last", "older", "newer", "older posts", "newer posts",
		"next page", "previous page", "older entries", "newer entries":
		return true
	}
	return false
}

// sameSiteLink resolves href against base and reports whether it is an
// http(s) page on one of hosts, without its fragment.
func sameSiteLink(base *url.URL, href string, hosts []string) (*url.URL, bool) {
	ref, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return nil, false
	}
	u := base.ResolveReference(ref)
	u.Fragment, u.RawFragment = "", ""
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, false
	}
	for _, h := range hosts {
		if strings.EqualFold(u.Host, h) {
			return u, true
		}
	}
	return nil, false
}
