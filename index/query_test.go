package index

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// langExperiences is a small corpus for the query language.
func langExperiences() []Experience {
	return []Experience{
		{ID: "a", Title: "Amazon SDE", Company: "Amazon", Role: "SDE", Date: "2024-01-01", Questions: []Question{
			{Ordinal: 1, Title: "LRU Cache", Category: "DSA", Difficulty: "Medium", Body: "Evict the least recently used key."},
			{Ordinal: 2, Title: "Recursion basics", Category: "DSA", Difficulty: "Easy", Body: "Write a recursive factorial."},
			{Ordinal: 3, Title: "Kafka consumer groups", Category: "System Design", Difficulty: "Hard", Body: "Partitions and offsets."},
		}},
		{ID: "g", Title: "Google SWE", Company: "Google", Role: "SWE", Date: "2023-01-01", Questions: []Question{
			{Ordinal: 1, Title: "Design a cache", Category: "System Design", Difficulty: "Hard", Body: "A least recently used eviction policy is fine."},
			{Ordinal: 2, Title: "Django ORM", Category: "Other", Body: "Explain the Django ORM and lazy querysets."},
			{Ordinal: 3, Title: "RabbitMQ vs Kafka", Category: "System Design", Body: "Compare the two brokers."},
		}},
		{ID: "m", Title: "Meta E5", Company: "Meta", Role: "SWE", Date: "2025-01-01", Questions: []Question{
			{Ordinal: 1, Title: "Data structures and algorithms warmup", Category: "DSA", Difficulty: "Easy", Body: "Arrays and hash maps."},
			{Ordinal: 2, Title: "Django middleware", Category: "Other", Body: "What runs before a view?"},
			{Ordinal: 3, Title: "Hash map internals", Category: "DSA", Difficulty: "Medium", Body: "Collisions and resizing of a hash map."},
		}},
	}
}

func newLangIndex(t testing.TB) *Index {
	t.Helper()
	idx, err := Create(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	w := idx.NewWriter(0)
	for _, e := range langExperiences() {
		e := e
		if err := w.Add(&e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return idx
}

func TestQueryLanguage(t *testing.T) {
	idx := newLangIndex(t)
	tests := []struct {
		q       string
		filters map[string][]string
		want    []string // ids, in rank order when ordered is set
		ordered bool
	}{
		{q: "django", want: []string{"g-q2", "m-q2"}},
		{q: "django -middleware", want: []string{"g-q2"}},
		{q: `"hash map" -collisions`, want: []string{"m-q1"}},
		{q: "kafka OR rabbitmq", want: []string{"a-q3", "g-q3"}},
		{q: "kafka OR django middleware", want: []string{"m-q2"}},
		{q: "company:amazon", want: []string{"a-q1", "a-q2", "a-q3"}},
		{q: "company:AMAZON OR company:fb", want: []string{"a-q1", "a-q2", "a-q3", "m-q1", "m-q2", "m-q3"}},
		{q: "difficulty:hard", want: []string{"a-q3", "g-q1"}},
		{q: `-company:amazon difficulty:hard`, want: []string{"g-q1"}},
		{q: `company:"goldman sachs"`, want: nil},
		{q: "recurs*", want: []string{"a-q2"}},
		{q: "ka* -rabbitmq", want: []string{"a-q3"}},
		// the query's company: narrows every facet, the filter is ORed with the rest
		{q: "cache company:google", filters: map[string][]string{"difficulty": {"Hard"}}, want: []string{"g-q1"}},
		// synonyms, both ways
		{q: "lru", want: []string{"a-q1", "g-q1"}, ordered: true},
		{q: `"least recently used"`, want: []string{"a-q1", "g-q1"}},
		{q: "dsa", want: []string{"m-q1"}},
		// a company named as a word, even misspelt, finds its questions
		{q: "amazon kafka", want: []string{"a-q3"}},
		{q: "amazom kafka", want: []string{"a-q3"}},
		// typos find what they are typos of
		{q: "djnago", want: []string{"g-q2", "m-q2"}},
		{q: "recursoin", want: []string{"a-q2"}},
		{q: "kafak consumer", want: []string{"a-q3"}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res, err := idx.Search(context.Background(), Request{Query: tt.q, Filters: tt.filters, Size: 50})
			if err != nil {
				t.Fatalf("Search(%q): %v", tt.q, err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			if !tt.ordered {
				got = slices.Sorted(slices.Values(got))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Search(%q) ids (-want +got):\n%s", tt.q, diff)
			}
		})
	}
}

func TestTypoRanksBelowExact(t *testing.T) {
	idx := newLangIndex(t)
	// "kafka" is exact in a-q3 and g-q3; "kafak" is a typo of it. A query
	// with both an exact and a misspelt form should rank exact matches of
	// the rare word above typo matches.
	res, err := idx.Search(context.Background(), Request{Query: "kafak"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 {
		t.Fatalf("kafak: %d hits, want 2 (the kafka questions)", res.Total)
	}
	exact, err := idx.Search(context.Background(), Request{Query: "kafka"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.Hits[0].Score, exact.Hits[0].Score; got >= want {
		t.Errorf("score of a typo match %v, want below the exact match's %v", got, want)
	}
	if !strings.Contains(res.Hits[0].Highlights["title"][0], "<mark>Kafka</mark>") {
		t.Errorf("typo match highlights %v, want the corrected word marked", res.Hits[0].Highlights)
	}
}

func TestDidYouMean(t *testing.T) {
	idx := newLangIndex(t)
	tests := []struct {
		q, want string
	}{
		// found through typo tolerance: nothing to suggest
		{"djnago orm", ""},
		// each word is found, but not together: the typo is fixed and the
		// word that keeps the most hits stays
		{"djnago partitions", "django"},
		// too far from any word the index has
		{"zzzqqq", ""},
		// words that exist but never together: drop one
		{"kafka middleware", "kafka"},
		// a corrected word can be the one dropped
		{"middleware djnago partitions", "middleware django"},
	}
	for _, tt := range tests {
		res, err := idx.Search(context.Background(), Request{Query: tt.q})
		if err != nil {
			t.Fatal(err)
		}
		if res.Suggestion != tt.want {
			t.Errorf("Search(%q) suggestion = %q (total %d), want %q", tt.q, res.Suggestion, res.Total, tt.want)
		}
	}
}

func TestQueryLanguageErrors(t *testing.T) {
	idx := newLangIndex(t)
	tests := []struct{ q, want string }{
		{`"lru cache`, "quote is not closed"},
		{"- django", `a "-" must stand right before`},
		{"OR kafka", "OR needs something on each side"},
		{"kafka OR", "OR needs something on its right"},
		{"kafka OR OR rabbitmq", "OR needs something on each side"},
		{"salary:high", `unknown field "salary"`},
		{"company:", ""}, // a trailing colon is a word, not a field
		{"*cache", "a * may only end a word"},
		{"c*", "at least 2 letters"},
		{"ca*che", "a * may only end a word"},
		{"kafka OR -rabbitmq", "cannot join a left-out word with OR"},
		{"kafka OR company:google", "OR can join words and phrases, or values of one field"},
		{strings.Repeat("word ", MaxQueryClauses+1), "the limit is"},
	}
	for _, tt := range tests {
		_, err := idx.Search(context.Background(), Request{Query: tt.q})
		checkRefusal(t, fmt.Sprintf("Search(%q)", tt.q), err, tt.want)
	}
}

func TestPrefixTooBroad(t *testing.T) {
	idx, err := NewMemOnly()
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	w := idx.NewWriter(0)
	var qs []Question
	for i := 0; i < MaxPrefixTerms+5; i++ {
		qs = append(qs, Question{Ordinal: i + 1, Title: "word ab" + strings.Repeat("x", i%40) + string(rune('a'+i%26)) + string(rune('a'+i/26))})
	}
	e := Experience{ID: "p", Title: "many words", Questions: qs}
	if err := w.Add(&e); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	_, err = idx.Search(context.Background(), Request{Query: "ab*"})
	var re *RequestError
	if !errors.As(err, &re) || !strings.Contains(re.Msg, "too many") {
		t.Errorf("Search(ab*) error = %v, want a RequestError saying the prefix stands for too many words", err)
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"django", "djnago", 1},
		{"kafka", "kafak", 1},
		{"recursion", "recursoin", 1},
		{"cache", "cache", 0},
		{"cache", "", 5},
		{"abc", "xyz", 3},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
