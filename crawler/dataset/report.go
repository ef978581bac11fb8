package dataset

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// A Report says what an import did. Every row read is either imported
// (part of an experience written) or rejected with its reason: RowsRead =
// RowsImported + RowsRejected.
type Report struct {
	// Format is the mapping's name.
	Format string `json:"format"`
	// Files counts the input files read.
	Files int `json:"files"`
	// RowsRead counts the records read (a CSV header is not one).
	RowsRead int `json:"rows_read"`
	// RowsImported counts the rows that are part of an experience written.
	RowsImported int `json:"rows_imported"`
	// RowsRejected counts the rows left out, each listed in Rejected.
	RowsRejected int `json:"rows_rejected"`
	// Experiences and Questions count what was written.
	Experiences int `json:"experiences"`
	Questions   int `json:"questions"`
	// CategoriesInferred counts the questions whose category was inferred
	// from their text (the row gave none).
	CategoriesInferred int `json:"categories_inferred"`
	// QuestionsMerged counts the rows whose question was already in their
	// experience (the same key), and was merged into it.
	QuestionsMerged int `json:"questions_merged"`
	// Rejected lists the rows left out, and why.
	Rejected []Problem `json:"rejected"`
	// Warnings lists what was imported with something missing (a review
	// without questions), and files missing columns.
	Warnings []Problem `json:"warnings"`
}

// A Position is where a row is: its file, its number in the file (from 1,
// not counting a CSV header), and the line it starts on.
type Position struct {
	File string `json:"file"`
	Row  int    `json:"row,omitempty"`
	Line int    `json:"line,omitempty"`
}

func (p Position) String() string {
	if p.Row == 0 {
		return p.File
	}
	return fmt.Sprintf("%s row %d (line %d)", p.File, p.Row, p.Line)
}

// short writes p relative to a row of file: without the file name when it
// is the same.
func (p Position) short(file string) string {
	if p.File == file {
		return fmt.Sprintf("row %d (line %d)", p.Row, p.Line)
	}
	return p.String()
}

// A Problem is a row (or file) with what is wrong with it.
type Problem struct {
	Position
	Reason string `json:"reason"`
}

func (p Problem) String() string { return p.Position.String() + ": " + p.Reason }

func (r *Report) reject(p Position, reason string) {
	r.RowsRejected++
	r.Rejected = append(r.Rejected, Problem{p, reason})
}

func (r *Report) warn(p Position, reason string) {
	r.Warnings = append(r.Warnings, Problem{p, reason})
}

// Summary writes what the import did, and the first max rejected rows and
// warnings (all of them when max < 0).
func (r *Report) Summary(w io.Writer, max int) {
	fmt.Fprintf(w, "import %s: %d rows read from %s: %d imported, %d rejected; %d experiences, %d questions (%d categories inferred, %d repeated questions merged); %d warnings\n",
		r.Format, r.RowsRead, plural(r.Files, "file"), r.RowsImported, r.RowsRejected, r.Experiences, r.Questions, r.CategoriesInferred, r.QuestionsMerged, len(r.Warnings))
	list := func(what string, ps []Problem) {
		if len(ps) == 0 {
			return
		}
		fmt.Fprintf(w, "%s:\n", what)
		for i, p := range ps {
			if max >= 0 && i == max {
				fmt.Fprintf(w, "  … and %d more (all are in the -report file)\n", len(ps)-max)
				break
			}
			p.File = shortPath(p.File)
			fmt.Fprintf(w, "  %s\n", p)
		}
	}
	list("rejected rows", r.Rejected)
	list("warnings", r.Warnings)
}

// shortPath keeps the last two elements of a path: enough to find a file
// of a dataset folder.
func shortPath(p string) string {
	dir, file := filepath.Split(p)
	if parent := filepath.Base(strings.TrimSuffix(dir, string(filepath.Separator))); parent != "." && parent != "" && dir != "" {
		return filepath.Join(parent, file)
	}
	return p
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
