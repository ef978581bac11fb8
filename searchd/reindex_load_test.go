package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/askedat/askedat/internal/datadir"
	"github.com/askedat/askedat/internal/sample"
)

// runIndexer runs the indexer binary and fails the test if it fails.
func runIndexer(t *testing.T, bin string, args ...string) string {
	t.Helper()
	var out bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("indexer %v: %v\n%s", args, err, out.String())
	}
	return out.String()
}

var swapLogRE = regexp.MustCompile(`msg="swapped in version" version=(\S+) was=\S+ open_and_warm=(\S+)`)

// TestReindexOfTheDemoCorpusUnderLoad runs the real indexer (reindex, then
// update) on the demo corpus (POSTS, default 500, as make demo) while
// clients search searchd without pause, and reports what they saw. make
// reindex-load runs it alone and prints the report.
func TestReindexOfTheDemoCorpusUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the indexer; skipped in -short")
	}
	posts := 500
	if p, err := strconv.Atoi(os.Getenv("POSTS")); err == nil && p > 0 {
		posts = p
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "indexer")
	if out, err := exec.Command("go", "build", "-o", bin, "../indexer").CombinedOutput(); err != nil {
		t.Fatalf("go build ../indexer: %v\n%s", err, out)
	}
	exps := sample.NewSite(sample.Config{Posts: posts, Seed: 1}).Experiences("http://127.0.0.1:8080")
	docs := filepath.Join(dir, "docs.jsonl")
	var b bytes.Buffer
	if err := sample.WriteJSONL(&b, exps); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(docs, b.Bytes(), 0o644)
	for i := range exps[:25] {
		exps[i].Title += " (updated)"
	}
	b.Reset()
	sample.WriteJSONL(&b, exps[:25])
	changes := filepath.Join(dir, "changes.jsonl")
	os.WriteFile(changes, b.Bytes(), 0o644)

	data := filepath.Join(dir, "data")
	dd := datadir.Dir{Path: data}
	runIndexer(t, bin, "reindex", "-docs", docs, "-data", data)
	v1, _ := dd.Current()
	base, logs := startSearchd(t, "-data", data)

	stop := make(chan struct{})
	done := make(chan *loadResult)
	go func() { done <- runLoad(base, "design", 4, 1<<30, stop, nil) }()
	time.Sleep(300 * time.Millisecond)

	type job struct {
		name             string
		args             []string
		version          string
		took, toServed   time.Duration
		reportedChanged  int
		reportedSwitched bool
	}
	jobs := []*job{
		{name: "reindex", args: []string{"reindex", "-docs", docs, "-data", data}},
		{name: "update", args: []string{"update", "-docs", changes, "-data", data}},
	}
	for _, j := range jobs {
		start := time.Now()
		runIndexer(t, bin, j.args...)
		j.took = time.Since(start)
		j.version, _ = dd.Current()
		switched := time.Now()
		waitFor(t, base, j.name+" version "+j.version, func(r readyz) bool { return r.Version == j.version })
		j.toServed = time.Since(switched)
		raw, err := os.ReadFile(dd.ReportPath(j.version, j.name))
		if err != nil {
			t.Fatal(err)
		}
		var rep struct {
			Switched bool
			Changed  int
			Read     int
		}
		json.Unmarshal(raw, &rep)
		j.reportedSwitched, j.reportedChanged = rep.Switched, rep.Changed
		time.Sleep(300 * time.Millisecond)
	}
	close(stop)
	res := <-done

	var report bytes.Buffer
	fmt.Fprintf(&report, "reindex under load: demo corpus of %d posts, 4 clients searching without pause\n", posts)
	fmt.Fprintf(&report, "  start: version %s\n", v1)
	warm := map[string]string{}
	for _, m := range swapLogRE.FindAllStringSubmatch(logs.String(), -1) {
		warm[m[1]] = m[2]
	}
	for _, j := range jobs {
		fmt.Fprintf(&report, "  indexer %s: version %s in %s (report: switched %v, changed %d); searchd served it %s after the indexer exited (its check, open and warm took %s)\n",
			j.name, j.version, j.took.Round(time.Millisecond), j.reportedSwitched, j.reportedChanged, j.toServed.Round(time.Millisecond), warm[j.version])
	}
	fmt.Fprintf(&report, "  clients: %s\n", res)
	t.Log("\n" + report.String())
	if res.failed.Load() != 0 {
		t.Errorf("%d of %d requests failed: %v", res.failed.Load(), res.requests.Load(), res.errors)
	}
	for _, v := range []string{v1, jobs[0].version, jobs[1].version} {
		if res.byVersion[v] == 0 {
			t.Errorf("no answer came from version %s: %v", v, res.byVersion)
		}
	}
	if jobs[1].reportedChanged != 25 {
		t.Errorf("update reported %d changed, want 25", jobs[1].reportedChanged)
	}
}
