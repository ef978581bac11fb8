package cluster

import (
	"regexp"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/askedat/askedat/internal/sample"
)

func TestKey(t *testing.T) {
	tests := []struct {
		title, want string
	}{
		{"Two Sum", "2 sum"},
		{"2 Sum problem", "2 sum"},
		{"TWO SUM!!", "2 sum"},
		{"3Sum", "3 sum"},
		{"Three Sum", "3 sum"},
		{"Two Sum II", "2 sum ii"},
		{"LRU Cache", "least recent used cach"},
		{"Design an LRU Cache", "least recent used cach"},
		{"Least Recently Used Cache", "least recent used cach"},
		{"Implement a Trie", "tri"},
		{"Find the K-th Largest Number", "kth largest numb"},
		{"Kth Largest Number", "kth largest numb"},
		{"Dijkstra's Algorithm", "dijkstra algorithm"},
		{"Process vs Thread", "process thread"},
		{"Thread vs. Process", "process thread"},
		{"Difference Between a Thread and a Process", "process thread"},
		{"What is the difference between TCP and UDP?", "tcp udp"},
		{"UDP vs TCP", "tcp udp"},
		{"Distance Between Two Nodes and the Root", "distanc 2 nod root"},
		{"Caching Strategies", "cach strategy"},
		{"Cache Strategy", "cach strategy"},
		{"Merge Overlapping Intervals", "merg overlap interval"},
		{"C++ vs Java", "c++ java"},
		{"Roman to Integer", "roman integ"},
		{"Design", "design"},
		{"What is it?", "what is it"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Key(tt.title); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

// trickyPairs are hand-written pairs of questions that must or must not be
// one cluster, independent of the generated sample.
var trickyPairs = []struct {
	name  string
	a, b  Input
	merge bool
}{
	{"filler and digits", Input{Title: "Two Sum", Body: "Given an array of integers and a target, return the indices of the two numbers that add up to the target."},
		Input{Title: "2 Sum problem", Body: "Asked to find a pair with a given sum; I used a hash map."}, true},
	{"two sum vs three sum", Input{Title: "Two Sum", Body: "Given an array of integers, find two numbers that add up to a target sum and return their indices."},
		Input{Title: "Three Sum", Body: "Given an array of integers, find all unique triplets of numbers that add up to zero."}, false},
	{"two sum vs two sum II", Input{Title: "Two Sum", Body: "Given an array of integers and a target, return the indices of the two numbers that add up to the target."},
		Input{Title: "Two Sum II", Body: "Given a sorted array of integers and a target, return the indices of the two numbers that add up to the target."}, false},
	{"paraphrased two sum", Input{Title: "Two Sum", Body: "Given an array of integers and a target, find the two numbers in the array that add up to the target and return their indices. Use a hash map for O(n)."},
		Input{Title: "Find Two Numbers That Add Up to a Target", Body: "Given an array of integers and a target sum, return the indices of the two numbers in the array that add up to the target, in O(n) with a hash map."}, true},
	// LRU is defined as least recently used: the titles alone merge.
	{"LRU abbreviation", Input{Title: "LRU Cache", Body: "Implement get and put in O(1)."},
		Input{Title: "Least Recently Used Cache", Body: "Build a cache class that evicts the oldest entry; we discussed trade-offs."}, true},
	{"LRU vs LFU", Input{Title: "LRU Cache", Body: "Implement a cache with get and put in O(1) time that evicts the least recently used key when it is full."},
		Input{Title: "LFU Cache", Body: "Implement a cache with get and put in O(1) time that evicts the least frequently used key when it is full."}, false},
	{"URL shortener vs TinyURL, bodies agree", Input{Title: "Design a URL Shortener", Body: "Design a service like TinyURL that turns long URLs into short codes and redirects them. Cover code generation with base62, the database schema, redirects and caching."},
		Input{Title: "Design TinyURL", Body: "Design a URL shortening service like TinyURL that maps long URLs to short codes. Discuss code generation with base62, the database schema, the redirects and caching."}, true},
	{"URL shortener vs TinyURL, bodies disagree", Input{Title: "Design a URL Shortener", Body: "Turn long links into short ones and redirect users."},
		Input{Title: "Design TinyURL", Body: "Estimate storage for 100 million new links a month and handle custom aliases."}, false},
	{"URL shortener vs rate limiter", Input{Title: "Design a URL Shortener", Body: "Design a service that turns long URLs into short codes. Discuss the API, the database, scaling and caching."},
		Input{Title: "Design a Rate Limiter", Body: "Design a service that limits the requests of each user to the API. Discuss the algorithm, the database, scaling and caching."}, false},
	{"reverse list vs in groups of k", Input{Title: "Reverse a Linked List", Body: "Reverse the nodes of a singly linked list and return the new head, iteratively and recursively."},
		Input{Title: "Reverse a Linked List in Groups of K", Body: "Reverse the nodes of a singly linked list k at a time and return the new head, iteratively and recursively."}, false},
	{"roman to integer vs integer to roman", Input{Title: "Roman to Integer", Body: "Convert a Roman numeral such as MCMXCIV to an integer."},
		Input{Title: "Integer to Roman", Body: "Convert an integer such as 1994 to a Roman numeral."}, false},
	{"queue using stacks vs stack using queues", Input{Title: "Implement a Queue Using Two Stacks", Body: "Implement a FIFO queue with only two stacks, supporting push, pop, peek and empty."},
		Input{Title: "Implement a Stack Using Two Queues", Body: "Implement a LIFO stack with only two queues, supporting push, pop, top and empty."}, false},
	{"merge intervals, bodies agree", Input{Title: "Merge Intervals", Body: "Given a list of intervals, merge all overlapping intervals and return the merged intervals sorted by start."},
		Input{Title: "Merge Overlapping Intervals", Body: "Given a list of intervals, merge the overlapping intervals and return them sorted by start time."}, true},
	{"kth largest vs kth smallest in BST", Input{Title: "Kth Largest Element in an Array", Body: "Find the kth largest element in an unsorted array using a heap or quickselect."},
		Input{Title: "Kth Smallest Element in a BST", Body: "Find the kth smallest element in a binary search tree using an in-order traversal."}, false},
	{"serialize tree vs BST", Input{Title: "Serialize and Deserialize a Binary Tree", Body: "Design an algorithm to serialize a binary tree to a string and deserialize the string back to the tree."},
		Input{Title: "Serialize and Deserialize a BST", Body: "Design an algorithm to serialize a tree to a string and deserialize the string back to the tree, as compactly as possible."}, false},
	{"palindromic substring vs subsequence", Input{Title: "Longest Palindromic Substring", Body: "Given a string s, return the longest palindromic part of s, by expanding around each centre."},
		Input{Title: "Longest Palindromic Subsequence", Body: "Given a string s, return the length of the longest palindromic part of s, with dynamic programming."}, false},
	{"top k elements vs words", Input{Title: "Top K Frequent Elements", Body: "Return the k most frequent values of an array, using a heap or bucket sort."},
		Input{Title: "Top K Frequent Words", Body: "Return the k most frequent values of a list, using a heap, ties broken alphabetically."}, false},
	{"process vs thread", Input{Title: "Process vs Thread", Body: "What is the difference?"},
		Input{Title: "Difference between a thread and a process", Body: "Memory, creation cost and communication."}, true},
	{"why company, asked at each", Input{Title: "Why do you want to join Google?", Body: "The recruiter asked what I knew about Google's products and why I chose to apply.", Company: "Google"},
		Input{Title: "Why do you want to join Amazon?", Body: "The recruiter asked what I knew about Amazon's products and why I chose to apply.", Company: "Amazon"}, true},
	{"design the company's product", Input{Title: "Design Uber", Body: "Design a ride-hailing backend: matching riders to nearby drivers and surge pricing.", Company: "Uber"},
		Input{Title: "Design Swiggy", Body: "Design a food delivery app: the order flow from cart to restaurant to delivery.", Company: "Swiggy"}, false},
	{"edit distance vs one edit distance", Input{Title: "Edit Distance", Body: "Given two strings, return the minimum number of insertions, deletions and replacements that turn one string into the other."},
		Input{Title: "One Edit Distance", Body: "Given two strings, return whether a single insertion, deletion or replacement turns one string into the other."}, false},
	{"maximum subarray sum vs product", Input{Title: "Maximum Subarray", Body: "Find the contiguous subarray of an integer array with the largest sum and return it."},
		Input{Title: "Maximum Product Subarray", Body: "Find the contiguous subarray of an integer array with the largest product and return it."}, false},
	{"meeting rooms vs meeting rooms II", Input{Title: "Meeting Rooms", Body: "Given an array of meeting time intervals, decide whether a person could attend all meetings."},
		Input{Title: "Meeting Rooms II", Body: "Given an array of meeting time intervals, return the minimum number of conference rooms required."}, false},
	{"level order traversal, words reordered", Input{Title: "Binary Tree Level Order Traversal", Body: "Return the level order traversal of a binary tree's node values, level by level from left to right, using a queue."},
		Input{Title: "Level Order Traversal of a Binary Tree", Body: "Print the node values of a binary tree level by level, from left to right, using a queue (BFS)."}, true},
	{"number of islands paraphrased", Input{Title: "Number of Islands", Body: "Given a 2D grid map of '1's (land) and '0's (water), count the number of islands. An island is surrounded by water and formed by connecting adjacent lands."},
		Input{Title: "Count Islands in a Grid", Body: "Given a 2D grid of '1's (land) and '0's (water), return the number of islands, where an island is formed by connecting adjacent land cells."}, true},
}

// withBackground returns a and b followed by the questions of generated
// posts whose titles have another Key: a corpus for the document
// frequencies, in which a and b are alone in their exact groups.
func withBackground(a, b Input) []Input {
	in := []Input{a, b}
	bg, _ := labelled(300, 99)
	for _, q := range bg {
		if k := Key(q.Title); k != Key(a.Title) && k != Key(b.Title) {
			in = append(in, q)
		}
	}
	return in
}

func TestTrickyPairs(t *testing.T) {
	for _, tt := range trickyPairs {
		for _, background := range []bool{false, true} {
			in := []Input{tt.a, tt.b}
			if background {
				in = withBackground(tt.a, tt.b)
			}
			ids, _ := Assign(in, Options{})
			if got := ids[0] == ids[1]; got != tt.merge {
				t.Errorf("%s (with %d other questions): Assign put %q and %q together = %v, want %v",
					tt.name, len(in)-2, tt.a.Title, tt.b.Title, got, tt.merge)
			}
		}
	}
}

// The floors of TestPrecisionRecall, just under the values measured on
// 3,000 posts with seed 1 (precision 1.0000, recall 0.7520), so that a
// change that loses precision, or the near-duplicate stage's recall, fails.
const (
	precisionFloor = 0.995
	recallFloor    = 0.75
)

// TestPrecisionRecall measures the pairwise precision and recall of Assign
// on generated posts, with the question-bank keys as labels, beside those
// of the exact groups alone (Key). The bank's paraphrases are often
// different questions in all but their label ("Kafka vs RabbitMQ" and
// "Kafka Partitions and Message Ordering" share one), with bodies that
// share few words, so recall cannot come near 1 without merging what a
// reader would call different questions.
func TestPrecisionRecall(t *testing.T) {
	in, keys := labelled(3000, 1)

	groups, groupOf := exactGroups(in, 2)
	exact := make([]int, len(in))
	for i, g := range groupOf {
		exact[i] = int(g)
	}
	p, r, together, sameKey := pairScores(exact, keys)
	t.Logf("exact groups (Key) only: %d questions, %d groups; pairs together %d, pairs with one key %d; precision %.4f, recall %.4f",
		len(in), len(groups), together, sameKey, p, r)

	ids, clusters := Assign(in, Options{})
	p, r, together, _ = pairScores(ids, keys)
	t.Logf("Assign: %d clusters; pairs together %d; precision %.4f, recall %.4f", len(clusters), together, p, r)
	if p < precisionFloor {
		t.Errorf("precision = %.4f, want >= %.4f", p, precisionFloor)
	}
	if r < recallFloor {
		t.Errorf("recall = %.4f, want >= %.4f", r, recallFloor)
	}
}

func TestAssignDeterministic(t *testing.T) {
	in, _ := labelled(400, 5)
	ids1, cl1 := Assign(in, Options{Workers: 1})
	for _, workers := range []int{1, 2, 5} {
		ids, cl := Assign(in, Options{Workers: workers})
		if !slices.Equal(ids, ids1) || !slices.Equal(cl, cl1) {
			t.Errorf("Assign with %d workers: %d clusters, differs from Assign with 1 worker: %d clusters", workers, len(cl), len(cl1))
		}
	}
}

func TestClusters(t *testing.T) {
	in := []Input{
		{Title: "Two Sum problem"},
		{Title: "Two Sum"},
		{Title: "two sum"},
		{Title: "Two Sum"},
		{Title: "  two   sum "},
		{Title: "Valid Parentheses"},
		{Title: "LRU Cache"},
		{Title: "Least Recently Used Cache"},
		{Title: "Ünïcödé ✓"},
		{Title: strings.Repeat("Very Long Title ", 10)},
		{Title: "???"},
		{Title: "!"},
		{Title: " ??? "},
	}
	ids, clusters := Assign(in, Options{})
	wantIDs := []int{0, 0, 0, 0, 0, 3, 1, 1, 4, 5, 2, 6, 2}
	if !slices.Equal(ids, wantIDs) {
		t.Errorf("ids = %v, want %v", ids, wantIDs)
	}
	want := []struct {
		canonical string
		size      int
	}{
		// "two sum" is as common as "Two Sum" once spaces are cleaned
		// (2 each), and as short: alphabetical order decides.
		{"Two Sum", 5},
		{"LRU Cache", 2},
		{"???", 2}, // titles without words go with the same title only
		{"Valid Parentheses", 1},
		{"Ünïcödé ✓", 1},
		{strings.TrimSpace(strings.Repeat("Very Long Title ", 10)), 1},
		{"!", 1},
	}
	if len(clusters) != len(want) {
		t.Fatalf("got %d clusters, want %d: %+v", len(clusters), len(want), clusters)
	}
	idPattern := regexp.MustCompile(`^([a-z0-9]+(-[a-z0-9]+)*-)?[0-9a-f]{8}$`)
	for i, w := range want {
		c := clusters[i]
		if c.Canonical != w.canonical || c.Size != w.size {
			t.Errorf("clusters[%d] = {%q, size %d}, want {%q, size %d}", i, c.Canonical, c.Size, w.canonical, w.size)
		}
		if !idPattern.MatchString(c.ID) || len(c.ID) > 69 {
			t.Errorf("clusters[%d].ID = %q, want a slug of at most 60 bytes and 8 hex digits", i, c.ID)
		}
		if got := clusterID(c.Canonical); got != c.ID {
			t.Errorf("clusterID(%q) = %q, want the cluster's ID %q", c.Canonical, got, c.ID)
		}
	}
	if got, want := clusters[0].ID, "two-sum-"; !strings.HasPrefix(got, want) {
		t.Errorf("clusters[0].ID = %q, want prefix %q", got, want)
	}
	in, _ = labelled(1000, 2)
	_, clusters = Assign(in, Options{})
	seen := map[string]string{}
	for _, c := range clusters {
		if other, ok := seen[c.ID]; ok {
			t.Errorf("clusters %q and %q have one ID %q", other, c.Canonical, c.ID)
		}
		seen[c.ID] = c.Canonical
	}
	if ids, clusters := Assign(nil, Options{}); len(ids) != 0 || len(clusters) != 0 {
		t.Errorf("Assign(nil) = %v, %v, want nothing", ids, clusters)
	}
}

func TestCanonicalTies(t *testing.T) {
	tests := []struct {
		titles []string
		want   string
	}{
		{[]string{"Two Sum Problem", "Two Sum Problem", "Two Sum"}, "Two Sum Problem"},
		{[]string{"Two Sum Problem", "Two Sum"}, "Two Sum"},
		{[]string{"two sum", "Two Sum"}, "Two Sum"},
	}
	for _, tt := range tests {
		var in []Input
		for _, title := range tt.titles {
			in = append(in, Input{Title: title})
		}
		_, clusters := Assign(in, Options{})
		if len(clusters) != 1 || clusters[0].Canonical != tt.want {
			t.Errorf("Assign(%q): clusters %+v, want one with canonical title %q", tt.titles, clusters, tt.want)
		}
	}
}

func TestStem(t *testing.T) {
	tests := []struct {
		words []string
		want  string
	}{
		{[]string{"cache", "caches", "caching", "cached"}, "cach"},
		{[]string{"strategy", "strategies"}, "strategy"},
		{[]string{"overlap", "overlapping", "overlaps"}, "overlap"},
		{[]string{"shortener", "shortening", "shorten"}, "shorten"},
		{[]string{"limit", "limiter", "limiting", "limits"}, "limit"},
		{[]string{"class", "classes"}, "class"},
		{[]string{"3"}, "3"},
		{[]string{"c++"}, "c++"},
	}
	for _, tt := range tests {
		for _, w := range tt.words {
			if got := stem(w); got != tt.want {
				t.Errorf("stem(%q) = %q, want %q", w, got, tt.want)
			}
		}
	}
}

// BenchmarkAssign1M clusters 1,000,000 generated questions. Besides time
// and allocations it reports peak-heap-MB: the most heap in use during
// Assign above what it was before (the inputs).
func BenchmarkAssign1M(b *testing.B) {
	benchAssign(b, millionQuestions(b))
}

// BenchmarkAssign1MDistinct is the hard case for the near-duplicate stage:
// every title is different (a word of its own is added to each), so there
// are a million groups, most of them with the same body as thousands of
// others.
func BenchmarkAssign1MDistinct(b *testing.B) {
	in := millionQuestions(b)
	for i := range in {
		in[i].Title += " " + strconv.FormatInt(int64(i), 36)
	}
	benchAssign(b, in)
}

func benchAssign(b *testing.B, in []Input) {
	b.ReportAllocs()
	runtime.GC()
	for b.Loop() {
		base := heapBytes()
		peak := base
		done := make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() {
			tick := time.NewTicker(5 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-done:
					return
				case <-tick.C:
					peak = max(peak, heapBytes())
				}
			}
		})
		_, clusters := Assign(in, Options{})
		close(done)
		wg.Wait()
		b.ReportMetric(float64(len(clusters)), "clusters")
		b.ReportMetric(float64(peak-base)/(1<<20), "peak-heap-MB")
	}
}

func heapBytes() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// millionQuestions returns 1,000,000 generated questions.
func millionQuestions(b *testing.B) []Input {
	b.Helper()
	const n = 1_000_000
	var in []Input
	for _, p := range sample.Generate(sample.Config{Posts: n / 12, Seed: 3}) {
		for _, q := range p.Experience.Questions {
			in = append(in, Input{Title: q.Title, Body: q.Body, Company: p.Experience.Company})
		}
	}
	for len(in) < n {
		in = append(in, in[len(in)%len(in)])
	}
	return in[:n]
}

func TestAskedAt(t *testing.T) {
	tests := []struct {
		companies []string
		ids       []int
		n         int
		want      []int
	}{
		{nil, nil, 0, []int{}},
		{[]string{"Amazon", "Google", "Amazon"}, []int{0, 0, 0}, 1, []int{2}},
		{[]string{"Amazon", "", "Google", ""}, []int{0, 1, 0, 1}, 2, []int{2, 0}},
		{[]string{"Amazon", "Amazon"}, []int{1, 1}, 3, []int{0, 1, 0}},
	}
	for _, tt := range tests {
		var in []Input
		for _, c := range tt.companies {
			in = append(in, Input{Title: "q", Company: c})
		}
		if got := AskedAt(in, tt.ids, tt.n); !slices.Equal(got, tt.want) {
			t.Errorf("AskedAt(%q, %v, %d) = %v, want %v", tt.companies, tt.ids, tt.n, got, tt.want)
		}
	}
}

// TestProblems checks that questions naming the same known problem are one
// cluster however worded, that others are not joined by it, and that a
// known name becomes the cluster's title.
func TestProblems(t *testing.T) {
	in := []Input{
		{Title: "Water collected between buildings of given heights", Problem: "trapping-rain-water"},
		{Title: "How much rain does an elevation map hold?", Problem: "trapping-rain-water"},
		{Title: "How much rain does an elevation map hold?", Problem: "trapping-rain-water"},
		{Title: "Trapping Rain Water", Problem: "trapping-rain-water", Known: true},
		{Title: "Reverse a linked list", Problem: "reverse-linked-list"},
		{Title: "Water jug puzzle"},
	}
	ids, cls := Assign(in, Options{})
	for i := 1; i < 4; i++ {
		if ids[i] != ids[0] {
			t.Errorf("%q is in cluster %d, %q in %d: want one cluster for the problem", in[i].Title, ids[i], in[0].Title, ids[0])
		}
	}
	if ids[4] == ids[0] || ids[5] == ids[0] || ids[4] == ids[5] {
		t.Errorf("clusters %v: want the other problem and the puzzle apart", ids)
	}
	// The most common title would be the elevation map's (twice); the
	// known name wins.
	if got, want := cls[ids[0]].Canonical, "Trapping Rain Water"; got != want {
		t.Errorf("canonical title = %q, want the known name %q", got, want)
	}
	// Without a known name, the most common title, as before.
	in[3].Known = false
	_, cls = Assign(in, Options{})
	if got, want := cls[0].Canonical, "How much rain does an elevation map hold?"; got != want {
		t.Errorf("canonical title without a known name = %q, want %q", got, want)
	}
}
