package corpus

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDecode(t *testing.T) {
	in := `{"id":"e1","company":"Amazon","role":"SDE","status":"Offer","date":"2024-05-01","questions":[` +
		`{"ordinal":1,"title":"LRU","category":"System Design","difficulty":"Hard","body":"b1"},{"ordinal":2,"title":"Why?","category":"Behavioral","body":"b2"}]}
{"id":"e2","company":"Google","questions":[]}
`
	var got []Question
	n, err := Decode(strings.NewReader(in), func(q *Question) error { got = append(got, *q); return nil })
	if err != nil || n != 2 {
		t.Fatalf("Decode = %d, %v; want 2, nil", n, err)
	}
	want := []Question{
		{ID: "e1-q1", ExperienceID: "e1", Ordinal: 1, Title: "LRU", Body: "b1", Company: "Amazon", Role: "SDE", Category: "System Design", Difficulty: "Hard", Status: "Offer", Date: "2024-05-01"},
		{ID: "e1-q2", ExperienceID: "e1", Ordinal: 2, Title: "Why?", Body: "b2", Company: "Amazon", Role: "SDE", Category: "Behavioral", Status: "Offer", Date: "2024-05-01"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Decode (-want +got):\n%s", diff)
	}
	if got[0].Facet("difficulty") != "Hard" || got[0].Facet("status") != "Offer" || got[0].Facet("nope") != "" {
		t.Errorf("Facet wrong for %+v", got[0])
	}
	if _, err := Decode(strings.NewReader("{}\nnot json\n"), func(*Question) error { return nil }); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("Decode(malformed line 2) error = %v, want one naming line 2", err)
	}
}
