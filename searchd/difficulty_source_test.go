package main

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"testing"

	"github.com/askedat/askedat"
)

// inferredExperiencesJSON are posts as the indexer writes them: a question
// whose post states no difficulty carries the one the indexer inferred,
// with difficulty_source "inferred".
const inferredExperiencesJSON = `[
 {"id": "ok1", "url": "https://example.test/ok1", "title": "Okapi Labs onsite", "company": "Okapi Labs", "role": "Software Engineer", "date": "2024-04-01",
  "questions": [
   {"ordinal": 1, "title": "Okapi fence puzzle", "category": "Aptitude", "difficulty": "Medium", "difficulty_source": "inferred", "body": "Paint the okapi fence."},
   {"ordinal": 2, "title": "Okapi feeding schedule", "category": "Aptitude", "difficulty": "Medium", "body": "Plan the okapi meals."},
   {"ordinal": 3, "title": "Okapi census estimate", "category": "Aptitude", "difficulty": "Hard", "body": "Count the okapi herd."}
  ]},
 {"id": "st1", "url": "https://example.test/st1", "title": "Stated only", "company": "Plain Co", "role": "Software Engineer", "date": "2024-03-01",
  "questions": [{"ordinal": 1, "title": "Walrus sorting", "category": "Aptitude", "difficulty": "Easy", "body": "Sort the walrus pod."}]}
]`

func inferredExperiences(t *testing.T) []askedat.Experience {
	t.Helper()
	var exps []askedat.Experience
	if err := json.Unmarshal([]byte(inferredExperiencesJSON), &exps); err != nil {
		t.Fatal(err)
	}
	for i := range exps {
		if err := exps[i].Validate(); err != nil {
			t.Fatal(err)
		}
	}
	return exps
}

// TestSearchPageInferredDifficulty checks the server's pages with a
// difficulty the indexer inferred: the hit's and the post's tag marked
// (class, words, title), the facet's inferred count, and the toggle "Only
// difficulties posts state" as a link that sets difficulty_source=stated,
// kept by every other link and the form, shown as a chip, and removed again.
func TestSearchPageInferredDifficulty(t *testing.T) {
	ts := serveTest(t, &Server{Index: newIndexOf(t, inferredExperiences(t)), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	marked := `<span class="tag diff diff-medium inferred" title="` + inferredNote + `">Medium <span class="how">(inferred)</span></span>`
	toggle := func(href string, on bool) string {
		sel, cur := "", ""
		if on {
			sel, cur = " selected", ` aria-current="true"`
		}
		return `<p class="facet-source"><a class="fv` + sel + `" href="` + href + `" rel="nofollow" title="` + sourceTitle + `"` + cur + `><span class="box" aria-hidden="true"></span><span class="label">Only difficulties posts state</span></a></p>`
	}
	tests := []struct {
		path          string
		code          int
		want, notWant []string
	}{
		{"/search?q=okapi", 200, []string{
			marked,
			// the stated ones are not marked
			`<span class="tag diff diff-hard">Hard</span>`,
			// Medium counts 2, 1 of them inferred
			`<span class="val">Medium</span><span class="inf" title="1 of these 2 have no difficulty in their post: it is inferred from how the same problem is rated elsewhere">1 inferred</span><span class="count">2</span>`,
			`<span class="val">Hard</span><span class="count">1</span>`,
			toggle("/search?q=okapi&amp;difficulty_source=stated", false),
		}, []string{`name="difficulty_source"`, "Difficulties: "}},
		// ticked: the inferred Medium counts no more (it is as if it had
		// none), every link keeps the choice, the chip removes it
		{"/search?q=okapi&difficulty_source=stated", 200, []string{
			`<span class="val">Medium</span><span class="count">1</span>`,
			toggle("/search?q=okapi", true),
			`aria-label="Remove filter Difficulties only stated">Difficulties: only stated <span class="x" aria-hidden="true">×</span></a>`,
			`<input type="hidden" name="difficulty_source" value="stated">`,
			`href="/search?q=okapi&amp;difficulty=Medium&amp;difficulty_source=stated"`,
			`href="/search?q=okapi&amp;difficulty_source=stated&amp;sort=date"`,
			`href="/search?q=okapi&amp;difficulty_source=stated&amp;collapse=0"`,
			`href="/search?q=okapi&amp;difficulty_source=stated&amp;type=experience"`,
			`<a class="clear" href="/search?q=okapi"`,
			// the hit still says its difficulty is inferred
			marked,
		}, []string{`<span class="inf"`}},
		// with a difficulty ticked, only the stated Medium question
		{"/search?q=okapi&difficulty=medium&difficulty_source=stated", 200, []string{
			"<strong>1</strong> distinct question for", `href="/experiences/ok1#q-2"`, "Difficulty: Medium", "Difficulties: only stated",
		}, []string{`href="/experiences/ok1#q-1"`}},
		// and pages run over those
		{"/search?q=okapi&difficulty=medium&size=1", 200, []string{"<strong>2</strong> distinct questions for", `rel="next" href="/search?q=okapi&amp;difficulty=Medium&amp;size=1&amp;page=2"`}, nil},
		{"/search?q=okapi&difficulty=medium&difficulty_source=stated&size=1", 200, []string{"<strong>1</strong> distinct question for"}, []string{`rel="next"`}},
		{"/search?q=okapi&difficulty_source=stated&size=1", 200, []string{`rel="next" href="/search?q=okapi&amp;difficulty_source=stated&amp;size=1&amp;page=2"`}, nil},
		// links spell the source as the index reads it
		{"/search?q=okapi&difficulty_source=Stated", 200, []string{toggle("/search?q=okapi", true), `href="/search?q=okapi&amp;difficulty_source=stated&amp;sort=date"`}, []string{"Stated"}},
		{"/search?q=okapi&difficulty_source=any", 200, []string{toggle("/search?q=okapi&amp;difficulty_source=stated", false)}, []string{"Difficulties: ", "difficulty_source=any"}},
		// only inferred: a chip, and the toggle offers stated instead
		{"/search?q=okapi&difficulty_source=inferred", 200, []string{
			"Difficulties: only inferred", `<span class="val">Medium</span><span class="inf" title="1 of these 1 have`,
			toggle("/search?q=okapi&amp;difficulty_source=stated", false),
		}, nil},
		// no difficulty inferred among the matches: no toggle
		{"/search?q=walrus", 200, []string{`<span class="tag diff diff-easy">Easy</span>`}, []string{`class="facet-source"`, `class="inf"`, "inferred"}},
		// a value the index does not know: its message, and a chip to drop it
		{"/search?q=okapi&difficulty_source=guessed", 400, []string{`difficulty_source &#34;guessed&#34; is unknown`, "Difficulties: guessed", `<a class="chip" href="/search?q=okapi"`}, nil},
		{"/experiences/ok1", 200, []string{marked, `<span class="tag diff diff-hard">Hard</span>`, `<span class="tag diff diff-medium">Medium</span>`}, nil},
	}
	for _, tt := range tests {
		code, _, body := get(t, ts, tt.path)
		if code != tt.code {
			t.Errorf("GET %s = %d, want %d", tt.path, code, tt.code)
		}
		for _, w := range tt.want {
			if !bytes.Contains(body, []byte(w)) {
				t.Errorf("GET %s: page lacks %s", tt.path, w)
			}
		}
		for _, w := range tt.notWant {
			if bytes.Contains(body, []byte(w)) {
				t.Errorf("GET %s: page contains %s", tt.path, w)
			}
		}
	}
	// The hit the API marks inferred is the one the page marks.
	var res struct {
		DifficultySource string `json:"difficulty_source"`
		Hits             []askedat.Hit
		Facets           map[string][]askedat.FacetValue
	}
	if code := getJSON(t, ts, "/api/search?q=okapi&difficulty_source=STATED", &res); code != http.StatusOK || res.DifficultySource != askedat.SourceStated {
		t.Fatalf("GET /api/search?q=okapi&difficulty_source=STATED = %d, source %q; want 200, stated", code, res.DifficultySource)
	}
	for _, h := range res.Hits {
		if want := map[bool]string{true: askedat.DifficultyInferred}[h.ID == "ok1-q1"]; h.DifficultySource != want {
			t.Errorf("hit %s difficulty_source %q, want %q", h.ID, h.DifficultySource, want)
		}
	}
}
