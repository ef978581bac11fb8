package dataset

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/internal/corpus"
)

// TestGlassdoorDataset imports each Glassdoor table and checks its counts
// against counts made here from the CSV itself: every row is a review, an
// exact repeat of an earlier row is the only rejection, and a review whose
// question cell is empty is written with a warning.
func TestGlassdoorDataset(t *testing.T) {
	dir := corpus.Dir(t, "datasets", "glassdoor_interviews_dsnohwar")
	for _, tt := range []struct {
		file, company string
		rows          int // as SOURCES.md says
	}{
		{"tcs_interviews.csv", "Tata Consultancy Services", 1100},
		{"accenture_interviews.csv", "Accenture", 100},
	} {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			recs := corpus.ReadCSV(t, path)
			seen := map[string]bool{}
			repeats, emptyQuestions, withQuestions := 0, 0, 0
			for _, r := range recs {
				key := strings.Join([]string{r["Interview Date"], r["Role Applied For"], r["Candidate Detail"], r["Offer"],
					r["Experience"], r["Difficulty"], r["Application"], r["Process"], r["Questions Asked"]}, "\x00")
				if seen[key] {
					repeats++
					continue
				}
				seen[key] = true
				if strings.TrimSpace(r["Questions Asked"]) == "" {
					emptyQuestions++
				} else {
					withQuestions++
				}
			}
			if len(recs) != tt.rows {
				t.Fatalf("%s has %d rows, SOURCES.md says %d", tt.file, len(recs), tt.rows)
			}
			exps, rep := importAll(t, mustBuiltin(t, "glassdoor"), Options{}, path)
			t.Logf("%s: %d rows read, %d imported, %d rejected (repeats), %d experiences, %d questions, %d warnings",
				tt.file, rep.RowsRead, rep.RowsImported, rep.RowsRejected, rep.Experiences, rep.Questions, len(rep.Warnings))
			if rep.RowsRead != len(recs) || rep.RowsRejected != repeats || rep.Experiences != len(recs)-repeats {
				t.Errorf("read %d, rejected %d, experiences %d; want %d, %d, %d",
					rep.RowsRead, rep.RowsRejected, rep.Experiences, len(recs), repeats, len(recs)-repeats)
			}
			for _, p := range rep.Rejected {
				if !strings.HasPrefix(p.Reason, "duplicate of row ") {
					t.Errorf("rejected %v, want only repeats rejected", p)
				}
			}
			noQuestions := 0
			for _, w := range rep.Warnings {
				if strings.HasPrefix(w.Reason, "no questions") {
					noQuestions++
				}
			}
			// Warnings are given as rows are read, so a repeat of a review
			// without questions warns too; count those written.
			written := 0
			for _, e := range exps {
				if len(e.Questions) == 0 {
					written++
				}
			}
			if written != emptyQuestions || noQuestions < emptyQuestions {
				t.Errorf("%d reviews written without questions, %d warnings of it; want %d", written, noQuestions, emptyQuestions)
			}
			if rep.Questions < withQuestions {
				t.Errorf("%d questions from %d reviews with questions, want at least one each", rep.Questions, withQuestions)
			}
			if rep.CategoriesInferred != rep.Questions {
				t.Errorf("%d of %d categories inferred, want all (the table states none)", rep.CategoriesInferred, rep.Questions)
			}
			// The first review, checked against the CSV's own cells.
			first, e := recs[0], exps[0]
			day, err := time.Parse("2 Jan 2006", strings.Replace(first["Interview Date"], "Sept", "Sep", 1))
			if err != nil {
				t.Fatal(err)
			}
			if e.Company != tt.company || e.Date != day.Format(askedat.DateLayout) || e.RoleRaw != askedat.CleanSpace(first["Role Applied For"]) {
				t.Errorf("first review: company %q, date %q, raw role %q; want %q, %s, %q",
					e.Company, e.Date, e.RoleRaw, tt.company, day.Format(askedat.DateLayout), first["Role Applied For"])
			}
			for _, e := range exps {
				if e.Company != tt.company {
					t.Errorf("experience %s: company %q, want %q", e.ID, e.Company, tt.company)
				}
				if err := e.Validate(); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

// TestLeetCodeDataset imports the LeetCode folder and checks the counts
// against the CSV files read here: every row is imported, one experience
// per company with rows, one question per distinct problem of a company.
// The combined file gives the same companies, problems and windows.
func TestLeetCodeDataset(t *testing.T) {
	dir := corpus.Dir(t, "datasets", "leetcode_company_wise_liquidslr")
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, headerOnly := 0, 0
	problems := map[string]map[string][]string{} // company folder → link → windows
	for _, f := range files {
		company := filepath.Base(filepath.Dir(f))
		_, window, _ := strings.Cut(strings.TrimSuffix(filepath.Base(f), ".csv"), ". ")
		recs := corpus.ReadCSV(t, f)
		if len(recs) == 0 {
			headerOnly++
		}
		for _, r := range recs {
			rows++
			if problems[company] == nil {
				problems[company] = map[string][]string{}
			}
			problems[company][r["Link"]] = append(problems[company][r["Link"]], window)
		}
	}
	distinct := 0
	for _, ps := range problems {
		distinct += len(ps)
	}
	if len(files) != 2350 || rows != 18668 {
		t.Fatalf("%d files, %d rows; SOURCES.md says 2,350 and 18,668", len(files), rows)
	}

	exps, rep := importAll(t, mustBuiltin(t, "leetcode"), Options{}, dir)
	t.Logf("leetcode folder: %d files, %d rows read, %d imported, %d rejected, %d experiences, %d questions (%d rows merged into a question already seen)",
		rep.Files, rep.RowsRead, rep.RowsImported, rep.RowsRejected, rep.Experiences, rep.Questions, rep.QuestionsMerged)
	if rep.Files != len(files) || rep.RowsRead != rows || rep.RowsRejected != 0 {
		t.Errorf("%d files, %d rows, %d rejected; want %d, %d, 0", rep.Files, rep.RowsRead, rep.RowsRejected, len(files), rows)
	}
	noRows := 0
	for _, w := range rep.Warnings {
		if strings.HasPrefix(w.Reason, "no rows") {
			noRows++
		}
	}
	if noRows != headerOnly || headerOnly == 0 {
		t.Errorf("%d warnings of files without rows; want %d, one for each file that has only its header", noRows, headerOnly)
	}
	if rep.Experiences != len(problems) || rep.Questions != distinct || rep.QuestionsMerged != rows-distinct {
		t.Errorf("%d experiences, %d questions, %d merged; want %d, %d, %d",
			rep.Experiences, rep.Questions, rep.QuestionsMerged, len(problems), distinct, rows-distinct)
	}
	for _, e := range exps {
		if err := e.Validate(); err != nil {
			t.Error(err)
		}
	}
	google := find(exps, "Google")
	if google == nil {
		t.Fatal("no experience for Google")
	}
	if len(google.Questions) != len(problems["Google"]) {
		t.Errorf("Google: %d questions, want %d", len(google.Questions), len(problems["Google"]))
	}
	for _, q := range google.Questions {
		windows := problems["Google"][q.URL]
		for _, w := range windows {
			if !strings.Contains(q.Body, w+": frequency ") {
				t.Errorf("Google %q: body %q does not name window %q", q.Title, q.Body, w)
			}
		}
		if len(windows) == 0 || q.Difficulty == "" || q.Category == "" || q.CategoryInferred {
			t.Errorf("Google %q: windows %v, difficulty %q, category %q (inferred %v)", q.Title, windows, q.Difficulty, q.Category, q.CategoryInferred)
		}
	}
	twoSum := google.Questions[slices.IndexFunc(google.Questions, func(q askedat.Question) bool { return q.Title == "Two Sum" })]
	if twoSum.URL != "https://leetcode.com/problems/two-sum" || !slices.Contains(twoSum.Tags, "Hash Table") || twoSum.Difficulty != "Easy" {
		t.Errorf("Google Two Sum = %+v", twoSum)
	}

	// The combined file: the same companies, problems and windows.
	combined, rep2 := importAll(t, mustBuiltin(t, "leetcode"), Options{}, filepath.Join(dir, "_combined_all_companies.csv"))
	if rep2.RowsRead != rows || rep2.Experiences != rep.Experiences || rep2.Questions != rep.Questions {
		t.Errorf("combined file: %d rows, %d experiences, %d questions; want %d, %d, %d",
			rep2.RowsRead, rep2.Experiences, rep2.Questions, rows, rep.Experiences, rep.Questions)
	}
	for _, e := range exps {
		c := find(combined, e.Company)
		if c == nil || c.ID != e.ID {
			t.Errorf("%s: missing from the combined import, or another id", e.Company)
			continue
		}
		if got, want := questionSet(c), questionSet(&e); !slices.Equal(got, want) {
			t.Errorf("%s: the combined file gives other questions", e.Company)
		}
	}
}

func find(exps []askedat.Experience, company string) *askedat.Experience {
	for i := range exps {
		if exps[i].Company == company {
			return &exps[i]
		}
	}
	return nil
}

// questionSet returns e's questions as sorted "url|title|difficulty|tags|
// windows" lines, the windows sorted too.
func questionSet(e *askedat.Experience) []string {
	var out []string
	for _, q := range e.Questions {
		windows := strings.Split(q.Body, "; ")
		slices.Sort(windows)
		out = append(out, strings.Join([]string{q.URL, q.Title, q.Difficulty, strings.Join(q.Tags, ","), strings.Join(windows, ";")}, "|"))
	}
	slices.Sort(out)
	return out
}
