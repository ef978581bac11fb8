package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// CorpusFile is the file in a result folder that says which corpus the
// results are of; bench/run.sh writes it.
const CorpusFile = "corpus.json"

// A Corpus says what the documents of a set are.
type Corpus struct {
	// Name is the kind of corpus: "generated" (askedat's sitegen) or
	// "real-sentence" (gen_corpus.py over the shared corpus).
	Name string `json:"name"`
	// Source is how it was made, as a command line.
	Source string `json:"source,omitempty"`
	// Queries is the query mix the engines ran on it.
	Queries string `json:"queries,omitempty"`
	// Normalized names the engines that change the corpus's facet values
	// as they index it (askedat's indexer gives values their one spelling
	// and infers missing difficulties): their filter-only answers are not
	// held to the others' (Check marks their differences Expected).
	Normalized []string `json:"normalized,omitempty"`
	// Note is a line the report shows under the set's heading.
	Note string `json:"note,omitempty"`
}

// LoadCorpus reads dir/corpus.json; a folder without one gives the zero
// Corpus.
func LoadCorpus(dir string) (Corpus, error) {
	var c Corpus
	b, err := os.ReadFile(filepath.Join(dir, CorpusFile))
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("%s: %w", filepath.Join(dir, CorpusFile), err)
	}
	return c, nil
}

// describe returns ", NAME corpus (SOURCE; mix QUERIES)" for a heading,
// "" when the corpus is unknown.
func (c Corpus) describe() string {
	if c.Name == "" {
		return ""
	}
	s := ", " + c.Name + " corpus"
	switch {
	case c.Source != "" && c.Queries != "":
		s += " (`" + c.Source + "`; mix " + c.Queries + ")"
	case c.Source != "":
		s += " (`" + c.Source + "`)"
	case c.Queries != "":
		s += " (mix " + c.Queries + ")"
	}
	return s
}
