package index

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCapText(t *testing.T) {
	words := strings.Repeat("word ", MaxFieldBytes/5+10)
	tests := []struct {
		name string
		in   string
		want int // length of the result
	}{
		{"short", "two sum", 7},
		{"at the limit", strings.Repeat("a", MaxFieldBytes), MaxFieldBytes},
		{"words: a word ends at the limit", words, MaxFieldBytes},
		{"words: cut at a space", "x" + words, MaxFieldBytes - 4},
		{"one long word: cut at the limit", strings.Repeat("a", MaxFieldBytes+10), MaxFieldBytes},
		{"a rune across the limit is not split", strings.Repeat("a", MaxFieldBytes-1) + "é", MaxFieldBytes - 1},
	}
	for _, tt := range tests {
		got := capText(tt.in)
		if len(got) != tt.want || !utf8.ValidString(got) || !strings.HasPrefix(tt.in, got) {
			t.Errorf("%s: capText gives %d bytes (valid UTF-8 %v), want a prefix of %d", tt.name, len(got), utf8.ValidString(got), tt.want)
		}
	}
}

// TestHugeFieldIsCut checks that the text past MaxFieldBytes is not
// searched, and that _source keeps it.
func TestHugeFieldIsCut(t *testing.T) {
	body := strings.Repeat("filler ", MaxFieldBytes/7+100) + "zebracorn"
	x, err := Create(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	w := x.NewWriter(0)
	if err := w.Add(&Experience{ID: "big", Title: "Big post", Body: body}); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		q    string
		want uint64
	}{{"filler", 1}, {"zebracorn", 0}} {
		res, err := x.Search(t.Context(), Request{Query: tt.q, Type: TypeExperience})
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Total; got != tt.want {
			t.Errorf("%s: %d hits, want %d", tt.q, got, tt.want)
		}
	}
	e, err := x.Experience(t.Context(), "big")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(e.Body), len(body); got != want {
		t.Errorf("_source body has %d bytes, want %d (whole)", got, want)
	}
}
