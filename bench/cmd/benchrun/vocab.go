package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/askedat/askedat/bench/internal/corpus"
	"github.com/askedat/askedat/bench/internal/mix"
)

// VocabConfig is what "benchrun vocab" is told.
type VocabConfig struct {
	Docs    string
	Queries string
	Top     int
}

// ParseVocab reads vocab's flags.
func ParseVocab(args []string, stderr io.Writer) (VocabConfig, error) {
	var c VocabConfig
	fs := newFlagSet("vocab", stderr, "vocab -docs FILE.jsonl [-queries queries.txt] [-top N]")
	fs.StringVar(&c.Docs, "docs", "", "the corpus, JSON Lines of experiences")
	fs.StringVar(&c.Queries, "queries", "", "also count the matches of each query of this mix (exact words, no stemming)")
	fs.IntVar(&c.Top, "top", 40, "list the N most common words")
	if err := parse(fs, args); err != nil {
		return c, err
	}
	if c.Docs == "" {
		return c, usagef("-docs is required")
	}
	return c, nil
}

// Tokens splits s into lower-case runs of ASCII letters and digits.
func Tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	})
}

// matches reports whether the tokens toks (with set, their set) hold every
// part of q and satisfy its filters.
func matches(q mix.Query, doc *corpus.Question, toks []string, set map[string]bool) bool {
	for _, f := range mix.FilterFields {
		if vs := q.Values(f); len(vs) > 0 && !slices.Contains(vs, doc.Facet(f)) {
			return false
		}
	}
	for _, p := range q.Parts {
		if !p.Phrase {
			if !set[strings.ToLower(p.Words[0])] {
				return false
			}
			continue
		}
		found := false
		for i := 0; i+len(p.Words) <= len(toks) && !found; i++ {
			found = true
			for j, w := range p.Words {
				if toks[i+j] != strings.ToLower(w) {
					found = false
					break
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func cmdVocab(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := ParseVocab(args, stderr)
	if err != nil {
		return err
	}
	var qs []mix.Query
	if c.Queries != "" {
		if qs, err = mix.Load(c.Queries); err != nil {
			return err
		}
	}
	df := map[string]int{}
	hits := make([]int, len(qs))
	set := map[string]bool{}
	n, err := corpus.Read(c.Docs, func(q *corpus.Question) error {
		toks := Tokens(q.Title + " " + q.Body)
		clear(set)
		for _, t := range toks {
			set[t] = true
		}
		for t := range set {
			df[t]++
		}
		for i, mq := range qs {
			if matches(mq, q, toks, set) {
				hits[i]++
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	type wc struct {
		w string
		n int
	}
	words := make([]wc, 0, len(df))
	for w, k := range df {
		words = append(words, wc{w, k})
	}
	slices.SortFunc(words, func(a, b wc) int {
		if a.n != b.n {
			return b.n - a.n
		}
		return strings.Compare(a.w, b.w)
	})
	fmt.Fprintf(stdout, "%d questions, %d distinct words (lower-cased, not stemmed, stop words kept)\n\nmost common (share of questions):\n", n, len(words))
	for i, w := range words[:min(c.Top, len(words))] {
		fmt.Fprintf(stdout, "  %-16s %5.1f%%", w.w, 100*float64(w.n)/float64(n))
		if i%4 == 3 {
			fmt.Fprintln(stdout)
		}
	}
	fmt.Fprintf(stdout, "\nwords in at least … of questions:\n")
	for _, share := range []float64{0.5, 0.2, 0.1, 0.01, 0.001, 0.0001} {
		k := 0
		for _, w := range words {
			if float64(w.n) >= share*float64(n) {
				k++
			}
		}
		fmt.Fprintf(stdout, "  %8.2f%%: %d\n", 100*share, k)
	}
	rare := 0
	for _, w := range words {
		if w.n <= 10 {
			rare++
		}
	}
	fmt.Fprintf(stdout, "  in 10 questions or fewer: %d\n", rare)
	if len(qs) > 0 {
		fmt.Fprintf(stdout, "\nmatches of the mix (exact words, unstemmed; engines stem, so they find more):\n")
		for i, q := range qs {
			fmt.Fprintf(stdout, "  %-10s %-50s %8d  %5.2f%%\n", q.Class, q.String(), hits[i], 100*float64(hits[i])/float64(n))
		}
	}
	return nil
}
