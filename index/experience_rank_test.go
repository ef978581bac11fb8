package index

import (
	"context"
	"testing"
)

// TestExperienceRanksByBestQuestion checks that an experience search adds
// a post's best question to its own text's score: the post that asked the
// thing ranks above one that only talks of it, though the talk scores its
// own text higher. The experience column (documents.go's ids, read by
// loadExperienceColumn) is what ties a question to its post.
func TestExperienceRanksByBestQuestion(t *testing.T) {
	exps := []Experience{
		{
			ID: "asked", URL: "https://example.test/asked", Source: "test", Title: "Onsite loop",
			Company: "Amazon", Date: "2024-05-01",
			Body: "The recruiter was kind and the rounds were on time. We spoke of a trie at lunch.",
			Questions: []Question{
				{Ordinal: 1, Title: "Implement a trie", Category: "Data Structures & Algorithms", Body: "Insert, search and startsWith over a trie of lowercase words."},
				{Ordinal: 2, Title: "Tell me about yourself", Category: "Behavioral"},
			},
		},
		{
			ID: "talked", URL: "https://example.test/talked", Source: "test", Title: "Phone screen",
			Company: "Google", Date: "2024-05-02",
			Body: "Trie, trie, trie: the panel talked of nothing else.",
			Questions: []Question{
				{Ordinal: 1, Title: "Tell me about yourself", Category: "Behavioral"},
			},
		},
	}
	for i, title := range []string{"Merge two sorted lists", "Design a rate limiter", "Why this company", "Reverse a linked list"} {
		exps = append(exps, Experience{
			ID: "filler" + string(rune('a'+i)), URL: "https://example.test/f", Source: "test", Title: "Interview",
			Company: "Meta", Date: "2024-01-01", Body: "Two rounds and a chat with the manager.",
			Questions: []Question{{Ordinal: 1, Title: title, Category: "Other"}},
		})
	}
	idx := buildTestIndex(t, exps)
	res, err := idx.Search(context.Background(), Request{Query: "trie", Type: TypeExperience})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, h.ID)
	}
	if want := []string{"asked", "talked"}; len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("experiences for trie = %v, want %v (the post whose question asked it first)", got, want)
	}
}
