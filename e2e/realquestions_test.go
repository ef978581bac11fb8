package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/internal/corpus"
)

// The questions of real posts as a reader splits and labels them:
// ../shared/quality/questions.json holds every question of 20 GeeksforGeeks
// posts, each with its category, written by hand. The crawl's documents
// (what the crawler wrote, what the indexer reads) are scored as
// score_questions.py scores them: a gold question and an extracted one
// match when half of the gold's content words are in the extracted title
// and body, greedily and one to one; precision is over the extracted
// questions, recall over the gold ones, and the category is right or wrong
// over the matched pairs. Pages at even positions of the file are the
// tuning half, odd ones the check half.
const (
	questionPrecisionGoal = 0.95
	questionRecallGoal    = 0.92
	categoryGoal          = 0.90
)

var questionsRecord = "testdata/real-questions.txt"

type goldPage struct {
	File      string
	URL       string `json:"canonical_url"`
	Questions []struct {
		Text, Category string
	}
}

// questionScore adds up one half's counts.
type questionScore struct {
	matched, extracted, gold, rightCategory int
}

func (s questionScore) precision() float64 { return ratio(s.matched, s.extracted) }
func (s questionScore) recall() float64    { return ratio(s.matched, s.gold) }
func (s questionScore) category() float64  { return ratio(s.rightCategory, s.matched) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func testRealQuestions(t *testing.T, site *realSite) {
	b, err := os.ReadFile(corpus.Shared(t, "quality", "questions.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold []goldPage
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatalf("questions.json: %v", err)
	}
	docs, err := askedat.ReadFile(site.docs)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]askedat.Experience{}
	for _, e := range docs {
		if _, ok := byKey[urlKey(e.URL)]; !ok {
			byKey[urlKey(e.URL)] = e
		}
	}
	var halves [3]questionScore // all, tuning, check
	confusion := map[[2]string]int{}
	for i, page := range gold {
		key := urlKey(page.URL)
		if key == "" {
			key = urlKey(page.File)
		}
		e, ok := byKey[key]
		if !ok {
			t.Errorf("gold page %d (%s) was not crawled", i, queryHash(key))
		}
		var goldTexts []string
		for _, q := range page.Questions {
			goldTexts = append(goldTexts, q.Text)
		}
		var extracted []string
		for _, q := range e.Questions {
			extracted = append(extracted, q.Title+" "+q.Body)
		}
		pairs := matchQuestions(goldTexts, extracted)
		s := questionScore{matched: len(pairs), extracted: len(extracted), gold: len(goldTexts)}
		for _, p := range pairs {
			g, x := foldCategory(page.Questions[p[0]].Category), foldCategory(e.Questions[p[1]].Category)
			confusion[[2]string{g, x}]++
			if g == x {
				s.rightCategory++
			} else if *realHits && i%2 == 0 {
				t.Logf("tuning page %d: labelled %s, extracted %s: %.120q", i, g, x, e.Questions[p[1]].Title)
			}
		}
		for _, h := range []int{0, 1 + i%2} {
			halves[h].matched += s.matched
			halves[h].extracted += s.extracted
			halves[h].gold += s.gold
			halves[h].rightCategory += s.rightCategory
		}
	}
	got := map[string]float64{}
	for h, name := range []string{"all", "tuning", "check"} {
		s := halves[h]
		t.Logf("questions, %-6s precision %.3f (%d of %d extracted), recall %.3f (%d of %d), category %.3f (%d of %d matched)",
			name, s.precision(), s.matched, s.extracted, s.recall(), s.matched, s.gold, s.category(), s.rightCategory, s.matched)
		got[name+"-precision"], got[name+"-recall"], got[name+"-category"] = s.precision(), s.recall(), s.category()
	}
	t.Logf("goal: precision >= %.2f, recall >= %.2f, category >= %.2f", questionPrecisionGoal, questionRecallGoal, categoryGoal)
	logConfusion(t, confusion)
	checkQuestionScorer(t, site.docs, halves[0])

	checkRecord(t, questionsRecord, "questions", got)
}

// logConfusion prints the categories of matched pairs: gold by row, ours by
// column.
func logConfusion(t *testing.T, c map[[2]string]int) {
	var labels []string
	for k := range c {
		for _, l := range k {
			if !slices.Contains(labels, l) {
				labels = append(labels, l)
			}
		}
	}
	sort.Strings(labels)
	var b strings.Builder
	fmt.Fprintf(&b, "category confusion (rows: labelled, columns: extracted)\n%-14s", "")
	for _, l := range labels {
		fmt.Fprintf(&b, " %14s", l)
	}
	for _, g := range labels {
		fmt.Fprintf(&b, "\n%-14s", g)
		for _, x := range labels {
			fmt.Fprintf(&b, " %14d", c[[2]string{g, x}])
		}
	}
	t.Log(b.String())
}

// The content words of score_questions.py.
var (
	questionStop = strings.Fields(`a an the of in on at to for from by with without and or but is are was were be been being it its
this that these those as into than then so such if else not no do does did done can could should would will shall
may might must have has had you your yours i me my we our they their them he him his she her what which who whom
whose when where why how whether also all any each every some given find write program code function question
asked ask using use used one two about there here just very like eg etc ie`)
	wordRE = regexp.MustCompile(`[a-z0-9]+`)
)

func questionTokens(s string) []string {
	ws := wordRE.FindAllString(strings.ToLower(s), -1)
	for i, w := range ws {
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			ws[i] = w[:len(w)-1]
		}
	}
	return ws
}

func goldContentWords(s string) map[string]bool {
	all := questionTokens(s)
	m := map[string]bool{}
	for _, w := range all {
		if !slices.Contains(questionStop, w) {
			m[w] = true
		}
	}
	if len(m) == 0 {
		for _, w := range all {
			m[w] = true
		}
	}
	return m
}

// matchQuestions pairs gold and extracted questions as score_questions.py
// does: candidates share half the gold's content words, taken by highest
// containment, then Jaccard, then order, each side once.
func matchQuestions(gold, extracted []string) [][2]int {
	type cand struct {
		c, j   float64
		gi, ei int
	}
	var cands []cand
	words := make([]map[string]bool, len(extracted))
	content := make([]map[string]bool, len(extracted))
	for i, e := range extracted {
		words[i] = map[string]bool{}
		for _, w := range questionTokens(e) {
			words[i][w] = true
		}
		content[i] = goldContentWords(e)
	}
	for gi, g := range gold {
		gw := goldContentWords(g)
		if len(gw) == 0 {
			continue
		}
		for ei := range extracted {
			in, inter := 0, 0
			for w := range gw {
				if words[ei][w] {
					in++
				}
				if content[ei][w] {
					inter++
				}
			}
			c := float64(in) / float64(len(gw))
			if c < 0.5 {
				continue
			}
			union := len(gw) + len(content[ei]) - inter
			j := 0.0
			if union > 0 {
				j = float64(inter) / float64(union)
			}
			cands = append(cands, cand{c, j, gi, ei})
		}
	}
	sort.SliceStable(cands, func(a, b int) bool {
		x, y := cands[a], cands[b]
		switch {
		case x.c != y.c:
			return x.c > y.c
		case x.j != y.j:
			return x.j > y.j
		case x.gi != y.gi:
			return x.gi < y.gi
		}
		return x.ei < y.ei
	})
	usedG, usedE := map[int]bool{}, map[int]bool{}
	var pairs [][2]int
	for _, c := range cands {
		if usedG[c.gi] || usedE[c.ei] {
			continue
		}
		usedG[c.gi], usedE[c.ei] = true, true
		pairs = append(pairs, [2]int{c.gi, c.ei})
	}
	return pairs
}

// foldCategory folds the labels score_questions.py counts as one.
func foldCategory(c string) string {
	c = strings.Join(strings.Fields(strings.ToLower(c)), " ")
	switch c {
	case "data structures & algorithms", "data structures and algorithms", "dsa", "coding":
		return "dsa"
	case "behavioral", "behavioural", "hr":
		return "behavioral"
	}
	return c
}

// checkQuestionScorer runs score_questions.py on the crawl, where python3
// is installed, and fails when its figures differ from ours.
func checkQuestionScorer(t *testing.T, docs string, s questionScore) {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Log("python3 is not installed: the figures are not checked against score_questions.py")
		return
	}
	out, err := exec.Command(py, corpus.Shared(t, "quality", "score_questions.py"), corpus.Shared(t, "quality", "questions.json"), docs).Output()
	if err != nil {
		t.Fatalf("score_questions.py: %v\n%s", err, out)
	}
	var p, r, f, acc float64
	var n int
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	found := false
	for sc.Scan() {
		if l := sc.Text(); strings.HasPrefix(l, "questions P=") {
			_, err := fmt.Sscanf(l, "questions P=%f R=%f F1=%f, category accuracy %f over %d matched", &p, &r, &f, &acc, &n)
			found = err == nil
		}
	}
	if !found {
		t.Fatalf("score_questions.py printed no summary:\n%s", out)
	}
	if math.Abs(p-s.precision()) > 1e-3 || math.Abs(r-s.recall()) > 1e-3 || math.Abs(acc-s.category()) > 1e-3 || n != s.matched {
		t.Errorf("score_questions.py says P=%.3f R=%.3f category %.3f over %d; this test P=%.3f R=%.3f category %.3f over %d",
			p, r, acc, n, s.precision(), s.recall(), s.category(), s.matched)
	}
}
