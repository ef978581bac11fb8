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
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/askedat/askedat/query"
)

// TestQueryLimits checks that the query package lexes with the index's
// limits and facet fields: it keeps copies, as it cannot import the index.
func TestQueryLimits(t *testing.T) {
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"MaxRunes", query.MaxRunes, MaxQueryRunes},
		{"MaxClauses", query.MaxClauses, MaxQueryClauses},
		{"MaxWordRunes", query.MaxWordRunes, MaxWordRunes},
		{"MaxPhraseWords", query.MaxPhraseWords, MaxPhraseWords},
		{"MinPrefixLetters", query.MinPrefixLetters, MinPrefixLetters},
	} {
		if c.got != c.want {
			t.Errorf("query.%s = %d, want the index's %d", c.name, c.got, c.want)
		}
	}
	if diff := cmp.Diff(FacetFields, query.Fields); diff != "" {
		t.Errorf("query.Fields (-FacetFields +query.Fields):\n%s", diff)
	}
}

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

func newLangIndex(t testing.TB) *Index { return newIndexOf(t, langExperiences()...) }

// newIndexOf returns a new index of exps in a temporary folder, closed
// when t ends.
func newIndexOf(t testing.TB, exps ...Experience) *Index {
	t.Helper()
	idx, err := Create(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	w := idx.NewWriter(0)
	for _, e := range exps {
		if err := w.Add(&e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return idx
}

func TestQueryLanguage(t *testing.T) {
	idx := newLangIndex(t)
	tests := []struct {
		q       string
		filters map[string][]string
		want    []string // ids of the hits with every word, in rank order when ordered is set
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
			// The query's strict meaning: hits of its relaxations, which
			// TestRelaxation checks, are left out.
			var got []string
			for _, h := range res.Hits {
				if h.Tier == 0 {
					got = append(got, h.ID)
				}
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
		// each word is found, but not together: the relaxed query finds
		// them (TestRelaxation), so there is nothing to suggest
		{"djnago partitions", ""},
		// too far from any word the index has
		{"zzzqqq", ""},
		// a phrase keeps its strict meaning, so the word beside it that
		// no hash map question has is the one dropped
		{`"hash map" kafka`, `"hash map"`},
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

// TestRelaxation checks what the relaxed forms of a query find. The corpus
// is small, so each search goes down to its loosest form (any one of the
// words), which makes every plain word optional; TestRelaxationTiers stops
// earlier.
func TestRelaxation(t *testing.T) {
	idx := newLangIndex(t)
	tests := []struct {
		q           string
		filters     map[string][]string
		wantStrict  []string // the hits with every word, in rank order, first
		wantRelaxed []string // the other hits, sorted
		wantWords   []string // Result.Relaxed
	}{
		// no question has both words: those with one of them
		{q: "djnago partitions", wantRelaxed: []string{"a-q3", "g-q2", "m-q2"}, wantWords: []string{"djnago", "partitions"}},
		// the one with both first, then the others
		{q: "amazon kafka", wantStrict: []string{"a-q3"}, wantRelaxed: []string{"a-q1", "a-q2", "g-q3"}, wantWords: []string{"amazon", "kafka"}},
		// question words decide nothing: "how", "does" (stop words) and
		// "work" (a filler) are not required, and never relaxed; the
		// rarer word stays longest
		{q: "how does django middleware work", wantStrict: []string{"m-q2"}, wantRelaxed: []string{"g-q2"}, wantWords: []string{"django", "middleware"}},
		// a filter applies to every tier
		{q: "kafka middleware", filters: map[string][]string{"company": {"Meta"}}, wantRelaxed: []string{"m-q2"}, wantWords: []string{"kafka", "middleware"}},
		// explicit syntax keeps its meaning: the phrase stays required,
		// the excluded word stays out
		{q: `"hash map" kafka`},
		{q: "django -middleware", wantStrict: []string{"g-q2"}},
		{q: "kafka OR rabbitmq", wantStrict: []string{"a-q3", "g-q3"}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			res, err := idx.Search(context.Background(), Request{Query: tt.q, Filters: tt.filters, Size: 50})
			if err != nil {
				t.Fatal(err)
			}
			var strict, relaxed []string
			for i, h := range res.Hits {
				if h.Tier == 0 {
					if len(relaxed) > 0 {
						t.Errorf("hit %d (%s) has every word but ranks below a relaxed hit", i, h.ID)
					}
					strict = append(strict, h.ID)
				} else {
					relaxed = append(relaxed, h.ID)
				}
			}
			if len(tt.wantStrict) > 1 {
				strict = slices.Sorted(slices.Values(strict))
			}
			relaxed = slices.Sorted(slices.Values(relaxed))
			if diff := cmp.Diff(tt.wantStrict, strict); diff != "" {
				t.Errorf("hits with every word (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantRelaxed, relaxed); diff != "" {
				t.Errorf("relaxed hits (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantWords, res.Relaxed); diff != "" {
				t.Errorf("Relaxed (-want +got):\n%s", diff)
			}
			if got, want := res.Total, uint64(len(strict)+len(relaxed)); got != want {
				t.Errorf("Total = %d, want %d", got, want)
			}
		})
	}
}

// TestRelaxationTiers checks the order in which words are made optional,
// with relaxation stopping as soon as one hit is found: the word most
// documents have goes first, the rarest stays.
func TestRelaxationTiers(t *testing.T) {
	idx := newLangIndex(t)
	SetRelaxBelow(t, 1)
	tests := []struct {
		q         string
		wantIDs   []string
		wantWords []string
	}{
		// "django" is in three places (g-q2's title and body, m-q2's
		// title), "partitions" in one: django goes
		{"djnago partitions", []string{"a-q3"}, []string{"djnago"}},
		{"kafka middleware", []string{"m-q2"}, []string{"kafka"}},
		// a word no document has goes first, whatever its place
		{"zzzqqq middleware kafka", []string{"m-q2"}, []string{"zzzqqq", "kafka"}},
		// found as typed: nothing relaxed
		{"django orm", []string{"g-q2"}, nil},
	}
	for _, tt := range tests {
		res, err := idx.Search(context.Background(), Request{Query: tt.q, Size: 50})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		got = slices.Sorted(slices.Values(got))
		if diff := cmp.Diff(tt.wantIDs, got); diff != "" {
			t.Errorf("Search(%q) hits (-want +got):\n%s", tt.q, diff)
		}
		if diff := cmp.Diff(tt.wantWords, res.Relaxed); diff != "" {
			t.Errorf("Search(%q) relaxed (-want +got):\n%s", tt.q, diff)
		}
	}
}

// TestRelaxedCursor pages through a relaxed search one hit at a time and
// finds the hits of one page of all, in its order: a cursor carries the
// tier of the hit it names.
func TestRelaxedCursor(t *testing.T) {
	idx := newLangIndex(t)
	all, err := idx.Search(context.Background(), Request{Query: "djnago partitions", Size: 50})
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, h := range all.Hits {
		want = append(want, h.ID)
	}
	cursor := ""
	for i := 0; i < 20; i++ {
		res, err := idx.Search(context.Background(), Request{Query: "djnago partitions", Size: 1, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		if cursor = res.NextCursor; cursor == "" {
			break
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paged one at a time (-all at once +paged):\n%s", diff)
	}
	if len(want) < 3 {
		t.Errorf("%d hits, want a relaxed search of several", len(want))
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

// TestSearchParsed checks that a search handed its text lexed answers what
// one lexing the text itself does, refusals included, and that a parse of
// another text is refused.
func TestSearchParsed(t *testing.T) {
	idx := newLangIndex(t)
	ctx := context.Background()
	ignoreTook := cmpopts.IgnoreFields(Result{}, "Took")
	for _, r := range []Request{
		{},
		{Query: "lru cache"},
		{Query: "  django -middleware "},
		{Query: "kafka OR rabbitmq company:amazon", Sort: "date"},
		{Query: "djnago zebra"}, // relaxed, and "did you mean" re-searches
		{Query: "zzzzunknownword"},
		{Query: "django", Type: TypeExperience},
		{Query: "recurs*", Filters: map[string][]string{"difficulty": {"easy"}}},
	} {
		want, err := idx.Search(ctx, r)
		if err != nil {
			t.Fatalf("Search(%q): %v", r.Query, err)
		}
		q, err := query.Parse(r.Query)
		if err != nil {
			t.Fatalf("query.Parse(%q): %v", r.Query, err)
		}
		got, err := idx.SearchParsed(ctx, r, q)
		if err != nil {
			t.Fatalf("SearchParsed(%q): %v", r.Query, err)
		}
		if diff := cmp.Diff(want, got, ignoreTook); diff != "" {
			t.Errorf("SearchParsed(%q) differs from Search (-Search +SearchParsed):\n%s", r.Query, diff)
		}
	}
	// A text the lexer refuses is handed on as nil: the refusal is the
	// search's, after the request's other checks.
	for _, r := range []Request{{Query: `"lru cache`}, {Query: `"lru cache`, Type: "post"}} {
		_, want := idx.Search(ctx, r)
		_, got := idx.SearchParsed(ctx, r, nil)
		var re *RequestError
		if !errors.As(got, &re) || got.Error() != want.Error() {
			t.Errorf("SearchParsed(%+v, nil) error = %v, want Search's %v", r, got, want)
		}
	}
	other, err := query.Parse("django")
	if err != nil {
		t.Fatal(err)
	}
	var re *RequestError
	if _, err := idx.SearchParsed(ctx, Request{Query: "kafka"}, other); err == nil || errors.As(err, &re) {
		t.Errorf("SearchParsed(kafka, the parse of django) error = %v, want an error that is not the user's", err)
	}
}
