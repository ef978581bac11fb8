package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// A FlatQuestion is one line of a real-sentence corpus as the shared
// generator gen_corpus.py writes it: one question a line, its facets beside
// it, no experience around it.
type FlatQuestion struct {
	ID         string `json:"id"`
	Company    string `json:"company"`
	Role       string `json:"role"`
	Category   string `json:"category"`
	Difficulty string `json:"difficulty"`
	Date       string `json:"date"`
	Title      string `json:"title"`
	Body       string `json:"body"`
}

// flatExperience is the experience ConvertFlat writes for one FlatQuestion:
// the fields of askedat's document model (index.Experience) that carry it.
type flatExperience struct {
	ID        string         `json:"id"`
	Title     string         `json:"title"`
	Company   string         `json:"company,omitempty"`
	Role      string         `json:"role,omitempty"`
	Date      string         `json:"date,omitempty"`
	Questions []flatQuestion `json:"questions"`
}

type flatQuestion struct {
	Ordinal    int    `json:"ordinal"`
	Title      string `json:"title"`
	Category   string `json:"category,omitempty"`
	Difficulty string `json:"difficulty,omitempty"`
	Body       string `json:"body"`
}

// ConvertFlat reads a flat corpus (FlatQuestion lines) from r and writes it
// to w as the JSON Lines of experiences that askedat's indexer and Read
// take: each question becomes an experience of its own, with the question's
// id, company, role and date, the question's title as its title, and the
// question as its one question (ordinal 1, so its document id is ID-q1),
// with no status. It returns the number of questions converted. A line that
// is not a FlatQuestion with an id and a title stops it.
func ConvertFlat(r io.Reader, w io.Writer) (int, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	n, line := 0, 0
	for {
		b, err := br.ReadBytes('\n')
		if len(b) > 0 {
			line++
		}
		if !isBlank(b) {
			var q FlatQuestion
			if jerr := json.Unmarshal(b, &q); jerr != nil {
				return n, fmt.Errorf("line %d: %v", line, jerr)
			}
			if q.ID == "" || q.Title == "" {
				return n, fmt.Errorf("line %d: a question needs an id and a title", line)
			}
			e := flatExperience{ID: q.ID, Title: q.Title, Company: q.Company, Role: q.Role, Date: q.Date,
				Questions: []flatQuestion{{Ordinal: 1, Title: q.Title, Category: q.Category, Difficulty: q.Difficulty, Body: q.Body}}}
			if err := enc.Encode(&e); err != nil {
				return n, err
			}
			n++
		}
		if err == io.EOF {
			return n, bw.Flush()
		}
		if err != nil {
			return n, err
		}
	}
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

// ConvertFlatFile is ConvertFlat from the file in to the file out, written
// through a temporary file beside it and renamed, so a half-written corpus
// is never taken for a whole one.
func ConvertFlatFile(in, out string) (int, error) {
	f, err := os.Open(in)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	tmp := out + "~"
	o, err := os.Create(tmp)
	if err != nil {
		return 0, err
	}
	n, err := ConvertFlat(f, o)
	if cerr := o.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return n, fmt.Errorf("%s: %w", in, err)
	}
	return n, os.Rename(tmp, out)
}
