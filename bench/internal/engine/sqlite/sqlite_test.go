package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat/bench/internal/corpus"
	"github.com/askedat/askedat/bench/internal/engine"
	"github.com/askedat/askedat/bench/internal/mix"
)

// writeCorpus writes a small corpus whose questions combine a few words,
// companies and difficulties, and returns its questions.
func writeCorpus(t *testing.T, path string) []corpus.Question {
	t.Helper()
	companies := []string{"Amazon", "Google", "Goldman Sachs"}
	difficulties := []string{"Easy", "Medium", "Hard", ""}
	words := []string{"cache", "tree", "round", "graph"}
	var b strings.Builder
	var qs []corpus.Question
	for e := range 30 {
		type question struct {
			Ordinal    int    `json:"ordinal"`
			Title      string `json:"title"`
			Category   string `json:"category"`
			Difficulty string `json:"difficulty"`
			Body       string `json:"body"`
		}
		exp := struct {
			ID        string     `json:"id"`
			Company   string     `json:"company"`
			Role      string     `json:"role"`
			Status    string     `json:"status"`
			Date      string     `json:"date"`
			Questions []question `json:"questions"`
		}{ID: fmt.Sprintf("e%02d", e), Company: companies[e%3], Role: []string{"SDE", "Data Scientist"}[e%2], Status: "Offer", Date: fmt.Sprintf("2024-01-%02d", e%28+1)}
		for i := range 1 + e%4 {
			q := question{Ordinal: i + 1, Title: words[(e+i)%4] + " question", Category: []string{"Other", "System Design"}[i%2],
				Difficulty: difficulties[(e+i)%4], Body: "the hr round had " + words[(e*i)%4] + " " + words[(e+2*i)%4]}
			exp.Questions = append(exp.Questions, q)
			qs = append(qs, corpus.Question{ID: fmt.Sprintf("%s-q%d", exp.ID, q.Ordinal), Title: q.Title, Body: q.Body,
				Company: exp.Company, Role: exp.Role, Category: q.Category, Difficulty: q.Difficulty, Status: exp.Status, Date: exp.Date})
		}
		line, _ := json.Marshal(exp)
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return qs
}

// expect computes q's total and disjunctive facets by brute force; words
// match whole lower-case words of title or body (the test's words need no
// stemming).
func expect(qs []corpus.Question, q mix.Query) *engine.Result {
	has := func(c *corpus.Question, p mix.Part) bool {
		for _, text := range []string{c.Title, c.Body} {
			toks := strings.Fields(strings.ToLower(text))
			for i := 0; i+len(p.Words) <= len(toks); i++ {
				if slices.Equal(toks[i:i+len(p.Words)], p.Words) {
					return true
				}
			}
		}
		return false
	}
	res := &engine.Result{Facets: map[string][]engine.FacetValue{}}
	counts := map[string]map[string]int64{}
	for _, f := range engine.FacetFields {
		counts[f] = map[string]int64{}
	}
	for i := range qs {
		c := &qs[i]
		ok := true
		for _, p := range q.Parts {
			ok = ok && has(c, p)
		}
		if !ok {
			continue
		}
		failed := map[string]bool{}
		for _, f := range mix.FilterFields {
			if vs := q.Values(f); len(vs) > 0 && !slices.Contains(vs, c.Facet(f)) {
				failed[f] = true
			}
		}
		if len(failed) == 0 {
			res.Total++
		}
		for _, f := range engine.FacetFields {
			if len(failed) == 0 || (len(failed) == 1 && failed[f]) {
				counts[f][c.Facet(f)]++
			}
		}
	}
	for _, f := range engine.FacetFields {
		res.Facets[f] = engine.Facet(counts[f], q.Values(f))
	}
	return res
}

// TestSearch builds an index of a small corpus and checks totals and facets
// against brute force, and that the top hits are matches.
func TestSearch(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "corpus.jsonl")
	qs := writeCorpus(t, docs)
	e := &Engine{}
	bs, err := e.Build(context.Background(), docs, filepath.Join(dir, "idx"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if bs.Docs != len(qs) || bs.SizeBytes == 0 {
		t.Errorf("Build: %d docs, %d bytes; want %d docs and some bytes", bs.Docs, bs.SizeBytes, len(qs))
	}
	tgt, err := e.Open(context.Background(), filepath.Join(dir, "idx"), 2, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer tgt.Close()
	tests := []struct{ text, filters string }{
		{"cache", ""},
		{"cache tree", ""},
		{`"hr round"`, ""},
		{`"round hr"`, ""},
		{"graph", "company=Amazon"},
		{"", "company=Goldman+Sachs&difficulty=Hard"},
		{"", "company=Amazon&company=Google&role=Data+Scientist&difficulty=Easy"},
		{"tree", "difficulty=Medium&category=System+Design"},
		{"", "company=Nobody"},
	}
	for _, tt := range tests {
		parts, _ := mix.ParseText(tt.text)
		fs, _ := mix.ParseFilters(tt.filters)
		q := mix.Query{Text: tt.text, Parts: parts, Filters: fs}
		got, err := tgt.Search(context.Background(), q)
		if err != nil {
			t.Errorf("Search(%s): %v", q, err)
			continue
		}
		want := expect(qs, q)
		if got.Total != want.Total {
			t.Errorf("Search(%s) total = %d, want %d", q, got.Total, want.Total)
		}
		if diff := cmp.Diff(want.Facets, got.Facets); diff != "" {
			t.Errorf("Search(%s) facets (-want +got):\n%s", q, diff)
		}
		if n := min(want.Total, engine.Size); int64(len(got.IDs)) != n {
			t.Errorf("Search(%s) returned %d hits, want %d", q, len(got.IDs), n)
		}
	}
}
