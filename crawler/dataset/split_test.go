package dataset

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplit(t *testing.T) {
	all := &Split{Lines: true, Numbering: true, Questions: true, Sentences: true}
	tests := []struct {
		name  string
		split *Split
		in    string
		want  []string
	}{
		{"one question", all, "What is a deadlock?", []string{"What is a deadlock?"}},
		{"lines", &Split{Lines: true}, "Explain OOP\n\nWhat is JVM?\r\n  SQL joins  \n", []string{"Explain OOP", "What is JVM?", "SQL joins"}},
		{"numbered on one line", &Split{Numbering: true}, "1. Reverse a list 2. Two sum 3) LRU cache", []string{"Reverse a list", "Two sum", "LRU cache"}},
		{"numbered with Q", &Split{Numbering: true}, "Q1: tell me about yourself Q2: why us", []string{"tell me about yourself", "why us"}},
		{"numbers that do not count", &Split{Numbering: true}, "Java 8. features and Python 3. syntax", []string{"Java 8. features and Python 3. syntax"}},
		{"numbered lines", &Split{Lines: true}, "1. Two sum\n2) Three sum\n- Four sum\n• Five sum", []string{"Two sum", "Three sum", "Four sum", "Five sum"}},
		{"question marks", &Split{Questions: true}, "What is Java? Why Java?? Where is it used", []string{"What is Java?", "Why Java??", "Where is it used"}},
		{"question mark at end", &Split{Questions: true}, "What is Java?  ", []string{"What is Java?"}},
		{"sentences", &Split{Sentences: true}, "Tell me about yourself. Why this role. Your hobbies", []string{"Tell me about yourself.", "Why this role.", "Your hobbies"}},
		{"not sentences", &Split{Sentences: true}, "Asked about B. Tech project, e.g. the design. vs. the code", []string{"Asked about B. Tech project, e.g. the design. vs. the code"}},
		{"separator", &Split{Separator: ","}, "Array, Hash Table,, Two Pointers", []string{"Array", "Hash Table", "Two Pointers"}},
		{"heading lines dropped", all, "Core Java:\nWhat is JVM?\nHTML: what is a div", []string{"What is JVM?", "HTML: what is a div"}},
		{"no words", all, "?\n---\n...", nil},
		{"a range is not a number", all, "2-3 coding questions", []string{"2-3 coding questions"}},
		{"a time is not a number", &Split{Lines: true}, "10:30 round with the manager", []string{"10:30 round with the manager"}},
		{"nil split only tidies", nil, "  1. Two sum  ", []string{"Two sum"}},
	}
	for _, tt := range tests {
		got := tt.split.apply([]string{tt.in})
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: split(%q) (-want +got):\n%s", tt.name, tt.in, diff)
		}
	}
}

func TestTemplate(t *testing.T) {
	for _, tt := range []struct{ in, err string }{
		{"{a} at {b}", ""},
		{"{{literal}} {a}", ""},
		{"{a", "unclosed {"},
		{"a}", "} without {"},
		{"{}", "empty"},
	} {
		_, err := parseTemplate(tt.in)
		if (err == nil) != (tt.err == "") || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("parseTemplate(%q) = %v, want error %q", tt.in, err, tt.err)
		}
	}
	tm, _ := parseTemplate("{{x}} {a} and {b}")
	ev := &evaluator{imp: &importer{m: &Mapping{}}, r: &row{values: map[string]any{"a": "A", "b": []string{"B1", "B2"}}}}
	got, err := ev.template(tm)
	if want := "{x} A and B1\nB2"; err != nil || got != want {
		t.Errorf("template = %q, %v; want %q", got, err, want)
	}
	empty, _ := parseTemplate("{missing} at {gone}")
	if got, _ := ev.template(empty); got != "" {
		t.Errorf("template with every hole empty = %q, want \"\"", got)
	}
}
