package query

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	w := func(text string) Clause { return Clause{Kind: WordClause, Text: text} }
	tests := []struct {
		q    string
		want []Group
	}{
		{"", nil},
		{"   ", nil},
		{"lru cache", []Group{{w("lru")}, {w("cache")}}},
		{"lru AND cache", []Group{{w("lru")}, {w("cache")}}},
		{`"hash map"`, []Group{{{Kind: PhraseClause, Text: "hash map"}}}},
		{`"" cache`, []Group{{w("cache")}}}, // "" asks for nothing
		{`-django -"hr round"`, []Group{{{Kind: WordClause, Neg: true, Text: "django"}}, {{Kind: PhraseClause, Neg: true, Text: "hr round"}}}},
		{"recurs*", []Group{{{Kind: PrefixClause, Text: "recurs"}}}},
		{"kafka OR rabbitmq", []Group{{w("kafka"), w("rabbitmq")}}},
		{`Company:Amazon company:"goldman sachs"`, []Group{
			{{Kind: FieldClause, Field: "company", Text: "Amazon"}},
			{{Kind: FieldClause, Field: "company", Text: "goldman sachs"}},
		}},
		{"company:amazon OR company:google", []Group{{
			{Kind: FieldClause, Field: "company", Text: "amazon"},
			{Kind: FieldClause, Field: "company", Text: "google"},
		}}},
		{"company: cache", []Group{{w("company:")}, {w("cache")}}}, // a trailing colon is a word
		{"c++ two-sum", []Group{{w("c++")}, {w("two-sum")}}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.q)
		if err != nil {
			t.Errorf("Parse(%q) error: %v", tt.q, err)
			continue
		}
		if got.Text != tt.q {
			t.Errorf("Parse(%q).Text = %q, want the text", tt.q, got.Text)
		}
		if diff := cmp.Diff(tt.want, got.Groups); diff != "" {
			t.Errorf("Parse(%q) groups (-want +got):\n%s", tt.q, diff)
		}
	}
}

func TestParseErrors(t *testing.T) {
	long := strings.Repeat("q", MaxWordRunes+1)
	tests := []struct{ q, want string }{
		{`"lru cache`, "quote is not closed"},
		{`company:"goldman`, "a quote is not closed after company:"},
		{"- django", `a "-" must stand right before`},
		{`-""`, "leaves out nothing"},
		{"OR kafka", "OR needs something on each side"},
		{"kafka OR", "OR needs something on its right"},
		{"kafka OR OR rabbitmq", "OR needs something on each side"},
		{"salary:high", `unknown field "salary": filter with company:, role:, category:, difficulty:, status:`},
		{`company:"  "`, "company: has no value"},
		{"*cache", "a * may only end a word"},
		{"c*", "at least 2 letters"},
		{"ca*che", "a * may only end a word"},
		{"/ab.c/", "regular expressions are not supported"},
		{"kafka OR -rabbitmq", "cannot join a left-out word with OR"},
		{"kafka OR company:google", "OR can join words and phrases, or values of one field"},
		{strings.Repeat("word ", MaxClauses+1), "the limit is 32"},
		{"cache " + long, "characters long; the limit is 64"},
		{`"` + strings.Repeat("w ", MaxPhraseWords+1) + `"`, "words; the limit is 16"},
		{strings.Repeat("a ", MaxRunes/2) + "a", "characters long; the limit is 500"},
		{"\xff", "not valid UTF-8"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.q)
		var qe *Error
		if !errors.As(err, &qe) || !strings.Contains(qe.Msg, tt.want) {
			t.Errorf("Parse(%q) error = %v, want an *Error saying %q", tt.q, err, tt.want)
		}
	}
}
