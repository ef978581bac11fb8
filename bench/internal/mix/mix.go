// Package mix reads the benchmark's query mix: a fixed list of searches, each
// in a class (common words, rare words, two-word AND, phrases, each with and
// without filters), that every engine answers in the same run.
//
// The file has one query a line, three fields separated by tabs:
//
//	class <TAB> q <TAB> filters
//
// q is words and "quoted phrases", all of which must match (it may be empty
// when filters are given); filters are field=value pairs joined by "&" as in
// a URL query (company=Goldman+Sachs&difficulty=Hard): values of one field
// are OR-ed, fields AND-ed. Blank lines and lines starting with "#" are
// skipped. Words are ASCII letters and digits only, so that every engine's
// query syntax takes them without escaping.
package mix

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"os"
	"slices"
	"strings"
)

// FilterFields are the fields a filter may name.
var FilterFields = []string{"company", "role", "category", "difficulty", "status"}

// A Query is one search of the mix.
type Query struct {
	Class   string
	Text    string   // words and "quoted phrases", as written
	Parts   []Part   // Text parsed
	Filters []Filter // in the order written
	Line    int      // line number in the file, from 1
}

// A Part is one word, or a phrase of several words that must appear in this
// order, next to each other.
type Part struct {
	Words  []string
	Phrase bool
}

// A Filter asks for documents whose Field is Value.
type Filter struct {
	Field, Value string
}

// Values returns the values q filters field by, in order.
func (q Query) Values(field string) []string {
	var out []string
	for _, f := range q.Filters {
		if f.Field == field {
			out = append(out, f.Value)
		}
	}
	return out
}

// FilterOnly reports whether q has no words, only filters.
func (q Query) FilterOnly() bool { return len(q.Parts) == 0 }

// FilterString returns the filters as written in the file, "" if none.
func (q Query) FilterString() string {
	var b strings.Builder
	for i, f := range q.Filters {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(f.Field + "=" + url.QueryEscape(f.Value))
	}
	return b.String()
}

// String returns q as a short label: its text, then its filters in brackets.
func (q Query) String() string {
	s := q.Text
	if len(q.Filters) > 0 {
		if s != "" {
			s += " "
		}
		s += "[" + q.FilterString() + "]"
	}
	return s
}

// Load reads the mix in the file at path.
func Load(path string) ([]Query, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	qs, err := Parse(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return qs, nil
}

// Parse reads a mix. It refuses a file with no query.
func Parse(r io.Reader) ([]Query, error) {
	var out []Query
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, err := parseLine(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		q.Line = n
		out = append(out, q)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no queries")
	}
	return out, nil
}

func parseLine(line string) (Query, error) {
	f := strings.Split(line, "\t")
	if len(f) < 2 || len(f) > 3 {
		return Query{}, fmt.Errorf("want \"class<TAB>q<TAB>filters\", got %d fields", len(f))
	}
	for len(f) < 3 {
		f = append(f, "")
	}
	q := Query{Class: strings.TrimSpace(f[0]), Text: strings.TrimSpace(f[1])}
	if q.Class == "" {
		return Query{}, fmt.Errorf("no class")
	}
	var err error
	if q.Parts, err = ParseText(q.Text); err != nil {
		return Query{}, err
	}
	if q.Filters, err = ParseFilters(strings.TrimSpace(f[2])); err != nil {
		return Query{}, err
	}
	if len(q.Parts) == 0 && len(q.Filters) == 0 {
		return Query{}, fmt.Errorf("neither words nor filters")
	}
	return q, nil
}

// ParseText splits a query's text into words and quoted phrases.
func ParseText(s string) ([]Part, error) {
	var out []Part
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		if s[0] == '"' {
			end := strings.IndexByte(s[1:], '"')
			if end < 0 {
				return nil, fmt.Errorf("unbalanced quote in %q", s)
			}
			words := strings.Fields(s[1 : 1+end])
			if len(words) == 0 {
				return nil, fmt.Errorf("empty phrase")
			}
			for _, w := range words {
				if err := checkWord(w); err != nil {
					return nil, err
				}
			}
			out = append(out, Part{Words: words, Phrase: len(words) > 1})
			s = s[2+end:]
			continue
		}
		end := strings.IndexAny(s, " \t\"")
		if end < 0 {
			end = len(s)
		}
		w := s[:end]
		if err := checkWord(w); err != nil {
			return nil, err
		}
		out = append(out, Part{Words: []string{w}})
		s = s[end:]
	}
	return out, nil
}

func checkWord(w string) error {
	for _, c := range w {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return fmt.Errorf("word %q: want ASCII letters and digits only", w)
		}
	}
	return nil
}

// ParseFilters reads "field=value&field=value"; "" gives none.
func ParseFilters(s string) ([]Filter, error) {
	if s == "" {
		return nil, nil
	}
	var out []Filter
	for _, kv := range strings.Split(s, "&") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, fmt.Errorf("filter %q: want field=value", kv)
		}
		if !slices.Contains(FilterFields, k) {
			return nil, fmt.Errorf("filter %q: field %q is not one of %s", kv, k, strings.Join(FilterFields, ", "))
		}
		val, err := url.QueryUnescape(v)
		if err != nil {
			return nil, fmt.Errorf("filter %q: %v", kv, err)
		}
		if val == "" {
			return nil, fmt.Errorf("filter %q: empty value", kv)
		}
		out = append(out, Filter{Field: k, Value: val})
	}
	return out, nil
}

// Classes returns the classes of qs in the order they first appear.
func Classes(qs []Query) []string {
	var out []string
	for _, q := range qs {
		if !slices.Contains(out, q.Class) {
			out = append(out, q.Class)
		}
	}
	return out
}
