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
		{"a word ends at the limit", strings.Repeat("x", MaxFieldBytes) + " more", MaxFieldBytes},
		{"cut at the space before the word across the limit", strings.Repeat("x", MaxFieldBytes-10) + " " + strings.Repeat("y", 20), MaxFieldBytes - 10},
		{"words", words, MaxFieldBytes - MaxFieldBytes%5 - 1},
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

func TestValidateURL(t *testing.T) {
	tests := []struct {
		url     string
		wantErr bool
	}{
		{"", false},
		{"https://example.com/post/1", false},
		{"http://example.com", false},
		{"HTTPS://Example.com/x", false},
		{"javascript:alert(1)", true},
		{"JavaScript:alert(1)", true},
		{"data:text/html,<script>alert(1)</script>", true},
		{"//evil.example/x", true},
		{"/relative/path", true},
		{"relative", true},
		{"https:///nohost", true},
		{"https:opaque", true},
		{"ftp://example.com/x", true},
		{" https://example.com", true},
		{"https://example.com/\x00", true},
	}
	for _, tt := range tests {
		for _, where := range []string{"experience", "question"} {
			e := Experience{ID: "x", Title: "T", Questions: []Question{{Ordinal: 1, Title: "Q"}}}
			if where == "experience" {
				e.URL = tt.url
			} else {
				e.Questions[0].URL = tt.url
			}
			err := e.Validate()
			if got := err != nil; got != tt.wantErr {
				t.Errorf("%s url %q: Validate() = %v, want an error: %v", where, tt.url, err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), "not an absolute http:// or https:// URL") {
				t.Errorf("%s url %q: error %q does not say why", where, tt.url, err)
			}
		}
	}
	long := "javascript:" + strings.Repeat("a", 10000)
	if err := (&Experience{ID: "x", Title: "T", URL: long}).Validate(); err == nil || len(err.Error()) > 200 {
		t.Errorf("a 10 KB url: error %v, want one quoting a prefix", err)
	}
}
