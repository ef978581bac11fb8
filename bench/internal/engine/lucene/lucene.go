// Package lucene runs Lucene 4.10 (Debian's liblucene4.10-java) in the
// benchmark, through the small Java program bench/lucene/AskedatLucene.java:
// its "index" mode builds a one-segment index (EnglishAnalyzer, BM25,
// SortedSetDocValues facets, id, title and body stored) from the questions
// written as flat JSON Lines, and its "serve" mode answers askedat's request
// shape (GET /api/search?q=…&company=…) over HTTP on loopback, so a search
// goes through the same kind of client, keep-alive connection and JSON as
// askedat's.
//
// bench/run.sh compiles the program into BIN/lucene and writes the jars it
// needs, one path a line, to BIN/lucene/classpath.
package lucene

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/askedat/askedat/bench/internal/corpus"
	"github.com/askedat/askedat/bench/internal/engine"
	"github.com/askedat/askedat/bench/internal/engine/askedat"
	"github.com/askedat/askedat/bench/internal/mix"
)

// MainClass is the Java program's class.
const MainClass = "AskedatLucene"

// DefaultJavaOpts are the JVM's flags when Engine.JavaOpts is nil: a heap
// of at most 1 GB, which Lucene (its index is memory-mapped, outside the
// heap) does not need more of at these sizes.
var DefaultJavaOpts = []string{"-Xmx1g"}

// Engine is Lucene 4.10 through AskedatLucene.
type Engine struct {
	// ClassDir holds AskedatLucene.class and the file classpath, which
	// lists Lucene's jars one a line.
	ClassDir string
	// Java is the java command; "" means java on the PATH.
	Java string
	// JavaOpts are the JVM's flags for both modes; nil means DefaultJavaOpts.
	JavaOpts []string
	// ReadyTimeout bounds how long the server may take to answer /readyz.
	ReadyTimeout time.Duration
}

var _ engine.Engine = (*Engine)(nil)

// Name returns "lucene".
func (e *Engine) Name() string { return "lucene" }

// command returns the java binary and the arguments that run
// AskedatLucene with args.
func (e *Engine) command(args ...string) (string, []string, error) {
	java := e.Java
	if java == "" {
		java = "java"
	}
	path, err := exec.LookPath(java)
	if err != nil {
		return "", nil, fmt.Errorf("no Java (apt-get install default-jdk-headless liblucene4.10-java): %w", err)
	}
	cp, err := Classpath(e.ClassDir)
	if err != nil {
		return "", nil, err
	}
	opts := e.JavaOpts
	if opts == nil {
		opts = DefaultJavaOpts
	}
	return path, append(append(append([]string{}, opts...), "-cp", cp, MainClass), args...), nil
}

// Classpath returns the Java class path of the program compiled in dir:
// dir itself, then the jars listed in dir/classpath.
func Classpath(dir string) (string, error) {
	if _, err := os.Stat(filepath.Join(dir, MainClass+".class")); err != nil {
		return "", fmt.Errorf("%s is not compiled in %s (bench/run.sh compiles it): %w", MainClass, dir, err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "classpath"))
	if err != nil {
		return "", fmt.Errorf("the jars of Lucene: %w", err)
	}
	parts := []string{dir}
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			parts = append(parts, line)
		}
	}
	if len(parts) == 1 {
		return "", fmt.Errorf("%s lists no jar", filepath.Join(dir, "classpath"))
	}
	return strings.Join(parts, string(os.PathListSeparator)), nil
}

// A question is one line of the file the Java indexer reads.
type question struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Body       string `json:"body"`
	Company    string `json:"company,omitempty"`
	Role       string `json:"role,omitempty"`
	Category   string `json:"category,omitempty"`
	Difficulty string `json:"difficulty,omitempty"`
	Status     string `json:"status,omitempty"`
	Date       string `json:"date,omitempty"`
}

// WriteQuestions writes the questions of the corpus at docs to w as the
// Java indexer reads them: one flat JSON object a line.
func WriteQuestions(docs string, w io.Writer) (int, error) {
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	n, err := corpus.Read(docs, func(q *corpus.Question) error {
		return enc.Encode(question{ID: q.ID, Title: q.Title, Body: q.Body, Company: q.Company, Role: q.Role,
			Category: q.Category, Difficulty: q.Difficulty, Status: q.Status, Date: q.Date})
	})
	if err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// indexStats is the line of JSON the Java indexer prints when it is done.
type indexStats struct {
	Docs         int     `json:"docs"`
	Seconds      float64 `json:"seconds"`
	AddSeconds   float64 `json:"add_seconds"`
	MergeSeconds float64 `json:"merge_seconds"`
	SizeBytes    int64   `json:"size_bytes"`
}

// parseIndexStats reads the last line of the indexer's standard output.
func parseIndexStats(out []byte) (*indexStats, error) {
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	last := strings.TrimSpace(lines[len(lines)-1])
	var s indexStats
	if err := json.Unmarshal([]byte(last), &s); err != nil {
		return nil, fmt.Errorf("the indexer's last line %q: %v", last, err)
	}
	return &s, nil
}

// Build writes the questions as flat JSON Lines and runs the Java indexer
// into dir/index. The time counts both (and the JVM's start); the size is
// the index folder, stored text included.
func (e *Engine) Build(ctx context.Context, docs, dir string, log io.Writer) (*engine.BuildStats, error) {
	flat, idx := filepath.Join(dir, "questions.jsonl"), filepath.Join(dir, "index")
	java, argv, err := e.command("index", flat, idx)
	if err != nil {
		return nil, err
	}
	if err := engine.ResetDir(dir); err != nil {
		return nil, err
	}
	start := time.Now()
	f, err := os.Create(flat)
	if err != nil {
		return nil, err
	}
	n, err := WriteQuestions(docs, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "lucene: wrote %d questions as flat JSON Lines in %.1fs; indexing\n", n, time.Since(start).Seconds())
	cmd := exec.CommandContext(ctx, java, argv...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.MultiWriter(&out, log), log
	_, rss, err := engine.RunMeasured(cmd)
	if err != nil {
		return nil, err
	}
	took := time.Since(start)
	os.Remove(flat)
	st, err := parseIndexStats(out.Bytes())
	if err != nil {
		return nil, err
	}
	if st.Docs != n {
		return nil, fmt.Errorf("the indexer indexed %d questions of %d", st.Docs, n)
	}
	size, err := engine.DirSize(idx)
	if err != nil {
		return nil, err
	}
	return &engine.BuildStats{Engine: e.Name(), Docs: n, Seconds: took.Seconds(), DocsPerSec: float64(n) / took.Seconds(),
		SizeBytes: size, PeakRSSBytes: rss,
		Note: fmt.Sprintf("JSON Lines export + Lucene's IndexWriter, one thread, forceMerge(1), JVM start included (in the JVM: %.1f s adding, %.1f s merging); id, title and whole body stored; peak RSS of the JVM",
			st.AddSeconds, st.MergeSeconds)}, nil
}

// Open starts the Java server on a free loopback port with one thread per
// client (at least 2) and waits until it is ready.
func (e *Engine) Open(ctx context.Context, dir string, clients int, log io.Writer) (engine.Target, error) {
	port, err := engine.FreePort()
	if err != nil {
		return nil, err
	}
	java, argv, err := e.command("serve", filepath.Join(dir, "index"), strconv.Itoa(port), strconv.Itoa(max(clients, 2)))
	if err != nil {
		return nil, err
	}
	srv, err := engine.StartServer(exec.Command(java, argv...), log)
	if err != nil {
		return nil, err
	}
	t := newTarget("http://127.0.0.1:"+strconv.Itoa(port), clients)
	t.srv = srv
	timeout := e.ReadyTimeout
	if timeout == 0 {
		timeout = 5 * time.Minute
	}
	if err := t.waitReady(ctx, timeout); err != nil {
		srv.Stop()
		return nil, err
	}
	return t, nil
}

type target struct {
	srv    *engine.Server // nil in tests against a fake server
	base   string
	client *http.Client
}

func newTarget(base string, clients int) *target {
	return &target{base: base, client: &http.Client{Transport: &http.Transport{
		MaxIdleConns: clients + 2, MaxIdleConnsPerHost: clients + 2, DisableCompression: true,
	}}}
}

func (t *target) waitReady(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		req, _ := http.NewRequestWithContext(ctx, "GET", t.base+"/readyz", nil)
		resp, err := t.client.Do(req)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the Lucene server at %s is not ready within %v (last: %v)", t.base, timeout, err)
		}
		var exited <-chan struct{}
		if t.srv != nil {
			exited = t.srv.Exited
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-exited:
			return fmt.Errorf("the Lucene server exited before it was ready (see its log)")
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// answer is the server's JSON.
type answer struct {
	Total int64 `json:"total"`
	Hits  []struct {
		ID string `json:"id"`
	} `json:"hits"`
	Facets map[string][]engine.FacetValue `json:"facets"`
	Error  string                         `json:"error"`
}

// Search asks q in askedat's request shape and lists each facet as askedat
// does (engine.Facet): the server sends each facet's top values and the
// counts of the values q filters by.
func (t *target) Search(ctx context.Context, q mix.Query) (*engine.Result, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", askedat.SearchURL(t.base, q), nil)
	if err != nil {
		return nil, err
	}
	resp, err := t.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var a answer
	if err := json.Unmarshal(body, &a); err != nil {
		return nil, fmt.Errorf("HTTP %d: %v", resp.StatusCode, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d: %s", resp.StatusCode, a.Error)
	}
	out := &engine.Result{Total: a.Total, IDs: make([]string, 0, len(a.Hits)), Facets: map[string][]engine.FacetValue{}}
	for _, h := range a.Hits {
		out.IDs = append(out.IDs, h.ID)
	}
	for _, f := range engine.FacetFields {
		counts := map[string]int64{}
		for _, v := range a.Facets[f] {
			counts[v.Value] = v.Count
		}
		out.Facets[f] = engine.Facet(counts, q.Values(f))
	}
	return out, nil
}

// Memory reports the JVM's resident memory now and at its peak.
func (t *target) Memory() engine.Memory {
	if t.srv == nil {
		return engine.Memory{Note: "no server"}
	}
	m := engine.ProcMemory(t.srv.Cmd.Process.Pid)
	m.Note = "the JVM (java " + MainClass + " serve)"
	return m
}

func (t *target) Close() error {
	t.client.CloseIdleConnections()
	if t.srv == nil {
		return nil
	}
	return t.srv.Stop()
}
