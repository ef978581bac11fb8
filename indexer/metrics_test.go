package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/internal/jobmetrics"
)

// runCommand runs the indexer with args as a user does, and returns its
// -report, decoded into rep.
func runCommand(t *testing.T, rep any, args ...string) {
	t.Helper()
	report := filepath.Join(t.TempDir(), "report.json")
	if rep != nil {
		args = append(args, "-report", report)
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("indexer %q = %d:\n%s%s", args, code, stdout.String(), stderr.String())
	}
	if rep == nil {
		return
	}
	raw, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, rep); err != nil {
		t.Fatal(err)
	}
}

type metricWant struct {
	name  string
	value float64
}

func checkJobMetrics(t *testing.T, path, command string, wants []metricWant, extra map[string]map[string]string) {
	t.Helper()
	mfs, err := jobmetrics.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range wants {
		labels := map[string]string{"command": command}
		for k, v := range extra[w.name] {
			labels[k] = v
		}
		got, ok := jobmetrics.Value(mfs, "askedat_indexer_"+w.name, labels)
		if !ok || got != w.value {
			t.Errorf("indexer %s: askedat_indexer_%s%v = %v (present %v), want %v", command, w.name, labels, got, ok, w.value)
		}
	}
}

func TestJobMetricsFiles(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	exps := sampleDocs(40, 1)
	docs := writeDocs(t, exps, `not json`, `{"id":"x"}`)

	// reindex
	var re struct {
		Read, Indexed, Documents, Clusters, Questions int
		Rejected                                      []Rejection
		NewVersion                                    string `json:"new_version"`
		Smoke                                         SmokeSummary
	}
	prom := filepath.Join(dir, "reindex.prom")
	runCommand(t, &re, "reindex", "-docs", docs, "-data", data, "-metrics", prom)
	if re.Read != 42 || len(re.Rejected) != 2 || re.Indexed != 40 {
		t.Fatalf("reindex report: read %d, rejected %d, indexed %d; want 42, 2, 40", re.Read, len(re.Rejected), re.Indexed)
	}
	checkJobMetrics(t, prom, "reindex", []metricWant{
		{"lines_read_total", 42}, {"experiences_indexed_total", 40}, {"rejected_total", 2}, {"replaced_total", 0},
		{"documents", float64(re.Documents)}, {"questions", float64(re.Questions)}, {"clusters", float64(re.Clusters)},
		{"smoke_passed", float64(re.Smoke.Passed)}, {"switched", 1}, {"version_info", 1}, {"success", 1}, {"running", 0},
	}, map[string]map[string]string{"version_info": {"version": re.NewVersion}})

	// update, in batches of 2
	modified := exps[0]
	modified.Title += " (edited)"
	changes := writeDocs(t, []askedat.Experience{modified, exps[3]}, `{"id":"`+exps[2].ID+`","deleted":true}`, `not json`, `{"id":"`+exps[5].ID+`","deleted":true}`)
	var up UpdateReport
	prom = filepath.Join(dir, "update.prom")
	runCommand(t, &up, "update", "-docs", changes, "-data", data, "-batch", "2", "-metrics", prom)
	if up.Changed != 3 || up.Unchanged != 1 || len(up.Batches) != 3 {
		t.Fatalf("update report: changed %d, unchanged %d, %d batches; want 3, 1, 3", up.Changed, up.Unchanged, len(up.Batches))
	}
	checkJobMetrics(t, prom, "update", []metricWant{
		{"lines_read_total", 5}, {"experiences_indexed_total", 3}, {"unchanged_total", 1}, {"rejected_total", 1}, {"batches_total", 3},
		{"documents", float64(up.Experiences + up.Questions)}, {"switched", 1}, {"version_info", 1}, {"success", 1},
	}, map[string]map[string]string{"version_info": {"version": up.NewVersion}})

	// rollback, to the reindex's version
	prom = filepath.Join(dir, "rollback.prom")
	runCommand(t, nil, "rollback", "-data", data, "-metrics", prom)
	checkJobMetrics(t, prom, "rollback", []metricWant{{"switched", 1}, {"version_info", 1}, {"success", 1}},
		map[string]map[string]string{"version_info": {"version": re.NewVersion}})

	// a build into a folder
	var b Report
	prom = filepath.Join(dir, "build.prom")
	runCommand(t, &b, "-docs", docs, "-index", filepath.Join(dir, "idx"), "-metrics", prom)
	checkJobMetrics(t, prom, "build", []metricWant{
		{"lines_read_total", 42}, {"experiences_indexed_total", 40}, {"rejected_total", 2}, {"documents", float64(b.Documents)}, {"success", 1},
	}, nil)

	// A job that fails says so.
	var stderr bytes.Buffer
	prom = filepath.Join(dir, "failed.prom")
	if code := run(context.Background(), []string{"update", "-docs", changes, "-data", filepath.Join(dir, "empty"), "-metrics", prom}, &bytes.Buffer{}, &stderr); code != 1 {
		t.Fatalf("update of an empty data directory = %d, want 1: %s", code, stderr.String())
	}
	checkJobMetrics(t, prom, "update", []metricWant{{"success", 0}, {"running", 0}, {"last_success_time_seconds", 0}}, nil)
}
