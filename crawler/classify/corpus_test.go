package classify

import (
	"encoding/csv"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/askedat/askedat/crawler/extract"
	"github.com/askedat/askedat/internal/corpus"
)

// TestTrainingTextHoldsNoEvaluatedQuestion keeps the evaluation honest: no
// labelled question that TestAccuracy measures on is in the training text.
func TestTrainingTextHoldsNoEvaluatedQuestion(t *testing.T) {
	train := trainingLines()
	dev, held := darwinbox(t)
	for _, l := range slices.Concat(seedQuestions(t), dev, held) {
		if train[foldText(l.title)] {
			t.Errorf("training text holds the evaluated question %q", l.title)
		}
	}
}

// TestTrainingTextHoldsNoCorpusText keeps the training text the project's
// own: none of its lines is (folded to letters and digits) a question or a
// line of a question of any page of ../shared/corpus/html, a line of a
// question cell of the Glassdoor tables, a LeetCode problem title or a
// LeetCode Discuss title. The corpus may not be copied into the
// repository, and a question copied from it would also be measured on.
func TestTrainingTextHoldsNoCorpusText(t *testing.T) {
	train := trainingLines()
	found := map[string]string{} // folded line → where
	add := func(where, text string) {
		for _, line := range strings.Split(text, "\n") {
			if k := foldText(line); k != "" && train[k] {
				found[k] = where + ": " + strings.TrimSpace(line)
			}
		}
	}
	n := 0
	for _, site := range []string{"geeksforgeeks", "glassdoor", "interviewexperiences"} {
		dir := corpus.Dir(t, "html", site)
		files, err := filepath.Glob(filepath.Join(dir, "*.html"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no pages in %s: %v", dir, err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			res, err := extract.Page(&url.URL{Scheme: "http", Host: "127.0.0.1:8080", Path: "/" + filepath.Base(f)}, b)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			for _, e := range res.Experiences {
				for _, q := range e.Questions {
					add(site+"/"+filepath.Base(f), q.Title+"\n"+q.Body)
					n++
				}
			}
		}
	}
	gd := corpus.Dir(t, "datasets", "glassdoor_interviews_dsnohwar")
	for _, name := range []string{"tcs_interviews.csv", "accenture_interviews.csv"} {
		for _, r := range corpus.ReadCSV(t, filepath.Join(gd, name)) {
			add(name, r["Questions Asked"])
			n++
		}
	}
	lc := corpus.Dir(t, "datasets", "leetcode_company_wise_liquidslr")
	for _, r := range readCSVColumn(t, filepath.Join(lc, "_combined_all_companies.csv"), "Title") {
		add("leetcode", r)
		n++
	}
	feed := corpus.Dir(t, "datasets", "leetcode_discuss_search_feed")
	b, err := os.ReadFile(filepath.Join(feed, "79c6f57909f11c9d.json"))
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Items []struct{ Title, Snippet string }
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("discuss feed: %v", err)
	}
	for _, it := range f.Items {
		add("leetcode discuss", it.Title+"\n"+it.Snippet)
		n++
	}
	t.Logf("%d training lines checked against %d corpus questions, cells and titles", len(train), n)
	for _, k := range slices.Sorted(mapsKeys(found)) {
		t.Errorf("training text holds a line of the corpus: %s", found[k])
	}
}

// readCSVColumn returns one column of a CSV file of the corpus.
func readCSVColumn(t *testing.T, file, col string) []string {
	t.Helper()
	fh, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	i := slices.Index(recs[0], col)
	if i < 0 {
		t.Fatalf("%s has no column %q", file, col)
	}
	var out []string
	for _, r := range recs[1:] {
		out = append(out, r[i])
	}
	return out
}
