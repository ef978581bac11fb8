// Package sqlite runs SQLite FTS5 in the benchmark, in process through
// modernc.org/sqlite (pure Go, FTS5 built in): a table of questions and an
// external-content FTS5 table over its title and body with the porter
// tokenizer. A search is two statements: the top hits by bm25 (title
// weighted 3, body 1), and the total with the four facets as GROUP BYs over
// one materialised set of matching rows.
package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite"

	"github.com/askedat/askedat/bench/internal/corpus"
	"github.com/askedat/askedat/bench/internal/engine"
	"github.com/askedat/askedat/bench/internal/mix"
)

// Engine is SQLite FTS5.
type Engine struct{}

var _ engine.Engine = (*Engine)(nil)

// Name returns "sqlite".
func (e *Engine) Name() string { return "sqlite" }

const dbName = "questions.db"

var schema = []string{
	`CREATE TABLE questions (
		rowid      INTEGER PRIMARY KEY,
		id         TEXT NOT NULL,
		title      TEXT NOT NULL,
		body       TEXT NOT NULL,
		company    TEXT NOT NULL,
		role       TEXT NOT NULL,
		category   TEXT NOT NULL,
		difficulty TEXT NOT NULL,
		status     TEXT NOT NULL,
		date       TEXT NOT NULL
	)`,
	`CREATE VIRTUAL TABLE qfts USING fts5(title, body, content='questions', content_rowid='rowid', tokenize='porter unicode61')`,
}

// Build loads the corpus in one transaction and builds the FTS5 index with
// 'rebuild' and 'optimize'. The file is written without a journal, as a bulk
// load would be.
func (e *Engine) Build(ctx context.Context, docs, dir string, log io.Writer) (*engine.BuildStats, error) {
	if err := engine.ResetDir(dir); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, dbName)
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)&_pragma=cache_size(-262144)")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	start := time.Now()
	for _, s := range schema {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return nil, fmt.Errorf("%s: %w", s, err)
		}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO questions (id, title, body, company, role, category, difficulty, status, date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, err
	}
	n, err := corpus.Read(docs, func(q *corpus.Question) error {
		_, err := ins.ExecContext(ctx, q.ID, q.Title, q.Body, q.Company, q.Role, q.Category, q.Difficulty, q.Status, q.Date)
		return err
	})
	if err != nil {
		return nil, err
	}
	ins.Close()
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "sqlite: inserted %d questions in %.1fs; indexing\n", n, time.Since(start).Seconds())
	for _, s := range []string{
		`INSERT INTO qfts(qfts) VALUES('rebuild')`,
		`INSERT INTO qfts(qfts) VALUES('optimize')`,
		`ANALYZE`,
	} {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return nil, fmt.Errorf("%s: %w", s, err)
		}
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	took := time.Since(start)
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	return &engine.BuildStats{Engine: e.Name(), Docs: n, Seconds: took.Seconds(), DocsPerSec: float64(n) / took.Seconds(),
		SizeBytes: info.Size(), PeakRSSBytes: engine.SelfPeakRSS(), Note: "one transaction + FTS5 rebuild + optimize + ANALYZE; peak RSS of the loading process"}, nil
}

// Open opens the database read-only with one connection per client.
func (e *Engine) Open(ctx context.Context, dir string, clients int, log io.Writer) (engine.Target, error) {
	path := filepath.Join(dir, dbName)
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=query_only(1)&_pragma=mmap_size(4294967296)&_pragma=cache_size(-262144)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(max(clients, 1))
	db.SetMaxIdleConns(max(clients, 1))
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return &target{db: db}, nil
}

type target struct{ db *sql.DB }

// MatchExpr returns q's words and phrases as an FTS5 MATCH expression: each
// a quoted string, ANDed.
func MatchExpr(q mix.Query) string {
	parts := make([]string, len(q.Parts))
	for i, p := range q.Parts {
		parts[i] = `"` + strings.Join(p.Words, " ") + `"`
	}
	return strings.Join(parts, " AND ")
}

// Statements returns the two statements that answer q and their arguments
// (the same for both): the top hits, then the total and facets (rows: facet
// number, value, count; facet 4 is the total).
//
// The facets statement materialises the matches of the text with one flag
// per filter (keeping rows that fail at most one filter), then groups them
// once per facet, each applying every filter but its field's own (the
// facets are disjunctive, see engine.FacetFields).
func Statements(q mix.Query) (top, facets string, args []any) {
	var from string
	var text []string
	order := "q.date DESC, q.id"
	if len(q.Parts) > 0 {
		args = append(args, MatchExpr(q))
		from = "qfts JOIN questions q ON q.rowid = qfts.rowid"
		text = append(text, "qfts MATCH ?1")
		order = "bm25(qfts, 3.0, 1.0), " + order
	} else {
		from = "questions q"
	}
	var conds, fields []string
	for _, f := range mix.FilterFields {
		vs := q.Values(f)
		if len(vs) == 0 {
			continue
		}
		marks := make([]string, len(vs))
		for i, v := range vs {
			args = append(args, v)
			marks[i] = "?" + strconv.Itoa(len(args))
		}
		conds = append(conds, "q."+f+" IN ("+strings.Join(marks, ", ")+")")
		fields = append(fields, f)
	}
	top = "SELECT q.id FROM " + from + where(append(slices.Clone(text), conds...)) +
		" ORDER BY " + order + " LIMIT " + strconv.Itoa(engine.Size)

	cols := []string{"q.company", "q.role", "q.category", "q.difficulty"}
	flags := make([]string, len(conds))
	for i, c := range conds {
		cols = append(cols, "("+c+") AS p"+strconv.Itoa(i))
		flags[i] = "p" + strconv.Itoa(i)
	}
	m := "SELECT " + strings.Join(cols, ", ") + " FROM " + from + where(text)
	if len(conds) > 1 {
		m = "SELECT * FROM (" + m + ") WHERE " + strings.Join(flags, " + ") + " >= " + strconv.Itoa(len(conds)-1)
	}
	pass := func(skip string) string {
		var ps []string
		for i, f := range fields {
			if f != skip {
				ps = append(ps, flags[i])
			}
		}
		return where(ps)
	}
	var parts []string
	for i, f := range engine.FacetFields {
		parts = append(parts, fmt.Sprintf("SELECT %d, %s, count(*) FROM m%s GROUP BY %s", i, f, pass(f), f))
	}
	parts = append(parts, fmt.Sprintf("SELECT %d, '', count(*) FROM m%s", len(engine.FacetFields), pass("")))
	facets = "WITH m AS MATERIALIZED (" + m + ") " + strings.Join(parts, " UNION ALL ")
	return top, facets, args
}

func where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

func (t *target) Search(ctx context.Context, q mix.Query) (*engine.Result, error) {
	top, facets, args := Statements(q)
	out := &engine.Result{Facets: map[string][]engine.FacetValue{}}
	rows, err := t.db.QueryContext(ctx, top, args...)
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
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = t.db.QueryContext(ctx, facets, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	counts := make([]map[string]int64, len(engine.FacetFields))
	for i := range counts {
		counts[i] = map[string]int64{}
	}
	for rows.Next() {
		var f int
		var v string
		var n int64
		if err := rows.Scan(&f, &v, &n); err != nil {
			return nil, err
		}
		if f == len(engine.FacetFields) {
			out.Total = n
			continue
		}
		counts[f][v] = n
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i, f := range engine.FacetFields {
		out.Facets[f] = engine.Facet(counts[i], q.Values(f))
	}
	return out, nil
}

func (t *target) Memory() engine.Memory {
	m := engine.ProcMemory(os.Getpid())
	m.Note = "in process: the whole benchmark runner"
	return m
}

func (t *target) Close() error { return t.db.Close() }
