package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/index"
)

func TestDifficultiesInfer(t *testing.T) {
	// pair-sum, triple-sum and p are no problems of the catalogue, which
	// then rates none of them.
	tests := []struct {
		name         string
		learn        []difficultySource
		problem, key string
		want         string
	}{
		{"nothing rated", nil, "pair-sum", "two sum", ""},
		{"a list rates the problem", []difficultySource{{problem: "pair-sum", key: "x", difficulty: "Easy", known: true}}, "pair-sum", "y", "Easy"},
		{"a post rates the problem", []difficultySource{{problem: "pair-sum", key: "x", difficulty: "Medium"}}, "pair-sum", "y", "Medium"},
		{
			"a list wins over posts",
			[]difficultySource{
				{problem: "pair-sum", difficulty: "Medium"}, {problem: "pair-sum", difficulty: "Medium"},
				{problem: "pair-sum", difficulty: "Easy", known: true},
			},
			"pair-sum", "", "Easy",
		},
		{
			"most posts win, a tie goes to the harder",
			[]difficultySource{{problem: "p", difficulty: "Easy"}, {problem: "p", difficulty: "Hard"}},
			"p", "", "Hard",
		},
		{"the same title key without a problem", []difficultySource{{key: "odd even sort", difficulty: "Medium"}}, "", "odd even sort", "Medium"},
		{"another problem says nothing", []difficultySource{{problem: "triple-sum", key: "3 sum", difficulty: "Medium", known: true}}, "pair-sum", "two sum", ""},
		{"no difficulty stated teaches nothing", []difficultySource{{problem: "p", key: "k"}}, "p", "k", ""},
		// The catalogue rates trapping rain water (Hard); a list's rating
		// would win, a post's would not.
		{"the catalogue before posts", []difficultySource{{problem: "trapping-rain-water", difficulty: "Easy"}}, "trapping-rain-water", "", "Hard"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDifficulties()
			for _, s := range tt.learn {
				d.learn(s)
			}
			if got := d.infer(tt.problem, tt.key); got != tt.want {
				t.Errorf("infer(%q, %q) = %q, want %q", tt.problem, tt.key, got, tt.want)
			}
		})
	}
}

// A list of known problems rates Trapping Rain Water and Two Sum; a post
// asks both in its own words, one question rating itself, and asks
// something no one rates.
const ratedDocs = `{"id":"list","title":"Acme LeetCode list","company":"Acme","extractor":"import:leetcode","questions":[{"ordinal":1,"title":"Trapping Rain Water","category":"DSA","difficulty":"Hard"},{"ordinal":2,"title":"Two Sum","category":"DSA","difficulty":"Easy"}]}
{"id":"post","title":"Acme SDE interview","company":"Acme","questions":[{"ordinal":1,"title":"How much water is collected between buildings of given heights?","category":"DSA"},{"ordinal":2,"title":"Find a pair of elements with sum k in an array","category":"DSA","difficulty":"Medium"},{"ordinal":3,"title":"Why do you want to join us?","category":"Behavioral"}]}
`

func TestBuildInfersDifficulty(t *testing.T) {
	docs := writeFile(t, "docs.jsonl", ratedDocs)
	dir := filepath.Join(t.TempDir(), "idx")
	off := false
	if _, err := Build(context.Background(), Config{Docs: []string{docs}, IndexDir: dir, Progress: &off}, &bytes.Buffer{}); err != nil {
		t.Fatalf("Build: %v", err)
	}
	idx, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	e, err := idx.Experience(context.Background(), "post")
	if err != nil {
		t.Fatal(err)
	}
	type rated struct{ Difficulty, Source string }
	var got []rated
	for _, q := range e.Questions {
		got = append(got, rated{q.Difficulty, q.DifficultySource})
	}
	want := []rated{{"Hard", askedat.DifficultyInferred}, {"Medium", ""}, {"", ""}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the post's difficulties (-want +got):\n%s", diff)
	}

	hard := func(source string) uint64 {
		t.Helper()
		res, err := idx.Search(context.Background(), askedat.Request{Filters: map[string][]string{"difficulty": {"hard"}}, DifficultySource: source})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	for _, tt := range []struct {
		source string
		want   uint64
	}{{"", 2}, {askedat.SourceStated, 1}, {askedat.SourceInferred, 1}} {
		if got := hard(tt.source); got != tt.want {
			t.Errorf("difficulty=hard, difficulty_source %q: %d questions, want %d", tt.source, got, tt.want)
		}
	}
}

func TestInferUpdated(t *testing.T) {
	old := map[int]askedat.Question{
		1: {Ordinal: 1, Title: "Odd even sort", Difficulty: "Medium", DifficultySource: askedat.DifficultyInferred},
		2: {Ordinal: 2, Title: "Odd even sort", Difficulty: "Medium", DifficultySource: askedat.DifficultyInferred},
	}
	tests := []struct {
		name string
		q    askedat.Question
		want [2]string // difficulty, source
	}{
		{"a stated difficulty stays", askedat.Question{Ordinal: 1, Title: "Odd even sort", Difficulty: "Easy"}, [2]string{"Easy", ""}},
		{"the same question keeps what was inferred", askedat.Question{Ordinal: 1, Title: "odd-even sort"}, [2]string{"Medium", askedat.DifficultyInferred}},
		{"another title under the ordinal does not", askedat.Question{Ordinal: 2, Title: "Tell me about yourself"}, [2]string{"", ""}},
		{"the catalogue rates a problem", askedat.Question{Ordinal: 3, Title: "Trapping rain water"}, [2]string{"Hard", askedat.DifficultyInferred}},
		{"nothing rates it", askedat.Question{Ordinal: 4, Title: "Why this company?"}, [2]string{"", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.q
			inferUpdated(&q, old)
			if got := [2]string{q.Difficulty, q.DifficultySource}; got != tt.want {
				t.Errorf("inferUpdated(%q) = %v, want %v", tt.q.Title, got, tt.want)
			}
		})
	}
}

func TestKnownProblemOf(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Trapping Rain Water", "trapping-rain-water"}, // the catalogue's LeetCode title
		{"trapping  rain water", "trapping-rain-water"},
		// Mentions permutations, but is another LeetCode problem than the
		// catalogue's Permutations.
		{"Find Permutation", ""},
		{"Permutation Sequence", "permutation-sequence"},
		// A problem LeetCode does not have is found by its names.
		{"Tell me about yourself", "tell-me-about-yourself"},
	}
	for _, tt := range tests {
		if got := knownProblemOf(tt.title, ""); got != tt.want {
			t.Errorf("knownProblemOf(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func TestProblemsOf(t *testing.T) {
	tests := []struct{ title, body, inTitle, asked string }{
		// A lead-in: the body's problem is the one asked, and rated.
		{"He asked do I know level order traversal of binary tree.", "Then he asked for the zigzag level order traversal.", "zigzag-level-order", "zigzag-level-order"},
		// Nothing asked in the body: the title is the ask.
		{"Do you know the trapping rain water problem?", "", "trapping-rain-water", "trapping-rain-water"},
		// The title's sentence goes on in the body: grouped by both,
		// rated by the title alone (which names nothing).
		{"You are given a sorted but rotated array like 6 7 8 1 2 3 4 5", "You have to search an element in it.", "", "search-rotated-sorted-array"},
		// Not a lead-in: the body's follow-up does not change the ask.
		{"Trapping rain water.", "Then we talked about two sum.", "trapping-rain-water", "trapping-rain-water"},
		// A restated ask: the words after "i.e." are the problem.
		{"He asked me the subset sum problem i.e. find the maximum sum contiguous subarray.", "", "maximum-subarray", "maximum-subarray"},
		{"He asked me the subset sum problem i.e; find the maximum sum contiguous subarray.", "", "maximum-subarray", "maximum-subarray"},
		// "that is" in a clause restates nothing.
		{"Find a subset sum that is divisible by k.", "", "subset-sum", "subset-sum"},
	}
	for _, tt := range tests {
		inTitle, asked := problemsOf(tt.title, tt.body)
		if inTitle != tt.inTitle || asked != tt.asked {
			t.Errorf("problemsOf(%q, %q) = %q, %q; want %q, %q", tt.title, tt.body, inTitle, asked, tt.inTitle, tt.asked)
		}
	}
}

func TestFirstProblem(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Trapping rain water", "trapping-rain-water"},
		// The ask is the first; a later mention is how it was solved.
		{"Determine the diameter of a tree (we had to sort the input and build a BST)", "diameter-of-tree"},
		// A problem named after the title's first sentence is not its ask.
		{"Print the nodes of the tree in some order. Later we talked about the trapping rain water problem", ""},
		{"Print the nodes in some order . Then trapping rain water", ""},
		{"A variation of trapping rain water", ""},
		{"Something similar to trapping rain water", ""},
		{"Tell me about yourself", "tell-me-about-yourself"},
	}
	for _, tt := range tests {
		if got := firstProblem(tt.title); got != tt.want {
			t.Errorf("firstProblem(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}
