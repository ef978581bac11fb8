// Package postgres runs PostgreSQL full-text search in the benchmark: a
// private cluster (initdb in the engine's folder, listening only on a
// loopback port), one table of questions with a generated tsvector column
// (title weighted A, body B) and a GIN index on it. A search is two
// statements sent in one round trip: the top hits by ts_rank, and the total
// with the four facets in one GROUPING SETS query.
//
// Run as root, the cluster's commands run as the "postgres" user (through
// runuser), since PostgreSQL refuses to run as root.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/askedat/askedat/bench/internal/corpus"
	"github.com/askedat/askedat/bench/internal/engine"
	"github.com/askedat/askedat/bench/internal/mix"
)

// Engine is PostgreSQL full-text search.
type Engine struct {
	// BinDir holds initdb, pg_ctl and postgres; empty finds the newest
	// under /usr/lib/postgresql.
	BinDir string
	// Settings are passed to the server as -c name=value.
	Settings []string
}

var _ engine.Engine = (*Engine)(nil)

// DefaultSettings are the server settings of the benchmark: a
// back-end developer's usual tuning for a read-mostly box with 24 GiB.
var DefaultSettings = []string{
	"shared_buffers=1GB",
	"effective_cache_size=8GB",
	"work_mem=64MB",
	"maintenance_work_mem=1GB",
	"random_page_cost=1.1",
	"jit=off",
	"max_connections=40",
	"max_wal_size=4GB",
}

// Name returns "postgres".
func (e *Engine) Name() string { return "postgres" }

const schema = `
CREATE TABLE questions (
	id         text NOT NULL,
	title      text NOT NULL,
	body       text NOT NULL,
	company    text NOT NULL,
	role       text NOT NULL,
	category   text NOT NULL,
	difficulty text NOT NULL,
	status     text NOT NULL,
	date       date NOT NULL,
	tsv        tsvector GENERATED ALWAYS AS (
		setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) STORED
)`

// Build makes a cluster in dir, loads the corpus with COPY and indexes it.
// The time counts the load, the GIN index and VACUUM ANALYZE, not initdb.
func (e *Engine) Build(ctx context.Context, docs, dir string, log io.Writer) (*engine.BuildStats, error) {
	c, err := e.cluster(dir, log)
	if err != nil {
		return nil, err
	}
	if c.home != c.dir && strings.Contains(filepath.Base(c.home), "askedat-bench-pg-") {
		os.RemoveAll(c.home) // the cluster of an earlier build
	}
	if err := engine.ResetDir(c.dir); err != nil {
		return nil, err
	}
	if err := c.placeData(c.dir); err != nil {
		return nil, err
	}
	if err := c.run("initdb", "-D", c.data, "-U", "bench", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		return nil, err
	}
	if err := c.start(ctx); err != nil {
		return nil, err
	}
	defer c.stop()
	conn, err := pgx.Connect(ctx, c.url())
	if err != nil {
		return nil, err
	}
	defer conn.Close(context.Background())

	start := time.Now()
	if _, err := conn.Exec(ctx, schema); err != nil {
		return nil, fmt.Errorf("create table: %w", err)
	}
	n, err := copyCorpus(ctx, conn, docs)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "postgres: copied %d questions in %.1fs; indexing\n", n, time.Since(start).Seconds())
	for _, stmt := range []string{
		"CREATE INDEX questions_tsv ON questions USING gin (tsv)",
		"VACUUM ANALYZE questions",
		"CHECKPOINT",
	} {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			return nil, fmt.Errorf("%s: %w", stmt, err)
		}
	}
	took := time.Since(start)
	var size int64
	if err := conn.QueryRow(ctx, "SELECT pg_total_relation_size('questions')").Scan(&size); err != nil {
		return nil, err
	}
	return &engine.BuildStats{Engine: e.Name(), Docs: n, Seconds: took.Seconds(), DocsPerSec: float64(n) / took.Seconds(),
		SizeBytes: size, Note: "COPY + GIN index + VACUUM ANALYZE; size is pg_total_relation_size (table, TOAST, index)"}, nil
}

// copyCorpus streams the corpus into the table with COPY.
func copyCorpus(ctx context.Context, conn *pgx.Conn, docs string) (int, error) {
	rows := make(chan []any, 4096)
	readErr := make(chan error, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		_, err := corpus.Read(docs, func(q *corpus.Question) error {
			date, err := time.Parse("2006-01-02", q.Date)
			if err != nil {
				return fmt.Errorf("question %s: date %q: %v", q.ID, q.Date, err)
			}
			select {
			case rows <- []any{q.ID, q.Title, q.Body, q.Company, q.Role, q.Category, q.Difficulty, q.Status, date}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		close(rows)
		readErr <- err
	}()
	cols := []string{"id", "title", "body", "company", "role", "category", "difficulty", "status", "date"}
	n, err := conn.CopyFrom(ctx, pgx.Identifier{"questions"}, cols, pgx.CopyFromFunc(func() ([]any, error) {
		r, ok := <-rows
		if !ok {
			return nil, nil
		}
		return r, nil
	}))
	cancel()
	if rerr := <-readErr; rerr != nil && !errors.Is(rerr, context.Canceled) {
		return int(n), rerr
	}
	if err != nil {
		return int(n), fmt.Errorf("copy: %w", err)
	}
	return int(n), nil
}

// Open starts the cluster in dir and connects a pool of clients.
func (e *Engine) Open(ctx context.Context, dir string, clients int, log io.Writer) (engine.Target, error) {
	c, err := e.cluster(dir, log)
	if err != nil {
		return nil, err
	}
	if err := c.start(ctx); err != nil {
		return nil, err
	}
	cfg, err := pgxpool.ParseConfig(c.url())
	if err != nil {
		c.stop()
		return nil, err
	}
	cfg.MaxConns = int32(max(clients, 1))
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		c.stop()
		return nil, err
	}
	return &target{c: c, pool: pool}, nil
}

type target struct {
	c    *cluster
	pool *pgxpool.Pool
}

// Statements returns the two statements that answer q and their arguments:
// the top hits, then the total and facets.
//
// The facets statement is one GROUPING SETS query. Its rows are the matches
// of the text that fail at most one filter; each row carries one count per
// facet field, a FILTER aggregate that applies every filter but that
// field's own (the facets are disjunctive, see engine.FacetFields), and the
// count of rows passing every filter, which the () set gives as the total.
func Statements(q mix.Query) (top, facets string, args []any) {
	from := "questions"
	var text []string
	order := "date DESC, id"
	if len(q.Parts) > 0 {
		args = append(args, TSQueryText(q))
		from += ", websearch_to_tsquery('english', $1) AS query"
		text = append(text, "tsv @@ query")
		order = "ts_rank(tsv, query) DESC, " + order
	}
	var conds []string // one per filtered field
	var fields []string
	for _, f := range mix.FilterFields {
		if vs := q.Values(f); len(vs) > 0 {
			args = append(args, vs)
			conds = append(conds, fmt.Sprintf("%s = ANY($%d)", f, len(args)))
			fields = append(fields, f)
		}
	}
	top = "SELECT id FROM " + from + where(append(slices.Clone(text), conds...)) +
		" ORDER BY " + order + " LIMIT " + strconv.Itoa(engine.Size)

	count := func(skip string) string {
		var cs []string
		for i, c := range conds {
			if fields[i] != skip {
				cs = append(cs, c)
			}
		}
		if len(cs) == 0 {
			return "count(*)"
		}
		return "count(*) FILTER (WHERE " + strings.Join(cs, " AND ") + ")"
	}
	cols := []string{"GROUPING(company, role, category, difficulty)", "company", "role", "category", "difficulty", count("")}
	for _, f := range engine.FacetFields {
		cols = append(cols, count(f))
	}
	pre := slices.Clone(text)
	if len(conds) > 1 {
		sum := make([]string, len(conds))
		for i, c := range conds {
			sum[i] = "(" + c + ")::int"
		}
		pre = append(pre, fmt.Sprintf("%s >= %d", strings.Join(sum, " + "), len(conds)-1))
	}
	facets = "SELECT " + strings.Join(cols, ", ") + " FROM " + from + where(pre) +
		" GROUP BY GROUPING SETS ((company), (role), (category), (difficulty), ())"
	return top, facets, args
}

func where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// TSQueryText returns q as websearch_to_tsquery's input: words ANDed,
// phrases in quotes.
func TSQueryText(q mix.Query) string {
	parts := make([]string, len(q.Parts))
	for i, p := range q.Parts {
		parts[i] = strings.Join(p.Words, " ")
		if p.Phrase {
			parts[i] = `"` + parts[i] + `"`
		}
	}
	return strings.Join(parts, " ")
}

// groupingField maps GROUPING(company, role, category, difficulty) to the
// index in engine.FacetFields of the facet a row counts: the bit of a
// grouped column is 0.
var groupingField = map[int]int{0b0111: 0, 0b1011: 1, 0b1101: 2, 0b1110: 3}

func (t *target) Search(ctx context.Context, q mix.Query) (*engine.Result, error) {
	top, facets, args := Statements(q)
	b := &pgx.Batch{}
	b.Queue(top, args...)
	b.Queue(facets, args...)
	br := t.pool.SendBatch(ctx, b)
	defer br.Close()

	out := &engine.Result{Facets: map[string][]engine.FacetValue{}}
	rows, err := br.Query()
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		out.IDs = append(out.IDs, id)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = br.Query()
	if err != nil {
		return nil, err
	}
	counts := make([]map[string]int64, len(engine.FacetFields))
	for i := range counts {
		counts[i] = map[string]int64{}
	}
	for rows.Next() {
		var g int
		var vals [4]*string
		var all int64
		var n [4]int64
		if err := rows.Scan(&g, &vals[0], &vals[1], &vals[2], &vals[3], &all, &n[0], &n[1], &n[2], &n[3]); err != nil {
			rows.Close()
			return nil, err
		}
		if g == 0b1111 {
			out.Total = all
			continue
		}
		if i, ok := groupingField[g]; ok && vals[i] != nil {
			counts[i][*vals[i]] += n[i]
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i, f := range engine.FacetFields {
		out.Facets[f] = engine.Facet(counts[i], q.Values(f))
	}
	return out, br.Close()
}

func (t *target) Memory() engine.Memory {
	pid := t.c.pid()
	if pid == 0 {
		return engine.Memory{Note: "postmaster pid unknown"}
	}
	total := engine.ProcPss(pid)
	for _, ch := range engine.Children(pid) {
		total += engine.ProcPss(ch)
	}
	return engine.Memory{RSSBytes: total, Note: "PSS of postmaster and its children"}
}

func (t *target) Close() error {
	t.pool.Close()
	return t.c.stop()
}

// A cluster is a private PostgreSQL cluster in a folder.
type cluster struct {
	bin, dir   string
	home       string // the folder of the data and the server log: dir, or a temporary folder (see placeData)
	data       string // home/pgdata
	port       int
	settings   []string
	asPostgres bool // run the cluster's commands as the postgres user
	log        io.Writer
}

func (e *Engine) cluster(dir string, log io.Writer) (*cluster, error) {
	bin := e.BinDir
	if bin == "" {
		p, err := engine.FindBinary("/usr/lib/postgresql/*/bin/pg_ctl")
		if err != nil {
			return nil, fmt.Errorf("PostgreSQL is not installed (apt-get install postgresql): %w", err)
		}
		bin = filepath.Dir(p)
	}
	settings := e.Settings
	if settings == nil {
		settings = DefaultSettings
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	c := &cluster{bin: bin, dir: abs, home: abs, settings: settings, asPostgres: os.Geteuid() == 0, log: log}
	if b, err := os.ReadFile(filepath.Join(abs, locationFile)); err == nil {
		c.home = strings.TrimSpace(string(b))
	}
	c.data = filepath.Join(c.home, "pgdata")
	return c, nil
}

// locationFile, in the engine's folder, names the folder that holds the
// cluster when the postgres user cannot reach the engine's folder.
const locationFile = "pgdata-location"

// placeData decides where the cluster lives: in dir, or, when the
// cluster runs as the postgres user and that user cannot reach dir (a
// checkout under /root, say), in a new temporary folder whose path is
// written to dir/pgdata-location.
func (c *cluster) placeData(dir string) error {
	if err := c.chown(dir); err != nil {
		return err
	}
	c.home = dir
	if c.asPostgres && exec.Command("runuser", "-u", "postgres", "--", "test", "-w", dir, "-a", "-x", dir).Run() != nil {
		tmp, err := os.MkdirTemp("", "askedat-bench-pg-")
		if err != nil {
			return err
		}
		if err := c.chown(tmp); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, locationFile), []byte(tmp+"\n"), 0o644); err != nil {
			return err
		}
		fmt.Fprintf(c.log, "postgres: the postgres user cannot reach %s; the cluster lives in %s\n", dir, tmp)
		c.home = tmp
	}
	c.data = filepath.Join(c.home, "pgdata")
	return nil
}

func (c *cluster) command(name string, args ...string) *exec.Cmd {
	path := filepath.Join(c.bin, name)
	var cmd *exec.Cmd
	if c.asPostgres {
		cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Dir = c.home
	cmd.Stdout, cmd.Stderr = c.log, c.log
	return cmd
}

func (c *cluster) run(name string, args ...string) error {
	if err := c.command(name, args...).Run(); err != nil {
		return fmt.Errorf("%s: %w (output above)", name, err)
	}
	return nil
}

// chown gives dir to the postgres user when the cluster runs as it.
func (c *cluster) chown(dir string) error {
	if !c.asPostgres {
		return nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return fmt.Errorf("running as root needs the postgres user (it comes with the postgresql package): %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return os.Chown(dir, uid, gid)
}

func (c *cluster) start(ctx context.Context) error {
	port, err := engine.FreePort()
	if err != nil {
		return err
	}
	c.port = port
	opts := []string{"-p", strconv.Itoa(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=''"}
	for _, s := range c.settings {
		opts = append(opts, "-c", s)
	}
	logFile := filepath.Join(c.home, "server.log")
	if err := c.run("pg_ctl", "-D", c.data, "-l", logFile, "-w", "-t", "600",
		"-o", strings.Join(opts, " "), "start"); err != nil {
		return fmt.Errorf("%w; server log: %s", err, logFile)
	}
	return engine.WaitTCP(ctx, "127.0.0.1:"+strconv.Itoa(port), time.Minute, nil)
}

func (c *cluster) stop() error {
	return c.run("pg_ctl", "-D", c.data, "-m", "fast", "-w", "-t", "120", "stop")
}

// pid returns the postmaster's process id, 0 if unknown.
func (c *cluster) pid() int {
	b, err := os.ReadFile(filepath.Join(c.data, "postmaster.pid"))
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	n, _ := strconv.Atoi(strings.TrimSpace(line))
	return n
}

func (c *cluster) url() string {
	return fmt.Sprintf("postgres://bench@127.0.0.1:%d/postgres?sslmode=disable", c.port)
}
