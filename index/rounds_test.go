package index

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRoundsFindTheirQuestions checks that the kind of round a question's
// heading names finds the question by any of that kind's names, that a
// hit says its round, and that a round's tag leaves the score of what the
// question asks as it was.
func TestRoundsFindTheirQuestions(t *testing.T) {
	idx := newIndexOf(t, Experience{ID: "e", Title: "Onsite", Company: "Acme", Date: "2024-01-01", Questions: []Question{
		{Ordinal: 1, Title: "Reverse a linked list", Category: "DSA", Round: "Round 1 (Telephonic)"},
		{Ordinal: 2, Title: "Reverse a linked list", Category: "DSA", Round: "Round 2"},
		{Ordinal: 3, Title: "Count islands in a grid", Category: "DSA", Round: "Online Round (HackerRank)"},
		{Ordinal: 4, Title: "Tell me about yourself", Category: "Behavioral", Round: "HR Round"},
		{Ordinal: 5, Title: "Design a URL shortener", Category: "System Design", Round: "Round 3: Bar Raiser"},
	}})
	tests := []struct {
		q    string
		want []string // hits with every word, sorted
	}{
		{"phone screen", []string{"e-q1"}},
		{"telephonic", []string{"e-q1"}},
		{"online test", []string{"e-q3"}},
		{"oa", []string{"e-q3"}},
		{"hr interview", []string{"e-q4"}},
		{"bar raiser", []string{"e-q5"}},
		{"acme phone interview", []string{"e-q1"}},
	}
	for _, tt := range tests {
		res, err := idx.Search(context.Background(), Request{Query: tt.q, Size: 50})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := byTier(res.Hits)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Search(%q) (-want +got):\n%s", tt.q, diff)
		}
	}

	res, err := idx.Search(context.Background(), Request{Query: "reverse linked list", Size: 50})
	if err != nil {
		t.Fatal(err)
	}
	score := map[string]float64{}
	for _, h := range res.Hits {
		score[h.ID] = h.Score
		if h.ID == "e-q1" && h.Round != "Round 1 (Telephonic)" {
			t.Errorf("hit e-q1's round = %q, want %q", h.Round, "Round 1 (Telephonic)")
		}
	}
	if score["e-q1"] == 0 || score["e-q1"] != score["e-q2"] {
		t.Errorf("scores of one question asked in a telephonic round and in another: %v and %v, want equal", score["e-q1"], score["e-q2"])
	}
}
