package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/gorilla/mux"

	"askedat/index"
	"askedat/web"
)

// The view models of the web pages. Every link is built here, so templates
// only print.
type (
	searchPage struct {
		Query    string
		Type     string
		Total    uint64
		Took     string
		Error    string
		From     int
		Page     int
		Pages    int
		Hits     []hitView
		Facets   []facetView
		Active   []activeFilter
		ClearAll string
		Sorts    []option
		Types    []option
		Prev     string
		Next     string
		// Suggestion is a query that finds something, and its link.
		Suggestion     string
		SuggestionLink string
	}
	hitView struct {
		index.Hit
		TitleHTML   string
		PostLink    string
		CompanyLink string
		ClusterLink string // every place the question was asked
	}
	facetView struct {
		Field  string
		Label  string
		Values []facetValueView
	}
	facetValueView struct {
		Value    string
		Count    int
		Selected bool
		Link     string
	}
	activeFilter struct {
		Field, Label, Value, Remove string
	}
	option struct {
		Label    string
		Link     string
		Selected bool
	}
	experiencePage struct {
		E           *index.Experience
		CompanyLink string
	}
)

var facetLabels = map[string]string{
	"company": "Company", "role": "Role", "category": "Category", "difficulty": "Difficulty", "status": "Outcome",
}

func searchLink(p searchParams) string {
	if q := p.encode(); q != "" {
		return "/search?" + q
	}
	return "/search"
}

// handleSearchPage handles the "GET /" and "GET /search" routes: the search
// box, results, facets and paging, rendered on the server.
func (s *Server) handleSearchPage(w http.ResponseWriter, r *http.Request) error {
	p, err := parseSearchParams(r.URL.Query(), false)
	if err != nil {
		return err
	}
	page := searchPage{Query: p.Req.Query, Page: p.Page, From: p.Req.From}
	status := http.StatusOK
	res, err := s.search(r.Context(), p.Req)
	if err != nil {
		he := classify(err)
		if he.Status >= 500 && he.Status != http.StatusServiceUnavailable {
			return err
		}
		// A query the index refuses is shown on the page, with the box
		// still there to fix it.
		page.Error = he.Msg
		res = &index.Result{Facets: map[string][]index.FacetValue{}}
		status = he.Status
	}
	// The index filled in defaults (type, sort); links use them.
	p.Req.Type = orDefault(p.Req.Type, index.TypeQuestion)
	if p.Req.Sort == "" {
		p.Req.Sort = "relevance"
		if p.Req.Query == "" {
			p.Req.Sort = "date"
		}
	}
	page.Type = p.Req.Type
	page.Total = res.Total
	if res.Suggestion != "" {
		q := p.clone()
		q.Page = 1
		q.Req.Query = res.Suggestion
		page.Suggestion, page.SuggestionLink = res.Suggestion, searchLink(q)
	}
	page.Took = res.Took.Round(100 * time.Microsecond).String()

	for _, h := range res.Hits {
		hv := hitView{Hit: h, PostLink: "/experiences/" + url.PathEscape(h.ExperienceID)}
		if h.Type == index.TypeQuestion && h.Ordinal > 0 {
			hv.PostLink += fmt.Sprintf("#q-%d", h.Ordinal)
		}
		if t := h.Highlights["title"]; len(t) > 0 {
			hv.TitleHTML = t[0]
		}
		if h.Company != "" {
			hv.CompanyLink = searchLink(searchParams{Req: index.Request{Filters: map[string][]string{"company": {h.Company}}}})
		}
		if h.Cluster != "" && h.AskedAt > 1 {
			hv.ClusterLink = searchLink(searchParams{Req: index.Request{Cluster: h.Cluster}})
		}
		page.Hits = append(page.Hits, hv)
	}

	for _, f := range index.FacetFields {
		fv := facetView{Field: f, Label: facetLabels[f]}
		selected := map[string]bool{}
		for _, v := range p.Req.Filters[f] {
			selected[v] = true
		}
		listed := map[string]bool{}
		add := func(value string, count int) {
			listed[value] = true
			q := p.clone()
			q.Page = 1
			if selected[value] {
				q.Req.Filters[f] = without(q.Req.Filters[f], value)
			} else {
				q.Req.Filters[f] = append(q.Req.Filters[f], value)
			}
			fv.Values = append(fv.Values, facetValueView{Value: value, Count: count, Selected: selected[value], Link: searchLink(q)})
		}
		for _, v := range res.Facets[f] {
			add(v.Value, v.Count)
		}
		// A ticked value stays listed, so it can be unticked.
		for _, v := range p.Req.Filters[f] {
			if !listed[v] {
				add(v, 0)
			}
		}
		page.Facets = append(page.Facets, fv)
		for _, v := range p.Req.Filters[f] {
			q := p.clone()
			q.Page = 1
			q.Req.Filters[f] = without(q.Req.Filters[f], v)
			page.Active = append(page.Active, activeFilter{Field: f, Label: facetLabels[f], Value: v, Remove: searchLink(q)})
		}
	}
	if len(page.Active) > 0 {
		q := p.clone()
		q.Page = 1
		q.Req.Filters = nil
		page.ClearAll = searchLink(q)
	}

	for _, o := range []struct{ label, sort string }{{"Relevance", "relevance"}, {"Newest", "date"}, {"Most asked", "asked"}} {
		q := p.clone()
		q.Page = 1
		q.Req.Sort = o.sort
		page.Sorts = append(page.Sorts, option{Label: o.label, Link: searchLink(q), Selected: p.Req.Sort == o.sort})
	}
	for _, o := range []struct{ label, typ string }{{"Questions", index.TypeQuestion}, {"Experiences", index.TypeExperience}} {
		q := p.clone()
		q.Page = 1
		q.Req.Type = o.typ
		page.Types = append(page.Types, option{Label: o.label, Link: searchLink(q), Selected: p.Req.Type == o.typ})
	}

	size := p.Req.Size
	window := res.Total
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
// with all its questions.
func (s *Server) handleExperiencePage(w http.ResponseWriter, r *http.Request) error {
	e, err := s.Index.Experience(r.Context(), mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	data := experiencePage{E: e}
	if e.Company != "" {
		data.CompanyLink = searchLink(searchParams{Req: index.Request{Filters: map[string][]string{"company": {e.Company}}}})
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
