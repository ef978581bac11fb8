package index

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

// TestVocabulary checks that a query finds questions asked in other words
// through the vocabulary of the field: the catalogue's names of a problem
// (internal/catalog), synonyms, joined and split spellings. Each question
// is worded so that it shares no word, or only common ones, with its query.
func TestVocabulary(t *testing.T) {
	idx, err := Create(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	w := idx.NewWriter(0)
	if err := w.Add(&Experience{ID: "v", Title: "Onsite", Company: "Acme", Date: "2024-01-01", Questions: []Question{
		{Ordinal: 1, Title: "Count ways to reach the nth stair taking one or two at a time"},
		{Ordinal: 2, Title: "Print the tree in spiral order, level by level"},
		{Ordinal: 3, Title: "Print a matrix in spiral order"},
		{Ordinal: 4, Title: "Reverse a linkedlist"},
		{Ordinal: 5, Title: "Connect all the nodes at the same level with a next pointer"},
		{Ordinal: 6, Title: "Explain the pillars of object oriented programming"},
	}}); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		want []string // the hits with every word (tier 0), sorted
	}{
		{"number of ways to climb stairs", []string{"v-q1"}},
		{"zigzag level order traversal", []string{"v-q2"}}, // not the matrix
		{"spiral matrix", []string{"v-q3"}},                // not the tree
		{"reverse linked list", []string{"v-q4"}},
		{"populate next right pointers in each node", []string{"v-q5"}},
		{"oops", []string{"v-q6"}},
	}
	for _, tt := range tests {
		res, err := idx.Search(context.Background(), Request{Query: tt.q, Size: 50})
		if err != nil {
			t.Fatal(err)
		}
		if got := strictIDs(res); !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q): hits with every word or their problem %v, want %v", tt.q, got, tt.want)
		}
	}
}
