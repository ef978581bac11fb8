package askedat

import "github.com/askedat/askedat/query"

// Limits on what one Request may hold, like Elasticsearch's
// max_result_window or Meilisearch's and Typesense's query and page limits:
// a public search box receives hostile input, and none of it may make a
// search run away in time or memory. Request.Normalize refuses a request
// beyond one of them with a *RequestError that names the limit (searchd
// answers 400). The limits on what the query's text may compile to (its
// clauses, words, phrases and prefixes) are the engine's: index/limits.go.
// Each limit has a test that fails without it (index/limits_test.go).
const (
	// MaxQueryRunes is the longest query, in characters. It also bounds a
	// 1,000-word query, a 5,000-term OR and a word of 10,000 letters.
	MaxQueryRunes = query.MaxRunes

	// DefaultSize is the number of hits of a page when none is asked for;
	// MaxSize the most.
	DefaultSize = 10
	MaxSize     = 100
	// MaxWindow is how deep pages reach: From+Size (a cursor pages on).
	MaxWindow = 10000
	// DefaultFacetSize is the number of values listed per facet when none
	// is asked for; MaxFacetSize the most.
	DefaultFacetSize = 10
	MaxFacetSize     = 200
	// MaxFilterValues is the most values of one filter field.
	MaxFilterValues = 50
	// MaxValueRunes is the longest filter value, cluster id, or typeahead
	// prefix (Suggest), in characters.
	MaxValueRunes = 200
	// MaxCursorLen is the length of a cursor's text (Result.NextCursor,
	// Request.Cursor), 32 bytes in unpadded base64; a longer one is none
	// the index gave.
	MaxCursorLen = 43
)
