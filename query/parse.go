package query

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on query text, like Elasticsearch's max_clause_count: a public
// search box receives hostile input, and none of it may make lexing, or
// the search compiled from it, run away in time or memory. Text beyond a
// limit is refused with an *Error that names the limit. They are the
// index's MaxQueryRunes, MaxQueryClauses, MaxWordRunes, MaxPhraseWords and
// MinPrefixLetters (index/limits.go; a test there keeps them equal).
const (
	// MaxRunes is the longest query, in characters. It also bounds a
	// 1,000-word query, a 5,000-term OR and a word of 10,000 letters.
	MaxRunes = 500
	// MaxClauses is the most words, phrases, prefixes and field filters a
	// query may have; each side of an OR counts.
	MaxClauses = 32
	// MaxWordRunes is the longest word, prefix or field value, in
	// characters (a token between spaces: "two-sum" is one).
	MaxWordRunes = 64
	// MaxPhraseWords is the most words in one "quoted phrase".
	MaxPhraseWords = 16
	// MinPrefixLetters is the fewest letters before a * (recurs*); a
	// leading * is refused.
	MinPrefixLetters = 2
)

// Fields are the names a field clause may use (company:amazon), in the
// order an error lists them: the index's facet fields (index.FacetFields;
// a test there keeps them equal).
var Fields = []string{"company", "role", "category", "difficulty", "status"}

// A Query is query text lexed: groups joined by AND, each group clauses
// joined by OR.
type Query struct {
	Text   string // the text lexed
	Groups []Group
}

// A Group is clauses joined by OR.
type Group []Clause

// A Clause is one part of a query: a word, a phrase, a prefix, a field
// filter or a date range, possibly negated.
type Clause struct {
	Kind Kind
	Neg  bool // -word, -"phrase": must not match
	// Text is as typed: the word, the phrase, the prefix (without *), the
	// value; for a DateClause what follows "date" (":2023", ">=2023-06").
	Text  string
	Field string // for FieldClause: one of Fields; for DateClause, DateField
	// Dates, for a DateClause, is the range of days Text names.
	Dates DateRange
}

// IsFilter reports whether c filters on a field (a FieldClause or a
// DateClause) rather than matching text.
func (c Clause) IsFilter() bool { return c.Kind == FieldClause || c.Kind == DateClause }

// A Kind is what a clause is.
type Kind int

const (
	WordClause   Kind = iota // lru
	PhraseClause             // "hash map"
	PrefixClause             // recurs*
	FieldClause              // company:amazon
	DateClause               // date:2023, date>=2023-06 (dates.go)
)

func (k Kind) String() string {
	switch k {
	case WordClause:
		return "word"
	case PhraseClause:
		return "phrase"
	case PrefixClause:
		return "prefix"
	case FieldClause:
		return "field"
	case DateClause:
		return "date"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// An Error says what is wrong with query text, in words for the user.
// The index answers it as an *index.RequestError with the same message
// (searchd: a 400).
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

func errorf(format string, args ...any) error {
	return &Error{Msg: fmt.Sprintf(format, args...)}
}

// CheckText reports, as an *Error, what makes text unusable as a query
// before it is lexed (too long, not UTF-8), or nil.
func CheckText(text string) error {
	if n := utf8.RuneCountInString(text); n > MaxRunes {
		return errorf("query is %d characters long; the limit is %d", n, MaxRunes)
	}
	if !utf8.ValidString(text) {
		return errorf("query is not valid UTF-8")
	}
	return nil
}

// Parse lexes text into groups of clauses. It reports malformed input (an
// unclosed quote, a lone "-", OR with nothing on one side, an unknown
// field) and input beyond the limits as an *Error that says what is wrong.
// Its work is linear in the length of text, which it checks first. Empty
// text (or only spaces) is a Query without groups.
func Parse(text string) (*Query, error) {
	if err := CheckText(text); err != nil {
		return nil, err
	}
	var groups []Group
	pendingOr := false
	count := 0
	add := func(c Clause) error {
		if count++; count > MaxClauses {
			return errorf("query has more than %d words, phrases and filters (each side of an OR counts); the limit is %d", MaxClauses, MaxClauses)
		}
		if err := checkClause(c); err != nil {
			return err
		}
		if pendingOr {
			if len(groups) == 0 {
				return errorf("OR needs something on its left, as in kafka OR rabbitmq")
			}
			groups[len(groups)-1] = append(groups[len(groups)-1], c)
			pendingOr = false
			return nil
		}
		groups = append(groups, Group{c})
		return nil
	}
	s := text
	for {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		if s == "" {
			break
		}
		if tok, rest, ok := cutToken(s); ok && tok == "OR" {
			if pendingOr || len(groups) == 0 {
				return nil, errorf("OR needs something on each side, as in kafka OR rabbitmq")
			}
			pendingOr = true
			s = rest
			continue
		} else if ok && tok == "AND" {
			s = rest // the default; allowed for those who type it
			continue
		}
		var c Clause
		if s[0] == '-' {
			c.Neg = true
			s = s[1:]
			if s == "" || unicode.IsSpace(rune(s[0])) {
				return nil, errorf(`a "-" must stand right before the word or "phrase" to leave out, as in -django`)
			}
		}
		// date:2023, date>=2023-06, … (dates.go)
		if v, rest, ok, err := cutDateClause(s); err != nil {
			return nil, err
		} else if ok {
			r, err := ParseDateRange(v)
			if err != nil {
				return nil, err
			}
			c.Kind, c.Field, c.Text, c.Dates, s = DateClause, DateField, v, r, rest
		} else if i := strings.IndexByte(s, ':'); i > 0 && isFieldName(s[:i]) && i+1 < len(s) && !unicode.IsSpace(rune(s[i+1])) {
			name := strings.ToLower(s[:i])
			if !isField(name) {
				return nil, errorf("unknown field %q: filter with %s, as in company:amazon, or by date, as in date:2023 or date>=2023-06", s[:i], strings.Join(Fields, ":, ")+":")
			}
			s = s[i+1:]
			var v string
			if s[0] == '"' {
				j := strings.IndexByte(s[1:], '"')
				if j < 0 {
					return nil, errorf("a quote is not closed after %s:; put the value between two \" marks", name)
				}
				v, s = s[1:1+j], s[2+j:]
			} else {
				v, s, _ = cutToken(s)
			}
			if strings.TrimSpace(v) == "" {
				return nil, errorf("%s: has no value; write it as %s:value", name, name)
			}
			c.Kind, c.Field, c.Text = FieldClause, name, strings.TrimSpace(v)
		} else if s[0] == '"' {
			j := strings.IndexByte(s[1:], '"')
			if j < 0 {
				return nil, errorf("a quote is not closed: %q; put the phrase between two \" marks, or leave the quote out", text)
			}
			c.Kind, c.Text, s = PhraseClause, s[1:1+j], s[2+j:]
			if strings.TrimFunc(c.Text, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) == "" {
				if c.Neg {
					return nil, errorf(`-"" leaves out nothing; put a phrase between the quotes`)
				}
				continue // "" asks for nothing
			}
		} else {
			var tok string
			tok, s, _ = cutToken(s)
			if isRegexp(tok) {
				return nil, errorf("%q: regular expressions are not supported; type the words, or the start of a word and * (recurs*)", shorten(tok))
			}
			if strings.Contains(tok, "*") {
				p := strings.TrimSuffix(tok, "*")
				if strings.Contains(p, "*") || utf8.RuneCountInString(p) < MinPrefixLetters {
					return nil, errorf("%q: a * may only end a word, after at least %d letters, as in recurs*", shorten(tok), MinPrefixLetters)
				}
				c.Kind, c.Text = PrefixClause, p
			} else {
				c.Kind, c.Text = WordClause, tok
			}
		}
		if c.Neg && pendingOr {
			return nil, errorf("cannot join a left-out word with OR: write the words to leave out on their own, as in kafka -rabbitmq")
		}
		if err := add(c); err != nil {
			return nil, err
		}
		if c.Neg && len(groups[len(groups)-1]) > 1 {
			return nil, errorf("cannot join a left-out word with OR")
		}
	}
	if pendingOr {
		return nil, errorf("OR needs something on its right, as in kafka OR rabbitmq")
	}
	for _, g := range groups {
		if len(g) > 1 {
			for _, c := range g {
				if c.Neg && len(g) > 1 {
					return nil, errorf("cannot join a left-out word with OR")
				}
				if c.IsFilter() != g[0].IsFilter() || (c.IsFilter() && c.Field != g[0].Field) {
					return nil, errorf("OR can join words and phrases, or values of one field (company:amazon OR company:google, date:2022 OR date:2024), not both")
				}
			}
		}
	}
	return &Query{Text: text, Groups: groups}, nil
}

// checkClause checks one clause against the word and phrase limits.
func checkClause(c Clause) error {
	words := []string{c.Text}
	if c.Kind == PhraseClause {
		words = strings.Fields(c.Text)
		if len(words) > MaxPhraseWords {
			return errorf("phrase %q has %d words; the limit is %d", shorten(c.Text), len(words), MaxPhraseWords)
		}
	}
	for _, w := range words {
		if n := utf8.RuneCountInString(w); n > MaxWordRunes {
			return errorf("word %q is %d characters long; the limit is %d", shorten(w), n, MaxWordRunes)
		}
	}
	return nil
}

// isField reports whether name is one of Fields.
func isField(name string) bool {
	for _, f := range Fields {
		if f == name {
			return true
		}
	}
	return false
}

// isRegexp reports whether tok looks like a /regular expression/.
func isRegexp(tok string) bool {
	return len(tok) > 2 && tok[0] == '/' && tok[len(tok)-1] == '/' && strings.ContainsAny(tok[1:len(tok)-1], `.*+?[](){}|\^$`)
}

// shorten cuts s to a length fit for an error message.
func shorten(s string) string {
	const n = 24
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// cutToken returns the text up to the next white space, and the rest.
func cutToken(s string) (tok, rest string, ok bool) {
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, "", s != ""
	}
	return s[:i], s[i:], i > 0
}

// isFieldName reports whether s may be a field's name: letters and _.
func isFieldName(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_') {
			return false
		}
	}
	return s != ""
}
