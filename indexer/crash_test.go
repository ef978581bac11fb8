package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/datadir"

	"github.com/askedat/askedat/internal/fsutil"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// indexerBinary builds this command once for the tests that run it as a
// process of its own.
func indexerBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "indexer-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "indexer")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// killedRun is one run of the indexer killed with SIGKILL.
type killedRun struct {
	lines  []string // everything it wrote to standard error
	killed bool     // false when it had finished before the kill
}

// runAndKill runs the indexer with args and kills it with SIGKILL delay
// after it writes a line of standard error containing trigger (at once if
// trigger is "").
func runAndKill(t *testing.T, args []string, trigger string, delay time.Duration) killedRun {
	t.Helper()
	cmd := exec.Command(indexerBinary(t), args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var (
		mu    sync.Mutex
		lines []string
	)
	fired := make(chan struct{})
	var once sync.Once
	if trigger == "" {
		once.Do(func() { close(fired) })
	}
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			mu.Lock()
			lines = append(lines, sc.Text())
			mu.Unlock()
			if strings.Contains(sc.Text(), trigger) {
				once.Do(func() { close(fired) })
			}
		}
	}()
	exited := make(chan error, 1)
	go func() {
		<-readDone
		exited <- cmd.Wait()
	}()
	select {
	case <-fired:
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
	case <-readDone:
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		t.Fatalf("indexer %v did not reach %q within 2 minutes", args, trigger)
	}
	err = <-exited
	var run killedRun
	if ee, ok := err.(*exec.ExitError); ok {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
			run.killed = true
		}
	}
	mu.Lock()
	run.lines = lines
	mu.Unlock()
	return run
}

// runToEnd runs the indexer job args to its end and reads its report into
// rep.
func runToEnd(t *testing.T, args []string, rep any) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "report.json")
	if run := runAndKill(t, append(args, "-report", p), "no line says this", 0); run.killed {
		t.Fatalf("indexer %v was killed", args)
	}
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, rep); err != nil {
		t.Fatal(err)
	}
}

// checkServes opens the current version of data as searchd does, and
// searches it.
func checkServes(t *testing.T, data string, what string) string {
	t.Helper()
	dd := datadir.Dir{Path: data}
	id, err := dd.Current()
	if err != nil {
		t.Fatalf("%s: current: %v", what, err)
	}
	idx, _, err := dd.Open(context.Background(), id)
	if err != nil {
		t.Fatalf("%s: current names %s, which does not open: %v", what, id, err)
	}
	defer idx.Close()
	res, err := idx.Search(context.Background(), askedat.Request{Query: "design"})
	if err != nil || res.Total == 0 {
		t.Fatalf("%s: search of current version %s = %v, %v; want hits", what, id, res, err)
	}
	return id
}

var buildingRE = regexp.MustCompile(`msg="building version" job=reindex version=(\S+)`)

func TestReindexKilledAtRandomPoints(t *testing.T) {
	if testing.Short() {
		t.Skip("kills real indexer processes; skipped in -short")
	}
	data := filepath.Join(t.TempDir(), "data")
	docsA := writeDocs(t, sampleDocs(150, 1))
	docsB := writeDocs(t, sampleDocs(120, 2))
	args := func(docs string) []string {
		return []string{"reindex", "-docs", docs, "-data", data, "-keep", "1", "-batch", "500"}
	}
	indexerBinary(t)
	start := time.Now()
	if run := runAndKill(t, args(docsA), "no such line", 0); run.killed {
		t.Fatal("the first reindex was killed")
	}
	full := time.Since(start)
	checkServes(t, data, "after the first reindex")

	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 7))
	t.Logf("a full reindex took %s; random kill points from seed %d", full, seed)
	type point struct {
		trigger string
		delay   time.Duration
	}
	var points []point
	for _, tr := range []string{`msg="building version" job=reindex`, `msg="grouped the questions"`, `msg="verifying version" job=reindex`, `msg="switching current" job=reindex`, `msg="removed an old version"`} {
		points = append(points, point{tr, time.Duration(rng.Int64N(int64(20 * time.Millisecond)))})
	}
	// The switch itself takes microseconds: kill right at its line too.
	points = append(points, point{`msg="switching current" job=reindex`, 0})
	for range 4 {
		points = append(points, point{"", time.Duration(rng.Int64N(int64(full)))})
	}
	for i, p := range points {
		docs := docsA
		if i%2 == 0 {
			docs = docsB
		}
		before, _ := datadir.Dir{Path: data}.Current()
		published, _ := datadir.Dir{Path: data}.Versions()
		run := runAndKill(t, args(docs), p.trigger, p.delay)
		what := fmt.Sprintf("kill %d (after %q + %s, killed %v)", i, p.trigger, p.delay, run.killed)
		cur := checkServes(t, data, what)
		if !run.killed && cur == before {
			t.Errorf("%s: the run finished but current is still %s", what, cur)
		}
		// A run that got as far as building removed what earlier runs
		// left: at most its own partial version remains, and, killed while
		// pruning, the old version it was removing (Prune renames a version
		// to a partial before removing it; the next run removes it).
		partials, err := datadir.Dir{Path: data}.Partials()
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range run.lines {
			if m := buildingRE.FindStringSubmatch(l); m != nil {
				if slices.ContainsFunc(partials, func(id string) bool { return id != m[1] && !slices.Contains(published, id) }) {
					t.Errorf("%s: partial versions %v left besides the run's own %s", what, partials, m[1])
				}
			}
		}
		t.Logf("%s: current %s, partials %v", what, cur, partials)
	}

	left, _ := datadir.Dir{Path: data}.Partials()
	var last JobReport
	runToEnd(t, args(docsA), &last)
	if !last.Switched {
		t.Fatalf("last reindex did not switch: %s", last.Error)
	}
	slices.Sort(last.Cleaned)
	if !slices.Equal(last.Cleaned, left) {
		t.Errorf("last reindex cleaned %v, want the partial versions left %v", last.Cleaned, left)
	}
	if p, _ := (datadir.Dir{Path: data}).Partials(); len(p) != 0 {
		t.Errorf("partial versions after a complete run: %v, want none", p)
	}
	if v, _ := (datadir.Dir{Path: data}).Versions(); len(v) > 2 {
		t.Errorf("versions after a complete run with -keep 1: %v, want at most 2", v)
	}
	checkServes(t, data, "after the last reindex")
}

var batchDoneRE = regexp.MustCompile(`msg="batch done and on disk" job=update batch=(\d+) file=\S+ from_line=(\d+) to_line=(\d+)`)

// batchDone is what the log says once batch n of an update is on disk.
func batchDone(n int) string {
	return fmt.Sprintf(`msg="batch done and on disk" job=update batch=%d `, n)
}

// titleOf returns the title of e, or "" for none.
func titleOf(e *askedat.Experience) string {
	if e == nil {
		return ""
	}
	return e.Title
}

// copyTree copies the folder src to dst, file by file.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if e.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		return fsutil.CopyFile(p, filepath.Join(dst, rel))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestUpdateKilledAtAnyPoint(t *testing.T) {
	if testing.Short() {
		t.Skip("kills real indexer processes; skipped in -short")
	}
	base := filepath.Join(t.TempDir(), "base")
	exps := sampleDocs(90, 1)
	first, err := Reindex(context.Background(), jobConfig(base, writeDocs(t, exps)), &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	changed := slices.Clone(exps)
	for i := range changed {
		changed[i].Title += " (v2)"
	}
	changes := writeDocs(t, changed)
	args := func(data string) []string {
		return []string{"update", "-docs", changes, "-data", data, "-batch", "3"}
	}

	// A whole update, for the length of the random kills.
	data := filepath.Join(t.TempDir(), "whole")
	copyTree(t, base, data)
	indexerBinary(t)
	start := time.Now()
	if run := runAndKill(t, args(data), "no such line", 0); run.killed {
		t.Fatal("the whole update was killed")
	}
	full := time.Since(start)
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 11))
	t.Logf("a whole update took %s; random kill points from seed %d", full, seed)
	jitter := func() time.Duration { return time.Duration(rng.Int64N(int64(20 * time.Millisecond))) }

	type point struct {
		trigger string
		delay   time.Duration
		// after changes what the killed run left before the next run.
		after  func(t *testing.T, dd datadir.Dir, partial string)
		resume bool // the next run must go on with the killed run's batches
	}
	removeWork := func(t *testing.T, dd datadir.Dir, partial string) {
		if err := os.RemoveAll(filepath.Join(dd.PartialPath(partial), workDir)); err != nil {
			t.Fatal(err)
		}
	}
	removeRoot := func(t *testing.T, dd datadir.Dir, partial string) {
		if err := os.Remove(filepath.Join(dd.PartialPath(partial), workDir, "store", "root.bolt")); err != nil {
			t.Fatal(err)
		}
	}
	points := []point{
		{trigger: batchDone(3), resume: true},
		{trigger: batchDone(3), after: removeWork},
		{trigger: batchDone(3), after: removeRoot},
		{trigger: batchDone(5), delay: jitter()},
		{trigger: `msg="merging into one segment" job=update`, delay: jitter()},
		{trigger: `msg="verifying version" job=update`, delay: jitter()},
		// The switch itself takes microseconds: kill right at its line.
		{trigger: `msg="switching current" job=update`},
	}
	for range 3 {
		points = append(points, point{delay: time.Duration(rng.Int64N(int64(full)))})
	}
	for i, p := range points {
		data := filepath.Join(t.TempDir(), fmt.Sprint("data", i))
		copyTree(t, base, data)
		dd := datadir.Dir{Path: data}
		run := runAndKill(t, args(data), p.trigger, p.delay)
		what := fmt.Sprintf("kill %d (after %q + %s, killed %v)", i, p.trigger, p.delay, run.killed)
		if p.trigger != "" && !run.killed {
			t.Errorf("%s: the update finished before the kill", what)
			continue
		}
		cur := checkServes(t, data, what)
		// Every batch reported done is in the update's working copy, or in
		// the version it made.
		var lastLine, batches int
		for _, l := range run.lines {
			if m := batchDoneRE.FindStringSubmatch(l); m != nil {
				batches, _ = strconv.Atoi(m[1])
				lastLine, _ = strconv.Atoi(m[3])
			}
		}
		partials, _ := dd.Partials()
		if cur == first.NewVersion && len(partials) == 1 && batches > 0 {
			if work, err := index.OpenReadOnly(filepath.Join(dd.PartialPath(partials[0]), workDir)); err == nil {
				for i := 0; i < lastLine; i++ {
					e, err := work.Experience(context.Background(), changed[i].ID)
					if err != nil || e.Title != changed[i].Title {
						t.Errorf("%s: line %d, reported done in batch ≤ %d: experience %s has title %q (%v), want %q", what, i+1, batches, changed[i].ID, titleOf(e), err, changed[i].Title)
					}
				}
				work.Close()
			}
		}
		if p.after != nil {
			if len(partials) != 1 {
				t.Fatalf("%s: partial versions %v, want the update's one", what, partials)
			}
			p.after(t, dd, partials[0])
		}

		var next UpdateReport
		runToEnd(t, args(data), &next)
		t.Logf("%s: %d batches were done; the next run resumed %+v, switched %v, cleaned %v", what, batches, next.Resumed, next.Switched, next.Cleaned)
		if next.Error != "" {
			t.Errorf("%s: the next run failed: %s", what, next.Error)
		}
		if p.resume && (next.Resumed == nil || next.Resumed.BatchesDone < batches || next.Resumed.Version != partials[0]) {
			t.Errorf("%s: the next run resumed %+v, want version %v with at least %d batches done", what, next.Resumed, partials, batches)
		}
		if p.after != nil && (next.Resumed != nil || !slices.Equal(next.Cleaned, partials) || !next.Switched) {
			t.Errorf("%s: the next run resumed %+v, cleaned %v, switched %v; want it to remove %v, start anew and switch", what, next.Resumed, next.Cleaned, next.Switched, partials)
		}
		if next.Switched && (next.Read != len(changed) || next.Changed != len(changed)) {
			t.Errorf("%s: the next run read %d, changed %d, want %d of each", what, next.Read, next.Changed, len(changed))
		}
		if !next.Switched && cur == first.NewVersion {
			t.Errorf("%s: the killed run did not switch and neither did the next", what)
		}
		idx, info := openCurrent(t, data)
		if info.ID == first.NewVersion {
			t.Errorf("%s: current is still the base", what)
		}
		for _, e := range changed {
			got, err := idx.Experience(context.Background(), e.ID)
			if err != nil || got.Title != e.Title {
				t.Errorf("%s: after the next run, experience %s has title %q (%v), want %q", what, e.ID, titleOf(got), err, e.Title)
				break
			}
		}
		if p, _ := dd.Partials(); len(p) != 0 {
			t.Errorf("%s: partial versions after the next run: %v", what, p)
		}
		third, err := Update(context.Background(), jobConfig(data, changes), &bytes.Buffer{})
		if err != nil || third.Changed != 0 || third.Switched {
			t.Errorf("%s: third update: changed %d, switched %v, err %v; want nothing changed", what, third.Changed, third.Switched, err)
		}
	}
}
