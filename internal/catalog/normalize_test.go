package catalog

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	porter "github.com/blevesearch/go-porterstemmer"
)

// stems returns the stems of the content words of text, space-separated.
func stems(text string) string {
	var out []string
	for _, t := range tokenize(strings.Fields(text)) {
		if !t.stop {
			out = append(out, t.stem)
		}
	}
	return strings.Join(out, " ")
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		// Split and joined spellings of one term are one word.
		{"linked list", "linkedlist"},
		{"Linked-List", "linkedlist"},
		{"linkedlists", "linkedlist"},
		{"linked lists", "linkedlist"},
		{"sub-array", "subarrai"},
		{"sub arrays", "subarrai"},
		{"subarrays", "subarrai"},
		{"hash map", "hashmap"},
		{"HashTable", "hashmap"},
		{"bit wise", "bitwis"},
		{"zig-zag", "zigzag"},
		{"zig zag", "zigzag"},
		{"in order traversal", "inord travers"},
		{"merge-sort", "mergesort"},
		// Only "merge sort" itself is joined: "merge sorted arrays" is not.
		{"merge sorted arrays", "merg sort arrai"},
		// Misspellings.
		{"pallindrome", "palindrom"},
		{"Palindromic", "palindrom"},
		{"djikstra's", "dijkstra"},
		{"paranthesis", "bracket"},
		// Numbers and ordinals.
		{"two numbers", "2 number"},
		{"3 ways", "3 wai"},
		// "two sum" is one word, so "the sum of two numbers" is not it.
		{"two sum", "twosum"},
		{"3Sum", "threesum"},
		{"sum of two numbers", "sum 2 number"},
		{"2nd largest", "second max"},
		{"5th node", "5 node"},
		{"k-th smallest", "kth min"},
		{"nth stair", "nth stair"},
		{"0/1 knapsack", "0 1 knapsack"},
		{"01 knapsack", "0 1 knapsack"},
		// Abbreviations, expanded and then normalised themselves.
		{"BST", "binari search tree"},
		{"LCA", "min common ancestor"},
		{"DLL", "doubli linkedlist"},
		{"LRU", "min recent"}, // "used" is a stop word
		{"OS", "oper system"},
		{"LL", "linkedlist"},
		{"reverse a LL", "revers linkedlist"},
		{"BT", "binari tree"},
		{"no. of islands", "number island"},
		{"b/w", ""},
		{"TMAY", "tell yourself"},
		// The end of a contraction is no word: "ll" is not a linked list.
		{"we'll reverse it", "revers"},
		{"I’ll", ""},
		{"you're", ""},
		{"kadane's", "kadan"},
		// Synonyms.
		{"largest", "max"},
		{"biggest", "max"},
		{"smallest", "min"},
		// Words whose punctuation is their meaning.
		{"C++ vs Java", "cpp java"},
		{"A* search", "astar search"},
		// Stop words go; not, no, non, without and why stay.
		{"Given an array, find the sum", "arrai sum"},
		{"without repeating", "without repeat"},
		{"non-repeating", "nonrep"},
		{"why not", "why not"},
		{"no sql", "nosql"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := stems(tt.text); got != tt.want {
			t.Errorf("stems(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestTokenizeOrigins(t *testing.T) {
	words := []string{"Reverse", "a", "linked", "list", "in", "a", "BST?"}
	var got []string
	for _, tok := range tokenize(words) {
		if !tok.stop {
			got = append(got, fmt.Sprintf("%s:%d-%d", tok.stem, tok.first, tok.last))
		}
	}
	want := "revers:0-0 linkedlist:2-3 binari:6-6 search:6-6 tree:6-6"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("tokens = %q, want %q", g, want)
	}
}

// TestWordCache checks that a word's cached wordInfo is the one made from
// the variant table (its stem Porter's), read from the cache or not, on many
// goroutines at once, and that the cache stops growing at its bound however
// many distinct words come.
func TestWordCache(t *testing.T) {
	words := []string{"reversing", "lists", "trees", "caching", "designing", "queues", "sorted", "arrays", "bsts", "the"}
	for i := range wordCacheMax + 5000 {
		words = append(words, fmt.Sprintf("word%dings", i))
	}
	check := func(w string) string {
		got, want := wordOf(w), newWordInfo(variantsByFirst, w)
		if got.stem != want.stem || got.stop != want.stop || got.plural != want.plural || len(got.variants) != len(want.variants) {
			return fmt.Sprintf("wordOf(%q) = %+v, want %+v", w, *got, *want)
		}
		if !want.stop && want.stem != porter.StemString(w) {
			return fmt.Sprintf("wordOf(%q).stem = %q, want Porter's %q", w, want.stem, porter.StemString(w))
		}
		return ""
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 4 {
		wg.Go(func() {
			for i := g; i < len(words); i += 2 { // each word twice, across goroutines
				if e := check(words[i]); e != "" {
					select {
					case errs <- e:
					default:
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if n := len(*knownWords.Load()); n > wordCacheMax || !wordsFull.Load() {
		t.Errorf("cache of %d words, full %v, after %d distinct words: want at most %d, full", n, wordsFull.Load(), len(words), wordCacheMax)
	}
	for _, w := range words[:10] {
		if e := check(w); e != "" {
			t.Errorf("after the cache filled, %s", e)
		}
	}
}
