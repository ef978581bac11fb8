package e2e

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/client"
)

// TestTablesChangeByReindexWithoutARebuild changes the synonyms and the
// companies table the way an operator does: files given to `indexer
// reindex`, served by the same searchd binary, which swaps the new version
// in while it runs.
func TestTablesChangeByReindexWithoutARebuild(t *testing.T) {
	bin := buildCommands(t)
	dir := t.TempDir()
	write := func(name, txt string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(txt), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	docs := filepath.Join(dir, "docs.jsonl")
	f, err := os.Create(docs)
	if err != nil {
		t.Fatal(err)
	}
	exps := []askedat.Experience{
		{ID: "p1", URL: "https://example.test/p1", Source: "test", Title: "Onsite loop", Company: "Initrode Labs", Date: "2024-02-02",
			Questions: []askedat.Question{{Ordinal: 1, Title: "Plan a grue hunting expedition", Category: askedat.CategoryOther}}},
		{ID: "p2", URL: "https://example.test/p2", Source: "test", Title: "Phone screen", Company: "Globex", Date: "2024-03-03",
			Questions: []askedat.Question{{Ordinal: 1, Title: "Explain the frobnicator pattern", Category: askedat.CategoryOther}}},
	}
	enc := askedat.NewEncoder(f)
	for i := range exps {
		if err := enc.Encode(&exps[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := enc.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	data := filepath.Join(dir, "data")
	syn1 := write("synonyms-1.txt", "zork | grue hunting\n")
	companies := write("companies.txt", "Initech | initrode labs | inity\n")
	run(t, filepath.Join(bin, "indexer"), "reindex", "-data", data, "-docs", docs, "-synonyms", syn1, "-companies", companies, "-smoke", "0")
	base := startServer(t, filepath.Join(bin, "searchd"), "-data", data, "-addr", "127.0.0.1:0", "-poll", "200ms")
	api, err := client.New(base)
	if err != nil {
		t.Fatal(err)
	}

	hits := func(r askedat.Request) []string {
		var ids []string
		for _, h := range search(t, api, r).Hits {
			ids = append(ids, h.ID)
		}
		return ids
	}
	tests := []struct {
		req  askedat.Request
		want string
	}{
		{askedat.Request{Query: "zork"}, "p1-q1"},
		{askedat.Request{Filters: map[string][]string{"company": {"inity"}}}, "p1-q1"},
		{askedat.Request{Query: "company:initech"}, "p1-q1"},
	}
	for _, tt := range tests {
		if got := hits(tt.req); len(got) != 1 || got[0] != tt.want {
			t.Errorf("%+v: hits %v, want [%s]", tt.req, got, tt.want)
		}
	}
	readyTables := func() map[string]string {
		r, err := api.Ready(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return r.Tables
	}
	if got, want := readyTables()["synonyms"], sha(t, syn1); got != want {
		t.Errorf("/readyz synonyms = %s, want the file's %s", got, want)
	}

	// Another synonyms file, by a reindex: the running searchd swaps the
	// version in and searches with the new table.
	syn2 := write("synonyms-2.txt", "zork | frobnicator pattern\n")
	run(t, filepath.Join(bin, "indexer"), "reindex", "-data", data, "-docs", docs, "-synonyms", syn2, "-companies", companies, "-smoke", "0")
	deadline := time.Now().Add(30 * time.Second)
	for readyTables()["synonyms"] != sha(t, syn2) {
		if time.Now().After(deadline) {
			t.Fatalf("searchd still serves synonyms %s after the reindex", readyTables()["synonyms"])
		}
		time.Sleep(100 * time.Millisecond)
	}
	if got := hits(askedat.Request{Query: "zork"}); len(got) != 1 || got[0] != "p2-q1" {
		t.Errorf("zork after the reindex: hits %v, want [p2-q1]", got)
	}
}

func sha(t *testing.T, path string) string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:])
}
