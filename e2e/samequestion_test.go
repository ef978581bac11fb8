package e2e

import (
	"context"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/client"
	"github.com/askedat/askedat/internal/catalog"
	"github.com/askedat/askedat/internal/corpus"
)

// The grouping of the same question asked in other words, on real pages:
// ../shared/quality/same-question.json holds pairs of questions from
// different pages, each side a page's URL and a short paraphrase, either the
// same question (an interviewer would accept one answer for both) or a
// look-alike that differs. Each side is found among its post's questions,
// as searchd's API gives them (GET /api/experiences/{id}), by the words it
// shares with the paraphrase; a pair is grouped when both sides have the
// same cluster. Precision is over the pairs grouped, recall over the
// same-question pairs. Pairs at even positions are the tuning half, odd
// ones the check half, as for relevance.
const (
	sameRecallGoal    = 0.9
	samePrecisionGoal = 0.95
)

var sameRecord = "testdata/real-same-question.txt"

type samePair struct {
	A, B samePairSide
	Same bool
	Note string
}

type samePairSide struct {
	URL  string `json:"canonical_url"`
	Text string
}

func testRealSameQuestion(t *testing.T, site *realSite) {
	b, err := os.ReadFile(corpus.Shared(t, "quality", "same-question.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pairs []samePair
	if err := json.Unmarshal(b, &pairs); err != nil {
		t.Fatalf("same-question.json: %v", err)
	}
	docs, err := askedat.ReadFile(site.docs)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{} // URL key → experience id
	for _, e := range docs {
		ids[urlKey(e.URL)] = e.ID
	}
	api, err := client.New(site.withLists)
	if err != nil {
		t.Fatal(err)
	}
	posts := map[string]*askedat.Experience{}
	post := func(u string) *askedat.Experience {
		id := ids[urlKey(u)]
		if id == "" {
			return nil
		}
		if e, ok := posts[id]; ok {
			return e
		}
		e, err := api.Experience(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		posts[id] = e
		return e
	}
	side := func(s samePairSide) *askedat.Question {
		e := post(s.URL)
		if e == nil {
			return nil
		}
		return bestQuestion(e, s.Text)
	}

	type counts struct{ grouped, wrong, positives, found int }
	var c [3]counts                         // all, tuning, check
	misses := [3]map[string]int{{}, {}, {}} // by half: failure class → pairs
	got := map[string]float64{}
	for i, p := range pairs {
		qa, qb := side(p.A), side(p.B)
		together := qa != nil && qb != nil && qa.Cluster != "" && qa.Cluster == qb.Cluster
		if qa != nil && qb != nil && together != p.Same {
			class := missClass(qa, qb, p.Same)
			misses[0][class]++
			misses[1+i%2][class]++
		}
		for _, h := range []int{0, 1 + i%2} {
			if p.Same {
				c[h].positives++
				if together {
					c[h].found++
				}
			}
			if together {
				c[h].grouped++
				if !p.Same {
					c[h].wrong++
				}
			}
		}
		state := "apart"
		if together {
			state = "together"
		}
		if qa == nil || qb == nil {
			state = "a side not found"
		}
		t.Logf("%-3d same=%-5v %-16s %s", i, p.Same, state, queryHash(p.A.Text+"|"+p.B.Text))
		if *realHits && i%2 == 0 {
			for _, q := range []*askedat.Question{qa, qb} {
				if q != nil {
					t.Logf("      %q in %s", q.Title, q.Cluster)
				}
			}
		}
		v := 0.0
		if together {
			v = 1
		}
		got["p"+strconv.Itoa(i)+"-"+queryHash(p.A.Text+"|"+p.B.Text)] = v
	}
	names := []string{"all", "tuning", "check"}
	for h, name := range names {
		precision := 1.0
		if c[h].grouped > 0 {
			precision = float64(c[h].grouped-c[h].wrong) / float64(c[h].grouped)
		}
		recall := float64(c[h].found) / float64(max(1, c[h].positives))
		t.Logf("same question, %-6s recall %.3f (%d of %d pairs), precision %.3f (%d of %d grouped pairs wrong)",
			name, recall, c[h].found, c[h].positives, precision, c[h].wrong, c[h].grouped)
		got[name+"-recall"], got[name+"-precision"] = recall, precision
	}
	t.Logf("goal: recall >= %.2f at precision >= %.2f", sameRecallGoal, samePrecisionGoal)
	// The misses by kind, counted only: what to work on, without reading
	// the check half's pairs (which would fit them).
	for h, name := range names {
		t.Logf("misses, %-6s %v", name, misses[h])
	}
	if *realUpdate {
		writeRecord(t, sameRecord, got)
		return
	}
	want := readRecord(t, sameRecord)
	for _, name := range names {
		for _, m := range []string{"-recall", "-precision"} {
			if w, ok := want[name+m]; ok && got[name+m] < w-recordRounding {
				t.Errorf("same question %s%s fell to %.3f from the recorded %.3f", name, m, got[name+m], w)
			}
		}
	}
}

// bestQuestion returns the question of e that holds most of text's content
// words (at least half of them), ties going to the closer in length; nil if
// none holds half.
func bestQuestion(e *askedat.Experience, text string) *askedat.Question {
	want := contentWords(text)
	if len(want) == 0 {
		return nil
	}
	var best *askedat.Question
	bestShare, bestExtra := 0.0, 0
	for i := range e.Questions {
		q := &e.Questions[i]
		have := map[string]bool{}
		for _, w := range contentWords(q.Title + " " + q.Body) {
			have[w] = true
		}
		n := 0
		for _, w := range want {
			if have[w] {
				n++
			}
		}
		share := float64(n) / float64(len(want))
		extra := len(have) - n
		if share >= 0.5 && (share > bestShare || share == bestShare && extra < bestExtra) {
			best, bestShare, bestExtra = q, share, extra
		}
	}
	return best
}

// sameStopWords are left out of content words: function and question words.
var sameStopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the of in on at to for from with by and or as is are was be it its this that
		what which who how when where why do does did you your me my i we our can could would should will
		given find write program code implement function return print using use into than then there if so`) {
		sameStopWords[w] = true
	}
}

// contentWords are the distinct lower-case letter-and-digit words of s
// without stop words, a plural s taken off words longer than three letters.
func contentWords(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range bm25Words(s) {
		if sameStopWords[w] {
			continue
		}
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-1]
		}
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// missClass names the kind of a pair the grouping got wrong, by the
// catalogue's problems named in each side's question: for a pair apart that
// is the same question, "neither named" (the catalogue knows no name
// either uses), "one named", "different problems" (each side named, not the
// same one) or "same problem named" (the catalogue agrees, the grouping
// did not follow); for a look-alike grouped, "same problem named" or "no
// shared problem" (grouped by wording).
func missClass(a, b *askedat.Question, same bool) string {
	pa, pb := problems(a), problems(b)
	shared := false
	for id := range pa {
		if pb[id] {
			shared = true
		}
	}
	switch {
	case shared:
		return "same problem named"
	case !same:
		return "no shared problem"
	case len(pa) == 0 && len(pb) == 0:
		return "neither named"
	case len(pa) == 0 || len(pb) == 0:
		return "one named"
	}
	return "different problems"
}

// problems returns the catalogue's problems (not topics) that q names.
func problems(q *askedat.Question) map[string]bool {
	out := map[string]bool{}
	for _, id := range catalog.Tags(q.Title + "\n" + q.Body) {
		if e := catalog.Lookup(id); e != nil && e.Kind == catalog.KindProblem {
			out[id] = true
		}
	}
	return out
}
