package askedat

import (
	"runtime"
	"slices"
	"strconv"
	"testing"

	"github.com/askedat/askedat/bench/internal/mix"
)

func TestSearchURL(t *testing.T) {
	tests := []struct{ text, filters, want string }{
		{"lru cache", "", "http://h/api/search?facet_size=10&q=lru+cache&size=10"},
		{`"hr round" lru`, "company=Goldman+Sachs&company=Amazon", "http://h/api/search?company=Goldman+Sachs&company=Amazon&facet_size=10&q=%22hr+round%22+lru&size=10"},
		{"", "difficulty=Hard", "http://h/api/search?difficulty=Hard&facet_size=10&size=10"},
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
		if got := SearchURL("http://h", mix.Query{Parts: parts, Filters: fs}); got != tt.want {
			t.Errorf("SearchURL(%q, %q) = %q, want %q", tt.text, tt.filters, got, tt.want)
		}
	}
}

func TestSearchdArgs(t *testing.T) {
	many := 4*runtime.GOMAXPROCS(0) + 1
	tests := []struct {
		clients int
		extra   []string
		want    []string
	}{
		{8, []string{"-cache-size", "0"}, []string{"-index", "i", "-addr", "a", "-max-searches-per-client", "8", "-cache-size", "0"}},
		{2, []string{"--max-searches-per-client=1"}, []string{"-index", "i", "-addr", "a", "--max-searches-per-client=1"}},
		{many, nil, []string{"-index", "i", "-addr", "a", "-max-searches-per-client", strconv.Itoa(many), "-max-searches", strconv.Itoa(many)}},
		{many, []string{"-max-searches", "4"}, []string{"-index", "i", "-addr", "a", "-max-searches-per-client", strconv.Itoa(many), "-max-searches", "4"}},
	}
	for _, tt := range tests {
		if got := SearchdArgs("i", "a", tt.clients, tt.extra); !slices.Equal(got, tt.want) {
			t.Errorf("SearchdArgs(%d, %q) = %q, want %q", tt.clients, tt.extra, got, tt.want)
		}
	}
}
