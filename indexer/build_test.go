package main

import (
	"bytes"
	"context"
	"encoding/json"
	"github.com/askedat/askedat"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/cli"
	"github.com/askedat/askedat/internal/datadir"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const goodAndBad = `{"id":"a","title":"Amazon SDE","company":"amazon","date":"2024-01-02","questions":[{"ordinal":1,"title":"Two Sum","category":"DSA","difficulty":"Easy","body":"b"},{"ordinal":2,"title":"LRU cache","category":"System Design","difficulty":"","body":"b"}]}
this is not json
{"id":"b","title":"Google SWE","company":"Google","questions":[{"ordinal":1,"title":"Merge intervals","category":"DSA","difficulty":"Medium","body":"b"}]}

{"id":"c","title":"Bad date","date":"yesterday","questions":[]}
{"id":"a","title":"Amazon SDE (edited)","company":"amazon","date":"2024-01-02","questions":[{"ordinal":1,"title":"Two Sum","category":"DSA","difficulty":"Easy","body":"b"}]}
{"id":"d","title":"No questions yet","company":"Zoho"}
`

func TestBuildReportsAndSkipsBadLines(t *testing.T) {
	docs := writeFile(t, "docs.jsonl", goodAndBad)
	dir := filepath.Join(t.TempDir(), "idx")
	reportPath := filepath.Join(t.TempDir(), "report.json")
	off := false
	rep, err := Build(context.Background(), Config{Docs: []string{docs}, IndexDir: dir, BatchSize: 2, Report: reportPath, Progress: &off}, &bytes.Buffer{})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	if got, want := [4]int{rep.Read, rep.Indexed, rep.Replaced, len(rep.Rejected)}, [4]int{6, 3, 1, 2}; got != want {
		t.Errorf("read, indexed, replaced, rejected = %v, want %v", got, want)
	}
	var lines []int
	for _, r := range rep.Rejected {
		lines = append(lines, r.Line)
	}
	if diff := cmp.Diff([]int{2, 5}, lines); diff != "" {
		t.Errorf("rejected lines (-want +got):\n%s", diff)
	}
	if !strings.Contains(rep.Rejected[1].Reason, "not YYYY-MM-DD") {
		t.Errorf("rejection reason = %q, want it to name the bad date", rep.Rejected[1].Reason)
	}
	// Two Sum (a) and Merge intervals (b) are different questions; the
	// replaced version's LRU cache is not counted.
	if got, want := rep.Clusters, 2; got != want {
		t.Errorf("clusters = %d, want %d", got, want)
	}
	// a (1 question after its replacement), b (1), d (0): 3 experiences + 2 questions.
	if got, want := rep.Documents, uint64(5); got != want {
		t.Errorf("documents = %d, want %d", got, want)
	}

	idx, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	res, err := idx.Search(context.Background(), askedat.Request{Query: "lru"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 0 {
		t.Errorf("search lru found %d hits, want 0: the replaced experience no longer has that question", res.Total)
	}
	e, err := idx.Experience(context.Background(), "a")
	if err != nil {
		t.Fatal(err)
	}
	if e.Title != "Amazon SDE (edited)" || e.Company != "Amazon" {
		t.Errorf("experience a = %q at %q, want the later line's title at Amazon", e.Title, e.Company)
	}

	raw, err := os.ReadFile(reportPath)
	if err != nil {
		t.Fatal(err)
	}
	var fromFile Report
	if err := json.Unmarshal(raw, &fromFile); err != nil {
		t.Fatalf("report is not JSON: %v", err)
	}
	if fromFile.Read != 6 || len(fromFile.Rejected) != 2 {
		t.Errorf("report file: read %d rejected %d, want 6 and 2", fromFile.Read, len(fromFile.Rejected))
	}
}

func TestBuildRefusesExistingUnlessForced(t *testing.T) {
	docs := writeFile(t, "docs.jsonl", goodAndBad)
	dir := filepath.Join(t.TempDir(), "idx")
	off := false
	cfg := Config{Docs: []string{docs}, IndexDir: dir, BatchSize: 100, Progress: &off}
	if _, err := Build(context.Background(), cfg, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	_, err := Build(context.Background(), cfg, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("second Build error = %v, want one saying the folder exists", err)
	}
	cfg.Force = true
	if _, err := Build(context.Background(), cfg, &bytes.Buffer{}); err != nil {
		t.Fatalf("Build with Force: %v", err)
	}
	left, _ := filepath.Glob(dir + ".*")
	if len(left) != 0 {
		t.Errorf("left behind %v, want no temporary folders", left)
	}
}

func TestRun(t *testing.T) {
	docs := writeFile(t, "docs.jsonl", goodAndBad)
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string // in stdout
		wantErr  string // in stderr
	}{
		{"builds", []string{"-docs", docs, "-index", "IDX"}, 0, "read 6 experiences, indexed 3", "indexing"},
		{"rejected lines are listed", []string{"-docs", docs, "-index", "IDX"}, 0, "rejected " + docs + ":2: invalid JSON", ""},
		{"no docs", []string{"-index", "IDX"}, 2, "", "give -docs"},
		{"no index", []string{"-docs", docs}, 2, "", "give -index"},
		{"missing file", []string{"-docs", "/nonexistent.jsonl", "-index", "IDX"}, 1, "", "no such file"},
		{"bad flag", []string{"-frobnicate"}, 2, "", "flag provided but not defined"},
		{"stray argument", []string{"-docs", docs, "-index", "IDX", "extra"}, 2, "", `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string(nil), tt.args...)
			for i, a := range args {
				if a == "IDX" {
					args[i] = filepath.Join(t.TempDir(), "idx")
				}
			}
			var out, errb bytes.Buffer
			code := run(context.Background(), args, &out, &errb)
			if code != tt.wantCode {
				t.Errorf("run(%q) = %d, want %d; stderr:\n%s", tt.args, code, tt.wantCode, errb.String())
			}
			if !strings.Contains(out.String(), tt.wantOut) {
				t.Errorf("run(%q) stdout = %q, want it to contain %q", tt.args, out.String(), tt.wantOut)
			}
			if !strings.Contains(errb.String(), tt.wantErr) {
				t.Errorf("run(%q) stderr = %q, want it to contain %q", tt.args, errb.String(), tt.wantErr)
			}
		})
	}
}

func TestFlags(t *testing.T) {
	var stderr bytes.Buffer
	cfg, code, ok := parseFlags([]string{"-docs", "a.jsonl", "-docs", "b.jsonl", "-index", "x", "-force", "-batch", "50", "-report", "r.json", "-log-format", "json"}, &bytes.Buffer{}, &stderr)
	if !ok {
		t.Fatalf("parseFlags = %d: %s", code, stderr.String())
	}
	want := Config{Docs: []string{"a.jsonl", "b.jsonl"}, IndexDir: "x", Force: true, BatchSize: 50, MaxLine: askedat.DefaultMaxLineBytes, Report: "r.json",
		Log: cli.LogConfig{Format: "json", Level: "info"}}
	if diff := cmp.Diff(want, cfg); diff != "" {
		t.Errorf("parseFlags (-want +got):\n%s", diff)
	}
}

func TestBuildRemovesWhatKilledBuildsLeft(t *testing.T) {
	docs := writeFile(t, "docs.jsonl", goodAndBad)
	parent := t.TempDir()
	dir := filepath.Join(parent, "idx")
	left := []string{"idx.building-99999", "idx.building-99998.final", "idx.old-99997"}
	for _, name := range append(left, "idx.building-4242", "idxother.building-1", "idx.building-5.txt") {
		if err := os.MkdirAll(filepath.Join(parent, name, "store"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.Remove(filepath.Join(parent, "idx.building-5.txt", "store"))
	os.Remove(filepath.Join(parent, "idx.building-5.txt"))
	os.WriteFile(filepath.Join(parent, "idx.building-5.txt"), nil, 0o644) // a file, not a build's folder
	// A build that is running holds its folder locked.
	running, err := os.Open(filepath.Join(parent, "idx.building-4242"))
	if err != nil {
		t.Fatal(err)
	}
	defer running.Close()
	if err := datadir.TryLock(running); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	off := false
	if _, err := Build(context.Background(), Config{Docs: []string{docs}, IndexDir: dir, BatchSize: 100, Progress: &off}, &log); err != nil {
		t.Fatal(err)
	}
	var got []string
	ents, _ := os.ReadDir(parent)
	for _, e := range ents {
		got = append(got, e.Name())
	}
	want := []string{"idx", "idx.building-4242", "idx.building-5.txt", "idxother.building-1"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("folder beside the index after a build (-want +got):\n%s", diff)
	}
	for _, name := range left {
		if !strings.Contains(log.String(), `msg="removed a folder left by a build that was killed" job=build folder=`+filepath.Join(parent, name)+"\n") {
			t.Errorf("log does not say %s was removed:\n%s", name, log.String())
		}
	}
}

func TestBuildReportIsReplacedWhole(t *testing.T) {
	docs := writeFile(t, "docs.jsonl", goodAndBad)
	reportPath := writeFile(t, "report.json", `{"old": true}`)
	reader, err := os.Open(reportPath)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	off := false
	if _, err := Build(context.Background(), Config{Docs: []string{docs}, IndexDir: filepath.Join(t.TempDir(), "idx"), BatchSize: 100, Report: reportPath, Progress: &off}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	// The old report, open while the new one was written, is still whole.
	if raw, _ := io.ReadAll(reader); string(raw) != `{"old": true}` {
		t.Errorf("the old report read during the build = %q, want it whole", raw)
	}
	var rep Report
	raw, _ := os.ReadFile(reportPath)
	if err := json.Unmarshal(raw, &rep); err != nil || rep.Read != 6 {
		t.Errorf("report = %s (%v), want the build's, 6 read", raw, err)
	}
}

func TestBuildFromStandardInput(t *testing.T) {
	stdin := writeFile(t, "stdin.jsonl", goodAndBad)
	f, err := os.Open(stdin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	saved := os.Stdin
	os.Stdin = f
	defer func() { os.Stdin = saved }()
	parent := t.TempDir()
	off := false
	rep, err := Build(context.Background(), Config{Docs: []string{"-"}, IndexDir: filepath.Join(parent, "idx"), BatchSize: 100, Progress: &off}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Indexed != 3 || len(rep.Rejected) != 2 || rep.Rejected[0].File != "-" || rep.Rejected[0].Line != 2 {
		t.Errorf("build of standard input: indexed %d, rejected %+v; want 3, and line 2 of - rejected first", rep.Indexed, rep.Rejected)
	}
	if ents, _ := os.ReadDir(parent); len(ents) != 1 {
		t.Errorf("beside the index: %v, want only idx (the copy of standard input is gone)", ents)
	}
}
