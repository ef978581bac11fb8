package main

import (
	"fmt"
	"github.com/askedat/askedat"
	"net/url"
)

// The search page's view model and the builders that fill it. Each builder
// is a pure function of the page's parameters, as the index read them
// (searchParams.asRead, withPageDefaults), and of the index's result; it
// returns one piece of the page: the count line, the hits, the facets, the
// chips, the controls, the pager, the notices. newSearchPage puts the
// pieces together; handleSearchPage only parses, searches, composes and
// renders. Every link is built here, so templates only print. The page
// works without JavaScript; web/static/app.js, when it runs, renders the
// same structure from /api/search in place.
type (
	searchPage struct {
		Query string
		Error string
		countLine
		// Intro is the first visit: no query, no filter, first page.
		Intro    bool
		Examples []option
		Hits     []hitView
		Facets   []facetView
		// Dates is the date range control under the chart
		// (pages_dates.go).
		Dates    dateRangeView
		Active   []activeFilter
		ClearAll string
		Sorts    []option
		Types    []option
		// Collapse is the choice of one hit per question or every post,
		// where it applies (questions, not inside one cluster).
		Collapse []option
		pager
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
		clusterNotice
	}
	// countLine is the line above the hits: how many, of what, how fast.
	countLine struct {
		Type  string // question or experience
		Noun  string // "question" or "experience", for "3 questions"
		Total uint64
		// Collapsed is one hit per question cluster; Groups counts them.
		Collapsed bool
		Groups    uint64
		Took      string
		From, To  int // the hits shown, from 1
	}
	// pager is the page's place in the results and its neighbours' links
	// ("" at either end).
	pager struct {
		Page  int
		Pages int
		Prev  string
		Next  string
	}
	// clusterNotice describes the question whose places the page lists
	// (cluster=…): its title and the companies that asked it.
	clusterNotice struct {
		ClusterTitle string
		AskedAt      int
		// ClusterNarrowed: the cluster's page is narrowed by a query or
		// filters too (an "Asked N times" link), so it lists the times
		// that match, not all.
		ClusterNarrowed bool
	}
	hitView struct {
		askedat.Hit
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
)

// sourceLabel is the difficulty facet's toggle of difficulty_source=stated;
// sourceTitle its title. The script's SOURCE_LABEL and SOURCE_TITLE.
const (
	sourceLabel = "Only difficulties posts state"
	sourceTitle = "Count a question under a difficulty only when its post states one, not when it is inferred from the same problem elsewhere"
)

// inferredCountNote is the title of a difficulty facet value's inferred
// count; the script's inferredCountNote.
func inferredCountNote(inferred, count int) string {
	return fmt.Sprintf("%d of these %d have no difficulty in their post: it is inferred from how the same problem is rated elsewhere", inferred, count)
}

// sourceChip is the active filter's text for a difficulty_source; the
// script's sourceChip.
func sourceChip(source string) string {
	switch source {
	case askedat.SourceStated:
		return "only stated"
	case askedat.SourceInferred:
		return "only inferred"
	}
	return source
}

var facetLabels = map[string]string{
	"company": "Company", "role": "Role", "category": "Category", "difficulty": "Difficulty", "status": "Outcome",
}

// pageFacetShown is the number of a facet's values shown before "N more".
const pageFacetShown = 10

// examples are the searches the first visit offers; the script's EXAMPLES.
var examples = []string{"lru cache", `"system design"`, "amazon design hard", "kafka OR rabbitmq", "recursoin"}

// newSearchPage composes the search page of p, as the index read it, and
// res, its answer. errMsg is the message of a search the index refused
// (res is then empty); explicitSort the sort the URL gave, if any.
func newSearchPage(p searchParams, res *askedat.Result, errMsg, explicitSort string) searchPage {
	failed := errMsg != ""
	page := searchPage{
		Query:         p.Req.Query,
		Error:         errMsg,
		countLine:     countLineOf(p, res, failed),
		Hits:          hitViews(p, res.Hits),
		Facets:        facetViews(p, res),
		Dates:         dateRangeOf(p),
		Active:        activeFilters(p, res),
		Sorts:         sortOptions(p),
		Types:         typeOptions(p),
		Collapse:      collapseOptions(p),
		pager:         pagerOf(p, res),
		Hidden:        hiddenParams(p, explicitSort),
		clusterNotice: clusterNoticeOf(p, res),
	}
	page.Intro, page.Examples = introOf(p, failed)
	if len(page.Active) > 0 {
		page.ClearAll = clearAllLink(p)
	}
	page.Relaxed, page.RelaxedOnly = relaxedOf(res)
	page.Suggestion, page.SuggestionLink = didYouMean(p, res.Suggestion)
	return page
}

// asRead returns p with the filter values spelt as the index read them
// ("amazon" is Amazon), so the facets tick, and the links carry, the
// index's spelling: a ticked value is the facet's own value and not a
// second entry beside it. And the difficulty source as read ("Stated" is
// stated, "any" none), and the date range as days (date_from=2023 is
// 2023-01-01), which the range's inputs show.
func (p searchParams) asRead(res *askedat.Result) searchParams {
	if res.Filters != nil {
		p.Req.Filters = map[string][]string{}
		for f, vs := range res.Filters {
			p.Req.Filters[f] = append([]string(nil), vs...) // res is shared by the cache
		}
	}
	p.Req.DifficultySource = res.DifficultySource
	p.Req.DateFrom, p.Req.DateTo = res.DateRange.From, res.DateRange.To
	return p
}

// withPageDefaults returns p with the type and sort the index fills in
// when they are not given; links use them.
func (p searchParams) withPageDefaults() searchParams {
	p.Req.Type = orDefault(p.Req.Type, askedat.TypeQuestion)
	p.Req.Sort = orDefault(p.Req.Sort, askedat.DefaultSort(p.Req.Query))
	return p
}

// fromStart returns a copy of p on its first page: the state a link that
// changes the search goes to.
func fromStart(p searchParams) searchParams {
	q := p.clone()
	q.Page = 1
	return q
}

// countLineOf is the count line of p's page: the total (and, when the page
// shows one hit per question, the groups), what they are, the time taken,
// and which hits the page shows.
func countLineOf(p searchParams, res *askedat.Result, failed bool) countLine {
	c := countLine{
		Type: p.Req.Type, Noun: p.Req.Type,
		Total:     res.Total,
		Collapsed: p.Req.Collapse != "" && !failed,
		Groups:    res.Groups,
		Took:      formatMS(res.Took),
	}
	if len(res.Hits) > 0 {
		c.From, c.To = p.Req.From+1, p.Req.From+len(res.Hits)
	}
	return c
}

// introOf reports whether p's page is the first visit (nothing asked yet,
// on the questions tab, which the intro speaks of; the script shows it only
// there too) and gives the example searches it offers.
func introOf(p searchParams, failed bool) (bool, []option) {
	if failed || p.Req.Query != "" || len(p.Req.Filters) > 0 || p.Req.DateFrom != "" || p.Req.DateTo != "" || p.Req.DifficultySource != "" || p.Req.Cluster != "" || p.Page != 1 || p.Req.Type != askedat.TypeQuestion {
		return false, nil
	}
	var ex []option
	for _, q := range examples {
		ex = append(ex, option{Label: q, Link: searchLink(searchParams{Req: askedat.Request{Query: q}})})
	}
	return true, ex
}

// didYouMean is the "Did you mean" line: the suggested query and the link
// to its search (p with that query, from the first page); "", "" without a
// suggestion.
func didYouMean(p searchParams, suggestion string) (string, string) {
	if suggestion == "" {
		return "", ""
	}
	q := fromStart(p)
	q.Req.Query = suggestion
	return suggestion, searchLink(q)
}

// relaxedOf gives the words some hits lack, and whether the first hit
// lacks some too (no hit has them all).
func relaxedOf(res *askedat.Result) ([]string, bool) {
	return res.Relaxed, len(res.Hits) > 0 && res.Hits[0].Tier > 0
}

// hitViews are the hits with their links: the post (at the question), the
// company's search, the crawled page, the question's other places and, for
// a hit standing for several, this search inside its cluster.
func hitViews(p searchParams, hits []askedat.Hit) []hitView {
	var out []hitView
	for _, h := range hits {
		hv := hitView{Hit: h, PostLink: "/experiences/" + url.PathEscape(h.ExperienceID), SourceLink: webURL(h.URL), DifficultyNote: difficultyNote(h.DifficultySource)}
		if h.Type == askedat.TypeQuestion && h.Ordinal > 0 {
			hv.PostLink += fmt.Sprintf("#q-%d", h.Ordinal)
		}
		if t := h.Highlights["title"]; len(t) > 0 {
			hv.TitleHTML = t[0]
		}
		if h.Company != "" {
			hv.CompanyLink = filterLink("company", h.Company)
		}
		if h.Cluster != "" && h.AskedAt > 1 && h.Cluster != p.Req.Cluster {
			hv.ClusterLink = searchLink(searchParams{Req: askedat.Request{Cluster: h.Cluster}})
		}
		if h.Collapsed > 1 && h.Cluster != "" {
			q := fromStart(p)
			q.Req.Cluster = h.Cluster
			hv.TimesLink = searchLink(q)
		}
		out = append(out, hv)
	}
	return out
}

// facetViews are the facets of res, one per askedat.FacetFields, in that
// order.
func facetViews(p searchParams, res *askedat.Result) []facetView {
	var out []facetView
	for _, f := range askedat.FacetFields {
		fv := facetView{Field: f, Label: facetLabels[f], Other: res.FacetOther[f]}
		fv.Values, fv.More = foldFacet(facetValues(p, f, res.Facets[f]))
		if f == "difficulty" {
			fv.Source = sourceToggle(p, res.Facets[f])
		}
		out = append(out, fv)
	}
	return out
}

// facetValues are the values of field's facet: those counted, then those
// ticked but not counted (a ticked value stays listed, so it can be
// unticked), each with the link that ticks or unticks it.
func facetValues(p searchParams, field string, counted []askedat.FacetValue) []facetValueView {
	selected := map[string]bool{}
	for _, v := range p.Req.Filters[field] {
		selected[v] = true
	}
	var out []facetValueView
	listed := map[string]bool{}
	add := func(value string, count, inferred int) {
		listed[value] = true
		q := fromStart(p)
		if selected[value] {
			q.Req.Filters[field] = without(q.Req.Filters[field], value)
		} else {
			q.Req.Filters[field] = append(q.Req.Filters[field], value)
		}
		v := facetValueView{Value: value, Count: count, Selected: selected[value], Link: searchLink(q), Inferred: inferred}
		if inferred > 0 {
			v.InferredNote = inferredCountNote(inferred, count)
		}
		out = append(out, v)
	}
	for _, v := range counted {
		add(v.Value, v.Count, v.Inferred)
	}
	for _, v := range p.Req.Filters[field] {
		if !listed[v] {
			add(v, 0, 0)
		}
	}
	return out
}

// foldFacet splits a facet's values into those shown (the first
// pageFacetShown, and every ticked one) and those folded under "N more".
func foldFacet(values []facetValueView) (shown, more []facetValueView) {
	for i, v := range values {
		if i < pageFacetShown || v.Selected {
			shown = append(shown, v)
		} else {
			more = append(more, v)
		}
	}
	return shown, more
}

// sourceToggle is the difficulty facet's "Only difficulties posts state",
// ticked when p asks for difficulty_source=stated, its link the other
// state; nil when no difficulty counted is inferred and no source is
// chosen.
func sourceToggle(p searchParams, difficulties []askedat.FacetValue) *option {
	anyInferred := false
	for _, v := range difficulties {
		anyInferred = anyInferred || v.Inferred > 0
	}
	if !anyInferred && p.Req.DifficultySource == "" {
		return nil
	}
	q := fromStart(p)
	on := p.Req.DifficultySource == askedat.SourceStated
	q.Req.DifficultySource = askedat.SourceStated
	if on {
		q.Req.DifficultySource = ""
	}
	return &option{Label: sourceLabel, Link: searchLink(q), Selected: on, Title: sourceTitle}
}

// activeFilters are the chips of p's page, each with the link that removes
// it: the filters in facet order, the date range, the difficulty source,
// the cluster (named by its title when a hit gives it).
func activeFilters(p searchParams, res *askedat.Result) []activeFilter {
	var out []activeFilter
	for _, f := range askedat.FacetFields {
		for _, v := range p.Req.Filters[f] {
			q := fromStart(p)
			q.Req.Filters[f] = without(q.Req.Filters[f], v)
			out = append(out, activeFilter{Field: f, Label: facetLabels[f], Value: v, Remove: searchLink(q)})
		}
	}
	if d := dateFilterOf(p); d != nil {
		out = append(out, *d)
	}
	if p.Req.DifficultySource != "" {
		q := fromStart(p)
		q.Req.DifficultySource = ""
		out = append(out, activeFilter{Field: "difficulty_source", Label: "Difficulties", Value: sourceChip(p.Req.DifficultySource), Remove: searchLink(q)})
	}
	if p.Req.Cluster != "" {
		q := fromStart(p)
		q.Req.Cluster = ""
		title := p.Req.Cluster
		if n := clusterNoticeOf(p, res); n.ClusterTitle != "" {
			title = n.ClusterTitle
		}
		out = append(out, activeFilter{Field: "cluster", Label: "Same question as", Value: title, Remove: searchLink(q)})
	}
	return out
}

// clearAllLink is "Clear all": p without its filters, date range,
// difficulty source and cluster.
func clearAllLink(p searchParams) string {
	q := fromStart(p)
	q.Req.Filters = nil
	q.Req.DateFrom, q.Req.DateTo = "", ""
	q.Req.DifficultySource = ""
	q.Req.Cluster = ""
	return searchLink(q)
}

// clusterNoticeOf describes the cluster p's page lists, from its first
// hit; empty outside a cluster, or when no hit gives the cluster's title.
func clusterNoticeOf(p searchParams, res *askedat.Result) clusterNotice {
	if p.Req.Cluster == "" || len(res.Hits) == 0 || res.Hits[0].ClusterTitle == "" {
		return clusterNotice{}
	}
	return clusterNotice{
		ClusterTitle:    res.Hits[0].ClusterTitle,
		AskedAt:         max(res.Hits[0].AskedAt, 1),
		ClusterNarrowed: p.Req.Query != "" || len(p.Req.Filters) > 0 || p.Req.DateFrom != "" || p.Req.DateTo != "",
	}
}

// hiddenParams are the parameters the search box's form carries, so that a
// newly typed query keeps them: the filters in facet order, the date range,
// the difficulty source, the cluster, a type other than questions, "Every post", and the
// sort the URL gave (explicitSort; a default one is left to the new query).
func hiddenParams(p searchParams, explicitSort string) []param {
	var out []param
	for _, f := range askedat.FacetFields {
		for _, v := range p.Req.Filters[f] {
			out = append(out, param{f, v})
		}
	}
	if p.Req.DateFrom != "" {
		out = append(out, param{"date_from", p.Req.DateFrom})
	}
	if p.Req.DateTo != "" {
		out = append(out, param{"date_to", p.Req.DateTo})
	}
	if p.Req.DifficultySource != "" {
		out = append(out, param{"difficulty_source", p.Req.DifficultySource})
	}
	if p.Req.Cluster != "" {
		out = append(out, param{"cluster", p.Req.Cluster})
	}
	if p.Req.Type != askedat.TypeQuestion {
		out = append(out, param{"type", p.Req.Type})
	}
	if p.Every {
		out = append(out, param{"collapse", "0"})
	}
	if explicitSort != "" {
		out = append(out, param{"sort", explicitSort})
	}
	return out
}

// sortOptions are the sorts p's page offers: relevance, newest, oldest,
// and most asked for questions.
func sortOptions(p searchParams) []option {
	sorts := []struct{ label, sort string }{{"Relevance", "relevance"}, {"Newest", "date"}, {"Oldest", "date_asc"}}
	if p.Req.Type == askedat.TypeQuestion {
		sorts = append(sorts, struct{ label, sort string }{"Most asked", "asked"})
	}
	var out []option
	for _, o := range sorts {
		q := fromStart(p)
		q.Req.Sort = o.sort
		out = append(out, option{Label: o.label, Link: searchLink(q), Selected: p.Req.Sort == o.sort})
	}
	return out
}

// typeOptions are the tabs: questions or experiences (which drop the
// questions' sort "Most asked").
func typeOptions(p searchParams) []option {
	var out []option
	for _, o := range []struct{ label, typ string }{{"Questions", askedat.TypeQuestion}, {"Experiences", askedat.TypeExperience}} {
		q := fromStart(p)
		q.Req.Type = o.typ
		if o.typ == askedat.TypeExperience && q.Req.Sort == "asked" {
			q.Req.Sort = ""
		}
		out = append(out, option{Label: o.label, Link: searchLink(q), Selected: p.Req.Type == o.typ})
	}
	return out
}

// collapseOptions are "One per question" and "Every post", on the
// questions tab outside a cluster; nil elsewhere.
func collapseOptions(p searchParams) []option {
	if p.Req.Type != askedat.TypeQuestion || p.Req.Cluster != "" {
		return nil
	}
	var out []option
	for _, o := range []struct {
		label string
		every bool
	}{{"One per question", false}, {"Every post", true}} {
		q := fromStart(p)
		q.Every = o.every
		out = append(out, option{Label: o.label, Link: searchLink(q), Selected: p.Every == o.every})
	}
	return out
}

// pagerOf places p's page among the pages of res (of its groups when the
// page shows one hit per question; at most askedat.MaxWindow hits deep) and
// links the previous and next.
func pagerOf(p searchParams, res *askedat.Result) pager {
	window := res.Total
	if p.Req.Collapse != "" {
		window = res.Groups // pages run over the groups
	}
	if window > askedat.MaxWindow {
		window = askedat.MaxWindow
	}
	size := uint64(p.Req.Size)
	pg := pager{Page: p.Page, Pages: max(int((window+size-1)/size), 1)}
	if p.Page > 1 {
		q := p.clone()
		q.Page = p.Page - 1
		pg.Prev = searchLink(q)
	}
	if p.Page < pg.Pages {
		q := p.clone()
		q.Page = p.Page + 1
		pg.Next = searchLink(q)
	}
	return pg
}
