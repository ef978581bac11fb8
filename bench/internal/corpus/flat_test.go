package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestConvertFlat(t *testing.T) {
	// Two lines as gen_corpus.py writes them (one with no difficulty), and a
	// blank line.
	in := `{"id": "q0000000", "company": "Capital One", "role": "Applications Developer", "category": "Other", "difficulty": "", "date": "2015-02-17", "title": "What is <delegation> & rule ?", "body": "Describe the framework."}
{"id": "q0000001", "company": "Uber", "role": "Software Engineer", "category": "Behavioral", "difficulty": "Medium", "date": "2012-02-23", "title": "Q2 – Given an array", "body": "It’s \"easy\"."}

`
	var out bytes.Buffer
	n, err := ConvertFlat(strings.NewReader(in), &out)
	if err != nil || n != 2 {
		t.Fatalf("ConvertFlat = %d, %v; want 2, nil", n, err)
	}
	wantJSON := `{"id":"q0000000","title":"What is <delegation> & rule ?","company":"Capital One","role":"Applications Developer","date":"2015-02-17","questions":[{"ordinal":1,"title":"What is <delegation> & rule ?","category":"Other","body":"Describe the framework."}]}
{"id":"q0000001","title":"Q2 – Given an array","company":"Uber","role":"Software Engineer","date":"2012-02-23","questions":[{"ordinal":1,"title":"Q2 – Given an array","category":"Behavioral","difficulty":"Medium","body":"It’s \"easy\"."}]}
`
	if diff := cmp.Diff(wantJSON, out.String()); diff != "" {
		t.Errorf("ConvertFlat (-want +got):\n%s", diff)
	}

	// What the engines read back is the flat corpus's questions.
	var got []Question
	if _, err := Decode(&out, func(q *Question) error { got = append(got, *q); return nil }); err != nil {
		t.Fatal(err)
	}
	want := []Question{
		{ID: "q0000000-q1", ExperienceID: "q0000000", Ordinal: 1, Title: "What is <delegation> & rule ?", Body: "Describe the framework.",
			Company: "Capital One", Role: "Applications Developer", Category: "Other", Date: "2015-02-17"},
		{ID: "q0000001-q1", ExperienceID: "q0000001", Ordinal: 1, Title: "Q2 – Given an array", Body: `It’s "easy".`,
			Company: "Uber", Role: "Software Engineer", Category: "Behavioral", Difficulty: "Medium", Date: "2012-02-23"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Decode(ConvertFlat) (-want +got):\n%s", diff)
	}

	for _, bad := range []struct{ in, want string }{
		{"{\"id\":\"a\",\"title\":\"t\"}\n\nnot json\n", "line 3"},
		{`{"id":"a","title":""}`, "line 1: a question needs an id and a title"},
	} {
		if _, err := ConvertFlat(strings.NewReader(bad.in), &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("ConvertFlat(%q) error = %v, want one containing %q", bad.in, err, bad.want)
		}
	}
}

func TestConvertFlatFile(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "flat.jsonl"), filepath.Join(dir, "corpus.jsonl")
	os.WriteFile(in, []byte(`{"id":"a","title":"t","body":"b"}`+"\nbroken\n"), 0o644)
	if _, err := ConvertFlatFile(in, out); err == nil {
		t.Fatalf("ConvertFlatFile(broken line) = nil error, want one")
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("ConvertFlatFile(broken line) left %s", out)
	}
	if _, err := os.Stat(out + "~"); err == nil {
		t.Errorf("ConvertFlatFile(broken line) left its temporary file")
	}
	os.WriteFile(in, []byte(`{"id":"a","title":"t","body":"b"}`+"\n"), 0o644)
	if n, err := ConvertFlatFile(in, out); err != nil || n != 1 {
		t.Fatalf("ConvertFlatFile = %d, %v; want 1, nil", n, err)
	}
	if n, err := Read(out, func(*Question) error { return nil }); err != nil || n != 1 {
		t.Errorf("Read(converted) = %d, %v; want 1, nil", n, err)
	}
}
