package extract

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat"
)

func TestRepeatKey(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"Tell me about yourself.", "Tell me about yourself", true},
		{"Tell me about yourself.", "Tell me about self.", true},
		{"Introduce yourself", "Started with a formal introduction.", true},
		{"Detailed project discussion of around 40 minutes.", "Started with a discussion on my projects", true},
		{"Discussion about the project I did at my last company.", "Project discussion", true},
		// A project ask that asks more than the talk is a question of its own.
		{"Project discussion", "What was the hardest part of your project?", false},
		{"Find two numbers with a given sum.", "Find three numbers with a given sum.", false},
		{"Find 2 numbers with a given sum.", "Find 3 numbers with a given sum.", false},
		{"Reverse a linked list.", "Reverse a linked list in groups of k.", false},
	} {
		if got := repeatKey(tc.a) == repeatKey(tc.b); got != tc.same {
			t.Errorf("repeatKey(%q) == repeatKey(%q): got %v, want %v (%q, %q)", tc.a, tc.b, got, tc.same, repeatKey(tc.a), repeatKey(tc.b))
		}
	}
}

func TestDropRepeats(t *testing.T) {
	q := func(title, body, round string) askedat.Question {
		return askedat.Question{Title: title, Body: body, Round: round}
	}
	for _, tc := range []struct {
		name      string
		got, want []askedat.Question
	}{{
		name: "an introduction asked in every round counts once",
		got:  []askedat.Question{q("Tell me about yourself.", "", "Round 1"), q("Merge two heaps.", "", "Round 1"), q("Introduce yourself", "", "Round 2")},
		want: []askedat.Question{q("Tell me about yourself.", "", "Round 1"), q("Merge two heaps.", "", "Round 1")},
	}, {
		name: "a repeat whose body asks more is kept",
		got:  []askedat.Question{q("Why leave your job?", "", "Round 1"), q("Why leave your job?", "And why us?", "Round 3")},
		want: []askedat.Question{q("Why leave your job?", "", "Round 1"), q("Why leave your job?", "And why us?", "Round 3")},
	}, {
		name: "a repeat with the same body is dropped",
		got:  []askedat.Question{q("Sort a stack.", "Use recursion.", "Round 1"), q("Sort a stack", "use recursion", "Round 2")},
		want: []askedat.Question{q("Sort a stack.", "Use recursion.", "Round 1")},
	}, {
		name: "titles with no word that counts are not repeats of each other",
		got:  []askedat.Question{q("What is it?", "", "Round 1"), q("How is it?", "", "Round 1")},
		want: []askedat.Question{q("What is it?", "", "Round 1"), q("How is it?", "", "Round 1")},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, dropRepeats(tc.got)); diff != "" {
				t.Errorf("dropRepeats (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSmallTalk(t *testing.T) {
	for _, tc := range []struct {
		ask  string
		want bool
	}{
		{"brief my current project", true},
		{"introduce myself", true},
		{"tell him about myself", true},
		{"explain my final year project in detail", false}, // "final", "year": more than the talk
		{"pick one of my projects and draw its architecture", false},
		{"find the kth largest element of a stream", false},
	} {
		if got := smallTalk(tc.ask); got != tc.want {
			t.Errorf("smallTalk(%q) = %v, want %v", tc.ask, got, tc.want)
		}
	}
}
