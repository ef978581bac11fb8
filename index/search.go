package index

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Limits on a Request. A request beyond them is refused with a *RequestError.
const (
	DefaultSize      = 10
	MaxSize          = 100
	MaxWindow        = 10000 // From+Size
	DefaultFacetSize = 10
	MaxFacetSize     = 200
	MaxQueryRunes    = 500
	MaxQueryTerms    = 32
	MaxFilterValues  = 50
	snippetRunes     = 220
)

// TitleBoost is how much more a word in a question's title counts than the
// same word in its body: a question titled "LRU Cache" is about LRU caches,
// one that mentions them in passing is not.
const TitleBoost = 3.0

// A Request is one search.
type Request struct {
	// Query is the user's text; empty matches every document.
	Query string
	// Filters maps a facet field (company, role, category, difficulty,
	// status) to the values wanted: values of one field are OR-ed, fields
	// are AND-ed.
	Filters map[string][]string
	// Type is TypeQuestion (the default) or TypeExperience.
	Type string
	// Sort is "relevance" (the default; "date" when Query is empty) or "date"
	// (newest first).
	Sort string
	// From is the number of hits to skip; Size the number to return
	// (DefaultSize if 0).
	From, Size int
	// FacetSize is the number of values listed per facet (DefaultFacetSize
	// if 0).
	FacetSize int
}

// A Hit is one matching document.
type Hit struct {
	ID           string  `json:"id"`
	Type         string  `json:"type"`
	Title        string  `json:"title"`
	Company      string  `json:"company"`
	Role         string  `json:"role"`
	Category     string  `json:"category"`
	Difficulty   string  `json:"difficulty"`
	Status       string  `json:"status"`
	Date         string  `json:"date"`
	URL          string  `json:"url"`
	ExperienceID string  `json:"experience_id"`
	Ordinal      int     `json:"ordinal,omitempty"`
	Score        float64 `json:"score"`
	// Highlights holds, per field (title, body), fragments of the text as
	// safe HTML: the text escaped, with matched words in <mark>.
	Highlights map[string][]string `json:"highlights,omitempty"`
	// Snippet is safe HTML: the best body fragment, or the start of the body.
	Snippet string `json:"snippet"`
}

// A FacetValue is one value of a facet field and the number of matching
// documents that have it.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// A Result is the answer to a Request.
type Result struct {
	Total  uint64                  `json:"total"`
	Hits   []Hit                   `json:"hits"`
	Facets map[string][]FacetValue `json:"facets"`
	// FacetOther counts, per facet, the matches whose value is not among
	// those listed (the list is cut at FacetSize); FacetMissing the matches
	// with no value. For a field with one value per document, the listed
	// counts plus these two add up to Total.
	FacetOther   map[string]int `json:"facet_other"`
	FacetMissing map[string]int `json:"facet_missing"`
	Took         time.Duration  `json:"-"`
}

// A RequestError says what is wrong with a Request. Callers show it to the
// user (searchd answers 400).
type RequestError struct{ Msg string }

func (e *RequestError) Error() string { return e.Msg }

func badRequest(format string, args ...interface{}) error {
	return &RequestError{Msg: fmt.Sprintf(format, args...)}
}

// IsFacetField reports whether f is one of FacetFields.
func IsFacetField(f string) bool {
	for _, x := range FacetFields {
		if x == f {
			return true
		}
	}
	return false
}

// normalize fills in defaults and checks r against the limits.
func (r *Request) normalize() error {
	r.Query = strings.TrimSpace(r.Query)
	if n := utf8.RuneCountInString(r.Query); n > MaxQueryRunes {
		return badRequest("query is %d characters long; the limit is %d", n, MaxQueryRunes)
	}
	if !utf8.ValidString(r.Query) {
		return badRequest("query is not valid UTF-8")
	}
	switch r.Type {
	case "":
		r.Type = TypeQuestion
	case TypeQuestion, TypeExperience:
	default:
		return badRequest("type %q is not one of question, experience", r.Type)
	}
	switch r.Sort {
	case "":
		r.Sort = "relevance"
		if r.Query == "" {
			r.Sort = "date"
		}
	case "relevance", "date":
	default:
		return badRequest("sort %q is not one of relevance, date", r.Sort)
	}
	if r.Size == 0 {
		r.Size = DefaultSize
	}
	if r.Size < 1 || r.Size > MaxSize {
		return badRequest("size %d is out of range: it must be between 1 and %d", r.Size, MaxSize)
	}
	if r.From < 0 {
		return badRequest("from %d is negative", r.From)
	}
	if r.From+r.Size > MaxWindow {
		return badRequest("results beyond the first %d cannot be paged to; narrow the search", MaxWindow)
	}
	if r.FacetSize == 0 {
		r.FacetSize = DefaultFacetSize
	}
	if r.FacetSize < 1 || r.FacetSize > MaxFacetSize {
		return badRequest("facet size %d is out of range: it must be between 1 and %d", r.FacetSize, MaxFacetSize)
	}
	for f, vs := range r.Filters {
		if !IsFacetField(f) {
			return badRequest("cannot filter on %q: filters are %s", f, strings.Join(FacetFields, ", "))
		}
		if len(vs) > MaxFilterValues {
			return badRequest("%d values for filter %s; the limit is %d", len(vs), f, MaxFilterValues)
		}
		for _, v := range vs {
			if strings.TrimSpace(v) == "" {
				return badRequest("filter %s has an empty value", f)
			}
		}
	}
	return nil
}

// Search runs r and returns the hits of the page asked for, the total number
// of matches and the facet counts over all matches. Invalid requests give a
// *RequestError.
func (x *Index) Search(ctx context.Context, r Request) (*Result, error) {
	start := time.Now()
	if err := r.normalize(); err != nil {
		return nil, err
	}
	q, err := x.buildQuery(&r)
	if err != nil {
		return nil, err
	}
	sr := bleve.NewSearchRequestOptions(q, r.Size, r.From, false)
	sr.Fields = []string{fieldType, fieldExperienceID, fieldOrdinal, fieldTitle, fieldBody, fieldCompany,
		fieldRole, fieldCategory, fieldDifficulty, fieldStatus, fieldDate, fieldURL}
	if r.Query != "" {
		sr.Highlight = bleve.NewHighlightWithStyle("html")
		sr.Highlight.AddField(fieldTitle)
		sr.Highlight.AddField(fieldBody)
	}
	if r.Sort == "date" {
		sr.SortBy([]string{"-" + fieldDate, "-_score", "_id"})
	} else {
		sr.SortBy([]string{"-_score", "-" + fieldDate, "_id"})
	}
	for _, f := range FacetFields {
		sr.AddFacet(f, bleve.NewFacetRequest(f, r.FacetSize))
	}
	res, err := x.bi.SearchInContext(ctx, sr)
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return nil, err
		}
		return nil, fmt.Errorf("search %s: %w", x.path, err)
	}
	out := &Result{Total: res.Total, Hits: make([]Hit, 0, len(res.Hits)), Facets: map[string][]FacetValue{},
		FacetOther: map[string]int{}, FacetMissing: map[string]int{}}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, hitFrom(h))
	}
	for _, f := range FacetFields {
		vals := []FacetValue{}
		if fr, ok := res.Facets[f]; ok && fr != nil {
			for _, t := range fr.Terms.Terms() {
				vals = append(vals, FacetValue{Value: t.Term, Count: t.Count})
			}
			out.FacetOther[f] = fr.Other
			out.FacetMissing[f] = fr.Missing
		}
		out.Facets[f] = vals
	}
	out.Took = time.Since(start)
	return out, nil
}

// buildQuery turns a request into a bleve query: the text part (every word
// must appear, in the title or the body) AND the type AND the filters.
func (x *Index) buildQuery(r *Request) (query.Query, error) {
	must := []query.Query{termQuery(fieldType, r.Type)}
	if r.Query != "" {
		terms, err := x.analyze(r.Query)
		if err != nil {
			return nil, err
		}
		if len(terms) == 0 {
			return nil, badRequest("query %q has only common words such as \"the\" or \"and\"; add a word that says what you look for", r.Query)
		}
		if len(terms) > MaxQueryTerms {
			return nil, badRequest("query has %d words; the limit is %d", len(terms), MaxQueryTerms)
		}
		for _, t := range terms {
			title := query.NewTermQuery(t)
			title.SetField(fieldTitle)
			title.SetBoost(TitleBoost)
			body := query.NewTermQuery(t)
			body.SetField(fieldBody)
			must = append(must, query.NewDisjunctionQuery([]query.Query{title, body}))
		}
	}
	for _, f := range FacetFields {
		vs := r.Filters[f]
		if len(vs) == 0 {
			continue
		}
		or := make([]query.Query, 0, len(vs))
		for _, v := range vs {
			or = append(or, termQuery(f, v))
		}
		must = append(must, query.NewDisjunctionQuery(or))
	}
	return query.NewConjunctionQuery(must), nil
}

// analyze splits text into the index's terms for title and body, without
// repeats, in order.
func (x *Index) analyze(text string) ([]string, error) {
	a := x.bi.Mapping().AnalyzerNamed(en.AnalyzerName)
	if a == nil {
		return nil, fmt.Errorf("analyzer %s is missing from the mapping", en.AnalyzerName)
	}
	var terms []string
	seen := map[string]bool{}
	for _, tok := range a.Analyze([]byte(text)) {
		t := string(tok.Term)
		if !seen[t] {
			seen[t] = true
			terms = append(terms, t)
		}
	}
	return terms, nil
}

func termQuery(field, v string) query.Query {
	q := query.NewTermQuery(v)
	q.SetField(field)
	return q
}

func hitFrom(h *search.DocumentMatch) Hit {
	s := func(f string) string {
		v, _ := h.Fields[f].(string)
		return v
	}
	hit := Hit{
		ID:           h.ID,
		Type:         s(fieldType),
		Title:        s(fieldTitle),
		Company:      s(fieldCompany),
		Role:         s(fieldRole),
		Category:     s(fieldCategory),
		Difficulty:   s(fieldDifficulty),
		Status:       s(fieldStatus),
		URL:          s(fieldURL),
		ExperienceID: s(fieldExperienceID),
		Score:        h.Score,
	}
	if hit.Type == "" {
		hit.Type = TypeQuestion
		if hit.ExperienceID == hit.ID {
			hit.Type = TypeExperience
		}
	}
	if d := s(fieldDate); len(d) >= 10 {
		hit.Date = d[:10]
	}
	if n, ok := h.Fields[fieldOrdinal].(float64); ok {
		hit.Ordinal = int(n)
	}
	if hit.Type == TypeExperience {
		// An experience's category and difficulty fields hold many values.
		hit.Category = strings.Join(stringsOf(h.Fields[fieldCategory]), ", ")
		hit.Difficulty = strings.Join(stringsOf(h.Fields[fieldDifficulty]), ", ")
	}
	if len(h.Fragments) > 0 {
		hit.Highlights = map[string][]string{}
		for f, frags := range h.Fragments {
			hit.Highlights[f] = frags
		}
	}
	if frags := h.Fragments[fieldBody]; len(frags) > 0 {
		hit.Snippet = frags[0]
	} else {
		hit.Snippet = html.EscapeString(truncate(s(fieldBody), snippetRunes))
	}
	return hit
}

func stringsOf(v interface{}) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []interface{}:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// truncate cuts s to at most n runes at a word boundary, adding "…".
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := string(r)
	if i := strings.LastIndexAny(cut, " \n\t"); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimSpace(cut) + "…"
}
