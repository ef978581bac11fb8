package extract

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/askedat/askedat"
)

// geeksforgeeks extracts GeeksforGeeks articles and tag listings. An
// article shows its title in an <h1>, its text in the post's content, and
// says for machines when it was published (article:published_time or
// JSON-LD datePublished; readers see "Last Updated"), in which section
// ("Interview Experiences", "Internship", "Experienced") and with which
// tags (the company, as rel=tag links or links to the site's /tag/ pages).
// The questions are not marked up: they are split out of the rounds text
// (freeQuestions). An article in another section (an algorithm, a puzzle,
// a question bank) is not an experience, and neither is an article with
// no text. A listing shows post cards (a heading linking to the post, its
// category) and pagination. Both the site's 2017 layout (WordPress,
// article .entry-content) and today's (.article-title h1, div.text,
// JSON-LD, cards that are no <article>) are read.
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
	gfgTopicRE = regexp.MustCompile(`(?i)interview|experience|internship|experienced|placement|^set\b|campus|^sde`)
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
	if section == "" {
		section = ldSection(d.HTML)
	}
	cats := terms(post, "category")
	if !g.isExperience(title, section, cats) {
		return Result{Kind: Skip}, nil // an algorithm, a puzzle, a quiz, a question bank
	}
	e := &askedat.Experience{
		URL:       d.Canonical.String(),
		Source:    g.Name(),
		Extractor: g.Name(),
		Title:     title,
	}
	e.ID = askedat.IDForURL(e.URL)
	tags := metaAll(d.HTML, "article:tag")
	for _, t := range terms(post, "tag") {
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
	if e.Date == "" {
		e.Date = updatedDate(art, post)
	}
	e.Role, e.Level, e.Campus = titleFacts(title)
	e.Role = withoutCompany(e.Role, e.Company)
	if e.Level == "" && !fullTimeRE.MatchString(title) {
		e.Level = levelOfSection(section) // not for "Set 314 (For FTE)" filed under Internship
	}

	bs := g.lines(art)
	qs, intro, _ := freeQuestions(bs, baseURL(d))
	if len(bs) == 0 && len(qs) == 0 {
		return Result{Kind: Skip}, nil // an article with no text (a picture of one)
	}
	e.Questions = qs
	e.Summary = paragraphs(intro)
	e.Body = paragraphs(bs)
	askedat.Normalize(e)
	if err := e.Validate(); err != nil {
		return Result{}, err
	}
	return Result{Kind: Post, Experiences: []*askedat.Experience{e}}, nil
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
	for _, sel := range []string{"article .entry-content", ".entry-content", "article .text", "div.text", "article", "main", "#content"} {
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
			if t := askedat.CleanSpace(s.Text()); t != "" {
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
			out = appendOnce(out, askedat.CleanSpace(s.Text()))
		}
	})
	// WordPress marks a category link rel="category tag": not a tag.
	if key == "tag" {
		cats := relTexts(n, "category")
		out = slicesDelete(out, cats)
	}
	return out
}

// terms returns the post's categories or tags (key "category" or "tag"):
// the links inside n marked so (relTexts), and the links to the site's own
// pages of them (/category/…, /tag/…), as today's layout shows its tag
// strip; each once.
func terms(n *html.Node, key string) []string {
	out := relTexts(n, key)
	goquery.NewDocumentFromNode(n).Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		if hiddenOrScript(s.Get(0)) {
			return
		}
		ref, err := url.Parse(strings.TrimSpace(s.AttrOr("href", "")))
		if err != nil || ref.Host != "" && !hostIs(ref.Hostname(), gfgHost) {
			return
		}
		if first, _, _ := strings.Cut(strings.TrimPrefix(ref.Path, "/"), "/"); first == key {
			out = appendOnce(out, askedat.CleanSpace(s.Text()))
		}
	})
	if key == "tag" {
		out = slicesDelete(out, relTexts(n, "category"))
	}
	return out
}

// ldSection returns the section the page's JSON-LD gives the article
// (articleSection), or "".
func ldSection(doc *goquery.Document) string {
	for _, o := range jsonLD(doc) {
		if v := ldText(o["articleSection"]); v != "" {
			return v
		}
	}
	return ""
}

// updatedRE is the date an article shows its readers: "Last Updated : 01
// Mar, 2024".
var updatedRE = regexp.MustCompile(`(?i)^(?:last\s+)?updated\s*:?\s*(.+)$`)

// updatedDate returns the date an article shows as last updated, read from
// the lines of post before its text (art), or "". Used when the page gives
// machines no date: the day it was last changed is the closest to its
// publication a reader is told.
func updatedDate(art, post *html.Node) string {
	bs := blocks(post)
	for i, b := range bs {
		if b.node == art || isAncestor(art, b.node) {
			break
		}
		t := b.text
		if strings.EqualFold(strings.TrimRight(strings.TrimSpace(t), ": "), "last updated") && i+1 < len(bs) {
			t += " " + bs[i+1].text
		}
		if m := updatedRE.FindStringSubmatch(strings.TrimSpace(t)); m != nil {
			if v := visibleDate(strings.ReplaceAll(m[1], ",", "")); v != "" {
				return v
			}
		}
	}
	return ""
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

// companyFrom returns the company a post is about: the tag its title names
// where titles name the company ("Acme Interview Experience …",
// "Interview Experience at Acme …"), else the first of its tags that its
// title names, else the first tag that is not a topic, else the company
// the title names in those places.
func companyFrom(title string, tags []string) string {
	named := titleCompanies(title)
	for _, c := range named {
		for _, t := range tags {
			if strings.EqualFold(c, t) && !gfgTopicRE.MatchString(t) {
				return spellingIn(title, t)
			}
		}
	}
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
	if len(named) > 0 {
		return named[0]
	}
	return ""
}

// jobWordRE is a word that starts what a title says of the job after the
// company's name ("at Acme SDE Intern", "at Acme Software Engineer").
var jobWordRE = regexp.MustCompile(`(?i)^(?:sde|sdet|swe|sre|intern|internship|interns|software|senior|junior|staff|principal|lead|engineer|developer|analyst|fte|full|part|summer|winter|off|on|campus|off-campus|on-campus|online|oa|round|rounds|interview|interviews|experience|\d{4}|\(.*)\b`)

// notCompanyRE is a word before "Interview" that is no company's name.
var notCompanyRE = regexp.MustCompile(`(?i)^(?:my|our|the|a|an|his|her|their|first|recent|latest|another|final|technical|hr|online|phone|campus)$`)

// titleCompanies returns the companies a title names where titles name
// them: before "Interview …" at its start, and after "at" ("Interview
// Experience at Acme"), without the words about the job that follow.
func titleCompanies(title string) []string {
	var out []string
	if m := companyBeforeRE.FindStringSubmatch(title); m != nil {
		words := strings.Fields(m[1])
		for len(words) > 0 && notCompanyRE.MatchString(words[0]) {
			words = words[1:] // "My Interview Experience …"
		}
		if len(words) > 0 {
			out = append(out, strings.Join(words, " "))
		}
	}
	if m := atCompanyRE.FindStringSubmatch(title); m != nil {
		words := strings.Fields(m[1])
		n := 1
		for n < len(words) && !jobWordRE.MatchString(words[n]) {
			n++
		}
		out = append(out, strings.TrimRight(strings.Join(words[:n], " "), ".,:;"))
	}
	return out
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
	var cards []card
	d.HTML.Find("article, .post").Each(func(_ int, c *goquery.Selection) {
		if c.Find(".entry-content").Length() > 0 || c.ParentsFiltered("article, .post").Length() > 0 {
			return
		}
		a := c.Find("h1 a[href], h2 a[href], h3 a[href], .entry-title a[href]").First()
		if a.Length() == 0 || hiddenOrScript(a.Get(0)) {
			return
		}
		cards = append(cards, card{c.Get(0), a.Get(0)})
	})
	if len(cards) < 2 && d.HTML.Find(".entry-content, article .text, div.text").Length() == 0 {
		cards = repeatedCards(d, base, hosts)
	}
	if len(cards) < 2 {
		return nil
	}
	for _, c := range cards {
		kind := Other
		heading := askedat.CleanSpace(nodeText(c.link))
		cats := relTexts(c.node, "category")
		if len(cats) > 0 {
			for _, cat := range cats {
				if gfgSectionRE.MatchString(cat) {
					kind = Post
				}
			}
		} else if wordIn(heading, "interview") {
			kind = Post
		}
		href, _ := attr(c.link, "href")
		add(&posts, href, kind)
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

// A card is one post on a listing: its element and the link to the post.
type card struct {
	node, link *html.Node
}

// minCardWords is the fewest words a link's text has to be a post's title
// on a card rather than a menu entry ("DSA", "Read more").
const minCardWords = 3

// repeatedCards finds the post cards of a listing that marks them with no
// <article>: boxes side by side under one parent, alike (the same element
// and class), each holding one link to a page of the site whose text reads
// as a title, and more text than the link (a date, a summary). Links in
// the page's chrome (header, nav, footer, aside) and menus (a list of
// links alone) are no cards.
func repeatedCards(d *Doc, base *url.URL, hosts []string) []card {
	var links []*html.Node
	d.HTML.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		n := s.Get(0)
		if inChrome(n) || hasToken(s.AttrOr("rel", ""), "nofollow") {
			return
		}
		if t := askedat.CleanSpace(s.Text()); len(strings.Fields(t)) < minCardWords || pageText(t) {
			return
		}
		if _, ok := sameSiteLink(base, s.AttrOr("href", ""), hosts); ok {
			links = append(links, n)
		}
	})
	// A link's card is the largest box around it that holds no other
	// title link.
	byParent := map[*html.Node][]card{}
	var parents []*html.Node
	for _, a := range links {
		href, _ := attr(a, "href")
		box := a
		for p := a.Parent; p != nil && p.Type == html.ElementNode && p.DataAtom != atom.Body; p = p.Parent {
			if holdsOtherLink(p, links, href) {
				break
			}
			box = p
		}
		// A card shows more than its title (a date, a summary); a menu
		// entry is its link alone.
		if box == a || box.Parent == nil || len(strings.Fields(nodeText(box))) <= len(strings.Fields(nodeText(a))) {
			continue
		}
		if byParent[box.Parent] == nil {
			parents = append(parents, box.Parent)
		}
		byParent[box.Parent] = append(byParent[box.Parent], card{box, a})
	}
	var out []card
	for _, p := range parents {
		cs := byParent[p]
		if len(cs) < 2 {
			continue
		}
		alike := true
		for _, c := range cs[1:] {
			if c.node.Data != cs[0].node.Data || classOf(c.node) != classOf(cs[0].node) {
				alike = false
			}
		}
		if alike {
			out = append(out, cs...)
		}
	}
	return out
}

// holdsOtherLink reports whether n holds one of links that goes somewhere
// other than href.
func holdsOtherLink(n *html.Node, links []*html.Node, href string) bool {
	for _, l := range links {
		if h, _ := attr(l, "href"); h != href && isAncestor(n, l) {
			return true
		}
	}
	return false
}

// inChrome reports whether n sits in the page's chrome (its header, menus,
// footer, sidebars) or out of a reader's view.
func inChrome(n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p.Type != html.ElementNode {
			continue
		}
		if skipped(p) || p.DataAtom == atom.Header {
			return true
		}
		switch role, _ := attr(p, "role"); strings.ToLower(role) {
		case "navigation", "banner", "contentinfo", "complementary":
			return true
		}
	}
	return false
}

func classOf(n *html.Node) string {
	c, _ := attr(n, "class")
	return strings.Join(strings.Fields(c), " ")
}

// nodeText returns the text of n, tidied.
func nodeText(n *html.Node) string {
	return askedat.CleanSpace(goquery.NewDocumentFromNode(n).Text())
}

// pagerSel finds the elements that hold a page's pagination.
const pagerSel = `[class*="pagination"], [class*="pagenavi"], [class*="page-numbers"], [class*="pager"], [class*="nav-links"], ` +
	`[id*="pagination"], [role="navigation"], nav, [aria-label*="agination"], [data-test="pagination"]`

// pageText reports whether a link's text reads as pagination: a page
// number, an arrow, "Next", "« First", "Last »", "Older posts".
func pageText(s string) bool {
	s = askedat.CleanSpace(s)
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
