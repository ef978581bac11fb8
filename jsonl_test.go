package askedat

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDecoderReportsBadLinesAndGoesOn(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"a","title":"A","questions":[{"ordinal":1,"title":"Q"}]}`,
		``,
		`{"id":"b","title":`,                // truncated
		`{"id":"c","title":"C","salary":1}`, // unknown field
		`{"id":"d","title":"D"} {"id":"e"}`, // two values
		`[1,2]`,                             // not an object
		`{"id":"f","title":"F"}`,
	}, "\n")
	d := NewDecoder(strings.NewReader(in))
	var gotIDs []string
	var gotBadLines []int
	for {
		e, err := d.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var le *LineError
		if errors.As(err, &le) {
			gotBadLines = append(gotBadLines, le.Line)
			continue
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		gotIDs = append(gotIDs, e.ID)
	}
	if diff := cmp.Diff([]string{"a", "f"}, gotIDs); diff != "" {
		t.Errorf("decoded ids (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{3, 4, 5, 6}, gotBadLines); diff != "" {
		t.Errorf("bad lines (-want +got):\n%s", diff)
	}
}

func TestDecoderLongLine(t *testing.T) {
	long := `{"id":"x","title":"` + strings.Repeat("a", DefaultMaxLineBytes) + `"}`
	in := long + "\n" + `{"id":"y","title":"Y"}` + "\n"
	d := NewDecoder(strings.NewReader(in))
	_, err := d.Next()
	var le *LineError
	if !errors.As(err, &le) || le.Line != 1 || !strings.Contains(le.Error(), "longer than") {
		t.Fatalf("first Next() error = %v, want a LineError for line 1 saying it is too long", err)
	}
	e, err := d.Next()
	if err != nil || e.ID != "y" {
		t.Fatalf("second Next() = %q, %v; want y, nil", e.ID, err)
	}
}

func TestDecoderSetMaxLine(t *testing.T) {
	line := func(n int) string {
		return `{"id":"x","title":"` + strings.Repeat("a", n-len(`{"id":"x","title":""}`)) + `"}`
	}
	tests := []struct {
		max, size int
		refused   bool
	}{
		{max: 100, size: 100},
		{max: 100, size: 101, refused: true},
		{max: 1 << 20, size: 3 << 20, refused: true}, // longer than the reader's buffer
		{max: 0, size: 1000},                         // the default
	}
	for _, tt := range tests {
		d := NewDecoder(strings.NewReader(line(tt.size) + "\n" + `{"id":"y","title":"Y"}` + "\n"))
		d.SetMaxLine(tt.max)
		_, err := d.Next()
		var le *LineError
		if got := errors.As(err, &le); got != tt.refused {
			t.Errorf("max %d, line of %d bytes: refused = %v (%v), want %v", tt.max, tt.size, got, err, tt.refused)
		}
		if e, err := d.Next(); err != nil || e.ID != "y" {
			t.Errorf("max %d, line of %d bytes: the next line = %q, %v; want y, nil", tt.max, tt.size, e.ID, err)
		}
	}
}

// testExperiences is a small hand-written corpus: three posts, eight
// questions (a copy of index_test.go's in package index, whose facet counts
// its tests check by eye).
func testExperiences() []Experience {
	return []Experience{
		{
			ID: "e1", URL: "https://example.test/e1", Source: "test", Title: "Backend interview at Amazon",
			Company: "amazon", Role: "Software Engineer", Status: "Offer", Date: "2024-05-01", Reads: 10,
			Summary: "Three rounds.", Body: "Mostly caching and Django.",
			Questions: []Question{
				{Ordinal: 1, Title: "Design an LRU cache", Category: "System Design", Difficulty: "Hard", Body: "Support get and put in O(1) with <eviction>."},
				{Ordinal: 2, Title: "Two Sum", Category: "DSA", Difficulty: "Easy", Body: "Find two numbers that add up to a target."},
				{Ordinal: 3, Title: "Tell me about yourself", Category: "Behavioral", Body: "A short introduction."},
			},
		},
		{
			ID: "e2", URL: "https://example.test/e2", Source: "test", Title: "Google SWE loop",
			Company: "Google", Role: "Software Engineer", Status: "Rejected", Date: "2023-01-15", Reads: 5,
			Questions: []Question{
				{Ordinal: 1, Title: "Design a URL shortener", Category: "System Design", Difficulty: "Medium", Body: "Caching hot links matters."},
				{Ordinal: 2, Title: "Merge intervals", Category: "Data Structures & Algorithms", Difficulty: "Medium", Body: "Sort then sweep."},
				{Ordinal: 3, Title: "Django middleware", Category: "Other", Body: "What runs before a view in Django?"},
			},
		},
		{
			ID: "e3", URL: "https://example.test/e3", Source: "test", Title: "NxtWave backend developer",
			Company: "NXTWAVE", Role: "Back-End Developer", Status: "Ongoing", Date: "2025-09-01", Reads: 72,
			Questions: []Question{
				{Ordinal: 1, Title: "Caching strategies in Django", Category: "System Design", Body: "Where would you cache?"},
				{Ordinal: 2, Title: "Two Sum", Category: "Data Structures & Algorithms", Difficulty: "Easy", Body: "Return indices of two numbers."},
			},
		},
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	want := testExperiences()
	var buf bytes.Buffer
	enc := NewEncoder(&buf)
	for i := range want {
		if err := enc.Encode(&want[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := enc.Flush(); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Count(buf.String(), "\n"), len(want); got != want {
		t.Errorf("encoded %d lines, want %d", got, want)
	}
	d := NewDecoder(&buf)
	var got []Experience
	for {
		e, err := d.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, e)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestReadAll(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		wantIDs  []string
		wantLine int // of the *LineError, 0 for none
	}{
		{"whole", "{\"id\":\"a\",\"title\":\"A\"}\n\n{\"id\":\"b\",\"title\":\"B\"}\n", []string{"a", "b"}, 0},
		{"empty", "", nil, 0},
		{"stops at a bad line", "{\"id\":\"a\",\"title\":\"A\"}\n{bad\n{\"id\":\"c\",\"title\":\"C\"}\n", []string{"a"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exps, err := ReadAll(strings.NewReader(tt.in))
			var ids []string
			for _, e := range exps {
				ids = append(ids, e.ID)
			}
			if diff := cmp.Diff(tt.wantIDs, ids); diff != "" {
				t.Errorf("ReadAll ids (-want +got):\n%s", diff)
			}
			var le *LineError
			switch {
			case tt.wantLine == 0 && err != nil:
				t.Errorf("ReadAll error = %v, want none", err)
			case tt.wantLine != 0 && (!errors.As(err, &le) || le.Line != tt.wantLine):
				t.Errorf("ReadAll error = %v, want a LineError at line %d", err, tt.wantLine)
			}
		})
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "nope.jsonl")); err == nil {
		t.Errorf("ReadFile of a missing file: no error")
	}
}
