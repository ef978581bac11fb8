// Package corpus reads the benchmark corpus, the JSON Lines of experiences
// that sitegen -docs (or the crawler) writes, as the question documents every
// engine indexes: one per question, carrying its experience's company, role,
// status and date, the way askedat's indexer makes them.
//
// It reads the format itself rather than importing askedat, so the harness
// builds whatever state the product's packages are in.
package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// A Question is one document.
type Question struct {
	ID           string // askedat's id: "<experience id>-q<ordinal>"
	ExperienceID string
	Ordinal      int
	Title, Body  string
	Company      string
	Role         string
	Category     string
	Difficulty   string // "" when the post gave none
	Status       string
	Date         string // YYYY-MM-DD
}

// Facet returns q's value of a facet field (company, role, category,
// difficulty, status), "" for an unknown field.
func (q *Question) Facet(field string) string {
	switch field {
	case "company":
		return q.Company
	case "role":
		return q.Role
	case "category":
		return q.Category
	case "difficulty":
		return q.Difficulty
	case "status":
		return q.Status
	}
	return ""
}

type experience struct {
	ID        string `json:"id"`
	Company   string `json:"company"`
	Role      string `json:"role"`
	Status    string `json:"status"`
	Date      string `json:"date"`
	Questions []struct {
		Ordinal    int    `json:"ordinal"`
		Title      string `json:"title"`
		Category   string `json:"category"`
		Difficulty string `json:"difficulty"`
		Body       string `json:"body"`
	} `json:"questions"`
}

// Read calls fn for each question of the corpus at path, in file order, and
// returns how many it read. fn may keep q only until it returns. A malformed
// line or an error from fn stops the reading.
func Read(path string, fn func(q *Question) error) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n, err := Decode(f, fn)
	if err != nil {
		return n, fmt.Errorf("%s: %w", path, err)
	}
	return n, nil
}

// Decode is Read from r.
func Decode(r io.Reader, fn func(q *Question) error) (int, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	n, line := 0, 0
	var q Question
	for {
		b, err := br.ReadBytes('\n')
		if len(b) > 0 {
			line++
			var e experience
			if jerr := json.Unmarshal(b, &e); jerr != nil {
				return n, fmt.Errorf("line %d: %v", line, jerr)
			}
			for _, x := range e.Questions {
				q = Question{
					ID: e.ID + "-q" + itoa(x.Ordinal), ExperienceID: e.ID, Ordinal: x.Ordinal,
					Title: x.Title, Body: x.Body, Company: e.Company, Role: e.Role,
					Category: x.Category, Difficulty: x.Difficulty, Status: e.Status, Date: e.Date,
				}
				if err := fn(&q); err != nil {
					return n, err
				}
				n++
			}
		}
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

func itoa(n int) string { return fmt.Sprint(n) }
