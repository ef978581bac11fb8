package index

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// snippetRunes is the length of a hit's snippet, in characters.
const snippetRunes = 220

// TitleBoost is how much more a word in a question's title counts than the
// same word in its body: a question titled "LRU Cache" is about LRU caches,
// one that mentions them in passing is not.
const TitleBoost = 3.0

// PhraseBoost weighs a matched "quoted phrase" (each of its word pairs): the
// user asked for those words together.
const PhraseBoost = 2.0

// ProximityBoost weighs, for words typed without quotes, each pair of them
// found side by side in the text: "hash map" ranks a text saying "hash map"
// above one with "hash" and "map" apart.
const ProximityBoost = 1.0

// FacetWordBoost weighs a word of the query that names the question's
// company or category ("amazon", "system design") when the text lacks it.
const FacetWordBoost = 0.5

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
	// Sort is "relevance" (the default; "date" when Query is empty) or "date"
	// (newest first).
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
	// typed found fewer than RelaxBelow hits, so its least informative
	// words were made optional (those hits rank below the ones that have
	// every word).
	Relaxed []string `json:"relaxed,omitempty"`
	// Dates counts the hits per year or month (DateInterval), oldest first.
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
	// Warnings says which filter values name nothing in the index (a
	// company not indexed yet, a typo): the search still answers, and
	// such a value matches nothing.
	Warnings []string `json:"warnings,omitempty"`
	// Partial says the search spent its budget (budget.go) and skipped
	// some optional work: typo corrections of some words, looser forms of
	// the query, "did you mean". Its hits and counts are those of the work
	// done. PartialReason says what was skipped, for the logs.
	Partial       bool          `json:"partial,omitempty"`
	PartialReason string        `json:"-"`
	Took          time.Duration `json:"-"`
}

// A RequestError says what is wrong with a Request. Callers show it to the
// user (searchd answers 400).
type RequestError struct{ Msg string }

func (e *RequestError) Error() string { return e.Msg }

func badRequest(format string, args ...interface{}) error {
	return &RequestError{Msg: fmt.Sprintf(format, args...)}
}

// IsFacetField reports whether f is one of FacetFields.
func IsFacetField(f string) bool { return facetIndex(f) >= 0 }

// facetIndex returns the position of f in FacetFields, or -1.
func facetIndex(f string) int { return slices.Index(FacetFields, f) }

// normalize fills in defaults and checks r against the limits.
func (r *Request) normalize() error {
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
	case "relevance", "date", "asked":
	default:
		return badRequest("sort %q is not one of relevance, date, asked", r.Sort)
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
			if err := checkValue("filter "+f+" value", v); err != nil {
				return err
			}
		}
	}
	if err := checkValue("cluster", r.Cluster); err != nil {
		return err
	}
	if len(r.Cursor) > maxCursorLen {
		return badRequest("cursor is %d characters long; a cursor this server gives is %d", len(r.Cursor), maxCursorLen)
	}
	return nil
}

// checkValue refuses a value (a filter value, a cluster id, a typeahead
// prefix) longer than MaxValueRunes or not UTF-8; what names it.
func checkValue(what, v string) error {
	if n := utf8.RuneCountInString(v); n > MaxValueRunes {
		return badRequest("%s is %d characters long; the limit is %d", what, n, MaxValueRunes)
	}
	if !utf8.ValidString(v) {
		return badRequest("%s is not valid UTF-8", what)
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
