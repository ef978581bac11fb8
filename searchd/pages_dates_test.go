package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat"
)

func TestDateChip(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"2023-01-01", "2023-12-31", "2023"},
		{"2023-06-01", "2023-06-30", "2023-06"},
		{"2024-02-01", "2024-02-29", "2024-02"},
		{"2024-02-01", "2024-02-28", "2024-02-01 to 2024-02-28"}, // not the whole month
		{"2022-01-01", "2023-12-31", "2022-01-01 to 2023-12-31"},
		{"2023-06-15", "2023-06-15", "2023-06-15"},
		{"2023-06-01", "", "from 2023-06-01"},
		{"", "2024-01-31", "until 2024-01-31"},
	}
	for _, tt := range tests {
		if got := dateChip(tt.from, tt.to); got != tt.want {
			t.Errorf("dateChip(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestDateRangeOf(t *testing.T) {
	tests := []struct {
		query string
		want  dateRangeView
	}{
		{"q=cache", dateRangeView{Hidden: []param{{"q", "cache"}}}},
		// The rest of the search goes along, from the first page; the
		// range's own parameters are the inputs'.
		{"q=cache&company=Amazon&date_from=2023-01-01&date_to=2023-12-31&sort=date_asc&page=3", dateRangeView{
			From: "2023-01-01", To: "2023-12-31",
			Hidden: []param{{"q", "cache"}, {"company", "Amazon"}, {"sort", "date_asc"}},
			Clear:  "/search?q=cache&company=Amazon&sort=date_asc",
		}},
		{"date_to=2024-01-31&type=experience", dateRangeView{To: "2024-01-31", Hidden: []param{{"type", "experience"}}, Clear: "/search?type=experience"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, dateRangeOf(pageParams(t, tt.query))); diff != "" {
			t.Errorf("dateRangeOf(%q) mismatch (-want +got):\n%s", tt.query, diff)
		}
	}
}

// TestDateRangeInThePage checks that a range is carried by the page's
// links, shown as a chip that removes it, cleared by "Clear all", kept by
// the search box, and read as days (asRead).
func TestDateRangeInThePage(t *testing.T) {
	p := pageParams(t, "q=cache&date_from=2023&date_to=2023&page=2")
	p = p.asRead(&askedat.Result{DateRange: askedat.DateRange{From: "2023-01-01", To: "2023-12-31"}})
	if p.Req.DateFrom != "2023-01-01" || p.Req.DateTo != "2023-12-31" {
		t.Fatalf("asRead: range %q..%q, want the days", p.Req.DateFrom, p.Req.DateTo)
	}
	const days = "date_from=2023-01-01&date_to=2023-12-31"
	if got := p.encode(); got != "q=cache&"+days+"&page=2" {
		t.Errorf("encode = %q, want the range after the filters", got)
	}
	active := activeFilters(p, &askedat.Result{})
	want := []activeFilter{{Field: "dates", Label: "Dates", Value: "2023", Remove: "/search?q=cache"}}
	if diff := cmp.Diff(want, active); diff != "" {
		t.Errorf("chips (-want +got):\n%s", diff)
	}
	if got := clearAllLink(p); got != "/search?q=cache" {
		t.Errorf("clear all = %q, want the range gone", got)
	}
	hidden := hiddenParams(p, "")
	if diff := cmp.Diff([]param{{"date_from", "2023-01-01"}, {"date_to", "2023-12-31"}}, hidden); diff != "" {
		t.Errorf("the search box's hidden parameters (-want +got):\n%s", diff)
	}
	for _, o := range sortOptions(p) {
		if !strings.Contains(o.Link, days) {
			t.Errorf("sort %s links to %s, without the range", o.Label, o.Link)
		}
	}
	if intro, _ := introOf(pageParams(t, "date_from=2023"), false); intro {
		t.Errorf("a page with a date range is the first visit's")
	}
}
