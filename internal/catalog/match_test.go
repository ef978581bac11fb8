package catalog

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// rulesCatalogue exercises each matching rule on its own.
const rulesCatalogue = `
topic tree
= tree

topic binary-tree
topics tree
= binary tree

topic binary-search-tree
topics binary-tree
= binary search tree

problem lca-bt
topics binary-tree
= lowest common ancestor
= lca of binary tree

problem lca-bst
topics binary-search-tree
= lca of bst

problem zigzag
topics binary-tree
unless matrix
= zigzag traversal
= spiral order traversal

problem spiral-matrix
= spiral matrix

problem bst-to-dll
ordered
= bst to dll

problem dll-to-bst
ordered
= dll to bst

problem trap
= water collected between buildings

problem queue-using-stacks
ordered
= queue using stacks

problem stack-vs-queue
= stack vs queue

problem reverse-k-group
= reverse every #k nodes
`

func rulesCat(t *testing.T) *Catalog {
	t.Helper()
	c, err := Parse(strings.NewReader(rulesCatalogue))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return c
}

func TestMatchWordsRules(t *testing.T) {
	c := rulesCat(t)
	tests := []struct {
		name, text string
		want       []Span
	}{
		{"one-word name", "a tree", []Span{{"tree", 1, 1}}},
		{"any order", "buildings where water is collected", []Span{{"trap", 0, 4}}},
		{
			// 3 stems: a window of max(6, 7) = 7 words, stop words not counted.
			"inside the window", "water that is collected by the tall ones of all the buildings",
			[]Span{{"trap", 0, 11}},
		},
		{"outside the window", "water collected from red green blue pink gold grey teal buildings", nil},
		{"specific beats general", "lca of a bst", []Span{{"lca-bst", 0, 3}}},
		{"general alone", "lca of two nodes in a binary tree", []Span{{"lca-bt", 0, 7}}},
		{"abbreviation inside one word", "BST", []Span{{"binary-search-tree", 0, 0}}},
		// Without its unless, zigzag would match too.
		{"unless rules the entry out", "spiral order traversal of a matrix", []Span{{"spiral-matrix", 0, 5}}},
		{"unless leaves others", "spiral matrix", []Span{{"spiral-matrix", 0, 1}}},
		{"zigzag without matrix", "the (Zig-Zag) traversal!", []Span{{"zigzag", 1, 2}}},
		{"ordered one way", "convert a bst into a dll", []Span{{"bst-to-dll", 2, 5}}},
		{"ordered the other way", "convert a dll into a bst", []Span{{"dll-to-bst", 2, 5}}},
		{"two mentions", "tree and then a tree", []Span{{"tree", 0, 0}, {"tree", 4, 4}}},
		{
			"punctuation in words", "a (binary-tree), then: spiral-matrix!",
			[]Span{{"binary-tree", 1, 1}, {"spiral-matrix", 3, 3}},
		},
		{"nothing", "two sum", nil},
		{"not across sentences", "how is water collected? between buildings", nil},
		{"not across sentences either", "water collected; buildings", nil},
		{"short words with a dot end nothing", "water vs. buildings etc. collected", []Span{{"trap", 0, 4}}},
		// As many words: the ordered entry's words also came in order.
		{"ordered beats unordered", "a queue using stacks", []Span{{"queue-using-stacks", 1, 3}}},
		{"unordered alone", "a stack vs a queue", []Span{{"stack-vs-queue", 1, 4}}},
		{"unordered, the other way", "a queue vs a stack", []Span{{"stack-vs-queue", 1, 4}}},
		{"a slot takes k", "reverse every k nodes", []Span{{"reverse-k-group", 0, 3}}},
		{"a slot takes a number", "reverse every 3 nodes", []Span{{"reverse-k-group", 0, 3}}},
		{"a slot takes a number word", "reverse every four nodes", []Span{{"reverse-k-group", 0, 3}}},
		{"a slot takes no 2", "reverse every 2 nodes", nil},
		{"a slot takes no n", "reverse every n nodes", nil},
		{"a slot takes no word", "reverse every other nodes", nil},
		{"a slot takes no example data", "reverse every 3 4 5 nodes", nil},
		// Example data is no word of the window: 8 numbers between "water
		// collected" and "buildings" would put it out of reach.
		{"example data is skipped", "water collected like 1 2 3 4 5 6 7 8 between buildings", []Span{{"trap", 0, 12}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.MatchWords(strings.Fields(tt.text))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("MatchWords(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestTagsAddsTopics(t *testing.T) {
	c := rulesCat(t)
	tests := []struct {
		text string
		want []string
	}{
		{"lca of bst", []string{"binary-search-tree", "binary-tree", "lca-bst", "tree"}},
		{"zigzag traversal", []string{"binary-tree", "tree", "zigzag"}},
		{"spiral matrix", []string{"spiral-matrix"}},
		{"water collected\nbetween buildings", nil},
		{"water collected between\nbuildings and a tree", []string{"tree"}},
		{"water collected between buildings\n", []string{"trap"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := c.Tags(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("Tags(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// problems returns the IDs of the problems of the embedded catalogue that
// text mentions, sorted, each once.
func problems(text string) []string {
	var ids []string
	for _, sp := range MatchWords(strings.Fields(text)) {
		if Lookup(sp.ID).Kind == KindProblem {
			ids = append(ids, sp.ID)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// TestRuledOut checks RuledOut on an entry with unless phrases, one
// without, and an unknown id.
func TestRuledOut(t *testing.T) {
	tests := []struct {
		id, text string
		want     bool
	}{
		{"trapping-rain-water", "The heights form a 2D elevation map: how much water does it hold?", true},
		{"trapping-rain-water", "Given the heights of bars, how much water is trapped after rain?", false},
		{"stack", "Tell me about the tech stack of your project.", true},
		{"stack", "Implement a stack with push and pop.", false},
		{"three-sum", "Find triplets that sum to zero, closest, in a 2D grid, using a tech stack.", false}, // no unless phrase
		{"no-such-entry", "anything at all", false},
	}
	for _, tt := range tests {
		if got := RuledOut(tt.id, tt.text); got != tt.want {
			t.Errorf("RuledOut(%q, %q) = %v, want %v", tt.id, tt.text, got, tt.want)
		}
	}
}

// TestLineFields checks lineFields against strings.Fields line by line,
// the definition it is written to be faster than.
func TestLineFields(t *testing.T) {
	reference := func(s string) []string {
		var words []string
		for line := range strings.Lines(s) {
			n := len(words)
			words = append(words, strings.Fields(line)...)
			if len(words) > n && strings.HasSuffix(line, "\n") {
				words[len(words)-1] += ";"
			}
		}
		return words
	}
	for _, s := range []string{
		"",
		"\n\n",
		"one",
		"Reverse a linked list\nin groups of k",
		"  leading and trailing  \n",
		"tabs\tand\r\nwindows lines\r\n",
		"no\u00a0break\u2003em space\u0085next",
		"ends sentence.\n\nnext paragraph?\n",
		"unicode wörds “quoted”\n  \n\tlast",
	} {
		if got, want := lineFields(s), reference(s); !slices.Equal(got, want) {
			t.Errorf("lineFields(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestSequels checks that a LeetCode sequel is told from its first problem
// whether the post writes its number as a Roman numeral or a digit, and
// that numbers which are not a known sequel's stay numbers.
func TestSequels(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"house robber ii", []string{"house-robber-ii"}},
		{"House Robber 2", []string{"house-robber-ii"}},
		{"he asked word ladder 2, all the shortest sequences", []string{"word-ladder-ii"}},
		{"jump game 2", []string{"jump-game-ii"}},
		{"coin change 2", []string{"coin-change-ii"}},
		{"single number 3", []string{"single-number-iii"}},
		{"house robber", []string{"house-robber"}},
		// A Roman numeral after a word that is no known sequel's is not
		// a "2" another name can take.
		{"In round ii he asked two sum", []string{"two-sum"}},
		{"Round II: trapping rain water", []string{"trapping-rain-water"}},
		// A digit that is no known sequel's is a number, as before.
		{"merge 2 sorted lists", []string{"merge-two-sorted-lists"}},
		{"merge the two sorted lists", []string{"merge-two-sorted-lists"}},
		{"Q2. trapping rain-water?", []string{"trapping-rain-water"}},
		// A digit of example data is no sequel's number.
		{"jump game [2,3,1,1,4] true", []string{"jump-game"}},
		{"jump game 2, [2,3,1,1,4] takes 2 jumps", []string{"jump-game-ii"}},
	}
	for _, tt := range tests {
		if got := problems(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("problems of %q = %v, want %v", tt.text, got, tt.want)
		}
	}
}
