package classify

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/crawler/extract"
	"github.com/askedat/askedat/internal/corpus"
	"github.com/askedat/askedat/internal/sample"
)

// A labelled question: its text and the category a person (or, for
// Darwinbox, a language model) gave it.
type labelled struct {
	title, body, want string
}

// seedQuestions returns the 25 questions of the seed page with their
// stated categories.
func seedQuestions(t *testing.T) []labelled {
	dir := corpus.Dir(t, "html", "interviewexperiences")
	b, err := os.ReadFile(filepath.Join(dir, "back-end-developer-interview-questions-nxtwave.html"))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse("https://interviewexperiences.in/experience/nxtwave/back-end-developer-interview-questions-nxtwave")
	res, err := extract.Page(u, b)
	if err != nil || len(res.Experiences) != 1 {
		t.Fatalf("extract seed page: %v (kind %v)", err, res.Kind)
	}
	var out []labelled
	for _, q := range res.Experiences[0].Questions {
		out = append(out, labelled{q.Title, q.Body, q.Category})
	}
	if len(out) != 25 {
		t.Fatalf("seed page has %d questions, want 25", len(out))
	}
	return out
}

// darwinbox returns the Darwinbox questions split into a dev half (the
// even positions of each category's list) and a held-out half (the odd
// positions). The keys map to categories as aliases/facets.txt says
// (coding → DSA, technical → Other, behavioral and hr → Behavioral).
func darwinbox(t *testing.T) (dev, held []labelled) {
	dir := corpus.Dir(t, "datasets", "glassdoor_darwinbox_categorized_questions")
	b, err := os.ReadFile(filepath.Join(dir, "darwinbox_complete_questions_20250803_115736.json"))
	if err != nil {
		t.Fatal(err)
	}
	var lists map[string][]string
	if err := json.Unmarshal(b, &lists); err != nil {
		t.Fatalf("darwinbox json: %v", err)
	}
	n := 0
	for _, key := range slices.Sorted(mapsKeys(lists)) {
		want := askedat.NormalizeCategory(key)
		if !canonical(want) {
			t.Fatalf("darwinbox key %q maps to %q, not a canonical category", key, want)
		}
		for i, q := range lists[key] {
			l := labelled{title: q, want: want}
			if i%2 == 0 {
				dev = append(dev, l)
			} else {
				held = append(held, l)
			}
			n++
		}
	}
	if n != 180 {
		t.Fatalf("darwinbox has %d questions, want 180", n)
	}
	return dev, held
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// bankQuestions returns the distinct questions of a generated sample site
// (the project's own question bank, internal/sample, which the classifier
// is not trained on), leaving out those whose title is word for word a
// line of the training text (textbook names such as "TCP vs UDP"); it
// returns how many it left out.
func bankQuestions() (out []labelled, inTraining int) {
	train := trainingLines()
	seen := map[string]bool{}
	for _, p := range sample.Generate(sample.Config{Posts: 3000, Seed: 1}) {
		for _, q := range p.Experience.Questions {
			k := q.Title + "\x00" + q.Category
			if seen[k] {
				continue
			}
			seen[k] = true
			if train[foldText(q.Title)] {
				inTraining++
				continue
			}
			out = append(out, labelled{q.Title, q.Body, q.Category})
		}
	}
	return out, inTraining
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// foldText folds a text for comparing questions: lower case, letters and
// digits only.
func foldText(s string) string { return nonWord.ReplaceAllString(strings.ToLower(s), "") }

// trainingLines returns the folded example lines of the training text.
func trainingLines() map[string]bool {
	out := map[string]bool{}
	for _, line := range strings.Split(trainTxt, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out[foldText(line)] = true
		}
	}
	return out
}

// A score is the outcome of classifying a labelled set.
type score struct {
	n, right  int
	confusion map[[2]string]int // [want, got] → count
	wrong     []string
}

func evaluate(set []labelled) score {
	s := score{confusion: map[[2]string]int{}}
	for _, l := range set {
		got, conf := Infer(l.title, l.body)
		s.n++
		s.confusion[[2]string{l.want, got}]++
		if got == l.want {
			s.right++
		} else {
			s.wrong = append(s.wrong, fmt.Sprintf("%q: got %s (%.2f), want %s", l.title, got, conf, l.want))
		}
	}
	return s
}

func (s score) accuracy() float64 { return float64(s.right) / float64(max(s.n, 1)) }

var classOrder = []string{askedat.CategoryBehavioral, askedat.CategoryDSA, askedat.CategorySystemDesign, askedat.CategoryOther, "Aptitude"}

var shortName = map[string]string{
	askedat.CategoryBehavioral:   "Behav",
	askedat.CategoryDSA:          "DSA",
	askedat.CategorySystemDesign: "SysDes",
	askedat.CategoryOther:        "Other",
	"Aptitude":                   "Aptit",
}

// report logs the accuracy, each class's recall and precision, and the
// confusion matrix (rows: the label, columns: the inferred category).
func (s score) report(t *testing.T, name string, showWrong bool) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "%s: accuracy %.3f (%d of %d)\n", name, s.accuracy(), s.right, s.n)
	fmt.Fprintf(&b, "  %-8s", "want\\got")
	for _, c := range classOrder {
		fmt.Fprintf(&b, " %6s", shortName[c])
	}
	fmt.Fprintf(&b, "  recall  precision\n")
	for _, w := range classOrder {
		row, colTotal := 0, 0
		for _, g := range classOrder {
			row += s.confusion[[2]string{w, g}]
			colTotal += s.confusion[[2]string{g, w}]
		}
		if row == 0 && colTotal == 0 {
			continue
		}
		fmt.Fprintf(&b, "  %-8s", shortName[w])
		for _, g := range classOrder {
			fmt.Fprintf(&b, " %6d", s.confusion[[2]string{w, g}])
		}
		diag := s.confusion[[2]string{w, w}]
		fmt.Fprintf(&b, "  %s  %s\n", ratio(diag, row), ratio(diag, colTotal))
	}
	if showWrong {
		for _, w := range s.wrong {
			fmt.Fprintf(&b, "  wrong: %s\n", w)
		}
	}
	t.Log(b.String())
}

func ratio(a, b int) string {
	if b == 0 {
		return "    - "
	}
	return fmt.Sprintf("%6.3f", float64(a)/float64(b))
}

// Floors below which TestAccuracy fails: the accuracies measured when the
// model was last changed, less a little. Raise them when the model gets
// better; never lower one to make a change pass without saying why in
// docs/decisions.md.
var floors = map[string]float64{
	"seed page":          0.88, // measured 0.920 (23 of 25)
	"darwinbox dev":      0.78, // 0.783 (72 of 92)
	"darwinbox held-out": 0.80, // 0.830 (73 of 88)
	"darwinbox all":      0.79, // 0.806 (145 of 180)
	"sample bank":        0.91, // 0.932 (395 of 424)
}

// TestAccuracy measures the classifier on labelled questions it was not
// trained on, and logs accuracy, per-class recall and precision and the
// confusion matrix of each set. Run it with
//
//	go test ./crawler/classify -run TestAccuracy -v
//
// The seed page and the dev half of Darwinbox were looked at while the
// training text and settings were chosen; the held-out half's mistakes are
// not printed, so they cannot guide tuning. Darwinbox labels were made by
// a language model (SOURCES.md §5) and are noisy: its "technical" list
// holds linked-list and stack questions, and self-introductions.
func TestAccuracy(t *testing.T) {
	seed := seedQuestions(t)
	dev, held := darwinbox(t)
	bank, inTraining := bankQuestions()
	t.Logf("sample bank: %d distinct questions, %d more left out because their titles are training lines", len(bank), inTraining)
	sets := []struct {
		name      string
		set       []labelled
		showWrong bool
	}{
		{"seed page", seed, true},
		{"darwinbox dev", dev, true},
		{"darwinbox held-out", held, false},
		{"darwinbox all", append(slices.Clone(dev), held...), false},
		{"sample bank", bank, false},
	}
	for _, s := range sets {
		sc := evaluate(s.set)
		sc.report(t, s.name, s.showWrong)
		if floor := floors[s.name]; sc.accuracy() < floor {
			t.Errorf("%s: accuracy %.3f, want at least %.2f", s.name, sc.accuracy(), floor)
		}
	}
}
