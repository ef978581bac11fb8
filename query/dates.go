package query

import (
	"strings"
	"time"
	"unicode"
)

// DateField is the name of the date filter of the query language: the day
// of the post a question comes from. It is no facet field (Fields), as it
// takes ranges, not values:
//
//	date:2023             the year, 2023-01-01..2023-12-31
//	date:2023-06          the month; date:2023-06-30 the day
//	date:2022..2024       from the start of the first to the end of the last, both in
//	date:2022..  date:..2024   open at one end
//	date>=2023-06  date>2023  date<=2024-01-31  date<2024
const DateField = "date"

// A DateRange is a range of days, both ends in, each as YYYY-MM-DD; an
// empty From or To leaves that end open. Days compare as strings, as the
// index orders them.
type DateRange struct {
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
}

// IsZero reports whether r is open at both ends: no range at all.
func (r DateRange) IsZero() bool { return r.From == "" && r.To == "" }

// Contains reports whether day (YYYY-MM-DD) is in r. A day of another form
// (none: "") is in no range but the open one.
func (r DateRange) Contains(day string) bool {
	if r.IsZero() {
		return true
	}
	if len(day) != len(DayLayout) {
		return false
	}
	return (r.From == "" || day >= r.From) && (r.To == "" || day <= r.To)
}

// String writes r as the query language's range: "2023-01-01..2023-12-31",
// "2023-06-01..", "..2024-01-31"; "" for the open range.
func (r DateRange) String() string {
	if r.IsZero() {
		return ""
	}
	return r.From + ".." + r.To
}

// DayLayout is the layout of a day, and of every date of a document.
const DayLayout = "2006-01-02"

// dateHint is how an error message says what a date may be.
const dateHint = "write a year, a month or a day, as 2023, 2023-06 or 2023-06-30"

// period reads s, a year (YYYY), a month (YYYY-MM) or a day (YYYY-MM-DD),
// and returns its first and last day.
func period(s string) (first, last time.Time, err error) {
	layout := ""
	switch len(s) {
	case 4:
		layout = "2006"
	case 7:
		layout = "2006-01"
	case len(DayLayout):
		layout = DayLayout
	}
	t, perr := time.Parse(layout, s)
	if layout == "" || perr != nil || !allDigitsAndDashes(s) {
		return first, last, errorf("%q is not a date: %s", shorten(s), dateHint)
	}
	switch len(s) {
	case 4:
		return t, t.AddDate(1, 0, -1), nil
	case 7:
		return t, t.AddDate(0, 1, -1), nil
	}
	return t, t, nil
}

// allDigitsAndDashes refuses what time.Parse lets by (a sign, spaces).
func allDigitsAndDashes(s string) bool {
	for _, r := range s {
		if (r < '0' || r > '9') && r != '-' {
			return false
		}
	}
	return true
}

// day writes t, a day after or before one of years 0000–9999, as
// YYYY-MM-DD, refusing one beyond those years (what says where it was
// looked for), which would not compare as a string with the others.
func day(t time.Time, what string) (string, error) {
	if t.Year() < 0 || t.Year() > 9999 {
		return "", errorf("no day comes %s", what)
	}
	return t.Format(DayLayout), nil
}

// StartDay returns the first day of the year, month or day s names
// (2023 → 2023-01-01, 2023-06 → 2023-06-01), as YYYY-MM-DD: the start of
// a range. What is not a date is an *Error.
func StartDay(s string) (string, error) {
	first, _, err := period(s)
	if err != nil {
		return "", err
	}
	return first.Format(DayLayout), nil
}

// EndDay returns the last day of the year, month or day s names
// (2023 → 2023-12-31, 2024-02 → 2024-02-29), as YYYY-MM-DD: the end of a
// range. What is not a date is an *Error.
func EndDay(s string) (string, error) {
	_, last, err := period(s)
	if err != nil {
		return "", err
	}
	return last.Format(DayLayout), nil
}

// ParseDateRange reads what follows "date" in a date clause: ":2023",
// ":2022..2024", ":2022..", ":..2024", ">=2023-06", ">2023", "<=2024-01-31",
// "<2024". Each end is a year, a month or a day, read as the start or the
// end of that period as the range needs: date>2023 starts on 2024-01-01,
// date<2024 ends on 2023-12-31. A range whose start is after its end, and
// what is not a date, are an *Error that says so.
func ParseDateRange(s string) (DateRange, error) {
	var r DateRange
	var err error
	switch {
	case strings.HasPrefix(s, ">="):
		r.From, err = StartDay(s[2:])
	case strings.HasPrefix(s, "<="):
		r.To, err = EndDay(s[2:])
	case strings.HasPrefix(s, ">"):
		var last time.Time
		if _, last, err = period(s[1:]); err == nil {
			r.From, err = day(last.AddDate(0, 0, 1), "after "+s[1:])
		}
	case strings.HasPrefix(s, "<"):
		var first time.Time
		if first, _, err = period(s[1:]); err == nil {
			r.To, err = day(first.AddDate(0, 0, -1), "before "+s[1:])
		}
	case strings.HasPrefix(s, ":"):
		v := s[1:]
		from, to, isRange := strings.Cut(v, "..")
		if !isRange {
			from, to = v, v
		}
		if from == "" && to == "" {
			return r, errorf("date:.. has no end; write date:2022..2024, date:2022.. or date:..2024")
		}
		if from != "" {
			if r.From, err = StartDay(from); err != nil {
				return r, err
			}
		}
		if to != "" {
			r.To, err = EndDay(to)
		}
	default:
		return r, errorf("date%s: a date filter is date:, date>=, date>, date<= or date< and a date, as in date:2023 or date>=2023-06", shorten(s))
	}
	if err != nil {
		return r, err
	}
	if r.Reversed() {
		return r, errorf("date%s: the range is reversed: it starts on %s, after it ends, on %s", shorten(s), r.From, r.To)
	}
	return r, nil
}

// Reversed reports whether r starts after it ends, and so holds no day.
func (r DateRange) Reversed() bool { return r.From != "" && r.To != "" && r.From > r.To }

// cutDateClause reads a date clause at the start of s: "date" in any case,
// then ":" and a value (as field clauses: a value in quotes may be given,
// and "date:" before a space is the word "date:"), or a comparison (>=, >,
// <=, <) and a value. It returns what follows "date" with the quotes
// taken off (":2023", ">=2023-06") and the rest of s; ok is false when s
// does not start with a date clause. A comparison without a value is an
// *Error.
func cutDateClause(s string) (v, rest string, ok bool, err error) {
	if len(s) <= len(DateField) || !strings.EqualFold(s[:len(DateField)], DateField) {
		return "", s, false, nil
	}
	t := s[len(DateField):]
	op := ""
	for _, o := range []string{":", ">=", "<=", ">", "<"} {
		if strings.HasPrefix(t, o) {
			op = o
			break
		}
	}
	if op == "" {
		return "", s, false, nil
	}
	t = t[len(op):]
	if t == "" || unicode.IsSpace(rune(t[0])) {
		if op == ":" {
			return "", s, false, nil // a word, as "company: cache" is
		}
		return "", s, false, errorf("date%s has no date; write it as date%s2023-06", op, op)
	}
	if t[0] == '"' {
		j := strings.IndexByte(t[1:], '"')
		if j < 0 {
			return "", s, false, errorf("a quote is not closed after date%s; put the date between two \" marks", op)
		}
		v, rest = strings.TrimSpace(t[1:1+j]), t[2+j:]
	} else {
		v, rest, _ = cutToken(t)
	}
	if v == "" {
		return "", s, false, errorf("date%s has no date; write it as date%s2023-06", op, op)
	}
	return op + v, rest, true, nil
}
