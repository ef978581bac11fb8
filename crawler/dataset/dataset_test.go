package dataset

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/askedat/askedat"
)

// memWriter keeps what an import writes.
type memWriter struct{ exps []askedat.Experience }

func (w *memWriter) Write(e *askedat.Experience) error {
	w.exps = append(w.exps, *e)
	return nil
}

// jsonlWriter writes JSON Lines, as the crawler's output does.
type jsonlWriter struct{ enc *askedat.Encoder }

func (w jsonlWriter) Write(e *askedat.Experience) error {
	if err := w.enc.Encode(e); err != nil {
		return err
	}
	return w.enc.Flush()
}

func mustMapping(t *testing.T, file string) *Mapping {
	t.Helper()
	m, err := LoadMapping(file)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func mustBuiltin(t *testing.T, name string) *Mapping {
	t.Helper()
	m, err := Builtin(name)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// importAll imports inputs with m, checks the report's books balance and
// that the JSON Lines written pass the indexer's decoding and checks, and
// returns what was written.
func importAll(t *testing.T, m *Mapping, opt Options, inputs ...string) ([]askedat.Experience, *Report) {
	t.Helper()
	var w memWriter
	var buf bytes.Buffer
	jw := jsonlWriter{askedat.NewEncoder(&buf)}
	rep, err := Import(context.Background(), m, inputs, teeWriter{&w, jw}, opt)
	if err != nil {
		t.Fatalf("Import(%s, %q): %v", m.Name, inputs, err)
	}
	checkBooks(t, rep, w.exps)
	if n := checkDecodes(t, &buf); n != len(w.exps) {
		t.Errorf("decoded %d experiences of the %d written", n, len(w.exps))
	}
	return w.exps, rep
}

// teeWriter writes to both its writers.
type teeWriter [2]Writer

func (w teeWriter) Write(e *askedat.Experience) error {
	if err := w[0].Write(e); err != nil {
		return err
	}
	return w[1].Write(e)
}

// checkBooks checks that no row went missing: every row read is imported
// or rejected, each rejection is listed, and the counts match the output.
func checkBooks(t *testing.T, rep *Report, exps []askedat.Experience) {
	t.Helper()
	if rep.RowsRead != rep.RowsImported+rep.RowsRejected {
		t.Errorf("rows read %d != imported %d + rejected %d", rep.RowsRead, rep.RowsImported, rep.RowsRejected)
	}
	if len(rep.Rejected) != rep.RowsRejected {
		t.Errorf("%d rejected rows listed, %d counted", len(rep.Rejected), rep.RowsRejected)
	}
	if rep.Experiences != len(exps) {
		t.Errorf("report says %d experiences, %d written", rep.Experiences, len(exps))
	}
	n := 0
	for _, e := range exps {
		n += len(e.Questions)
	}
	if rep.Questions != n {
		t.Errorf("report says %d questions, %d written", rep.Questions, n)
	}
}

// TestMappingIsData imports one set of reviews written three ways (CSV
// with other column names and a numbered list in a cell, a JSON array
// with nested keys and a question list, JSON Lines with question objects),
// each with its own mapping file and no code of its own: all three give
// the same experiences.
func TestMappingIsData(t *testing.T) {
	want := []askedat.Experience{
		{
			Title: "Backend Engineer at Acme Corp", Company: "Acme Corp", Role: "Back-End Developer", Status: "Offer", Date: "2024-02-10",
			Questions: []askedat.Question{
				{Ordinal: 1, Title: "Reverse a linked list", Category: askedat.CategoryDSA},
				{Ordinal: 2, Title: "Why do you want to join Acme?", Category: askedat.CategoryBehavioral},
				{Ordinal: 3, Title: "Design a rate limiter for an API", Category: askedat.CategorySystemDesign},
			},
		},
		{
			Title: "Data Analyst at Acme Corp", Company: "Acme Corp", Role: "Data Analyst", Status: "Rejected", Date: "2023-11-05",
			Questions: []askedat.Question{
				{Ordinal: 1, Title: "What is a left join in SQL?", Category: askedat.CategoryOther},
				{Ordinal: 2, Title: "Tell me about yourself", Category: askedat.CategoryBehavioral},
			},
		},
		{Title: "Backend Engineer at Globex", Company: "Globex", Role: "Back-End Developer", Status: "Rejected", Date: "2024-05-01"},
	}
	var ids [][]string
	for _, file := range []string{"reviews.csv", "reviews.json", "reviews.jsonl"} {
		t.Run(file, func(t *testing.T) {
			in := filepath.Join("testdata", file)
			got, rep := importAll(t, mustMapping(t, in+".mapping.json"), Options{}, in)
			var gotIDs []string
			for _, e := range got {
				gotIDs = append(gotIDs, e.ID)
				if err := e.Validate(); err != nil {
					t.Errorf("%s: %v", file, err)
				}
			}
			ids = append(ids, gotIDs)
			ignore := cmpopts.IgnoreFields(askedat.Experience{}, "ID", "Source", "Extractor", "StatusRaw", "RoleRaw")
			ignoreQ := cmpopts.IgnoreFields(askedat.Question{}, "CategoryInferred", "CategoryRaw")
			if diff := cmp.Diff(want, got, ignore, ignoreQ, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Import(%s) (-want +got):\n%s", file, diff)
			}
			if rep.RowsRead != 3 || rep.RowsRejected != 0 {
				t.Errorf("Import(%s): %d rows read, %d rejected; want 3, 0", file, rep.RowsRead, rep.RowsRejected)
			}
			// The third review has no questions: imported, with a warning.
			if len(rep.Warnings) != 1 || rep.Warnings[0].Row != 3 || !strings.Contains(rep.Warnings[0].Reason, "no questions") {
				t.Errorf("Import(%s) warnings = %v, want one for row 3 without questions", file, rep.Warnings)
			}
		})
	}
	// The id comes from the review's id column, hashed with the mapping's
	// name: the same review gets the same id whichever file it came in.
	for i := 1; i < len(ids); i++ {
		if diff := cmp.Diff(ids[0], ids[i]); diff != "" {
			t.Errorf("ids differ between formats (-csv +other):\n%s", diff)
		}
	}
}

func TestStatedAndInferredCategories(t *testing.T) {
	in := filepath.Join("testdata", "reviews.jsonl")
	got, rep := importAll(t, mustMapping(t, in+".mapping.json"), Options{}, in)
	// The JSON Lines file states every category ("coding", "hr", …).
	if rep.CategoriesInferred != 0 {
		t.Errorf("JSON Lines import inferred %d categories, want 0 (all stated)", rep.CategoriesInferred)
	}
	if q := got[0].Questions[0]; q.CategoryRaw != "coding" || q.CategoryInferred {
		t.Errorf("first question: category_raw %q, inferred %v; want \"coding\", false", q.CategoryRaw, q.CategoryInferred)
	}
	in = filepath.Join("testdata", "reviews.csv")
	got, rep = importAll(t, mustMapping(t, in+".mapping.json"), Options{}, in)
	if rep.CategoriesInferred != 5 {
		t.Errorf("CSV import inferred %d categories, want 5 (none stated)", rep.CategoriesInferred)
	}
	if q := got[0].Questions[0]; !q.CategoryInferred {
		t.Errorf("CSV question %q not marked inferred", q.Title)
	}
}

// TestBadRows imports rows in the Glassdoor layout, most of them broken:
// each broken row is rejected with its row and line, and nothing is lost.
func TestBadRows(t *testing.T) {
	in := filepath.Join("testdata", "bad.csv")
	got, rep := importAll(t, mustBuiltin(t, "glassdoor"), Options{}, in)
	type problem struct {
		Row, Line int
		Reason    string
	}
	var gotRejected, gotWarnings []problem
	for _, p := range rep.Rejected {
		gotRejected = append(gotRejected, problem{p.Row, p.Line, p.Reason})
	}
	for _, p := range rep.Warnings {
		gotWarnings = append(gotWarnings, problem{p.Row, p.Line, p.Reason})
	}
	wantRejected := []problem{
		{2, 4, `missing experience.role: column "Role Applied For" is empty`},
		{3, 5, `experience.date: unparsable date "31 Foo 2024" (layouts: "2 Jan 2006", "Jan 2, 2006", "2006-01-02", "2006-1-2")`},
		{4, 6, "has 4 fields, the header has 9"},
		{5, 7, "duplicate of row 1 (line 2): the same id " + got[0].ID},
		// Row 7 names no company: "I applied online." says none.
		{7, 10, `missing experience.company: template "{company}" is empty (var company: column "Application" does not match "I interviewed at (.+?)(?:\\s+\\(|\\s+in\\s+[A-Z][a-z]+\\.?\\s+\\d{4}|\\s*$)")`},
	}
	if diff := cmp.Diff(wantRejected, gotRejected); diff != "" {
		t.Errorf("rejected rows (-want +got):\n%s", diff)
	}
	wantWarnings := []problem{{6, 9, `no questions: column "Questions Asked" is empty`}}
	if diff := cmp.Diff(wantWarnings, gotWarnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if rep.RowsRead != 7 || len(got) != 2 {
		t.Errorf("%d rows read, %d experiences written; want 7, 2", rep.RowsRead, len(got))
	}
	for _, p := range rep.Rejected {
		if p.File != in {
			t.Errorf("rejected row %d: file %q, want %q", p.Row, p.File, in)
		}
	}

	// -set gives the company the last row lacks.
	got, rep = importAll(t, mustBuiltin(t, "glassdoor"), Options{Set: map[string]string{"company": "Initech"}}, in)
	if rep.RowsRejected != 4 || len(got) != 3 || got[2].Company != "Initech" || got[2].Title != "Analyst Interview at Initech" {
		t.Errorf("with -set company: %d rejected, %d written (last %q / %q); want 4, 3, Initech", rep.RowsRejected, len(got), got[len(got)-1].Company, got[len(got)-1].Title)
	}
}

// TestStrayQuote imports a table whose second row opens a quote it never
// closes: that row is rejected by its line, and each row after it, which
// the quote would have swallowed, is read on its own (one of them has a bad
// date and is rejected for it).
func TestStrayQuote(t *testing.T) {
	in := filepath.Join("testdata", "stray-quote.csv")
	got, rep := importAll(t, mustBuiltin(t, "glassdoor"), Options{}, in)
	type problem struct {
		Row, Line int
		Reason    string
	}
	var rejected []problem
	for _, p := range rep.Rejected {
		rejected = append(rejected, problem{p.Row, p.Line, p.Reason})
	}
	want := []problem{
		{2, 3, `malformed CSV: extraneous or missing " in quoted-field: a quote opened on this line runs on to line 7; the lines after it are read again as rows of their own`},
		{4, 5, `experience.date: unparsable date "31 Foo 2024" (layouts: "2 Jan 2006", "Jan 2, 2006", "2006-01-02", "2006-1-2")`},
	}
	if diff := cmp.Diff(want, rejected); diff != "" {
		t.Errorf("rejected rows (-want +got):\n%s", diff)
	}
	if rep.RowsRead != 6 || rep.RowsImported != 4 || len(got) != 4 {
		t.Errorf("%d rows read, %d imported, %d written; want 6, 4, 4", rep.RowsRead, rep.RowsImported, len(got))
	}
	var roles []string
	for _, e := range got {
		roles = append(roles, e.RoleRaw)
	}
	wantRoles := []string{"Software Engineer Interview", "Tester Interview", "Support Engineer Interview", "Designer Interview"}
	if diff := cmp.Diff(wantRoles, roles); diff != "" {
		t.Errorf("imported roles (-want +got):\n%s", diff)
	}
}

// TestStrayQuoteTwice has two rows that open quotes: the second one, in
// the lines read again after the first, is rejected the same way.
func TestStrayQuoteTwice(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "twice.csv")
	b, err := os.ReadFile(filepath.Join("testdata", "stray-quote.csv"))
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.Replace(b, []byte("6 Feb 2024,Support"), []byte("6 Feb 2024,\"Support"), 1)
	if err := os.WriteFile(in, b, 0o644); err != nil {
		t.Fatal(err)
	}
	_, rep := importAll(t, mustBuiltin(t, "glassdoor"), Options{}, in)
	var lines []int
	for _, p := range rep.Rejected {
		lines = append(lines, p.Line)
	}
	if diff := cmp.Diff([]int{3, 5, 6}, lines); diff != "" {
		t.Errorf("rejected lines (-want +got):\n%s", diff)
	}
	if rep.RowsRead != 6 || rep.RowsImported != 3 {
		t.Errorf("%d rows read, %d imported; want 6, 3", rep.RowsRead, rep.RowsImported)
	}
}

// TestNoRowsWarns checks that a file with a header and no rows, which
// loses nothing, is still reported.
func TestNoRowsWarns(t *testing.T) {
	in := filepath.Join(t.TempDir(), "empty.csv")
	if err := os.WriteFile(in, []byte("Interview Date,Role Applied For,Questions Asked\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, rep := importAll(t, mustBuiltin(t, "glassdoor"), Options{}, in)
	want := []Problem{{Position{File: in}, "no rows: the file has a header and nothing under it"}}
	if diff := cmp.Diff(want, rep.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	if rep.RowsRead != 0 {
		t.Errorf("%d rows read, want 0", rep.RowsRead)
	}
}

func TestBadJSON(t *testing.T) {
	dir := t.TempDir()
	m, err := ParseMapping(strings.NewReader(`{"name": "t", "input": "jsonl",
		"experience": {"title": {"column": "t", "required": true}, "date": {"column": "d", "date": ["2006-01-02"]}}}`))
	if err != nil {
		t.Fatal(err)
	}
	lines := `{"t": "one", "d": "2024-01-02"}
{"t": "two", "d": 
[1, 2]

{"t": "", "d": "2024-01-02"}
{"t": "five", "d": "January"}
{"t": "six"}
`
	file := filepath.Join(dir, "x.jsonl")
	os.WriteFile(file, []byte(lines), 0o644)
	got, rep := importAll(t, m, Options{}, file)
	var reasons []string
	for _, p := range rep.Rejected {
		reasons = append(reasons, fmt.Sprintf("row %d line %d: %s", p.Row, p.Line, p.Reason))
	}
	want := []string{
		"row 2 line 2: invalid JSON: unexpected EOF",
		"row 3 line 3: a JSON array, want an object",
		`row 4 line 5: missing experience.title: column "t" is empty`,
		`row 5 line 6: experience.date: unparsable date "January" (layouts: "2006-01-02")`,
	}
	if diff := cmp.Diff(want, reasons); diff != "" {
		t.Errorf("rejected (-want +got):\n%s", diff)
	}
	if len(got) != 2 {
		t.Errorf("%d experiences written, want 2", len(got))
	}

	// A JSON array that breaks off cannot be read on: an error that says
	// where, and the rows before it counted.
	m.Input = "json"
	arr := filepath.Join(dir, "x.json")
	os.WriteFile(arr, []byte("[\n{\"t\": \"one\"},\n{\"t\": \"two\"\n"), 0o644)
	var w memWriter
	rep, err = Import(context.Background(), m, []string{arr}, &w, Options{})
	if err == nil || !strings.Contains(err.Error(), "element 2 (line 3): invalid JSON") {
		t.Errorf("Import(broken array) error = %v, want one naming element 2, line 3", err)
	}
	if rep == nil || rep.RowsRead != 1 {
		t.Errorf("Import(broken array) report = %+v, want 1 row read", rep)
	}
}

func TestIDsAreStable(t *testing.T) {
	// The same rows from another folder, read twice, get the same ids.
	dir := t.TempDir()
	b, _ := os.ReadFile(filepath.Join("testdata", "bad.csv"))
	copyFile := filepath.Join(dir, "elsewhere.csv")
	os.WriteFile(copyFile, b, 0o644)
	m := mustBuiltin(t, "glassdoor")
	a, _ := importAll(t, m, Options{}, filepath.Join("testdata", "bad.csv"))
	c, _ := importAll(t, m, Options{}, copyFile)
	if len(a) == 0 || len(a) != len(c) {
		t.Fatalf("%d and %d experiences", len(a), len(c))
	}
	for i := range a {
		if a[i].ID != c[i].ID {
			t.Errorf("experience %d: id %s, then %s from a copy of the file", i, a[i].ID, c[i].ID)
		}
	}
}

func TestMappingErrors(t *testing.T) {
	tests := []struct {
		name, json, want string
	}{
		{"typo in a key", `{"name": "x", "input": "csv", "experience": {"title": {"colum": "T"}}}`, `unknown field "colum"`},
		{"unknown field", `{"name": "x", "input": "csv", "experience": {"title": "T", "salary": "S"}}`, "experience.salary: unknown field"},
		{"no title", `{"name": "x", "input": "csv", "experience": {"role": "R"}}`, `no experience field "title"`},
		{"bad input", `{"name": "x", "input": "xml", "experience": {"title": "T"}}`, `input "xml"`},
		{"no name", `{"input": "csv", "experience": {"title": "T"}}`, "no name"},
		{"two sources", `{"name": "x", "input": "csv", "experience": {"title": {"column": "T", "const": "c"}}}`, "exactly one of"},
		{"bad pattern", `{"name": "x", "input": "csv", "experience": {"title": {"column": "T", "pattern": "("}}}`, "pattern:"},
		{"bad layout", `{"name": "x", "input": "csv", "experience": {"title": "T", "date": {"column": "D", "date": ["dd/mm/yyyy"]}}}`, `date layout "dd/mm/yyyy"`},
		{"split on a scalar", `{"name": "x", "input": "csv", "experience": {"title": {"column": "T", "split": {"lines": true}}}}`, "split: only tags"},
		{"unclosed template", `{"name": "x", "input": "csv", "experience": {"title": {"template": "{Role at"}}}`, "unclosed {"},
		{"key without group", `{"name": "x", "input": "csv", "question_key": "{L}", "experience": {"title": "T"}, "question": {"title": "Q"}}`, "question_key needs group_by"},
		{"questions list in csv", `{"name": "x", "input": "csv", "questions": "qs", "experience": {"title": "T"}, "question": {"title": "Q"}}`, "needs json or jsonl"},
		{"merge on experience", `{"name": "x", "input": "csv", "experience": {"title": {"column": "T", "merge": "join"}}}`, "only question fields merge"},
		{"id option elsewhere", `{"name": "x", "input": "csv", "experience": {"title": {"column": "T", "id": "hash"}}}`, "only the experience field id"},
	}
	for _, tt := range tests {
		_, err := ParseMapping(strings.NewReader(tt.json))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: ParseMapping = %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
	if _, err := Builtin("monster"); err == nil || !strings.Contains(err.Error(), "glassdoor, leetcode") {
		t.Errorf("Builtin(monster) = %v, want an error listing the formats", err)
	}
}

func TestSetAddsAField(t *testing.T) {
	in := filepath.Join("testdata", "reviews.csv")
	got, _ := importAll(t, mustMapping(t, in+".mapping.json"), Options{Set: map[string]string{"level": "Senior", "company": "Initech"}}, in)
	for _, e := range got {
		if e.Level != "Senior" || e.Company != "Initech" {
			t.Errorf("%s: level %q, company %q; want the -set values Senior, Initech", e.Title, e.Level, e.Company)
		}
	}
}

func TestSetChecksNames(t *testing.T) {
	var w memWriter
	_, err := Import(context.Background(), mustBuiltin(t, "glassdoor"), []string{filepath.Join("testdata", "bad.csv")}, &w,
		Options{Set: map[string]string{"compnay": "X"}})
	if err == nil || !strings.Contains(err.Error(), "set compnay") {
		t.Errorf("Import with -set compnay = %v, want an error naming it", err)
	}
}

func TestFolderInput(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"Acme/1. Thirty Days.csv", "Acme/5. All.csv", "Globex/5. All.csv", "notes.txt", "_combined_all_companies.csv"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
	}
	head := "Difficulty,Title,Frequency,Acceptance Rate,Link,Topics\n"
	write := func(p, body string) { os.WriteFile(filepath.Join(dir, p), []byte(head+body), 0o644) }
	write("Acme/1. Thirty Days.csv", "EASY,Two Sum,100.0,0.5,https://leetcode.com/problems/two-sum,\"Array, Hash Table\"\n")
	write("Acme/5. All.csv", "EASY,Two Sum,80.0,0.5,https://leetcode.com/problems/two-sum,\"Array, Hash Table\"\n"+
		"HARD,Combine Two Tables,40.0,0.7,https://leetcode.com/problems/combine-two-tables,Database\n"+
		",,,,,\n")
	write("Globex/5. All.csv", "MEDIUM,LRU Cache,90.0,0.4,https://leetcode.com/problems/lru-cache,\"Hash Table, Design\"\n")
	write("_combined_all_companies.csv", "this file must not be read\n")
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a csv"), 0o644)

	got, rep := importAll(t, mustBuiltin(t, "leetcode"), Options{}, dir)
	if rep.Files != 3 || rep.RowsRead != 5 || rep.RowsRejected != 1 || rep.QuestionsMerged != 1 {
		t.Errorf("report: %d files, %d rows, %d rejected, %d merged; want 3, 5, 1, 1", rep.Files, rep.RowsRead, rep.RowsRejected, rep.QuestionsMerged)
	}
	if len(rep.Rejected) == 1 && (rep.Rejected[0].Row != 3 || !strings.Contains(rep.Rejected[0].Reason, "missing question.title")) {
		t.Errorf("rejected = %v, want row 3 of 5. All.csv without a title", rep.Rejected)
	}
	want := []askedat.Experience{
		{Title: "LeetCode problems asked at Acme", Company: "Acme", Questions: []askedat.Question{
			{Ordinal: 1, Title: "Two Sum", Category: askedat.CategoryDSA, Difficulty: "Easy", DifficultyRaw: "EASY",
				URL: "https://leetcode.com/problems/two-sum", Tags: []string{"Array", "Hash Table"},
				Body: "Thirty Days: frequency 100.0; All: frequency 80.0"},
			{Ordinal: 2, Title: "Combine Two Tables", Category: askedat.CategoryOther, Difficulty: "Hard", DifficultyRaw: "HARD",
				URL: "https://leetcode.com/problems/combine-two-tables", Tags: []string{"Database"}, Body: "All: frequency 40.0"},
		}},
		{Title: "LeetCode problems asked at Globex", Company: "Globex", Questions: []askedat.Question{
			{Ordinal: 1, Title: "LRU Cache", Category: askedat.CategoryDSA, Difficulty: "Medium", DifficultyRaw: "MEDIUM",
				URL: "https://leetcode.com/problems/lru-cache", Tags: []string{"Hash Table", "Design"}, Body: "All: frequency 90.0"},
		}},
	}
	ignore := cmpopts.IgnoreFields(askedat.Experience{}, "ID", "Source", "Extractor", "Summary")
	if diff := cmp.Diff(want, got, ignore, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Import(folder) (-want +got):\n%s", diff)
	}

	// A folder with no matching file is an error, not an empty import.
	empty := t.TempDir()
	var w memWriter
	if _, err := Import(context.Background(), mustBuiltin(t, "leetcode"), []string{empty}, &w, Options{}); err == nil {
		t.Errorf("Import(empty folder) = nil error, want one")
	}
	if _, err := Import(context.Background(), mustBuiltin(t, "leetcode"), []string{filepath.Join(dir, "missing")}, &w, Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Import(missing) = %v, want a not-exist error", err)
	}
}

func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	in := filepath.Join("testdata", "bad.csv")
	var w memWriter
	if _, err := Import(context.Background(), mustBuiltin(t, "glassdoor"), []string{in}, &w, Options{Progress: &buf}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "import:") || !strings.Contains(buf.String(), "rows") {
		t.Errorf("progress output = %q, want a line about the import", buf.String())
	}
}

func TestInterrupt(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var w memWriter
	_, err := Import(ctx, mustBuiltin(t, "glassdoor"), []string{filepath.Join("testdata", "bad.csv")}, &w, Options{})
	if !errors.Is(err, context.Canceled) || len(w.exps) != 0 {
		t.Errorf("Import(cancelled) = %v, %d written; want context.Canceled, none", err, len(w.exps))
	}
}

// checkDecodes decodes JSON Lines as the indexer does (askedat.NewDecoder,
// Normalize, Validate), fails on any error, and returns the count.
func checkDecodes(t *testing.T, r io.Reader) int {
	t.Helper()
	dec := askedat.NewDecoder(r)
	n := 0
	for {
		e, err := dec.Next()
		if errors.Is(err, io.EOF) {
			return n
		}
		if err != nil {
			t.Fatalf("decode line %d: %v", dec.Line(), err)
		}
		askedat.Normalize(&e)
		if err := e.Validate(); err != nil {
			t.Errorf("line %d: %v", dec.Line(), err)
		}
		n++
	}
}
