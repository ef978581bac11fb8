package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/web"
)

// The view models of the web pages. Every link is built here, so templates
// only print. The page works without JavaScript; web/static/app.js, when it
// runs, renders the same structure from /api/search in place.
type (
	searchPage struct {
		Query string
		Type  string // question or experience
		Noun  string // "question" or "experience", for "3 questions"
		Total uint64
		// Collapsed is one hit per question cluster; Groups counts them.
		Collapsed bool
		Groups    uint64
		Took      string
		Error     string
		// Intro is the first visit: no query, no filter, first page.
		Intro    bool
		Examples []option
		From, To int // the hits shown, from 1
		Page     int
		Pages    int
		Hits     []hitView
		Facets   []facetView
		Active   []activeFilter
		ClearAll string
		Sorts    []option
		Types    []option
		// Collapse is the choice of one hit per question or every post,
		// where it applies (questions, not inside one cluster).
		Collapse []option
		Prev     string
		Next     string
		// Hidden are the parameters a newly typed query keeps.
		Hidden []param
		// Relaxed lists the words typed that some hits lack (the query
		// found too little with all of them); RelaxedOnly that the page's
		// first hit lacks some too.
		Relaxed     []string
		RelaxedOnly bool
		// Suggestion is a query that finds something, and its link.
		Suggestion     string
		SuggestionLink string
		// ClusterTitle and AskedAt describe the question whose places
		// the page lists (cluster=…).
		ClusterTitle string
		AskedAt      int
		// ClusterNarrowed: the cluster's page is narrowed by a query or
		// filters too (an "Asked N times" link), so it lists the times
		// that match, not all.
		ClusterNarrowed bool
	}
	hitView struct {
		index.Hit
		TitleHTML   string
		PostLink    string
		CompanyLink string
		SourceLink  string // the crawled page, when it is http(s)
		ClusterLink string // every place the question was asked
		// TimesLink, for a hit standing for several matching questions
		// (Collapsed > 1), is this search inside its cluster: those
		// questions.
		TimesLink string
		// DifficultyNote, for a difficulty the indexer inferred, says so
		// (the tag's title); "" for one the post states.
		DifficultyNote string
	}
	facetView struct {
		Field  string
		Label  string
		Values []facetValueView
		// More are the values after the first pageFacetShown, folded.
		More []facetValueView
		// Other counts the matches whose value is not listed.
		Other int
		// Source, on the difficulty facet, is the toggle "Only
		// difficulties posts state" (difficulty_source=stated): shown
		// when some difficulty counted is inferred, or a source is chosen.
		Source *option
	}
	facetValueView struct {
		Value    string
		Count    int
		Selected bool
		Link     string
		// Inferred, of Count, have a difficulty the indexer inferred;
		// InferredNote says so in words (the count's title).
		Inferred     int
		InferredNote string
	}
	activeFilter struct {
		Field, Label, Value, Remove string
	}
	option struct {
		Label    string
		Link     string
		Selected bool
		Title    string // what it does, when the label does not say it all
	}
	param struct{ Name, Value string }

	experiencePage struct {
		E           *index.Experience
		SourceLink  string
		CompanyLink string
		RoleLink    string // the role's questions at this company
		Facts       []fact
		Questions   []questionView
	}
	fact struct {
		Label, Value, Link string
	}
	questionView struct {
		index.Question
		CategoryLink string
		PracticeLink string // the question's own page, when it is http(s)
		// ClusterLink lists the other places it was asked, when it was
		// asked at more than one company.
		ClusterLink string
		// DifficultyNote, as hitView's.
		DifficultyNote string
	}
)

// inferredNote is the title of an inferred difficulty's tag; the script's
// INFERRED_NOTE (searchd.TestScriptConstantsMatchServer).
const inferredNote = "The post gives no difficulty: this is how the same problem is rated elsewhere"

// sourceLabel is the difficulty facet's toggle of difficulty_source=stated;
// sourceTitle its title. The script's SOURCE_LABEL and SOURCE_TITLE.
const (
	sourceLabel = "Only difficulties posts state"
	sourceTitle = "Count a question under a difficulty only when its post states one, not when it is inferred from the same problem elsewhere"
)

// difficultyNote is the DifficultyNote of a difficulty from source.
func difficultyNote(source string) string {
	if source == index.DifficultyInferred {
		return inferredNote
	}
	return ""
}

// inferredCountNote is the title of a difficulty facet value's inferred
// count; the script's inferredCountNote.
func inferredCountNote(inferred, count int) string {
	return fmt.Sprintf("%d of these %d have no difficulty in their post: it is inferred from how the same problem is rated elsewhere", inferred, count)
}

// sourceChip is the active filter's text for a difficulty_source; the
// script's sourceChip.
func sourceChip(source string) string {
	switch source {
	case index.SourceStated:
		return "only stated"
	case index.SourceInferred:
		return "only inferred"
	}
	return source
}

var facetLabels = map[string]string{
	"company": "Company", "role": "Role", "category": "Category", "difficulty": "Difficulty", "status": "Outcome",
}

// examples are the queries the first visit offers.
// pageFacetSize is the facet size of the search page's searches, the
// script's FACET_SIZE; pageFacetShown the values shown before "N more".
const (
	pageFacetSize  = 100
	pageFacetShown = 10
)

// examples are the searches the first visit offers; the script's EXAMPLES.
var examples = []string{"lru cache", `"system design"`, "company:amazon difficulty:hard", "kafka OR rabbitmq", "recursoin"}

func searchLink(p searchParams) string {
	if q := p.encode(); q != "" {
		return "/search?" + q
	}
	return "/search"
}

// filterLink returns the search for one filter's value (and the next
// filters, in pairs).
func filterLink(fieldValues ...string) string {
	p := searchParams{Req: index.Request{Filters: map[string][]string{}}}
	for i := 0; i+1 < len(fieldValues); i += 2 {
		p.Req.Filters[fieldValues[i]] = append(p.Req.Filters[fieldValues[i]], fieldValues[i+1])
	}
	return searchLink(p)
}

// webURL returns u when it is an absolute http(s) URL, else "": crawled
// URLs are untrusted, and a javascript: or data: link must not become one.
func webURL(u string) string {
	pu, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return ""
	}
	return pu.String()
}

// pageRequest is the search the page of p makes, and its script too
// (web/static/state.js apiURL: FACET_SIZE values a facet, collapse=cluster
// where the page collapses), so that the script's first search is a cache
// hit.
func (p searchParams) pageRequest() index.Request {
	r := p.Req
	r.FacetSize = pageFacetSize
	if p.collapsed() {
		r.Collapse = index.CollapseCluster
	}
	return r
}

// handleSearchPage handles the "GET /" and "GET /search" routes: the search
// box, results, facets and paging, rendered on the server.
func (s *Server) handleSearchPage(w http.ResponseWriter, r *http.Request) error {
	p, err := parseSearchParams(r.URL.Query(), false)
	if err != nil {
		return err
	}
	explicitSort := p.Req.Sort
	page := searchPage{Query: p.Req.Query, Page: p.Page}
	status := http.StatusOK
	p.Req = p.pageRequest()
	res, err := s.search(r.Context(), p.Req, p.Page)
	if err != nil {
		he := classify(err)
		if he.Status >= 500 && he.Status != http.StatusServiceUnavailable {
			return err
		}
		he.setHeaders(w)
		// A query the index refuses is shown on the page, with the box
		// still there to fix it.
		page.Error = he.Msg
		res = &index.Result{Facets: map[string][]index.FacetValue{}}
		status = he.Status
	}
	// The index read the filter values ("amazon" is Amazon): the facets
	// tick, and the links carry, its spellings, so a ticked value is the
	// facet's own value and not a second entry beside it.
	if page.Error == "" && res.Filters != nil {
		p.Req.Filters = map[string][]string{}
		for f, vs := range res.Filters {
			p.Req.Filters[f] = append([]string(nil), vs...) // res is shared by the cache
		}
	}
	// And the difficulty source ("Stated" is stated, "any" none).
	if page.Error == "" {
		p.Req.DifficultySource = res.DifficultySource
	}
	// The index filled in defaults (type, sort); links use them.
	p.Req.Type = orDefault(p.Req.Type, index.TypeQuestion)
	if p.Req.Sort == "" {
		p.Req.Sort = "relevance"
		if p.Req.Query == "" {
			p.Req.Sort = "date"
		}
	}
	page.Type, page.Noun = p.Req.Type, p.Req.Type
	page.Total = res.Total
	page.Collapsed, page.Groups = p.Req.Collapse != "" && page.Error == "", res.Groups
	// The first visit: nothing asked yet, on the questions tab (the intro
	// speaks of questions; the script shows it only there too).
	page.Intro = page.Error == "" && p.Req.Query == "" && len(p.Req.Filters) == 0 && p.Req.DifficultySource == "" && p.Req.Cluster == "" && p.Page == 1 && p.Req.Type == index.TypeQuestion
	if page.Intro {
		for _, q := range examples {
			page.Examples = append(page.Examples, option{Label: q, Link: searchLink(searchParams{Req: index.Request{Query: q}})})
		}
	}
	if res.Suggestion != "" {
		q := p.clone()
		q.Page = 1
		q.Req.Query = res.Suggestion
		page.Suggestion, page.SuggestionLink = res.Suggestion, searchLink(q)
	}
	page.Relaxed = res.Relaxed
	page.RelaxedOnly = len(res.Hits) > 0 && res.Hits[0].Tier > 0
	page.Took = formatMS(res.Took)
	if len(res.Hits) > 0 {
		page.From, page.To = p.Req.From+1, p.Req.From+len(res.Hits)
	}

	for _, h := range res.Hits {
		hv := hitView{Hit: h, PostLink: "/experiences/" + url.PathEscape(h.ExperienceID), SourceLink: webURL(h.URL), DifficultyNote: difficultyNote(h.DifficultySource)}
		if h.Type == index.TypeQuestion && h.Ordinal > 0 {
			hv.PostLink += fmt.Sprintf("#q-%d", h.Ordinal)
		}
		if t := h.Highlights["title"]; len(t) > 0 {
			hv.TitleHTML = t[0]
		}
		if h.Company != "" {
			hv.CompanyLink = filterLink("company", h.Company)
		}
		if h.Cluster != "" && h.AskedAt > 1 && h.Cluster != p.Req.Cluster {
			hv.ClusterLink = searchLink(searchParams{Req: index.Request{Cluster: h.Cluster}})
		}
		if h.Collapsed > 1 && h.Cluster != "" {
			q := p.clone()
			q.Page = 1
			q.Req.Cluster = h.Cluster
			hv.TimesLink = searchLink(q)
		}
		page.Hits = append(page.Hits, hv)
	}

	for _, f := range index.FacetFields {
		fv := facetView{Field: f, Label: facetLabels[f], Other: res.FacetOther[f]}
		selected := map[string]bool{}
		for _, v := range p.Req.Filters[f] {
			selected[v] = true
		}
		listed := map[string]bool{}
		add := func(value string, count, inferred int) {
			listed[value] = true
			q := p.clone()
			q.Page = 1
			if selected[value] {
				q.Req.Filters[f] = without(q.Req.Filters[f], value)
			} else {
				q.Req.Filters[f] = append(q.Req.Filters[f], value)
			}
			v := facetValueView{Value: value, Count: count, Selected: selected[value], Link: searchLink(q), Inferred: inferred}
			if inferred > 0 {
				v.InferredNote = inferredCountNote(inferred, count)
			}
			fv.Values = append(fv.Values, v)
		}
		anyInferred := false
		for _, v := range res.Facets[f] {
			add(v.Value, v.Count, v.Inferred)
			anyInferred = anyInferred || v.Inferred > 0
		}
		// A ticked value stays listed, so it can be unticked.
		for _, v := range p.Req.Filters[f] {
			if !listed[v] {
				add(v, 0, 0)
			}
		}
		if f == "difficulty" && (anyInferred || p.Req.DifficultySource != "") {
			q := p.clone()
			q.Page = 1
			on := p.Req.DifficultySource == index.SourceStated
			q.Req.DifficultySource = index.SourceStated
			if on {
				q.Req.DifficultySource = ""
			}
			fv.Source = &option{Label: sourceLabel, Link: searchLink(q), Selected: on, Title: sourceTitle}
		}
		// The first pageFacetShown values are shown, the others (but
		// ticked ones) fold under "N more".
		var shown []facetValueView
		for i, v := range fv.Values {
			if i < pageFacetShown || v.Selected {
				shown = append(shown, v)
			} else {
				fv.More = append(fv.More, v)
			}
		}
		fv.Values = shown
		page.Facets = append(page.Facets, fv)
		for _, v := range p.Req.Filters[f] {
			q := p.clone()
			q.Page = 1
			q.Req.Filters[f] = without(q.Req.Filters[f], v)
			page.Active = append(page.Active, activeFilter{Field: f, Label: facetLabels[f], Value: v, Remove: searchLink(q)})
			page.Hidden = append(page.Hidden, param{f, v})
		}
	}
	if p.Req.DifficultySource != "" {
		q := p.clone()
		q.Page = 1
		q.Req.DifficultySource = ""
		page.Active = append(page.Active, activeFilter{Field: "difficulty_source", Label: "Difficulties", Value: sourceChip(p.Req.DifficultySource), Remove: searchLink(q)})
		page.Hidden = append(page.Hidden, param{"difficulty_source", p.Req.DifficultySource})
	}
	if p.Req.Cluster != "" {
		q := p.clone()
		q.Page = 1
		q.Req.Cluster = ""
		title := p.Req.Cluster
		if len(res.Hits) > 0 && res.Hits[0].ClusterTitle != "" {
			title = res.Hits[0].ClusterTitle
			page.ClusterTitle, page.AskedAt = title, max(res.Hits[0].AskedAt, 1)
			page.ClusterNarrowed = p.Req.Query != "" || len(p.Req.Filters) > 0
		}
		page.Active = append(page.Active, activeFilter{Field: "cluster", Label: "Same question as", Value: title, Remove: searchLink(q)})
		page.Hidden = append(page.Hidden, param{"cluster", p.Req.Cluster})
	}
	if len(page.Active) > 0 {
		q := p.clone()
		q.Page = 1
		q.Req.Filters = nil
		q.Req.DifficultySource = ""
		q.Req.Cluster = ""
		page.ClearAll = searchLink(q)
	}
	if p.Req.Type != index.TypeQuestion {
		page.Hidden = append(page.Hidden, param{"type", p.Req.Type})
	}
	if p.Every {
		page.Hidden = append(page.Hidden, param{"collapse", "0"})
	}
	if explicitSort != "" {
		page.Hidden = append(page.Hidden, param{"sort", explicitSort})
	}

	sorts := []struct{ label, sort string }{{"Relevance", "relevance"}, {"Newest", "date"}}
	if p.Req.Type == index.TypeQuestion {
		sorts = append(sorts, struct{ label, sort string }{"Most asked", "asked"})
	}
	for _, o := range sorts {
		q := p.clone()
		q.Page = 1
		q.Req.Sort = o.sort
		page.Sorts = append(page.Sorts, option{Label: o.label, Link: searchLink(q), Selected: p.Req.Sort == o.sort})
	}
	for _, o := range []struct{ label, typ string }{{"Questions", index.TypeQuestion}, {"Experiences", index.TypeExperience}} {
		q := p.clone()
		q.Page = 1
		q.Req.Type = o.typ
		if o.typ == index.TypeExperience && q.Req.Sort == "asked" {
			q.Req.Sort = ""
		}
		page.Types = append(page.Types, option{Label: o.label, Link: searchLink(q), Selected: p.Req.Type == o.typ})
	}
	if p.Req.Type == index.TypeQuestion && p.Req.Cluster == "" {
		for _, o := range []struct {
			label string
			every bool
		}{{"One per question", false}, {"Every post", true}} {
			q := p.clone()
			q.Page = 1
			q.Every = o.every
			page.Collapse = append(page.Collapse, option{Label: o.label, Link: searchLink(q), Selected: p.Every == o.every})
		}
	}

	size := p.Req.Size
	window := res.Total
	if page.Collapsed {
		window = res.Groups // pages run over the groups
	}
	if window > index.MaxWindow {
		window = index.MaxWindow
	}
	page.Pages = int((window + uint64(size) - 1) / uint64(size))
	if page.Pages == 0 {
		page.Pages = 1
	}
	if p.Page > 1 {
		q := p.clone()
		q.Page = p.Page - 1
		page.Prev = searchLink(q)
	}
	if p.Page < page.Pages {
		q := p.clone()
		q.Page = p.Page + 1
		page.Next = searchLink(q)
	}
	return s.renderPage(w, status, web.PageSearch, page)
}

// handleExperiencePage handles the "GET /experiences/{id}" route: one post
// with all its questions, and links back into search.
func (s *Server) handleExperiencePage(w http.ResponseWriter, r *http.Request) error {
	e, err := s.Index.Experience(r.Context(), mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	data := experiencePage{E: e, SourceLink: webURL(e.URL)}
	if e.Company != "" {
		data.CompanyLink = filterLink("company", e.Company)
		if e.Role != "" {
			data.RoleLink = filterLink("company", e.Company, "role", e.Role)
		}
	}
	for _, f := range []struct {
		label, value, field string
	}{
		{"Company", e.Company, "company"},
		{"Role", e.Role, "role"},
		{"Level", e.Level, ""},
		{"Outcome", e.Status, "status"},
		{"Interview difficulty", e.Difficulty, ""},
		{"Experience", e.Sentiment, ""},
		{"Hiring", e.Campus, ""},
		{"Location", e.Location, ""},
		{"Date", e.Date, ""},
	} {
		if f.value == "" {
			continue
		}
		ft := fact{Label: f.label, Value: f.value}
		if f.field != "" {
			ft.Link = filterLink(f.field, f.value)
		}
		data.Facts = append(data.Facts, ft)
	}
	for _, q := range e.Questions {
		qv := questionView{Question: q, PracticeLink: webURL(q.URL), DifficultyNote: difficultyNote(q.DifficultySource)}
		if q.Category != "" {
			qv.CategoryLink = filterLink("category", q.Category)
		}
		if q.Cluster != "" && q.AskedAt > 1 {
			qv.ClusterLink = searchLink(searchParams{Req: index.Request{Cluster: q.Cluster}})
		}
		data.Questions = append(data.Questions, qv)
	}
	return s.renderPage(w, http.StatusOK, web.PageExperience, data)
}

// renderPage renders into a buffer first, so a template error becomes a 500
// page rather than half a page.
func (s *Server) renderPage(w http.ResponseWriter, status int, page string, data any) error {
	var buf bytes.Buffer
	if err := s.UI.Render(&buf, page, data); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}

// formatMS writes a duration as the script does: "0.45 ms", "12.3 ms",
// "140 ms".
func formatMS(d time.Duration) string {
	ms := float64(d.Microseconds()) / 1000
	switch {
	case ms < 1:
		return fmt.Sprintf("%.2f ms", ms)
	case ms < 100:
		return fmt.Sprintf("%.1f ms", ms)
	}
	return fmt.Sprintf("%.0f ms", ms)
}

func without(vs []string, v string) []string {
	out := vs[:0:0]
	for _, x := range vs {
		if x != v {
			out = append(out, x)
		}
	}
	return out
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
