package index

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestShape(t *testing.T) {
	tests := []struct {
		q    string
		want QueryShape
	}{
		{"", QueryShape{}},
		{"lru cache", QueryShape{Words: 2}},
		{`"hash map" -django recurs*`, QueryShape{Words: 1, Phrases: 1, Prefixes: 1, Negated: 1}},
		{`kafka OR rabbitmq company:amazon OR company:google`, QueryShape{Words: 2, Fields: 2, Ors: 2}},
		{`-"hr round" difficulty:hard`, QueryShape{Phrases: 1, Fields: 1, Negated: 1}},
	}
	for _, tt := range tests {
		got, err := Shape(tt.q)
		if err != nil {
			t.Errorf("Shape(%q) error: %v", tt.q, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Shape(%q) (-want +got):\n%s", tt.q, diff)
		}
	}
	for _, q := range []string{`"unclosed`, "*cache", "OR x"} {
		var re *RequestError
		if _, err := Shape(q); !errors.As(err, &re) {
			t.Errorf("Shape(%q) error = %v, want a *RequestError", q, err)
		}
	}
}
