package catalog

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestEmbeddedParses(t *testing.T) {
	if _, err := Parse(strings.NewReader(embedded)); err != nil {
		t.Fatalf("embedded catalog.txt: %v", err)
	}
}

func TestEmbeddedIntegrity(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range Entries() {
		if seen[e.ID] {
			t.Errorf("duplicate id %q", e.ID)
		}
		seen[e.ID] = true
		if e.Kind != KindProblem && e.Kind != KindTopic {
			t.Errorf("%s: kind %q", e.ID, e.Kind)
		}
		if len(e.Names) == 0 || e.Title != e.Names[0] {
			t.Errorf("%s: title %q is not the first of names %q", e.ID, e.Title, e.Names)
		}
		if Lookup(e.ID) != e {
			t.Errorf("Lookup(%q) is not the entry of Entries()", e.ID)
		}
		for _, topic := range e.Topics {
			if te := Lookup(topic); te == nil || te.Kind != KindTopic {
				t.Errorf("%s: topic %q is not a topic of the catalogue", e.ID, topic)
			}
		}
	}
	// No two entries share a name, after normalising (Parse refuses it,
	// but this is the promise the rest of the project relies on).
	owner := map[string]string{}
	for _, e := range Entries() {
		for _, n := range e.Names {
			key := partsKey(phraseParts(n, e.Ordered))
			if o, ok := owner[key]; ok && o != e.ID {
				t.Errorf("name %q of %s is also a name of %s", n, e.ID, o)
			}
			owner[key] = e.ID
		}
	}
}

func TestEmbeddedSize(t *testing.T) {
	count := map[string]int{}
	for _, e := range Entries() {
		count[e.Kind]++
	}
	if count[KindProblem] < 300 || count[KindTopic] < 40 {
		t.Errorf("catalogue has %d problems and %d topics, want at least 300 and 40", count[KindProblem], count[KindTopic])
	}
	t.Logf("%d problems, %d topics", count[KindProblem], count[KindTopic])
}

// TestParaphrases checks the problems found in questions written for this
// test, in the many ways interview posts word them. Each want is the exact
// set: look-alikes must not come along.
func TestParaphrases(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		// Trapping rain water.
		{"Trapping Rain Water", []string{"trapping-rain-water"}},
		{"find the water collected between buildings of given heights", []string{"trapping-rain-water"}},
		{"how much water does an elevation map trap after it rains", []string{"trapping-rain-water"}},
		{"given bars of different heights, compute the rain water trapped between them", []string{"trapping-rain-water"}},
		{"compute how much rain water can be held between bars of different heights", []string{"trapping-rain-water"}},
		{"container with most water", []string{"container-with-most-water"}},

		// Longest substring without repeating characters.
		{"longest substring without repeating characters", []string{"longest-substring-without-repeating"}},
		{"find the maximum distinct and contiguous sub-array in a character array", []string{"longest-substring-without-repeating"}},
		{"find the maximum length window of a char array with all distinct characters", []string{"longest-substring-without-repeating"}},
		{"length of the longest substring with all distinct characters", []string{"longest-substring-without-repeating"}},
		{"longest substring with at most k distinct characters", []string{"longest-substring-k-distinct"}},

		// Zigzag tree traversal against the spiral matrix.
		{"zigzag level order traversal", []string{"zigzag-level-order"}},
		{"spiral order traversal of a binary tree", []string{"zigzag-level-order"}},
		{"print the level order traversal in spiral form", []string{"zigzag-level-order"}},
		{"print a matrix in spiral form", []string{"spiral-matrix"}},
		{"spiral traversal of a matrix", []string{"spiral-matrix"}},
		{"traverse a 2D array in spiral order", []string{"spiral-matrix"}},
		{"level order traversal of a binary tree", []string{"level-order-traversal"}},

		// Copy list with random pointer.
		{"copy list with random pointer", []string{"copy-list-random-pointer"}},
		{"clone a linked list with next and arbitrary pointer", []string{"copy-list-random-pointer"}},
		{"each node of the linked list has a random pointer: make a deep copy of the list", []string{"copy-list-random-pointer"}},

		// Next right pointers.
		{"populating next right pointers in each node", []string{"populating-next-right-pointers"}},
		{"connect nodes at the same level", []string{"populating-next-right-pointers"}},
		{"fill the sibling pointers of every node of a binary tree", []string{"populating-next-right-pointers"}},

		// Climbing stairs.
		{"climbing stairs", []string{"climbing-stairs"}},
		{"count ways to reach the nth stair", []string{"climbing-stairs"}},
		{"in how many ways can you climb n stairs taking 1 or 2 steps", []string{"climbing-stairs"}},

		// Sliding window maximum against the sliding window protocol.
		{"sliding window maximum", []string{"sliding-window-maximum"}},
		{"maximum of all subarrays of size k", []string{"sliding-window-maximum"}},
		{"find the max in every window of size k", []string{"sliding-window-maximum"}},
		{"explain the sliding window protocol", []string{"sliding-window-protocol"}},

		// Rotated arrays; rotate array against rotate matrix.
		{"search in rotated sorted array", []string{"search-rotated-sorted-array"}},
		{"search an element in a sorted and pivoted array", []string{"search-rotated-sorted-array"}},
		{"find the minimum element in a sorted rotated array", []string{"find-min-rotated-sorted-array"}},
		{"rotate an array by k steps", []string{"rotate-array"}},
		{"left rotate the array by d positions", []string{"rotate-array"}},
		{"rotate a matrix by 90 degrees", []string{"rotate-image"}},
		{"rotate a 2d array by 90 degree clockwise", []string{"rotate-image"}},
		{"rotate image", []string{"rotate-image"}},

		// Lowest common ancestor: BST and binary tree apart.
		{"lowest common ancestor in a BST", []string{"lca-bst"}},
		{"find the LCA of two nodes of a binary search tree", []string{"lca-bst"}},
		{"lowest common ancestor of a binary tree", []string{"lca-binary-tree"}},
		{"LCA of two nodes in a binary tree", []string{"lca-binary-tree"}},

		// BST and doubly linked lists, both ways.
		{"convert a BST to a doubly linked list", []string{"bst-to-dll"}},
		{"BST to DLL", []string{"bst-to-dll"}},
		{"convert a sorted DLL to a balanced BST", []string{"dll-to-bst"}},
		{"convert a binary tree to a doubly linked list", []string{"binary-tree-to-dll"}},
		{"sorted array to BST", []string{"sorted-array-to-bst"}},

		// Reversing linked lists.
		{"reverse a linked list", []string{"reverse-linked-list"}},
		{"reverse a linked list in groups of size k", []string{"reverse-k-group"}},
		{"reverse every k nodes of the list", []string{"reverse-k-group"}},
		{"reverse alternate k nodes of a linked list", []string{"reverse-alternate-k-nodes"}},

		// Next greater element against next greater number with the same digits.
		{"next greater element", []string{"next-greater-element"}},
		{"for every element find the next larger element to its right", []string{"next-greater-element"}},
		{"next greater number with the same set of digits", []string{"next-greater-number-same-digits"}},
		{"next permutation", []string{"next-permutation"}},

		// Subarray against subsequence.
		{"longest increasing subsequence", []string{"longest-increasing-subsequence"}},
		{"find the LIS of an array", []string{"longest-increasing-subsequence"}},
		{"longest increasing contiguous subarray", []string{"longest-continuous-increasing"}},
		{"maximum sum subarray", []string{"maximum-subarray"}},
		{"maximum sum increasing subsequence", []string{"max-sum-increasing-subsequence"}},
		{"longest common subsequence", []string{"longest-common-subsequence"}},
		{"longest common substring", []string{"longest-common-substring"}},

		// Stacks and queues, in both directions.
		{"implement a queue using two stacks", []string{"queue-using-stacks"}},
		{"implement a stack using two queues", []string{"stack-using-queues"}},
		{"design a stack that returns the minimum element in O(1)", []string{"min-stack"}},
		{"stock span problem", []string{"stock-span"}},

		// Streams and heaps.
		{"first non-repeating character in a stream", []string{"first-non-repeating-stream"}},
		{"first non repeating character of a string", []string{"first-unique-character"}},
		{"find the median of a running stream of integers", []string{"median-of-stream"}},
		{"top k frequent elements", []string{"top-k-frequent"}},
		{"kth largest element in an array", []string{"kth-largest-element"}},
		{"kth smallest element in a BST", []string{"kth-smallest-bst"}},
		{"merge k sorted linked lists", []string{"merge-k-sorted-lists"}},

		// Caches.
		{"design an LRU cache", []string{"lru-cache"}},
		{"implement a least recently used cache", []string{"lru-cache"}},
		{"LFU cache", []string{"lfu-cache"}},

		// Dynamic programming.
		{"kadane's algorithm", []string{"maximum-subarray"}},
		{"edit distance", []string{"edit-distance"}},
		{"minimum operations to convert one string to another", []string{"edit-distance"}},
		{"coin change: fewest coins to make the amount", []string{"coin-change"}},
		{"0-1 knapsack", []string{"knapsack-0-1"}},
		{"word break", []string{"word-break"}},
		{"egg dropping puzzle", []string{"egg-dropping"}},
		{"maximum sum of non adjacent elements", []string{"house-robber"}},

		// Backtracking.
		{"N-Queens", []string{"n-queens"}},
		{"sudoku solver", []string{"sudoku-solver"}},
		{"rat in a maze", []string{"rat-in-a-maze"}},
		{"print all permutations of a string", []string{"string-permutations"}},
		{"generate the power set", []string{"subsets"}},
		{"combination sum", []string{"combination-sum"}},

		// Graphs.
		{"number of islands", []string{"number-of-islands"}},
		{"rotten oranges", []string{"rotting-oranges"}},
		{"word ladder", []string{"word-ladder"}},
		{"course schedule", []string{"course-schedule"}},
		{"dijkstra's algorithm", []string{"dijkstra"}},
		{"detect a cycle in a directed graph", []string{"detect-cycle-directed"}},
		{"detect a loop in a linked list", []string{"linked-list-cycle"}},
		{"clone graph", []string{"clone-graph"}},
		{"alien dictionary", []string{"alien-dictionary"}},
		{"word search in a grid", []string{"word-search"}},

		// Trees.
		{"left view of a binary tree", []string{"left-view"}},
		{"right side view of a binary tree", []string{"right-view"}},
		{"top view of a binary tree", []string{"top-view"}},
		{"bottom view of a tree", []string{"bottom-view"}},
		{"boundary traversal of a binary tree", []string{"boundary-traversal"}},
		{"vertical order traversal", []string{"vertical-order-traversal"}},
		{"diameter of a binary tree", []string{"diameter-of-tree"}},
		{"print all nodes at distance k from a target node", []string{"nodes-at-distance-k"}},
		{"serialize and deserialize a binary tree", []string{"serialize-deserialize-tree"}},
		{"find the height of a binary tree", []string{"max-depth-binary-tree"}},

		// Arrays.
		{"two sum", []string{"two-sum"}},
		{"find two numbers in the array that add up to the target", []string{"two-sum"}},
		{"3sum", []string{"three-sum"}},
		{"find all triplets with zero sum", []string{"three-sum"}},
		{"dutch national flag", []string{"sort-colors"}},
		{"sort an array of 0s, 1s and 2s", []string{"sort-colors"}},
		{"merge overlapping intervals", []string{"merge-intervals"}},
		{"minimum number of meeting rooms", []string{"meeting-rooms-ii"}},
		{"median of two sorted arrays", []string{"median-of-two-sorted-arrays"}},
		{"longest palindromic substring", []string{"longest-palindromic-substring"}},
		{"valid parentheses", []string{"valid-parentheses"}},
		{"check for balanced brackets in an expression", []string{"valid-parentheses"}},
		{"group anagrams", []string{"group-anagrams"}},
		{"check whether two strings are anagrams", []string{"valid-anagram"}},

		// Fundamentals.
		{"what happens when you type a URL in the browser", []string{"what-happens-type-url"}},
		{"what happens when you type google.com and press enter", []string{"what-happens-type-url"}},
		{"mutex vs semaphore", []string{"mutex-vs-semaphore"}},
		{"difference between a process and a thread", []string{"process-vs-thread"}},
		{"what is a deadlock", []string{"deadlock"}},
		{"explain virtual memory and paging", []string{"virtual-memory"}},
		{"TCP vs UDP", []string{"tcp-vs-udp"}},
		{"explain the 7 layers of the OSI model", []string{"osi-model"}},
		{"ACID properties", []string{"acid-properties"}},
		{"explain normalization and normal forms", []string{"normalization"}},
		{"how do database indexes work? B+ trees", []string{"database-indexing"}},
		{"types of joins in SQL", []string{"sql-joins"}},
		{"SQL vs NoSQL", []string{"sql-vs-nosql"}},
		{"polymorphism", []string{"polymorphism"}},
		{"abstract class vs interface", []string{"abstract-class-vs-interface"}},
		{"what are virtual functions", []string{"virtual-functions"}},

		// Design.
		{"design a URL shortener like TinyURL", []string{"design-url-shortener"}},
		{"design a parking lot", []string{"design-parking-lot"}},
		{"design an elevator system", []string{"design-elevator"}},
		{"design a chess game", []string{"design-chess"}},
		{"design the snake and ladder game", []string{"design-snake-ladder"}},
		{"design tic tac toe", []string{"design-tic-tac-toe"}},
		{"design a library management system", []string{"design-library-management"}},
		{"design a rate limiter", []string{"design-rate-limiter"}},
		{"design a chat application like WhatsApp", []string{"design-chat-app"}},
		{"design the news feed", []string{"design-news-feed"}},
		{"consistent hashing", []string{"consistent-hashing"}},
		{"how does a load balancer work", []string{"load-balancer"}},
		{"explain the CAP theorem", []string{"cap-theorem"}},

		// Behavioural.
		{"tell me about yourself", []string{"tell-me-about-yourself"}},
		{"why do you want to join this company", []string{"why-this-company"}},
		{"why are you leaving your current job", []string{"why-leave-current-job"}},
		{"what are your strengths and weaknesses", []string{"strengths-weaknesses"}},
		{"tell me about a disagreement with your manager", []string{"conflict-with-manager"}},
		{"tell me about a conflict with a teammate", []string{"conflict-with-teammate"}},
		{"tell me about a time you failed", []string{"time-you-failed"}},
		{"a time you missed a deadline", []string{"missed-deadline"}},
		{"what are you most proud of", []string{"proudest-achievement"}},
		{"your most challenging project", []string{"most-challenging-project"}},
		{"where do you see yourself in 5 years", []string{"five-year-plan"}},
		{"how do you handle pressure", []string{"handling-pressure"}},

		// Nothing to find.
		{"the interviewer was friendly and the round lasted an hour", nil},
		{"what is the normal approach here", nil},
	}
	for _, tt := range tests {
		if got := problems(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("problems(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestMatchWordsSpans(t *testing.T) {
	tests := []struct {
		words string
		want  []Span
	}{
		{
			"Q1. Reverse a linked-list; Q2. trapping rain-water?",
			[]Span{{"reverse-linked-list", 1, 3}, {"trapping-rain-water", 5, 6}},
		},
		{
			"first: LCA in a BST, then the left view",
			[]Span{{"lca-bst", 1, 4}, {"left-view", 7, 8}},
		},
		{
			"asked 3sum and then two-sum",
			[]Span{{"three-sum", 1, 1}, {"two-sum", 4, 4}},
		},
	}
	for _, tt := range tests {
		got := MatchWords(strings.Fields(tt.words))
		if !slices.Equal(got, tt.want) {
			t.Errorf("MatchWords(%q) = %v, want %v", tt.words, got, tt.want)
		}
	}
}

func TestTagsIncludesTopics(t *testing.T) {
	got := Tags("Find the lowest common ancestor of two nodes in a BST.")
	for _, want := range []string{"lca-bst", "binary-search-tree", "binary-tree", "tree"} {
		if !slices.Contains(got, want) {
			t.Errorf("Tags = %v, want it to contain %q", got, want)
		}
	}
	if slices.Contains(got, "lca-binary-tree") {
		t.Errorf("Tags = %v, want no lca-binary-tree", got)
	}
	if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
		t.Errorf("Tags = %v, want sorted and unique", got)
	}
}

// TestConcurrentTags is for the race detector: the catalogue and the stem
// cache are shared by concurrent callers.
func TestConcurrentTags(t *testing.T) {
	want := Tags(benchQuestion)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 50 {
				if got := Tags(benchQuestion); !slices.Equal(got, want) {
					t.Errorf("Tags = %v, want %v", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestEmbeddedDifficulties checks well-known ratings of the embedded
// catalogue: LeetCode's for problems with a LeetCode title, GeeksforGeeks'
// for the classics without one; "" where the catalogue gives none.
func TestEmbeddedDifficulties(t *testing.T) {
	tests := []struct {
		id   string
		want string
	}{
		{"two-sum", "Easy"},
		{"valid-parentheses", "Easy"},
		{"reverse-linked-list", "Easy"},
		{"lru-cache", "Medium"},
		{"number-of-islands", "Medium"},
		{"populating-next-right-pointers", "Medium"},
		{"course-schedule", "Medium"},
		{"trapping-rain-water", "Hard"},
		{"median-of-two-sorted-arrays", "Hard"},
		{"reverse-k-group", "Hard"},
		{"merge-k-sorted-lists", "Hard"},
		{"word-ladder", "Hard"},
		{"left-view", "Easy"},
		{"top-view", "Medium"},
		{"matrix-chain-multiplication", "Hard"},
		{"power-of-three", "Easy"},
		{"top-k-frequent-words", "Medium"},
		{"min-add-valid-parentheses", "Medium"},
		{"skyline-problem", "Hard"},
		{"trapping-rain-water-ii", "Hard"},
		{"hamiltonian-path", ""},
		{"tell-me-about-yourself", ""},
		{"mutex-vs-semaphore", ""},
		{"design-url-shortener", ""},
		{"binary-search-algorithm", "Easy"},
		{"quick-sort", "Medium"},
		{"two-sum-closest", "Medium"},
		{"twenty-five-horses", ""},
		{"rate-yourself", ""},
	}
	for _, tt := range tests {
		e := Lookup(tt.id)
		if e == nil {
			t.Errorf("Lookup(%q) = nil, want a problem", tt.id)
			continue
		}
		if got := e.Difficulty; got != tt.want {
			t.Errorf("Lookup(%q).Difficulty = %q, want %q", tt.id, got, tt.want)
		}
	}
}

// TestDifficultyOnlyOnCodingProblems checks that only problems are rated,
// and no behavioural, design, fundamentals or puzzle question: difficulty
// is a coding problem's.
func TestDifficultyOnlyOnCodingProblems(t *testing.T) {
	nonCoding := []string{
		"behavioural",
		"system-design", "low-level-design", "distributed-systems", "design-patterns",
		"os", "concurrency", "memory-management", "computer-architecture",
		"dbms", "sql", "networking", "web", "security", "oop",
		"java", "python", "cpp", "javascript", "linux", "devops", "cloud",
		"testing", "machine-learning", "complexity",
		"puzzles",
	}
	for _, id := range nonCoding {
		if e := Lookup(id); e == nil || e.Kind != KindTopic {
			t.Fatalf("%q is not a topic of the catalogue: update this test", id)
		}
	}
	rated := 0
	for _, e := range Entries() {
		if e.Difficulty == "" {
			continue
		}
		rated++
		if e.Kind != KindProblem {
			t.Errorf("%s %s has difficulty %q: only a problem has one", e.Kind, e.ID, e.Difficulty)
			continue
		}
		// The entry's own topics, not their topics: caching is a topic of
		// system-design, but the LRU cache is a coding problem.
		for _, topic := range e.Topics {
			if slices.Contains(nonCoding, topic) {
				t.Errorf("%s has difficulty %q but is a %s question, not a coding problem", e.ID, e.Difficulty, topic)
			}
		}
	}
	if rated == 0 {
		t.Error("no entry has a difficulty")
	}
}
