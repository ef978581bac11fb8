package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/datadir"
)

// An UpdateReport says what an update did. NewVersion is "" when nothing
// changed, and current stays OldVersion.
type UpdateReport struct {
	jobHeader
	// Resumed is set when this run went on with the batches an interrupted
	// run had finished.
	Resumed *Resumed `json:"resumed,omitempty"`
	// The counts of the whole update, including the resumed batches:
	// lines read, experiences changed (added + modified + deleted),
	// unchanged (identical to the indexed version, or a deletion of an
	// experience that is not there), lines rejected, and lines superseded
	// (a later valid line has the same id: only the last is applied).
	Read       int         `json:"read"`
	Changed    int         `json:"changed"`
	Added      int         `json:"added"`
	Modified   int         `json:"modified"`
	Deleted    int         `json:"deleted"`
	Unchanged  int         `json:"unchanged"`
	Rejected   []Rejection `json:"rejected"`
	Superseded int         `json:"superseded"`
	// Batches are those this run wrote; each was on disk when reported.
	Batches []BatchReport `json:"batches"`
	// Experiences and Questions are the counts of the version served
	// after the update.
	Experiences uint64       `json:"experiences"`
	Questions   uint64       `json:"questions"`
	Smoke       SmokeSummary `json:"smoke"`
}

// Resumed says where an interrupted update was taken up.
type Resumed struct {
	Version     string `json:"version"`
	BatchesDone int    `json:"batches_done"`
	After       string `json:"after"` // file:line of the last line done
}

// A BatchReport is one batch of an update, reported once it was on disk.
type BatchReport struct {
	N         int    `json:"n"`
	File      string `json:"file"`
	FromLine  int    `json:"from_line"`
	ToLine    int    `json:"to_line"`
	Changed   int    `json:"changed"`
	Unchanged int    `json:"unchanged"`
	Rejected  int    `json:"rejected"`
	Durable   bool   `json:"durable"`
	// Superseded lines have a later line with the same id.
	Superseded int `json:"superseded"`
}

// Print writes a human summary of r.
func (r *UpdateReport) Print(w io.Writer) {
	fmt.Fprintf(w, "indexer: update read %d lines: %d changed (%d added, %d modified, %d deleted), %d unchanged, %d superseded by a later line, %d rejected, in %s\n",
		r.Read, r.Changed, r.Added, r.Modified, r.Deleted, r.Unchanged, r.Superseded, len(r.Rejected), r.Took.Round(time.Millisecond))
	for i, rj := range r.Rejected {
		if i == maxRejectionsShown {
			fmt.Fprintf(w, "indexer: … and %d more rejected lines (see the report)\n", len(r.Rejected)-i)
			break
		}
		fmt.Fprintf(w, "indexer: rejected %s:%d: %s\n", rj.File, rj.Line, rj.Reason)
	}
	switch {
	case r.Switched:
		fmt.Fprintf(w, "indexer: current is now %s (was %s): %d experiences, %d questions\n", r.NewVersion, r.OldVersion, r.Experiences, r.Questions)
	case r.Error == "" && r.Changed == 0:
		fmt.Fprintf(w, "indexer: nothing changed: current stays %s\n", orNone(r.OldVersion))
	default:
		fmt.Fprintf(w, "indexer: current is still %s\n", orNone(r.OldVersion))
	}
}

// updateStart is the file DIR/versions/ID.partial/update.json: what an
// update works on, so that a later run knows whether it may go on with it.
type updateStart struct {
	Base        string `json:"base"`
	Fingerprint string `json:"fingerprint"`
	Started     string `json:"started"`
}

// updateProgress is what an update has done, kept in the working index as
// a note written with each batch: it is on disk exactly when the batch is.
type updateProgress struct {
	Batches int `json:"batches"`
	// File and Line are the position of the last line done: the index of
	// the file in the job's list, and the line in it.
	File int `json:"file"`
	Line int `json:"line"`

	Read, Added, Modified, Deleted, Unchanged, Superseded int
	Rejected                                              []Rejection
	// Experiences and Questions are the changes to the counts of the base.
	Experiences, Questions int64
}

const (
	progressNote    = "update-progress"
	startFile       = "update.json"
	workDir         = "work"
	maxNotedRejects = 1000
)

func (p *updateProgress) changed() int { return p.Added + p.Modified + p.Deleted }

// Update applies the changed and deleted experiences of cfg.Docs to the
// current version, in batches, into a new version, and switches current
// to it; when nothing changes, current stays. Of the lines with the same
// id only the last valid one is applied, so a second run with the same input
// changes nothing. Each batch is on disk, with the update's progress, before
// it is reported done; an update that is interrupted is taken up by the next
// run with the same input on the same current version, from the batch after
// the last one done, or, when what it left cannot be taken up, started anew.
// A new version much smaller than current is refused (checkSize). The log
// and progress go to logw (newJobLog).
//
// It runs the steps of an updateJob in turn, and ends, whatever happens,
// with its one cleanup path (updateJob.end).
func Update(ctx context.Context, cfg JobConfig, logw io.Writer) (rep *UpdateReport, err error) {
	rep = &UpdateReport{jobHeader: newHeader("update", cfg.Data), Rejected: []Rejection{}, Batches: []BatchReport{}}
	j := &updateJob{
		versionJob: versionJob{dd: datadir.Dir{Path: cfg.Data}, log: newJobLog(logw, cfg.Log, "update"), hdr: &rep.jobHeader, start: time.Now(), report: cfg.Report},
		cfg:        cfg, rep: rep, metrics: newJobMetrics(cfg.Metrics, "update"),
	}
	j.metrics.start(ctx, j.log)
	defer func() { err = j.end(err) }()
	for _, step := range []func(context.Context) error{
		j.checkInputs,  // files, not standard input
		j.lockBase,     // the lock; current, checked against its manifest
		j.readInputs,   // the first pass: the last line of each id
		j.workingCopy,  // an interrupted update taken up, or a new copy of current
		j.applyChanges, // the second pass, in batches on disk
		j.makeVersion,  // one segment, counted, copied out, verified
		j.publish,      // published, current switched, old versions pruned
	} {
		if err := step(ctx); err != nil || j.unchanged {
			return rep, err
		}
	}
	return rep, nil
}

// An updateJob is one update, as its steps pass it on.
type updateJob struct {
	versionJob
	cfg     JobConfig
	rep     *UpdateReport
	metrics *jobMetrics

	ins      []*input
	base     string        // the version updated
	baseInfo *datadir.Info // its manifest
	baseIdx  *index.Index  // it, opened read-only
	last     map[string]linePos
	sources  []datadir.Source
	fp       string // fingerprint of base, batch size and input
	// idx is the working copy, in the partial version; closed is set once
	// it is closed or abandoned (a step that did not end still holds it).
	idx       *index.Index
	closed    bool
	resuming  bool
	prog      updateProgress // of an interrupted run taken up
	u         *updater
	unchanged bool // every line applied changed nothing: no new version
	info      *datadir.Info
}

// end is the update's one cleanup path: it closes the indexes and inputs,
// removes the partial version when there was nothing to change (after an
// error it stays, for the next run with the same input to go on with),
// writes the report, releases the lock and writes the metrics. It returns
// err, or the error of writing the report.
func (j *updateJob) end(err error) error {
	if j.baseIdx != nil {
		j.baseIdx.Close()
	}
	if j.idx != nil && !j.closed {
		j.idx.Close()
	}
	if err == nil {
		j.removePartial()
	}
	closeInputs(j.ins)
	err = j.finish(j.rep, err)
	j.metrics.finish(j.rep, err, j.log)
	return err
}

// abandoned notes that a bleve step that did not end was abandoned
// (bounded): what it works on is then left open, as closing it would wait
// for the step. It returns err.
func (j *updateJob) abandoned(err error) error {
	if errors.Is(err, errAbandoned) {
		j.closed = true
	}
	return err
}

// checkInputs refuses standard input: an update goes on from its files
// after an interruption.
func (j *updateJob) checkInputs(context.Context) error {
	for _, f := range j.cfg.Docs {
		if f == "-" {
			return errors.New("update reads files, not standard input (it goes on from them after an interruption): save the documents to a file first")
		}
	}
	return nil
}

// lockBase takes the data directory's lock and checks the current version,
// the base of the update, against its manifest before anything is made
// from it: bleve, given a damaged segment, can fail late (after the copy,
// leaving a partial) or loop for ever in the merge while the job holds
// the lock. A damaged current is an error naming the file.
func (j *updateJob) lockBase(context.Context) error {
	if err := j.lock(); err != nil {
		return err
	}
	base, err := j.dd.Current()
	if err != nil {
		return fmt.Errorf("nothing to update: %w", err)
	}
	j.base, j.rep.OldVersion = base, base
	j.log.Info("verifying the current version against its manifest", "version", base)
	if j.baseInfo, err = j.dd.Check(base); err != nil {
		return fmt.Errorf("cannot update: %w (indexer verify -all tells which versions are intact; indexer rollback switches to the previous one)", err)
	}
	// A base of another mapping cannot take this program's documents:
	// say so before copying it.
	if err := j.baseInfo.CheckMapping(); err != nil {
		return fmt.Errorf("cannot update: %w", err)
	}
	j.rep.Experiences, j.rep.Questions = j.baseInfo.Experiences, j.baseInfo.Questions
	return nil
}

// readInputs opens the inputs and reads them a first time, for the last
// line of each id.
func (j *updateJob) readInputs(ctx context.Context) error {
	var err error
	if j.ins, err = openInputs(j.cfg.Docs, "", j.cfg.MaxLine); err != nil {
		return err
	}
	if j.last, err = lastLines(ctx, j.ins); err != nil {
		return err
	}
	j.log.Info("input read", "experiences", len(j.last))
	betweenPasses()
	j.sources = sourcesOf(j.ins)
	j.fp = fingerprint(j.base, j.cfg.BatchSize, j.sources)
	return nil
}

// workingCopy goes on with an interrupted update of the same input, or
// starts anew: the partial versions left are removed, but for the one
// taken up, and a new one is a copy of the base. It opens the working copy
// and the base, and makes the updater.
func (j *updateJob) workingCopy(ctx context.Context) error {
	err := j.cleanPartials(func(p string) bool {
		if j.id == "" {
			if w, pr, ok := resume(j.dd, p, j.base, j.fp, j.baseInfo.Documents, j.log); ok {
				j.id, j.idx, j.prog, j.resuming = p, w, pr, true
				return true
			}
		}
		return false
	})
	if err != nil {
		return err
	}
	if !j.resuming {
		id := datadir.NewID(j.start)
		if err := startUpdate(j.dd, id, j.base, j.fp, j.start); err != nil {
			j.dd.RemovePartial(id)
			return err
		}
		j.id = id
		work := filepath.Join(j.dd.PartialPath(id), workDir)
		err := bounded(ctx, "opening the working copy", j.cfg.StepTimeout, func() (err error) {
			j.idx, err = index.Open(work)
			return err
		})
		if err != nil {
			return j.abandoned(err)
		}
	}
	err = bounded(ctx, "opening version "+j.base, j.cfg.StepTimeout, func() (err error) {
		j.baseIdx, err = index.OpenReadOnly(j.dd.IndexPath(j.base))
		return err
	})
	if err != nil {
		return fmt.Errorf("open version %s to update it: %w", j.base, err)
	}
	j.u = &updater{idx: j.idx, w: j.idx.NewWriter(math.MaxInt), base: j.baseIdx, rep: j.rep, prog: j.prog, last: j.last,
		clusters: newRunClusters(j.baseIdx), smp: newSampler(4*j.cfg.Smoke, j.id), metrics: j.metrics,
		note: progressNote + "/" + j.id, baseNote: progressNote + "/" + j.base}
	if j.resuming {
		docs := j.cfg.Docs
		j.rep.Resumed = &Resumed{Version: j.id, BatchesDone: j.prog.Batches, After: fmt.Sprintf("%s:%d", docs[min(j.prog.File, len(docs)-1)], j.prog.Line)}
		j.log.Info("going on with an interrupted update", "version", j.id, "batches_done", j.prog.Batches, "after", j.rep.Resumed.After)
	} else {
		j.log.Info("applying changes to a copy", "base", j.base, "version", j.id)
	}
	return nil
}

// applyChanges applies the input to the working copy in batches, each on
// disk before it is reported done. When nothing changed, the update ends
// here, and current stays.
func (j *updateJob) applyChanges(ctx context.Context) error {
	err := j.u.applyFiles(ctx, j.cfg, j.ins, j.log)
	j.u.fillReport()
	if err != nil {
		return err
	}
	if j.u.prog.changed() == 0 {
		j.unchanged = true
		return nil
	}
	j.rep.NewVersion = j.id
	exps := uint64(int64(j.baseInfo.Experiences) + j.u.prog.Experiences)
	return checkSize(j.dd, j.cfg, j.id, j.base, exps, j.u.prog.Read, len(j.u.prog.Rejected))
}

// makeVersion makes the version of the working copy, whose changes are all
// on disk: merged into one segment, its documents counted, its live
// segment copied out as the version's index, verified. The progress note
// stays in it (a later update of it removes it), so that a run
// interrupted from here on still knows what was done.
func (j *updateJob) makeVersion(ctx context.Context) error {
	id, prog := j.id, j.u.prog
	j.log.Info("merging into one segment", "version", id)
	if err := bounded(ctx, "merging version "+id, j.cfg.StepTimeout, func() error { return j.idx.Compact(ctx) }); err != nil {
		return j.abandoned(err)
	}
	docs, err := j.idx.DocCount()
	if err != nil {
		return err
	}
	info := &datadir.Info{
		Job: "update", Created: time.Now().UTC().Format(time.RFC3339), Previous: j.base, Base: j.base, Sources: j.sources,
		Documents:   docs,
		Experiences: uint64(int64(j.baseInfo.Experiences) + prog.Experiences),
		Questions:   uint64(int64(j.baseInfo.Questions) + prog.Questions),
		// The tables are in the index copied from base.
		Synonyms: j.baseInfo.Synonyms, Companies: j.baseInfo.Companies,
	}
	j.rep.Experiences, j.rep.Questions = info.Experiences, info.Questions
	if docs != info.Experiences+info.Questions {
		return fmt.Errorf("verify version %s: the index holds %d documents, want %d (%d experiences + %d questions): not switching it in", id, docs, info.Experiences+info.Questions, info.Experiences, info.Questions)
	}
	final := filepath.Join(j.dd.PartialPath(id), "index")
	j.closed = true // copyLive closes the working copy
	if err := bounded(ctx, "copying version "+id, j.cfg.StepTimeout, func() error { return copyLive(j.idx, final, docs) }); err != nil {
		return err
	}
	if err := j.verify(ctx, final, info, j.u.smp.smokes(), j.cfg.Smoke, &j.rep.Smoke); err != nil {
		return err
	}
	// The marker goes first: from here on no run takes this partial up
	// (the next removes it and starts anew), so its working copy may go.
	if err := datadir.RemoveSync(filepath.Join(j.dd.PartialPath(id), startFile)); err != nil {
		return fmt.Errorf("finish version %s: %w", id, err)
	}
	if err := os.RemoveAll(filepath.Join(j.dd.PartialPath(id), workDir)); err != nil {
		return fmt.Errorf("remove the working copy of %s: %w", id, err)
	}
	j.info = info
	return nil
}

// publish publishes the version made, switches current to it and prunes
// the old versions (versionJob.switchIn).
func (j *updateJob) publish(context.Context) error {
	return j.switchIn(j.info, j.cfg.Keep)
}

// fingerprint identifies an update's work: its base version, batch size and
// input.
func fingerprint(base string, batch int, sources []datadir.Source) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%d\n", base, batch)
	for _, s := range sources {
		fmt.Fprintf(h, "%s %d\n", s.SHA256, s.Bytes)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// resume opens the working copy of the partial version id to go on with
// it, with the progress it records, when id is an update of base with the
// input fp (its update.json says so) whose working copy is complete, opens
// and holds the documents of the base (baseDocs) with the changes of the
// batches done. When update.json matches but the working copy does not open, it
// logs why and returns false: the partial is removed as any other, and the
// update starts anew.
func resume(dd datadir.Dir, id, base, fp string, baseDocs uint64, jl jobLog) (*index.Index, updateProgress, bool) {
	var prog updateProgress
	raw, err := os.ReadFile(filepath.Join(dd.PartialPath(id), startFile))
	if err != nil {
		return nil, prog, false
	}
	var st updateStart
	if json.Unmarshal(raw, &st) != nil || st.Base != base || st.Fingerprint != fp {
		return nil, prog, false
	}
	idx, err := openWork(filepath.Join(dd.PartialPath(id), workDir))
	if err == nil {
		err = readProgress(idx, progressNote+"/"+id, &prog)
		if err == nil {
			err = checkWork(idx, baseDocs, prog)
		}
		if err != nil {
			idx.Close()
		}
	}
	if err != nil {
		jl.Warn("cannot go on with an interrupted update of this input: starting anew", "version", id, "err", err)
		return nil, prog, false
	}
	return idx, prog, true
}

// openWork opens the working copy of an update. A damaged index can make
// bleve panic rather than fail: that is an error here too.
func openWork(dir string) (idx *index.Index, err error) {
	defer func() {
		if p := recover(); p != nil {
			if idx != nil {
				idx.Close()
			}
			idx, err = nil, fmt.Errorf("its working copy is damaged: %v", p)
		}
	}()
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err != nil {
		return nil, fmt.Errorf("its working copy is not there or not complete: %w", err)
	}
	idx, err = index.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("its working copy does not open: %w", err)
	}
	return idx, nil
}

// checkWork checks that a working copy holds the documents of its base,
// baseDocs, with the changes of the batches done that p counts.
func checkWork(idx *index.Index, baseDocs uint64, p updateProgress) error {
	n, err := idx.DocCount()
	if err != nil {
		return fmt.Errorf("its working copy does not answer: %w", err)
	}
	if want := int64(baseDocs) + p.Experiences + p.Questions; int64(n) != want {
		return fmt.Errorf("its working copy holds %d documents, want %d after %d batches", n, want, p.Batches)
	}
	return nil
}

// readProgress reads the progress note key of a working copy into p; no
// note is no batch done.
func readProgress(idx *index.Index, key string, p *updateProgress) error {
	raw, err := idx.Note(key)
	if err != nil || raw == nil {
		return err
	}
	if err := json.Unmarshal(raw, p); err != nil {
		return fmt.Errorf("its progress note is not valid: %w", err)
	}
	return nil
}

// startUpdate makes the partial version id: a working copy of the index of
// base, then update.json, which marks the copy complete.
func startUpdate(dd datadir.Dir, id, base, fp string, start time.Time) error {
	p, err := dd.NewPartial(id)
	if err != nil {
		return err
	}
	if err := index.CopyFolder(dd.IndexPath(base), filepath.Join(p, workDir)); err != nil {
		return fmt.Errorf("copy version %s to update it: %w", base, err)
	}
	raw, _ := json.Marshal(updateStart{Base: base, Fingerprint: fp, Started: start.UTC().Format(time.RFC3339)})
	return datadir.WriteFileSync(filepath.Join(p, startFile), raw)
}
