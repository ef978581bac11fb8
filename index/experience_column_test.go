package index

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/askedat/askedat"
)

// experiencesFromIDs is the experience of each live document read the way
// loadExperienceColumn did before it read the segments: by walking the id
// dictionary and each id's postings.
func experiencesFromIDs(t *testing.T, r bindex.IndexReader) map[uint32]string {
	t.Helper()
	out := map[uint32]string{}
	err := eachTerm(r, "_id", func(id string) error {
		exp := id
		if e, ok := askedat.ExperienceOfQuestion(id); ok {
			exp = e
		}
		return eachPosting(context.Background(), r, "_id", id, func(d uint32) { out[d] = exp })
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestExperienceColumnFromSegments checks the experience column read by
// document number from scorch's segments against the one read from the id
// dictionary's postings, on an index with several segments, replaced
// experiences, deleted questions and a deleted experience: every live
// document has the same experience both ways, and a deleted one none.
func TestExperienceColumnFromSegments(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	idx, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	w := idx.NewWriter(7) // small batches: several segments
	exp := func(id string, questions int) *Experience {
		e := &Experience{ID: id, URL: "https://example.test/" + id, Source: "test", Title: "Interview " + id,
			Company: "Acme", Date: "2024-01-01"}
		for n := 1; n <= questions; n++ {
			e.Questions = append(e.Questions, Question{Ordinal: n, Title: fmt.Sprintf("Question %d of %s", n, id), Category: "Other"})
		}
		return e
	}
	for i := range 40 {
		if err := w.Add(exp(fmt.Sprintf("e%02d", i), 1+i%4)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.AddReplacing(exp("e03", 1), []int{1, 2, 3, 4}); err != nil { // 4 questions, now 1
		t.Fatal(err)
	}
	w.DeleteQuestions("e07", []int{2})
	w.Delete("e10", []int{1, 2, 3})
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	snap, err := idx.snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	fromSegments, err := loadExperienceColumn(context.Background(), snap.r)
	if err != nil {
		t.Fatal(err)
	}
	fromIDs := experiencesFromIDs(t, snap.r)
	experiences := map[string]bool{}
	for d := range uint32(len(fromSegments.ord)) {
		got, want := fromSegments.values[fromSegments.ord[d]], fromIDs[d]
		if got != want {
			t.Errorf("document %d: experience %q from the segments, %q from the ids", d, got, want)
		}
		if got == "e10" {
			t.Errorf("document %d is of the deleted experience e10", d)
		}
		if got != "" {
			experiences[got] = true
		}
	}
	for d, want := range fromIDs {
		if int(d) >= len(fromSegments.ord) {
			t.Errorf("document %d: no experience from the segments, %q from the ids", d, want)
		}
	}
	// 40 experiences with 100 questions; e03 lost 3, e07 one, e10 itself and its 3.
	if got, want := len(fromIDs), 40+100-3-1-4; got != want {
		t.Errorf("%d live documents have an experience, want %d", got, want)
	}
	if got, want := len(fromSegments.values)-1, len(experiences); got != want {
		t.Errorf("the column has %d experiences, its documents %d", got, want)
	}
	if got, want := len(experiences), 39; got != want {
		t.Errorf("%d experiences from the segments, want %d (e10 deleted)", got, want)
	}
}
