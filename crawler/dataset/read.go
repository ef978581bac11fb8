package dataset

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// A row is one record of an input file: a CSV line (or lines, when a cell
// holds line breaks), a JSON array's element, a JSON Lines line.
type row struct {
	file string // the file's path, as found
	num  int    // the record's number in its file, from 1 (a CSV header is not counted)
	line int    // the line of the file the record starts on
	// values maps a column to a string, a []string (a JSON list of
	// scalars), a []any (a JSON list holding objects) or a map[string]any
	// (a JSON object).
	values map[string]any
	// order lists the columns in file order, for hashing a whole row.
	order []string
	// parent is the row an item of a "questions" list came from.
	parent *row
}

// get returns the value of column col: the key itself, or "a.b" as key b
// of object a; then the parent row's.
func (r *row) get(col string) (any, bool) {
	if v, ok := r.values[col]; ok {
		return v, true
	}
	if strings.Contains(col, ".") {
		var cur any = r.values
		for _, k := range strings.Split(col, ".") {
			m, ok := cur.(map[string]any)
			if !ok {
				cur = nil
				break
			}
			if cur, ok = m[k]; !ok {
				break
			}
		}
		if cur != nil {
			return cur, true
		}
	}
	if r.parent != nil {
		return r.parent.get(col)
	}
	return nil, false
}

// where says where r is, for reports.
func (r *row) where() Position {
	if r.parent != nil {
		return r.parent.where()
	}
	return Position{File: r.file, Row: r.num, Line: r.line}
}

// A rowError is a record that could not be read (malformed JSON on a JSON
// Lines line, a CSV line with too many fields): its row is rejected, and
// reading goes on.
type rowError struct {
	pos Position
	err error
}

func (e *rowError) Error() string { return e.err.Error() }

// A rowReader reads the records of one file. next returns io.EOF at the
// end, a *rowError for a record that is rejected, and any other error when
// the file cannot be read on.
type rowReader interface {
	next() (*row, error)
	// header returns the file's columns when it has a header (CSV), or nil.
	header() []string
}

func newRowReader(m *Mapping, file string, r io.Reader) (rowReader, error) {
	switch m.Input {
	case "csv":
		return newCSVReader(m, file, r)
	case "json":
		return newJSONArrayReader(file, r)
	case "jsonl":
		return newJSONLinesReader(file, r), nil
	}
	return nil, fmt.Errorf("input %q", m.Input)
}

// csvReader reads a CSV file with a header. A record that a stray quote
// makes run on over the lines after it (an unclosed quote takes every line
// up to the next quote) is rejected by its first line, and reading starts
// again on the line after it with a fresh csv.Reader that keeps the
// header, so each of the lines it swallowed is read as its own row. To do
// that it keeps the bytes of the record being read (recorder).
type csvReader struct {
	file  string
	comma rune
	src   io.Reader // what r reads from, past what rec has taken
	rec   *recorder // what r reads, kept from the start of its current record
	r     *csv.Reader
	cols  []string
	num   int
	base  int // lines of the file before r's input
}

func newCSVReader(m *Mapping, file string, r io.Reader) (*csvReader, error) {
	c := &csvReader{file: file, comma: ',', src: r}
	if m.Delimiter != "" {
		c.comma = []rune(m.Delimiter)[0]
	}
	c.start(r)
	head, err := c.r.Read()
	if errors.Is(err, io.EOF) {
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", file, err)
	}
	c.rec.drop(c.r.InputOffset())
	cols := make([]string, len(head))
	for i, h := range head {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff") // a byte order mark, as spreadsheets write
		}
		cols[i] = strings.TrimSpace(h)
	}
	c.cols = cols
	return c, nil
}

// start reads on from in with a fresh csv.Reader.
func (c *csvReader) start(in io.Reader) {
	c.src = in
	c.rec = &recorder{r: in}
	c.r = csv.NewReader(c.rec)
	c.r.Comma = c.comma
	if c.cols != nil {
		c.r.FieldsPerRecord = len(c.cols)
	}
}

func (c *csvReader) header() []string { return c.cols }

func (c *csvReader) next() (*row, error) {
	rec, err := c.r.Read()
	if errors.Is(err, io.EOF) {
		return nil, io.EOF
	}
	c.num++
	pos := Position{File: c.file, Row: c.num}
	if err != nil {
		var pe *csv.ParseError
		if !errors.As(err, &pe) {
			return nil, fmt.Errorf("%s: %w", c.file, err)
		}
		pos.Line = c.base + pe.StartLine
		if pe.Line > pe.StartLine && (errors.Is(pe.Err, csv.ErrFieldCount) || errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote)) {
			// A quote that ran on: reject the first line, read the rest again.
			msg := fmt.Sprintf("malformed CSV: %v: a quote opened on this line runs on to line %d; the lines after it are read again as rows of their own",
				quoteErr(pe), c.base+pe.Line)
			c.restart(pe.StartLine)
			return nil, &rowError{pos, errors.New(msg)}
		}
		c.rec.drop(c.r.InputOffset())
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			return nil, &rowError{pos, fmt.Errorf("has %d fields, the header has %d", len(rec), len(c.cols))}
		}
		return nil, &rowError{pos, fmt.Errorf("malformed CSV: %v", pe.Err)}
	}
	line, _ := c.r.FieldPos(0)
	pos.Line = c.base + line
	c.rec.drop(c.r.InputOffset())
	values := make(map[string]any, len(rec))
	for i, v := range rec {
		values[c.cols[i]] = v
	}
	return &row{file: c.file, num: c.num, line: pos.Line, values: values, order: c.cols}, nil
}

// quoteErr names what went wrong with a record that ran on: the reader's
// field count error says only that the count is off.
func quoteErr(pe *csv.ParseError) error {
	if errors.Is(pe.Err, csv.ErrFieldCount) {
		return errors.New("wrong number of fields")
	}
	return pe.Err
}

// restart reads on from the line after line startLine of the current
// reader's input: the bytes kept since the record that starts there, then
// the rest of the file.
func (c *csvReader) restart(startLine int) {
	kept := c.rec.buf
	// kept starts on line c.rec.lines+1 of the reader's input; skip to
	// line startLine+1.
	for n := startLine - c.rec.lines; n > 0 && len(kept) > 0; n-- {
		i := bytes.IndexByte(kept, '\n')
		if i < 0 {
			kept = nil
			break
		}
		kept = kept[i+1:]
	}
	c.base += startLine
	c.start(io.MultiReader(bytes.NewReader(bytes.Clone(kept)), c.src))
}

// A recorder passes on what it reads and keeps it from offset start on, so
// a record can be read again; it forgets what lies before a record that
// was read whole.
type recorder struct {
	r     io.Reader
	buf   []byte
	start int64 // the offset of buf[0] in what r gave
	lines int   // the newlines before start
}

func (t *recorder) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.buf = append(t.buf, p[:n]...)
	return n, err
}

// drop forgets what lies before offset off.
func (t *recorder) drop(off int64) {
	k := int(off - t.start)
	if k <= 0 {
		return
	}
	if k > len(t.buf) {
		k = len(t.buf)
	}
	t.lines += bytes.Count(t.buf[:k], []byte("\n"))
	t.buf = append(t.buf[:0], t.buf[k:]...)
	t.start += int64(k)
}

// jsonArrayReader reads a file holding one JSON array of objects. The file
// is read whole (so an element's line can be told); a syntax error ends
// it, since nothing after it can be trusted.
type jsonArrayReader struct {
	file string
	data []byte
	dec  *json.Decoder
	num  int
}

func newJSONArrayReader(file string, r io.Reader) (*jsonArrayReader, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: empty file, want a JSON array of objects", file)
	}
	if err != nil || tok != json.Delim('[') {
		return nil, fmt.Errorf("%s: want a JSON array of objects, found %v %v", file, tok, err)
	}
	return &jsonArrayReader{file: file, data: data, dec: dec}, nil
}

func (j *jsonArrayReader) header() []string { return nil }

func (j *jsonArrayReader) next() (*row, error) {
	if !j.dec.More() {
		if tok, err := j.dec.Token(); err != nil || tok != json.Delim(']') {
			return nil, fmt.Errorf("%s: after element %d: want , or ], found %v %v", j.file, j.num, tok, err)
		}
		return nil, io.EOF
	}
	j.num++
	start := j.dec.InputOffset()
	line := 1 + bytes.Count(j.data[:start], []byte("\n"))
	// The offset is just after the previous token; the element starts at
	// the next non-space byte.
	rest := j.data[start:]
	skipped := len(rest) - len(bytes.TrimLeft(rest, " \t\r\n,"))
	line += bytes.Count(rest[:skipped], []byte("\n"))
	var raw json.RawMessage
	if err := j.dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("%s: element %d (line %d): invalid JSON, the file cannot be read on: %w", j.file, j.num, line, err)
	}
	values, order, err := decodeObject(raw)
	if err != nil {
		return nil, &rowError{Position{File: j.file, Row: j.num, Line: line}, err}
	}
	return &row{file: j.file, num: j.num, line: line, values: values, order: order}, nil
}

// jsonLinesReader reads one JSON object a line; blank lines are skipped.
type jsonLinesReader struct {
	file string
	r    *bufio.Reader
	num  int
	line int
}

func newJSONLinesReader(file string, r io.Reader) *jsonLinesReader {
	return &jsonLinesReader{file: file, r: bufio.NewReaderSize(r, 1<<16)}
}

func (j *jsonLinesReader) header() []string { return nil }

func (j *jsonLinesReader) next() (*row, error) {
	for {
		b, err := j.r.ReadBytes('\n')
		if len(b) == 0 && errors.Is(err, io.EOF) {
			return nil, io.EOF
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: %w", j.file, err)
		}
		j.line++
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		j.num++
		pos := Position{File: j.file, Row: j.num, Line: j.line}
		values, order, derr := decodeObject(b)
		if derr != nil {
			return nil, &rowError{pos, derr}
		}
		return &row{file: j.file, num: j.num, line: j.line, values: values, order: order}, nil
	}
}

// decodeObject decodes a JSON object into row values: strings stay, numbers
// and booleans become their text, null is absent, a list of scalars is a
// []string, a list holding objects stays a []any, an object a map.
func decodeObject(b []byte) (map[string]any, []string, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if dec.More() {
		return nil, nil, errors.New("invalid JSON: more than one value")
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, nil, fmt.Errorf("a JSON %s, want an object", jsonKind(v))
	}
	out := tidyObject(obj)
	return out, sortedKeys(out), nil
}

func tidyObject(obj map[string]any) map[string]any {
	out := make(map[string]any, len(obj))
	for k, v := range obj {
		if t, ok := tidyValue(v); ok {
			out[k] = t
		}
	}
	return out
}

func tidyValue(v any) (any, bool) {
	switch v := v.(type) {
	case nil:
		return nil, false
	case string:
		return v, true
	case json.Number:
		return v.String(), true
	case bool:
		return fmt.Sprint(v), true
	case map[string]any:
		return tidyObject(v), true
	case []any:
		strs := make([]string, 0, len(v))
		for _, e := range v {
			switch e.(type) {
			case map[string]any, []any:
				out := make([]any, 0, len(v))
				for _, e := range v {
					if t, ok := tidyValue(e); ok {
						out = append(out, t)
					}
				}
				return out, true
			}
			if t, ok := tidyValue(e); ok {
				strs = append(strs, t.(string))
			}
		}
		return strs, true
	}
	return nil, false
}

func jsonKind(v any) string {
	switch v.(type) {
	case []any:
		return "array"
	case string:
		return "string"
	case nil:
		return "null"
	case bool:
		return "boolean"
	}
	return "number"
}

// fileParts returns what "from" reads: the file's name without its
// extension, and the name of its folder.
func fileParts(file string) (name, folder string) {
	base := filepath.Base(file)
	name = strings.TrimSuffix(base, filepath.Ext(base))
	folder = filepath.Base(filepath.Dir(file))
	return name, folder
}
