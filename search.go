package askedat

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/askedat/askedat/query"
)

// FacetFields lists the facet fields in the order they are shown: the keys
// of Request.Filters and Result.Facets, and the index's keyword fields of
// the same names.
var FacetFields = []string{"company", "role", "category", "difficulty", "status"}

// Document types: the values of Request.Type and Hit.Type.
const (
	TypeQuestion   = "question"
	TypeExperience = "experience"
)

// Values of Request.DifficultySource: which questions' difficulties count.
const (
	// SourceAny counts every difficulty, stated or inferred (the default).
	SourceAny = "any"
	// SourceStated counts only the difficulties pages state: an inferred
	// one is as if the question had none.
	SourceStated = "stated"
	// SourceInferred counts only the difficulties the indexer inferred.
	SourceInferred = "inferred"
)

// DifficultySourceKey returns a Request.DifficultySource as the index reads
// it: any case and spaces around, SourceAny as none ("Stated" is
// SourceStated, "any" ""). A value it does not know comes back so folded;
// Search refuses it.
func DifficultySourceKey(s string) string {
	k := strings.ToLower(strings.TrimSpace(s))
	if k == SourceAny {
		return ""
	}
	return k
}

// A Request is one search.
type Request struct {
	// Query is the user's text; empty matches every document.
	Query string
	// Filters maps a facet field (company, role, category, difficulty,
	// status) to the values wanted: values of one field are OR-ed, fields
	// are AND-ed. Values match as the query's field clauses do, whatever
	// their case and spelling ("amazon" is Amazon, "fb" Meta); the Result
	// says how they were read (Filters, Warnings).
	Filters map[string][]string
	// Type is TypeQuestion (the default) or TypeExperience.
	Type string
	// Sort is "relevance" (the default; "date" when Query is empty), "date"
	// (newest first), "date_asc" (oldest first) or "asked" (asked at the
	// most companies first). By date, questions without one come last
	// either way.
	Sort string
	// From is the number of hits to skip; Size the number to return
	// (DefaultSize if 0).
	From, Size int
	// FacetSize is the number of values listed per facet (DefaultFacetSize
	// if 0).
	FacetSize int
	// DateInterval is "year" (the default) or "month": the buckets of the
	// date histogram of the hits.
	DateInterval string
	// DateFrom and DateTo keep the hits from one day to another, both in:
	// each a day (YYYY-MM-DD), or a month (YYYY-MM) or year (YYYY), which
	// DateFrom reads as its first day and DateTo as its last, so
	// DateFrom=DateTo=2023 is the year 2023. Either may be empty, leaving
	// that end open; with either set, questions without a date are left
	// out. Normalize writes them as days. As a facet's filter, the range
	// narrows every facet, and not the date histogram (Result.Dates), which
	// counts the hits of every date, so that the other years still show.
	DateFrom, DateTo string
	// Cursor, from a Result's NextCursor, asks for the hits after those of
	// that page (deep paging: no window limit); From must then be 0.
	Cursor string
	// Cluster, if set, keeps only the questions of that cluster: the same
	// question, everywhere it was asked.
	Cluster string
	// Collapse, if CollapseCluster, gives one hit per question cluster
	// (field collapsing): the best-ranked matching question of each
	// cluster, a question without one being a group of its own, ranked as
	// Sort says, with Hit.Collapsed the number of matching questions in
	// its cluster. Pages and cursors run over the groups, Result.Groups
	// counts them; Total, the facets and the dates still count questions.
	// Questions only.
	Collapse string
	// DifficultySource says which questions' difficulties count, in the
	// difficulty filter and facet: SourceAny (or empty) every one,
	// SourceStated only those the pages state (an inferred difficulty is
	// then as if the question had none), SourceInferred only those the
	// indexer inferred.
	DifficultySource string
}

// CollapseCluster is the one value of Request.Collapse: one hit per
// question cluster.
const CollapseCluster = "cluster"

// A Hit is one matching document.
type Hit struct {
	ID         string `json:"id"`
	Type       string `json:"type"`
	Title      string `json:"title"`
	Company    string `json:"company"`
	Role       string `json:"role"`
	Category   string `json:"category"`
	Difficulty string `json:"difficulty"`
	// DifficultySource is "inferred" when the page stated no difficulty and
	// the indexer gave the one its problem has where it is rated (for an
	// experience: when every difficulty of its questions was inferred).
	DifficultySource string `json:"difficulty_source,omitempty"`
	Status           string `json:"status"`
	Date             string `json:"date"`
	URL              string `json:"url"`
	ExperienceID     string `json:"experience_id"`
	Ordinal          int    `json:"ordinal,omitempty"`
	// Round is the part of the interview a question came from, as its
	// post names it ("Round 2 (F2F)", "Telephonic Round").
	Round string `json:"round,omitempty"`
	// Cluster is the id of the question's cluster, ClusterTitle its
	// canonical title and AskedAt the number of companies that asked it.
	Cluster      string `json:"cluster,omitempty"`
	ClusterTitle string `json:"cluster_title,omitempty"`
	AskedAt      int    `json:"asked_at,omitempty"`
	// Collapsed, in a collapsed search, is the number of matching
	// questions of the hit's cluster (1 for a question without one).
	Collapsed int `json:"collapsed,omitempty"`
	// Tier is 0 (left out) for a hit that has every word typed, and i for
	// one found by the i-th relaxation of the query (Result.Relaxed): hits
	// rank by tier first, then by Score.
	Tier  int     `json:"tier,omitempty"`
	Score float64 `json:"score"`
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
	// Inferred, of a difficulty's Count, are the questions whose
	// difficulty the indexer inferred.
	Inferred int `json:"inferred,omitempty"`
}

// A Result is the answer to a Request.
//
// Its JSON is the tail of searchd's /api/search answer, which embeds it:
// the fields keep the order of that answer (searchd/api.go).
type Result struct {
	Total uint64 `json:"total"`
	// Groups, in a collapsed search, is the number of distinct groups
	// (clusters, and questions without one) among the matches.
	Groups uint64                  `json:"groups,omitempty"`
	Hits   []Hit                   `json:"hits"`
	Facets map[string][]FacetValue `json:"facets"`
	// FacetOther counts, per facet, the matches whose value is not among
	// those listed (the list is cut at FacetSize); FacetMissing the matches
	// with no value. For a field with one value per document, the listed
	// counts plus these two add up to Total.
	FacetOther   map[string]int `json:"facet_other"`
	FacetMissing map[string]int `json:"facet_missing"`
	// Suggestion is a corrected query that finds something, offered when
	// this one found nothing ("did you mean").
	Suggestion string `json:"suggestion,omitempty"`
	// Relaxed lists the words typed that some hits lack: the query as
	// typed found fewer than index.RelaxBelow hits, so its least
	// informative words were made optional (those hits rank below the ones
	// that have every word).
	Relaxed []string `json:"relaxed,omitempty"`
	// Partial says the search spent its budget (index/budget.go) and
	// skipped some optional work: typo corrections of some words, looser
	// forms of the query, "did you mean". Its hits and counts are those of
	// the work done. PartialReason says what was skipped, for the logs.
	Partial       bool   `json:"partial,omitempty"`
	PartialReason string `json:"-"`
	// Dates counts the hits per year or month (DateInterval), oldest first.
	// It is the date range's facet (Request.DateFrom, DateTo): it applies
	// every filter but that range, so it also counts the years (or months)
	// outside it, which the range would give; a date: clause in the query
	// narrows it, as a company: clause narrows the company facet.
	Dates        []FacetValue `json:"dates"`
	DateInterval string       `json:"date_interval"`
	// NextCursor asks for the next page (Request.Cursor); "" on the last.
	NextCursor string `json:"next_cursor,omitempty"`
	// DifficultySource is the Request's, as applied: SourceStated,
	// SourceInferred, or "" for every difficulty.
	DifficultySource string `json:"difficulty_source,omitempty"`
	// Filters are the Request's filters as applied, each value in its
	// canonical spelling ("amazon" → "Amazon", "fb" → "Meta"): the
	// indexed value it names, or, for one naming none, its normal
	// spelling. Never nil. The facets list ticked values under these
	// spellings.
	Filters map[string][]string `json:"filters"`
	// DateRange is the Request's date range as applied, each end a day
	// (date_from=2023 is from 2023-01-01); zero (left out of the JSON)
	// without one.
	DateRange DateRange `json:"date_range,omitzero"`
	// Warnings says which filter values name nothing in the index (a
	// company not indexed yet, a typo): the search still answers, and
	// such a value matches nothing.
	Warnings []string      `json:"warnings,omitempty"`
	Took     time.Duration `json:"-"`
}

// A DateRange is a range of days, both ends in, each YYYY-MM-DD, an empty
// end open: the query package's, which reads the query language's date
// clauses (date:2023, date>=2023-06) into the same ranges.
type DateRange = query.DateRange

// A RequestError says what is wrong with a Request. Callers show it to the
// user (searchd answers 400).
type RequestError struct{ Msg string }

func (e *RequestError) Error() string { return e.Msg }

func badRequest(format string, args ...interface{}) error {
	return &RequestError{Msg: fmt.Sprintf(format, args...)}
}

// IsFacetField reports whether f is one of FacetFields.
func IsFacetField(f string) bool { return slices.Contains(FacetFields, f) }

// Normalize fills in r's defaults and checks it against the limits
// (limits.go), returning a *RequestError for what is wrong. The index's
// Search calls it; a caller may call it first to learn what will be
// searched.
func (r *Request) Normalize() error {
	r.Query = strings.TrimSpace(r.Query)
	if err := checkQueryText(r.Query); err != nil {
		return err
	}
	switch r.Type {
	case "":
		r.Type = TypeQuestion
	case TypeQuestion, TypeExperience:
	default:
		return badRequest("type %q is not one of question, experience", r.Type)
	}
	switch r.Collapse {
	case "":
	case CollapseCluster:
		if r.Type != TypeQuestion {
			return badRequest("collapse=%s groups questions by their cluster, and experiences have none: search type=question, or leave collapse out", CollapseCluster)
		}
	default:
		return badRequest("collapse %q is not one of %s (one hit per question cluster)", r.Collapse, CollapseCluster)
	}
	switch r.Sort {
	case "":
		r.Sort = DefaultSort(r.Query)
	case "relevance", "date", "date_asc", "asked":
	default:
		return badRequest("sort %q is not one of relevance, date (newest first), date_asc (oldest first), asked", r.Sort)
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
	if r.Cursor != "" && r.From != 0 {
		return badRequest("give either a cursor or a page, not both")
	}
	if r.From+r.Size > MaxWindow {
		return badRequest("results beyond the first %d cannot be paged to; narrow the search", MaxWindow)
	}
	if r.FacetSize == 0 {
		r.FacetSize = DefaultFacetSize
	}
	switch r.DateInterval {
	case "":
		r.DateInterval = "year"
	case "year", "month":
	default:
		return badRequest("date interval %q is not one of year, month", r.DateInterval)
	}
	if err := r.normalizeDates(); err != nil {
		return err
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
			if err := CheckValue("filter "+f+" value", v); err != nil {
				return err
			}
		}
	}
	if err := CheckValue("cluster", r.Cluster); err != nil {
		return err
	}
	if len(r.Cursor) > MaxCursorLen {
		return badRequest("cursor is %d characters long; a cursor this server gives is %d", len(r.Cursor), MaxCursorLen)
	}
	return nil
}

// CheckValue refuses a value (a filter value, a cluster id, a typeahead
// prefix) longer than MaxValueRunes or not UTF-8 with a *RequestError; what
// names it.
func CheckValue(what, v string) error {
	if n := utf8.RuneCountInString(v); n > MaxValueRunes {
		return badRequest("%s is %d characters long; the limit is %d", what, n, MaxValueRunes)
	}
	if !utf8.ValidString(v) {
		return badRequest("%s is not valid UTF-8", what)
	}
	return nil
}

// checkQueryText reports what makes text unusable as a query, or nil: the
// query package's check (query.CheckText), as a RequestError.
func checkQueryText(text string) error {
	if err := query.CheckText(text); err != nil {
		return &RequestError{Msg: err.Error()}
	}
	return nil
}

// DefaultSort is the sort of a request that names none (Request.Sort):
// "relevance" with query text, "date" (newest first) without. It is the
// one place the default is derived: Normalize, searchd's log, cache key and
// links call it, and web/static/state.js has its one copy, defaultSort.
func DefaultSort(query string) string {
	if strings.TrimSpace(query) == "" {
		return "date"
	}
	return "relevance"
}
