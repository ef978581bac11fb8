package index

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestPhraseRanking checks how the matches of a quoted phrase rank: by
// their word pairs' BM25, so a phrase in the title ranks first, and a short
// body that is about the phrase above a long one that mentions it once.
// Questions whose words are apart do not match. (With pairs kept without
// frequencies, tried and dropped in docs/benchmarks.md, the body matches
// tied.)
func TestPhraseRanking(t *testing.T) {
	filler := strings.Repeat("The interviewer was friendly and the round went on for an hour. ", 6)
	idx := buildTestIndex(t, []Experience{
		post("long", "Pointers question", filler+"We spoke of a linked list once. "+filler),
		post("apart", "Lists", "A list of items, each linked to its owner."),
		post("short", "Pointers", "Reverse a linked list, then sort the linked list."),
		post("title", "Detect a cycle in a linked list", "Use two pointers."),
	})
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{`"linked list"`, []string{"title-q1", "short-q1", "long-q1"}},
		{`"linked list" pointers`, []string{"title-q1", "short-q1", "long-q1"}},
	} {
		if got := strictHits(t, idx, tt.q); !slices.Equal(got, tt.want) {
			t.Errorf("Search(%s) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

// TestPhraseAcrossStopWords checks a phrase with a stop word inside: its
// pairs hold only the words next to each other ("link list"), so a word
// with a stop word on both sides ("reverse") must be there too, and a
// text with only "linked list" is no match.
func TestPhraseAcrossStopWords(t *testing.T) {
	idx := buildTestIndex(t, []Experience{
		post("with", "Pointers", "Reverse the linked list in place."),
		post("without", "Merging", "Merge two sorted linked list heads."),
		post("apart", "Lists", "Reverse the order, then find a cycle in the linked list."),
	})
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{`"reverse a linked list"`, []string{"apart-q1", "with-q1"}},
		{`"linked list"`, []string{"apart-q1", "with-q1", "without-q1"}},
		{`"sorted linked list"`, []string{"without-q1"}},
	} {
		got := strictHits(t, idx, tt.q)
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Search(%s) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

// post is an experience of one question.
func post(id, title, body string) Experience {
	return Experience{ID: id, Source: "test", Title: "Round", Company: "Acme",
		Questions: []Question{{Ordinal: 1, Title: title, Body: body}}}
}

// strictHits returns the ids of q's hits that have every word typed (tier
// 0), best first.
func strictHits(t *testing.T, idx *Index, q string) []string {
	t.Helper()
	res, err := idx.Search(context.Background(), Request{Query: q, Size: 10})
	if err != nil {
		t.Fatalf("Search(%s): %v", q, err)
	}
	var ids []string
	for _, h := range res.Hits {
		if h.Tier == 0 {
			ids = append(ids, h.ID)
		}
	}
	return ids
}
