package main

import (
	"context"
	"errors"
	"fmt"
	"github.com/askedat/askedat"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/datadir"
	"github.com/askedat/askedat/internal/progress"
)

// A Rejection is one input line that was not indexed.
type Rejection struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	ID     string `json:"id,omitempty"`
	Reason string `json:"reason"`
}

// A Report says what a build did.
type Report struct {
	Index     string      `json:"index"`
	Read      int         `json:"read"`      // non-blank lines read
	Indexed   int         `json:"indexed"`   // experiences indexed
	Questions int         `json:"questions"` // question documents indexed
	Replaced  int         `json:"replaced"`  // experiences that appeared again later and replaced an earlier line
	Rejected  []Rejection `json:"rejected"`
	Documents uint64      `json:"documents"` // documents in the finished index
	// CompactSeconds is the time spent merging the index into one segment.
	CompactSeconds float64 `json:"compact_seconds"`
	// Clusters is the number of distinct questions found by grouping the
	// same question asked in other words, in GroupSeconds.
	Clusters     int           `json:"clusters"`
	GroupSeconds float64       `json:"group_seconds"`
	Took         time.Duration `json:"-"`
	TookSeconds  float64       `json:"took_seconds"`

	live *jobMetrics // published to as lines are read
}

// maxRejectionsShown bounds the rejections printed; all are in -report.
const maxRejectionsShown = 20

// Print writes a human summary of r.
func (r *Report) Print(w io.Writer) {
	fmt.Fprintf(w, "indexer: read %d experiences, indexed %d (%d questions in %d clusters, %d replaced by a later line), rejected %d, in %s\n",
		r.Read, r.Indexed, r.Questions, r.Clusters, r.Replaced, len(r.Rejected), r.Took.Round(time.Millisecond))
	for i, rj := range r.Rejected {
		if i == maxRejectionsShown {
			fmt.Fprintf(w, "indexer: … and %d more rejected lines (see -report)\n", len(r.Rejected)-i)
			break
		}
		fmt.Fprintf(w, "indexer: rejected %s:%d: %s\n", rj.File, rj.Line, rj.Reason)
	}
	if r.Documents > 0 {
		fmt.Fprintf(w, "indexer: index %s holds %d documents (merged into one segment in %.1fs)\n", r.Index, r.Documents, r.CompactSeconds)
	}
}

// Build reads cfg.Docs and builds the index in cfg.IndexDir. It builds in a
// fresh folder beside the target and renames the index into place when
// done. What builds that were killed left beside the target is removed
// first (cleanLeftovers). The log and progress go to logw (newJobLog).
func Build(ctx context.Context, cfg Config, logw io.Writer) (rep *Report, err error) {
	start := time.Now()
	jl := newJobLog(logw, cfg.Log, "build")
	m := newJobMetrics(cfg.Metrics, "build")
	m.start(ctx, jl)
	rep = &Report{Index: cfg.IndexDir, Rejected: []Rejection{}, live: m}
	defer func() { m.finish(rep, err, jl) }() // after the report's, below
	defer func() {
		rep.Took = time.Since(start)
		rep.TookSeconds = rep.Took.Seconds()
		if cfg.Report != "" {
			if werr := writeReport(cfg.Report, rep); werr != nil && err == nil {
				err = werr
			}
		}
	}()
	if _, err := os.Stat(cfg.IndexDir); err == nil && !cfg.Force {
		return rep, fmt.Errorf("index folder %s already exists: remove it or give -force to replace it", cfg.IndexDir)
	}
	if err := os.MkdirAll(filepath.Dir(cfg.IndexDir), 0o755); err != nil {
		return rep, fmt.Errorf("make parent of %s: %w", cfg.IndexDir, err)
	}
	if err := cleanLeftovers(cfg.IndexDir, jl); err != nil {
		return rep, err
	}
	ins, err := openInputs(cfg.Docs, filepath.Dir(cfg.IndexDir), cfg.MaxLine)
	if err != nil {
		return rep, err
	}
	defer closeInputs(ins)
	dicts, err := cfg.Tables.load()
	if err != nil {
		return rep, err
	}
	return rep, build(ctx, cfg, jl, ins, dicts.Dictionaries, rep, nil)
}

// startCPUProfile writes a CPU profile to path until the returned function
// is called.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// buildingSuffix ends, with the builder's pid after it, the folder beside
// the target where a build works (buildingFolder).
const buildingSuffix = ".building-"

// buildingFolder makes the folder where this process builds the index dir,
// dir.building-PID, and locks it (flock) for as long as the build runs:
// everything the build writes is in it, the index being built (index/),
// its final copy (final/) and, for a moment, the index it replaces (old/).
// Close the returned file to release the lock.
func buildingFolder(dir string) (string, *os.File, error) {
	tmp := dir + buildingSuffix + strconv.Itoa(os.Getpid())
	os.RemoveAll(tmp) // left by an earlier process with this pid
	if err := os.Mkdir(tmp, 0o755); err != nil {
		return "", nil, fmt.Errorf("make a folder to build %s: %w", dir, err)
	}
	f, err := os.Open(tmp)
	if err == nil {
		err = datadir.TryLock(f)
		if err != nil {
			f.Close()
		}
	}
	if err != nil {
		os.RemoveAll(tmp)
		return "", nil, fmt.Errorf("lock %s: %w", tmp, err)
	}
	return tmp, f, nil
}

// cleanLeftovers removes the folders that builds of dir which were killed
// left beside it: dir.building-PID folders that no running build holds
// locked, and the dir.building-PID.final and dir.old-PID folders of earlier
// versions of this program.
func cleanLeftovers(dir string, jl jobLog) error {
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	ents, err := os.ReadDir(parent)
	if err != nil {
		return fmt.Errorf("look for leftovers of builds of %s: %w", dir, err)
	}
	for _, e := range ents {
		name := e.Name()
		if !e.IsDir() {
			continue
		}
		p := filepath.Join(parent, name)
		switch rest, ok := strings.CutPrefix(name, base+buildingSuffix); {
		case ok && !strings.HasSuffix(rest, ".final"):
			if running(p) {
				continue
			}
		case ok || strings.HasPrefix(name, base+".old-"):
		default:
			continue
		}
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("remove %s, left by a build that was killed: %w", p, err)
		}
		jl.Info("removed a folder left by a build that was killed", "folder", p)
	}
	return nil
}

// running reports whether the build folder p is locked by a running build.
func running(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	return errors.Is(datadir.TryLock(f), datadir.ErrLocked)
}

// build builds the index of ins (opened with openInputs) in a new folder
// beside cfg.IndexDir, then renames it to cfg.IndexDir, and counts what it
// did in rep. Every input is read twice (grouping, then indexing), from the
// same open file; the second pass fails when it does not read what the first
// did. observe, if not nil, sees each experience once it is queued for the
// index (normalised, with its clusters): reindex samples its smoke queries
// from them.
func build(ctx context.Context, cfg Config, jl jobLog, ins []*input, dicts index.Dictionaries, rep *Report, observe func(*askedat.Experience)) (err error) {
	start := time.Now()
	defer func() {
		rep.Took = time.Since(start)
		rep.TookSeconds = rep.Took.Seconds()
	}()
	tmp, lock, err := buildingFolder(cfg.IndexDir)
	if err != nil {
		return err
	}
	defer func() {
		os.RemoveAll(tmp)
		lock.Close()
	}()
	idx, err := index.Create(filepath.Join(tmp, "index"))
	if err != nil {
		return err
	}
	keep := false
	defer func() {
		if !keep {
			idx.Close()
		}
	}()

	groupStart := time.Now()
	cls, nClusters, err := groupQuestions(ctx, ins, dicts.Companies)
	if err != nil {
		return err
	}
	rep.Clusters = nClusters
	rep.GroupSeconds = time.Since(groupStart).Seconds()
	jl.Info("grouped the questions", "clusters", nClusters, "took", time.Since(groupStart).Round(time.Millisecond))
	betweenPasses()

	total, err := totalSize(ins)
	if err != nil {
		return err
	}
	meter := progress.New("indexing", progress.Options{
		Out: jl.progress, Total: total, Unit: "bytes", Bar: cfg.Progress,
		Detail: func() string {
			return fmt.Sprintf("%d experiences indexed, %d rejected", rep.Indexed, len(rep.Rejected))
		},
	})

	w := idx.NewWriter(cfg.BatchSize)
	w.SetDictionaries(dicts)
	questions := map[string][]int{} // experience id → its question ordinals, to spot repeats
	for _, in := range ins {
		if err := indexFile(ctx, in, w, meter, rep, questions, cls, observe); err != nil {
			meter.Finish()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		meter.Finish()
		return err
	}
	meter.Finish()
	compactStart := time.Now()
	if err := idx.Compact(ctx); err != nil {
		return err
	}
	rep.CompactSeconds = time.Since(compactStart).Seconds()
	for _, ords := range questions {
		rep.Questions += len(ords)
	}
	if rep.Documents, err = idx.DocCount(); err != nil {
		return err
	}
	if want := uint64(len(questions) + rep.Questions); rep.Documents != want {
		return fmt.Errorf("index holds %d documents, want %d (%d experiences + %d questions): not switching it in", rep.Documents, want, len(questions), rep.Questions)
	}
	// Keep only what the index uses: a copy of its live segment, without
	// the files merging left behind.
	final := filepath.Join(tmp, "final")
	keep = true // copyLive closes idx
	if err := copyLive(idx, final, rep.Documents); err != nil {
		return err
	}
	os.RemoveAll(filepath.Join(tmp, "index"))
	return replaceDir(final, cfg.IndexDir, filepath.Join(tmp, "old"))
}

// indexFile indexes the experiences of one JSON Lines file.
func indexFile(ctx context.Context, in *input, w *index.Writer, meter *progress.Meter, rep *Report, questions map[string][]int, cls clusters, observe func(*askedat.Experience)) error {
	r, err := in.read()
	if err != nil {
		return err
	}
	name := in.name
	dec := in.decoder(io.TeeReader(r, meter))
	for {
		rep.live.lines(rep)
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("interrupted at %s line %d: %w", name, dec.Line(), err)
		}
		e, err := dec.Next()
		if errors.Is(err, io.EOF) {
			return in.done()
		}
		var le *askedat.LineError
		if errors.As(err, &le) {
			rep.Read++
			rep.Rejected = append(rep.Rejected, Rejection{File: name, Line: le.Line, Reason: le.Err.Error()})
			continue
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		rep.Read++
		// A later line for the same experience replaces the earlier one,
		// including any questions the new one no longer has.
		old, seen := questions[e.ID]
		cls.apply(&e)
		if err := w.AddReplacing(&e, old); err != nil {
			var ierr *index.InvalidError
			if errors.As(err, &ierr) {
				rep.Rejected = append(rep.Rejected, Rejection{File: name, Line: dec.Line(), ID: e.ID, Reason: ierr.Error()})
				continue
			}
			return err
		}
		questions[e.ID] = e.Ordinals()
		if observe != nil {
			observe(&e)
		}
		if seen {
			rep.Replaced++
		} else {
			rep.Indexed++
		}
	}
}

// copyLive writes a copy of the live segments of idx into final, closes
// idx, and checks that the copy opens and holds want documents. On error
// final is removed; idx is closed in any case.
func copyLive(idx *index.Index, final string, want uint64) error {
	os.RemoveAll(final)
	if err := idx.CopyTo(final); err != nil {
		idx.Close()
		os.RemoveAll(final)
		return err
	}
	if err := idx.Close(); err != nil {
		os.RemoveAll(final)
		return err
	}
	check, err := index.OpenReadOnly(final)
	if err == nil {
		var n uint64
		n, err = check.DocCount()
		check.Close()
		if err == nil && n != want {
			err = fmt.Errorf("the copy of the index holds %d documents, want %d", n, want)
		}
	}
	if err != nil {
		os.RemoveAll(final)
		return fmt.Errorf("check the built index: %w", err)
	}
	return nil
}

// replaceDir moves the finished index from src to dir, replacing any index
// there: the old one is first renamed to old, then removed.
func replaceDir(src, dir, old string) error {
	moved := false
	if _, err := os.Stat(dir); err == nil {
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("move old index %s aside: %w", dir, err)
		}
		moved = true
	}
	if err := os.Rename(src, dir); err != nil {
		if moved {
			os.Rename(old, dir)
		}
		return fmt.Errorf("move new index into %s: %w", dir, err)
	}
	if moved {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("remove old index %s: %w", old, err)
		}
	}
	return nil
}

// writeReport writes the report of a build to path, as every job report is
// written (datadir.WriteJSON: whole or not at all).
func writeReport(path string, rep *Report) error {
	if err := datadir.WriteJSON(path, rep); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}
