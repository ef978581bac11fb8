package index_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/askedat/askedat/index"
)

// matcherQueries are queries of every shape the compiler makes: words,
// words that name a topic of the catalogue or a company, synonyms, typos,
// phrases, exclusions, ORs, prefixes (which go through bleve), question
// words, and words no document has.
var matcherQueries = []string{
	"design", "interview", "binary tree", "linked list", "sorted array", "binary search tree",
	`"system design"`, `"linked list" cache`, "cache -redis", "lru cache", "amazon lru cache",
	"kafka OR rabbitmq", "how does indexing work", "explain design", "zzzzunknownword",
	"djnago", "recursoin", "c++/java", "two-sum", "tell me about yourself", "google system design",
	"kafka zebra", "desig*", "object oriented programming", "hash map", "sql -join database",
	// a term under a run's conjunction and elsewhere too: cursors the
	// matchers must not share
	"system design design", "tree binary tree", "object oriented programming oop", "cache lru cache",
	"amazon amazon interview", `design -"system design"`,
}

// TestMatchersAgainstBleve checks that the matchers of postings.go find
// exactly the matches bleve's searchers find, with the same scores bit for
// bit, for every query shape and its relaxed forms, on an index as built
// and on one whose segments hold deleted documents.
func TestMatchersAgainstBleve(t *testing.T) {
	one, err := sampleIndex(t.TempDir(), 600, 3)
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	many := severalSegments(t)
	defer many.Close()
	for _, c := range []struct {
		name string
		idx  *index.Index
	}{{"as built", one}, {"with deletions and replacements", many}} {
		took := 0
		for _, typ := range []string{index.TypeQuestion, index.TypeExperience} {
			for _, q := range matcherQueries {
				bleve, fast, tookForms, err := index.MatchesBothWays(c.idx, q, typ)
				if err != nil {
					t.Fatalf("%s: %s %q: %v", c.name, typ, q, err)
				}
				for i := range bleve {
					if tookForms[i] {
						took++
					}
					if got, want := fast[i], bleve[i]; !sameMatches(got, want) {
						t.Errorf("%s: %s %q, form %d: matchers found %d matches, bleve %d; first difference: %s",
							c.name, typ, q, i, len(got), len(want), firstDifference(got, want))
					}
				}
			}
		}
		if took < len(matcherQueries) {
			t.Errorf("%s: the matchers took %d query forms, want most of them", c.name, took)
		}
	}
}

func sameMatches(a, b []index.DocScore) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func firstDifference(got, want []index.DocScore) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("at %d got %+v, want %+v", i, got[i], want[i])
		}
	}
	return "one is a prefix of the other"
}

// severalSegments builds an index in small batches, then deletes and
// replaces some of its posts: segments with deleted documents.
func severalSegments(t *testing.T) *index.Index {
	t.Helper()
	exps := sampleExperiences(300, 11)
	idx, err := index.Create(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	w := idx.NewWriter(40)
	for i := range exps {
		if err := w.Add(&exps[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(exps); i += 7 {
		w.Delete(exps[i].ID, nil)
	}
	for i := 3; i < len(exps); i += 11 {
		exps[i].Title += " revisited"
		if err := w.Add(&exps[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return idx
}

// TestLeafBoundsHold checks the bound the ranked pass prunes by: no posting
// of any term of the queries scores above its leaf's bound.
func TestLeafBoundsHold(t *testing.T) {
	idx, err := sampleIndex(t.TempDir(), 600, 3)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	read := 0
	for _, typ := range []string{index.TypeQuestion, index.TypeExperience} {
		for _, q := range matcherQueries {
			bad, n, err := index.LeafBoundViolations(idx, q, typ)
			if err != nil {
				t.Fatalf("%s %q: %v", typ, q, err)
			}
			if bad > 0 {
				t.Errorf("%s %q: %d of %d postings score above their leaf's bound", typ, q, bad, n)
			}
			read += n
		}
	}
	if read < 10000 {
		t.Errorf("read %d postings; the test needs more", read)
	}
}
