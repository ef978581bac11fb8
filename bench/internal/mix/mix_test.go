package mix

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	in := "# a comment\n\ncommon\tinterview\n" +
		"phrase-f\t\"hr round\" cache\tcompany=Goldman+Sachs&company=Amazon&difficulty=Hard\n" +
		"filter\t\tcategory=Data+Structures+%26+Algorithms\r\n" +
		"rare\tkinesis\t\n"
	want := []Query{
		{Class: "common", Text: "interview", Parts: []Part{{Words: []string{"interview"}}}, Line: 3},
		{Class: "phrase-f", Text: `"hr round" cache`,
			Parts:   []Part{{Words: []string{"hr", "round"}, Phrase: true}, {Words: []string{"cache"}}},
			Filters: []Filter{{"company", "Goldman Sachs"}, {"company", "Amazon"}, {"difficulty", "Hard"}}, Line: 4},
		{Class: "filter", Filters: []Filter{{"category", "Data Structures & Algorithms"}}, Line: 5},
		{Class: "rare", Text: "kinesis", Parts: []Part{{Words: []string{"kinesis"}}}, Line: 6},
	}
	got, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse (-want +got):\n%s", diff)
	}
	if got := Classes(got); !cmp.Equal(got, []string{"common", "phrase-f", "filter", "rare"}) {
		t.Errorf("Classes = %q", got)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "no queries"},
		{"# only a comment\n", "no queries"},
		{"common\n", "line 1: want"},
		{"a\tb\tc\td\n", "4 fields"},
		{"\tword\n", "no class"},
		{"common\t\n", "neither words nor filters"},
		{"phrase\t\"hr round\n", "unbalanced quote"},
		{"phrase\t\"\"\n", "empty phrase"},
		{"common\tc++\n", `word "c++"`},
		{"common\tback-end\n", `word "back-end"`},
		{"common\tx\tcompnay=Amazon\n", `field "compnay"`},
		{"common\tx\tcompany\n", "want field=value"},
		{"common\tx\tcompany=\n", "empty value"},
		{"common\tx\tcompany=%zz\n", "invalid URL escape"},
	}
	for _, tt := range tests {
		_, err := Parse(strings.NewReader(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q) error = %v, want one containing %q", tt.in, err, tt.want)
		}
	}
}

func TestQueryStrings(t *testing.T) {
	q := Query{Text: `"hr round"`, Filters: []Filter{{"company", "Goldman Sachs"}, {"difficulty", "Hard"}}}
	if got, want := q.FilterString(), "company=Goldman+Sachs&difficulty=Hard"; got != want {
		t.Errorf("FilterString() = %q, want %q", got, want)
	}
	if got, want := q.String(), `"hr round" [company=Goldman+Sachs&difficulty=Hard]`; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got := q.Values("company"); !cmp.Equal(got, []string{"Goldman Sachs"}) {
		t.Errorf("Values(company) = %q, want [Goldman Sachs]", got)
	}
	if !(Query{}).FilterOnly() || (Query{Parts: []Part{{Words: []string{"x"}}}}).FilterOnly() {
		t.Errorf("FilterOnly wrong")
	}
}

// TestQueriesFile checks the committed mixes (the generated corpus's and
// the real-sentence corpus's): each parses, has at least 50 queries, every
// class of the issue with and without filters, and the two have the same
// classes in the same order, so the report compares them class by class.
func TestQueriesFile(t *testing.T) {
	var classes [][]string
	for _, file := range []string{"../../queries.txt", "../../queries-real.txt"} {
		qs, err := Load(file)
		if err != nil {
			t.Fatal(err)
		}
		if len(qs) < 50 {
			t.Errorf("%s has %d queries, want 50 or more", file, len(qs))
		}
		count := map[string]int{}
		for _, q := range qs {
			count[q.Class]++
			filtered := strings.HasSuffix(q.Class, "-f") || q.Class == "filter"
			if filtered != (len(q.Filters) > 0) {
				t.Errorf("%s line %d: class %s with filters %q", file, q.Line, q.Class, q.FilterString())
			}
			if (q.Class == "filter") != q.FilterOnly() {
				t.Errorf("%s line %d: class %s, filter-only %v", file, q.Line, q.Class, q.FilterOnly())
			}
		}
		for _, c := range []string{"common", "common-f", "rare", "rare-f", "and", "and-f", "phrase", "phrase-f", "filter"} {
			if count[c] < 5 {
				t.Errorf("%s: class %s has %d queries, want 5 or more", file, c, count[c])
			}
		}
		classes = append(classes, Classes(qs))
	}
	if diff := cmp.Diff(classes[0], classes[1]); diff != "" {
		t.Errorf("classes of queries.txt and queries-real.txt differ (-queries.txt +queries-real.txt):\n%s", diff)
	}
}
