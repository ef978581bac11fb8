package engine

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFacet(t *testing.T) {
	many := map[string]int64{"": 99}
	for i, v := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"} {
		many[v] = int64(100 - i)
	}
	tests := []struct {
		name   string
		counts map[string]int64
		ticked []string
		want   []FacetValue
	}{
		{"by count then value", map[string]int64{"b": 2, "a": 2, "c": 5}, nil, []FacetValue{{"c", 5}, {"a", 2}, {"b", 2}}},
		{"no value and zero left out", map[string]int64{"": 7, "a": 1, "z": 0}, nil, []FacetValue{{"a", 1}}},
		{"cut to FacetSize", many, nil, []FacetValue{{"a", 100}, {"b", 99}, {"c", 98}, {"d", 97}, {"e", 96}, {"f", 95}, {"g", 94}, {"h", 93}, {"i", 92}, {"j", 91}}},
		{"ticked beyond the cut and at 0", many, []string{"l", "b", "zz"}, []FacetValue{{"a", 100}, {"b", 99}, {"c", 98}, {"d", 97}, {"e", 96}, {"f", 95}, {"g", 94}, {"h", 93}, {"i", 92}, {"j", 91}, {"l", 89}, {"zz", 0}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, Facet(tt.counts, tt.ticked)); diff != "" {
			t.Errorf("%s: Facet(%v, %q) (-want +got):\n%s", tt.name, tt.counts, tt.ticked, diff)
		}
	}
}

func TestProcMemory(t *testing.T) {
	m := ProcMemory(1 << 30)
	if m.Note == "" || m.RSSBytes != 0 {
		t.Errorf("ProcMemory(no such process) = %+v, want a note and no RSS", m)
	}
}
