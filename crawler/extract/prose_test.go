package extract

import (
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestProseAsks reads the asks that story lines mark, each line written
// for this test in the ways posts tell what was asked.
func TestProseAsks(t *testing.T) {
	type ask struct{ Title, Body string }
	base, _ := url.Parse("http://example.com/post/")
	for _, tc := range []struct {
		name, line string
		want       []ask
	}{{
		name: "two asks in one sentence, joined by and then",
		line: "We began with some small talk and then he asked why I wanted to move to Pune and then he asked code of a binary heap.",
		want: []ask{{"Why I wanted to move to Pune.", ""}, {"Code of a binary heap.", ""}},
	}, {
		name: "a follow-up that points back goes into the body",
		line: "He asked me to merge k sorted lists. Then he asked me to code it.",
		want: []ask{{"Merge k sorted lists.", "Then he asked me to code it."}},
	}, {
		name: "a follow-up naming the same thing goes into the body",
		line: "He asked me to check whether a number is an Armstrong number. And then he asked me to list all Armstrong numbers below n.",
		want: []ask{{"Check whether a number is an Armstrong number.", "And then he asked me to list all Armstrong numbers below n."}},
	}, {
		name: "a second ask on the same kind of input is a question of its own",
		line: "He asked me to find the height of a binary tree. Then he asked me to print the left view of a binary tree.",
		want: []ask{{"Find the height of a binary tree.", ""}, {"Print the left view of a binary tree.", ""}},
	}, {
		name: "a why after an ask questions its answer",
		line: "He asked me to find the shortest route in a city map. He asked me why a heap is needed there.",
		want: []ask{{"Find the shortest route in a city map.", "He asked me why a heap is needed there."}},
	}, {
		name: "the candidate's reply ends the ask",
		line: "He told me to print the numbers from 1 to 100… I did it with a loop, but he wanted no loop.",
		want: []ask{{"Print the numbers from 1 to 100.", ""}},
	}, {
		name: "a clause of the ask about the candidate is kept",
		line: "The manager asked me to explain the research project that I did in my final year.",
		want: []ask{{"Explain the research project that I did in my final year.", ""}},
	}, {
		name: "one of the questions was",
		line: "He gave me two questions on graphs, one of them was finding the number of islands in a grid, and the code for the same.",
		want: []ask{{"Finding the number of islands in a grid, and the code for the same.", ""}},
	}, {
		name: "an ask after a comma",
		line: "Next he asked, given the logs of a web server, find the most visited page in each hour.",
		want: []ask{{"Given the logs of a web server, find the most visited page in each hour.", ""}},
	}, {
		name: "a scenario announced, then told",
		line: "He gave a scenario. Suppose a user types a search term and nothing comes back for a minute.",
		want: []ask{{"Suppose a user types a search term and nothing comes back for a minute.", ""}},
	}, {
		name: "what-if variations are follow-ups, not questions",
		line: "He asked what if the list had a loop.",
		want: nil,
	}, {
		name: "asking how the candidate solved it is no new question",
		line: "He asked how I solved the second coding question of the test.",
		want: nil,
	}, {
		name: "quoted questions in the story",
		line: "The round opened with a “Tell me about yourself” and questions like “Describe a time you missed a deadline”.",
		want: []ask{{"Tell me about yourself", ""}, {"Describe a time you missed a deadline", ""}},
	}, {
		name: "a quote the candidate says is no question",
		line: "I said, “Give me a minute to think about it” and he agreed.",
		want: nil,
	}, {
		name: "the candidate's turn to ask is no question",
		line: "At the end he said “Do you have any questions for me?” and I asked about the team.",
		want: nil,
	}, {
		name: "a short quote is no question",
		line: "He did not accept “Arrays” as an answer.",
		want: nil,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			var got []ask
			for _, q := range proseAsks(qline{text: tc.line}, base) {
				got = append(got, ask{q.Title, q.Body})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("proseAsks(%q) (-want +got):\n%s", tc.line, diff)
			}
		})
	}
}

func TestFollowUpLine(t *testing.T) {
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"After that he asked me to write it recursively.", true},
		{"Then he asked the time complexity of the code and I said linear.", true},
		{"Then he asked me to optimise the solution.", true},
		{"He asked me to prove it. I could not.", true},
		// A line that opens with its own problem is no follow-up, though
		// it tells of one after.
		{"Given a string, find its longest palindrome. I gave a cubic solution and he asked me to optimise it.", false},
		{"He asked me to reverse a linked list and then to code it.", false},
		{"I wrote the code and he was happy.", false},
	} {
		if got := followUpLine(qline{text: tc.line}); got != tc.want {
			t.Errorf("followUpLine(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
}

func TestQuestionWas(t *testing.T) {
	for _, tc := range []struct {
		line, question, rest string
		ok                   bool
	}{
		{`The first question was, “What is a heap?” I said, “A tree with an order”.`, "What is a heap?", `I said, “A tree with an order”.`, true},
		{`The question was "Why does a hash map need a good hash?"`, "Why does a hash map need a good hash?", "", true},
		{`The first question was about heaps.`, "", "", false},
		{`The first question was “Good morning”.`, "", "", false},
	} {
		question, rest, ok := questionWas(tc.line)
		if question != tc.question || rest != tc.rest || ok != tc.ok {
			t.Errorf("questionWas(%q) = %q, %q, %v, want %q, %q, %v", tc.line, question, rest, ok, tc.question, tc.rest, tc.ok)
		}
	}
}
