package dataset

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
)

// A Mapping says how the rows of one kind of export become experiences: how
// to read the files, which column feeds which field, how rows group into
// experiences. It is data: a JSON file (the built-in ones are in
// mappings/, and docs/datasets.md has a worked example).
type Mapping struct {
	// Name names the mapping; an experience it makes has Extractor
	// "import:<name>", and hashed ids are salted with it.
	Name string `json:"name"`
	// Description is free text for people.
	Description string `json:"description,omitempty"`
	// Input is the file format: "csv", "json" (one array of objects) or
	// "jsonl" (one object a line).
	Input string `json:"input"`
	// Delimiter separates CSV fields; "," when empty.
	Delimiter string `json:"delimiter,omitempty"`
	// Files is the pattern (path.Match, on the file's name) of the files to
	// read in a folder given as input; "*.csv", "*.json" or "*.jsonl" by
	// Input when empty. Files named on the command line are always read.
	Files string `json:"files,omitempty"`
	// Exclude lists file names skipped in a folder.
	Exclude []string `json:"exclude,omitempty"`
	// Vars are named values read from each row, for templates: "{name}" in
	// a template is the var name, or else the row's column name.
	Vars map[string]*Field `json:"vars,omitempty"`
	// Experience maps experience fields (askedat.Experience's JSON names)
	// to how each is read from a row.
	Experience map[string]*Field `json:"experience"`
	// Question maps question fields (askedat.Question's JSON names) to how
	// each is read. A row gives one question, or one per item when the
	// title field has a split; none when its title is empty.
	Question map[string]*Field `json:"question,omitempty"`
	// Questions names a column holding a list of objects, one a question
	// (JSON input): the question fields are then read from each object,
	// and from the row for columns the object lacks.
	Questions string `json:"questions,omitempty"`
	// GroupBy, a template, makes rows with the same value one experience
	// (its fields are read from its first row; each row adds questions).
	// Empty: each row is one experience.
	GroupBy string `json:"group_by,omitempty"`
	// QuestionKey, a template over the question's row, makes the rows of
	// one experience with the same value one question: its fields come from
	// the first, and the Merge of each field says what later ones add.
	// Empty: every question is kept, even a repeated one.
	QuestionKey string `json:"question_key,omitempty"`

	groupBy, questionKey *template
}

// A Field says how one field's value is read from a row: from one source,
// or the first of several that gives a value, then tidied, and checked.
//
// In a mapping file a field is an object, or a string as short for
// {"column": "..."}.
type Field struct {
	Source
	// FirstOf lists sources tried in order; the first non-empty value
	// wins. A Field has either FirstOf or the fields of one Source.
	FirstOf []Source `json:"first_of,omitempty"`
	// Required makes a row without a value for this field a rejected row.
	Required bool `json:"required,omitempty"`
	// Date lists the layouts (Go's, e.g. "2 Jan 2006") the value is
	// parsed with; it becomes YYYY-MM-DD. A value none parses rejects the
	// row.
	Date []string `json:"date,omitempty"`
	// Split cuts the value into a list (tags; a question title with a split
	// gives one question per item).
	Split *Split `json:"split,omitempty"`
	// ID, for the experience field "id": "hash" makes the id a hash of the
	// value (with the mapping's name), "url" the crawler's id for a URL
	// (askedat.IDForURL), so an imported post and a crawled one share it.
	// Empty: the value is the id.
	ID string `json:"id,omitempty"`
	// Merge says what a question field takes from later rows of the same
	// question (see QuestionKey): "first" (the default; "union" for
	// tags), "join" (the distinct values joined with "; ") or "union"
	// (lists: every distinct item).
	Merge string `json:"merge,omitempty"`

	srcs []*Source // the sources in the order they are tried
}

// A Source is where a value comes from: a column, a constant, a template,
// or the file's name or folder; then Replace, Pattern and Value apply.
type Source struct {
	// Column is a CSV header or JSON key; "a.b" reads key b of object a.
	Column string `json:"column,omitempty"`
	// Const is a constant value.
	Const string `json:"const,omitempty"`
	// Template builds a value from vars and columns: "{Role} at {company}".
	Template string `json:"template,omitempty"`
	// From is "file" (the file's name without its extension) or "folder"
	// (the name of the folder holding it).
	From string `json:"from,omitempty"`
	// Replace lists [old, new] pairs replaced in the value, in order.
	Replace [][2]string `json:"replace,omitempty"`
	// Pattern is a regular expression the value must match; the value
	// becomes its first group (or the whole match). No match: empty.
	Pattern string `json:"pattern,omitempty"`
	// Value, with Pattern, is the value when the pattern matches, instead
	// of the match.
	Value string `json:"value,omitempty"`

	re   *regexp.Regexp
	tmpl *template
}

// A Split says how a cell holding a list is cut into items. Options
// combine; a cell that is a JSON list gives its items first. Items are
// trimmed, numbering and bullets ("1.", "Q2)", "-", "•") removed, and
// items without a letter or digit dropped.
type Split struct {
	// Separator cuts at each occurrence of this text (",", ";").
	Separator string `json:"separator,omitempty"`
	// Lines cuts at line breaks.
	Lines bool `json:"lines,omitempty"`
	// Numbering cuts before "1." "2)" "Q3:" items written on one line,
	// when they count up from 1.
	Numbering bool `json:"numbering,omitempty"`
	// Questions cuts after each "?".
	Questions bool `json:"questions,omitempty"`
	// Sentences cuts after ". " (or "! ") followed by a capital letter.
	Sentences bool `json:"sentences,omitempty"`
}

// UnmarshalJSON reads a Field from an object or from a string naming a
// column. Unknown keys are errors, so a typo in a mapping is found.
func (f *Field) UnmarshalJSON(b []byte) error {
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '"' {
		var col string
		if err := json.Unmarshal(t, &col); err != nil {
			return err
		}
		*f = Field{Source: Source{Column: col}}
		return nil
	}
	type plain Field // without this method
	var p plain
	if err := decodeStrict(b, &p); err != nil {
		return err
	}
	*f = Field(p)
	return nil
}

func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

//go:embed mappings/*.json
var builtin embed.FS

// Formats returns the names of the built-in mappings.
func Formats() []string {
	entries, _ := builtin.ReadDir("mappings")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".json"))
	}
	return out
}

// Builtin returns the built-in mapping of a format ("glassdoor",
// "leetcode").
func Builtin(format string) (*Mapping, error) {
	if !slices.Contains(Formats(), format) {
		return nil, fmt.Errorf("unknown format %q (built-in formats: %s; or give -mapping FILE)", format, strings.Join(Formats(), ", "))
	}
	b, err := builtin.ReadFile("mappings/" + format + ".json")
	if err != nil {
		return nil, err
	}
	m, err := ParseMapping(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("built-in mapping %s: %w", format, err)
	}
	return m, nil
}

// LoadMapping reads a mapping file.
func LoadMapping(file string) (*Mapping, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	defer f.Close()
	m, err := ParseMapping(f)
	if err != nil {
		return nil, fmt.Errorf("mapping %s: %w", file, err)
	}
	return m, nil
}

// ParseMapping reads a mapping from JSON and checks it.
func ParseMapping(r io.Reader) (*Mapping, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var m Mapping
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	if err := m.compile(); err != nil {
		return nil, err
	}
	return &m, nil
}

// experienceFields and questionFields are the fields a mapping may set:
// the JSON names of askedat.Experience and askedat.Question, less those the
// indexer sets.
var (
	experienceFields = []string{"id", "url", "source", "title", "company", "role", "status", "date", "reads",
		"summary", "body", "level", "campus", "location", "difficulty", "sentiment", "tags"}
	questionFields = []string{"title", "body", "category", "difficulty", "round", "url", "tags"}
)

// compile checks m and prepares its patterns and templates.
func (m *Mapping) compile() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if strings.TrimSpace(m.Name) == "" {
		bad("no name")
	}
	switch m.Input {
	case "csv", "json", "jsonl":
	default:
		bad("input %q: want csv, json or jsonl", m.Input)
	}
	if m.Delimiter != "" && (m.Input != "csv" || len([]rune(m.Delimiter)) != 1) {
		bad("delimiter %q: want one character, for csv input", m.Delimiter)
	}
	if m.Files == "" {
		m.Files = "*." + m.Input
	}
	if _, err := path.Match(m.Files, ""); err != nil {
		bad("files %q: %v", m.Files, err)
	}
	if m.Questions != "" && m.Input == "csv" {
		bad("questions %q: a list of objects in a cell needs json or jsonl input", m.Questions)
	}
	if len(m.Experience) == 0 {
		bad("no experience fields")
	}
	if m.Experience["title"] == nil {
		bad(`no experience field "title" (every experience needs one)`)
	}
	if len(m.Question) > 0 && m.Question["title"] == nil {
		bad(`question fields without "title"`)
	}
	for _, g := range []struct {
		what   string
		fields map[string]*Field
		known  []string
	}{{"vars", m.Vars, nil}, {"experience", m.Experience, experienceFields}, {"question", m.Question, questionFields}} {
		for _, name := range sortedKeys(g.fields) {
			f := g.fields[name]
			where := g.what + "." + name
			if g.known != nil && !slices.Contains(g.known, name) {
				bad("%s: unknown field (known: %s)", where, strings.Join(g.known, ", "))
				continue
			}
			if f == nil {
				bad("%s: null", where)
				continue
			}
			if g.what == "vars" && strings.ContainsAny(name, "{}") {
				bad("%s: a var name cannot hold { or }", where)
			}
			errs = append(errs, f.compile(where, g.what, name)...)
		}
	}
	var err error
	if m.groupBy, err = parseTemplate(m.GroupBy); err != nil {
		bad("group_by: %v", err)
	}
	if m.questionKey, err = parseTemplate(m.QuestionKey); err != nil {
		bad("question_key: %v", err)
	}
	if m.QuestionKey != "" && m.GroupBy == "" {
		bad("question_key needs group_by (a row's own questions are all kept)")
	}
	return errors.Join(errs...)
}

func (f *Field) compile(where, group, name string) []error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf(where+": "+format, args...))
	}
	if len(f.FirstOf) > 0 && !f.Source.empty() {
		bad("has both first_of and a source of its own")
	}
	f.srcs = nil
	if len(f.FirstOf) > 0 {
		for i := range f.FirstOf {
			f.srcs = append(f.srcs, &f.FirstOf[i])
		}
	} else if !f.Source.empty() {
		f.srcs = []*Source{&f.Source}
	}
	if len(f.srcs) == 0 {
		bad("no source (column, const, template or from)")
	}
	for _, s := range f.srcs {
		if err := s.compile(); err != nil {
			bad("%v", err)
		}
	}
	for _, layout := range f.Date {
		// A layout must at least print a date whose year it parses back.
		ref := time.Date(2024, 3, 21, 0, 0, 0, 0, time.UTC)
		if t, err := time.Parse(layout, ref.Format(layout)); err != nil || t.Year() != 2024 {
			bad("date layout %q does not read a day (write it with Go's reference date, e.g. \"2 Jan 2006\")", layout)
		}
	}
	list := name == "tags"
	if f.Split != nil && !list && !(group == "question" && name == "title") {
		bad("split: only tags and the question title are lists")
	}
	switch f.ID {
	case "", "hash", "url":
		if f.ID != "" && !(group == "experience" && name == "id") {
			bad("id: only the experience field id has one")
		}
	default:
		bad("id %q: want hash or url", f.ID)
	}
	switch f.Merge {
	case "", "first", "join":
	case "union":
		if !list {
			bad("merge union: only for tags")
		}
	default:
		bad("merge %q: want first, join or union", f.Merge)
	}
	if f.Merge != "" && group != "question" {
		bad("merge: only question fields merge")
	}
	return errs
}

func (s *Source) empty() bool {
	return s.Column == "" && s.Const == "" && s.Template == "" && s.From == ""
}

func (s *Source) compile() error {
	n := 0
	for _, v := range []string{s.Column, s.Const, s.Template, s.From} {
		if v != "" {
			n++
		}
	}
	if n != 1 {
		return fmt.Errorf("want exactly one of column, const, template and from in a source")
	}
	switch s.From {
	case "", "file", "folder":
	default:
		return fmt.Errorf("from %q: want file or folder", s.From)
	}
	if s.Pattern != "" {
		re, err := regexp.Compile(s.Pattern)
		if err != nil {
			return fmt.Errorf("pattern: %w", err)
		}
		s.re = re
	} else if s.Value != "" {
		return fmt.Errorf("value %q without a pattern", s.Value)
	}
	if s.Template != "" {
		t, err := parseTemplate(s.Template)
		if err != nil {
			return fmt.Errorf("template: %w", err)
		}
		s.tmpl = t
	}
	return nil
}

// A template is text with {name} holes; "{{" and "}}" are literal braces.
type template struct {
	parts []tmplPart
}

type tmplPart struct {
	text string
	name string // a hole when not empty
}

func parseTemplate(s string) (*template, error) {
	if s == "" {
		return nil, nil
	}
	t := &template{}
	var text strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '{' && i+1 < len(s) && s[i+1] == '{', c == '}' && i+1 < len(s) && s[i+1] == '}':
			text.WriteByte(c)
			i++
		case c == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("%q: unclosed {", s)
			}
			name := s[i+1 : i+end]
			if strings.TrimSpace(name) == "" || strings.Contains(name, "{") {
				return nil, fmt.Errorf("%q: empty or nested {}", s)
			}
			if text.Len() > 0 {
				t.parts = append(t.parts, tmplPart{text: text.String()})
				text.Reset()
			}
			t.parts = append(t.parts, tmplPart{name: name})
			i += end
		case c == '}':
			return nil, fmt.Errorf("%q: } without {", s)
		default:
			text.WriteByte(c)
		}
	}
	if text.Len() > 0 {
		t.parts = append(t.parts, tmplPart{text: text.String()})
	}
	return t, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
