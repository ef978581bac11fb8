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
	"time"

	"askedat/index"
	"askedat/internal/cluster"
	"askedat/internal/datadir"
	"askedat/internal/progress"
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
	// experience that is not there), and lines rejected.
	Read      int         `json:"read"`
	Changed   int         `json:"changed"`
	Added     int         `json:"added"`
	Modified  int         `json:"modified"`
	Deleted   int         `json:"deleted"`
	Unchanged int         `json:"unchanged"`
	Rejected  []Rejection `json:"rejected"`
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
}

// Print writes a human summary of r.
func (r *UpdateReport) Print(w io.Writer) {
	fmt.Fprintf(w, "indexer: update read %d lines: %d changed (%d added, %d modified, %d deleted), %d unchanged, %d rejected, in %s\n",
		r.Read, r.Changed, r.Added, r.Modified, r.Deleted, r.Unchanged, len(r.Rejected), r.Took.Round(time.Millisecond))
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

	Read, Added, Modified, Deleted, Unchanged int
	Rejected                                  []Rejection
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
// to it; when nothing changes, current stays. Each batch is on disk, with
// the update's progress, before it is reported done; an update that is
// interrupted is taken up by the next run with the same input on the same
// current version, from the batch after the last one done.
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
	baseInfo, err := dd.ReadInfo(base)
	if err != nil {
		return rep, err
	}
	rep.Experiences, rep.Questions = baseInfo.Experiences, baseInfo.Questions
	sources, err := hashSources(cfg.Docs)
	if err != nil {
		return rep, err
	}
	fp := fingerprint(base, cfg.BatchSize, sources)

	// Go on with an interrupted update of the same input, or start anew.
	var id string
	rep.Cleaned, err = cleanPartials(dd, logw, func(p string) bool {
		if id == "" && resumable(dd, p, base, fp) {
			id = p
			return true
		}
		return false
	})
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

	work := filepath.Join(dd.PartialPath(id), workDir)
	idx, err := index.Open(work)
	if err != nil {
		return rep, err
	}
	closed := false
	defer func() {
		if !closed {
			idx.Close()
		}
	}()
	u := &updater{idx: idx, w: idx.NewWriter(math.MaxInt), rep: rep, fresh: map[string]index.Question{}, smp: newSampler(4*cfg.Smoke, id), metrics: m,
		note: progressNote + "/" + id, baseNote: progressNote + "/" + base}
	if raw, err := idx.Note(u.note); err != nil {
		return rep, err
	} else if raw != nil {
		if err := json.Unmarshal(raw, &u.prog); err != nil {
			return rep, fmt.Errorf("read the progress of update %s: %w", id, err)
		}
	}
	if resuming {
		rep.Resumed = &Resumed{Version: id, BatchesDone: u.prog.Batches, After: fmt.Sprintf("%s:%d", cfg.Docs[min(u.prog.File, len(cfg.Docs)-1)], u.prog.Line)}
		fmt.Fprintf(logw, "indexer: update: going on with version %s: %d batches were done, up to %s\n", id, u.prog.Batches, rep.Resumed.After)
	} else {
		fmt.Fprintf(logw, "indexer: update: applying changes to a copy of %s as version %s\n", base, id)
	}

	if err := u.applyFiles(ctx, cfg, logw); err != nil {
		u.fillReport()
		return rep, err
	}
	u.fillReport()
	if u.prog.changed() == 0 {
		return rep, nil
	}
	rep.NewVersion = id

	// The changes are all on disk; make the version: one segment, checked.
	// The progress note stays in it (a later update of it removes it),
	// so that a run interrupted from here on still knows what was done.
	fmt.Fprintf(logw, "indexer: update: merging version %s into one segment\n", id)
	if err := idx.Compact(ctx); err != nil {
		return rep, err
	}
	docs, err := idx.DocCount()
	if err != nil {
		return rep, err
	}
	info := &datadir.Info{
		Job: "update", Created: time.Now().UTC().Format(time.RFC3339), Previous: base, Base: base, Sources: sources,
		Documents:   docs,
		Experiences: uint64(int64(baseInfo.Experiences) + u.prog.Experiences),
		Questions:   uint64(int64(baseInfo.Questions) + u.prog.Questions),
	}
	rep.Experiences, rep.Questions = info.Experiences, info.Questions
	if docs != info.Experiences+info.Questions {
		return rep, fmt.Errorf("verify version %s: the index holds %d documents, want %d (%d experiences + %d questions): not switching it in", id, docs, info.Experiences+info.Questions, info.Experiences, info.Questions)
	}
	final := filepath.Join(dd.PartialPath(id), "index")
	closed = true
	if err := copyLive(idx, final, docs); err != nil {
		return rep, err
	}
	fmt.Fprintf(logw, "indexer: update: verifying version %s\n", id)
	if err := verifyNew(ctx, final, info, u.smp.smokes(), cfg.Smoke, &rep.Smoke); err != nil {
		return rep, fmt.Errorf("verify version %s: %w: not switching it in", id, err)
	}
	if err := os.RemoveAll(work); err != nil {
		return rep, fmt.Errorf("remove the working copy of %s: %w", id, err)
	}
	os.Remove(filepath.Join(dd.PartialPath(id), startFile))
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

// resumable reports whether the partial version id is an update of base
// with the input fp whose working copy is complete.
func resumable(dd datadir.Dir, id, base, fp string) bool {
	raw, err := os.ReadFile(filepath.Join(dd.PartialPath(id), startFile))
	if err != nil {
		return false
	}
	var st updateStart
	if json.Unmarshal(raw, &st) != nil {
		return false
	}
	return st.Base == base && st.Fingerprint == fp
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
	idx  *index.Index
	w    *index.Writer
	rep  *UpdateReport
	prog updateProgress // as of the last batch on disk
	// batch counts the batch being read; pending holds its experiences,
	// which the index does not have yet (nil for a deletion).
	batch   updateProgress
	pending map[string]*index.Experience
	first   int // first line of the batch
	// fresh holds the clusters made in this run, by title key, for the
	// questions of later batches.
	fresh map[string]index.Question
	smp   *sampler
	// note is the key of this update's progress note; baseNote that of
	// the update that made the base version, if one did.
	note, baseNote string
	metrics        *jobMetrics
}

// applyFiles reads every file and applies its lines in batches.
func (u *updater) applyFiles(ctx context.Context, cfg JobConfig, logw io.Writer) error {
	var total int64
	for _, f := range cfg.Docs {
		st, err := os.Stat(f)
		if err != nil {
			return fmt.Errorf("documents %s: %w", f, err)
		}
		total += st.Size()
	}
	meter := progress.New("updating", progress.Options{
		Out: logw, Total: total, Unit: "bytes", Bar: cfg.Progress,
		Detail: func() string {
			return fmt.Sprintf("%d batches done, %d changed", u.prog.Batches, u.prog.changed())
		},
	})
	defer meter.Finish()
	for fi, name := range cfg.Docs {
		if fi < u.prog.File {
			meter.Add(fileSize(name))
			continue
		}
		if err := u.applyFile(ctx, fi, name, cfg.BatchSize, meter, logw); err != nil {
			return err
		}
	}
	return nil
}

func fileSize(name string) int64 {
	st, err := os.Stat(name)
	if err != nil {
		return 0
	}
	return st.Size()
}

func (u *updater) applyFile(ctx context.Context, fi int, name string, size int, meter *progress.Meter, logw io.Writer) error {
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("open documents: %w", err)
	}
	defer f.Close()
	dec := index.NewDecoder(io.TeeReader(f, meter))
	skipTo := 0
	if fi == u.prog.File {
		skipTo = u.prog.Line // lines done by an earlier run
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
		if dec.Line() <= skipTo {
			continue
		}
		if n == 0 {
			u.startBatch(dec.Line())
		}
		n++
		u.batch.Read++
		var le *index.LineError
		switch {
		case errors.As(err, &le):
			u.reject(name, le.Line, "", le.Err.Error())
		case err != nil:
			return fmt.Errorf("read %s: %w", name, err)
		default:
			if err := u.apply(ctx, &e, name, dec.Line()); err != nil {
				return err
			}
		}
		if n == size {
			if err := u.endBatch(fi, name, dec.Line(), logw); err != nil {
				return err
			}
			n = 0
		}
	}
	if n > 0 {
		return u.endBatch(fi, name, dec.Line(), logw)
	}
	return nil
}

func (u *updater) startBatch(line int) {
	u.batch = updateProgress{}
	u.pending = map[string]*index.Experience{}
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
	rep := BatchReport{N: next.Batches, File: name, FromLine: u.first, ToLine: line, Changed: u.batch.changed(), Unchanged: u.batch.Unchanged, Rejected: len(u.batch.Rejected), Durable: true}
	u.rep.Batches = append(u.rep.Batches, rep)
	u.rep.Rejected = append(u.rep.Rejected, u.batch.Rejected...)
	fmt.Fprintf(logw, "indexer: update: batch %d done and on disk: %s lines %d-%d, %d changed, %d unchanged, %d rejected\n",
		rep.N, name, rep.FromLine, rep.ToLine, rep.Changed, rep.Unchanged, rep.Rejected)
	return nil
}

// fillReport copies the totals of the update into the report.
func (u *updater) fillReport() {
	p := u.prog
	r := u.rep
	r.Read, r.Added, r.Modified, r.Deleted, r.Unchanged = p.Read, p.Added, p.Modified, p.Deleted, p.Unchanged
	r.Changed = p.changed()
	if r.Resumed != nil && len(p.Rejected) > 0 {
		// The rejections of the resumed batches are in the progress note.
		r.Rejected = slices.Clone(p.Rejected)
	}
}

// lookup returns the experience id as the batch has it so far: pending in
// the batch, or in the index; nil when there is none.
func (u *updater) lookup(ctx context.Context, id string) (*index.Experience, error) {
	if e, ok := u.pending[id]; ok {
		return e, nil
	}
	e, err := u.idx.Experience(ctx, id)
	if errors.Is(err, index.ErrNotFound) {
		return nil, nil
	}
	return e, err
}

// apply queues one line's change, or counts it unchanged.
func (u *updater) apply(ctx context.Context, e *index.Experience, file string, line int) error {
	if e.Deleted {
		if !isBareDeletion(e) {
			u.reject(file, line, e.ID, fmt.Sprintf("deletion of %s has fields besides id and deleted: a deletion line is {\"id\": \"…\", \"deleted\": true}", e.ID))
			return nil
		}
		old, err := u.lookup(ctx, e.ID)
		if err != nil {
			return err
		}
		if old == nil {
			u.batch.Unchanged++ // not there: nothing to delete
			return nil
		}
		u.w.Delete(e.ID, old.Ordinals())
		u.pending[e.ID] = nil
		u.batch.Deleted++
		u.batch.Experiences--
		u.batch.Questions -= int64(len(old.Questions))
		u.smp.add(&index.Experience{ID: e.ID, Deleted: true})
		return nil
	}
	index.Normalize(e)
	if err := e.Validate(); err != nil {
		u.reject(file, line, e.ID, err.Error())
		return nil
	}
	old, err := u.lookup(ctx, e.ID)
	if err != nil {
		return err
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
	if err := u.w.Add(e); err != nil {
		var ierr *index.InvalidError
		if errors.As(err, &ierr) {
			u.reject(file, line, e.ID, ierr.Error())
			return nil
		}
		return err
	}
	c := *e
	u.pending[e.ID] = &c
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

// isBareDeletion reports whether e says only which experience to delete.
func isBareDeletion(e *index.Experience) bool {
	a, _ := json.Marshal(e)
	b, _ := json.Marshal(&index.Experience{ID: e.ID, Deleted: true})
	return bytes.Equal(a, b)
}

// sameExperience reports whether a and b would be indexed the same: the
// index stores each experience as its JSON.
func sameExperience(a, b *index.Experience) bool {
	x, errA := json.Marshal(a)
	y, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(x, y)
}

// searchHits bounds the hits looked at for a question's cluster.
const searchHits = 50

// assignClusters gives each question of e a cluster, without regrouping
// the corpus (reindex does that):
//   - a question the indexed version has, under the same ordinal and with
//     a title of the same cluster key, keeps its cluster;
//   - otherwise it joins the cluster of an indexed question whose title has
//     the same key (cluster.Key: the exact groups of the first stage), and
//     counts one more company there if its company had not asked it;
//   - otherwise it is a cluster of its own, as reindex would make it.
//
// The other questions of a cluster keep their count until the next reindex.
func (u *updater) assignClusters(ctx context.Context, e *index.Experience, old *index.Experience) error {
	oldByOrdinal := map[int]index.Question{}
	if old != nil {
		for _, q := range old.Questions {
			oldByOrdinal[q.Ordinal] = q
		}
	}
	for i := range e.Questions {
		q := &e.Questions[i]
		key := cluster.Key(q.Title)
		if o, ok := oldByOrdinal[q.Ordinal]; ok && o.Cluster != "" && cluster.Key(o.Title) == key {
			q.Cluster, q.ClusterTitle, q.AskedAt = o.Cluster, o.ClusterTitle, o.AskedAt
			continue
		}
		c, err := u.findCluster(ctx, q.Title, key, e.Company)
		if err != nil {
			return err
		}
		q.Cluster, q.ClusterTitle, q.AskedAt = c.Cluster, c.ClusterTitle, c.AskedAt
	}
	return nil
}

// findCluster returns the cluster (in a Question's cluster fields) for a
// new question with this title asked at company.
func (u *updater) findCluster(ctx context.Context, title, key, company string) (index.Question, error) {
	if c, ok := u.fresh[key]; ok {
		return c, nil
	}
	var found index.Question
	if q := datadir.TitleQuery(title); q != "" {
		res, err := u.idx.Search(ctx, index.Request{Query: q, Type: index.TypeQuestion, Size: searchHits, FacetSize: 1})
		var rerr *index.RequestError
		if err != nil && !errors.As(err, &rerr) {
			return found, fmt.Errorf("find the cluster of %q: %w", title, err)
		}
		if err == nil {
			for _, h := range res.Hits {
				if h.Cluster != "" && cluster.Key(h.Title) == key {
					found = index.Question{Cluster: h.Cluster, ClusterTitle: h.ClusterTitle, AskedAt: h.AskedAt}
					break
				}
			}
		}
	}
	if found.Cluster == "" {
		found.ClusterTitle, found.Cluster = cluster.Single(title)
		if company != "" {
			found.AskedAt = 1
		}
		u.fresh[key] = found
		return found, nil
	}
	if company != "" {
		res, err := u.idx.Search(ctx, index.Request{Cluster: found.Cluster, Filters: map[string][]string{"company": {company}}, Size: 1, FacetSize: 1})
		if err != nil {
			return found, fmt.Errorf("find the cluster of %q: %w", title, err)
		}
		if res.Total == 0 {
			found.AskedAt++
		}
	}
	return found, nil
}
