// Package sphinx runs Sphinx 2.2 (Debian's sphinxsearch) in the benchmark:
// the corpus is written as a TSV file that Sphinx's indexer reads through a
// tsvpipe source (title and body full-text fields with Porter stemming;
// facets as integer attributes holding codes of their values), its searchd
// serves SphinxQL on a loopback port, and a search is one SELECT with four
// FACET clauses followed by SHOW META for the exact total.
//
// Facet values are stored as codes because Sphinx 2.2 cannot OR filters on
// string attributes; codes.json beside the index maps them back.
package sphinx

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	_ "github.com/go-sql-driver/mysql"

	"github.com/askedat/askedat/bench/internal/corpus"
	"github.com/askedat/askedat/bench/internal/engine"
	"github.com/askedat/askedat/bench/internal/mix"
)

// Engine is Sphinx 2.2.
type Engine struct {
	// Indexer and Searchd are Sphinx's binaries; empty means
	// /usr/bin/indexer and /usr/bin/searchd.
	Indexer, Searchd string
	// Stopwords is a stop-word file for the index; empty uses PostgreSQL's
	// English list when it is installed (the Snowball list), else none.
	Stopwords string
}

var _ engine.Engine = (*Engine)(nil)

// Name returns "sphinx".
func (e *Engine) Name() string { return "sphinx" }

// codeFields are the attributes stored as codes.
var codeFields = []string{"company", "role", "category", "difficulty", "status"}

// Codes maps each facet field's values to their codes, from 1; 0 is "no
// value".
type Codes map[string]map[string]uint32

// names returns, per field, the value of each code.
func (c Codes) names() map[string][]string {
	out := map[string][]string{}
	for f, m := range c {
		vs := make([]string, len(m)+1)
		for v, n := range m {
			if int(n) < len(vs) {
				vs[n] = v
			}
		}
		out[f] = vs
	}
	return out
}

const indexName = "questions"

// config returns the sphinx.conf for the index in dir, its searchd listening
// on port.
func (e *Engine) config(dir string, port int) string {
	stop := e.Stopwords
	if stop == "" {
		if m, _ := filepath.Glob("/usr/share/postgresql/*/tsearch_data/english.stop"); len(m) > 0 {
			stop = m[len(m)-1]
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "source %s\n{\n\ttype = tsvpipe\n\ttsvpipe_command = cat %s\n", indexName, filepath.Join(dir, "questions.tsv"))
	b.WriteString("\ttsvpipe_field = title\n\ttsvpipe_field = body\n\ttsvpipe_attr_string = qid\n")
	for _, f := range codeFields {
		fmt.Fprintf(&b, "\ttsvpipe_attr_uint = %s\n", f)
	}
	b.WriteString("\ttsvpipe_attr_uint = date\n}\n\n")
	fmt.Fprintf(&b, "index %s\n{\n\tsource = %s\n\tpath = %s\n\tdocinfo = extern\n\tdict = keywords\n", indexName, indexName, filepath.Join(dir, "index", indexName))
	b.WriteString("\tmorphology = stem_en\n\tmin_word_len = 1\n\thtml_strip = 0\n")
	if stop != "" {
		fmt.Fprintf(&b, "\tstopwords = %s\n", stop)
	}
	b.WriteString("}\n\nindexer\n{\n\tmem_limit = 1024M\n}\n\n")
	fmt.Fprintf(&b, "searchd\n{\n\tlisten = 127.0.0.1:%d:mysql41\n\tlog = %s\n\tpid_file = %s\n\tbinlog_path =\n\tworkers = threads\n\tread_timeout = 30\n\tclient_timeout = 300\n}\n",
		port, filepath.Join(dir, "searchd.log"), filepath.Join(dir, "searchd.pid"))
	return b.String()
}

func (e *Engine) binary(p, def string) (string, error) {
	if p == "" {
		p = def
	}
	return engine.FindBinary(p)
}

// Build writes the TSV source and runs Sphinx's indexer. The time counts
// both; the size is the index files (Sphinx stores no text).
func (e *Engine) Build(ctx context.Context, docs, dir string, log io.Writer) (*engine.BuildStats, error) {
	indexer, err := e.binary(e.Indexer, "/usr/bin/indexer")
	if err != nil {
		return nil, fmt.Errorf("Sphinx is not installed (apt-get install sphinxsearch): %w", err)
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return nil, err
	}
	if err := engine.ResetDir(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(dir, "index"), 0o755); err != nil {
		return nil, err
	}
	start := time.Now()
	n, codes, err := writeTSV(docs, filepath.Join(dir, "questions.tsv"))
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "sphinx: wrote %d questions as TSV in %.1fs; indexing\n", n, time.Since(start).Seconds())
	b, _ := json.MarshalIndent(codes, "", "\t")
	if err := os.WriteFile(filepath.Join(dir, "codes.json"), b, 0o644); err != nil {
		return nil, err
	}
	conf := filepath.Join(dir, "sphinx.conf")
	if err := os.WriteFile(conf, []byte(e.config(dir, 9306)), 0o644); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, indexer, "--config", conf, "--all", "--quiet")
	cmd.Stdout, cmd.Stderr = log, log
	_, rss, err := engine.RunMeasured(cmd)
	if err != nil {
		return nil, err
	}
	took := time.Since(start)
	os.Remove(filepath.Join(dir, "questions.tsv"))
	size, err := engine.DirSize(filepath.Join(dir, "index"))
	if err != nil {
		return nil, err
	}
	return &engine.BuildStats{Engine: e.Name(), Docs: n, Seconds: took.Seconds(), DocsPerSec: float64(n) / took.Seconds(),
		SizeBytes: size, PeakRSSBytes: rss, Note: "TSV export + indexer; no stored text; peak RSS of indexer"}, nil
}

// writeTSV writes the corpus as Sphinx's tsvpipe reads it: document id
// (from 1), title, body, question id, the facet codes, date as YYYYMMDD.
func writeTSV(docs, path string) (int, Codes, error) {
	// Codes are assigned in sorted order of values, so a first pass collects
	// them.
	values := map[string]map[string]bool{}
	for _, f := range codeFields {
		values[f] = map[string]bool{}
	}
	if _, err := corpus.Read(docs, func(q *corpus.Question) error {
		for _, f := range codeFields {
			values[f][q.Facet(f)] = true
		}
		return nil
	}); err != nil {
		return 0, nil, err
	}
	codes := Codes{}
	for _, f := range codeFields {
		vs := make([]string, 0, len(values[f]))
		for v := range values[f] {
			if v != "" {
				vs = append(vs, v)
			}
		}
		slices.Sort(vs)
		codes[f] = map[string]uint32{}
		for i, v := range vs {
			codes[f][v] = uint32(i + 1)
		}
	}
	out, err := os.Create(path)
	if err != nil {
		return 0, nil, err
	}
	defer out.Close()
	w := bufio.NewWriterSize(out, 1<<20)
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	id := 0
	n, err := corpus.Read(docs, func(q *corpus.Question) error {
		id++
		w.WriteString(strconv.Itoa(id))
		for _, s := range []string{q.Title, q.Body, q.ID} {
			w.WriteByte('\t')
			clean.WriteString(w, s)
		}
		for _, f := range codeFields {
			w.WriteByte('\t')
			w.WriteString(strconv.FormatUint(uint64(codes[f][q.Facet(f)]), 10))
		}
		w.WriteByte('\t')
		w.WriteString(strings.ReplaceAll(q.Date, "-", ""))
		return w.WriteByte('\n')
	})
	if err != nil {
		return n, nil, err
	}
	if err := w.Flush(); err != nil {
		return n, nil, err
	}
	return n, codes, out.Close()
}

// Open starts searchd for the index in dir on a free loopback port.
func (e *Engine) Open(ctx context.Context, dir string, clients int, log io.Writer) (engine.Target, error) {
	searchd, err := e.binary(e.Searchd, "/usr/bin/searchd")
	if err != nil {
		return nil, fmt.Errorf("Sphinx is not installed (apt-get install sphinxsearch): %w", err)
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return nil, err
	}
	var codes Codes
	b, err := os.ReadFile(filepath.Join(dir, "codes.json"))
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &codes); err != nil {
		return nil, fmt.Errorf("codes.json: %w", err)
	}
	port, err := engine.FreePort()
	if err != nil {
		return nil, err
	}
	conf := filepath.Join(dir, "sphinx.conf")
	if err := os.WriteFile(conf, []byte(e.config(dir, port)), 0o644); err != nil {
		return nil, err
	}
	srv, err := engine.StartServer(exec.Command(searchd, "--config", conf, "--nodetach"), log)
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	if err := engine.WaitTCP(ctx, addr, 2*time.Minute, srv.Exited); err != nil {
		srv.Stop()
		return nil, err
	}
	db, err := sql.Open("mysql", "tcp("+addr+")/?multiStatements=true")
	if err != nil {
		srv.Stop()
		return nil, err
	}
	db.SetMaxOpenConns(max(clients, 1))
	db.SetMaxIdleConns(max(clients, 1))
	t := &target{srv: srv, db: db, codes: codes, names: codes.names()}
	// searchd accepts connections before it has loaded the index.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		_, err := t.Search(ctx, mix.Query{Filters: []mix.Filter{{Field: "status", Value: "Offer"}}})
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Close()
			return nil, fmt.Errorf("searchd not answering: %w", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	return t, nil
}

type target struct {
	srv   *engine.Server
	db    *sql.DB
	codes Codes
	names map[string][]string // field → code → value
}

// MatchExpr returns q's words and phrases in Sphinx's extended syntax:
// words ANDed, phrases quoted.
func MatchExpr(q mix.Query) string {
	parts := make([]string, len(q.Parts))
	for i, p := range q.Parts {
		parts[i] = strings.Join(p.Words, " ")
		if p.Phrase {
			parts[i] = `"` + parts[i] + `"`
		}
	}
	return strings.Join(parts, " ")
}

// Statements returns the SphinxQL batch that answers q, sent in one round
// trip: the top hits with a FACET clause for each facet field q does not
// filter by; SHOW META for the exact total; then, for each facet field q
// filters by, a GROUP BY over the matches with every other filter (the
// facets are disjunctive, see engine.FacetFields). grouped lists those
// fields in the order of their statements.
//
// Query words are letters and digits (package mix checks) and filter values
// are codes, so nothing needs escaping. A filter value unknown to the index
// gets code 4294967295, which matches nothing.
func (c Codes) Statements(q mix.Query) (batch []string, grouped []string) {
	var text []string
	order := "date DESC, id ASC"
	opts := " OPTION max_matches=1000"
	if len(q.Parts) > 0 {
		text = append(text, "MATCH('"+MatchExpr(q)+"')")
		order = "WEIGHT() DESC, " + order
		opts += ", ranker=bm25, field_weights=(title=3, body=1)"
	}
	var conds, fields []string
	for _, f := range mix.FilterFields {
		vs := q.Values(f)
		if len(vs) == 0 {
			continue
		}
		ns := make([]string, len(vs))
		for i, v := range vs {
			code, ok := c[f][v]
			if !ok {
				code = 1<<32 - 1
			}
			ns[i] = strconv.FormatUint(uint64(code), 10)
		}
		conds = append(conds, f+" IN ("+strings.Join(ns, ", ")+")")
		fields = append(fields, f)
	}
	main := "SELECT id, qid FROM " + indexName + where(append(slices.Clone(text), conds...)) +
		" ORDER BY " + order + " LIMIT " + strconv.Itoa(engine.Size) + opts
	for _, f := range engine.FacetFields {
		if !slices.Contains(fields, f) {
			main += " FACET " + f + " ORDER BY COUNT(*) DESC LIMIT " + strconv.Itoa(engine.FacetSize)
		}
	}
	batch = append(batch, main, "SHOW META")
	for _, f := range engine.FacetFields {
		if !slices.Contains(fields, f) {
			continue
		}
		others := slices.Clone(text)
		for i, g := range fields {
			if g != f {
				others = append(others, conds[i])
			}
		}
		batch = append(batch, "SELECT "+f+", COUNT(*) AS n FROM "+indexName+where(others)+
			" GROUP BY "+f+" ORDER BY n DESC LIMIT 1000"+opts)
		grouped = append(grouped, f)
	}
	return batch, grouped
}

func where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

func (t *target) Search(ctx context.Context, q mix.Query) (*engine.Result, error) {
	batch, grouped := t.codes.Statements(q)
	rows, err := t.db.QueryContext(ctx, strings.Join(batch, "; "))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &engine.Result{Facets: map[string][]engine.FacetValue{}}
	for rows.Next() {
		var id int64
		var qid string
		if err := rows.Scan(&id, &qid); err != nil {
			return nil, err
		}
		out.IDs = append(out.IDs, qid)
	}
	// readCounts reads a result set of (code, count) rows of field f.
	readCounts := func(f string) (map[string]int64, error) {
		if !rows.NextResultSet() {
			return nil, fmt.Errorf("no result set for facet %s: %v", f, rows.Err())
		}
		counts := map[string]int64{}
		for rows.Next() {
			var code uint32
			var n int64
			if err := rows.Scan(&code, &n); err != nil {
				return nil, fmt.Errorf("facet %s: %w", f, err)
			}
			if int(code) < len(t.names[f]) {
				counts[t.names[f][code]] = n
			}
		}
		return counts, nil
	}
	for _, f := range engine.FacetFields {
		if slices.Contains(grouped, f) {
			continue
		}
		counts, err := readCounts(f)
		if err != nil {
			return nil, err
		}
		out.Facets[f] = engine.Facet(counts, nil)
	}
	if !rows.NextResultSet() {
		return nil, fmt.Errorf("no result set for SHOW META: %v", rows.Err())
	}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		if k == "total_found" {
			out.Total, _ = strconv.ParseInt(v, 10, 64)
		}
	}
	for _, f := range grouped {
		counts, err := readCounts(f)
		if err != nil {
			return nil, err
		}
		out.Facets[f] = engine.Facet(counts, q.Values(f))
	}
	return out, rows.Err()
}

func (t *target) Memory() engine.Memory {
	m := engine.ProcMemory(t.srv.Cmd.Process.Pid)
	m.Note = "searchd"
	return m
}

func (t *target) Close() error {
	t.db.Close()
	return t.srv.Stop()
}
