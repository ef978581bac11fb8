package query

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestShape(t *testing.T) {
	tests := []struct {
		q    string
		want Shape
	}{
		{"", Shape{}},
		{"lru cache", Shape{Words: 2}},
		{`"hash map" -django recurs*`, Shape{Words: 1, Phrases: 1, Prefixes: 1, Negated: 1}},
		{`kafka OR rabbitmq company:amazon OR company:google`, Shape{Words: 2, Fields: 2, Ors: 2}},
		{`-"hr round" difficulty:hard`, Shape{Phrases: 1, Fields: 1, Negated: 1}},
	}
	for _, tt := range tests {
		q, err := Parse(tt.q)
		if err != nil {
			t.Errorf("Parse(%q) error: %v", tt.q, err)
			continue
		}
		if diff := cmp.Diff(tt.want, q.Shape()); diff != "" {
			t.Errorf("Parse(%q).Shape() (-want +got):\n%s", tt.q, diff)
		}
	}
}
