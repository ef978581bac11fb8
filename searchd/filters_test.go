package main

import (
	"bytes"
	"net/http"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// filterAnswer is what the filter tests read of an /api/search answer.
type filterAnswer struct {
	Total      uint64
	Hits       []struct{ ID string }
	Filters    map[string][]string
	Warnings   []string
	NextCursor string `json:"next_cursor"`
}

func (a filterAnswer) ids() []string {
	var out []string
	for _, h := range a.Hits {
		out = append(out, h.ID)
	}
	return slices.Sorted(slices.Values(out))
}

// TestAPIFilterSpellings checks that filter parameters match any case and
// the known spellings, that the answer names the values as the index
// spells them, and that a value naming nothing answers with a warning.
func TestAPIFilterSpellings(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		path         string
		wantIDs      []string
		wantFilters  map[string][]string
		wantWarnings []string
	}{
		{"/api/search?company=amazon", []string{"e1-q1", "e1-q2"}, map[string][]string{"company": {"Amazon"}}, nil},
		{"/api/search?company=AMAZON&company=Amazon", []string{"e1-q1", "e1-q2"}, map[string][]string{"company": {"Amazon"}}, nil},
		{"/api/search?difficulty=hard", []string{"e1-q1"}, map[string][]string{"difficulty": {"Hard"}}, nil},
		{"/api/search?category=dsa", []string{"e1-q2", "e2-q2"}, map[string][]string{"category": {"Data Structures & Algorithms"}}, nil},
		{"/api/search?q=cache&company=google&difficulty=MEDIUM", []string{"e2-q1"},
			map[string][]string{"company": {"Google"}, "difficulty": {"Medium"}}, nil},
		{"/api/search?role=swe&status=selected", []string{"e1-q1", "e1-q2"},
			map[string][]string{"role": {"Software Engineer"}, "status": {"Offer"}}, nil},
		// Meta is a known company, but none is indexed here.
		{"/api/search?company=fb", nil, map[string][]string{"company": {"Meta"}},
			[]string{`company "Meta" matches no company in the index`}},
		{"/api/search?company=foobar&company=amazon", []string{"e1-q1", "e1-q2"}, map[string][]string{"company": {"Foobar", "Amazon"}},
			[]string{`company "Foobar" matches no company in the index`}},
		{"/api/search?q=cache", []string{"e1-q1", "e2-q1", "e3-q1"}, map[string][]string{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			var got filterAnswer
			if code := getJSON(t, ts, tt.path, &got); code != http.StatusOK {
				t.Fatalf("GET %s = %d, want 200", tt.path, code)
			}
			if diff := cmp.Diff(tt.wantIDs, got.ids()); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantFilters, got.Filters); diff != "" {
				t.Errorf("filters (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantWarnings, got.Warnings); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
		})
	}
	// "filters" is always there, "warnings" only when there are some.
	_, _, body := get(t, ts, "/api/search?q=cache")
	if !bytes.Contains(body, []byte(`"filters":{}`)) || bytes.Contains(body, []byte(`"warnings"`)) {
		t.Errorf("GET /api/search?q=cache: want \"filters\":{} and no warnings in %s", body)
	}
}

// TestFilterSpellingsShareACacheEntry checks, through the handler and its
// cache, that one filter spelt two ways is one search, and that the
// cached answer names the value as the index spells it.
func TestFilterSpellingsShareACacheEntry(t *testing.T) {
	counter := &indexCounter{searcher: newTestIndex(t)}
	cached, err := newCachedSearcher(counter, 16)
	if err != nil {
		t.Fatal(err)
	}
	ts := serveTest(t, &Server{Index: cached, Logger: quietLogger()})
	tests := []struct {
		first, second string
		searches      int64 // reaching the index for both
		wantFilters   map[string][]string
	}{
		{"company=amazon", "company=Amazon", 1, map[string][]string{"company": {"Amazon"}}},
		{"q=cache&difficulty=hard", "q=cache&difficulty=HARD&difficulty=Hard", 1, map[string][]string{"difficulty": {"Hard"}}},
		{"company=foobar", "company=FOOBAR", 1, map[string][]string{"company": {"Foobar"}}},
		{"q=two&company=google", "q=two&company=amazon", 2, map[string][]string{"company": {"Amazon"}}},
	}
	for _, tt := range tests {
		before := counter.n.Load()
		var a, b filterAnswer
		for _, x := range []struct {
			q   string
			ans *filterAnswer
		}{{tt.first, &a}, {tt.second, &b}} {
			if code := getJSON(t, ts, "/api/search?"+x.q, x.ans); code != http.StatusOK {
				t.Fatalf("GET /api/search?%s = %d, want 200", x.q, code)
			}
		}
		if got := counter.n.Load() - before; got != tt.searches {
			t.Errorf("%s then %s: %d searches reached the index, want %d", tt.first, tt.second, got, tt.searches)
		}
		if diff := cmp.Diff(tt.wantFilters, b.Filters); diff != "" {
			t.Errorf("%s after %s: filters (-want +got):\n%s", tt.second, tt.first, diff)
		}
	}
}

// TestCursorAcrossFilterSpellings checks that a cursor of company=amazon
// pages company=Amazon (through the handler and its cache, whose key holds
// the cursor), and that another company refuses it.
func TestCursorAcrossFilterSpellings(t *testing.T) {
	cached, err := newCachedSearcher(newTestIndex(t), 16)
	if err != nil {
		t.Fatal(err)
	}
	ts := serveTest(t, &Server{Index: cached, Logger: quietLogger()})
	var all filterAnswer
	getJSON(t, ts, "/api/search?company=Amazon&sort=date", &all)
	if len(all.Hits) != 2 {
		t.Fatalf("company=Amazon has %d hits, want 2", len(all.Hits))
	}
	var first, second filterAnswer
	if code := getJSON(t, ts, "/api/search?company=amazon&sort=date&size=1", &first); code != http.StatusOK || first.NextCursor == "" {
		t.Fatalf("first page of company=amazon = %d, cursor %q", code, first.NextCursor)
	}
	path := "/api/search?company=Amazon&sort=date&size=1&cursor=" + first.NextCursor
	if code := getJSON(t, ts, path, &second); code != http.StatusOK {
		t.Fatalf("GET %s = %d, want 200", path, code)
	}
	got := []string{first.Hits[0].ID, second.Hits[0].ID}
	want := []string{all.Hits[0].ID, all.Hits[1].ID}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paged by cursor across spellings (-all at once +paged):\n%s", diff)
	}
	var refused struct{ Error string }
	path = "/api/search?company=google&sort=date&size=1&cursor=" + first.NextCursor
	if code := getJSON(t, ts, path, &refused); code != http.StatusBadRequest {
		t.Errorf("GET %s = %d (%s), want 400: the cursor is another search's", path, code, refused.Error)
	}
}

// TestSearchPageTicksTheIndexedSpelling checks that a filter typed in
// lower case in the page's URL shows ticked under the indexed spelling,
// once, and that the page's links carry that spelling.
func TestSearchPageTicksTheIndexedSpelling(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		path    string
		want    []string
		notWant []string
	}{
		{"/search?company=amazon", []string{
			`<a class="fv selected" href="/search" rel="nofollow" aria-current="true"><span class="box" aria-hidden="true"></span><span class="val">Amazon</span><span class="count">2</span></a>`,
			`aria-label="Remove filter Company Amazon"`,
			`<input type="hidden" name="company" value="Amazon">`,
			// another value adds to the indexed spelling
			`href="/search?company=Amazon&amp;company=Google"`,
		}, []string{`<span class="val">amazon</span>`, "company=amazon"}},
		{"/search?category=dsa&difficulty=EASY", []string{
			`<span class="val">Data Structures &amp; Algorithms</span>`,
			`aria-label="Remove filter Difficulty Easy"`,
			`<input type="hidden" name="category" value="Data Structures &amp; Algorithms">`,
		}, []string{`<span class="val">dsa</span>`, `<span class="val">EASY</span>`}},
		// A value naming nothing stays ticked, to be unticked.
		{"/search?company=foobar", []string{
			`<a class="fv selected" href="/search" rel="nofollow" aria-current="true"><span class="box" aria-hidden="true"></span><span class="val">Foobar</span><span class="count">0</span></a>`,
			"remove the filters",
		}, nil},
	}
	for _, tt := range tests {
		code, _, body := get(t, ts, tt.path)
		if code != http.StatusOK {
			t.Errorf("GET %s = %d, want 200", tt.path, code)
		}
		for _, w := range tt.want {
			if !bytes.Contains(body, []byte(w)) {
				t.Errorf("GET %s: page lacks %q", tt.path, w)
			}
		}
		for _, w := range tt.notWant {
			if bytes.Contains(body, []byte(w)) {
				t.Errorf("GET %s: page contains %q", tt.path, w)
			}
		}
	}
}
