package main

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat"
)

// dateAnswer is what the date tests read of an /api/search answer.
type dateAnswer struct {
	Total      uint64
	DateRange  *askedat.DateRange `json:"date_range"`
	Hits       []askedat.Hit
	Dates      []askedat.FacetValue
	Facets     map[string][]askedat.FacetValue
	NextCursor string `json:"next_cursor"`
}

func (a dateAnswer) experiences() []string {
	var out []string
	for _, h := range a.Hits {
		if !slices.Contains(out, h.ExperienceID) {
			out = append(out, h.ExperienceID)
		}
	}
	return out
}

// TestAPIDateRange checks date_from, date_to and the query's date clauses
// over the test index (posts of 2022-01-01, 2023-02-01 and 2024-05-01):
// the hits, the range echoed as read, the histogram (every year under a
// date_from/date_to, the range's alone under date:), and the facets.
func TestAPIDateRange(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		name      string
		params    string
		wantPosts []string // newest first
		wantRange *askedat.DateRange
		wantYears []string
	}{
		{"a year", "date_from=2023&date_to=2023", []string{"e2"}, &askedat.DateRange{From: "2023-01-01", To: "2023-12-31"}, []string{"2022", "2023", "2024"}},
		{"both ends in", "date_from=2023-02-01&date_to=2024-05-01", []string{"e1", "e2"}, &askedat.DateRange{From: "2023-02-01", To: "2024-05-01"}, []string{"2022", "2023", "2024"}},
		{"a day after the start", "date_from=2023-02-02", []string{"e1"}, &askedat.DateRange{From: "2023-02-02"}, []string{"2022", "2023", "2024"}},
		{"months", "date_from=2022-01&date_to=2023-02", []string{"e2", "e3"}, &askedat.DateRange{From: "2022-01-01", To: "2023-02-28"}, []string{"2022", "2023", "2024"}},
		{"open start", "date_to=2022", []string{"e3"}, &askedat.DateRange{To: "2022-12-31"}, []string{"2022", "2023", "2024"}},
		{"spaces around", "date_from=+2024+", []string{"e1"}, &askedat.DateRange{From: "2024-01-01"}, []string{"2022", "2023", "2024"}},
		{"date: in the query", "q=" + url.QueryEscape("date:2023"), []string{"e2"}, nil, []string{"2023"}},
		{"date>= and date< in the query", "q=" + url.QueryEscape("date>=2023-02 date<2024-06"), []string{"e1", "e2"}, nil, []string{"2023", "2024"}},
		{"with words", "q=cache&date_from=2023", []string{"e1", "e2"}, &askedat.DateRange{From: "2023-01-01"}, []string{"2022", "2023", "2024"}},
		{"no range", "", []string{"e1", "e2", "e3"}, nil, []string{"2022", "2023", "2024"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got dateAnswer
			path := "/api/search?" + tt.params + "&sort=date"
			if code := getJSON(t, ts, path, &got); code != 200 {
				t.Fatalf("GET %s = %d", path, code)
			}
			if diff := cmp.Diff(tt.wantPosts, got.experiences()); diff != "" {
				t.Errorf("posts (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantRange, got.DateRange); diff != "" {
				t.Errorf("date_range (-want +got):\n%s", diff)
			}
			var years []string
			for _, d := range got.Dates {
				years = append(years, d.Value)
			}
			if diff := cmp.Diff(tt.wantYears, years); diff != "" {
				t.Errorf("dates (-want +got):\n%s", diff)
			}
			// The facets count the range's hits: every company counted
			// is one of theirs.
			n := 0
			for _, v := range got.Facets["company"] {
				n += v.Count
			}
			if uint64(n) != got.Total {
				t.Errorf("company facet counts %d, total %d: want the range's hits", n, got.Total)
			}
		})
	}
}

// TestAPIDateRangeBadInput checks that every bad date, reversed range and
// malformed date clause is a 400 that says what is wrong, on the API and
// on the search page.
func TestAPIDateRangeBadInput(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct{ params, want string }{
		{"date_from=2023-13", `date_from: "2023-13" is not a date: write a year, a month or a day, as 2023, 2023-06 or 2023-06-30`},
		{"date_to=2023-02-30", `date_to: "2023-02-30" is not a date`},
		{"date_from=yesterday", `date_from: "yesterday" is not a date`},
		{"date_from=2023%2F06%2F01", `date_from: "2023/06/01" is not a date`},
		{"date_from=2024&date_to=2023", "the date range is reversed: date_from 2024-01-01 is after date_to 2023-12-31"},
		{"date_from=2023-06-02&date_to=2023-06-01", "the date range is reversed"},
		{"date_from=2023&date_from=2024", `parameter "date_from" is given 2 times`},
		{"q=" + url.QueryEscape("date:2024..2022"), "date:2024..2022: the range is reversed: it starts on 2024-01-01, after it ends, on 2022-12-31"},
		{"q=" + url.QueryEscape("cache date:2023-13"), `"2023-13" is not a date`},
		{"q=" + url.QueryEscape("date>= 2023"), "date>= has no date; write it as date>=2023-06"},
		{"q=" + url.QueryEscape("date:2023 OR cache"), "OR can join words and phrases, or values of one field"},
		{"q=" + url.QueryEscape("dates:2023"), `unknown field "dates"`},
		{"sort=-date", `sort "-date" is not one of relevance, date (newest first), date_asc (oldest first), asked`},
		{"date_form=2023", `unknown parameter "date_form": use q, company, role, category, difficulty, status, date_from, date_to`},
	}
	for _, tt := range tests {
		t.Run(tt.params, func(t *testing.T) {
			var got struct {
				Error  string
				Status int
			}
			path := "/api/search?" + tt.params
			if code := getJSON(t, ts, path, &got); code != 400 || got.Status != 400 {
				t.Errorf("GET %s = %d (status %d), want 400", path, code, got.Status)
			}
			if !strings.Contains(got.Error, tt.want) {
				t.Errorf("GET %s error = %q, want it to say %q", path, got.Error, tt.want)
			}
			page := "/search?" + tt.params
			code, _, body := get(t, ts, page)
			if code != 400 {
				t.Errorf("GET %s = %d, want 400", page, code)
			}
			if !strings.Contains(string(body), htmlEscape(tt.want)) {
				t.Errorf("GET %s: the page does not say %q", page, tt.want)
			}
		})
	}
}

// htmlEscape escapes s as html/template writes text.
func htmlEscape(s string) string {
	return strings.NewReplacer(`"`, "&#34;", "'", "&#39;", "<", "&lt;", ">", "&gt;", "&", "&amp;").Replace(s)
}

// TestAPISortDateAsc checks oldest first, and that its cursor pages to the
// end in that order.
func TestAPISortDateAsc(t *testing.T) {
	ts := newTestServer(t)
	var whole dateAnswer
	if code := getJSON(t, ts, "/api/search?sort=date_asc&size=100", &whole); code != 200 {
		t.Fatalf("sort=date_asc: %d", code)
	}
	if diff := cmp.Diff([]string{"e3", "e2", "e1"}, whole.experiences()); diff != "" {
		t.Errorf("oldest first (-want +got):\n%s", diff)
	}
	var paged []string
	path := "/api/search?sort=date_asc&size=1"
	for i := 0; ; i++ {
		var page dateAnswer
		if code := getJSON(t, ts, path, &page); code != 200 {
			t.Fatalf("GET %s = %d", path, code)
		}
		for _, h := range page.Hits {
			paged = append(paged, h.ID)
		}
		if page.NextCursor == "" || i > 20 {
			break
		}
		path = "/api/search?sort=date_asc&size=1&cursor=" + url.QueryEscape(page.NextCursor)
	}
	var want []string
	for _, h := range whole.Hits {
		want = append(want, h.ID)
	}
	if diff := cmp.Diff(want, paged); diff != "" {
		t.Errorf("cursors of 1 (-one page +cursors):\n%s", diff)
	}
}
