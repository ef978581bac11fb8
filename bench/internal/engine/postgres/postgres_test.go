package postgres

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat/bench/internal/mix"
)

func query(t *testing.T, text, filters string) mix.Query {
	t.Helper()
	parts, err := mix.ParseText(text)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := mix.ParseFilters(filters)
	if err != nil {
		t.Fatal(err)
	}
	return mix.Query{Text: text, Parts: parts, Filters: fs}
}

func TestStatements(t *testing.T) {
	tests := []struct {
		text, filters string
		top, facets   string
		args          []any
	}{
		{
			text: `lru "hr round"`,
			top:  "SELECT id FROM questions, websearch_to_tsquery('english', $1) AS query WHERE tsv @@ query ORDER BY ts_rank(tsv, query) DESC, date DESC, id LIMIT 10",
			facets: "SELECT GROUPING(company, role, category, difficulty), company, role, category, difficulty, count(*), count(*), count(*), count(*), count(*) " +
				"FROM questions, websearch_to_tsquery('english', $1) AS query WHERE tsv @@ query GROUP BY GROUPING SETS ((company), (role), (category), (difficulty), ())",
			args: []any{`lru "hr round"`},
		},
		{
			filters: "company=Amazon&company=Google&difficulty=Hard",
			top:     "SELECT id FROM questions WHERE company = ANY($1) AND difficulty = ANY($2) ORDER BY date DESC, id LIMIT 10",
			facets: "SELECT GROUPING(company, role, category, difficulty), company, role, category, difficulty, " +
				"count(*) FILTER (WHERE company = ANY($1) AND difficulty = ANY($2)), count(*) FILTER (WHERE difficulty = ANY($2)), " +
				"count(*) FILTER (WHERE company = ANY($1) AND difficulty = ANY($2)), count(*) FILTER (WHERE company = ANY($1) AND difficulty = ANY($2)), " +
				"count(*) FILTER (WHERE company = ANY($1)) " +
				"FROM questions WHERE (company = ANY($1))::int + (difficulty = ANY($2))::int >= 1 GROUP BY GROUPING SETS ((company), (role), (category), (difficulty), ())",
			args: []any{[]string{"Amazon", "Google"}, []string{"Hard"}},
		},
	}
	for _, tt := range tests {
		top, facets, args := Statements(query(t, tt.text, tt.filters))
		if top != tt.top {
			t.Errorf("Statements(%q, %q) top =\n%s\nwant\n%s", tt.text, tt.filters, top, tt.top)
		}
		if facets != tt.facets {
			t.Errorf("Statements(%q, %q) facets =\n%s\nwant\n%s", tt.text, tt.filters, facets, tt.facets)
		}
		if diff := cmp.Diff(tt.args, args); diff != "" {
			t.Errorf("Statements(%q, %q) args (-want +got):\n%s", tt.text, tt.filters, diff)
		}
	}
	_, facets, _ := Statements(query(t, "cache", "status=Offer"))
	if !strings.Contains(facets, "count(*) FILTER (WHERE status = ANY($2))") || strings.Contains(facets, "::int") {
		t.Errorf("one filter that is not a facet: facets = %s", facets)
	}
}
