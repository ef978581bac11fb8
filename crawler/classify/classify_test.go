package classify

import (
	"flag"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat"
)

func TestInfer(t *testing.T) {
	// Questions written for this test, one of each kind, worded unlike the
	// training text.
	tests := []struct {
		title, body, want string
	}{
		{"Invert a binary tree", "Swap every node's children recursively.", askedat.CategoryDSA},
		{"Given a string, find its longest palindromic subsequence", "", askedat.CategoryDSA},
		{"How would you build a URL shortening service for a billion links?", "", askedat.CategorySystemDesign},
		{"Design WhatsApp", "Cover message delivery, storage and scaling to millions of users.", askedat.CategorySystemDesign},
		{"Introduce yourself", "", askedat.CategoryBehavioral},
		{"Why do you want to leave your present employer?", "", askedat.CategoryBehavioral},
		{"What is the difference between an abstract class and an interface in Java?", "", askedat.CategoryOther},
		{"Explain normalization in DBMS", "", askedat.CategoryOther},
		{"A train 200 m long crosses a pole in 10 seconds: what is its speed?", "", "Aptitude"},
	}
	for _, tt := range tests {
		got, conf := Infer(tt.title, tt.body)
		if got != tt.want {
			t.Errorf("Infer(%q, %q) = %q (%.2f), want %q", tt.title, tt.body, got, conf, tt.want)
		}
		if conf <= 0 || conf > 1 {
			t.Errorf("Infer(%q, %q) confidence = %v, want in (0, 1]", tt.title, tt.body, conf)
		}
	}
}

func TestInferUnknownText(t *testing.T) {
	for _, text := range []string{"", "   ", "!!!", "zxqv wkrp"} {
		got, conf := Infer(text, "")
		if got != askedat.CategoryOther || conf != 0 {
			t.Errorf("Infer(%q, \"\") = %q, %v; want %q, 0", text, got, conf, askedat.CategoryOther)
		}
	}
}

func TestInferBodyMatters(t *testing.T) {
	// A title that says nothing; the body decides.
	got, _ := Infer("Question 3", "Find the shortest path between two nodes of a weighted graph with Dijkstra's algorithm.")
	if got != askedat.CategoryDSA {
		t.Errorf("Infer with a DSA body = %q, want %q", got, askedat.CategoryDSA)
	}
	got, _ = Infer("Question 3", "Talk about a disagreement with your manager and how you resolved it.")
	if got != askedat.CategoryBehavioral {
		t.Errorf("Infer with a behavioral body = %q, want %q", got, askedat.CategoryBehavioral)
	}
}

func TestFill(t *testing.T) {
	e := &askedat.Experience{Questions: []askedat.Question{
		{Ordinal: 1, Title: "Reverse a linked list", Category: askedat.CategoryBehavioral},
		{Ordinal: 2, Title: "Reverse a linked list"},
		{Ordinal: 3, Title: "Tell me about yourself", Category: "Puzzles"},
		{Ordinal: 4, Title: "Tell me about yourself"},
	}}
	Fill(e)
	got := make([]string, len(e.Questions))
	for i, q := range e.Questions {
		got[i] = fmt.Sprintf("%s inferred=%v", q.Category, q.CategoryInferred)
	}
	want := []string{
		"Behavioral inferred=false", // stated, even if it looks wrong
		"Data Structures & Algorithms inferred=true",
		"Puzzles inferred=false", // a category the classifier does not know is still stated
		"Behavioral inferred=true",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Fill (-want +got):\n%s", diff)
	}
}

func TestTrainErrors(t *testing.T) {
	tests := []struct {
		name, txt, want string
	}{
		{"example first", "reverse a list\n## Other\nwhat is dns\n", "line 1: example before"},
		{"unknown category", "## Puzzles\nburning ropes\n", `line 1: "Puzzles" is not a canonical category`},
		{"one category", "## Other\nwhat is dns\n", "two categories or more"},
		{"empty category", "## Other\nwhat is dns\n## Behavioral\n", `"Behavioral" has no examples`},
	}
	for _, tt := range tests {
		_, err := Train(tt.txt)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Train = %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
	m, err := Train("## dsa\nreverse a linked list\n## hr\nwhy this company\n")
	if err != nil {
		t.Fatalf("Train with aliases of categories: %v", err)
	}
	if got, _ := m.Infer("linked list", ""); got != askedat.CategoryDSA {
		t.Errorf("small model: Infer(linked list) = %q, want %q", got, askedat.CategoryDSA)
	}
}

var sweep = flag.Bool("sweep", false, "TestSettingsSweep: log the accuracy of other settings on the dev sets")

// TestSettingsSweep shows how the settings were chosen: accuracy on the
// seed page and the dev half of Darwinbox (never the held-out half) for a
// grid of settings. go test ./crawler/classify -run Sweep -sweep -v
func TestSettingsSweep(t *testing.T) {
	if !*sweep {
		t.Skip("run with -sweep")
	}
	seed := seedQuestions(t)
	dev, _ := darwinbox(t)
	defer func(m *Model) { model = m }(model)
	for _, a := range []float64{0.02, 0.1, 0.5} {
		for _, l := range []float64{0.5, 0.7, 0.9, 1} {
			for _, bw := range []float64{0.2, 0.35, 0.6} {
				for _, pw := range []float64{0, 0.5, 1} {
					s := defaults
					s.alpha, s.lambda, s.bodyWeight, s.pairWeight = a, l, bw, pw
					m, err := train(trainTxt, s)
					if err != nil {
						t.Fatal(err)
					}
					model = m
					a1, a2 := evaluate(seed).accuracy(), evaluate(dev).accuracy()
					t.Logf("alpha %.2f lambda %.1f body %.2f pairs %.1f: seed %.3f, darwinbox dev %.3f, mean %.3f", a, l, bw, pw, a1, a2, (a1+a2)/2)
				}
			}
		}
	}
}

func BenchmarkInfer(b *testing.B) {
	qs := [][2]string{
		{"Tell me about yourself", ""},
		{"Reverse a linked list in groups of k", "Given the head of a singly linked list, reverse the nodes k at a time and return the new head. Discuss the recursive and the iterative versions."},
		{"Design a rate limiter", "Support per-user limits across a fleet of API servers; discuss token buckets, Redis and what happens when the store is down."},
		{"Difference between process and thread", ""},
		{"Why should we hire you?", ""},
		{"Explain ACID properties with examples from a banking application", ""},
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		q := qs[i%len(qs)]
		Infer(q[0], q[1])
	}
}
