package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/crawler/dataset"
	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/corpus"
)

func TestImportFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    ImportConfig
		wantErr string
	}{
		{
			args: []string{"-format", "glassdoor", "a.csv", "-out", "x.jsonl"},
			want: ImportConfig{Format: "glassdoor", Inputs: []string{"a.csv"}, Out: "x.jsonl", Log: defaultLog},
		},
		{
			args: []string{"a.csv", "-mapping", "m.json", "b/", "-out", "x.jsonl", "-report", "r.json", "-set", "company=Acme Corp", "-set", "role=Analyst"},
			want: ImportConfig{Mapping: "m.json", Inputs: []string{"a.csv", "b/"}, Out: "x.jsonl", Report: "r.json",
				Set: map[string]string{"company": "Acme Corp", "role": "Analyst"}, Log: defaultLog},
		},
		{args: []string{"a.csv", "-out", "x.jsonl"}, wantErr: "no -format or -mapping given"},
		{args: []string{"-format", "leetcode", "-mapping", "m.json", "a", "-out", "x"}, wantErr: "not both"},
		{args: []string{"-format", "leetcode", "-out", "x"}, wantErr: "no input FILE or FOLDER given"},
		{args: []string{"-format", "leetcode", "a"}, wantErr: "no -out given"},
		{args: []string{"-format", "leetcode", "a", "-out", "x", "-set", "company"}, wantErr: "want NAME=VALUE"},
		{args: []string{"-format", "leetcode", "a", "-bogus"}, wantErr: "crawler import: flag provided but not defined: -bogus; run 'crawler import -help' for usage\n"},
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		got, err := parseImportFlags(tt.args, io.Discard, &stderr)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error()+stderr.String(), tt.wantErr) {
				t.Errorf("parseImportFlags(%q) = %v, printed %q; want an error %q", tt.args, err, stderr.String(), tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseImportFlags(%q): %v", tt.args, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("parseImportFlags(%q) (-want +got):\n%s", tt.args, diff)
		}
	}
	var stderr bytes.Buffer
	if _, err := parseImportFlags([]string{"-h"}, io.Discard, &stderr); !errors.Is(err, flag.ErrHelp) || !strings.Contains(stderr.String(), "Built-in formats") {
		t.Errorf("import -h = %v, printed %q; want the usage", err, stderr.String())
	}
}

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	out, report := filepath.Join(dir, "out.jsonl"), filepath.Join(dir, "report.json")
	in := filepath.Join("dataset", "testdata", "bad.csv")
	var stdout, stderr bytes.Buffer
	code := dispatch(context.Background(), []string{"import", "-format", "glassdoor", in, "-out", out, "-report", report}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("crawler import = %d, want 0; stderr:\n%s", code, stderr.String())
	}
	for _, want := range []string{"7 rows read from 1 file: 2 imported, 5 rejected", "bad.csv row 3 (line 5): experience.date: unparsable date"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr does not say %q:\n%s", want, stderr.String())
		}
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("output: %v", err)
	}
	if left := tempsOf(t, out); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	n := bytes.Count(b, []byte("\n"))
	b, err = os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var rep dataset.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatalf("report: %v", err)
	}
	if rep.RowsRead != 7 || rep.RowsRejected != 5 || rep.Experiences != n || len(rep.Rejected) != 5 || rep.Rejected[0].Row != 2 {
		t.Errorf("report = %+v, want 7 rows read, 5 rejected (from row 2), %d experiences", rep, n)
	}
}

func TestImportFailsCleanly(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.jsonl")
	broken := filepath.Join(dir, "broken.json")
	os.WriteFile(broken, []byte(`[{"t": "a"}, {"t": `), 0o644)
	mapping := filepath.Join(dir, "m.json")
	os.WriteFile(mapping, []byte(`{"name": "t", "input": "json", "experience": {"title": "t"}}`), 0o644)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-format", "monster", "x.csv"}, `unknown format "monster"`},
		{[]string{"-format", "glassdoor", filepath.Join(dir, "missing.csv")}, "no such file"},
		{[]string{"-mapping", filepath.Join(dir, "nope.json"), "x.csv"}, "mapping:"},
		{[]string{"-mapping", mapping, broken}, "element 2 (line 1): invalid JSON"},
	} {
		var stdout, stderr bytes.Buffer
		code := dispatch(context.Background(), append([]string{"import", "-out", out}, tt.args...), &stdout, &stderr)
		if code != 1 || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("crawler import %q = %d, printed %q; want 1 and %q", tt.args, code, stderr.String(), tt.want)
		}
		if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("crawler import %q left %s", tt.args, out)
		}
		if left := tempsOf(t, out); len(left) > 0 {
			t.Errorf("crawler import %q left %v", tt.args, left)
		}
	}
}

// TestImportThenIndex imports a shared dataset, builds an index from it
// with the indexer command, and finds one of the dataset's questions.
func TestImportThenIndex(t *testing.T) {
	dir := corpus.Dir(t, "datasets", "glassdoor_interviews_dsnohwar")
	csvFile := filepath.Join(dir, "accenture_interviews.csv")
	tmp := t.TempDir()
	docs := filepath.Join(tmp, "docs.jsonl")
	if err := importFiles(context.Background(), ImportConfig{Format: "glassdoor", Inputs: []string{csvFile}, Out: docs}, io.Discard); err != nil {
		t.Fatal(err)
	}

	// A question, read from the CSV here: the first line of the first
	// question cell with a long one.
	want := knownQuestion(t, csvFile)
	words := regexp.MustCompile(`[A-Za-z]{3,}`).FindAllString(want, 6)

	bin := filepath.Join(tmp, "indexer")
	if out, err := exec.Command("go", "build", "-o", bin, "../indexer").CombinedOutput(); err != nil {
		t.Fatalf("go build indexer: %v\n%s", err, out)
	}
	idxDir, idxReport := filepath.Join(tmp, "index"), filepath.Join(tmp, "index-report.json")
	if out, err := exec.Command(bin, "-docs", docs, "-index", idxDir, "-report", idxReport).CombinedOutput(); err != nil {
		t.Fatalf("indexer: %v\n%s", err, out)
	}
	// The indexer took every experience: none failed its checks.
	var built struct {
		Read, Indexed int
		Rejected      []json.RawMessage
	}
	if b, err := os.ReadFile(idxReport); err != nil || json.Unmarshal(b, &built) != nil {
		t.Fatalf("indexer report: %v", err)
	}
	written, err := os.ReadFile(docs)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(written, []byte("\n")); n == 0 || built.Read != n || built.Indexed != n || len(built.Rejected) != 0 {
		t.Errorf("indexer read %d, indexed %d, rejected %d of the %d experiences imported", built.Read, built.Indexed, len(built.Rejected), n)
	}
	idx, err := index.OpenReadOnly(idxDir)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	res, err := idx.Search(context.Background(), askedat.Request{
		Query:   strings.Join(words, " "),
		Filters: map[string][]string{"company": {"Accenture"}},
	})
	if err != nil {
		t.Fatalf("Search(%q): %v", words, err)
	}
	found := false
	for _, h := range res.Hits {
		if h.Title == want && h.Company == "Accenture" && h.Category != "" {
			found = true
		}
	}
	if !found {
		t.Errorf("Search(%q) found %d hits, none titled %q", words, res.Total, want)
	}
}

// knownQuestion returns the first line of the first "Questions Asked" cell
// of file with five words or more and no "?" or ".".
func knownQuestion(t *testing.T, file string) string {
	t.Helper()
	for _, r := range corpus.ReadCSV(t, file) {
		first, _, _ := strings.Cut(strings.TrimSpace(r["Questions Asked"]), "\n")
		if first = strings.TrimSpace(first); len(strings.Fields(first)) >= 5 && !strings.ContainsAny(first, "?.") {
			return askedat.CleanSpace(first)
		}
	}
	t.Fatalf("%s: no question of five words or more", file)
	return ""
}
