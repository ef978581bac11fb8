package catalog

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	const file = `# a comment
topic tree
= tree

topic binary-search-tree
topics tree
= binary search tree

problem lca-bst
topics binary-search-tree
# comments may sit inside a block
unless binary tree only, graph
leetcode Lowest Common Ancestor of a Binary Search Tree
difficulty Medium
ordered
= lowest common ancestor in a bst
= lca of bst
`
	c, err := Parse(strings.NewReader(file))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	got := c.Lookup("lca-bst")
	want := &Entry{
		ID:         "lca-bst",
		Kind:       KindProblem,
		Title:      "lowest common ancestor in a bst",
		LeetCode:   "Lowest Common Ancestor of a Binary Search Tree",
		Difficulty: "Medium",
		Topics:     []string{"binary-search-tree"},
		Names:      []string{"lowest common ancestor in a bst", "lca of bst"},
		Unless:     []string{"binary tree only", "graph"},
		Ordered:    true,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Lookup(lca-bst) (-want +got):\n%s", diff)
	}
	var ids []string
	for _, e := range c.Entries() {
		ids = append(ids, e.ID)
	}
	if want := []string{"tree", "binary-search-tree", "lca-bst"}; !slices.Equal(ids, want) {
		t.Errorf("Entries() IDs = %v, want %v", ids, want)
	}
	if e := c.Lookup("nope"); e != nil {
		t.Errorf("Lookup(nope) = %v, want nil", e)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, file string
		want       []string // substrings of the error
	}{
		{
			name: "unknown key",
			file: "problem a\ntopic x\n= a\n",
			want: []string{"line 2:", `topic "x" inside the block of "a"`},
		},
		{
			name: "misspelt key",
			file: "topic x\n= x\n\nproblem a\ntopcs x\n= a\n",
			want: []string{"line 5:", `unknown key "topcs"`},
		},
		{
			name: "duplicate id",
			file: "problem a\n= a\n\nproblem a\n= b\n",
			want: []string{"line 4:", `duplicate id "a" (first at line 1)`},
		},
		{
			name: "unknown topic",
			file: "problem a\ntopics trees\n= a\n",
			want: []string{"line 2:", `"a" has topic "trees", which is not in the catalogue`},
		},
		{
			name: "topic is a problem",
			file: "problem b\n= b\n\nproblem a\ntopics b\n= a\n",
			want: []string{"line 5:", `topic "b", which is a problem, not a topic`},
		},
		{
			name: "own topic",
			file: "topic a\ntopics a\n= a\n",
			want: []string{"line 2:", `"a" is its own topic`},
		},
		{
			name: "same as an unknown problem",
			file: "problem a\nsame b\n= a\n",
			want: []string{"line 2:", `"a" is the same question as "b", which is not in the catalogue`},
		},
		{
			name: "same as a topic",
			file: "topic t\n= t\n\nproblem a\nsame t\n= a\n",
			want: []string{"line 5:", `"a" is the same question as "t", which is a topic`},
		},
		{
			name: "same as itself",
			file: "problem a\nsame a\n= a\n",
			want: []string{"line 2:", `"a" is the same question as itself`},
		},
		{
			name: "same on a topic",
			file: "problem a\n= a\n\ntopic t\nsame a\n= t\n",
			want: []string{"line 5:", `same of topic "t"`},
		},
		{
			name: "no names",
			file: "problem a\nleetcode A\n",
			want: []string{"line 1:", `problem "a" has no names`},
		},
		{
			name: "bad id",
			file: "problem Two_Sum\n= two sum\n",
			want: []string{"line 1:", `bad id "Two_Sum"`},
		},
		{
			name: "line outside a block",
			file: "= two sum\n",
			want: []string{"line 1:", `"= two sum" outside a block`},
		},
		{
			name: "key said twice",
			file: "problem a\nleetcode A\nleetcode B\n= a\n",
			want: []string{"line 3:", `second leetcode line in the block of "a"`},
		},
		{
			name: "difficulty not a rating",
			file: "problem a\ndifficulty tough\n= a\n",
			want: []string{"line 2:", `difficulty "tough" of "a": want Easy, Medium or Hard`},
		},
		{
			name: "difficulty of a topic",
			file: "topic a\ndifficulty Easy\n= a\n",
			want: []string{"line 2:", `difficulty of topic "a": only a problem has one`},
		},
		{
			name: "key without value",
			file: "problem a\nunless\n= a\n",
			want: []string{"line 2:", `unless of "a" has no value`},
		},
		{
			name: "ordered with a value",
			file: "problem a\nordered yes\n= a\n",
			want: []string{"line 2:", `ordered takes no value`},
		},
		{
			name: "name of stop words only",
			file: "problem a\n= what is the\n",
			want: []string{"line 2:", `name "what is the" of "a" has only stop words`},
		},
		{
			name: "name shared by two entries after normalising",
			file: "problem a\n= sub-arrays\n\nproblem b\n= the subarray\n",
			want: []string{"line 5:", `name "the subarray" of "b" matches the same texts as a name of "a" (line 2)`},
		},
		{
			name: "every error is reported",
			file: "problem a\nfoo 1\n= a\n\nproblem b\nbar 2\n= b\n",
			want: []string{"line 2:", `unknown key "foo"`, "line 6:", `unknown key "bar"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.file))
			if err == nil {
				t.Fatalf("Parse succeeded, want an error with %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Parse error = %q, want it to contain %q", err, w)
				}
			}
		})
	}
}

func TestParseSameNameTwiceInOneEntry(t *testing.T) {
	// "bst" and "binary search tree" are one name after normalising; an
	// entry may list both, as the ways posts write it.
	c, err := Parse(strings.NewReader("topic bst\n= bst\n= binary search tree\n"))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if got, want := c.Lookup("bst").Names, []string{"bst", "binary search tree"}; !slices.Equal(got, want) {
		t.Errorf("Names = %v, want %v", got, want)
	}
}

// TestQuestion checks that same lines join problems into one question,
// named by the first in file order, however the lines chain them.
func TestQuestion(t *testing.T) {
	c, err := Parse(strings.NewReader(`problem a
= apple

problem b
= banana

problem c
same d
= cherry

problem d
same b
= damson

problem e
= elder
`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ id, want string }{
		{"a", "a"},
		{"b", "b"}, {"c", "b"}, {"d", "b"}, // c joins d, d joins b
		{"e", "e"},
		{"nope", ""},
	}
	for _, tt := range tests {
		if got := c.Question(tt.id); got != tt.want {
			t.Errorf("Question(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
}
