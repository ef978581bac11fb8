package index_test

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/sample"

	"github.com/google/go-cmp/cmp"
)

// The relevance test set: judged queries over a fixed corpus, scored with
// nDCG@10 and compared with the values recorded in testdata/relevance.
//
//	go test -run Relevance -v ./index                 the per-query table
//	go test -run Relevance -v ./index -relevance.hits  and each query's top hits
//	go test -run Relevance ./index -update            record the measured values
//
// The corpus is relevanceSample posts of the sample generator plus the
// hand-written experiences of testdata/relevance/corpus.jsonl; the judgments
// are in testdata/relevance/judgments.txt (its header explains the format).
var (
	update       = flag.Bool("update", false, "rewrite testdata/relevance/ndcg.txt with the measured nDCG@10")
	showHits     = flag.Bool("relevance.hits", false, "log the top hits of every judged query with their grades")
	relevanceDir = filepath.Join("testdata", "relevance")
)

// The generated part of the corpus. Changing it changes every recorded value:
// run with -update and look at the table.
var relevanceSample = sample.Config{Posts: 600, Seed: 42}

const (
	ndcgDepth = 10
	// tieWindow is how many hits are fetched so that hits tied with the
	// tenth can be ordered worst first (see worstFirstAmongTies).
	tieWindow = 50
	// meanSlack is how far the mean may fall below the recorded mean;
	// querySlack how far one query may fall below its recorded value.
	meanSlack  = 0.005
	querySlack = 0.2
)

// A judgedDoc is what judgments can select a question document by.
type judgedDoc struct {
	id         string // the index document id
	group      string // the sample bank group key; "" for hand-written questions
	topic      string // the group's topic; "" for hand-written questions
	category   string
	difficulty string
	company    string
	role       string
	status     string
	title      string
}

// A selector is one condition of a grade line: "group lru-cache",
// "company Amazon".
type selector struct{ kind, value string }

func (s selector) match(d *judgedDoc) bool {
	switch s.kind {
	case "group":
		return d.group == s.value
	case "topic":
		return d.topic == s.value
	case "id":
		return d.id == s.value
	}
	return d.facet(s.kind) == s.value
}

func (d *judgedDoc) facet(field string) string {
	switch field {
	case "category":
		return d.category
	case "difficulty":
		return d.difficulty
	case "company":
		return d.company
	case "role":
		return d.role
	case "status":
		return d.status
	}
	return ""
}

// A gradeRule gives grade to the documents that match all its selectors.
type gradeRule struct {
	grade int
	all   []selector
}

// A judgment is one judged query.
type judgment struct {
	line    int // of its query line in judgments.txt
	query   string
	filters map[string][]string
	rules   []gradeRule
}

// key names the judgment in ndcg.txt and in messages: the query, and its
// filters if any.
func (j *judgment) key() string {
	if len(j.filters) == 0 {
		return j.query
	}
	var fs []string
	for f, vs := range j.filters {
		fs = append(fs, f+"="+strings.Join(vs, "|"))
	}
	sort.Strings(fs)
	return j.query + " [" + strings.Join(fs, "; ") + "]"
}

// grade returns the grade of d for this query: 0 if d fails a filter, else
// the highest grade of the rules d matches, 0 if none.
func (j *judgment) grade(d *judgedDoc) int {
	for f, vs := range j.filters {
		ok := false
		for _, v := range vs {
			ok = ok || d.facet(f) == v
		}
		if !ok {
			return 0
		}
	}
	g := 0
	for _, r := range j.rules {
		if r.grade <= g {
			continue
		}
		ok := true
		for _, s := range r.all {
			ok = ok && s.match(d)
		}
		if ok {
			g = r.grade
		}
	}
	return g
}

// facetNormalizers give a facet value in judgments its one spelling, as the
// index stores it.
var facetNormalizers = map[string]func(string) string{
	"company":    askedat.NormalizeCompany,
	"role":       askedat.NormalizeRole,
	"status":     askedat.NormalizeStatus,
	"category":   askedat.NormalizeCategory,
	"difficulty": askedat.NormalizeDifficulty,
}

// parseJudgments reads the judgments file format (see its header).
func parseJudgments(path string) ([]*judgment, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []*judgment
	var cur *judgment
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		errorf := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", path, n, fmt.Sprintf(format, args...))
		}
		if q, ok := strings.CutPrefix(line, "query:"); ok {
			cur = &judgment{line: n, query: strings.TrimSpace(q)}
			if cur.query == "" {
				return nil, errorf("empty query")
			}
			out = append(out, cur)
			continue
		}
		if cur == nil {
			return nil, errorf("%q before the first query: line", line)
		}
		if spec, ok := strings.CutPrefix(line, "filter:"); ok {
			field, values, ok := strings.Cut(spec, "=")
			field = strings.TrimSpace(field)
			norm := facetNormalizers[field]
			if !ok || norm == nil {
				return nil, errorf("want filter: FIELD = VALUE [| VALUE...] with FIELD one of company, role, status, category, difficulty")
			}
			if cur.filters == nil {
				cur.filters = map[string][]string{}
			}
			for _, v := range strings.Split(values, "|") {
				if v = norm(v); v == "" {
					return nil, errorf("empty filter value")
				}
				cur.filters[field] = append(cur.filters[field], v)
			}
			continue
		}
		gradeText, rest, _ := strings.Cut(line, " ")
		grade, err := strconv.Atoi(gradeText)
		if err != nil || grade < 1 || grade > 3 {
			return nil, errorf("want a grade line, GRADE SELECTOR [& SELECTOR...] with GRADE 1, 2 or 3: %q", line)
		}
		r := gradeRule{grade: grade}
		for _, part := range strings.Split(rest, "&") {
			kind, value, _ := strings.Cut(strings.TrimSpace(part), " ")
			value = strings.TrimSpace(value)
			if norm := facetNormalizers[kind]; norm != nil {
				value = norm(value)
			} else if kind != "group" && kind != "topic" && kind != "id" {
				return nil, errorf("unknown selector %q: want group, topic, id, company, role, status, category or difficulty", kind)
			}
			if value == "" {
				return nil, errorf("selector %q has no value", kind)
			}
			r.all = append(r.all, selector{kind, value})
		}
		cur.rules = append(cur.rules, r)
	}
	return out, sc.Err()
}

// bankTopics reads the group keys and topics of the sample question bank:
// the judgments select generated questions by them.
func bankTopics(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "internal", "sample", "data", "questions.txt"))
	if err != nil {
		t.Fatal(err)
	}
	topics := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		rest, ok := strings.CutPrefix(strings.TrimSpace(line), "= ")
		if !ok {
			continue
		}
		f := strings.Split(rest, "|")
		if len(f) != 4 {
			t.Fatalf("questions.txt: group line %q: want 4 fields", line)
		}
		topics[strings.TrimSpace(f[0])] = strings.TrimSpace(f[3])
	}
	return topics
}

// relevanceCorpus builds the corpus into an on-disk index and returns it
// with every question document, by id.
func relevanceCorpus(t *testing.T) (*index.Index, map[string]*judgedDoc) {
	t.Helper()
	topics := bankTopics(t)
	type entry struct {
		e    index.Experience
		keys []string // group keys of the questions, for generated posts
	}
	var entries []entry
	for _, p := range sample.Generate(relevanceSample) {
		e := p.Experience
		e.URL = "https://sample.test" + p.Path
		e.ID = index.IDForURL(e.URL)
		entries = append(entries, entry{e, p.QuestionKeys})
	}
	hand, err := askedat.ReadFile(filepath.Join(relevanceDir, "corpus.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range hand {
		entries = append(entries, entry{e: e})
	}

	dir := filepath.Join(t.TempDir(), "idx")
	idx, err := index.Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	// One batch: the documents get their numbers in one go.
	w := idx.NewWriter(1 << 30)
	docs := map[string]*judgedDoc{}
	for i := range entries {
		e := &entries[i].e
		if err := w.Add(e); err != nil { // normalises e
			t.Fatalf("Add(%s): %v", e.ID, err)
		}
		for j, q := range e.Questions {
			d := &judgedDoc{
				id: index.QuestionID(e.ID, q.Ordinal), category: q.Category, difficulty: q.Difficulty,
				company: e.Company, role: e.Role, status: e.Status, title: q.Title,
			}
			if keys := entries[i].keys; keys != nil {
				d.group = keys[j]
				d.topic = topics[d.group]
			}
			if docs[d.id] != nil {
				t.Fatalf("two questions have the id %s", d.id)
			}
			docs[d.id] = d
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return idx, docs
}

// worstFirstAmongTies returns the first ndcgDepth of hits (ranked by the
// engine, at least tieWindow of them when there are) with the hits that rank
// equal (same score, same date) put in increasing order of grade. The engine
// orders such ties by document number, which depends on the order in which
// bleve analysed the batch; taking the worst order makes the measure
// deterministic, and a tie never counts in the engine's favour.
func worstFirstAmongTies(hits []index.Hit, grade func(index.Hit) int) []index.Hit {
	hits = append([]index.Hit(nil), hits...)
	grades := make(map[string]int, len(hits))
	for _, h := range hits {
		grades[h.ID] = grade(h)
	}
	sort.SliceStable(hits, func(a, b int) bool {
		if hits[a].Tier != hits[b].Tier {
			return hits[a].Tier < hits[b].Tier
		}
		if hits[a].Score != hits[b].Score {
			return hits[a].Score > hits[b].Score
		}
		if hits[a].Date != hits[b].Date {
			return hits[a].Date > hits[b].Date
		}
		if ga, gb := grades[hits[a].ID], grades[hits[b].ID]; ga != gb {
			return ga < gb
		}
		return hits[a].ID < hits[b].ID
	})
	return hits[:min(len(hits), ndcgDepth)]
}

// dcg is the discounted cumulative gain of grades in rank order, at most
// ndcgDepth of them: the sum of (2^g - 1) / log2(rank + 1).
func dcg(grades []int) float64 {
	s := 0.0
	for i, g := range grades {
		if i == ndcgDepth {
			break
		}
		s += (math.Exp2(float64(g)) - 1) / math.Log2(float64(i+2))
	}
	return s
}

// recorded is the content of ndcg.txt.
type recorded struct {
	mean     float64
	perQuery map[string]float64
}

const ndcgHeader = `# nDCG@10 of the judged queries of judgments.txt, measured by TestRelevance
# (index/relevance_test.go). The test fails when the mean falls more than 0.005
# below the recorded mean, or one query more than 0.2 below its own value.
# Rewrite after a deliberate change: go test -run Relevance ./index -update
`

func readRecorded(path string) (*recorded, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	rec := &recorded{mean: math.NaN(), perQuery: map[string]float64{}}
	for n, line := range strings.Split(string(b), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		v, key, ok := strings.Cut(line, "\t")
		x, err := strconv.ParseFloat(v, 64)
		if !ok || err != nil {
			return nil, fmt.Errorf("%s:%d: want VALUE<tab>QUERY or VALUE<tab>(mean): %q", path, n+1, line)
		}
		if key == "(mean)" {
			rec.mean = x
		} else {
			rec.perQuery[key] = x
		}
	}
	if math.IsNaN(rec.mean) {
		return nil, fmt.Errorf("%s: no (mean) line", path)
	}
	return rec, nil
}

func writeRecorded(path string, mean float64, keys []string, values []float64) error {
	var b strings.Builder
	b.WriteString(ndcgHeader)
	fmt.Fprintf(&b, "%.4f\t(mean)\n", mean)
	for i, k := range keys {
		fmt.Fprintf(&b, "%.4f\t%s\n", values[i], k)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func TestRelevance(t *testing.T) {
	judgments, err := parseJudgments(filepath.Join(relevanceDir, "judgments.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(judgments), 40; got < want {
		t.Fatalf("judgments.txt has %d queries; want at least %d", got, want)
	}
	idx, docs := relevanceCorpus(t)
	ids := make([]string, 0, len(docs))
	for id := range docs {
		ids = append(ids, id)
	}
	sort.Strings(ids)

	ctx := context.Background()
	keys := make([]string, len(judgments))
	values := make([]float64, len(judgments))
	seen := map[string]int{}
	var table strings.Builder
	fmt.Fprintf(&table, "\n%-6s  %-6s  %-22s  %s\n", "nDCG", "ideal", "grades of the top 10", "query")
	for i, j := range judgments {
		keys[i] = j.key()
		if first, dup := seen[keys[i]]; dup {
			t.Fatalf("judgments.txt:%d: query %q is judged twice (also line %d)", j.line, keys[i], first)
		}
		seen[keys[i]] = j.line
		for _, r := range j.rules {
			for _, s := range r.all {
				if s.kind == "id" && docs[s.value] == nil {
					t.Fatalf("judgments.txt:%d: %q: no question has the id %s", j.line, j.query, s.value)
				}
			}
		}

		var ideal []int
		for _, id := range ids {
			if g := j.grade(docs[id]); g > 0 {
				ideal = append(ideal, g)
			}
		}
		sort.Sort(sort.Reverse(sort.IntSlice(ideal)))
		idcg := dcg(ideal)
		if idcg == 0 {
			t.Fatalf("judgments.txt:%d: %q: no question of the corpus is relevant", j.line, j.query)
		}

		res, err := idx.Search(ctx, index.Request{Query: j.query, Filters: j.filters, Size: tieWindow})
		var hits []index.Hit
		var grades []int
		if err != nil {
			t.Errorf("Search(%q): %v", keys[i], err)
		} else {
			hits = worstFirstAmongTies(res.Hits, func(h index.Hit) int {
				d := docs[h.ID]
				if d == nil {
					t.Fatalf("Search(%q): hit %s is not a question of the corpus", keys[i], h.ID)
				}
				return j.grade(d)
			})
			for _, h := range hits {
				grades = append(grades, j.grade(docs[h.ID]))
			}
		}
		values[i] = dcg(grades) / idcg
		gs := make([]string, len(grades))
		for k, g := range grades {
			gs[k] = strconv.Itoa(g)
		}
		fmt.Fprintf(&table, "%.4f  %-6.2f  %-22s  %s\n", values[i], idcg, strings.Join(gs, " "), keys[i])
		if *showHits && res != nil {
			fmt.Fprintf(&table, "        %d hits, %d judged relevant\n", res.Total, len(ideal))
			for k, h := range hits {
				d := docs[h.ID]
				fmt.Fprintf(&table, "        %d  %-7.3f %-22s %-10s %s  [%s]\n", grades[k], h.Score, d.group, h.Date, h.Title, h.Company)
			}
			if res.Suggestion != "" {
				fmt.Fprintf(&table, "        suggestion: %q\n", res.Suggestion)
			}
		}
	}
	mean := 0.0
	for _, v := range values {
		mean += v
	}
	mean /= float64(len(values))
	fmt.Fprintf(&table, "%.4f  mean nDCG@%d of %d queries\n", mean, ndcgDepth, len(values))
	t.Log(table.String())

	path := filepath.Join(relevanceDir, "ndcg.txt")
	if *update {
		if err := writeRecorded(path, mean, keys, values); err != nil {
			t.Fatal(err)
		}
		t.Logf("recorded mean nDCG@%d %.4f in %s", ndcgDepth, mean, path)
		return
	}
	rec, err := readRecorded(path)
	if err != nil {
		t.Fatalf("%v (record the values with -update)", err)
	}
	if mean < rec.mean-meanSlack {
		t.Errorf("mean nDCG@%d = %.4f, want at least %.4f (recorded %.4f in %s)", ndcgDepth, mean, rec.mean-meanSlack, rec.mean, path)
	}
	for i, k := range keys {
		want, ok := rec.perQuery[k]
		if !ok {
			t.Errorf("query %q has no recorded nDCG@%d in %s; record it with -update", k, ndcgDepth, path)
			continue
		}
		if values[i] < want-querySlack {
			t.Errorf("nDCG@%d of %q = %.4f, want at least %.4f (recorded %.4f)", ndcgDepth, k, values[i], want-querySlack, want)
		}
	}
}

func TestRelevanceMeasure(t *testing.T) {
	tests := []struct {
		name   string
		grades []int
		want   float64
	}{
		{"none", nil, 0},
		{"one perfect hit", []int{3}, 7},
		{"gains 2^g-1, discount log2(rank+1)", []int{3, 2, 3, 0, 1, 2}, 13.848263629272981},
		{"only the first 10 count", []int{3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, 31.80491536661842},
	}
	for _, tt := range tests {
		if got := dcg(tt.grades); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: dcg(%v) = %v, want %v", tt.name, tt.grades, got, tt.want)
		}
	}
}

func TestRelevanceJudgmentsFormat(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, text string
		wantErr    string // "" for a file that parses
		doc        judgedDoc
		wantGrade  int // of doc
		wantKey    string
		wantFilter map[string][]string
	}{
		{
			name:      "group and conjunction",
			text:      "# c\nquery: lru cache\n3 group lru-cache & company amazon\n1 topic caching\n",
			doc:       judgedDoc{group: "lru-cache", topic: "caching", company: "Google"},
			wantGrade: 1, wantKey: "lru cache",
		},
		{
			name:      "highest grade wins",
			text:      "query: lru\n1 topic caching\n3 group lru-cache\n",
			doc:       judgedDoc{group: "lru-cache", topic: "caching"},
			wantGrade: 3, wantKey: "lru",
		},
		{
			name:       "filters are normalised and grade 0 outside them",
			text:       "query: two sum\nfilter: company = google | fb\nfilter: category = DSA\n3 group two-sum\n",
			doc:        judgedDoc{group: "two-sum", company: "Amazon", category: index.CategoryDSA},
			wantGrade:  0,
			wantKey:    "two sum [category=Data Structures & Algorithms; company=Google|Meta]",
			wantFilter: map[string][]string{"company": {"Google", "Meta"}, "category": {index.CategoryDSA}},
		},
		{name: "grade out of range", text: "query: x\n4 group a\n", wantErr: "GRADE 1, 2 or 3"},
		{name: "unknown selector", text: "query: x\n3 title a\n", wantErr: `unknown selector "title"`},
		{name: "line before a query", text: "3 group a\n", wantErr: "before the first query"},
		{name: "unknown filter field", text: "query: x\nfilter: colour = red\n3 group a\n", wantErr: "want filter:"},
	}
	for i, tt := range tests {
		path := filepath.Join(dir, strconv.Itoa(i)+".txt")
		if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
			t.Fatal(err)
		}
		js, err := parseJudgments(path)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%s: got error %v, want one containing %q", tt.name, err, tt.wantErr)
			}
			continue
		}
		if err != nil || len(js) != 1 {
			t.Errorf("%s: got %d judgments, error %v; want 1, nil", tt.name, len(js), err)
			continue
		}
		if got := js[0].grade(&tt.doc); got != tt.wantGrade {
			t.Errorf("%s: got grade %d, want %d", tt.name, got, tt.wantGrade)
		}
		if got := js[0].key(); got != tt.wantKey {
			t.Errorf("%s: got key %q, want %q", tt.name, got, tt.wantKey)
		}
		if diff := cmp.Diff(tt.wantFilter, js[0].filters); diff != "" {
			t.Errorf("%s: filters differ (-want +got):\n%s", tt.name, diff)
		}
	}
}
