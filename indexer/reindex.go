package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/askedat/askedat/internal/datadir"
)

// A JobReport says what a reindex did: the build's counts (documents read,
// indexed, rejected with their reasons), the checks, the versions.
type JobReport struct {
	jobHeader
	Read      int          `json:"read"`
	Indexed   int          `json:"indexed"`
	Questions int          `json:"questions"`
	Replaced  int          `json:"replaced"`
	Rejected  []Rejection  `json:"rejected"`
	Documents uint64       `json:"documents"`
	Clusters  int          `json:"clusters"`
	Smoke     SmokeSummary `json:"smoke"`

	build *Report // printed
}

// SmokeSummary counts the smoke queries of a job.
type SmokeSummary struct {
	Run    int `json:"run"`
	Passed int `json:"passed"`
	// Inconclusive searches matched too many documents to page through;
	// their experience was still looked up and found.
	Inconclusive int `json:"inconclusive"`
}

// Print writes a human summary of r.
func (r *JobReport) Print(w io.Writer) {
	if r.build != nil {
		r.build.Print(w)
	}
	fmt.Fprintf(w, "indexer: %d smoke queries passed (%d inconclusive)\n", r.Smoke.Passed, r.Smoke.Inconclusive)
	if r.Switched {
		fmt.Fprintf(w, "indexer: current is now %s (was %s) in %s; removed %d old versions\n", r.NewVersion, orNone(r.OldVersion), r.Took.Round(time.Millisecond), len(r.Removed))
	} else {
		fmt.Fprintf(w, "indexer: current is still %s: the new version was not switched in\n", orNone(r.OldVersion))
	}
}

// Reindex builds a complete new version of the index in cfg.Data from
// cfg.Docs, verifies it, switches current to it and removes the versions
// beyond cfg.Keep. It makes the data directory if need be. Partial versions
// left by interrupted jobs are removed first. A version that is empty, much
// smaller than current or built from input with many rejected lines is
// refused (checkSize, checkRejected). The log and progress go to logw
// (newJobLog).
func Reindex(ctx context.Context, cfg JobConfig, logw io.Writer) (rep *JobReport, err error) {
	start := time.Now()
	rep = &JobReport{jobHeader: newHeader("reindex", cfg.Data), Rejected: []Rejection{}}
	j := &versionJob{dd: datadir.Dir{Path: cfg.Data}, log: newJobLog(logw, cfg.Log, "reindex"), hdr: &rep.jobHeader, start: start, report: cfg.Report}
	m := newJobMetrics(cfg.Metrics, "reindex")
	m.start(ctx, j.log)
	var ins []*input
	// The one cleanup path: the inputs, the partial version (removed on
	// failure: a reindex is not taken up again), the report and the
	// lock, the metrics.
	defer func() {
		closeInputs(ins)
		j.removePartial()
		err = j.finish(rep, err)
		m.finish(rep, err, j.log)
	}()
	if err := j.dd.Init(); err != nil {
		return rep, err
	}
	if err := j.lock(); err != nil {
		return rep, err
	}
	if err := j.cleanPartials(nil); err != nil {
		return rep, err
	}
	if rep.OldVersion, err = currentOrNone(j.dd); err != nil {
		return rep, err
	}
	id := datadir.NewID(start)
	rep.NewVersion = id
	partial, err := j.newPartial(id)
	if err != nil {
		return rep, err
	}
	j.log.Info("building version", "version", id)
	if ins, err = openInputs(cfg.Docs, partial, cfg.MaxLine); err != nil {
		return rep, err
	}

	// Build the index in the partial folder, sampling the smoke queries.
	smp := newSampler(4*cfg.Smoke, id)
	bcfg := Config{Docs: cfg.Docs, IndexDir: filepath.Join(partial, "index"), BatchSize: cfg.BatchSize, MaxLine: cfg.MaxLine, Progress: cfg.Progress}
	b := &Report{Index: bcfg.IndexDir, Rejected: []Rejection{}, live: m}
	dicts, err := cfg.Tables.load()
	if err != nil {
		return rep, err
	}
	err = build(ctx, bcfg, j.log, ins, dicts.Dictionaries, b, smp.add)
	rep.build = b
	rep.Read, rep.Indexed, rep.Questions, rep.Replaced = b.Read, b.Indexed, b.Questions, b.Replaced
	rep.Rejected, rep.Documents, rep.Clusters = b.Rejected, b.Documents, b.Clusters
	if err != nil {
		return rep, err
	}

	// Refuse a version that must not replace current, verify it, switch.
	if err := checkSize(j.dd, cfg, id, rep.OldVersion, uint64(rep.Indexed), rep.Read, len(rep.Rejected)); err != nil {
		return rep, err
	}
	if err := checkRejected(cfg, id, rep.Read, len(rep.Rejected)); err != nil {
		return rep, err
	}
	info := &datadir.Info{
		Job: "reindex", Created: start.UTC().Format(time.RFC3339), Previous: rep.OldVersion, Sources: sourcesOf(ins),
		Documents: rep.Documents, Experiences: uint64(rep.Indexed), Questions: uint64(rep.Questions),
		Synonyms: dicts.synonyms, Companies: dicts.companies,
	}
	if err := j.verify(ctx, bcfg.IndexDir, info, smp.smokes(), cfg.Smoke, &rep.Smoke); err != nil {
		return rep, err
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	err = j.switchIn(info, cfg.Keep)
	if j.published {
		b.Index = j.dd.IndexPath(id)
	}
	return rep, err
}
