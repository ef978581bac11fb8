package askedat

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// DefaultMaxLineBytes bounds one JSON Lines record unless SetMaxLine says
// otherwise. A longer line is reported as a LineError and skipped. It was
// 32 MiB, but indexing a line costs many times its size (bleve's analysis and
// segment building; decision 109), so a few lines of 32 MiB could exhaust the
// machine. The largest real post is about 21 KB; 4 MiB is 200 times that.
const DefaultMaxLineBytes = 4 << 20

// A LineError describes one line of a JSON Lines stream that could not be
// used. Reading goes on after it.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// A Decoder reads experiences from JSON Lines, one object a line. Blank lines
// are skipped. A malformed line yields a *LineError from Next, and the next
// call goes on with the line after it.
type Decoder struct {
	r       *bufio.Reader
	line    int
	maxLine int
}

// NewDecoder returns a Decoder reading from r, refusing lines longer than
// DefaultMaxLineBytes.
func NewDecoder(r io.Reader) *Decoder {
	return &Decoder{r: bufio.NewReaderSize(r, 1<<20), maxLine: DefaultMaxLineBytes}
}

// SetMaxLine makes d refuse lines longer than n bytes (DefaultMaxLineBytes
// if n ≤ 0). A refused line is read through in chunks, never held whole.
func (d *Decoder) SetMaxLine(n int) {
	if n <= 0 {
		n = DefaultMaxLineBytes
	}
	d.maxLine = n
}

// Line returns the number of the line last read, counting from 1.
func (d *Decoder) Line() int { return d.line }

// Next returns the next experience. It returns io.EOF at the end of the
// stream, a *LineError for a line that is not one experience (the caller may
// go on), and any other error when reading itself failed.
func (d *Decoder) Next() (Experience, error) {
	for {
		raw, tooLong, err := d.readLine()
		if err != nil {
			return Experience{}, err
		}
		d.line++
		if tooLong {
			return Experience{}, &LineError{Line: d.line, Err: fmt.Errorf("line is longer than %d bytes (the limit on one line; the indexer's -max-line)", d.maxLine)}
		}
		raw = bytes.TrimSpace(raw)
		if len(raw) == 0 {
			continue
		}
		var e Experience
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil {
			return Experience{}, &LineError{Line: d.line, Err: fmt.Errorf("invalid JSON: %w", err)}
		}
		if dec.More() {
			return Experience{}, &LineError{Line: d.line, Err: errors.New("more than one JSON value on the line")}
		}
		return e, nil
	}
}

// readLine returns the next line without its newline. A line longer than
// d.maxLine is consumed whole and reported with tooLong. At the end of the
// stream it returns io.EOF.
func (d *Decoder) readLine() (line []byte, tooLong bool, err error) {
	var buf []byte
	for {
		chunk, err := d.r.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > d.maxLine+1 {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		switch {
		case err == nil:
			return bytes.TrimSuffix(buf, []byte("\n")), tooLong, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if len(buf) == 0 && !tooLong {
				return nil, false, io.EOF
			}
			return buf, tooLong, nil
		default:
			return nil, false, fmt.Errorf("read line %d: %w", d.line+1, err)
		}
	}
}

// An Encoder writes experiences as JSON Lines.
type Encoder struct {
	w   *bufio.Writer
	enc *json.Encoder
}

// NewEncoder returns an Encoder writing to w. Call Flush when done.
func NewEncoder(w io.Writer) *Encoder {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &Encoder{w: bw, enc: enc}
}

// Encode writes e as one line.
func (e *Encoder) Encode(x *Experience) error {
	if x.Questions == nil {
		x.Questions = []Question{}
	}
	if err := e.enc.Encode(x); err != nil {
		return fmt.Errorf("encode experience %s: %w", x.ID, err)
	}
	return nil
}

// Flush writes any buffered data to the underlying writer.
func (e *Encoder) Flush() error { return e.w.Flush() }

// ReadAll reads every experience of a JSON Lines stream. Unlike a Decoder
// it stops at the first line that is not one experience, returning its
// *LineError: for input that must be whole, such as a tool's own output.
func ReadAll(r io.Reader) ([]Experience, error) {
	var out []Experience
	dec := NewDecoder(r)
	for {
		e, err := dec.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, e)
	}
}

// ReadFile is ReadAll of the file at path.
func ReadFile(path string) ([]Experience, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read experiences: %w", err)
	}
	defer f.Close()
	exps, err := ReadAll(f)
	if err != nil {
		return exps, fmt.Errorf("read experiences from %s: %w", path, err)
	}
	return exps, nil
}
