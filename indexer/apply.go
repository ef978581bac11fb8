package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/askedat/askedat"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/cluster"
	"github.com/askedat/askedat/internal/datadir"
	"github.com/askedat/askedat/internal/progress"
)

// How an update applies its input to the working copy: the first pass
// (lastLines), the lines of each batch (updater), the clusters new
// questions join (runClusters). update.go holds the job around it.

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
func (u *updater) applyFiles(ctx context.Context, cfg JobConfig, ins []*input, jl jobLog) error {
	total, err := totalSize(ins)
	if err != nil {
		return err
	}
	meter := progress.New("updating", progress.Options{
		Out: jl.progress, Total: total, Unit: "bytes", Bar: cfg.Progress,
		Detail: func() string {
			return fmt.Sprintf("%d batches done, %d changed", u.prog.Batches, u.prog.changed())
		},
	})
	defer meter.Finish()
	for fi, in := range ins {
		if err := u.applyFile(ctx, fi, in, cfg.BatchSize, meter, jl); err != nil {
			return err
		}
	}
	return nil
}

func (u *updater) applyFile(ctx context.Context, fi int, in *input, size int, meter *progress.Meter, jl jobLog) error {
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
			if err := u.endBatch(fi, name, dec.Line(), jl); err != nil {
				return err
			}
			n = 0
		}
	}
	if err := in.done(); err != nil {
		return err
	}
	if n > 0 {
		return u.endBatch(fi, name, dec.Line(), jl)
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
func (u *updater) endBatch(fi int, name string, line int, jl jobLog) error {
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
	jl.Info("batch done and on disk", "batch", rep.N, "file", name, "from_line", rep.FromLine, "to_line", rep.ToLine,
		"changed", rep.Changed, "unchanged", rep.Unchanged, "superseded", rep.Superseded, "rejected", rep.Rejected)
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
