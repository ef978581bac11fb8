package query

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestStartAndEndDay(t *testing.T) {
	tests := []struct {
		in         string
		start, end string
	}{
		{"2023", "2023-01-01", "2023-12-31"},
		{"2023-06", "2023-06-01", "2023-06-30"},
		{"2024-02", "2024-02-01", "2024-02-29"}, // a leap year
		{"2023-02", "2023-02-01", "2023-02-28"},
		{"2023-06-15", "2023-06-15", "2023-06-15"},
		{"2023-12", "2023-12-01", "2023-12-31"},
	}
	for _, tt := range tests {
		start, err := StartDay(tt.in)
		if err != nil || start != tt.start {
			t.Errorf("StartDay(%q) = %q, %v; want %q", tt.in, start, err, tt.start)
		}
		end, err := EndDay(tt.in)
		if err != nil || end != tt.end {
			t.Errorf("EndDay(%q) = %q, %v; want %q", tt.in, end, err, tt.end)
		}
	}
}

func TestStartDayRefusesWhatIsNoDate(t *testing.T) {
	for _, in := range []string{"", "23", "2023-6", "2023-13", "2023-02-30", "2023-06-31", "20230601", "2023/06/01", "+2023", "2023-06-1", "june", "2023-06-01T00:00", " 2023"} {
		_, err := StartDay(in)
		var qe *Error
		if !errors.As(err, &qe) || !strings.Contains(qe.Msg, "is not a date: write a year, a month or a day, as 2023, 2023-06 or 2023-06-30") {
			t.Errorf("StartDay(%q) error = %v, want an *Error saying it is not a date", in, err)
		}
	}
}

func TestParseDateRange(t *testing.T) {
	tests := []struct {
		in   string
		want DateRange
	}{
		{":2023", DateRange{"2023-01-01", "2023-12-31"}},
		{":2023-06", DateRange{"2023-06-01", "2023-06-30"}},
		{":2023-06-15", DateRange{"2023-06-15", "2023-06-15"}},
		{":2022..2024", DateRange{"2022-01-01", "2024-12-31"}},
		{":2023-06..2024-01-31", DateRange{"2023-06-01", "2024-01-31"}},
		{":2023..2023", DateRange{"2023-01-01", "2023-12-31"}},
		{":2022..", DateRange{From: "2022-01-01"}},
		{":..2024", DateRange{To: "2024-12-31"}},
		{">=2023-06", DateRange{From: "2023-06-01"}},
		{">2023", DateRange{From: "2024-01-01"}},
		{">2023-06", DateRange{From: "2023-07-01"}},
		{">2023-12-31", DateRange{From: "2024-01-01"}},
		{"<=2024-01-31", DateRange{To: "2024-01-31"}},
		{"<=2024", DateRange{To: "2024-12-31"}},
		{"<2024", DateRange{To: "2023-12-31"}},
		{"<2024-03", DateRange{To: "2024-02-29"}},
		{"<2024-01-01", DateRange{To: "2023-12-31"}},
	}
	for _, tt := range tests {
		got, err := ParseDateRange(tt.in)
		if err != nil {
			t.Errorf("ParseDateRange(%q) error: %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseDateRange(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestParseDateRangeErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{":2024..2022", "date:2024..2022: the range is reversed: it starts on 2024-01-01, after it ends, on 2022-12-31"},
		{":2023-07..2023-06", "the range is reversed"},
		{":2023-13", `"2023-13" is not a date`},
		{":2023..20x4", `"20x4" is not a date`},
		{":..", "date:.. has no end"},
		{">9999", "no day comes after 9999"},
		{"<0000", "no day comes before 0000"},
		{"=2023", "a date filter is date:, date>=, date>, date<= or date<"},
	}
	for _, tt := range tests {
		_, err := ParseDateRange(tt.in)
		var qe *Error
		if !errors.As(err, &qe) || !strings.Contains(qe.Msg, tt.want) {
			t.Errorf("ParseDateRange(%q) error = %v, want an *Error saying %q", tt.in, err, tt.want)
		}
	}
}

func TestDateRangeContains(t *testing.T) {
	r := DateRange{"2023-01-01", "2023-12-31"}
	tests := []struct {
		r    DateRange
		day  string
		want bool
	}{
		{r, "2023-01-01", true}, // both ends are in
		{r, "2023-12-31", true},
		{r, "2022-12-31", false},
		{r, "2024-01-01", false},
		{r, "", false}, // no date is in no range
		{DateRange{From: "2023-06-01"}, "2099-01-01", true},
		{DateRange{To: "2023-06-01"}, "1999-01-01", true},
		{DateRange{To: "2023-06-01"}, "", false},
		{DateRange{}, "", true}, // no range at all
	}
	for _, tt := range tests {
		if got := tt.r.Contains(tt.day); got != tt.want {
			t.Errorf("%+v.Contains(%q) = %v, want %v", tt.r, tt.day, got, tt.want)
		}
	}
}

func TestParseDateClauses(t *testing.T) {
	d := func(neg bool, text string, from, to string) Clause {
		return Clause{Kind: DateClause, Neg: neg, Text: text, Field: DateField, Dates: DateRange{from, to}}
	}
	w := func(text string) Clause { return Clause{Kind: WordClause, Text: text} }
	tests := []struct {
		q    string
		want []Group
	}{
		{"date:2023 cache", []Group{{d(false, ":2023", "2023-01-01", "2023-12-31")}, {w("cache")}}},
		{"Date:2023-06", []Group{{d(false, ":2023-06", "2023-06-01", "2023-06-30")}}},
		{`date:"2022..2024"`, []Group{{d(false, ":2022..2024", "2022-01-01", "2024-12-31")}}},
		{"date>=2023-06 date<2024", []Group{{d(false, ">=2023-06", "2023-06-01", "")}, {d(false, "<2024", "", "2023-12-31")}}},
		{"-date:2023", []Group{{d(true, ":2023", "2023-01-01", "2023-12-31")}}},
		{"date:2021 OR date:2023", []Group{{d(false, ":2021", "2021-01-01", "2021-12-31"), d(false, ":2023", "2023-01-01", "2023-12-31")}}},
		{"date: picker", []Group{{w("date:")}, {w("picker")}}}, // as "company: cache"
		{"date picker", []Group{{w("date")}, {w("picker")}}},
		{"update:2023", nil}, // an unknown field: TestParseDateClauseErrors
	}
	for _, tt := range tests {
		got, err := Parse(tt.q)
		if tt.want == nil {
			if err == nil {
				t.Errorf("Parse(%q) = %+v, want an error", tt.q, got.Groups)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q) error: %v", tt.q, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got.Groups); diff != "" {
			t.Errorf("Parse(%q) groups (-want +got):\n%s", tt.q, diff)
		}
	}
}

func TestParseDateClauseErrors(t *testing.T) {
	tests := []struct{ q, want string }{
		{"date:2024..2022", "date:2024..2022: the range is reversed"},
		{"cache date:2023-02-30", `"2023-02-30" is not a date`},
		{"date>= 2023", "date>= has no date; write it as date>=2023-06"},
		{"date<", "date< has no date"},
		{`date:"2023`, "a quote is not closed after date:"},
		{`date:""`, "date: has no date"},
		{"date:2023 OR cache", "OR can join words and phrases, or values of one field"},
		{"date:2023 OR company:amazon", "OR can join words and phrases, or values of one field"},
		{"update:2023", `unknown field "update": filter with company:, role:, category:, difficulty:, status:, as in company:amazon, or by date, as in date:2023`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.q)
		var qe *Error
		if !errors.As(err, &qe) || !strings.Contains(qe.Msg, tt.want) {
			t.Errorf("Parse(%q) error = %v, want an *Error saying %q", tt.q, err, tt.want)
		}
	}
}
