package sphinx

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat/bench/internal/mix"
)

func TestStatements(t *testing.T) {
	codes := Codes{"company": {"Amazon": 1, "Google": 2}, "difficulty": {"Easy": 1, "Hard": 2, "Medium": 3}}
	tests := []struct {
		text, filters string
		batch         []string
		grouped       []string
	}{
		{
			text: `lru "hr round"`,
			batch: []string{
				`SELECT id, qid FROM questions WHERE MATCH('lru "hr round"') ORDER BY WEIGHT() DESC, date DESC, id ASC LIMIT 10 OPTION max_matches=1000, ranker=bm25, field_weights=(title=3, body=1)` +
					` FACET company ORDER BY COUNT(*) DESC LIMIT 10 FACET role ORDER BY COUNT(*) DESC LIMIT 10 FACET category ORDER BY COUNT(*) DESC LIMIT 10 FACET difficulty ORDER BY COUNT(*) DESC LIMIT 10`,
				"SHOW META",
			},
		},
		{
			filters: "company=Amazon&company=Nobody&difficulty=Hard",
			batch: []string{
				`SELECT id, qid FROM questions WHERE company IN (1, 4294967295) AND difficulty IN (2) ORDER BY date DESC, id ASC LIMIT 10 OPTION max_matches=1000` +
					` FACET role ORDER BY COUNT(*) DESC LIMIT 10 FACET category ORDER BY COUNT(*) DESC LIMIT 10`,
				"SHOW META",
				"SELECT company, COUNT(*) AS n FROM questions WHERE difficulty IN (2) GROUP BY company ORDER BY n DESC LIMIT 1000 OPTION max_matches=1000",
				"SELECT difficulty, COUNT(*) AS n FROM questions WHERE company IN (1, 4294967295) GROUP BY difficulty ORDER BY n DESC LIMIT 1000 OPTION max_matches=1000",
			},
			grouped: []string{"company", "difficulty"},
		},
	}
	for _, tt := range tests {
		parts, err := mix.ParseText(tt.text)
		if err != nil {
			t.Fatal(err)
		}
		fs, err := mix.ParseFilters(tt.filters)
		if err != nil {
			t.Fatal(err)
		}
		batch, grouped := codes.Statements(mix.Query{Parts: parts, Filters: fs})
		if diff := cmp.Diff(tt.batch, batch); diff != "" {
			t.Errorf("Statements(%q, %q) batch (-want +got):\n%s", tt.text, tt.filters, diff)
		}
		if diff := cmp.Diff(tt.grouped, grouped); diff != "" {
			t.Errorf("Statements(%q, %q) grouped (-want +got):\n%s", tt.text, tt.filters, diff)
		}
	}
}

func TestNames(t *testing.T) {
	got := Codes{"company": {"Amazon": 1, "Google": 2}}.names()
	if want := map[string][]string{"company": {"", "Amazon", "Google"}}; !cmp.Equal(want, got) {
		t.Errorf("names() = %q, want %q", got, want)
	}
}
