package index

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// testExperiences is a small hand-written corpus: three posts, eight
// questions, chosen so that every facet count below can be checked by eye.
func testExperiences() []Experience {
	return []Experience{
		{
			ID: "e1", URL: "https://example.test/e1", Source: "test", Title: "Backend interview at Amazon",
			Company: "amazon", Role: "Software Engineer", Status: "Offer", Date: "2024-05-01", Reads: 10,
			Summary: "Three rounds.", Body: "Mostly caching and Django.",
			Questions: []Question{
				{Ordinal: 1, Title: "Design an LRU cache", Category: "System Design", Difficulty: "Hard", Body: "Support get and put in O(1) with <eviction>."},
				{Ordinal: 2, Title: "Two Sum", Category: "DSA", Difficulty: "Easy", Body: "Find two numbers that add up to a target."},
				{Ordinal: 3, Title: "Tell me about yourself", Category: "Behavioral", Body: "A short introduction."},
			},
		},
		{
			ID: "e2", URL: "https://example.test/e2", Source: "test", Title: "Google SWE loop",
			Company: "Google", Role: "Software Engineer", Status: "Rejected", Date: "2023-01-15", Reads: 5,
			Questions: []Question{
				{Ordinal: 1, Title: "Design a URL shortener", Category: "System Design", Difficulty: "Medium", Body: "Caching hot links matters."},
				{Ordinal: 2, Title: "Merge intervals", Category: "Data Structures & Algorithms", Difficulty: "Medium", Body: "Sort then sweep."},
				{Ordinal: 3, Title: "Django middleware", Category: "Other", Body: "What runs before a view in Django?"},
			},
		},
		{
			ID: "e3", URL: "https://example.test/e3", Source: "test", Title: "NxtWave backend developer",
			Company: "NXTWAVE", Role: "Back-End Developer", Status: "Ongoing", Date: "2025-09-01", Reads: 72,
			Questions: []Question{
				{Ordinal: 1, Title: "Caching strategies in Django", Category: "System Design", Body: "Where would you cache?"},
				{Ordinal: 2, Title: "Two Sum", Category: "Data Structures & Algorithms", Difficulty: "Easy", Body: "Return indices of two numbers."},
			},
		},
	}
}

// newTestIndex builds the test corpus into a real on-disk index.
func newTestIndex(t *testing.T) *Index {
	t.Helper()
	return buildTestIndex(t, testExperiences())
}

// buildTestIndex builds exps into a real on-disk index, closed and opened
// again, as a program would open one it finds.
func buildTestIndex(t *testing.T, exps []Experience) *Index {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "idx")
	idx, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	w := idx.NewWriter(3) // small batches, so batching is exercised
	for _, e := range exps {
		if err := w.Add(&e); err != nil {
			t.Fatalf("Add(%s): %v", e.ID, err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	idx, err = Open(dir)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	t.Cleanup(func() { idx.Close() })
	return idx
}

func ids(res *Result) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	sort.Strings(out)
	return out
}

// strictIDs returns the ids of the hits that have every word typed (tier 0),
// sorted.
func strictIDs(res *Result) []string {
	var out []string
	for _, h := range res.Hits {
		if h.Tier == 0 {
			out = append(out, h.ID)
		}
	}
	sort.Strings(out)
	return out
}

func facet(res *Result, f string) map[string]int {
	m := map[string]int{}
	for _, v := range res.Facets[f] {
		m[v.Value] = v.Count
	}
	return m
}

func TestSearchFiltersAndFacets(t *testing.T) {
	idx := newTestIndex(t)
	tests := []struct {
		name        string
		req         Request
		wantIDs     []string
		wantStrict  []string // the hits with every word, when some lack one
		wantCompany map[string]int
		wantDiff    map[string]int
	}{
		{
			name:        "all questions",
			req:         Request{Size: 50},
			wantIDs:     []string{"e1-q1", "e1-q2", "e1-q3", "e2-q1", "e2-q2", "e2-q3", "e3-q1", "e3-q2"},
			wantCompany: map[string]int{"Amazon": 3, "Google": 3, "NxtWave": 2},
			wantDiff:    map[string]int{"Hard": 1, "Easy": 2, "Medium": 2},
		},
		{
			// Facets are disjunctive: the company list ignores the
			// company filter, so Google is still offered with its count.
			name:        "OR within a field",
			req:         Request{Size: 50, Filters: map[string][]string{"company": {"Amazon", "NxtWave"}}},
			wantIDs:     []string{"e1-q1", "e1-q2", "e1-q3", "e3-q1", "e3-q2"},
			wantCompany: map[string]int{"Amazon": 3, "Google": 3, "NxtWave": 2},
			wantDiff:    map[string]int{"Hard": 1, "Easy": 2},
		},
		{
			// Each facet applies every filter but its own: companies are
			// counted over Easy questions, difficulties over Amazon's and
			// NxtWave's questions.
			name:        "AND across fields",
			req:         Request{Size: 50, Filters: map[string][]string{"company": {"Amazon", "NxtWave"}, "difficulty": {"Easy"}}},
			wantIDs:     []string{"e1-q2", "e3-q2"},
			wantCompany: map[string]int{"Amazon": 1, "NxtWave": 1},
			wantDiff:    map[string]int{"Easy": 2, "Hard": 1},
		},
		{
			name:        "text and a filter",
			req:         Request{Query: "caching", Filters: map[string][]string{"category": {"System Design"}, "status": {"Rejected", "Ongoing"}}},
			wantIDs:     []string{"e2-q1", "e3-q1"},
			wantCompany: map[string]int{"Google": 1, "NxtWave": 1},
			wantDiff:    map[string]int{"Medium": 1},
		},
		{
			name:        "a phrase matches the words in order",
			req:         Request{Query: `"two sum"`},
			wantIDs:     []string{"e1-q2", "e3-q2"},
			wantCompany: map[string]int{"Amazon": 1, "NxtWave": 1},
			wantDiff:    map[string]int{"Easy": 2},
		},
		{
			name:        "a phrase out of order does not match",
			req:         Request{Query: `"sum two"`},
			wantIDs:     nil,
			wantCompany: map[string]int{},
			wantDiff:    map[string]int{},
		},
		{
			name:        "a phrase and a word",
			req:         Request{Query: `"lru cache" eviction`},
			wantIDs:     []string{"e1-q1"},
			wantCompany: map[string]int{"Amazon": 1},
			wantDiff:    map[string]int{"Hard": 1},
		},
		{
			// e3-q1 has both words (in title or body); that is fewer
			// than RelaxBelow hits, so the questions with one of the
			// words follow, ranked below it.
			name:        "every word first, in title or body, then the rest",
			req:         Request{Query: "django caching"},
			wantIDs:     []string{"e1-q1", "e2-q1", "e2-q3", "e3-q1"},
			wantStrict:  []string{"e3-q1"},
			wantCompany: map[string]int{"Amazon": 1, "Google": 2, "NxtWave": 1},
			wantDiff:    map[string]int{"Hard": 1, "Medium": 1},
		},
		{
			name:        "stemming: caches finds caching and cache",
			req:         Request{Query: "caches"},
			wantIDs:     []string{"e1-q1", "e2-q1", "e3-q1"},
			wantCompany: map[string]int{"Amazon": 1, "Google": 1, "NxtWave": 1},
			wantDiff:    map[string]int{"Hard": 1, "Medium": 1},
		},
		{
			name:        "experiences on request",
			req:         Request{Query: "django", Type: TypeExperience},
			wantIDs:     []string{"e1", "e2", "e3"},
			wantCompany: map[string]int{"Amazon": 1, "Google": 1, "NxtWave": 1},
			wantDiff:    map[string]int{"Hard": 1, "Easy": 2, "Medium": 1},
		},
		{
			name:        "no match",
			req:         Request{Query: "kubernetes"},
			wantIDs:     nil,
			wantCompany: map[string]int{},
			wantDiff:    map[string]int{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := idx.Search(context.Background(), tt.req)
			if err != nil {
				t.Fatalf("Search(%+v): %v", tt.req, err)
			}
			if diff := cmp.Diff(tt.wantIDs, ids(res)); diff != "" {
				t.Errorf("hit ids (-want +got):\n%s", diff)
			}
			if got, want := res.Total, uint64(len(tt.wantIDs)); got != want {
				t.Errorf("Total = %d, want %d", got, want)
			}
			if tt.wantStrict != nil {
				if diff := cmp.Diff(tt.wantStrict, strictIDs(res)); diff != "" {
					t.Errorf("hits with every word (-want +got):\n%s", diff)
				}
			}
			if diff := cmp.Diff(tt.wantCompany, facet(res, "company")); diff != "" {
				t.Errorf("company facet (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantDiff, facet(res, "difficulty")); diff != "" {
				t.Errorf("difficulty facet (-want +got):\n%s", diff)
			}
			for _, f := range FacetFields {
				if _, ok := res.Facets[f]; !ok {
					t.Errorf("facets lack %q", f)
				}
			}
		})
	}
}

func TestSearchHitFieldsAndHighlights(t *testing.T) {
	idx := newTestIndex(t)
	res, err := idx.Search(context.Background(), Request{Query: "lru eviction"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("got %d hits, want 1", len(res.Hits))
	}
	got := res.Hits[0]
	want := Hit{
		ID: "e1-q1", Type: TypeQuestion, Title: "Design an LRU cache", Company: "Amazon", Role: "Software Engineer",
		Category: "System Design", Difficulty: "Hard", Status: "Offer", Date: "2024-05-01",
		URL: "https://example.test/e1", ExperienceID: "e1", Ordinal: 1,
	}
	if diff := cmp.Diff(want, got, cmpIgnoreScoreAndText()); diff != "" {
		t.Errorf("hit (-want +got):\n%s", diff)
	}
	if got, want := got.Highlights["title"], []string{"Design an <mark>LRU</mark> cache"}; !cmp.Equal(got, want) {
		t.Errorf("title highlight = %q, want %q", got, want)
	}
	// The body's "<eviction>" is text: it must come back escaped, with only
	// <mark> as markup.
	if want := "&lt;<mark>eviction</mark>&gt;"; !strings.Contains(got.Snippet, want) {
		t.Errorf("snippet = %q, want it to contain %q", got.Snippet, want)
	}
	if got.Score <= 0 {
		t.Errorf("score = %v, want > 0", got.Score)
	}
}

func cmpIgnoreScoreAndText() cmp.Option {
	return cmp.FilterPath(func(p cmp.Path) bool {
		switch p.Last().String() {
		case ".Score", ".Highlights", ".Snippet":
			return true
		}
		return false
	}, cmp.Ignore())
}

func TestTitleRanksAboveBody(t *testing.T) {
	idx := newTestIndex(t)
	// "django" is in e3-q1's title and in e2-q3's title and body; "caching"
	// in e3-q1's title and e2-q1's body only.
	res, err := idx.Search(context.Background(), Request{Query: "caching"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) < 2 {
		t.Fatalf("got %d hits, want at least 2", len(res.Hits))
	}
	if got, want := res.Hits[0].ID, "e3-q1"; got != want {
		t.Errorf("first hit for caching = %s, want %s (the word is in its title)", got, want)
	}
}

func TestSearchSortByDate(t *testing.T) {
	idx := newTestIndex(t)
	res, err := idx.Search(context.Background(), Request{Type: TypeExperience, Sort: "date"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, h.Date)
	}
	want := []string{"2025-09-01", "2024-05-01", "2023-01-15"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("dates (-want +got):\n%s", diff)
	}
}

func TestSearchPaging(t *testing.T) {
	idx := newTestIndex(t)
	var all []string
	for from := 0; from < 8; from += 3 {
		res, err := idx.Search(context.Background(), Request{From: from, Size: 3})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 8 {
			t.Errorf("page from %d: Total = %d, want 8", from, res.Total)
		}
		for _, h := range res.Hits {
			all = append(all, h.ID)
		}
	}
	sort.Strings(all)
	want := []string{"e1-q1", "e1-q2", "e1-q3", "e2-q1", "e2-q2", "e2-q3", "e3-q1", "e3-q2"}
	if diff := cmp.Diff(want, all); diff != "" {
		t.Errorf("pages together (-want +got):\n%s", diff)
	}
}

func TestSearchBadRequests(t *testing.T) {
	idx := newTestIndex(t)
	tests := []struct {
		name string
		req  Request
		want string // part of the message
	}{
		{"negative size", Request{Size: -3}, "size -3 is out of range"},
		{"size too large", Request{Size: MaxSize + 1}, "out of range"},
		{"negative from", Request{From: -1}, "negative"},
		{"too deep", Request{From: MaxWindow}, "beyond the first"},
		{"unknown filter", Request{Filters: map[string][]string{"salary": {"high"}}}, `cannot filter on "salary"`},
		{"empty filter value", Request{Filters: map[string][]string{"company": {" "}}}, "empty value"},
		{"unknown type", Request{Type: "post"}, `type "post"`},
		{"unknown sort", Request{Sort: "reads"}, `sort "reads"`},
		{"only stop words", Request{Query: "the and"}, "only common words"},
		{"unclosed quote", Request{Query: `"lru cache`}, "quote is not closed"},
		{"too long", Request{Query: strings.Repeat("a", MaxQueryRunes+1)}, "characters long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := idx.Search(context.Background(), tt.req)
			var re *RequestError
			if !errors.As(err, &re) {
				t.Fatalf("Search(%+v) error = %v, want a *RequestError", tt.req, err)
			}
			if !strings.Contains(re.Msg, tt.want) {
				t.Errorf("Search(%+v) error = %q, want it to contain %q", tt.req, re.Msg, tt.want)
			}
		})
	}
}

func TestExperienceRoundTrip(t *testing.T) {
	idx := newTestIndex(t)
	got, err := idx.Experience(context.Background(), "e1")
	if err != nil {
		t.Fatal(err)
	}
	want := testExperiences()[0]
	Normalize(&want)
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("Experience(e1) (-want +got):\n%s", diff)
	}
	if got.Company != "Amazon" || got.CompanyRaw != "amazon" {
		t.Errorf("company = %q (raw %q), want Amazon (raw amazon)", got.Company, got.CompanyRaw)
	}
	for _, id := range []string{"nope", "e1-q1"} {
		if _, err := idx.Experience(context.Background(), id); !errors.Is(err, ErrNotFound) {
			t.Errorf("Experience(%q) error = %v, want ErrNotFound", id, err)
		}
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "no index there") {
		t.Errorf("Open(missing) error = %v, want one that says there is no index", err)
	}
	idx := newTestIndex(t)
	if _, err := Create(idx.Path()); err == nil {
		t.Errorf("Create(existing) succeeded, want an error")
	}
}

func TestWriterRejectsInvalid(t *testing.T) {
	idx, err := NewMemOnly()
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	w := idx.NewWriter(0)
	for _, tt := range []struct {
		name string
		e    Experience
		want string // in the error
	}{
		{"no id", Experience{Title: "no id"}, "no id"},
		{"slash in id", Experience{ID: "a/b", Title: "slash"}, "not allowed in ids"},
		{"bad date", Experience{ID: "x", Title: "bad date", Date: "01/02/2024"}, "not YYYY-MM-DD"},
		{"two ordinals alike", Experience{ID: "y", Title: "dup", Questions: []Question{{Ordinal: 1, Title: "a"}, {Ordinal: 1, Title: "b"}}}, "two questions have ordinal 1"},
		{"untitled question", Experience{ID: "z", Title: "untitled question", Questions: []Question{{Ordinal: 1}}}, "no title"},
		// x-q1 is the id of question 1 of experience x.
		{"id of a question", Experience{ID: "x-q1", Title: "a question's id"}, "-q and digits"},
		{"id of a question, many digits", Experience{ID: "abc-q120", Title: "a question's id"}, "-q and digits"},
	} {
		e := tt.e
		err := w.Add(&e)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Add(id %q) = %v, want an error containing %q", tt.name, tt.e.ID, err, tt.want)
		}
	}
	// Ids that only look like a question's are fine.
	for _, id := range []string{"x-q", "x-qa", "x-q1b", "x-Q1", "q1", "x_q1"} {
		e := Experience{ID: id, Title: "fine"}
		if err := e.Validate(); err != nil {
			t.Errorf("Validate(id %q) = %v, want nil", id, err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if n, _ := idx.DocCount(); n != 0 {
		t.Errorf("DocCount = %d after only invalid adds, want 0", n)
	}
}

func TestSelectedValuesAlwaysListed(t *testing.T) {
	idx := newTestIndex(t)
	res, err := idx.Search(context.Background(), Request{
		Query:     "django",
		FacetSize: 1,
		Filters:   map[string][]string{"company": {"Google", "Nobody"}, "difficulty": {"Hard"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	// django: e2-q3 (Google, no difficulty), e3-q1 (NxtWave, no difficulty).
	// The company list is cut to one value, yet both ticked companies are
	// listed, Nobody at 0; Hard is listed at 0 too.
	want := map[string][]FacetValue{
		"company":    {{Value: "Google", Count: 0}, {Value: "Nobody", Count: 0}},
		"difficulty": {{Value: "Hard", Count: 0}},
	}
	for f, w := range want {
		if diff := cmp.Diff(w, res.Facets[f]); diff != "" {
			t.Errorf("%s facet (-want +got):\n%s", f, diff)
		}
	}
	if res.Total != 0 {
		t.Errorf("Total = %d, want 0 (no django question is Hard)", res.Total)
	}
	if got := res.FacetMissing["difficulty"]; got != 1 {
		t.Errorf("difficulty missing = %d, want 1 (Google's django question has none)", got)
	}
}

func TestFacetCountsAddUp(t *testing.T) {
	idx := newTestIndex(t)
	res, err := idx.Search(context.Background(), Request{FacetSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range FacetFields {
		sum := res.FacetOther[f] + res.FacetMissing[f]
		for _, v := range res.Facets[f] {
			sum += v.Count
		}
		if uint64(sum) != res.Total {
			t.Errorf("%s: listed + other + missing = %d, want total %d", f, sum, res.Total)
		}
	}
}

func TestSuggest(t *testing.T) {
	idx := newTestIndex(t)
	tests := []struct {
		field, prefix string
		want          []FacetValue
	}{
		{"company", "go", []FacetValue{{Value: "Google", Count: 3}}},
		{"company", "", []FacetValue{{Value: "Amazon", Count: 3}, {Value: "Google", Count: 3}, {Value: "NxtWave", Count: 2}}},
		{"company", "NXT", []FacetValue{{Value: "NxtWave", Count: 2}}},
		{"role", "dev", []FacetValue{{Value: "Back-End Developer", Count: 2}}}, // a later word
		{"role", "end", []FacetValue{{Value: "Back-End Developer", Count: 2}}}, // after a hyphen
		{"category", "zzz", []FacetValue{}},
	}
	for _, tt := range tests {
		got, err := idx.Suggest(context.Background(), tt.field, tt.prefix, 10)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Suggest(%s, %q) (-want +got):\n%s", tt.field, tt.prefix, diff)
		}
	}
	if _, err := idx.Suggest(context.Background(), "salary", "x", 10); err == nil {
		t.Errorf("Suggest(salary) = nil error, want one")
	}
}

func TestDateHistogram(t *testing.T) {
	idx := newTestIndex(t)
	tests := []struct {
		req  Request
		want []FacetValue
	}{
		{Request{}, []FacetValue{{Value: "2023", Count: 3}, {Value: "2024", Count: 3}, {Value: "2025", Count: 2}}},
		{Request{DateInterval: "month"}, []FacetValue{{Value: "2023-01", Count: 3}, {Value: "2024-05", Count: 3}, {Value: "2025-09", Count: 2}}},
		{Request{Query: "two sum"}, []FacetValue{{Value: "2024", Count: 1}, {Value: "2025", Count: 1}}},
	}
	for _, tt := range tests {
		res, err := idx.Search(context.Background(), tt.req)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, res.Dates); diff != "" {
			t.Errorf("Search(%+v).Dates (-want +got):\n%s", tt.req, diff)
		}
	}
}

func TestCursorPaging(t *testing.T) {
	idx := newTestIndex(t)
	for _, sortBy := range []string{"relevance", "date"} {
		req := Request{Query: "cache OR two OR django", Sort: sortBy, Size: 2}
		all, err := idx.Search(context.Background(), Request{Query: req.Query, Sort: sortBy, Size: 50})
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, h := range all.Hits {
			want = append(want, h.ID)
		}
		var got []string
		for page := 0; page < 10; page++ {
			res, err := idx.Search(context.Background(), req)
			if err != nil {
				t.Fatalf("page %d: %v", page, err)
			}
			if res.Total != all.Total {
				t.Errorf("page %d: total %d, want %d on every page", page, res.Total, all.Total)
			}
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			if res.NextCursor == "" {
				break
			}
			req.Cursor = res.NextCursor
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("sort %s: pages by cursor (-all at once +paged):\n%s", sortBy, diff)
		}
	}
	first, err := idx.Search(context.Background(), Request{Query: "cache", Size: 1})
	if err != nil || first.NextCursor == "" {
		t.Fatalf("first page: %v, cursor %q", err, first.NextCursor)
	}
	bad := []struct {
		req  Request
		want string
	}{
		{Request{Query: "django", Size: 1, Cursor: first.NextCursor}, "belongs to another search"},
		{Request{Query: "cache", Size: 1, Cursor: "nonsense!"}, "not one this server gave"},
		{Request{Query: "cache", Size: 1, Cursor: first.NextCursor, From: 1}, "either a cursor or a page"},
	}
	for _, tt := range bad {
		_, err := idx.Search(context.Background(), tt.req)
		var re *RequestError
		if !errors.As(err, &re) || !strings.Contains(re.Msg, tt.want) {
			t.Errorf("Search(%+v) error = %v, want one containing %q", tt.req, err, tt.want)
		}
	}
}

func TestClustersAndSortAsked(t *testing.T) {
	idx, err := Create(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	exps := []Experience{
		{ID: "a", Title: "A", Company: "Amazon", Date: "2024-01-01", Questions: []Question{
			{Ordinal: 1, Title: "Two Sum", Body: "array", Cluster: "two-sum-1", ClusterTitle: "Two Sum", AskedAt: 3},
			{Ordinal: 2, Title: "LRU Cache", Body: "array cache", Cluster: "lru-2", ClusterTitle: "LRU Cache", AskedAt: 12},
		}},
		{ID: "b", Title: "B", Company: "Google", Date: "2025-01-01", Questions: []Question{
			{Ordinal: 1, Title: "Two Sum Problem", Body: "array", Cluster: "two-sum-1", ClusterTitle: "Two Sum", AskedAt: 3},
			{Ordinal: 2, Title: "Merge intervals", Body: "array", Cluster: "merge-3", ClusterTitle: "Merge Intervals", AskedAt: 1},
			{Ordinal: 3, Title: "Why Google?", Body: "array"}, // in no cluster
		}},
	}
	w := idx.NewWriter(0)
	for i := range exps {
		if err := w.Add(&exps[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	res, err := idx.Search(context.Background(), Request{Query: "array", Sort: "asked"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, fmt.Sprintf("%s:%d %s", h.ID, h.AskedAt, h.ClusterTitle))
	}
	// most companies first; equal counts by score, then newest. A cluster
	// named by the question's own title is shown with it, though only
	// other names are stored.
	want := []string{"a-q2:12 LRU Cache", "b-q1:3 Two Sum", "a-q1:3 Two Sum", "b-q2:1 Merge Intervals", "b-q3:0 "}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sort=asked (-want +got):\n%s", diff)
	}
	res, err = idx.Search(context.Background(), Request{Cluster: "two-sum-1"})
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, h := range res.Hits {
		got = append(got, h.ID+" "+h.Cluster+" "+h.ClusterTitle+" "+h.Company)
	}
	if diff := cmp.Diff([]string{"b-q1 two-sum-1 Two Sum Google", "a-q1 two-sum-1 Two Sum Amazon"}, got); diff != "" {
		t.Errorf("cluster two-sum-1 (-want +got):\n%s", diff)
	}
	// A cursor of one cluster's search does not page another's.
	first, err := idx.Search(context.Background(), Request{Cluster: "two-sum-1", Size: 1})
	if err != nil || first.NextCursor == "" {
		t.Fatalf("first page of cluster two-sum-1: %v, cursor %q", err, first.NextCursor)
	}
	if _, err := idx.Search(context.Background(), Request{Cluster: "merge-3", Size: 1, Cursor: first.NextCursor}); err == nil || !strings.Contains(err.Error(), "belongs to another search") {
		t.Errorf("cursor of cluster two-sum-1 on cluster merge-3: error %v, want one saying it belongs to another search", err)
	}
}

func TestInterviewDifficultyIsTheExperiencesNotItsQuestions(t *testing.T) {
	idx, err := NewMemOnly()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	e := Experience{
		ID: "gd1", URL: "https://example.com/gd1", Title: "Software Engineer Interview", Company: "TCS",
		Difficulty: "Difficult Interview", Location: "Mumbai", Sentiment: "Negative Experience", Extractor: "glassdoor",
		Questions: []Question{{Ordinal: 1, Title: "Explain polymorphism", Round: "Technical", CategoryInferred: true, Category: "Other"}},
	}
	Normalize(&e)
	w := idx.NewWriter(10)
	if err := w.Add(&e); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	hard := map[string][]string{"difficulty": {"Hard"}}
	for _, tt := range []struct {
		typ  string
		want int
	}{{TypeExperience, 1}, {TypeQuestion, 0}} {
		res, err := idx.Search(ctx, Request{Type: tt.typ, Filters: hard})
		if err != nil {
			t.Fatal(err)
		}
		if int(res.Total) != tt.want {
			t.Errorf("Search(type=%s, difficulty=Hard).Total = %d, want %d", tt.typ, res.Total, tt.want)
		}
	}
	got, err := idx.Experience(ctx, "gd1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&e, got); diff != "" {
		t.Errorf("Experience(gd1) (-want +got):\n%s", diff)
	}
}

// TestCursorsHoldAcrossProcessesOfOneVersion checks that a cursor is good
// in any reader of the same version (a copy of it, as replicas have; the
// same folder opened again, as after a restart) and refused by an index
// with other content.
func TestCursorsHoldAcrossProcessesOfOneVersion(t *testing.T) {
	build := func(name string, exps []Experience) string {
		t.Helper()
		dir := filepath.Join(t.TempDir(), name)
		idx, err := Create(dir)
		if err != nil {
			t.Fatal(err)
		}
		w := idx.NewWriter(10)
		for _, e := range exps {
			if err := w.Add(&e); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := idx.Compact(context.Background()); err != nil {
			t.Fatal(err)
		}
		if err := idx.Close(); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	openRO := func(dir string) *Index {
		t.Helper()
		idx, err := OpenReadOnly(dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { idx.Close() })
		return idx
	}
	a := build("a", testExperiences())
	copyDir := filepath.Join(t.TempDir(), "copy")
	src, err := Open(a)
	if err != nil {
		t.Fatal(err)
	}
	if err := src.CopyTo(copyDir); err != nil {
		t.Fatal(err)
	}
	src.Close()
	other := testExperiences()
	other[0].Questions[1].Title = "Three Sum" // the same shape, other content
	b := build("other", other)

	ctx := context.Background()
	req := Request{Query: "cache OR two OR django", Size: 2}
	first, err := openRO(a).Search(ctx, req)
	if err != nil || first.NextCursor == "" {
		t.Fatalf("first page: %v, cursor %q", err, first.NextCursor)
	}
	next := req
	next.Cursor = first.NextCursor
	want, err := openRO(a).Search(ctx, next) // the same folder opened again
	if err != nil {
		t.Fatalf("second page from the same folder opened again: %v", err)
	}
	got, err := openRO(copyDir).Search(ctx, next)
	if err != nil {
		t.Fatalf("second page from a copy of the version: %v", err)
	}
	if diff := cmp.Diff(ids(want), ids(got)); diff != "" {
		t.Errorf("second page (-reopened +copy):\n%s", diff)
	}
	if _, err := openRO(b).Search(ctx, next); err == nil || !strings.Contains(err.Error(), "another version") {
		t.Errorf("cursor on an index with other content: error = %v, want one saying it belongs to another version", err)
	}
}
