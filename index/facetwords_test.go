package index

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// newDifficultyWordsIndex indexes questions whose difficulty is stated,
// inferred or absent, some of whose texts say "hard" in passing.
func newDifficultyWordsIndex(t *testing.T) *Index {
	return newIndexOf(t, Experience{ID: "e", Title: "Onsite", Company: "Acme", Date: "2024-01-01", Questions: []Question{
		{Ordinal: 1, Title: "Serialize a binary tree", Category: "DSA", Difficulty: "Hard"},
		{Ordinal: 2, Title: "Right view of a binary tree", Category: "DSA", Difficulty: "Hard", DifficultySource: DifficultyInferred},
		{Ordinal: 3, Title: "Height of a binary tree", Category: "DSA", Difficulty: "Easy"},
		{Ordinal: 4, Title: "It was hard to explain my binary tree code", Category: "DSA"},
		{Ordinal: 5, Title: "What is a hard disk", Category: "Other"},
		{Ordinal: 6, Title: "Cache eviction policies", Category: "System Design", Difficulty: "Hard"},
		{Ordinal: 7, Title: "Reverse a linked list", Category: "DSA", Difficulty: "Easy", DifficultySource: DifficultyInferred},
	}})
}

// TestDifficultyWords checks that a word naming a difficulty beside other
// words finds the questions of that difficulty whose texts never say it,
// stated or inferred as the request allows, and only narrows: with no
// question having every word, a difficulty alone finds nothing.
func TestDifficultyWords(t *testing.T) {
	idx := newDifficultyWordsIndex(t)
	tests := []struct {
		q           string
		source      string
		wantStrict  []string // hits with every word (tier 0), sorted
		wantRelaxed []string // the other hits, sorted
	}{
		// stated, inferred, and the text that says the word; relaxed, the
		// difficulty goes first: the other binary tree questions
		{q: "binary tree hard", wantStrict: []string{"e-q1", "e-q2", "e-q4"}, wantRelaxed: []string{"e-q3"}},
		{q: "tough binary tree", wantStrict: []string{"e-q1", "e-q2"}, wantRelaxed: []string{"e-q3", "e-q4"}},
		{q: "easy binary tree", wantStrict: []string{"e-q3"}, wantRelaxed: []string{"e-q1", "e-q2", "e-q4"}},
		{q: "easy", wantStrict: []string{"e-q3", "e-q7"}},
		// the request's difficulty source holds for the word as for a filter
		{q: "binary tree hard", source: SourceStated, wantStrict: []string{"e-q1", "e-q4"}, wantRelaxed: []string{"e-q2", "e-q3"}},
		{q: "binary tree hard", source: SourceInferred, wantStrict: []string{"e-q2", "e-q4"}, wantRelaxed: []string{"e-q1", "e-q3"}},
		// one question says both words; the Hard questions without "disk"
		// are no hits of a looser form: a difficulty only narrows
		{q: "hard disk", wantStrict: []string{"e-q5"}},
		// "high" is not Hard in a query, though imports read it so
		{q: "high cache eviction", wantRelaxed: []string{"e-q6"}},
	}
	for _, tt := range tests {
		t.Run(tt.q+"/"+tt.source, func(t *testing.T) {
			res, err := idx.Search(context.Background(), Request{Query: tt.q, DifficultySource: tt.source, Size: 50})
			if err != nil {
				t.Fatal(err)
			}
			strict, relaxed := byTier(res.Hits)
			if diff := cmp.Diff(tt.wantStrict, strict); diff != "" {
				t.Errorf("hits with every word (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantRelaxed, relaxed); diff != "" {
				t.Errorf("relaxed hits (-want +got):\n%s", diff)
			}
		})
	}
}

// byTier returns the ids of the hits with every word (tier 0) and of the
// others, each sorted.
func byTier(hits []Hit) (strict, relaxed []string) {
	for _, h := range hits {
		if h.Tier == 0 {
			strict = append(strict, h.ID)
		} else {
			relaxed = append(relaxed, h.ID)
		}
	}
	slices.Sort(strict)
	slices.Sort(relaxed)
	return strict, relaxed
}

// TestDifficultyWordIsNoTypo checks that a difficulty named where no text
// says the word is not taken for a typo of a word the texts have.
func TestDifficultyWordIsNoTypo(t *testing.T) {
	idx := newIndexOf(t, Experience{ID: "e", Title: "Onsite", Company: "Acme", Date: "2024-01-01", Questions: []Question{
		{Ordinal: 1, Title: "Shard a users table", Category: "System Design"},
		{Ordinal: 2, Title: "Design a news feed", Category: "System Design", Difficulty: "Hard"},
	}})
	for _, q := range []string{"hard", "acme hard"} {
		res, err := idx.Search(context.Background(), Request{Query: q, Size: 50})
		if err != nil {
			t.Fatal(err)
		}
		// (Relaxed, "acme hard" also shows Acme's other questions: a
		// company named is a reason to read them.)
		strict, _ := byTier(res.Hits)
		if diff := cmp.Diff([]string{"e-q2"}, strict); diff != "" {
			t.Errorf("Search(%q): hits with every word (-want +got):\n%s", q, diff)
		}
	}
}
