package index

import (
	"context"
	"strings"
	"testing"

	bindex "github.com/blevesearch/bleve_index_api"
	"github.com/google/go-cmp/cmp"
)

// TestExperienceStoredOnce checks that an experience comes back whole
// from the text store, its documents storing only their refs: bodies
// short and long, empty, one past MaxFieldBytes (which its document cuts
// for search), and that hits show its text.
func TestExperienceStoredOnce(t *testing.T) {
	huge := strings.Repeat("a long body of many words ", MaxFieldBytes/20)
	e := Experience{
		ID: "e1", URL: "https://example.com/e1", Title: "Amazon SDE-1 interview", Company: "Amazon", Role: "Software Engineer",
		Date: "2024-03-01", Summary: "Three rounds.", Body: "The first round was online.\n\nThen two interviews.",
		Questions: []Question{
			{Ordinal: 1, Title: "Two Sum", Body: "Given an array and a target, return two indices that add up to it.", Category: "Data Structures & Algorithms"},
			{Ordinal: 2, Title: "Tell me about yourself", Category: "Behavioral"},
			{Ordinal: 3, Title: "Explain this huge thing", Body: huge, Category: "Other"},
		},
	}
	Normalize(&e)
	idx := buildTestIndex(t, []Experience{e})
	ctx := context.Background()
	got, err := idx.Experience(ctx, "e1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&e, got); diff != "" {
		t.Errorf("Experience(e1) (-want +got):\n%s", diff)
	}

	// Kept once: the documents store only their refs.
	for _, id := range []string{"e1", QuestionID("e1", 1)} {
		doc, err := idx.bi.Document(id)
		if err != nil {
			t.Fatal(err)
		}
		var fields []string
		doc.VisitFields(func(f bindex.Field) { fields = append(fields, f.Name()) }) // the stored ones
		if diff := cmp.Diff([]string{fieldRef}, fields); diff != "" {
			t.Errorf("stored fields of %s (-want +got):\n%s", id, diff)
		}
	}

	// Hits show the stored text: a question's body, an experience's text.
	for _, tt := range []struct {
		typ, query, wantTitle, wantSnippet string
	}{
		{TypeQuestion, "indices", "Two Sum", "return two"},
		{TypeExperience, "online", "Amazon SDE-1 interview", "first round"},
	} {
		res, err := idx.Search(ctx, Request{Type: tt.typ, Query: tt.query})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 1 {
			t.Fatalf("Search(%s, %q): %d hits, want 1", tt.typ, tt.query, len(res.Hits))
		}
		h := res.Hits[0]
		if h.Title != tt.wantTitle || !strings.Contains(h.Snippet, tt.wantSnippet) {
			t.Errorf("Search(%s, %q) hit: title %q, snippet %q; want %q and a snippet with %q", tt.typ, tt.query, h.Title, h.Snippet, tt.wantTitle, tt.wantSnippet)
		}
	}
}
