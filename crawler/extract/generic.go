package extract

import (
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/askedat/askedat"
)

// generic is the fallback for pages no site extractor knows. It reads what
// any page says about itself (JSON-LD Article, BlogPosting, QAPage…;
// OpenGraph and article:* meta tags; the <h1>) and splits the questions
// out of its text as for free-text posts (freeQuestions). Its documents
// say Extractor "generic" so an operator can see which sites need an
// extractor of their own, and their Source is the site's host.
//
// It emits only pages that plausibly are interview experiences: the title
// speaks of an interview (or an onsite, a phone screen, an online
// assessment, "[Offer]") and of someone's experience of it ("interview
// experience", "interviewed at", "rounds", "offer", "set 12") and the text
// has at least one round heading or question, or the title speaks of an
// interview and the text has two round headings and a question. An
// article that only mentions interviews, a question bank without rounds,
// or any other page is Other.
type generic struct{}

func (generic) Name() string { return "generic" }

var (
	interviewWordRE = regexp.MustCompile(`(?i)\binterview(?:s|ed|ing)?\b|\bon-?site\b|\bphone screen\b|\bonline assessment\b|\bOA\b|\[(?:offer|reject(?:ed)?)\]`)
	experienceRE    = regexp.MustCompile(`(?i)\bexperiences?\b|\binterviewed\b|\bjourney\b|\bstory\b|\basked\b|\bprocess\b|\brounds?\b|\bon-?site\b|\boffers?\b|\brejected\b|\bselected\b|\bgot (?:in|into)\b|\bset\s*\d+|\bmy\b.*\binterview`)
	articleTypeRE   = regexp.MustCompile(`(?i)^(?:article|blogposting|newsarticle|techarticle|report|qapage|question|discussionforumposting|socialmediaposting|webpage)$`)
	atCompanyRE     = regexp.MustCompile(`\b(?:at|with|@)\s+((?:[A-Z0-9][\w&.'-]*)(?:\s+[A-Z0-9][\w&.'-]*){0,3})`)
	genericEndRE    = regexp.MustCompile(`(?i)^(?:\d+\s+)?(?:comments?|responses?|leave a (?:reply|comment)|related (?:posts|articles|stories)|share this(?: post| article)?:?|you may also like|more from|about the author|subscribe|recommended(?: for you)?)\b`)
)

func (g generic) Extract(d *Doc) (Result, error) {
	ld := articleLD(d.HTML)
	site := metaContent(d.HTML, "og:site_name")
	title := ""
	if ld != nil {
		title = firstNonEmpty(ldText(ld["headline"]), ldText(ld["name"]))
	}
	h1 := askedat.CleanSpace(d.HTML.Find("h1").First().Text())
	title = firstNonEmpty(title, metaContent(d.HTML, "og:title"), h1, d.HTML.Find("title").First().Text())
	title = withoutSiteName(title, site)
	if title == "" || !interviewWordRE.MatchString(title) {
		return Result{Kind: Other}, nil
	}
	root := contentRoot(d)
	if root == nil {
		return Result{Kind: Other}, nil
	}
	lines := afterTitle(blocks(root), h1, title)
	for i, b := range lines {
		if b.heading > 0 && genericEndRE.MatchString(b.text) {
			lines = lines[:i]
			break
		}
	}
	qs, intro, rounds := freeQuestions(lines, baseURL(d))
	plausible := experienceRE.MatchString(title) && (rounds >= 1 || len(qs) >= 1) || rounds >= 2 && len(qs) >= 1
	if !plausible {
		return Result{Kind: Other}, nil
	}
	host := strings.TrimPrefix(strings.ToLower(d.Canonical.Hostname()), "www.")
	e := &askedat.Experience{
		URL:       d.Canonical.String(),
		Source:    host,
		Extractor: g.Name(),
		Title:     title,
		Questions: qs,
		Body:      paragraphs(lines),
		Summary:   paragraphs(intro),
		Date:      pageDate(d),
	}
	e.ID = askedat.IDForURL(e.URL)
	if e.Summary == "" {
		e.Summary = firstNonEmpty(metaContent(d.HTML, "og:description"), metaContent(d.HTML, "description"))
	}
	tags := metaAll(d.HTML, "article:tag")
	var about []string
	if ld != nil {
		for _, k := range []string{"keywords", "about"} {
			for _, t := range ldTexts(ld[k]) {
				tags = appendOnce(tags, t)
			}
		}
		about = ldTexts(ld["about"])
		if e.Date == "" {
			e.Date = isoDate(ldText(ld["datePublished"]))
		}
	}
	e.Tags = tags
	e.Company = companyFrom(title, append(about, tags...))
	if first, _, ok := strings.Cut(title, " | "); e.Company == "" && ok && len(strings.Fields(first)) <= 3 && capitalised(first) {
		e.Company = strings.TrimSpace(first) // "Initech | L4 | Zurich | Onsite [Offer]"
	}
	e.Role, e.Level, e.Campus = titleFacts(title)
	e.Role = withoutCompany(e.Role, e.Company)
	askedat.Normalize(e)
	if err := e.Validate(); err != nil {
		return Result{}, err
	}
	return Result{Kind: Post, Experiences: []*askedat.Experience{e}}, nil
}

// articleLD returns the page's JSON-LD object for the page itself (an
// Article, BlogPosting, QAPage, …), or nil.
func articleLD(doc *goquery.Document) map[string]any {
	for _, o := range jsonLD(doc) {
		for _, t := range ldTypes(o) {
			if articleTypeRE.MatchString(t) {
				if q, ok := o["mainEntity"].(map[string]any); ok && strings.EqualFold(ldText(q["@type"]), "Question") {
					return q // a QAPage: its question is the post
				}
				return o
			}
		}
	}
	return nil
}

// contentRoot returns the element that holds the page's own text: the
// <article> holding the <h1> (or the first), else <main>, else the body.
func contentRoot(d *Doc) *html.Node {
	if a := d.HTML.Find("h1").First().ParentsFiltered("article").First(); a.Length() > 0 {
		return a.Get(0)
	}
	for _, sel := range []string{"article", "main", `[role="main"]`, "body"} {
		if s := d.HTML.Find(sel).First(); s.Length() > 0 {
			return s.Get(0)
		}
	}
	if len(d.HTML.Nodes) > 0 {
		return d.HTML.Nodes[0]
	}
	return nil
}

// afterTitle returns the lines after the one that shows the title, or all
// of them when none does.
func afterTitle(bs []block, titles ...string) []block {
	for i, b := range bs {
		for _, t := range titles {
			if t != "" && b.heading > 0 && strings.EqualFold(b.text, askedat.CleanSpace(t)) {
				return bs[i+1:]
			}
		}
	}
	return bs
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v = askedat.CleanSpace(v); v != "" {
			return v
		}
	}
	return ""
}
