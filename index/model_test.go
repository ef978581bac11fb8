package index

import (
	"sort"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat"
)

// TestStopWords checks that package askedat's stop words, which loadtest
// keeps out of the queries it makes, are those of the analyzer of the
// index's text fields.
func TestStopWords(t *testing.T) {
	tm := analysis.NewTokenMap()
	if err := tm.LoadBytes(en.EnglishStopWords); err != nil {
		t.Fatal(err)
	}
	var want []string
	for w := range tm {
		want = append(want, w)
	}
	sort.Strings(want)
	if diff := cmp.Diff(want, askedat.StopWords()); diff != "" {
		t.Errorf("askedat.StopWords() differs from bleve's en.EnglishStopWords (-want +got):\n%s", diff)
	}
}

// TestFacetFields checks that the facet fields of package askedat's
// requests are the index's keyword fields of those names, in the order the
// columns are laid out.
func TestFacetFields(t *testing.T) {
	want := []string{fieldCompany, fieldRole, fieldCategory, fieldDifficulty, fieldStatus}
	if diff := cmp.Diff(want, FacetFields); diff != "" {
		t.Errorf("FacetFields (-want +got):\n%s", diff)
	}
}

// TestCursorLen checks that askedat.MaxCursorLen, which Request.Normalize
// holds a cursor to, is the length of the cursors the engine makes.
func TestCursorLen(t *testing.T) {
	if askedat.MaxCursorLen != maxCursorLen {
		t.Errorf("askedat.MaxCursorLen = %d, want the engine's cursor length %d", askedat.MaxCursorLen, maxCursorLen)
	}
}
