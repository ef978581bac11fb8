package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/datadir"
	"github.com/askedat/askedat/internal/sample"
)

// sampleDocs returns n generated experiences, as a crawl of the sample site
// at http://sample.test would give them.
func sampleDocs(n int, seed uint64) []askedat.Experience {
	return sample.NewSite(sample.Config{Posts: n, Seed: seed}).Experiences("http://sample.test")
}

// writeDocs writes experiences as JSON Lines, followed by extra raw lines.
func writeDocs(t *testing.T, exps []askedat.Experience, extra ...string) string {
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
	return JobConfig{Docs: docs, Data: data, Keep: DefaultKeep, BatchSize: index.DefaultBatchSize, Smoke: DefaultSmoke, Progress: &off,
		MinRatio: DefaultMinRatio, MaxRejected: DefaultMaxRejected}
}

// reindexed makes a data directory whose current version holds exps.
func reindexed(t *testing.T, exps []askedat.Experience) (string, *JobReport) {
	t.Helper()
	data := filepath.Join(t.TempDir(), "data")
	rep, err := Reindex(context.Background(), jobConfig(data, writeDocs(t, exps)), &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	return data, rep
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
	if err := os.Mkdir(data, 0o755); err != nil {
		t.Fatal(err)
	}
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
	data := t.TempDir()
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

// findsHit reports whether the search req of idx finds the document id.
func findsHit(t *testing.T, idx *index.Index, req askedat.Request, id string) bool {
	t.Helper()
	res, err := idx.Search(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return slices.ContainsFunc(res.Hits, func(h askedat.Hit) bool { return h.ID == id })
}

// allExperiences returns the JSON of every experience of exps' ids in idx
// ("" for those not there).
func allExperiences(t *testing.T, idx *index.Index, ids []string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, id := range ids {
		e, err := idx.Experience(context.Background(), id)
		if errors.Is(err, index.ErrNotFound) {
			out[id] = ""
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := json.Marshal(e)
		out[id] = string(raw)
	}
	return out
}

func TestUpdateWithTheIndexedDocumentsChangesNothing(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	docs := writeDocs(t, sampleDocs(30, 3))
	first, err := Reindex(context.Background(), jobConfig(data, docs), &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Update(context.Background(), jobConfig(data, docs), &bytes.Buffer{})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if rep.Changed != 0 || rep.Unchanged != 30 || rep.Switched {
		t.Errorf("update with the indexed documents: changed %d, unchanged %d, switched %v; want 0, 30, false", rep.Changed, rep.Unchanged, rep.Switched)
	}
	dd := datadir.Dir{Path: data}
	if cur, _ := dd.Current(); cur != first.NewVersion {
		t.Errorf("current = %s, want it still %s", cur, first.NewVersion)
	}
	if p, _ := dd.Partials(); len(p) != 0 {
		t.Errorf("partial versions left: %v, want none", p)
	}
}

func TestUpdateAppliesChangesAndIsIdempotent(t *testing.T) {
	exps := sampleDocs(30, 1)
	data, base := reindexed(t, exps)
	dd := datadir.Dir{Path: data}
	baseIdx, baseInfo := openCurrent(t, data)
	asked, err := baseIdx.Experience(context.Background(), exps[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	joined := asked.Questions[0] // a new experience asks this again

	modified := exps[0]
	modified.Title += " (edited)"
	modified.Questions = modified.Questions[:len(modified.Questions)-1]
	// The question the edit drops, as a search finds it before.
	dropped := exps[0].Questions[len(exps[0].Questions)-1]
	droppedID := askedat.QuestionID(modified.ID, dropped.Ordinal)
	droppedReq := askedat.Request{Query: datadir.TitleQuery(dropped.Title), Filters: map[string][]string{"company": {modified.Company}}, Size: askedat.MaxSize}
	if !findsHit(t, baseIdx, droppedReq, droppedID) {
		t.Fatalf("search %+v does not find %s in the base version", droppedReq, droppedID)
	}
	added := askedat.Experience{
		ID: "new1", URL: "http://sample.test/new1", Title: "Zeta Corp loop", Company: "Zeta Corp", Role: "Software Engineer", Date: "2025-01-02",
		Questions: []askedat.Question{
			{Ordinal: 1, Title: joined.Title, Category: "Other"},
			{Ordinal: 2, Title: "Quantum teleportation of linked lists", Category: "Other"},
		},
	}
	changes := writeDocs(t, []askedat.Experience{modified, added, exps[3]},
		`{"id":"`+exps[2].ID+`","deleted":true}`,
		`{"id":"nope","deleted":true}`,
		`not json`,
		`{"id":"x","deleted":true,"title":"t"}`,
	)
	cfg := jobConfig(data, changes)
	cfg.BatchSize = 2
	var log bytes.Buffer
	rep, err := Update(context.Background(), cfg, &log)
	if err != nil {
		t.Fatalf("Update: %v\n%s", err, log.String())
	}
	got := [7]int{rep.Read, rep.Changed, rep.Added, rep.Modified, rep.Deleted, rep.Unchanged, len(rep.Rejected)}
	if want := [7]int{7, 3, 1, 1, 1, 2, 2}; got != want {
		t.Errorf("read, changed, added, modified, deleted, unchanged, rejected = %v, want %v", got, want)
	}
	if len(rep.Batches) != 4 || !rep.Batches[0].Durable {
		t.Errorf("batches = %+v, want 4 durable batches of 2 lines", rep.Batches)
	}
	if !rep.Switched || rep.OldVersion != base.NewVersion {
		t.Fatalf("update: switched %v from %s, want a switch from %s", rep.Switched, rep.OldVersion, base.NewVersion)
	}

	idx, info := openCurrent(t, data)
	if info.Job != "update" || info.Previous != base.NewVersion {
		t.Errorf("version.json: job %q previous %q, want update after %s", info.Job, info.Previous, base.NewVersion)
	}
	if want := baseInfo.Experiences; info.Experiences != want {
		t.Errorf("experiences = %d, want %d (one added, one deleted)", info.Experiences, want)
	}
	if want := baseInfo.Questions + 2 - 1 - uint64(len(exps[2].Questions)); info.Questions != want {
		t.Errorf("questions = %d, want %d", info.Questions, want)
	}
	ctx := context.Background()
	if e, err := idx.Experience(ctx, modified.ID); err != nil || e.Title != modified.Title || len(e.Questions) != len(modified.Questions) {
		t.Errorf("modified experience = %v, %v; want title %q with %d questions", e, err, modified.Title, len(modified.Questions))
	}
	if _, err := idx.Experience(ctx, exps[2].ID); !errors.Is(err, index.ErrNotFound) {
		t.Errorf("deleted experience: err = %v, want ErrNotFound", err)
	}
	res, err := idx.Search(ctx, askedat.Request{Query: "quantum teleportation"})
	if err != nil || res.Total != 1 || res.Hits[0].ID != "new1-q2" {
		t.Fatalf("search for the added question = %+v, %v; want new1-q2", res, err)
	}
	e, err := idx.Experience(ctx, "new1")
	if err != nil {
		t.Fatal(err)
	}
	if q := e.Questions[0]; q.Cluster != joined.Cluster || q.AskedAt != joined.AskedAt+1 {
		t.Errorf("a new question asked elsewhere got cluster %q asked at %d, want %q asked at %d", q.Cluster, q.AskedAt, joined.Cluster, joined.AskedAt+1)
	}
	if q := e.Questions[1]; q.Cluster == "" || q.AskedAt != 1 || q.ClusterTitle != q.Title {
		t.Errorf("a question asked nowhere else got cluster %q %q asked at %d, want a cluster of its own", q.Cluster, q.ClusterTitle, q.AskedAt)
	}
	if findsHit(t, idx, droppedReq, droppedID) {
		t.Errorf("search %+v still finds %s, the question the edit dropped", droppedReq, droppedID)
	}
	// The deleted question is gone from the search too.
	res, err = idx.Search(ctx, askedat.Request{Query: "", Filters: map[string][]string{"company": {exps[2].Company}}, Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if h.ExperienceID == exps[2].ID {
			t.Errorf("hit %s of the deleted experience is still found", h.ID)
		}
	}

	ids := []string{"new1", exps[0].ID, exps[2].ID, exps[3].ID, exps[4].ID}
	before := allExperiences(t, idx, ids)
	docsBefore, _ := idx.DocCount()
	cur := info.ID

	again, err := Update(context.Background(), cfg, &bytes.Buffer{})
	if err != nil {
		t.Fatalf("second Update: %v", err)
	}
	if again.Changed != 0 || again.Switched || again.NewVersion != "" {
		t.Errorf("second update: changed %d, switched %v, new version %q; want 0, false, none", again.Changed, again.Switched, again.NewVersion)
	}
	if now, _ := dd.Current(); now != cur {
		t.Errorf("current after the second update = %s, want %s", now, cur)
	}
	idx2, _ := openCurrent(t, data)
	if n, _ := idx2.DocCount(); n != docsBefore {
		t.Errorf("documents after the second update = %d, want %d", n, docsBefore)
	}
	if diff := cmp.Diff(before, allExperiences(t, idx2, ids)); diff != "" {
		t.Errorf("experiences after the second update (-want +got):\n%s", diff)
	}
}

func TestReindexRejectsAnIDOfAQuestion(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	exps := sampleDocs(10, 4)
	// x-q1 is the id of question 1 of x: the line that has it is
	// rejected with its number, the rest is indexed.
	docs := writeDocs(t, exps,
		`{"id":"x","title":"X loop","company":"Xco","questions":[{"ordinal":1,"title":"Quokka zebra permutations"}]}`,
		`{"id":"x-q1","title":"Not a question","company":"Yco"}`,
	)
	rep, err := Reindex(context.Background(), jobConfig(data, docs), &bytes.Buffer{})
	if err != nil {
		t.Fatalf("Reindex: %v", err)
	}
	if !rep.Switched || rep.Indexed != len(exps)+1 {
		t.Errorf("reindex: switched %v, indexed %d; want a switch with %d experiences", rep.Switched, rep.Indexed, len(exps)+1)
	}
	want := []Rejection{{File: docs, Line: len(exps) + 2, ID: "x-q1"}}
	if diff := cmp.Diff(want, rep.Rejected, cmpopts.IgnoreFields(Rejection{}, "Reason")); diff != "" {
		t.Errorf("rejected (-want +got):\n%s", diff)
	}
	if len(rep.Rejected) == 1 && !strings.Contains(rep.Rejected[0].Reason, "-q and digits") {
		t.Errorf("rejection = %q, want it to name the rule (-q and digits)", rep.Rejected[0].Reason)
	}
	idx, _ := openCurrent(t, data)
	res, err := idx.Search(context.Background(), askedat.Request{Query: "quokka zebra permutations"})
	if err != nil || res.Total != 1 || res.Hits[0].ID != "x-q1" || res.Hits[0].ExperienceID != "x" {
		t.Errorf("search for x's question = %+v, %v; want question x-q1 of x", res, err)
	}
}

// Only reindex makes a data directory: the other jobs, given one that is
// not there (a typo), say so and leave nothing behind.
func TestJobsOtherThanReindexNeedTheDataDirectory(t *testing.T) {
	data := filepath.Join(t.TempDir(), "typo")
	docs := writeDocs(t, sampleDocs(3, 1))
	for _, job := range []struct {
		name string
		run  func() error
	}{
		{"update", func() error {
			_, err := Update(context.Background(), jobConfig(data, docs), &bytes.Buffer{})
			return err
		}},
		{"rollback", func() error { _, err := Rollback(context.Background(), jobConfig(data), &bytes.Buffer{}); return err }},
		{"versions", func() error { return listVersions(jobConfig(data), &bytes.Buffer{}) }},
	} {
		err := job.run()
		if !errors.Is(err, datadir.ErrNoDir) || !strings.Contains(err.Error(), "does not exist") {
			t.Errorf("%s of a missing data directory = %v, want an error saying it does not exist", job.name, err)
		}
		if _, err := os.Stat(data); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%s of a missing data directory made it (stat: %v)", job.name, err)
		}
	}
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"rollback", "-data", data}, &out, &errb); code != 1 || !strings.Contains(errb.String(), "does not exist") {
		t.Errorf("indexer rollback -data typo = %d, stderr %q; want 1 and a message saying it does not exist", code, errb.String())
	}
	if _, err := Reindex(context.Background(), jobConfig(data, docs), &bytes.Buffer{}); err != nil {
		t.Errorf("Reindex of a new data directory: %v", err)
	}
}
