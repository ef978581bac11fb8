package main

import (
	"bytes"
	"fmt"
	"github.com/askedat/askedat"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"github.com/askedat/askedat/web"
)

// The experience page's view model; the search page's is in pages_view.go.
// Every link is built here, so templates only print.
type (
	experiencePage struct {
		E           *askedat.Experience
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
		askedat.Question
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

// difficultyNote is the DifficultyNote of a difficulty from source.
func difficultyNote(source string) string {
	if source == askedat.DifficultyInferred {
		return inferredNote
	}
	return ""
}

// pageFacetSize is the facet size of the search page's searches, the
// script's FACET_SIZE.
const pageFacetSize = 100

// searchLink returns the search page's URL of p.
func searchLink(p searchParams) string {
	if q := p.encode(); q != "" {
		return "/search?" + q
	}
	return "/search"
}

// filterLink returns the search for one filter's value (and the next
// filters, in pairs).
func filterLink(fieldValues ...string) string {
	p := searchParams{Req: askedat.Request{Filters: map[string][]string{}}}
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
func (p searchParams) pageRequest() askedat.Request {
	r := p.Req
	r.FacetSize = pageFacetSize
	if p.collapsed() {
		r.Collapse = askedat.CollapseCluster
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
	explicitSort := p.Req.Sort // the URL's, before defaults: a newly typed query keeps it
	if s.revalidate(w, r, "search page", pageKey(r.URL.Query())) {
		return nil
	}
	p.Req = p.pageRequest()
	status, errMsg := http.StatusOK, ""
	res, err := s.search(r.Context(), p.Req, p.Page)
	if err != nil {
		he := classify(err)
		if he.Status >= 500 && he.Status != http.StatusServiceUnavailable {
			return err
		}
		he.setHeaders(w) // no tag: an error is not cached
		// A query the index refuses is shown on the page, with the box
		// still there to fix it.
		status, errMsg = he.Status, he.Msg
		res = &askedat.Result{Facets: map[string][]askedat.FacetValue{}}
	} else {
		if res.Partial {
			uncacheable(w)
		}
		p = p.asRead(res)
	}
	p = p.withPageDefaults()
	return s.renderPage(w, status, web.PageSearch, newSearchPage(p, res, errMsg, explicitSort))
}

// handleExperiencePage handles the "GET /experiences/{id}" route: one post
// with all its questions, and links back into search.
func (s *Server) handleExperiencePage(w http.ResponseWriter, r *http.Request) error {
	id := mux.Vars(r)["id"]
	if s.revalidate(w, r, "experience page", id) {
		return nil
	}
	e, err := s.Index.Experience(r.Context(), id)
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
			qv.ClusterLink = searchLink(searchParams{Req: askedat.Request{Cluster: q.Cluster}})
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
	setLength(w, buf.Len())
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
