package index

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/askedat/askedat"
)

// buildWithDictionaries writes two posts into a real on-disk index with the
// given tables (nil ones leave the built-in) and opens it read-only, as
// searchd does.
func buildWithDictionaries(t *testing.T, synonyms, companies string) *Index {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "idx")
	idx, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	var d Dictionaries
	if synonyms != "" {
		if d.Synonyms, err = ParseSynonyms(synonyms); err != nil {
			t.Fatal(err)
		}
	}
	if companies != "" {
		if d.Companies, err = askedat.ParseCompanyAliases(companies); err != nil {
			t.Fatal(err)
		}
	}
	w := idx.NewWriter(10)
	w.SetDictionaries(d)
	for _, e := range []Experience{
		{ID: "a", URL: "https://example.test/a", Source: "test", Title: "Initech onsite", Company: "Initech", Date: "2024-01-01",
			Questions: []Question{{Ordinal: 1, Title: "Plan a grue hunting expedition", Category: askedat.CategoryOther}}},
		{ID: "b", URL: "https://example.test/b", Source: "test", Title: "Globex phone screen", Company: "Globex", Date: "2024-02-01",
			Questions: []Question{{Ordinal: 1, Title: "Explain representational state transfer", Category: askedat.CategoryOther}}},
		// The page spells the company otherwise: the table names it.
		{ID: "c", URL: "https://example.test/c", Source: "test", Title: "Onsite", Company: "INITRODE", Date: "2024-03-01",
			Questions: []Question{{Ordinal: 1, Title: "Plan a picnic", Category: askedat.CategoryOther}}},
	} {
		if err := w.Add(&e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	if idx, err = OpenReadOnly(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return idx
}

func TestDictionariesTheIndexRecords(t *testing.T) {
	const (
		synonyms  = "zork | grue hunting\n"
		companies = "Initech | inity | initrode\n"
	)
	builtIn := buildWithDictionaries(t, "", "")
	own := buildWithDictionaries(t, synonyms, companies)
	tests := []struct {
		name     string
		idx      *Index
		req      Request
		wantHits []string
	}{
		{"own synonym", own, Request{Query: "zork"}, []string{"a-q1"}},
		{"no such synonym built in", builtIn, Request{Query: "zork"}, nil},
		{"built-in synonym still there by default", builtIn, Request{Query: "rest"}, []string{"b-q1"}},
		{"own table replaces the built-in synonyms", own, Request{Query: "rest"}, nil},
		{"own company spelling in a filter", own, Request{Filters: map[string][]string{"company": {"initrode"}}, Sort: "date"}, []string{"c-q1", "a-q1"}},
		{"own company spelling in the query language", own, Request{Query: "company:inity", Sort: "date"}, []string{"c-q1", "a-q1"}},
		{"no such spelling built in", builtIn, Request{Filters: map[string][]string{"company": {"initrode"}}}, []string{"c-q1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tt.idx.Search(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			if strings.Join(got, ",") != strings.Join(tt.wantHits, ",") {
				t.Errorf("hits = %v, want %v", got, tt.wantHits)
			}
		})
	}

	res, err := own.Search(context.Background(), Request{})
	if err != nil {
		t.Fatal(err)
	}
	var initech int
	for _, v := range res.Facets["company"] {
		if v.Value == "Initech" {
			initech = v.Count
		}
	}
	if initech != 2 {
		t.Errorf("company facet Initech = %d, want 2 (INITRODE spelt by the index's table): %v", initech, res.Facets["company"])
	}

	d, err := own.Dictionaries()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Synonyms.Text(), synonyms; got != want {
		t.Errorf("recorded synonyms = %q, want %q", got, want)
	}
	if got, want := d.Companies.Text(), companies; got != want {
		t.Errorf("recorded companies = %q, want %q", got, want)
	}
	if d, err = builtIn.Dictionaries(); err != nil || d.Synonyms != DefaultSynonyms() || d.Companies != askedat.DefaultCompanyAliases() {
		t.Errorf("an index recording no tables reads %v, %v, %v; want the built-in ones", d.Synonyms.Len(), d.Companies.Len(), err)
	}
}

func TestParseSynonyms(t *testing.T) {
	tests := []struct {
		name, txt, of string
		want          []string
		err           string
	}{
		{"set both ways", "lru | least recently used\n", "Least  Recently used", []string{"lru"}, ""},
		{"ampersand reads as and", "dsa | data structures & algorithms\n", "data structures and algorithms", []string{"dsa"}, ""},
		{"comments and blanks", "# vocabulary\n\nos | operating system # short\n", "os", []string{"operating system"}, ""},
		{"one entry", "lru\n", "", nil, `line 1: "lru" has nothing`},
		{"too long", "x | " + strings.Repeat("y", maxSynonymRunes+1) + "\n", "", nil, "line 1"},
		{"too big", strings.Repeat("a | b\n", askedat.MaxAliasFileBytes/6+1), "", nil, "at most"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ParseSynonyms(tt.txt)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Of(tt.of); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("Of(%q) = %q, want %q", tt.of, got, tt.want)
			}
		})
	}
}
