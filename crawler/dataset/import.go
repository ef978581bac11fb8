package dataset

import (
	"context"
	"errors"
	"fmt"
	"github.com/askedat/askedat"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/askedat/askedat/crawler/classify"
	"github.com/askedat/askedat/internal/progress"
)

// A Writer receives the experiences an import makes, each once.
type Writer interface {
	Write(e *askedat.Experience) error
}

// Options tune an import.
type Options struct {
	// Set gives constant values to vars and experience fields, over the
	// mapping's ("company" → "Tata Consultancy Services").
	Set map[string]string
	// Progress, when not nil, shows the bytes read so far (a bar on a
	// terminal, log lines otherwise).
	Progress io.Writer
	// ProgressEvery is the interval of progress log lines; 0 is 5s.
	ProgressEvery time.Duration
}

// Import reads the rows of the inputs (files, or folders whose files match
// the mapping's Files) as m says, and writes an experience for each row or
// group of rows to out. Rows that cannot be imported are in the report with
// their position and reason, never left out silently: the report's
// RowsRead is RowsImported plus RowsRejected. The error is for what stops
// the import (an input that cannot be read, out failing); the report says
// how far it got.
func Import(ctx context.Context, m *Mapping, inputs []string, out Writer, opt Options) (*Report, error) {
	files, err := m.listFiles(inputs)
	if err != nil {
		return nil, err
	}
	imp := &importer{m: m, out: out, set: opt.Set, rep: &Report{Format: m.Name, Rejected: []Problem{}, Warnings: []Problem{}}, ids: map[string]Position{}}
	if err := imp.checkSet(); err != nil {
		return nil, err
	}
	var total int64
	for _, f := range files {
		total += f.size
	}
	var meter *progress.Meter
	if opt.Progress != nil {
		meter = progress.New("import", progress.Options{Out: opt.Progress, Total: total, Unit: "bytes", Every: opt.ProgressEvery,
			Detail: func() string {
				return fmt.Sprintf("%d rows, %d rejected", imp.rep.RowsRead, imp.rep.RowsRejected)
			}})
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return imp.rep, fmt.Errorf("import interrupted: %w", err)
		}
		if err := imp.readFile(ctx, f.path, meter); err != nil {
			return imp.rep, err
		}
	}
	if err := imp.flushGroups(); err != nil {
		return imp.rep, err
	}
	if meter != nil {
		meter.Finish()
	}
	imp.rep.Files = len(files)
	return imp.rep, nil
}

type inputFile struct {
	path string
	size int64
}

// listFiles returns the files of the inputs, in order: a file as given, a
// folder's matching files in lexical order, at any depth.
func (m *Mapping) listFiles(inputs []string) ([]inputFile, error) {
	if len(inputs) == 0 {
		return nil, errors.New("no input file or folder")
	}
	var out []inputFile
	for _, in := range inputs {
		st, err := os.Stat(in)
		if err != nil {
			return nil, fmt.Errorf("input: %w", err)
		}
		if !st.IsDir() {
			out = append(out, inputFile{in, st.Size()})
			continue
		}
		n := len(out)
		err = filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || slices.Contains(m.Exclude, d.Name()) {
				return nil
			}
			if ok, _ := path.Match(m.Files, d.Name()); !ok {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			out = append(out, inputFile{p, info.Size()})
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("input %s: %w", in, err)
		}
		if len(out) == n {
			return nil, fmt.Errorf("input %s: no file matches %q", in, m.Files)
		}
	}
	return out, nil
}

// An importer is one run of Import.
type importer struct {
	m   *Mapping
	out Writer
	set map[string]string
	rep *Report
	// ids maps each experience id written (or grouped) to where it came
	// from, to find duplicates.
	ids map[string]Position
	// groups holds the experiences of a grouping mapping until the end,
	// in the order they were first seen.
	groups  []*group
	groupOf map[string]*group
	// fields are the experience fields rows are read with (see checkSet),
	// order their names in the order they are read.
	fields map[string]*Field
	order  []string
}

// A group is one experience being built from its rows.
type group struct {
	exp  *askedat.Experience
	rows []Position
	// byKey maps a question key to its index in exp.Questions.
	byKey map[string]int
	// joins holds, per question index and field, the distinct values to
	// join (fields with merge "join").
	joins map[int]map[string][]string
}

// checkSet refuses a -set name that is neither a var nor an experience
// field, and makes the experience fields the rows are read with: the
// mapping's, with constants for those set (and set ones the mapping lacks).
func (imp *importer) checkSet() error {
	imp.fields = map[string]*Field{}
	for name, f := range imp.m.Experience {
		imp.fields[name] = f
	}
	for _, name := range sortedKeys(imp.set) {
		if imp.m.Vars[name] == nil && !slices.Contains(experienceFields, name) {
			return fmt.Errorf("set %s: not a var of mapping %s nor an experience field (%s)", name, imp.m.Name, strings.Join(experienceFields, ", "))
		}
		if !slices.Contains(experienceFields, name) {
			continue
		}
		f := &Field{Source: Source{Const: imp.set[name]}}
		if old := imp.m.Experience[name]; old != nil {
			f.Date, f.Split, f.ID = old.Date, old.Split, old.ID
		}
		if errs := f.compile("set "+name, "experience", name); len(errs) > 0 {
			return errors.Join(errs...)
		}
		imp.fields[name] = f
	}
	imp.order = sortedKeys(imp.fields)
	return nil
}

func (imp *importer) readFile(ctx context.Context, file string, meter *progress.Meter) error {
	f, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("input: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if meter != nil {
		r = io.TeeReader(f, meter)
	}
	rr, err := newRowReader(imp.m, file, r)
	if err != nil {
		return err
	}
	missing := imp.missingColumns(rr.header())
	for first := true; ; first = false {
		if imp.rep.RowsRead%1024 == 0 && ctx.Err() != nil {
			return fmt.Errorf("import interrupted in %s: %w", file, ctx.Err())
		}
		rw, err := rr.next()
		if errors.Is(err, io.EOF) {
			if first {
				// Nothing is lost, but a file that gives nothing is worth
				// a look (an export cut short, the wrong file).
				reason := "no rows: the file is empty"
				if rr.header() != nil {
					reason = "no rows: the file has a header and nothing under it"
				}
				imp.rep.warn(Position{File: file}, reason)
			}
			return nil
		}
		imp.rep.RowsRead++
		if first && len(missing) > 0 {
			imp.rep.warn(Position{File: file}, fmt.Sprintf("the header has no column %s", quoteList(missing)))
		}
		var re *rowError
		if errors.As(err, &re) {
			imp.rep.reject(re.pos, re.err.Error())
			continue
		}
		if err != nil {
			imp.rep.RowsRead--
			return err
		}
		if err := imp.addRow(rw); err != nil {
			return err
		}
	}
}

// missingColumns returns the columns a mapping reads that a file's header
// lacks, leaving out those of a first_of with another source after them
// (they are expected to be missing from some files).
func (imp *importer) missingColumns(header []string) []string {
	if header == nil {
		return nil
	}
	var out []string
	for _, fields := range []map[string]*Field{imp.m.Vars, imp.m.Experience, imp.m.Question} {
		for _, name := range sortedKeys(fields) {
			srcs := fields[name].srcs
			for i, s := range srcs {
				if s.Column != "" && i == len(srcs)-1 && !slices.Contains(header, s.Column) && !slices.Contains(out, s.Column) {
					out = append(out, s.Column)
				}
			}
		}
	}
	return out
}

// addRow turns one row into an experience (or adds it to its group's).
func (imp *importer) addRow(r *row) error {
	ev := &evaluator{imp: imp, r: r}
	pos := r.where()
	if imp.m.groupBy != nil {
		key, err := ev.template(imp.m.groupBy)
		if err != nil {
			imp.rep.reject(pos, err.Error())
			return nil
		}
		if strings.TrimSpace(key) == "" {
			imp.rep.reject(pos, fmt.Sprintf("group_by %q is empty for this row", imp.m.GroupBy))
			return nil
		}
		qs, warn, err := ev.questions()
		if err != nil {
			imp.rep.reject(pos, err.Error())
			return nil
		}
		g := imp.groupOf[key]
		if g == nil {
			e, err := ev.experience(key)
			if err != nil {
				imp.rep.reject(pos, err.Error())
				return nil
			}
			g = &group{exp: e, byKey: map[string]int{}, joins: map[int]map[string][]string{}}
			if imp.groupOf == nil {
				imp.groupOf = map[string]*group{}
			}
			imp.groupOf[key] = g
			imp.groups = append(imp.groups, g)
		}
		g.rows = append(g.rows, pos)
		if warn != "" {
			imp.rep.warn(pos, warn)
		}
		for _, q := range qs {
			imp.addQuestion(g, q)
		}
		return nil
	}
	e, err := ev.experience("")
	if err != nil {
		imp.rep.reject(pos, err.Error())
		return nil
	}
	qs, warn, err := ev.questions()
	if err != nil {
		imp.rep.reject(pos, err.Error())
		return nil
	}
	for _, q := range qs {
		e.Questions = append(e.Questions, q.Question)
	}
	if warn != "" {
		imp.rep.warn(pos, warn)
	}
	return imp.finish(e, []Position{pos})
}

// addQuestion adds q to g's experience, or merges it into the question of
// the same key.
func (imp *importer) addQuestion(g *group, q evaluated) {
	if q.key == "" {
		g.exp.Questions = append(g.exp.Questions, q.Question)
		return
	}
	i, ok := g.byKey[q.key]
	if !ok {
		i = len(g.exp.Questions)
		g.byKey[q.key] = i
		g.exp.Questions = append(g.exp.Questions, q.Question)
		for field, v := range q.joins {
			if g.joins[i] == nil {
				g.joins[i] = map[string][]string{}
			}
			g.joins[i][field] = []string{v}
		}
		return
	}
	imp.rep.QuestionsMerged++
	have := &g.exp.Questions[i]
	for field, v := range q.joins {
		if !slices.Contains(g.joins[i][field], v) {
			if g.joins[i] == nil {
				g.joins[i] = map[string][]string{}
			}
			g.joins[i][field] = append(g.joins[i][field], v)
		}
	}
	if f := imp.m.Question["tags"]; f != nil && (f.Merge == "" || f.Merge == "union") {
		for _, t := range q.Tags {
			if !slices.Contains(have.Tags, t) {
				have.Tags = append(have.Tags, t)
			}
		}
	}
}

// flushGroups writes the experiences of a grouping mapping.
func (imp *importer) flushGroups() error {
	for _, g := range imp.groups {
		for i, fields := range g.joins {
			for field, vs := range fields {
				setQuestionField(&g.exp.Questions[i], field, strings.Join(vs, "; "))
			}
		}
		if err := imp.finish(g.exp, g.rows); err != nil {
			return err
		}
	}
	imp.groups, imp.groupOf = nil, nil
	return nil
}

// finish numbers e's questions, normalises it, infers missing categories,
// checks it, and writes it; or rejects its rows.
func (imp *importer) finish(e *askedat.Experience, rows []Position) error {
	for i := range e.Questions {
		e.Questions[i].Ordinal = i + 1
	}
	askedat.Normalize(e)
	classify.Fill(e)
	if err := e.Validate(); err != nil {
		for _, p := range rows {
			imp.rep.reject(p, err.Error())
		}
		return nil
	}
	if first, dup := imp.ids[e.ID]; dup {
		for _, p := range rows {
			imp.rep.reject(p, fmt.Sprintf("duplicate of %s: the same id %s", first.short(p.File), e.ID))
		}
		return nil
	}
	imp.ids[e.ID] = rows[0]
	if err := imp.out.Write(e); err != nil {
		return fmt.Errorf("write experience %s: %w", e.ID, err)
	}
	imp.rep.Experiences++
	imp.rep.RowsImported += len(rows)
	imp.rep.Questions += len(e.Questions)
	for _, q := range e.Questions {
		if q.CategoryInferred {
			imp.rep.CategoriesInferred++
		}
	}
	return nil
}
