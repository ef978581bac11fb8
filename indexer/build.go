package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"askedat/index"
	"askedat/internal/progress"
)

// Config says what to build.
type Config struct {
	Docs      []string // JSON Lines files
	IndexDir  string
	Force     bool // replace an existing index
	BatchSize int
	Report    string // where to write the report as JSON ("" for none)
	Progress  *bool  // force the bar on or off; nil decides from the terminal

	CPUProfile string // write a CPU profile here ("" for none)
	Metrics    string // write the build's metrics here ("" for none)
}

type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// Flags binds c to the flags of fs.
func (c *Config) Flags(fs *flag.FlagSet) {
	fs.Var((*stringList)(&c.Docs), "docs", "JSON Lines `file` of experiences (repeatable; - for standard input)")
	fs.StringVar(&c.IndexDir, "index", "", "index `folder` to build")
	fs.BoolVar(&c.Force, "force", false, "replace the index folder if it exists")
	fs.IntVar(&c.BatchSize, "batch", index.DefaultBatchSize, "documents per batch written to the index")
	fs.StringVar(&c.Report, "report", "", "write the build report as JSON to `file`")
	fs.StringVar(&c.CPUProfile, "cpuprofile", "", "write a CPU profile of the build to `file` (go tool pprof)")
	fs.StringVar(&c.Metrics, "metrics", "", metricsUsage)
}

// Check reports what is missing or wrong in c.
func (c *Config) Check() error {
	if len(c.Docs) == 0 {
		return errors.New("no documents: give -docs FILE.jsonl")
	}
	if c.IndexDir == "" {
		return errors.New("no index folder: give -index DIR")
	}
	if c.BatchSize < 1 {
		return fmt.Errorf("-batch %d: want 1 or more", c.BatchSize)
	}
	return nil
}

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

// Build reads cfg.Docs and builds the index in cfg.IndexDir. It builds into
// a fresh folder beside the target and renames it into place when done.
// Progress goes to logw.
func Build(ctx context.Context, cfg Config, logw io.Writer) (rep *Report, err error) {
	m := newJobMetrics(cfg.Metrics, "build")
	m.start(ctx, logw)
	rep, err = build(ctx, cfg, logw, nil, m)
	m.finish(rep, err, logw)
	return rep, err
}

// build is Build; observe, if not nil, sees each experience once it is
// queued for the index (normalised, with its clusters): reindex samples its
// smoke queries from them. The counts so far are published to m.
func build(ctx context.Context, cfg Config, logw io.Writer, observe func(*index.Experience), m *jobMetrics) (rep *Report, err error) {
	start := time.Now()
	rep = &Report{Index: cfg.IndexDir, Rejected: []Rejection{}, live: m}
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
	tmp := fmt.Sprintf("%s.building-%d", cfg.IndexDir, os.Getpid())
	os.RemoveAll(tmp)
	idx, err := index.Create(tmp)
	if err != nil {
		return rep, err
	}
	keep := false
	defer func() {
		if !keep {
			idx.Close()
			os.RemoveAll(tmp)
		}
	}()

	// Standard input is read twice (grouping, then indexing): keep a copy.
	for i, f := range cfg.Docs {
		if f != "-" {
			continue
		}
		tmpDocs, err := os.CreateTemp(filepath.Dir(cfg.IndexDir), "stdin-*.jsonl")
		if err != nil {
			return rep, fmt.Errorf("copy standard input: %w", err)
		}
		defer os.Remove(tmpDocs.Name())
		if _, err := io.Copy(tmpDocs, os.Stdin); err != nil {
			tmpDocs.Close()
			return rep, fmt.Errorf("copy standard input: %w", err)
		}
		if err := tmpDocs.Close(); err != nil {
			return rep, fmt.Errorf("copy standard input: %w", err)
		}
		cfg.Docs[i] = tmpDocs.Name()
	}

	groupStart := time.Now()
	cls, nClusters, err := groupQuestions(ctx, cfg.Docs)
	if err != nil {
		return rep, err
	}
	rep.Clusters = nClusters
	rep.GroupSeconds = time.Since(groupStart).Seconds()
	fmt.Fprintf(logw, "indexer: grouped the questions into %d clusters in %.1fs\n", nClusters, rep.GroupSeconds)

	var total int64
	for _, f := range cfg.Docs {
		st, err := os.Stat(f)
		if err != nil {
			return rep, fmt.Errorf("documents %s: %w", f, err)
		}
		total += st.Size()
	}
	meter := progress.New("indexing", progress.Options{
		Out: logw, Total: total, Unit: "bytes", Bar: cfg.Progress,
		Detail: func() string {
			return fmt.Sprintf("%d experiences indexed, %d rejected", rep.Indexed, len(rep.Rejected))
		},
	})

	w := idx.NewWriter(cfg.BatchSize)
	questions := map[string][]int{} // experience id → its question ordinals, to spot repeats
	for _, f := range cfg.Docs {
		if err := indexFile(ctx, f, w, meter, rep, questions, cls, observe); err != nil {
			meter.Finish()
			return rep, err
		}
	}
	if err := w.Flush(); err != nil {
		meter.Finish()
		return rep, err
	}
	meter.Finish()
	compactStart := time.Now()
	if err := idx.Compact(ctx); err != nil {
		return rep, err
	}
	rep.CompactSeconds = time.Since(compactStart).Seconds()
	for _, ords := range questions {
		rep.Questions += len(ords)
	}
	if rep.Documents, err = idx.DocCount(); err != nil {
		return rep, err
	}
	if want := uint64(len(questions) + rep.Questions); rep.Documents != want {
		return rep, fmt.Errorf("index holds %d documents, want %d (%d experiences + %d questions): not switching it in", rep.Documents, want, len(questions), rep.Questions)
	}
	// Keep only what the index uses: a copy of its live segment, without
	// the files merging left behind.
	final := tmp + ".final"
	keep = true // copyLive closes idx
	err = copyLive(idx, final, rep.Documents)
	os.RemoveAll(tmp)
	if err != nil {
		return rep, err
	}
	if err := replaceDir(final, cfg.IndexDir); err != nil {
		os.RemoveAll(final)
		return rep, err
	}
	return rep, nil
}

// indexFile indexes the experiences of one JSON Lines file.
func indexFile(ctx context.Context, name string, w *index.Writer, meter *progress.Meter, rep *Report, questions map[string][]int, cls clusters, observe func(*index.Experience)) error {
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("open documents: %w", err)
	}
	defer f.Close()
	dec := index.NewDecoder(io.TeeReader(f, meter))
	for {
		rep.live.lines(rep)
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("interrupted at %s line %d: %w", name, dec.Line(), err)
		}
		e, err := dec.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var le *index.LineError
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

// replaceDir moves the finished index from tmp to dir, replacing any index
// there: the old one is first renamed aside, then removed.
func replaceDir(tmp, dir string) error {
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = fmt.Sprintf("%s.old-%d", dir, os.Getpid())
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("move old index %s aside: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return fmt.Errorf("move new index into %s: %w", dir, err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("remove old index %s: %w", old, err)
		}
	}
	return nil
}

func writeReport(path string, rep *Report) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	enc := json.NewEncoder(f)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		f.Close()
		return fmt.Errorf("write report %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write report %s: %w", path, err)
	}
	return nil
}
