package extract

import (
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/askedat/askedat"
)

// glassdoor extracts Glassdoor's pages of interview reviews: a page holds
// about ten reviews and links to the further pages. Each review becomes an
// Experience: the job it was for ("Software Engineer Interview"), its
// date, where the candidate was, the outcome ("No Offer"), how it felt
// ("Positive Experience"), how hard it was ("Average Interview"), how the
// candidate applied (the summary), the process (the body) and the
// questions asked.
//
// It reads the markup, not the page's inline application state
// (window.appCache): that is JavaScript rather than JSON (it holds
// undefined and functions), and its keys are the internals of one release
// of the site's GraphQL client. In the markup a review is found by its
// test hooks (data-test="Interview<id>Container" and the like, which name
// no style and do not change with a redesign), or failing those by its own
// link (/Interview/…-RVW<id>.htm), and its facts by what they say ("No
// Offer", "Positive Experience") wherever they are in it.
type glassdoor struct{}

func (glassdoor) Name() string { return "glassdoor" }

var (
	gdContainerRE = regexp.MustCompile(`^Interview(\d+)Container$`)
	gdBrandRE     = regexp.MustCompile(`interview_id=(\d+)`)
	gdReviewRE    = regexp.MustCompile(`(?i)-RVW(\d+)\.htm`)
	gdQuestionRE  = regexp.MustCompile(`(?i)QTN_\d+\.htm`)
	gdOfferRE     = regexp.MustCompile(`(?i)\b(?:no|accepted|declined)\s+offer\b|^offer$`)
	gdFeelingRE   = regexp.MustCompile(`(?i)\b(?:positive|neutral|negative)\s+experience\b`)
	gdHardRE      = regexp.MustCompile(`(?i)\b(?:very easy|easy|average|difficult|very difficult|hard)\s+interview\b`)
	gdWhoRE       = regexp.MustCompile(`(?i)^(?:anonymous\b.*?|.*\b(?:candidate|employee|interviewee))\s+in\s+(.+)$`)
	gdTitleRE     = regexp.MustCompile(`(?i)^(?:[\d,.]+\s*[KL]?\s+)?(.+?)\s+Interview(?:s|\s+Questions)\b`)
	gdAnswerRE    = regexp.MustCompile(`(?i)^(?:answer question|answer|\d+\s+answers?|add an answer|see answers?.*)$`)
	gdEndRE       = regexp.MustCompile(`(?i)helpful|^report$|^share$`)
)

// glassdoorHost reports whether host is one of Glassdoor's
// (www.glassdoor.com, www.glassdoor.co.in, …).
func glassdoorHost(host string) bool {
	for _, label := range strings.Split(strings.ToLower(host), ".") {
		if label == "glassdoor" {
			return true
		}
	}
	return false
}

func (g glassdoor) Extract(d *Doc) (Result, error) {
	if !glassdoorHost(d.Canonical.Hostname()) && !strings.EqualFold(metaContent(d.HTML, "og:site_name"), "Glassdoor") {
		return Result{Kind: Other}, nil
	}
	reviews := g.reviews(d)
	if len(reviews) == 0 {
		return Result{Kind: Skip}, nil // salaries, an overview, jobs: the site's, but no reviews
	}
	company := g.company(d, reviews[0].node)
	var exps []*askedat.Experience
	for _, r := range reviews {
		e := g.review(d, r, company)
		askedat.Normalize(e)
		if err := e.Validate(); err != nil {
			return Result{}, err
		}
		exps = append(exps, e)
	}
	return Result{Kind: Post, Experiences: exps, Links: g.pages(d)}, nil
}

// A gdReview is one review on the page: its element and its id.
type gdReview struct {
	node *html.Node
	id   string
}

// reviews finds the reviews on the page, in order.
func (glassdoor) reviews(d *Doc) []gdReview {
	var out []gdReview
	seen := map[string]bool{}
	for _, hook := range []struct {
		attr string
		re   *regexp.Regexp
	}{{"data-test", gdContainerRE}, {"data-brandviews", gdBrandRE}} {
		d.HTML.Find("[" + hook.attr + "]").Each(func(_ int, s *goquery.Selection) {
			if m := hook.re.FindStringSubmatch(s.AttrOr(hook.attr, "")); m != nil && !seen[m[1]] {
				seen[m[1]] = true
				out = append(out, gdReview{s.Get(0), m[1]})
			}
		})
		if len(out) > 0 {
			return out
		}
	}
	// No hooks: a review is the largest element around its own link that
	// holds no other review's link.
	d.HTML.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		m := gdReviewRE.FindStringSubmatch(s.AttrOr("href", ""))
		if m == nil || seen[m[1]] || hiddenOrScript(s.Get(0)) {
			return
		}
		n := s.Get(0)
		for p := n.Parent; p != nil && p.Type == html.ElementNode && p.DataAtom.String() != "body"; p = p.Parent {
			if otherReview(p, m[1]) {
				break
			}
			n = p
		}
		seen[m[1]] = true
		out = append(out, gdReview{n, m[1]})
	})
	return out
}

// otherReview reports whether n holds a link to a review other than id.
func otherReview(n *html.Node, id string) bool {
	found := false
	goquery.NewDocumentFromNode(n).Find("a[href]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if m := gdReviewRE.FindStringSubmatch(s.AttrOr("href", "")); m != nil && m[1] != id {
			found = true
		}
		return !found
	})
	return found
}

// company returns the employer the page is about: its <h1> ("Tata
// Consultancy Services Interview Questions"), else the logo beside a
// review, else the page's title.
func (glassdoor) company(d *Doc, review *html.Node) string {
	for _, sel := range []string{`[data-test="PageHeaderH1"]`, "h1"} {
		if t := askedat.CleanSpace(d.HTML.Find(sel).First().Text()); t != "" {
			// "Tata Consultancy Services Interview Questions", or as the
			// site writes it today, "Google interview questions".
			for _, suf := range []string{" interview questions", " interviews", " interview"} {
				if strings.HasSuffix(strings.ToLower(t), suf) && len(t) > len(suf) {
					return strings.TrimSpace(t[:len(t)-len(suf)])
				}
			}
		}
	}
	if alt := askedat.CleanSpace(goquery.NewDocumentFromNode(review).Find("img[alt]").First().AttrOr("alt", "")); alt != "" && !strings.Contains(strings.ToLower(alt), "logo") {
		return alt
	}
	for _, t := range []string{metaContent(d.HTML, "og:title"), d.HTML.Find("title").First().Text()} {
		if m := gdTitleRE.FindStringSubmatch(askedat.CleanSpace(t)); m != nil {
			return m[1]
		}
	}
	return ""
}

// review extracts one review.
func (g glassdoor) review(d *Doc, r gdReview, company string) *askedat.Experience {
	sel := goquery.NewDocumentFromNode(r.node)
	hook := func(suffix string) *goquery.Selection {
		return sel.Find(`[data-test="Interview` + r.id + suffix + `"]`)
	}
	e := &askedat.Experience{Source: g.Name(), Extractor: g.Name(), Company: company}

	// Its own address, made absolute against the page's canonical URL so a
	// copy served elsewhere gives the same id.
	sel.Find("a[href]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		href := s.AttrOr("href", "")
		if m := gdReviewRE.FindStringSubmatch(href); m != nil && m[1] == r.id {
			if ref, err := url.Parse(strings.TrimSpace(href)); err == nil {
				u := d.Canonical.ResolveReference(ref)
				u.RawQuery, u.Fragment, u.RawFragment = "", "", ""
				e.URL = u.String()
				e.Role = askedat.CleanSpace(s.Text())
			}
			return false
		}
		return true
	})
	if e.URL == "" {
		u := *d.Canonical
		u.Fragment = "InterviewReview_" + r.id
		e.URL = u.String()
	}
	e.ID = askedat.IDForURL(e.URL)
	if t := askedat.CleanSpace(hook("Title").Text()); t != "" {
		e.Role = t
	}

	lines := blocks(r.node)
	for _, b := range lines {
		t := b.text
		// The three ratings are short lines ("No Offer"), or one line of
		// the three.
		if utf8.RuneCountInString(t) <= 80 {
			if v := gdOfferRE.FindString(t); e.Status == "" && v != "" {
				e.Status = v
			}
			if v := gdFeelingRE.FindString(t); e.Sentiment == "" && v != "" {
				e.Sentiment = v
			}
			if v := gdHardRE.FindString(t); e.Difficulty == "" && v != "" {
				e.Difficulty = v
			}
		}
		switch {
		case e.Location == "" && gdWhoRE.MatchString(t):
			e.Location = gdWhoRE.FindStringSubmatch(t)[1]
		case e.Date == "" && visibleDate(t) != "":
			e.Date = visibleDate(t)
		}
	}
	if v, ok := sel.Find("time[datetime]").First().Attr("datetime"); ok {
		if dt := looseDate(v); dt != "" {
			e.Date = dt
		}
	}
	if e.Title = e.Role; company != "" {
		if e.Title != "" {
			e.Title += " at " + company
		} else {
			e.Title = company + " interview"
		}
	}
	if e.Title == "" {
		e.Title = "Interview review " + r.id
	}

	// The application, the process and the questions: by their hooks, or
	// by the labels over them.
	app := textWithout(hook("ApplicationDetails"), "strong")
	process := paragraphsOf(hook("Process"))
	qsel := hook("Questions").Find("li")
	if app == "" && process == "" {
		app, process = labelled(lines, "application", "interview"), labelled(lines, "interview", "interview questions")
	}
	e.Summary, e.Body = app, process
	base := d.Canonical
	qsel.Each(func(_ int, li *goquery.Selection) {
		e.Questions = appendQuestion(e.Questions, blocks(li.Get(0)), li, base)
	})
	if qsel.Length() == 0 {
		for _, b := range after(lines, "interview questions") {
			e.Questions = appendQuestion(e.Questions, []block{b}, nil, base)
		}
	}
	for i := range e.Questions {
		e.Questions[i].Ordinal = i + 1
	}
	return e
}

// appendQuestion adds the question told by the lines of one list item (or
// one line), without its "Answer Question" link, with the address of its
// own page.
func appendQuestion(qs []askedat.Question, lines []block, li *goquery.Selection, base *url.URL) []askedat.Question {
	var parts []string
	var own string
	for _, b := range lines {
		text := b.text
		for _, a := range b.links {
			if gdQuestionRE.MatchString(a.href) {
				if own == "" {
					own = pageLink(a.href, base)
				}
				if gdAnswerRE.MatchString(a.text) {
					text = strings.TrimSpace(strings.Replace(text, a.text, "", 1))
				}
			}
		}
		if text == "" || gdAnswerRE.MatchString(text) || gdEndRE.MatchString(text) {
			continue
		}
		parts = append(parts, text)
	}
	if li != nil && own == "" {
		li.Find("a[href]").EachWithBreak(func(_ int, a *goquery.Selection) bool {
			if gdQuestionRE.MatchString(a.AttrOr("href", "")) {
				own = pageLink(a.AttrOr("href", ""), base)
				return false
			}
			return true
		})
	}
	if len(parts) == 0 {
		return qs
	}
	title, rest := splitTitle(strings.Join(parts, " "))
	return append(qs, askedat.Question{Title: title, Body: rest, URL: own})
}

// textWithout returns the visible text of s without its elements matching
// drop (a label), as paragraphs.
func textWithout(s *goquery.Selection, drop string) string {
	if s.Length() == 0 {
		return ""
	}
	c := s.First().Clone()
	c.Find(drop).Remove()
	return paragraphs(blocks(c.Get(0)))
}

func paragraphsOf(s *goquery.Selection) string {
	if s.Length() == 0 {
		return ""
	}
	return paragraphs(blocks(s.First().Get(0)))
}

// labelled returns, as paragraphs, the lines after the line that reads
// label, up to the line that reads next.
func labelled(lines []block, label, next string) string {
	var out []block
	for _, b := range after(lines, label) {
		if strings.EqualFold(b.text, next) || gdEndRE.MatchString(b.text) {
			break
		}
		out = append(out, b)
	}
	return paragraphs(out)
}

// after returns the lines after the first that reads label, up to a line
// that ends a review.
func after(lines []block, label string) []block {
	for i, b := range lines {
		if strings.EqualFold(b.text, label) {
			rest := lines[i+1:]
			for j, r := range rest {
				if gdEndRE.MatchString(r.text) {
					return rest[:j]
				}
			}
			return rest
		}
	}
	return nil
}

// pages returns the further pages of reviews the page links to.
func (glassdoor) pages(d *Doc) []Link {
	base := baseURL(d)
	hosts := []string{d.URL.Host, d.Canonical.Host}
	var out []Link
	seen := map[string]bool{d.URL.String(): true}
	d.HTML.Find("a[href]").Each(func(_ int, s *goquery.Selection) {
		if hiddenOrScript(s.Get(0)) || hasToken(s.AttrOr("rel", ""), "nofollow") ||
			hasToken(s.AttrOr("class", ""), "selected") || s.AttrOr("aria-current", "") != "" {
			return // this page
		}
		inPager := strings.HasPrefix(s.AttrOr("data-test", ""), "pagination") || s.ParentsFiltered(pagerSel).Length() > 0
		rel := s.AttrOr("rel", "")
		if !(hasToken(rel, "next") || hasToken(rel, "prev") || inPager && pageText(s.Text())) {
			return
		}
		if u, ok := sameSiteLink(base, s.AttrOr("href", ""), hosts); ok && !seen[u.String()] {
			seen[u.String()] = true
			out = append(out, Link{URL: u, Kind: Listing})
		}
	})
	return out
}
