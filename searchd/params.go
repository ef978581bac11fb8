package main

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/crawler/urlnorm"
)

// searchParams is a parsed search URL: the request for the index plus the
// page number it came from.
type searchParams struct {
	Req  askedat.Request
	Page int // from 1
	// Every is the search page's "Every post" (collapse=0 in its URL): the
	// page shows one hit per question cluster unless it is set. The API
	// takes collapse=cluster instead (Req.Collapse).
	Every bool
}

// collapsed reports whether the search page of p shows one hit per
// question cluster: on the questions tab, unless Every, and not inside one
// cluster (whose page lists every time it was asked).
func (p searchParams) collapsed() bool {
	return !p.Every && (p.Req.Type == "" || p.Req.Type == askedat.TypeQuestion) && p.Req.Cluster == ""
}

// singleParams may appear once; askedat.FacetFields may repeat.
var singleParams = []string{"q", "type", "sort", "page", "size", "facet_size", "date_interval", "date_from", "date_to", "cursor", "cluster", "collapse", "difficulty_source"}

// parseSearchParams reads a search URL's query. Unknown parameters are an
// error. Without strict (web pages), tracking parameters (utm_*, fbclid, …)
// are ignored, as links to a page carry them (decisions 9 and 110); a typo
// such as compnay= is refused there too, as it would widen the results
// unseen. collapse is the API's collapse=cluster with strict, the page's
// collapse=0 (Every) without.
func parseSearchParams(v url.Values, strict bool) (searchParams, error) {
	p := searchParams{Page: 1}
	for name, vals := range v {
		if askedat.IsFacetField(name) {
			continue
		}
		known := false
		for _, s := range singleParams {
			if s == name {
				known = true
			}
		}
		if !known {
			if strict || !urlnorm.IsTracking(name) {
				return p, badRequest("unknown parameter %s: use q, %s, date_from, date_to, type, sort, page, size, facet_size, date_interval, cursor, cluster, collapse, difficulty_source", quotePart(name), strings.Join(askedat.FacetFields, ", "))
			}
			continue
		}
		if len(vals) > 1 {
			return p, badRequest("parameter %q is given %d times; give it once", name, len(vals))
		}
	}
	p.Req.Query = strings.TrimSpace(v.Get("q")) // the index ignores the spaces around; one state, one URL
	p.Req.Type = v.Get("type")
	p.Req.Sort = v.Get("sort")
	p.Req.DateInterval = v.Get("date_interval")
	// As the query: the spaces around are no part of the date (the index
	// reads them, and refuses what is no date with a 400).
	p.Req.DateFrom = strings.TrimSpace(v.Get("date_from"))
	p.Req.DateTo = strings.TrimSpace(v.Get("date_to"))
	p.Req.Cursor = v.Get("cursor")
	p.Req.Cluster = v.Get("cluster")
	p.Req.DifficultySource = strings.TrimSpace(v.Get("difficulty_source")) // as the query: one state, one URL
	if strict {
		p.Req.Collapse = v.Get("collapse")
	} else {
		p.Every = v.Get("collapse") == "0"
	}
	var err error
	if p.Page, err = intParam(v, "page", 1); err != nil {
		return p, err
	}
	if p.Page < 1 {
		return p, badRequest("page %d is out of range: pages start at 1", p.Page)
	}
	if p.Req.Size, err = intParam(v, "size", askedat.DefaultSize); err != nil {
		return p, err
	}
	if p.Req.Size < 1 || p.Req.Size > askedat.MaxSize {
		return p, badRequest("size %d is out of range: it must be between 1 and %d", p.Req.Size, askedat.MaxSize)
	}
	if p.Req.FacetSize, err = intParam(v, "facet_size", askedat.DefaultFacetSize); err != nil {
		return p, err
	}
	if p.Req.FacetSize < 1 || p.Req.FacetSize > askedat.MaxFacetSize {
		return p, badRequest("facet size %d is out of range: it must be between 1 and %d", p.Req.FacetSize, askedat.MaxFacetSize)
	}
	if p.Req.Cursor != "" && p.Page != 1 {
		return p, badRequest("give either a cursor or a page, not both")
	}
	if p.Page > askedat.MaxWindow/p.Req.Size {
		return p, badRequest("page %d is too deep: results beyond the first %d cannot be paged to; narrow the search", p.Page, askedat.MaxWindow)
	}
	p.Req.From = (p.Page - 1) * p.Req.Size
	for _, f := range askedat.FacetFields {
		for _, val := range v[f] {
			if val = strings.TrimSpace(val); val != "" || strict {
				if p.Req.Filters == nil {
					p.Req.Filters = map[string][]string{}
				}
				p.Req.Filters[f] = appendUnique(p.Req.Filters[f], val)
			}
		}
	}
	return p, nil
}

func intParam(v url.Values, name string, def int) (int, error) {
	s := v.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, badRequest("%s %q is not a whole number", name, s)
	}
	return n, nil
}

func appendUnique(vs []string, v string) []string {
	for _, x := range vs {
		if x == v {
			return vs
		}
	}
	return append(vs, v)
}

// encode turns parameters back into a search page's URL query, leaving out
// defaults, in a fixed order (params), so links are short, readable, and
// the same state has one URL.
func (p searchParams) encode() string {
	var parts []string
	for _, pr := range p.params() {
		parts = append(parts, url.QueryEscape(pr.Name)+"="+url.QueryEscape(pr.Value))
	}
	return strings.Join(parts, "&")
}

// params are the parameters of p's URL, defaults left out, in the order
// links write them: q, the filters in facet order, date_from, date_to,
// difficulty_source, cluster, type, collapse=0 for Every, sort, size, page.
func (p searchParams) params() []param {
	var out []param
	add := func(k, v string) { out = append(out, param{k, v}) }
	if p.Req.Query != "" {
		add("q", p.Req.Query)
	}
	for _, f := range askedat.FacetFields {
		for _, val := range p.Req.Filters[f] {
			add(f, val)
		}
	}
	if p.Req.DateFrom != "" {
		add("date_from", p.Req.DateFrom)
	}
	if p.Req.DateTo != "" {
		add("date_to", p.Req.DateTo)
	}
	if p.Req.DifficultySource != "" {
		add("difficulty_source", p.Req.DifficultySource)
	}
	if p.Req.Cluster != "" {
		add("cluster", p.Req.Cluster)
	}
	if p.Req.Type != "" && p.Req.Type != askedat.TypeQuestion {
		add("type", p.Req.Type)
	}
	if p.Every {
		add("collapse", "0")
	}
	if p.Req.Sort != "" && p.Req.Sort != askedat.DefaultSort(p.Req.Query) {
		add("sort", p.Req.Sort)
	}
	if p.Req.Size != 0 && p.Req.Size != askedat.DefaultSize {
		add("size", strconv.Itoa(p.Req.Size))
	}
	if p.Page > 1 {
		add("page", strconv.Itoa(p.Page))
	}
	return out
}

// clone returns a deep copy of p, to derive links from.
func (p searchParams) clone() searchParams {
	c := p
	c.Req.Filters = map[string][]string{}
	for f, vs := range p.Req.Filters {
		c.Req.Filters[f] = append([]string(nil), vs...)
	}
	return c
}
