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
		{"by count then value", map[string]int64{"b": 2, "a": 2, "c": 5}, nil, []FacetValue{{Value: "c", Count: 5}, {Value: "a", Count: 2}, {Value: "b", Count: 2}}},
		{"no value and zero left out", map[string]int64{"": 7, "a": 1, "z": 0}, nil, []FacetValue{{Value: "a", Count: 1}}},
		{"cut to FacetSize", many, nil, []FacetValue{{Value: "a", Count: 100}, {Value: "b", Count: 99}, {Value: "c", Count: 98}, {Value: "d", Count: 97}, {Value: "e", Count: 96}, {Value: "f", Count: 95}, {Value: "g", Count: 94}, {Value: "h", Count: 93}, {Value: "i", Count: 92}, {Value: "j", Count: 91}}},
		{"ticked beyond the cut and at 0", many, []string{"l", "b", "zz"}, []FacetValue{{Value: "a", Count: 100}, {Value: "b", Count: 99}, {Value: "c", Count: 98}, {Value: "d", Count: 97}, {Value: "e", Count: 96}, {Value: "f", Count: 95}, {Value: "g", Count: 94}, {Value: "h", Count: 93}, {Value: "i", Count: 92}, {Value: "j", Count: 91}, {Value: "l", Count: 89}, {Value: "zz", Count: 0}}},
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
