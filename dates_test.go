package askedat

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalizeReadsTheDateRange(t *testing.T) {
	tests := []struct {
		from, to         string
		wantFrom, wantTo string
	}{
		{"", "", "", ""},
		{"2023", "2023", "2023-01-01", "2023-12-31"},
		{"2023-06", "", "2023-06-01", ""},
		{"", "2024-02", "", "2024-02-29"},
		{" 2023-06-15 ", "2023-06-15", "2023-06-15", "2023-06-15"}, // one day; spaces around ignored
		{"2022", "2024-01-31", "2022-01-01", "2024-01-31"},
		{"2023-01-01", "2023-12-31", "2023-01-01", "2023-12-31"}, // days stay as they are
	}
	for _, tt := range tests {
		r := Request{DateFrom: tt.from, DateTo: tt.to}
		if err := r.Normalize(); err != nil {
			t.Errorf("Normalize of date_from=%q date_to=%q: %v", tt.from, tt.to, err)
			continue
		}
		if r.DateFrom != tt.wantFrom || r.DateTo != tt.wantTo {
			t.Errorf("date_from=%q date_to=%q read as %q..%q, want %q..%q", tt.from, tt.to, r.DateFrom, r.DateTo, tt.wantFrom, tt.wantTo)
		}
		again := r
		if err := again.Normalize(); err != nil || again.DateFrom != r.DateFrom || again.DateTo != r.DateTo {
			t.Errorf("Normalize is not idempotent on %q..%q: %q..%q, %v", r.DateFrom, r.DateTo, again.DateFrom, again.DateTo, err)
		}
	}
}

func TestNormalizeRefusesBadDates(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"2023-13", "", `date_from: "2023-13" is not a date: write a year, a month or a day, as 2023, 2023-06 or 2023-06-30`},
		{"", "2023-02-30", `date_to: "2023-02-30" is not a date`},
		{"yesterday", "", `date_from: "yesterday" is not a date`},
		{"2024", "2023", "the date range is reversed: date_from 2024-01-01 is after date_to 2023-12-31"},
		{"2023-06-02", "2023-06-01", "the date range is reversed"},
	}
	for _, tt := range tests {
		r := Request{DateFrom: tt.from, DateTo: tt.to}
		err := r.Normalize()
		var re *RequestError
		if !errors.As(err, &re) || !strings.Contains(re.Msg, tt.want) {
			t.Errorf("Normalize of date_from=%q date_to=%q: error %v, want a *RequestError saying %q", tt.from, tt.to, err, tt.want)
		}
	}
}

func TestNormalizeSorts(t *testing.T) {
	for _, sort := range []string{"relevance", "date", "date_asc", "asked"} {
		r := Request{Sort: sort}
		if err := r.Normalize(); err != nil || r.Sort != sort {
			t.Errorf("sort %q: Normalize gave %q, %v", sort, r.Sort, err)
		}
	}
	r := Request{Sort: "-date"}
	var re *RequestError
	if err := r.Normalize(); !errors.As(err, &re) || !strings.Contains(re.Msg, "date_asc (oldest first)") {
		t.Errorf("sort -date: error %v, want one that offers date_asc", err)
	}
	// The default stays: newest first without a query, relevance with one.
	for q, want := range map[string]string{"": "date", "lru": "relevance"} {
		r := Request{Query: q}
		if err := r.Normalize(); err != nil || r.Sort != want {
			t.Errorf("query %q: default sort %q, %v; want %q", q, r.Sort, err, want)
		}
	}
}
