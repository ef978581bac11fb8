package index

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	bindex "github.com/blevesearch/bleve_index_api"
)

// hiddenReader hides that a reader is scorch's, so loadExperienceColumn
// takes its other way, the id dictionary.
type hiddenReader struct{ bindex.IndexReader }

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
	fromIDs, err := loadExperienceColumn(context.Background(), hiddenReader{snap.r})
	if err != nil {
		t.Fatal(err)
	}
	valueOf := func(c *column, d uint32) string {
		if int(d) >= len(c.ord) {
			return ""
		}
		return c.values[c.ord[d]]
	}
	n := uint32(max(len(fromSegments.ord), len(fromIDs.ord)))
	live := 0
	for d := range n {
		got, want := valueOf(fromSegments, d), valueOf(fromIDs, d)
		if got != want {
			t.Errorf("document %d: experience %q from the segments, %q from the ids", d, got, want)
		}
		if want != "" {
			live++
		}
		if want == "e10" {
			t.Errorf("document %d is of the deleted experience e10", d)
		}
	}
	// 40 experiences with 100 questions; e03 lost 3, e07 one, e10 itself and its 3.
	if want := 40 + 100 - 3 - 1 - 4; live != want {
		t.Errorf("%d live documents have an experience, want %d", live, want)
	}
	if got, want := len(fromSegments.values), len(fromIDs.values); got != want {
		t.Errorf("%d experiences from the segments, %d from the ids", got-1, want-1)
	}
}
