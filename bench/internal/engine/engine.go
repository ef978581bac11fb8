// Package engine defines what the benchmark asks of each search engine it
// compares (askedat and its peers PostgreSQL, SQLite FTS5 and Sphinx): build
// an index from the corpus, then serve the query mix. The engines live in
// its subpackages; this package holds the shared types and the process and
// disk helpers they use.
package engine

import (
	"context"
	"io"

	"github.com/askedat/askedat/bench/internal/mix"
)

// Every search asks for the top Size hits, the exact total, and the
// FacetSize most frequent values of each of FacetFields.
const (
	Size      = 10
	FacetSize = 10
)

// FacetFields are the facets every search counts.
//
// Facets are disjunctive, as askedat counts them: the counts of a field
// ignore that field's own filter and apply every other filter (with
// company=Amazon the company facet still lists Google with its count), and
// values ticked in a filter are always listed. The total and the top hits
// apply every filter.
var FacetFields = []string{"company", "role", "category", "difficulty"}

// A Result is an engine's answer to one query.
type Result struct {
	Total  int64                   `json:"total"`
	IDs    []string                `json:"ids"` // askedat question ids of the top hits, best first
	Facets map[string][]FacetValue `json:"facets"`
}

// A FacetValue is a facet value and how many matches have it. Documents
// without a value (a question with no difficulty) are not listed.
type FacetValue struct {
	Value string `json:"value"`
	Count int64  `json:"count"`
}

// An Engine builds indexes and opens them for searching.
type Engine interface {
	// Name is the engine's name in flags and reports: askedat, postgres,
	// sqlite, sphinx.
	Name() string
	// Build indexes the corpus at docs into the folder dir, which it
	// creates or empties, and says what it took.
	Build(ctx context.Context, docs, dir string, log io.Writer) (*BuildStats, error)
	// Open starts serving the index in dir for up to clients concurrent
	// searches.
	Open(ctx context.Context, dir string, clients int, log io.Writer) (Target, error)
}

// A Target answers searches until it is closed. Search is safe for
// concurrent use.
type Target interface {
	Search(ctx context.Context, q mix.Query) (*Result, error)
	// Memory reports the serving processes' memory now.
	Memory() Memory
	// Close stops what Open started.
	Close() error
}

// BuildStats says what building an index took.
type BuildStats struct {
	Engine     string  `json:"engine"`
	Docs       int     `json:"docs"`
	Seconds    float64 `json:"seconds"`
	DocsPerSec float64 `json:"docs_per_sec"`
	SizeBytes  int64   `json:"size_bytes"`
	// PeakRSSBytes is the peak resident memory of the building process(es),
	// 0 when it could not be measured.
	PeakRSSBytes int64  `json:"peak_rss_bytes"`
	Note         string `json:"note,omitempty"`
}

// Memory is the memory of an engine's serving processes.
type Memory struct {
	RSSBytes int64  `json:"rss_bytes"`           // resident now
	HWMBytes int64  `json:"hwm_bytes,omitempty"` // peak resident, when known
	Note     string `json:"note,omitempty"`
}
