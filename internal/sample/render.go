package sample

import (
	"bytes"
	"html"
	"strconv"
	"strings"
)

// A pageWriter renders one page of a site into b. base is the scheme and
// host the request came to; canonical URLs are base plus the page's path.
type pageWriter struct {
	site *Site
	base string
	b    bytes.Buffer
}

var esc = html.EscapeString

func (w *pageWriter) s(parts ...string) {
	for _, p := range parts {
		w.b.WriteString(p)
	}
}

// head writes the document up to <body>. meta is written before the
// canonical link (already escaped).
func (w *pageWriter) head(title, path, meta string) {
	w.s("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
		"<title>", esc(title), " | Interview Experiences</title>\n",
		meta,
		"<link rel=\"canonical\" href=\"", esc(w.base+path), "\">\n",
		"</head>\n<body>\n")
}

// header writes the site header of variant 0 (and of every page that is not
// a post).
func (w *pageWriter) header() {
	w.s("<header class=\"site-header\">\n",
		"  <a class=\"site-header__brand\" href=\"/\">Interview Experiences</a>\n",
		"  <nav class=\"site-header__nav\"><a href=\"/companies\">Companies</a><a href=\"/experiences\">Experiences</a></nav>\n",
		"</header>\n")
}

func (w *pageWriter) footer() {
	w.s("<footer class=\"site-footer\"><p>© Interview Experiences</p></footer>\n</body>\n</html>\n")
}

// card writes one experience card of a listing.
func (w *pageWriter) card(p *Post) {
	e := &p.Experience
	days := dayTable()
	w.s("    <li class=\"experience-card\">\n",
		"      <a class=\"experience-card__link\" href=\"", esc(p.Path), "\">\n",
		"        <h2 class=\"experience-card__title\">", esc(e.Title), "</h2>\n",
		"      </a>\n",
		"      <div class=\"experience-card__meta\"><span>", esc(strings.ToLower(e.Company)), "</span> · <span>", esc(e.Role), "</span> · <span>", esc(e.Status), "</span></div>\n",
		"      <div class=\"experience-card__stats\"><time datetime=\"", e.Date, "\">", days.long[p.day], "</time> · <span>", strconv.Itoa(e.Reads), " reads</span> · <span>", strconv.Itoa(len(e.Questions)), " questions</span></div>\n",
		"    </li>\n")
}

func (w *pageWriter) cards(ix []int) {
	w.s("  <ul class=\"experience-list\">\n")
	for _, i := range ix {
		w.card(&w.site.posts[i])
	}
	w.s("  </ul>\n")
}

func span(from, to int) []int {
	out := make([]int, 0, max(0, to-from))
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}

func (w *pageWriter) home() {
	s := w.site
	w.head("Real Interview Questions and Experiences", "/", "<meta name=\"description\" content=\"Interview experiences shared by candidates, with the exact questions they were asked.\">\n")
	w.header()
	w.s("<main class=\"home-page\">\n",
		"  <h1>Interview Experiences</h1>\n",
		"  <p>Candidates share the questions they were asked, round by round. <a href=\"/experiences\">Browse all ", strconv.Itoa(len(s.posts)), " experiences</a> or <a href=\"/companies\">pick a company</a>.</p>\n",
		"  <h2>Recent experiences</h2>\n")
	w.cards(span(0, min(5, len(s.posts))))
	w.s("  <p class=\"home-page__admin\">Moderators: <a href=\"", esc(trapPaths[0]), "\">drafts</a> · <a href=\"", esc(trapPaths[1]), "\">export</a></p>\n",
		"</main>\n")
	w.footer()
}

func (w *pageWriter) listing(page int) {
	s := w.site
	title := "Latest Interview Experiences"
	if page > 1 {
		title += " — Page " + strconv.Itoa(page)
	}
	w.head(title, listingPath(page), "")
	w.header()
	w.s("<main class=\"listing-page\">\n  <h1>", esc(title), "</h1>\n")
	if page == 1 {
		w.s("  <p class=\"listing-page__note\">Waiting for review: <a href=\"", esc(trapPaths[0]), "\">drafts</a> · <a href=\"", esc(trapPaths[1]), "\">export</a></p>\n")
	}
	per := s.cfg.PerListing
	w.cards(span((page-1)*per, min(page*per, len(s.posts))))
	if page == 1 && s.cfg.Faults {
		f := &s.faults
		w.s("  <aside class=\"trending\">\n    <h2>Trending</h2>\n    <ul>\n")
		link := func(href, text string) {
			w.s("      <li><a href=\"", esc(href), "\">", esc(text), "</a></li>\n")
		}
		link(f.NotFound[0], "Removed: an interview experience that was taken down")
		link(f.Malformed, "Software Engineer interview experience (draft)")
		link(f.NotFound[1], "Archived: SDE Intern interview questions")
		if f.Redirect != "" {
			link(f.Redirect, s.posts[0].Experience.Title)
			link(f.Duplicate, s.posts[min(1, len(s.posts)-1)].Experience.Title)
		}
		w.s("    </ul>\n  </aside>\n")
	}
	w.pagination(page, s.pageCount())
	w.s("</main>\n")
	w.footer()
}

// pagination writes previous and next links and the page numbers near the
// current one, with the first and the last.
func (w *pageWriter) pagination(page, pages int) {
	w.s("  <nav class=\"pagination\">")
	if page > 1 {
		w.s("<a class=\"pagination__prev\" rel=\"prev\" href=\"", esc(listingPath(page-1)), "\">« Previous</a>")
	}
	last := 0
	for n := 1; n <= pages; n++ {
		if n != 1 && n != pages && (n < page-2 || n > page+2) {
			continue
		}
		if last != 0 && n > last+1 {
			w.s("<span class=\"pagination__gap\">…</span>")
		}
		if n == page {
			w.s("<span class=\"pagination__current\">", strconv.Itoa(n), "</span>")
		} else {
			w.s("<a class=\"pagination__page\" href=\"", esc(listingPath(n)), "\">", strconv.Itoa(n), "</a>")
		}
		last = n
	}
	if page < pages {
		w.s("<a class=\"pagination__next\" rel=\"next\" href=\"", esc(listingPath(page+1)), "\">Next »</a>")
	}
	w.s("</nav>\n")
}

func (w *pageWriter) companyIndex() {
	s := w.site
	w.head("Companies", "/companies", "")
	w.header()
	w.s("<main class=\"companies-page\">\n  <h1>Companies</h1>\n  <ul class=\"company-list\">\n")
	for _, ci := range s.companyIx {
		w.s("    <li><a href=\"/companies/", companySlugs[ci], "\">", esc(companyNames[ci]), "</a> <span>",
			strconv.Itoa(len(s.byCompany[companySlugs[ci]])), " experiences</span></li>\n")
	}
	w.s("  </ul>\n</main>\n")
	w.footer()
}

// company writes a company's page: its 20 most recent posts.
func (w *pageWriter) company(ix []int) {
	p := &w.site.posts[ix[0]]
	name := p.Experience.Company
	w.head(name+" Interview Experiences", "/companies/"+p.companySlug, "")
	w.header()
	w.s("<main class=\"company-page\">\n  <h1>", esc(name), " Interview Experiences</h1>\n",
		"  <p>", strconv.Itoa(len(ix)), " experiences. The most recent are below; <a href=\"/experiences\">see all experiences</a>.</p>\n")
	w.cards(ix[:min(20, len(ix))])
	w.s("</main>\n")
	w.footer()
}

func (w *pageWriter) trap(path string) {
	w.head("Moderation", path, "<meta name=\"robots\" content=\"noindex, nofollow\">\n")
	w.header()
	w.s("<main><h1>Moderation</h1><p>This area is for moderators only.</p></main>\n")
	w.footer()
}

// post writes the page of post i in its markup variant.
func (w *pageWriter) post(i int) {
	p := &w.site.posts[i]
	e := &p.Experience
	canon := esc(w.base + p.Path)
	w.head(e.Title, p.Path,
		"<meta name=\"description\" content=\""+esc(e.Summary)+"\">\n"+
			"<meta property=\"og:title\" content=\""+esc(e.Title)+"\">\n"+
			"<meta property=\"og:type\" content=\"article\">\n"+
			"<meta property=\"og:url\" content=\""+canon+"\">\n"+
			"<meta property=\"article:published_time\" content=\""+e.Date+"T00:00:00+05:30\">\n")
	if p.Variant == 1 {
		w.post1(i)
	} else {
		w.post0(i)
	}
}

// post0 writes variant 0: the markup of the corpus page.
func (w *pageWriter) post0(i int) {
	p := &w.site.posts[i]
	e := &p.Experience
	lower := esc(strings.ToLower(e.Company))
	w.header()
	w.s("<main class=\"experience-page\">\n",
		"  <article class=\"experience\" data-experience-id=\"", esc(p.companySlug+"-"+strings.TrimPrefix(p.Path, "/experience/"+p.companySlug+"/")), "\">\n",
		"    <header class=\"experience__header\">\n",
		"      <h1 class=\"experience__title\">", esc(e.Title), "</h1>\n",
		"      <div class=\"experience__company\">\n",
		"        <img class=\"experience__logo\" src=\"/logos/", p.companySlug, ".png\" alt=\"", lower, " logo\" width=\"40\" height=\"40\">\n",
		"        <a class=\"experience__company-name\" href=\"/companies/", p.companySlug, "\">", lower, "</a>\n",
		"      </div>\n",
		"      <div class=\"experience__facts\">\n",
		"        <span class=\"experience__role\">· ", esc(e.Role), "</span>\n",
		"        <span class=\"experience__status\">· ", esc(e.Status), "</span>\n",
		"      </div>\n",
		"      <div class=\"experience__stats\">\n",
		"        <time datetime=\"", e.Date, "\">", dayTable().long[p.day], "</time>\n",
		"        <span class=\"experience__sep\">·</span>\n",
		"        <span class=\"experience__reads\">", strconv.Itoa(e.Reads), " reads</span>\n",
		"      </div>\n",
		"    </header>\n",
		"    <section class=\"experience__section\">\n      <h2>Summary</h2>\n      <p>", esc(e.Summary), "</p>\n    </section>\n",
		"    <section class=\"experience__section\">\n      <h2>Full Experience</h2>\n")
	for _, para := range strings.Split(e.Body, "\n\n") {
		w.s("      <p>", esc(para), "</p>\n")
	}
	w.s("    </section>\n",
		"    <section class=\"experience__section experience__questions\">\n",
		"      <h2>Interview Questions (", strconv.Itoa(len(e.Questions)), ")</h2>\n",
		"      <ol class=\"question-list\">\n")
	for _, q := range e.Questions {
		n := strconv.Itoa(q.Ordinal)
		w.s("        <li class=\"question-card\" id=\"q-", n, "\">\n",
			"          <div class=\"question-card__number\">", n, ".</div>\n",
			"          <div class=\"question-card__main\">\n",
			"            <h3 class=\"question-card__title\">", esc(q.Title), "</h3>\n",
			"            <div class=\"question-card__meta\"><span class=\"q-category\">", esc(q.Category), "</span>")
		if q.Difficulty != "" {
			w.s("<span class=\"q-sep\">·</span><span class=\"q-difficulty q-difficulty--", strings.ToLower(esc(q.Difficulty)), "\">", esc(q.Difficulty), "</span>")
		}
		w.s("</div>\n",
			"            <p class=\"question-card__body\">", esc(q.Body), "</p>\n",
			"          </div>\n",
			"        </li>\n")
	}
	w.s("      </ol>\n    </section>\n  </article>\n")
	cs := w.site.commentsOf(p)
	w.s("  <section class=\"discussion\" id=\"discussion\">\n    <h2>Discussion (", strconv.Itoa(len(cs)), ")</h2>\n",
		"    <p>Share your thoughts and ask questions</p>\n",
		"    <div class=\"discussion__join\"><h3>Join the Discussion</h3><button type=\"button\">Sign in with Google</button> to share your thoughts and ask questions</div>\n")
	if len(cs) == 0 {
		w.s("    <p class=\"discussion__empty\">No comments yet</p>\n    <p>Be the first to share your thoughts and start the discussion!</p>\n")
	}
	for _, c := range cs {
		w.s("    <div class=\"comment\"><span class=\"comment__author\">", esc(c.author), "</span><p class=\"comment__text\">", esc(c.text), "</p></div>\n")
	}
	w.s("  </section>\n")
	w.related(i, "  <section class=\"related\">\n    <h2>More interview experiences</h2>\n    <ul>\n", "    </ul>\n  </section>\n")
	w.s("</main>\n")
	w.footer()
}

// post1 writes variant 1: the same text a reader sees as in variant 0, in
// other tags and class names.
func (w *pageWriter) post1(i int) {
	p := &w.site.posts[i]
	e := &p.Experience
	lower := esc(strings.ToLower(e.Company))
	w.s("<div id=\"top\" class=\"topbar\"><a class=\"logo\" href=\"/\">Interview Experiences</a>\n",
		"<ul class=\"menu\"><li><a href=\"/companies\">Companies</a></li><li><a href=\"/experiences\">Experiences</a></li></ul></div>\n",
		"<div class=\"page\">\n",
		"<div class=\"post\" data-n=\"", strconv.Itoa(p.Number), "\">\n",
		"  <h1 class=\"post-title\">", esc(e.Title), "</h1>\n",
		"  <p class=\"post-company\"><img class=\"logo\" src=\"/logos/", p.companySlug, ".png\" alt=\"", lower, " logo\" width=\"32\" height=\"32\"> <a href=\"/companies/", p.companySlug, "\">", lower, "</a></p>\n",
		"  <p class=\"post-facts\">· ", esc(e.Role), " · ", esc(e.Status), "</p>\n",
		"  <p class=\"post-stats\"><time datetime=\"", e.Date, "\">", dayTable().long[p.day], "</time> · ", strconv.Itoa(e.Reads), " reads</p>\n",
		"  <div class=\"post-block\">\n    <h3>Summary</h3>\n    <p>", esc(e.Summary), "</p>\n  </div>\n",
		"  <div class=\"post-block\">\n    <h3>Full Experience</h3>\n")
	for _, para := range strings.Split(e.Body, "\n\n") {
		w.s("    <p>", esc(para), "</p>\n")
	}
	w.s("  </div>\n",
		"  <div class=\"post-block\">\n    <h3>Interview Questions (", strconv.Itoa(len(e.Questions)), ")</h3>\n",
		"    <dl class=\"qa\">\n")
	for _, q := range e.Questions {
		n := strconv.Itoa(q.Ordinal)
		tags := esc(q.Category)
		if q.Difficulty != "" {
			tags += " · " + esc(q.Difficulty)
		}
		w.s("      <dt id=\"question-", n, "\"><span class=\"qa-no\">", n, ".</span> <strong>", esc(q.Title), "</strong></dt>\n",
			"      <dd><p class=\"qa-tags\">", tags, "</p><p>", esc(q.Body), "</p></dd>\n")
	}
	w.s("    </dl>\n  </div>\n")
	cs := w.site.commentsOf(p)
	w.s("  <div class=\"post-comments\" id=\"discussion\">\n    <h3>Discussion (", strconv.Itoa(len(cs)), ")</h3>\n")
	if len(cs) == 0 {
		w.s("    <p>No comments yet</p>\n")
	}
	for _, c := range cs {
		w.s("    <p><b>", esc(c.author), "</b> ", esc(c.text), "</p>\n")
	}
	w.s("  </div>\n</div>\n")
	w.related(i, "<div class=\"related\">\n  <h3>More interview experiences</h3>\n  <ul>\n", "  </ul>\n</div>\n")
	w.s("</div>\n<div class=\"foot\">© Interview Experiences · <a href=\"/experiences\">All experiences</a></div>\n</body>\n</html>\n")
}

// related writes links to the three posts after post i in listing order.
func (w *pageWriter) related(i int, open, close string) {
	posts := w.site.posts
	if len(posts) < 2 {
		return
	}
	w.s(open)
	for k := 1; k <= min(3, len(posts)-1); k++ {
		q := &posts[(i+k)%len(posts)]
		w.s("    <li><a href=\"", esc(q.Path), "\">", esc(q.Experience.Title), "</a></li>\n")
	}
	w.s(close)
}

// commentsOf returns the comments of post p: zero to three, fixed by the
// seed and the post's number.
func (s *Site) commentsOf(p *Post) []struct{ author, text string } {
	h := mix64(s.cfg.Seed ^ uint64(p.Number)*0x9e3779b97f4a7c15)
	n := int(h % 4)
	out := make([]struct{ author, text string }, n)
	for k := range out {
		out[k] = comments[int((h>>8)+uint64(k)*3)%len(comments)]
	}
	return out
}

// mix64 is SplitMix64's finaliser.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}
