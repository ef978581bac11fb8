package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"path/filepath"
	"time"

	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/datadir"
)

// JobConfig says what a job on a data directory does: reindex, update,
// rollback.
type JobConfig struct {
	Docs      []string // JSON Lines files
	Data      string   // the data directory
	Keep      int      // old versions kept for rollback
	BatchSize int
	MaxLine   int    // longest input line read, in bytes (0 for index.DefaultMaxLineBytes)
	Report    string // also write the job report here ("" for only DIR/reports)
	Smoke     int    // smoke queries checked before switching
	Progress  *bool  // force the bar on or off; nil decides from the terminal
	Metrics   string // write the job's metrics here ("" for none)
	// StepTimeout bounds each bleve step of an update (bounded).
	StepTimeout time.Duration
	// Version and All say what verify checks: one version, or every one
	// (neither: current).
	Version string
	All     bool

	// The new version is not switched in when it holds fewer than
	// MinRatio of current's experiences, or (reindex) when more than
	// MaxRejected of the lines read were rejected, unless Force is set.
	// A version with no experience is never switched in.
	MinRatio    float64
	MaxRejected float64
	Force       bool

	Publish publishConfig // -publish: the NATS server the current version goes to (publish.go)
}

const metricsUsage = "write the job's counters to this `file` in the Prometheus text format (node_exporter's textfile collector), every 10s and at the end"

// Defaults of JobConfig.
const (
	DefaultKeep        = 2
	DefaultSmoke       = 20
	DefaultUpdateBatch = 500
	DefaultMinRatio    = 0.5
	DefaultMaxRejected = 0.1
)

// Flags binds c to the flags of fs that job takes.
func (c *JobConfig) Flags(fs *flag.FlagSet, job string) {
	fs.StringVar(&c.Data, "data", "", "data `directory` holding the index versions and the current pointer")
	if job == "versions" {
		return
	}
	if job == "verify" {
		fs.StringVar(&c.Version, "version", "", "check this version `id` (default: the current one)")
		fs.BoolVar(&c.All, "all", false, "check every version kept")
		return
	}
	fs.StringVar(&c.Metrics, "metrics", "", metricsUsage)
	c.Publish.Flags(fs, job)
	if job == "rollback" {
		return
	}
	fs.Var((*stringList)(&c.Docs), "docs", "JSON Lines `file` of experiences (repeatable)")
	fs.IntVar(&c.Keep, "keep", DefaultKeep, "old versions to keep for rollback; older ones are removed")
	fs.StringVar(&c.Report, "report", "", "also write the job report as JSON to `file` (it is always written to DIR/reports/)")
	fs.IntVar(&c.Smoke, "smoke", DefaultSmoke, "smoke queries, drawn from the documents read, that must find their documents before the switch")
	fs.IntVar(&c.MaxLine, "max-line", index.DefaultMaxLineBytes, maxLineUsage)
	fs.Float64Var(&c.MinRatio, "min-ratio", DefaultMinRatio, "refuse to switch to a new version holding fewer than this `fraction` of current's experiences (0 to 1)")
	if job == "update" {
		fs.BoolVar(&c.Force, "force", false, "switch to the new version even when -min-ratio refuses it (never to one with no experience)")
		fs.IntVar(&c.BatchSize, "batch", DefaultUpdateBatch, "experiences per batch; each batch is on disk before it is reported done")
		fs.DurationVar(&c.StepTimeout, "step-timeout", DefaultStepTimeout, "fail the update when one index step (open, merge, copy) takes longer than this")
	} else {
		fs.BoolVar(&c.Force, "force", false, "switch to the new version even when -min-ratio or -max-rejected refuses it (never to one with no experience)")
		fs.Float64Var(&c.MaxRejected, "max-rejected", DefaultMaxRejected, "refuse to switch when more than this `fraction` of the lines read were rejected (0 to 1)")
		fs.IntVar(&c.BatchSize, "batch", index.DefaultBatchSize, "documents per batch written to the index")
	}
}

// Check reports what is missing or wrong in c for job.
func (c *JobConfig) Check(job string) error {
	if c.Data == "" {
		return errors.New("no data directory: give -data DIR")
	}
	if job == "verify" && c.All && c.Version != "" {
		return errors.New("give -version ID or -all, not both")
	}
	if job == "rollback" || job == "versions" || job == "verify" {
		return nil
	}
	if len(c.Docs) == 0 {
		return errors.New("no documents: give -docs FILE.jsonl")
	}
	if c.BatchSize < 1 {
		return fmt.Errorf("-batch %d: want 1 or more", c.BatchSize)
	}
	if err := checkMaxLine(c.MaxLine); err != nil {
		return err
	}
	if c.Keep < 0 {
		return fmt.Errorf("-keep %d: want 0 or more", c.Keep)
	}
	if c.StepTimeout < 0 {
		return fmt.Errorf("-step-timeout %v is negative", c.StepTimeout)
	}
	if c.Smoke < 0 {
		return fmt.Errorf("-smoke %d: want 0 or more", c.Smoke)
	}
	if !(c.MinRatio >= 0 && c.MinRatio <= 1) {
		return fmt.Errorf("-min-ratio %g: want a fraction from 0 to 1", c.MinRatio)
	}
	if !(c.MaxRejected >= 0 && c.MaxRejected <= 1) {
		return fmt.Errorf("-max-rejected %g: want a fraction from 0 to 1", c.MaxRejected)
	}
	return nil
}

// jobHeader starts the report of every job on a data directory.
type jobHeader struct {
	Job        string `json:"job"`
	Data       string `json:"data"`
	OldVersion string `json:"old_version"`
	NewVersion string `json:"new_version"`
	// Switched reports whether current now names NewVersion.
	Switched bool `json:"switched"`
	// Refused says why a version that was built was not switched in
	// (a RefusedError: too small, too many rejected lines, empty).
	Refused string `json:"refused,omitempty"`
	// Removed are old versions removed beyond -keep; Cleaned partial
	// versions of interrupted jobs.
	Removed     []string      `json:"removed_versions"`
	Cleaned     []string      `json:"cleaned_partials"`
	Error       string        `json:"error,omitempty"`
	Took        time.Duration `json:"-"`
	TookSeconds float64       `json:"took_seconds"`
}

func newHeader(job, data string) jobHeader {
	return jobHeader{Job: job, Data: data, Removed: []string{}, Cleaned: []string{}}
}

// finish records the time a job took since start and its error, and writes
// its report rep (which holds h) to DIR/reports and to extra. It returns
// err, or the error of writing the report.
func (h *jobHeader) finish(dd datadir.Dir, extra, id string, rep any, start time.Time, err error) error {
	h.Took = time.Since(start)
	h.TookSeconds = h.Took.Seconds()
	if err != nil {
		h.Error = err.Error()
		var re *RefusedError
		if errors.As(err, &re) {
			h.Refused = re.Reason
		}
	}
	if id == "" {
		id = datadir.NewID(start)
	}
	for _, p := range []string{dd.ReportPath(id, h.Job), extra} {
		if p == "" {
			continue
		}
		if werr := dd.WriteReport(p, rep); werr != nil && err == nil {
			err = werr
		}
	}
	return err
}

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

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// Reindex builds a complete new version of the index in cfg.Data from
// cfg.Docs, verifies it, switches current to it and removes the versions
// beyond cfg.Keep. It makes the data directory if need be. Partial versions
// left by interrupted jobs are removed first. A version that is empty, much
// smaller than current or built from input with many rejected lines is
// refused (checkSize, checkRejected).
func Reindex(ctx context.Context, cfg JobConfig, logw io.Writer) (rep *JobReport, err error) {
	start := time.Now()
	dd := datadir.Dir{Path: cfg.Data}
	rep = &JobReport{jobHeader: newHeader("reindex", cfg.Data), Rejected: []Rejection{}}
	m := newJobMetrics(cfg.Metrics, "reindex")
	m.start(ctx, logw)
	defer func() { m.finish(rep, err, logw) }() // after the report's, below
	if err := dd.Init(); err != nil {
		return rep, err
	}
	unlock, err := dd.Lock()
	if err != nil {
		return rep, err
	}
	defer unlock()
	defer func() { err = rep.finish(dd, cfg.Report, rep.NewVersion, rep, start, err) }()

	if rep.Cleaned, err = cleanPartials(dd, logw, nil); err != nil {
		return rep, err
	}
	rep.OldVersion, err = currentOrNone(dd)
	if err != nil {
		return rep, err
	}
	id := datadir.NewID(start)
	rep.NewVersion = id
	partial, err := dd.NewPartial(id)
	if err != nil {
		return rep, err
	}
	published := false
	defer func() {
		if !published {
			dd.RemovePartial(id)
		}
	}()
	fmt.Fprintf(logw, "indexer: reindex: building version %s\n", id)

	ins, err := openInputs(cfg.Docs, partial, cfg.MaxLine)
	if err != nil {
		return rep, err
	}
	defer closeInputs(ins)
	smp := newSampler(4*cfg.Smoke, id)
	bcfg := Config{Docs: cfg.Docs, IndexDir: filepath.Join(partial, "index"), BatchSize: cfg.BatchSize, MaxLine: cfg.MaxLine, Progress: cfg.Progress}
	b := &Report{Index: bcfg.IndexDir, Rejected: []Rejection{}, live: m}
	err = build(ctx, bcfg, logw, ins, b, smp.add)
	rep.build = b
	rep.Read, rep.Indexed, rep.Questions, rep.Replaced = b.Read, b.Indexed, b.Questions, b.Replaced
	rep.Rejected, rep.Documents, rep.Clusters = b.Rejected, b.Documents, b.Clusters
	if err != nil {
		return rep, err
	}
	if err := checkSize(dd, cfg, id, rep.OldVersion, uint64(rep.Indexed), rep.Read, len(rep.Rejected)); err != nil {
		return rep, err
	}
	if err := checkRejected(cfg, id, rep.Read, len(rep.Rejected)); err != nil {
		return rep, err
	}

	fmt.Fprintf(logw, "indexer: reindex: verifying version %s\n", id)
	info := &datadir.Info{
		Job: "reindex", Created: start.UTC().Format(time.RFC3339), Previous: rep.OldVersion, Sources: sourcesOf(ins),
		Documents: rep.Documents, Experiences: uint64(rep.Indexed), Questions: uint64(rep.Questions),
	}
	if err := verifyNew(ctx, bcfg.IndexDir, info, smp.smokes(), cfg.Smoke, &rep.Smoke); err != nil {
		return rep, fmt.Errorf("verify version %s: %w: not switching it in", id, err)
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	if err := dd.Publish(id, info); err != nil {
		return rep, err
	}
	published = true
	b.Index = dd.IndexPath(id)
	fmt.Fprintf(logw, "indexer: reindex: switching current from %s to %s\n", orNone(rep.OldVersion), id)
	if err := dd.Switch(id); err != nil {
		return rep, err
	}
	rep.Switched = true
	rep.Removed, err = prune(dd, cfg.Keep, logw)
	return rep, err
}

// A RefusedError says that a job built a version and did not switch current
// to it, and why.
type RefusedError struct {
	Version string
	Reason  string
	// Forcible is set when -force would have switched.
	Forcible bool
}

func (e *RefusedError) Error() string {
	s := fmt.Sprintf("not switching current to version %s: %s", e.Version, e.Reason)
	if e.Forcible {
		s += "; give -force to switch anyway"
	}
	return s
}

// checkSize returns a *RefusedError when the version id, holding exps
// experiences, must not replace the current version cur ("" for none): when
// it holds no experience at all, or, unless cfg.Force, when it holds fewer
// than cfg.MinRatio of cur's experiences. An input that is empty, truncated,
// or all garbage from a broken extractor, or an update that deletes most of
// the index, would otherwise replace the index that is being served. lines
// and rejected, the lines read and rejected, explain an empty version.
func checkSize(dd datadir.Dir, cfg JobConfig, id, cur string, exps uint64, lines, rejected int) error {
	if exps == 0 {
		reason := fmt.Sprintf("it holds no experience (%d lines read, %d rejected)", lines, rejected)
		return &RefusedError{Version: id, Reason: reason}
	}
	if cfg.Force || cur == "" {
		return nil
	}
	info, err := dd.ReadInfo(cur)
	if err != nil {
		reason := fmt.Sprintf("cannot tell how many experiences current version %s holds (%v)", cur, err)
		return &RefusedError{Version: id, Reason: reason, Forcible: true}
	}
	if float64(exps) < cfg.MinRatio*float64(info.Experiences) {
		reason := fmt.Sprintf("it holds %d experiences, %.1f%% of the %d of current version %s, less than -min-ratio %g allows", exps, 100*float64(exps)/float64(info.Experiences), info.Experiences, cur, cfg.MinRatio)
		return &RefusedError{Version: id, Reason: reason, Forcible: true}
	}
	return nil
}

// checkRejected returns a *RefusedError when, unless cfg.Force, more than
// cfg.MaxRejected of the lines read were rejected: the version id was built
// from input that is largely not what the indexer reads.
func checkRejected(cfg JobConfig, id string, lines, rejected int) error {
	if cfg.Force || lines == 0 || float64(rejected) <= cfg.MaxRejected*float64(lines) {
		return nil
	}
	reason := fmt.Sprintf("%d of the %d lines read were rejected (%.1f%%), more than -max-rejected %g allows", rejected, lines, 100*float64(rejected)/float64(lines), cfg.MaxRejected)
	return &RefusedError{Version: id, Reason: reason, Forcible: true}
}

// verifyNew opens the index just built in dir read-only and checks it
// holds what info says, then runs up to n of the candidate smoke queries,
// keeping in info those that passed. Candidates whose search matches too
// much keep only their experience check.
func verifyNew(ctx context.Context, dir string, info *datadir.Info, candidates []datadir.Smoke, n int, sum *SmokeSummary) error {
	idx, err := index.OpenReadOnly(dir)
	if err != nil {
		return err
	}
	defer idx.Close()
	meta, err := idx.Meta()
	if err != nil {
		return err
	}
	info.MappingVersion = meta.MappingVersion
	if meta.MappingVersion != index.MappingVersion {
		return fmt.Errorf("the index records mapping version %d, want %d", meta.MappingVersion, index.MappingVersion)
	}
	info.Smoke = []datadir.Smoke{}
	for _, s := range candidates {
		if sum.Passed == n {
			break
		}
		sum.Run++
		err := s.Run(ctx, idx)
		if datadir.IsInconclusive(err) {
			sum.Inconclusive++
			s.Query, s.Filters, s.Cluster, s.Want = "", nil, "", ""
			err = nil
		}
		if err != nil {
			return err
		}
		sum.Passed++
		info.Smoke = append(info.Smoke, s)
	}
	// Counts and the recorded smoke queries, exactly as readers check them.
	return datadir.Verify(ctx, idx, info)
}

// cleanPartials removes the partial versions that interrupted jobs left,
// except the one resumable says can be resumed, and returns their ids.
func cleanPartials(dd datadir.Dir, logw io.Writer, resumable func(id string) bool) ([]string, error) {
	ids, err := dd.Partials()
	if err != nil {
		return nil, err
	}
	cleaned := []string{}
	for _, id := range ids {
		if resumable != nil && resumable(id) {
			continue
		}
		if err := dd.RemovePartial(id); err != nil {
			return cleaned, err
		}
		fmt.Fprintf(logw, "indexer: removed partial version %s left by an interrupted job\n", id)
		cleaned = append(cleaned, id)
	}
	return cleaned, nil
}

// currentOrNone returns the current version, or "" when there is none yet.
func currentOrNone(dd datadir.Dir) (string, error) {
	id, err := dd.Current()
	if errors.Is(err, datadir.ErrNoCurrent) {
		return "", nil
	}
	return id, err
}

func prune(dd datadir.Dir, keep int, logw io.Writer) ([]string, error) {
	removed, err := dd.Prune(keep)
	for _, id := range removed {
		fmt.Fprintf(logw, "indexer: removed old version %s (keeping %d for rollback)\n", id, keep)
	}
	if removed == nil {
		removed = []string{}
	}
	return removed, err
}

// A sampler keeps a uniform random sample of the experiences indexed
// (reservoir sampling), each in its last version, to draw smoke queries
// from. Its randomness is seeded by the version id: a job can be replayed.
type sampler struct {
	k     int
	rng   *rand.Rand
	seen  int
	items []index.Experience
	pos   map[string]int
}

func newSampler(k int, seed string) *sampler {
	h := fnv.New64a()
	io.WriteString(h, seed)
	s := h.Sum64()
	return &sampler{k: k, rng: rand.New(rand.NewPCG(s, s>>1|1)), pos: map[string]int{}}
}

func (s *sampler) add(e *index.Experience) {
	if i, ok := s.pos[e.ID]; ok {
		s.items[i] = *e // a later line for a sampled experience
		return
	}
	s.seen++
	if len(s.items) < s.k {
		s.pos[e.ID] = len(s.items)
		s.items = append(s.items, *e)
		return
	}
	if j := s.rng.IntN(s.seen); j < s.k {
		delete(s.pos, s.items[j].ID)
		s.items[j] = *e
		s.pos[e.ID] = j
	}
}

// smokes returns a smoke query for each experience of the sample.
func (s *sampler) smokes() []datadir.Smoke {
	out := make([]datadir.Smoke, len(s.items))
	for i := range s.items {
		out[i] = datadir.SmokeFor(&s.items[i], s.rng)
	}
	return out
}
