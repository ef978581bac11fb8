package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/askedat/askedat/bench/internal/engine"
	"github.com/askedat/askedat/bench/internal/engine/askedat"
	"github.com/askedat/askedat/bench/internal/engine/lucene"
	"github.com/askedat/askedat/bench/internal/engine/postgres"
	"github.com/askedat/askedat/bench/internal/engine/sphinx"
	"github.com/askedat/askedat/bench/internal/engine/sqlite"
	"github.com/askedat/askedat/bench/internal/mix"
	"github.com/askedat/askedat/bench/internal/report"
	"github.com/askedat/askedat/bench/internal/runner"
)

// EngineConfig selects and configures an engine.
type EngineConfig struct {
	Name        string
	BinDir      string // askedat's binaries, and lucene/ with the compiled Java program
	SearchdArgs string // extra flags for askedat's searchd, space separated
	JavaOpts    string // the JVM's flags for the lucene engine, space separated ("": lucene.DefaultJavaOpts)
	Log         string // the engine's own output goes here ("" : standard error)
}

func (c *EngineConfig) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.Name, "engine", "", "askedat, lucene, postgres, sqlite or sphinx; askedat-cache names a run of askedat's index with searchd's result cache on")
	fs.StringVar(&c.BinDir, "bin", "bin", "folder of askedat's indexer and searchd, and of lucene/, the compiled Java program of the lucene engine")
	fs.StringVar(&c.SearchdArgs, "searchd-args", "", "extra flags for askedat's searchd, space separated")
	fs.StringVar(&c.JavaOpts, "java-opts", "", "the JVM's flags for the lucene engine, space separated (default: "+strings.Join(lucene.DefaultJavaOpts, " ")+")")
	fs.StringVar(&c.Log, "log", "", "append the engine's own output (servers, indexers) to this file instead of standard error")
}

// openLog returns the writer for the engine's own output and a function
// that closes it.
func (c *EngineConfig) openLog(stderr io.Writer) (io.Writer, func(), error) {
	if c.Log == "" {
		return stderr, func() {}, nil
	}
	if err := os.MkdirAll(filepath.Dir(c.Log), 0o755); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(c.Log, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, nil, err
	}
	return f, func() { f.Close() }, nil
}

// Engine returns the engine c names.
func (c *EngineConfig) Engine() (engine.Engine, error) {
	switch c.Name {
	case "askedat", "askedat-cache":
		bin, err := filepath.Abs(c.BinDir)
		if err != nil {
			return nil, err
		}
		e := &askedat.Engine{BinDir: bin, SearchdArgs: strings.Fields(c.SearchdArgs)}
		if c.Name != "askedat" {
			e.NameAs = c.Name
		}
		return e, nil
	case "lucene":
		bin, err := filepath.Abs(c.BinDir)
		if err != nil {
			return nil, err
		}
		e := &lucene.Engine{ClassDir: filepath.Join(bin, "lucene")}
		if c.JavaOpts != "" {
			e.JavaOpts = strings.Fields(c.JavaOpts)
		}
		return e, nil
	case "postgres":
		return &postgres.Engine{}, nil
	case "sqlite":
		return &sqlite.Engine{}, nil
	case "sphinx":
		return &sphinx.Engine{}, nil
	case "":
		return nil, usagef("-engine is required: askedat, lucene, postgres, sqlite or sphinx")
	}
	return nil, usagef("-engine %q: want askedat, lucene, postgres, sqlite or sphinx", c.Name)
}

func newFlagSet(name string, stderr io.Writer, help string) *flag.FlagSet {
	fs := flag.NewFlagSet("benchrun "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: benchrun %s\n\nFlags:\n", help)
		fs.PrintDefaults()
	}
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usageError{err}
	}
	return nil
}

// BuildConfig is what "benchrun build" is told.
type BuildConfig struct {
	Engine EngineConfig
	Docs   string
	Dir    string
	Out    string
}

// ParseBuild reads build's flags.
func ParseBuild(args []string, stderr io.Writer) (BuildConfig, error) {
	var c BuildConfig
	fs := newFlagSet("build", stderr, "build -engine E -docs FILE.jsonl -dir DIR [-out build-E.json]")
	c.Engine.flags(fs)
	fs.StringVar(&c.Docs, "docs", "", "the corpus, JSON Lines of experiences")
	fs.StringVar(&c.Dir, "dir", "", "the engine's folder; emptied first")
	fs.StringVar(&c.Out, "out", "", "write the build statistics here as JSON (default: print them)")
	if err := parse(fs, args); err != nil {
		return c, err
	}
	if c.Docs == "" || c.Dir == "" {
		return c, usagef("-docs and -dir are required")
	}
	return c, nil
}

func cmdBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := ParseBuild(args, stderr)
	if err != nil {
		return err
	}
	e, err := c.Engine.Engine()
	if err != nil {
		return err
	}
	log, closeLog, err := c.Engine.openLog(stderr)
	if err != nil {
		return err
	}
	defer closeLog()
	fmt.Fprintf(stderr, "%s: building from %s into %s\n", e.Name(), c.Docs, c.Dir)
	bs, err := e.Build(ctx, c.Docs, c.Dir, log)
	if err != nil {
		return fmt.Errorf("%s: %w", e.Name(), err)
	}
	fmt.Fprintf(stderr, "%s: built %d questions in %.1fs (%.0f/s), %.1f MB on disk\n", e.Name(), bs.Docs, bs.Seconds, bs.DocsPerSec, float64(bs.SizeBytes)/1e6)
	return writeJSON(c.Out, stdout, bs)
}

// RunConfig is what "benchrun run" is told.
type RunConfig struct {
	Engine  EngineConfig
	Dir     string
	Queries string
	Label   string
	Out     string
	Limit   int // use only the first Limit queries of each class (0: all)
	Runner  runner.Config
	Strict  bool
}

// ParseRun reads run's flags.
func ParseRun(args []string, stderr io.Writer) (RunConfig, error) {
	c := RunConfig{Runner: runner.DefaultConfig}
	fs := newFlagSet("run", stderr, "run -engine E -dir DIR -queries FILE [-label L] [-out run-E.json]")
	c.Engine.flags(fs)
	fs.StringVar(&c.Dir, "dir", "", "the engine's folder, as build made it")
	fs.StringVar(&c.Queries, "queries", "queries.txt", "the query mix")
	fs.StringVar(&c.Label, "label", "", "the corpus's name in the report, e.g. 100k")
	fs.StringVar(&c.Out, "out", "", "write the results here as JSON (default: print them)")
	fs.IntVar(&c.Limit, "limit", 0, "use only the first N queries of each class (0: all)")
	clients := fs.String("clients", "1,2,8", "numbers of concurrent clients, comma separated")
	fs.IntVar(&c.Runner.Passes, "passes", c.Runner.Passes, "passes over the mix at each number of clients")
	fs.IntVar(&c.Runner.Warmup, "warmup", c.Runner.Warmup, "warm-up passes (the first records the answers)")
	fs.DurationVar(&c.Runner.MaxPhase, "max-phase", c.Runner.MaxPhase, "time bound of each number of clients")
	fs.DurationVar(&c.Runner.Timeout, "timeout", c.Runner.Timeout, "time bound of one query")
	fs.BoolVar(&c.Strict, "strict", false, "exit 1 if any query fails")
	if err := parse(fs, args); err != nil {
		return c, err
	}
	if c.Dir == "" {
		return c, usagef("-dir is required")
	}
	var err error
	if c.Runner.Clients, err = parseClients(*clients); err != nil {
		return c, err
	}
	if c.Runner.Passes < 1 || c.Runner.Warmup < 1 {
		return c, usagef("-passes and -warmup must be 1 or more")
	}
	return c, nil
}

// parseClients reads "1,2,8".
func parseClients(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 256 {
			return nil, usagef("-clients %q: want numbers from 1 to 256, comma separated", s)
		}
		out = append(out, n)
	}
	return out, nil
}

// limitPerClass keeps the first n queries of each class.
func limitPerClass(qs []mix.Query, n int) []mix.Query {
	if n <= 0 {
		return qs
	}
	seen := map[string]int{}
	var out []mix.Query
	for _, q := range qs {
		if seen[q.Class] < n {
			seen[q.Class]++
			out = append(out, q)
		}
	}
	return out
}

func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := ParseRun(args, stderr)
	if err != nil {
		return err
	}
	e, err := c.Engine.Engine()
	if err != nil {
		return err
	}
	qs, err := mix.Load(c.Queries)
	if err != nil {
		return err
	}
	qs = limitPerClass(qs, c.Limit)
	maxClients := 1
	for _, n := range c.Runner.Clients {
		maxClients = max(maxClients, n)
	}
	log, closeLog, err := c.Engine.openLog(stderr)
	if err != nil {
		return err
	}
	defer closeLog()
	fmt.Fprintf(stderr, "%s: opening %s\n", e.Name(), c.Dir)
	opened := time.Now()
	t, err := e.Open(ctx, c.Dir, maxClients, log)
	if err != nil {
		return fmt.Errorf("%s: open: %w", e.Name(), err)
	}
	fmt.Fprintf(stderr, "%s: ready in %.1fs; running %d queries in %d classes\n", e.Name(), time.Since(opened).Seconds(), len(qs), len(mix.Classes(qs)))
	c.Runner.Progress = stderr
	res, err := runner.Run(ctx, t, e.Name(), qs, c.Runner)
	if cerr := t.Close(); err == nil && cerr != nil {
		fmt.Fprintf(stderr, "%s: close: %v\n", e.Name(), cerr)
	}
	if err != nil {
		return err
	}
	res.Label = c.Label
	if err := writeJSON(c.Out, stdout, res); err != nil {
		return err
	}
	if res.NErrors > 0 {
		for _, m := range res.Errors {
			fmt.Fprintf(stderr, "%s: failed: %s\n", e.Name(), m)
		}
		if c.Strict {
			return fmt.Errorf("%s: %d queries failed", e.Name(), res.NErrors)
		}
	}
	return nil
}

// ReportConfig is what "benchrun report" is told.
type ReportConfig struct {
	Out    string
	Dirs   []string
	Strict bool
	Note   string
}

// ParseReport reads report's flags.
func ParseReport(args []string, stderr io.Writer) (ReportConfig, error) {
	var c ReportConfig
	fs := newFlagSet("report", stderr, "report [-out REPORT.md] [-strict] RESULTS-DIR...")
	fs.StringVar(&c.Out, "out", "", "the report; charts are written beside it (default: print the report)")
	fs.BoolVar(&c.Strict, "strict", false, "exit 1 if an engine failed queries or engines disagree on a filter-only query")
	fs.StringVar(&c.Note, "note", "", "a line added to the report's header")
	if err := parse(fs, args); err != nil {
		return c, err
	}
	c.Dirs = fs.Args()
	if len(c.Dirs) == 0 {
		return c, usagef("name one or more result folders")
	}
	return c, nil
}

func cmdReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := ParseReport(args, stderr)
	if err != nil {
		return err
	}
	var sets []*report.Set
	for _, d := range c.Dirs {
		s, err := report.Load(d)
		if err != nil {
			return err
		}
		sets = append(sets, s)
	}
	header := fmt.Sprintf("Written %s by `benchrun report` on %s (%d cores, %s). ", time.Now().UTC().Format("2006-01-02 15:04 UTC"), hostname(), runtime.NumCPU(), memTotal()) +
		"Every query asks for the top 10 hits, the exact total and the 10 most frequent values of the company, role, category and difficulty facets; " +
		"engines are warmed up with one pass over the mix; latencies are measured on loopback (askedat and lucene: HTTP, postgres and sphinx: their wire protocols, sqlite: in process). " +
		"See bench/README.md for how each engine is configured and where their semantics differ.\n"
	if c.Note != "" {
		header += "\n" + c.Note + "\n"
	}
	var problems []string
	expected := 0
	for _, s := range sets {
		all := report.Check(s)
		for _, p := range report.Unexpected(all) {
			problems = append(problems, s.Label+": "+p.String())
		}
		expected += len(all) - len(report.Unexpected(all))
	}
	chart := func(label string) string { return "" }
	if c.Out != "" {
		dir := filepath.Dir(c.Out)
		for _, s := range sets {
			name := "latency-" + sanitize(s.Label) + ".svg"
			f, err := os.Create(filepath.Join(dir, name))
			if err != nil {
				return err
			}
			if err := report.Chart(f, s); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
		}
		chart = func(label string) string { return "latency-" + sanitize(label) + ".svg" }
	}
	w := stdout
	var f *os.File
	if c.Out != "" {
		if f, err = os.Create(c.Out); err != nil {
			return err
		}
		w = f
	}
	if err := report.Write(w, sets, header, chart); err != nil {
		return err
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "report: wrote %s\n", c.Out)
	}
	for _, p := range problems {
		fmt.Fprintf(stderr, "report: problem: %s\n", p)
	}
	if expected > 0 {
		fmt.Fprintf(stderr, "report: %d expected differences of engines that normalise a corpus's facet values (listed in the report)\n", expected)
	}
	if c.Strict && len(problems) > 0 {
		return fmt.Errorf("%d problems (see above)", len(problems))
	}
	return nil
}

func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, s)
}

func hostname() string {
	h, err := os.Hostname()
	if err != nil {
		return "this machine"
	}
	return h
}

func memTotal() string {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "memory unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return fmt.Sprintf("%.0f GiB", kb/(1<<20))
		}
	}
	return "memory unknown"
}

// writeJSON writes v as indented JSON to path, or to stdout if path is "".
func writeJSON(path string, stdout io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if path == "" {
		_, err := stdout.Write(b)
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + "~"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
