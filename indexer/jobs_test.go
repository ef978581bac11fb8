package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"askedat/index"
	"askedat/internal/datadir"
	"askedat/internal/sample"
)

// sampleDocs returns n generated experiences, as a crawl of the sample site
// at http://sample.test would give them.
func sampleDocs(n int, seed uint64) []index.Experience {
	return sample.NewSite(sample.Config{Posts: n, Seed: seed}).Experiences("http://sample.test")
}

// writeDocs writes experiences as JSON Lines, followed by extra raw lines.
func writeDocs(t *testing.T, exps []index.Experience, extra ...string) string {
	t.Helper()
	var b bytes.Buffer
	if err := sample.WriteJSONL(&b, exps); err != nil {
		t.Fatal(err)
	}
	for _, l := range extra {
		b.WriteString(l + "\n")
	}
	p := filepath.Join(t.TempDir(), "docs.jsonl")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func jobConfig(data string, docs ...string) JobConfig {
	off := false
	return JobConfig{Docs: docs, Data: data, Keep: DefaultKeep, BatchSize: index.DefaultBatchSize, Smoke: DefaultSmoke, Progress: &off}
}

// openCurrent opens the current version of data as searchd does.
func openCurrent(t *testing.T, data string) (*index.Index, *datadir.Info) {
	t.Helper()
	dd := datadir.Dir{Path: data}
	id, err := dd.Current()
	if err != nil {
		t.Fatal(err)
	}
	idx, info, err := dd.Open(context.Background(), id)
	if err != nil {
		t.Fatalf("open current version %s: %v", id, err)
	}
	t.Cleanup(func() { idx.Close() })
	return idx, info
}

func TestReindexVerifiesSwitchesAndReports(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	exps := sampleDocs(40, 1)
	docs := writeDocs(t, exps,
		`not json`,
		`{"id":"gone1","deleted":true}`,
	)
	reportPath := filepath.Join(t.TempDir(), "report.json")
	cfg := jobConfig(data, docs)
	cfg.Report = reportPath
	rep, err := Reindex(context.Background(), cfg, &bytes.Buffer{})
	if err != nil {
		t.Fatalf("Reindex: %v", err)
	}
	if !rep.Switched || rep.OldVersion != "" || rep.NewVersion == "" {
		t.Errorf("report: switched %v, old %q, new %q; want switched from none to a new version", rep.Switched, rep.OldVersion, rep.NewVersion)
	}
	if got, want := [3]int{rep.Read, rep.Indexed, len(rep.Rejected)}, [3]int{42, 40, 2}; got != want {
		t.Errorf("read, indexed, rejected = %v, want %v", got, want)
	}
	if len(rep.Rejected) == 2 && !strings.Contains(rep.Rejected[1].Reason, "only indexer update applies") {
		t.Errorf("rejection of a deletion line = %q, want it to say only update applies deletions", rep.Rejected[1].Reason)
	}
	if rep.Smoke.Passed == 0 || rep.Smoke.Passed > DefaultSmoke {
		t.Errorf("smoke queries passed = %d, want 1..%d", rep.Smoke.Passed, DefaultSmoke)
	}

	idx, info := openCurrent(t, data)
	if info.ID != rep.NewVersion || info.MappingVersion != index.MappingVersion || info.Experiences != 40 {
		t.Errorf("version.json: id %s, mapping %d, experiences %d; want %s, %d, 40", info.ID, info.MappingVersion, info.Experiences, rep.NewVersion, index.MappingVersion)
	}
	if len(info.Smoke) != rep.Smoke.Passed {
		t.Errorf("version.json records %d smoke queries, the report %d passed", len(info.Smoke), rep.Smoke.Passed)
	}
	got, err := idx.Experience(context.Background(), exps[7].ID)
	if err != nil || got.Title != exps[7].Title {
		t.Errorf("Experience(%s) = %v, %v; want title %q", exps[7].ID, got, err, exps[7].Title)
	}

	for _, p := range []string{reportPath, datadir.Dir{Path: data}.ReportPath(rep.NewVersion, "reindex")} {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var fromFile map[string]any
		if err := json.Unmarshal(raw, &fromFile); err != nil {
			t.Fatalf("report %s is not JSON: %v", p, err)
		}
		for _, k := range []string{"read", "indexed", "rejected", "took_seconds", "old_version", "new_version"} {
			if _, ok := fromFile[k]; !ok {
				t.Errorf("report %s lacks %q", p, k)
			}
		}
	}
}

func TestReindexKeepsVersionsAndRollsBack(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	dd := datadir.Dir{Path: data}
	var ids []string
	for i := range 4 {
		cfg := jobConfig(data, writeDocs(t, sampleDocs(10+i, uint64(i))))
		cfg.Keep = 1
		rep, err := Reindex(context.Background(), cfg, &bytes.Buffer{})
		if err != nil {
			t.Fatalf("Reindex %d: %v", i, err)
		}
		ids = append(ids, rep.NewVersion)
		if i > 0 && rep.OldVersion != ids[i-1] {
			t.Errorf("reindex %d: old version %s, want %s", i, rep.OldVersion, ids[i-1])
		}
	}
	got, err := dd.Versions()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ids[2:], got); diff != "" {
		t.Errorf("versions kept with -keep 1 (-want +got):\n%s", diff)
	}

	rep, err := Rollback(context.Background(), jobConfig(data), &bytes.Buffer{})
	if err != nil {
		t.Fatalf("Rollback: %v", err)
	}
	if cur, _ := dd.Current(); cur != ids[2] || rep.NewVersion != ids[2] || rep.OldVersion != ids[3] {
		t.Errorf("after rollback current = %s (report %s → %s), want %s", cur, rep.OldVersion, rep.NewVersion, ids[2])
	}
	_, info := openCurrent(t, data)
	if info.Experiences != 12 {
		t.Errorf("rolled-back version holds %d experiences, want 12", info.Experiences)
	}
	// ids[1] was removed: nothing further to roll back to.
	if _, err := Rollback(context.Background(), jobConfig(data), &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "-keep") {
		t.Errorf("second Rollback error = %v, want one saying the version is gone (keep more with -keep)", err)
	}
}

func TestRollbackWithoutPrevious(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if _, err := Rollback(context.Background(), jobConfig(data), &bytes.Buffer{}); !errors.Is(err, datadir.ErrNoCurrent) {
		t.Errorf("Rollback of an empty data directory = %v, want ErrNoCurrent", err)
	}
	if _, err := Reindex(context.Background(), jobConfig(data, writeDocs(t, sampleDocs(5, 1))), &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	_, err := Rollback(context.Background(), jobConfig(data), &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "nothing to roll back to") {
		t.Errorf("Rollback of a first version = %v, want nothing to roll back to", err)
	}
}

func TestJobRefusedWhileAnotherHoldsTheDataDirectory(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	unlock, err := datadir.Dir{Path: data}.Lock()
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	_, err = Reindex(context.Background(), jobConfig(data, writeDocs(t, sampleDocs(5, 1))), &bytes.Buffer{})
	var le *datadir.LockedError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "in use by another indexer job") {
		t.Errorf("Reindex on a locked data directory = %v, want a LockedError", err)
	}
}

func TestReindexRefusesAVersionThatFailsItsChecks(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	first, err := Reindex(context.Background(), jobConfig(data, writeDocs(t, sampleDocs(5, 1))), &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	// An interrupted context stops the job before the switch.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep, err := Reindex(ctx, jobConfig(data, writeDocs(t, sampleDocs(5, 2))), &bytes.Buffer{})
	if err == nil || rep.Switched {
		t.Fatalf("Reindex with a cancelled context = %v (switched %v), want an error and no switch", err, rep.Switched)
	}
	dd := datadir.Dir{Path: data}
	if cur, _ := dd.Current(); cur != first.NewVersion {
		t.Errorf("current = %s, want it still %s", cur, first.NewVersion)
	}
	if p, _ := dd.Partials(); len(p) != 0 {
		t.Errorf("partial versions left: %v, want none", p)
	}
}
