package index

import (
	"bytes"
	"errors"
	"io"
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
	long := `{"id":"x","title":"` + strings.Repeat("a", MaxLineBytes) + `"}`
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
