package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/internal/datadir"
)

// tableFiles writes a synonyms and a companies file of words no generated
// post uses.
func tableFiles(t *testing.T) (synonyms, companies string) {
	t.Helper()
	dir := t.TempDir()
	synonyms, companies = filepath.Join(dir, "synonyms.txt"), filepath.Join(dir, "companies.txt")
	if err := os.WriteFile(synonyms, []byte("zork | grue hunting\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(companies, []byte("# ours\nInitech | initrode labs | inity\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return synonyms, companies
}

func initrodePost(id string) askedat.Experience {
	return askedat.Experience{
		ID: id, URL: "https://example.test/" + id, Source: "test", Title: "Onsite loop", Company: "Initrode Labs", Date: "2024-02-02",
		Questions: []askedat.Question{{Ordinal: 1, Title: "Plan a grue hunting expedition", Category: askedat.CategoryOther}},
	}
}

func TestReindexWithTablesAndUpdateKeepsThem(t *testing.T) {
	synonyms, companies := tableFiles(t)
	exps := append(sampleDocs(20, 3), initrodePost("initrode-1"))
	data := filepath.Join(t.TempDir(), "data")
	cfg := jobConfig(data, writeDocs(t, exps))
	cfg.Tables = dictionaryFiles{Synonyms: synonyms, Companies: companies}
	if _, err := Reindex(context.Background(), cfg, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	idx, info := openCurrent(t, data)
	if info.Synonyms == nil || info.Synonyms.File != synonyms || info.Companies == nil || info.Companies.File != companies {
		t.Fatalf("version records synonyms %+v, companies %+v; want the files given", info.Synonyms, info.Companies)
	}
	q := askedat.QuestionID("initrode-1", 1)
	for _, req := range []askedat.Request{
		{Query: "zork"},
		{Filters: map[string][]string{"company": {"inity"}}},
		{Query: "company:Initech"},
	} {
		if !findsHit(t, idx, req, q) {
			t.Errorf("%+v does not find %s in a version built with the tables", req, q)
		}
	}
	e, err := idx.Experience(context.Background(), "initrode-1")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := e.Company+" / "+e.CompanyRaw, "Initech / Initrode Labs"; got != want {
		t.Errorf("company / as the page spelt it = %q, want %q", got, want)
	}

	// An update adds a post: its company is spelt by the base's table, and
	// the new version records the same tables.
	ucfg := jobConfig(data, writeDocs(t, []askedat.Experience{initrodePost("initrode-2")}))
	ucfg.MinRatio = 0
	if _, err := Update(context.Background(), ucfg, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	idx, uinfo := openCurrent(t, data)
	if uinfo.Synonyms.SHA256 != info.Synonyms.SHA256 || uinfo.Companies.SHA256 != info.Companies.SHA256 {
		t.Errorf("update records synonyms %+v, companies %+v; want its base's %+v, %+v", uinfo.Synonyms, uinfo.Companies, info.Synonyms, info.Companies)
	}
	if !findsHit(t, idx, askedat.Request{Query: "zork", Filters: map[string][]string{"company": {"Initech"}}}, askedat.QuestionID("initrode-2", 1)) {
		t.Errorf("the updated post is not found by the base's synonym and company table")
	}

	// A reindex without the flags goes back to the built-in tables.
	if _, err := Reindex(context.Background(), jobConfig(data, writeDocs(t, exps)), &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	idx, info = openCurrent(t, data)
	if info.Synonyms.File != datadir.BuiltIn || info.Companies.File != datadir.BuiltIn {
		t.Errorf("version records synonyms %+v, companies %+v; want built-in", info.Synonyms, info.Companies)
	}
	if findsHit(t, idx, askedat.Request{Query: "zork"}, q) {
		t.Errorf("zork still finds %s with the built-in synonyms", q)
	}
}

func TestBadTableFilesAreRefusedBeforeAnyWork(t *testing.T) {
	dir := t.TempDir()
	write := func(name, txt string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(txt), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	docs := writeDocs(t, sampleDocs(2, 1))
	data := filepath.Join(dir, "data")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"synonyms set of one", []string{"-synonyms", write("one.txt", "lru | least recently used\nzork\n")}, "line 2"},
		{"company spelling claimed twice", []string{"-companies", write("twice.txt", "Meta | fb\nFlipboard | fb\n")}, `line 2: "fb" already means "Meta"`},
		{"no such file", []string{"-companies", filepath.Join(dir, "missing.txt")}, "missing.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			args := append([]string{"-data", data, "-docs", docs}, tt.args...)
			_, code, ok := parseJobFlags("reindex", args, &bytes.Buffer{}, &stderr)
			if ok || code != 2 || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("reindex %v: ok %v, code %d, stderr %q; want code 2 and %q", tt.args, ok, code, stderr.String(), tt.want)
			}
		})
	}
	if _, err := os.Stat(data); !os.IsNotExist(err) {
		t.Errorf("a refused reindex made %s (%v)", data, err)
	}
}
