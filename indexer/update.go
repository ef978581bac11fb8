package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/cluster"
	"github.com/askedat/askedat/internal/datadir"
	"github.com/askedat/askedat/internal/progress"
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
// A new version much smaller than current is refused (checkSize).
func Update(ctx context.Context, cfg JobConfig, logw io.Writer) (rep *UpdateReport, err error) {
	start := time.Now()
	dd := datadir.Dir{Path: cfg.Data}
	rep = &UpdateReport{jobHeader: newHeader("update", cfg.Data), Rejected: []Rejection{}, Batches: []BatchReport{}}
	m := newJobMetrics(cfg.Metrics, "update")
	m.start(ctx, logw)
	defer func() { m.finish(rep, err, logw) }() // after the report's, below
	for _, f := range cfg.Docs {
		if f == "-" {
			return rep, errors.New("update reads files, not standard input (it goes on from them after an interruption): save the documents to a file first")
		}
	}
	unlock, err := dd.Lock()
	if err != nil {
		return rep, err
	}
	defer unlock()
	var reportID string
	defer func() { err = rep.finish(dd, cfg.Report, reportID, rep, start, err) }()

	base, err := dd.Current()
	if err != nil {
		return rep, fmt.Errorf("nothing to update: %w", err)
	}
	rep.OldVersion = base
	// The version updated is checked against its manifest before anything
	// is made from it: bleve, given a damaged segment, can fail late (after
	// the copy, leaving a partial) or loop for ever in the merge while the
	// job holds the lock. A damaged current is an error naming the file.
	fmt.Fprintf(logw, "indexer: update: verifying version %s against its manifest\n", base)
	baseInfo, err := dd.Check(base)
	if err != nil {
		return rep, fmt.Errorf("cannot update: %w (indexer verify -all tells which versions are intact; indexer rollback switches to the previous one)", err)
	}
	rep.Experiences, rep.Questions = baseInfo.Experiences, baseInfo.Questions
	ins, err := openInputs(cfg.Docs, "", cfg.MaxLine)
	if err != nil {
		return rep, err
	}
	defer closeInputs(ins)
	last, err := lastLines(ctx, ins)
	if err != nil {
		return rep, err
	}
	fmt.Fprintf(logw, "indexer: update: the input names %d experiences\n", len(last))
	betweenPasses()
	sources := sourcesOf(ins)
	fp := fingerprint(base, cfg.BatchSize, sources)

	// Go on with an interrupted update of the same input, or start anew.
	var (
		id   string
		idx  *index.Index
		prog updateProgress
	)
	rep.Cleaned, err = cleanPartials(dd, logw, func(p string) bool {
		if id == "" {
			if w, pr, ok := resume(dd, p, base, fp, baseInfo.Documents, logw); ok {
				id, idx, prog = p, w, pr
				return true
			}
		}
		return false
	})
	closed := false
	defer func() {
		if !closed && idx != nil {
			idx.Close()
		}
	}()
	if err != nil {
		return rep, err
	}
	resuming := id != ""
	if !resuming {
		id = datadir.NewID(start)
		if err := startUpdate(dd, id, base, fp, start); err != nil {
			dd.RemovePartial(id)
			return rep, err
		}
	}
	reportID = id
	published := false
	defer func() {
		// Kept after an error: the next run with the same input goes on
		// from the batches done. Removed when there was nothing to change.
		if err == nil && !published {
			dd.RemovePartial(id)
		}
	}()

	// A bleve step that does not end is abandoned (bounded): what it
	// works on is then left open, as closing it would wait for the step.
	abandoned := func(err error) error {
		if errors.Is(err, errAbandoned) {
			closed = true
		}
		return err
	}
	work := filepath.Join(dd.PartialPath(id), workDir)
	if !resuming {
		err := bounded(ctx, "opening the working copy", cfg.StepTimeout, func() (err error) {
			idx, err = index.Open(work)
			return err
		})
		if err != nil {
			return rep, abandoned(err)
		}
	}
	var baseIdx *index.Index
	err = bounded(ctx, "opening version "+base, cfg.StepTimeout, func() (err error) {
		baseIdx, err = index.OpenReadOnly(dd.IndexPath(base))
		return err
	})
	if err != nil {
		return rep, fmt.Errorf("open version %s to update it: %w", base, err)
	}
	defer baseIdx.Close()
	u := &updater{idx: idx, w: idx.NewWriter(math.MaxInt), base: baseIdx, rep: rep, prog: prog, last: last,
		clusters: newRunClusters(baseIdx), smp: newSampler(4*cfg.Smoke, id), metrics: m,
		note: progressNote + "/" + id, baseNote: progressNote + "/" + base}
	if resuming {
		rep.Resumed = &Resumed{Version: id, BatchesDone: u.prog.Batches, After: fmt.Sprintf("%s:%d", cfg.Docs[min(u.prog.File, len(cfg.Docs)-1)], u.prog.Line)}
		fmt.Fprintf(logw, "indexer: update: going on with version %s: %d batches were done, up to %s\n", id, u.prog.Batches, rep.Resumed.After)
	} else {
		fmt.Fprintf(logw, "indexer: update: applying changes to a copy of %s as version %s\n", base, id)
	}

	if err := u.applyFiles(ctx, cfg, ins, logw); err != nil {
		u.fillReport()
		return rep, err
	}
	u.fillReport()
	if u.prog.changed() == 0 {
		return rep, nil
	}
	rep.NewVersion = id
	exps := uint64(int64(baseInfo.Experiences) + u.prog.Experiences)
	if err := checkSize(dd, cfg, id, base, exps, u.prog.Read, len(u.prog.Rejected)); err != nil {
		return rep, err
	}

	// The changes are all on disk; make the version: one segment, checked.
	// The progress note stays in it (a later update of it removes it),
	// so that a run interrupted from here on still knows what was done.
	fmt.Fprintf(logw, "indexer: update: merging version %s into one segment\n", id)
	if err := bounded(ctx, "merging version "+id, cfg.StepTimeout, func() error { return idx.Compact(ctx) }); err != nil {
		return rep, abandoned(err)
	}
	docs, err := idx.DocCount()
	if err != nil {
		return rep, err
	}
	info := &datadir.Info{
		Job: "update", Created: time.Now().UTC().Format(time.RFC3339), Previous: base, Base: base, Sources: sources,
		Documents:   docs,
		Experiences: exps,
		Questions:   uint64(int64(baseInfo.Questions) + u.prog.Questions),
	}
	rep.Experiences, rep.Questions = info.Experiences, info.Questions
	if docs != info.Experiences+info.Questions {
		return rep, fmt.Errorf("verify version %s: the index holds %d documents, want %d (%d experiences + %d questions): not switching it in", id, docs, info.Experiences+info.Questions, info.Experiences, info.Questions)
	}
	final := filepath.Join(dd.PartialPath(id), "index")
	closed = true
	if err := bounded(ctx, "copying version "+id, cfg.StepTimeout, func() error { return copyLive(idx, final, docs) }); err != nil {
		return rep, err
	}
	fmt.Fprintf(logw, "indexer: update: verifying version %s\n", id)
	if err := verifyNew(ctx, final, info, u.smp.smokes(), cfg.Smoke, &rep.Smoke); err != nil {
		return rep, fmt.Errorf("verify version %s: %w: not switching it in", id, err)
	}
	// The marker goes first: from here on no run takes this partial up
	// (the next removes it and starts anew), so its working copy may go.
	if err := datadir.RemoveSync(filepath.Join(dd.PartialPath(id), startFile)); err != nil {
		return rep, fmt.Errorf("finish version %s: %w", id, err)
	}
	if err := os.RemoveAll(work); err != nil {
		return rep, fmt.Errorf("remove the working copy of %s: %w", id, err)
	}
	if err := dd.Publish(id, info); err != nil {
		return rep, err
	}
	published = true
	fmt.Fprintf(logw, "indexer: update: switching current from %s to %s\n", base, id)
	if err := dd.Switch(id); err != nil {
		return rep, err
	}
	rep.Switched = true
	rep.Removed, err = prune(dd, cfg.Keep, logw)
	return rep, err
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
// says so in logw and returns false: the partial is removed as any other,
// and the update starts anew.
func resume(dd datadir.Dir, id, base, fp string, baseDocs uint64, logw io.Writer) (*index.Index, updateProgress, bool) {
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
		fmt.Fprintf(logw, "indexer: update: cannot go on with version %s, an interrupted update of this input: %v; starting anew\n", id, err)
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

// A linePos is the place of a line in an update's input: the index of its
// file in the job's list, and its line number.
type linePos struct{ file, line int }

// lastLines reads every input once (the first pass of an update) and
// returns, for each id, the place of the last line with that id that can be
// applied: the only one of them that is.
func lastLines(ctx context.Context, ins []*input) (map[string]linePos, error) {
	last := map[string]linePos{}
	for fi, in := range ins {
		r, err := in.read()
		if err != nil {
			return nil, err
		}
		dec := in.decoder(r)
		for {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			e, err := dec.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			var le *askedat.LineError
			if errors.As(err, &le) {
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", in.name, err)
			}
			if checkLine(&e) == "" {
				last[e.ID] = linePos{fi, dec.Line()}
			}
		}
		if err := in.done(); err != nil {
			return nil, err
		}
	}
	return last, nil
}

// checkLine normalises the experience of one line of an update and says
// why it cannot be applied, or "" when it can: a deletion has only its id,
// an experience must pass Validate.
func checkLine(e *askedat.Experience) string {
	if !e.Deleted {
		askedat.Normalize(e)
		if err := e.Validate(); err != nil {
			return err.Error()
		}
		return ""
	}
	e.ID = strings.TrimSpace(e.ID)
	switch {
	case !isBareDeletion(e):
		return fmt.Sprintf("deletion of %s has fields besides id and deleted: a deletion line is {\"id\": \"…\", \"deleted\": true}", e.ID)
	case e.ID == "":
		return "deletion has no id"
	}
	return ""
}

// startUpdate makes the partial version id: a working copy of the index of
// base, then update.json, which marks the copy complete.
func startUpdate(dd datadir.Dir, id, base, fp string, start time.Time) error {
	p, err := dd.NewPartial(id)
	if err != nil {
		return err
	}
	if err := copyIndex(dd.IndexPath(base), filepath.Join(p, workDir)); err != nil {
		return fmt.Errorf("copy version %s to update it: %w", base, err)
	}
	raw, _ := json.Marshal(updateStart{Base: base, Fingerprint: fp, Started: start.UTC().Format(time.RFC3339)})
	return datadir.WriteFileSync(filepath.Join(p, startFile), raw)
}

// copyIndex copies the index folder src to dst. Segment files (.zap) are
// never written again once made, so they are hard-linked where the file
// system allows; the rest (root.bolt, which bolt rewrites in place, and the
// meta) is copied.
func copyIndex(src, dst string) error {
	return filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if e.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if filepath.Ext(p) == ".zap" && os.Link(p, target) == nil {
			return nil
		}
		return copyFile(p, target)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// An updater applies the lines of an update to the working index.
type updater struct {
	idx  *index.Index // the working copy
	w    *index.Writer
	base *index.Index // the version updated, as it was
	rep  *UpdateReport
	prog updateProgress // as of the last batch on disk
	// last is where the line applied for each id is (lastLines).
	last map[string]linePos
	// batch counts the batch being read, from line first.
	batch    updateProgress
	first    int
	clusters *runClusters
	smp      *sampler
	// note is the key of this update's progress note; baseNote that of
	// the update that made the base version, if one did.
	note, baseNote string
	metrics        *jobMetrics
}

// applyFiles reads every input again and applies its lines in batches.
// The lines an interrupted run did are not applied again, but replayed.
func (u *updater) applyFiles(ctx context.Context, cfg JobConfig, ins []*input, logw io.Writer) error {
	total, err := totalSize(ins)
	if err != nil {
		return err
	}
	meter := progress.New("updating", progress.Options{
		Out: logw, Total: total, Unit: "bytes", Bar: cfg.Progress,
		Detail: func() string {
			return fmt.Sprintf("%d batches done, %d changed", u.prog.Batches, u.prog.changed())
		},
	})
	defer meter.Finish()
	for fi, in := range ins {
		if err := u.applyFile(ctx, fi, in, cfg.BatchSize, meter, logw); err != nil {
			return err
		}
	}
	return nil
}

func (u *updater) applyFile(ctx context.Context, fi int, in *input, size int, meter *progress.Meter, logw io.Writer) error {
	r, err := in.read()
	if err != nil {
		return err
	}
	name := in.name
	dec := in.decoder(io.TeeReader(r, meter))
	skipTo := 0 // lines done by an earlier run
	switch {
	case fi < u.prog.File:
		skipTo = math.MaxInt
	case fi == u.prog.File:
		skipTo = u.prog.Line
	}
	n := 0 // lines in the batch
	for {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("interrupted at %s line %d: %w", name, dec.Line(), err)
		}
		e, err := dec.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var le *askedat.LineError
		if err != nil && !errors.As(err, &le) {
			return fmt.Errorf("read %s: %w", name, err)
		}
		if dec.Line() <= skipTo {
			if le == nil {
				if err := u.replay(ctx, &e, fi, dec.Line()); err != nil {
					return err
				}
			}
			continue
		}
		if n == 0 {
			u.startBatch(dec.Line())
		}
		n++
		u.batch.Read++
		if le != nil {
			u.reject(name, le.Line, "", le.Err.Error())
		} else if err := u.apply(ctx, &e, name, linePos{fi, dec.Line()}); err != nil {
			return err
		}
		if n == size {
			if err := u.endBatch(fi, name, dec.Line(), logw); err != nil {
				return err
			}
			n = 0
		}
	}
	if err := in.done(); err != nil {
		return err
	}
	if n > 0 {
		return u.endBatch(fi, name, dec.Line(), logw)
	}
	return nil
}

func (u *updater) startBatch(line int) {
	u.batch = updateProgress{}
	u.first = line
}

func (u *updater) reject(file string, line int, id, reason string) {
	u.batch.Rejected = append(u.batch.Rejected, Rejection{File: file, Line: line, ID: id, Reason: reason})
}

// endBatch writes the batch with the progress so far, and reports it done
// once it is on disk.
func (u *updater) endBatch(fi int, name string, line int, logw io.Writer) error {
	next := u.prog
	next.Batches++
	next.File, next.Line = fi, line
	next.Read += u.batch.Read
	next.Added += u.batch.Added
	next.Modified += u.batch.Modified
	next.Deleted += u.batch.Deleted
	next.Unchanged += u.batch.Unchanged
	next.Superseded += u.batch.Superseded
	next.Experiences += u.batch.Experiences
	next.Questions += u.batch.Questions
	next.Rejected = append(slices.Clip(next.Rejected), u.batch.Rejected...)
	if len(next.Rejected) > maxNotedRejects {
		next.Rejected = next.Rejected[:maxNotedRejects]
	}
	raw, err := json.Marshal(next)
	if err != nil {
		return err
	}
	u.w.SetNote(u.note, raw)
	if u.prog.Batches == 0 {
		u.w.SetNote(u.baseNote, nil) // the note of the update that made the base
	}
	if err := u.w.Flush(); err != nil {
		return fmt.Errorf("write batch %d: %w", next.Batches, err)
	}
	u.prog = next
	u.metrics.batchDone(next)
	rep := BatchReport{N: next.Batches, File: name, FromLine: u.first, ToLine: line, Changed: u.batch.changed(), Unchanged: u.batch.Unchanged, Rejected: len(u.batch.Rejected), Superseded: u.batch.Superseded, Durable: true}
	u.rep.Batches = append(u.rep.Batches, rep)
	u.rep.Rejected = append(u.rep.Rejected, u.batch.Rejected...)
	fmt.Fprintf(logw, "indexer: update: batch %d done and on disk: %s lines %d-%d, %d changed, %d unchanged, %d superseded, %d rejected\n",
		rep.N, name, rep.FromLine, rep.ToLine, rep.Changed, rep.Unchanged, rep.Superseded, rep.Rejected)
	return nil
}

// fillReport copies the totals of the update into the report.
func (u *updater) fillReport() {
	p := u.prog
	r := u.rep
	r.Read, r.Added, r.Modified, r.Deleted, r.Unchanged, r.Superseded = p.Read, p.Added, p.Modified, p.Deleted, p.Unchanged, p.Superseded
	r.Changed = p.changed()
	if r.Resumed != nil && len(p.Rejected) > 0 {
		// The rejections of the resumed batches are in the progress note.
		r.Rejected = slices.Clone(p.Rejected)
	}
}

// baseExperience returns the experience id as the version updated has it,
// or nil. As only one line of each id is applied, it is also what the
// working copy holds until that line.
func (u *updater) baseExperience(ctx context.Context, id string) (*askedat.Experience, error) {
	e, err := u.base.Experience(ctx, id)
	if errors.Is(err, index.ErrNotFound) {
		return nil, nil
	}
	return e, err
}

// apply queues the change of the line at pos, or counts it unchanged,
// superseded or rejected.
func (u *updater) apply(ctx context.Context, e *askedat.Experience, file string, pos linePos) error {
	if reason := checkLine(e); reason != "" {
		u.reject(file, pos.line, e.ID, reason)
		return nil
	}
	if u.last[e.ID] != pos {
		u.batch.Superseded++
		return nil
	}
	old, err := u.baseExperience(ctx, e.ID)
	if err != nil {
		return err
	}
	if e.Deleted {
		if old == nil {
			u.batch.Unchanged++ // not there: nothing to delete
			return nil
		}
		u.w.Delete(e.ID, old.Ordinals())
		u.batch.Deleted++
		u.batch.Experiences--
		u.batch.Questions -= int64(len(old.Questions))
		u.smp.add(&askedat.Experience{ID: e.ID, Deleted: true})
		return nil
	}
	if err := u.assignClusters(ctx, e, old); err != nil {
		return err
	}
	if old != nil && sameExperience(old, e) {
		u.batch.Unchanged++
		return nil
	}
	if old != nil {
		kept := map[int]bool{}
		for _, n := range e.Ordinals() {
			kept[n] = true
		}
		stale := slices.DeleteFunc(old.Ordinals(), func(n int) bool { return kept[n] })
		u.w.DeleteQuestions(e.ID, stale)
	}
	// e passed Validate (checkLine), so Add does not refuse it.
	if err := u.w.Add(e); err != nil {
		return err
	}
	c := *e
	if old == nil {
		u.batch.Added++
		u.batch.Experiences++
		u.batch.Questions += int64(len(e.Questions))
	} else {
		u.batch.Modified++
		u.batch.Questions += int64(len(e.Questions) - len(old.Questions))
	}
	u.smp.add(&c)
	return nil
}

// replay does again, for the line at (fi, line) that an interrupted run
// applied, what applying it did besides writing it (which is in the working
// copy): the clusters its new questions joined and counted, and the smoke
// sample. A resumed run thus goes on as if it had never stopped.
func (u *updater) replay(ctx context.Context, e *askedat.Experience, fi, line int) error {
	if checkLine(e) != "" || u.last[e.ID] != (linePos{fi, line}) {
		return nil // rejected or superseded: nothing was done
	}
	old, err := u.baseExperience(ctx, e.ID)
	if err != nil {
		return err
	}
	if e.Deleted {
		if old != nil {
			u.smp.add(&askedat.Experience{ID: e.ID, Deleted: true})
		}
		return nil
	}
	done, err := u.idx.Experience(ctx, e.ID)
	if errors.Is(err, index.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	oldByOrdinal := byOrdinal(old)
	for _, q := range done.Questions {
		if _, ok := keptCluster(oldByOrdinal, &q); !ok {
			if err := u.clusters.replay(ctx, cluster.Key(q.Title), q, done.Company); err != nil {
				return err
			}
		}
	}
	if old == nil || !sameExperience(old, done) {
		u.smp.add(done)
	}
	return nil
}

// isBareDeletion reports whether e says only which experience to delete.
func isBareDeletion(e *askedat.Experience) bool {
	a, _ := json.Marshal(e)
	b, _ := json.Marshal(&askedat.Experience{ID: e.ID, Deleted: true})
	return bytes.Equal(a, b)
}

// sameExperience reports whether a and b would be indexed the same: the
// index stores each experience as its JSON.
func sameExperience(a, b *askedat.Experience) bool {
	x, errA := json.Marshal(a)
	y, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(x, y)
}

// searchHits bounds the hits looked at for a question's cluster.
const searchHits = 50

// assignClusters gives each question of e a cluster, without regrouping
// the corpus (reindex does that):
//   - a question the indexed version has, under the same ordinal and with
//     a title of the same cluster key, keeps its cluster and its count;
//   - otherwise it joins the cluster that an earlier line of this update
//     gave a question of the same key (cluster.Key: the exact groups of the
//     first stage), or else the cluster of a question of the version
//     updated with that key, or else it is a cluster of its own, as reindex
//     would make it; its count is the number of companies that asked a
//     question of that cluster in the version updated or in this update
//     so far (runClusters).
//
// The other questions of a cluster keep their count until the next reindex.
//
// A question that states no difficulty keeps the one inferred for it
// before, or else takes the catalogue's rating of its problem: the ratings
// of imported lists and posts (difficulties) reach it at the next reindex.
func (u *updater) assignClusters(ctx context.Context, e *askedat.Experience, old *askedat.Experience) error {
	oldByOrdinal := byOrdinal(old)
	for i := range e.Questions {
		q := &e.Questions[i]
		inferUpdated(q, oldByOrdinal)
		if o, ok := keptCluster(oldByOrdinal, q); ok {
			q.Cluster, q.ClusterTitle, q.AskedAt = o.Cluster, o.ClusterTitle, o.AskedAt
			continue
		}
		c, err := u.clusters.join(ctx, q.Title, cluster.Key(q.Title), e.Company)
		if err != nil {
			return err
		}
		q.Cluster, q.ClusterTitle, q.AskedAt = c.Cluster, c.ClusterTitle, c.AskedAt
	}
	return nil
}

// byOrdinal maps the questions of e (nil for none) by ordinal.
func byOrdinal(e *askedat.Experience) map[int]askedat.Question {
	m := map[int]askedat.Question{}
	if e != nil {
		for _, q := range e.Questions {
			m[q.Ordinal] = q
		}
	}
	return m
}

// keptCluster returns the question of the indexed version whose cluster q
// keeps: the one under q's ordinal, when it has a cluster and a title of
// the same key.
func keptCluster(old map[int]askedat.Question, q *askedat.Question) (askedat.Question, bool) {
	o, ok := old[q.Ordinal]
	return o, ok && o.Cluster != "" && cluster.Key(o.Title) == cluster.Key(q.Title)
}

// runClusters is what an update knows of the clusters its new questions
// join: the cluster it gave each title key, and, per cluster, the companies
// counted: those that asked a question of it in the version updated, and
// those of the new questions that joined it. It depends only on the version
// updated and on the lines applied before, in their order: not on where
// batches end, nor on a resume (which replays the lines done).
type runClusters struct {
	base      *index.Index
	byKey     map[string]askedat.Question // cluster fields only
	companies map[string]map[string]bool
}

func newRunClusters(base *index.Index) *runClusters {
	return &runClusters{base: base, byKey: map[string]askedat.Question{}, companies: map[string]map[string]bool{}}
}

// join returns the cluster (in a Question's cluster fields) of a new
// question with this title and key asked at company, counting company.
func (rc *runClusters) join(ctx context.Context, title, key, company string) (askedat.Question, error) {
	c, ok := rc.byKey[key]
	if !ok {
		var err error
		if c, err = rc.find(ctx, title, key); err != nil {
			return c, err
		}
		rc.byKey[key] = c
	}
	n, err := rc.count(ctx, c.Cluster, company)
	c.AskedAt = n
	return c, err
}

// replay records that a new question q, of key key and asked at company,
// joined its cluster in an earlier run of this update.
func (rc *runClusters) replay(ctx context.Context, key string, q askedat.Question, company string) error {
	if _, ok := rc.byKey[key]; !ok {
		rc.byKey[key] = askedat.Question{Cluster: q.Cluster, ClusterTitle: q.ClusterTitle}
	}
	_, err := rc.count(ctx, q.Cluster, company)
	return err
}

// find returns the cluster of a question of the version updated whose title
// has this key, or a new cluster of its own.
func (rc *runClusters) find(ctx context.Context, title, key string) (askedat.Question, error) {
	if q := datadir.TitleQuery(title); q != "" {
		res, err := rc.base.Search(ctx, askedat.Request{Query: q, Type: askedat.TypeQuestion, Size: searchHits, FacetSize: 1})
		var rerr *askedat.RequestError
		if err != nil && !errors.As(err, &rerr) {
			return askedat.Question{}, fmt.Errorf("find the cluster of %q: %w", title, err)
		}
		if err == nil {
			for _, h := range res.Hits {
				if h.Cluster != "" && cluster.Key(h.Title) == key {
					return askedat.Question{Cluster: h.Cluster, ClusterTitle: h.ClusterTitle}, nil
				}
			}
		}
	}
	var c askedat.Question
	c.ClusterTitle, c.Cluster = cluster.Single(title)
	return c, nil
}

// count adds company ("" for none) to the companies counted for cluster id,
// first those of the version updated, and returns their number.
func (rc *runClusters) count(ctx context.Context, id, company string) (int, error) {
	set, ok := rc.companies[id]
	if !ok {
		set = map[string]bool{}
		req := askedat.Request{Cluster: id, Type: askedat.TypeQuestion, Size: askedat.MaxSize, FacetSize: 1}
		for {
			res, err := rc.base.Search(ctx, req)
			if err != nil {
				return 0, fmt.Errorf("count the companies that asked cluster %s: %w", id, err)
			}
			for _, h := range res.Hits {
				if h.Company != "" {
					set[h.Company] = true
				}
			}
			if res.NextCursor == "" {
				break
			}
			req.Cursor = res.NextCursor
		}
		rc.companies[id] = set
	}
	if company != "" {
		set[company] = true
	}
	return len(set), nil
}
