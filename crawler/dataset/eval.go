package dataset

// The mapping's interpreter: how the fields of one row are read, as a
// compiled Mapping (mapping.go) says. A field's sources are tried in turn
// (a column, a var, a template, a constant), each through its Replace,
// Pattern and Value; then the field's date layouts, split and required
// check; the values are set on the experience or question by name. The
// importer (import.go) groups the rows and writes the experiences.

import (
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/askedat/askedat"
	"slices"
	"strconv"
	"strings"
	"time"
)

// An evaluator reads the fields of one row.
type evaluator struct {
	imp  *importer
	r    *row
	vars map[string]string
	busy map[string]bool // vars being evaluated, to catch a var that needs itself
}

// evaluated is one question read from a row, with its merge key and the
// values of its "join" fields.
type evaluated struct {
	askedat.Question
	key   string
	joins map[string]string
}

// experience reads the experience fields of the row; groupKey, when not
// empty, is the row's group.
func (ev *evaluator) experience(groupKey string) (*askedat.Experience, error) {
	m := ev.imp.m
	e := &askedat.Experience{Source: m.Name, Extractor: "import:" + m.Name}
	for _, name := range ev.imp.order {
		if name == "id" {
			continue
		}
		f := ev.imp.fields[name]
		items, err := ev.field("experience."+name, f, name == "tags")
		if err != nil {
			return nil, err
		}
		if err := setExperienceField(e, name, items); err != nil {
			return nil, fmt.Errorf("experience.%s: %w", name, err)
		}
	}
	id, err := ev.id(e, groupKey)
	if err != nil {
		return nil, err
	}
	e.ID = id
	return e, nil
}

// id returns the experience's id: as the mapping's id field says, else
// from its URL, else a hash of its group key or of the whole row.
func (ev *evaluator) id(e *askedat.Experience, groupKey string) (string, error) {
	m := ev.imp.m
	f := ev.imp.fields["id"]
	if f == nil {
		switch {
		case e.URL != "":
			return askedat.IDForURL(e.URL), nil
		case groupKey != "":
			return hashID(m.Name, groupKey), nil
		}
		var b strings.Builder
		for _, col := range ev.r.order {
			fmt.Fprintf(&b, "%s\x00%v\x00", col, ev.r.values[col])
		}
		return hashID(m.Name, b.String()), nil
	}
	items, err := ev.field("experience.id", f, false)
	if err != nil {
		return "", err
	}
	v := strings.TrimSpace(strings.Join(items, "\n"))
	if v == "" {
		return "", errors.New("experience.id: empty")
	}
	switch f.ID {
	case "hash":
		return hashID(m.Name, v), nil
	case "url":
		return askedat.IDForURL(v), nil
	}
	return v, nil
}

// hashID returns the first 16 hex digits of the SHA-1 of the mapping's name
// and v: the same row imported again gets the same id.
func hashID(name, v string) string {
	sum := sha1.Sum([]byte("import:" + name + "\x00" + v))
	return hex.EncodeToString(sum[:8])
}

// questions reads the row's questions; warn is set when it has none.
func (ev *evaluator) questions() (qs []evaluated, warn string, err error) {
	m := ev.imp.m
	if len(m.Question) == 0 {
		return nil, "", nil
	}
	if m.Questions == "" {
		qs, err := ev.rowQuestions(ev.r)
		if err != nil {
			return nil, "", err
		}
		if len(qs) == 0 {
			return nil, "no questions: " + ev.describeEmpty(m.Question["title"]), nil
		}
		return qs, "", nil
	}
	v, _ := ev.r.get(m.Questions)
	var list []any
	switch v := v.(type) {
	case []any:
		list = v
	case []string:
		for _, s := range v {
			list = append(list, s)
		}
	case string:
		if strings.TrimSpace(v) != "" {
			return nil, "", fmt.Errorf("questions: column %q holds text, want a list of objects", m.Questions)
		}
	}
	var skipped []string
	for i, item := range list {
		obj, ok := item.(map[string]any)
		if !ok {
			return nil, "", fmt.Errorf("questions: item %d of %q is not an object", i+1, m.Questions)
		}
		sub := &row{values: obj, order: sortedKeys(obj), parent: ev.r}
		got, err := (&evaluator{imp: ev.imp, r: sub}).rowQuestions(sub)
		if err != nil {
			return nil, "", fmt.Errorf("questions item %d: %w", i+1, err)
		}
		if len(got) == 0 {
			skipped = append(skipped, strconv.Itoa(i+1))
		}
		qs = append(qs, got...)
	}
	switch {
	case len(list) == 0:
		warn = fmt.Sprintf("no questions: %q is empty or missing", m.Questions)
	case len(skipped) > 0:
		warn = fmt.Sprintf("%q item %s has no question title", m.Questions, strings.Join(skipped, ", "))
	}
	return qs, warn, nil
}

// rowQuestions reads the question fields of r: one question, or one per
// item of a split title, or none when the title is empty.
func (ev *evaluator) rowQuestions(r *row) ([]evaluated, error) {
	m := ev.imp.m
	tf := m.Question["title"]
	titles, err := ev.field("question.title", tf, true)
	if err != nil {
		return nil, err
	}
	if len(titles) == 0 {
		return nil, nil
	}
	var q evaluated
	q.joins = map[string]string{}
	for _, name := range sortedKeys(m.Question) {
		if name == "title" {
			continue
		}
		f := m.Question[name]
		items, err := ev.field("question."+name, f, name == "tags")
		if err != nil {
			return nil, err
		}
		if f.Merge == "join" {
			if v := strings.TrimSpace(strings.Join(items, "\n")); v != "" {
				q.joins[name] = v
			}
			continue
		}
		if err := setQuestionList(&q.Question, name, items); err != nil {
			return nil, fmt.Errorf("question.%s: %w", name, err)
		}
	}
	if m.questionKey != nil {
		if q.key, err = ev.template(m.questionKey); err != nil {
			return nil, err
		}
	}
	out := make([]evaluated, len(titles))
	for i, t := range titles {
		out[i] = q
		out[i].Title = t
		out[i].Tags = slices.Clone(q.Tags)
		if q.key != "" && len(titles) > 1 {
			out[i].key = q.key + "\x00" + strings.ToLower(askedat.CleanSpace(t))
		}
	}
	return out, nil
}

// describeEmpty says why a field had no value in r, for a report.
func (ev *evaluator) describeEmpty(f *Field) string {
	var why []string
	for _, s := range f.srcs {
		switch {
		case s.Column != "":
			v, ok := ev.r.get(s.Column)
			switch {
			case !ok:
				why = append(why, fmt.Sprintf("no column %q", s.Column))
			case !hasValue(valueItems(v)):
				why = append(why, fmt.Sprintf("column %q is empty", s.Column))
			case s.re != nil:
				why = append(why, fmt.Sprintf("column %q does not match %q", s.Column, s.Pattern))
			}
		case s.tmpl != nil:
			var holes []string
			for _, p := range s.tmpl.parts {
				if p.name == "" {
					continue
				}
				if vf := ev.imp.m.Vars[p.name]; vf != nil {
					holes = append(holes, "var "+p.name+": "+ev.describeEmpty(vf))
				}
			}
			w := fmt.Sprintf("template %q is empty", s.Template)
			if len(holes) > 0 {
				w += " (" + strings.Join(holes, "; ") + ")"
			}
			why = append(why, w)
		case s.From != "" && s.re != nil:
			why = append(why, fmt.Sprintf("the %s name does not match %q", s.From, s.Pattern))
		}
	}
	if len(why) == 0 {
		return "no value"
	}
	return strings.Join(why, ", ")
}

// field reads f from the row: its first source with a value, then the
// field's date, split and required checks. A list field (tags, a question
// title) returns its items; any other returns at most one value.
func (ev *evaluator) field(where string, f *Field, list bool) ([]string, error) {
	var items []string
	for _, s := range f.srcs {
		got, err := ev.source(s)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		if hasValue(got) {
			items = got
			break
		}
	}
	if list {
		items = f.Split.apply(items)
	} else if len(items) > 0 {
		items = []string{strings.TrimSpace(strings.Join(items, "\n"))}
	}
	if !hasValue(items) {
		if f.Required {
			return nil, fmt.Errorf("missing %s: %s", where, ev.describeEmpty(f))
		}
		return nil, nil
	}
	if len(f.Date) > 0 {
		d, err := parseDate(items[0], f.Date)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", where, err)
		}
		items = []string{d}
	}
	return items, nil
}

func hasValue(items []string) bool {
	for _, s := range items {
		if strings.TrimSpace(s) != "" {
			return true
		}
	}
	return false
}

// parseDate parses s with the first layout that reads it whole.
func parseDate(s string, layouts []string) (string, error) {
	s = askedat.CleanSpace(s)
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format(askedat.DateLayout), nil
		}
	}
	return "", fmt.Errorf("unparsable date %q (layouts: %s)", s, quoteList(layouts))
}

// source reads one source: its raw items, then Replace, Pattern and Value.
func (ev *evaluator) source(s *Source) ([]string, error) {
	var items []string
	switch {
	case s.Column != "":
		v, _ := ev.r.get(s.Column)
		items = valueItems(v)
	case s.Const != "":
		items = []string{s.Const}
	case s.tmpl != nil:
		v, err := ev.template(s.tmpl)
		if err != nil {
			return nil, err
		}
		items = []string{v}
	case s.From != "":
		name, folder := fileParts(ev.r.where().File)
		if s.From == "file" {
			items = []string{name}
		} else {
			items = []string{folder}
		}
	}
	for i, v := range items {
		for _, rep := range s.Replace {
			v = strings.ReplaceAll(v, rep[0], rep[1])
		}
		if s.re != nil {
			m := s.re.FindStringSubmatch(v)
			switch {
			case m == nil:
				v = ""
			case s.Value != "":
				v = s.Value
			case len(m) > 1:
				v = m[1]
			default:
				v = m[0]
			}
		}
		items[i] = v
	}
	return items, nil
}

// valueItems returns a row value as text items.
func valueItems(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []string:
		return slices.Clone(v)
	case nil:
		return nil
	}
	return []string{fmt.Sprint(v)}
}

// template fills t's holes: a var of the mapping by that name, else the
// row's column. A template whose holes are all empty is empty.
func (ev *evaluator) template(t *template) (string, error) {
	var b strings.Builder
	filled := false
	for _, p := range t.parts {
		if p.name == "" {
			b.WriteString(p.text)
			continue
		}
		v, err := ev.lookup(p.name)
		if err != nil {
			return "", err
		}
		if strings.TrimSpace(v) != "" {
			filled = true
		}
		b.WriteString(v)
	}
	if !filled {
		return "", nil
	}
	return b.String(), nil
}

// lookup returns the value of var name, or else of column name.
func (ev *evaluator) lookup(name string) (string, error) {
	if v, ok := ev.imp.set[name]; ok && ev.imp.m.Vars[name] != nil {
		return v, nil
	}
	f := ev.imp.m.Vars[name]
	if f == nil {
		v, _ := ev.r.get(name)
		return strings.Join(valueItems(v), "\n"), nil
	}
	if v, ok := ev.vars[name]; ok {
		return v, nil
	}
	if ev.busy[name] {
		return "", fmt.Errorf("var %s needs its own value", name)
	}
	if ev.busy == nil {
		ev.busy, ev.vars = map[string]bool{}, map[string]string{}
	}
	ev.busy[name] = true
	items, err := ev.field("vars."+name, f, false)
	delete(ev.busy, name)
	if err != nil {
		return "", err
	}
	v := strings.Join(items, "\n")
	ev.vars[name] = v
	return v, nil
}

// setExperienceField sets the field name of e to the value of items.
func setExperienceField(e *askedat.Experience, name string, items []string) error {
	v := strings.Join(items, "\n")
	switch name {
	case "url":
		e.URL = v
	case "source":
		e.Source = v
	case "title":
		e.Title = v
	case "company":
		e.Company = v
	case "role":
		e.Role = v
	case "status":
		e.Status = v
	case "date":
		e.Date = v
	case "reads":
		if v == "" {
			return nil
		}
		n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(v), ",", ""))
		if err != nil || n < 0 {
			return fmt.Errorf("%q is not a count", v)
		}
		e.Reads = n
	case "summary":
		e.Summary = v
	case "body":
		e.Body = v
	case "level":
		e.Level = v
	case "campus":
		e.Campus = v
	case "location":
		e.Location = v
	case "difficulty":
		e.Difficulty = v
	case "sentiment":
		e.Sentiment = v
	case "tags":
		e.Tags = items
	default:
		return fmt.Errorf("unknown field")
	}
	return nil
}

// setQuestionList sets the field name of q to items (joined, but for tags).
func setQuestionList(q *askedat.Question, name string, items []string) error {
	if name == "tags" {
		q.Tags = items
		return nil
	}
	return setQuestionField(q, name, strings.Join(items, "\n"))
}

func setQuestionField(q *askedat.Question, name, v string) error {
	switch name {
	case "title":
		q.Title = v
	case "body":
		q.Body = v
	case "category":
		q.Category = v
	case "difficulty":
		q.Difficulty = v
	case "round":
		q.Round = v
	case "url":
		q.URL = v
	case "tags":
		q.Tags = strings.Split(v, "; ")
	default:
		return fmt.Errorf("unknown field")
	}
	return nil
}

func quoteList(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}
