package extract

import (
	"testing"

	"github.com/askedat/askedat"
)

// The sentences here are written for the tests.

func TestSentenceRole(t *testing.T) {
	tests := []struct {
		name, sentence string
		role, level    string
		named          bool
	}{
		{"position of", "I was interviewed in Pune for the position of Software Development Engineer.", "Software Development Engineer", "", false},
		{"role of", "I applied for the role of Data Analyst last spring.", "Data Analyst", "", false},
		{"SDE-1 position", "I had an interview with Initech for the SDE-1 position.", "SDE", "SDE-1", false},
		{"SDE 2 role", "I appeared for an SDE 2 role at their Delhi office.", "SDE", "SDE-2", false},
		{"campus for", "Initech visited our campus for SDE-1 positions.", "SDE", "SDE-1", false},
		{"hiring for", "The company came to our college hiring for SDE.", "SDE", "", false},
		{"call for", "I got a call from a recruiter for an opening in SDE - II.", "SDE", "SDE-2", false},
		{"applied for", "I applied for Software Developer through the careers page.", "Software Developer", "", false},
		{"SDET", "I interviewed for the SDET position in the devices team.", "SDET", "", false},
		{"hiring interns", "They were hiring Software Developer interns for the summer.", "Software Developer", "Intern", false},
		{"hired as intern", "I was hired as an intern in the end.", "", "Intern", false},
		{"offer for profile", "They extended the offer for the SDE-1 profile.", "SDE", "SDE-1", false},
		{"interviewer's round", "Then came the call for the Hiring Manager round.", "", "", false},
		{"unread role", "I was interviewed for the QAE/SE role instead.", "", "", true},
		{"same position", "Two others applied for the same position.", "", "", false},
		{"my profile", "They wanted another look as they liked my profile.", "", "", false},
		{"no role", "The first round was an online test of two hours.", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			role, level, named := sentenceRole(plainSentence(tt.sentence))
			if role != tt.role || level != tt.level || named != tt.named {
				t.Errorf("sentenceRole(%q) = %q, %q, %v, want %q, %q, %v", tt.sentence, role, level, named, tt.role, tt.level, tt.named)
			}
		})
	}
}

// coding returns n questions of a coding interview, with their category
// given, as the page or the classifier sets it.
func coding(n int, category string) []askedat.Question {
	qs := make([]askedat.Question, n)
	for i := range qs {
		qs[i] = askedat.Question{Title: "Reverse a linked list in groups of k.", Category: category}
	}
	return qs
}

func TestRoleFromText(t *testing.T) {
	dsa := "Data Structures & Algorithms"
	tests := []struct {
		name  string
		paras []string
		qs    []askedat.Question
		want  roleFact
	}{
		{"intro names it", []string{"I interviewed at Initech for the SDE-2 position.", "Round 1"}, nil,
			roleFact{role: "SDE", level: "SDE-2", fromText: true}},
		{"a greeting to friends", []string{"Hello friends, Initech came to our campus hiring for SDET.", "Round 1"}, nil,
			roleFact{role: "SDET", fromText: true}},
		{"friend's role is not the candidate's", []string{"My friend applied for the SDET role there.", "Round 1"}, nil,
			roleFact{}},
		{"friend's role, coding questions", []string{"My friend applied for the SDET role there.", "Round 1"}, coding(5, dsa),
			roleFact{role: "Software Engineer"}},
		{"middle needs the first person", []string{"Intro.", "Round 1", "Q1", "Q2", "Design a hiring portal for the SDET role.", "Q4", "Q5", "Q6", "Q7", "Q8"}, nil,
			roleFact{}},
		{"middle in the first person", []string{"Intro.", "Round 1", "Q1", "Q2", "There I learned I was interviewed for the SDET role.", "Q4", "Q5", "Q6", "Q7", "Q8"}, nil,
			roleFact{role: "SDET", fromText: true}},
		{"end names it", []string{"Round 1", "Q1", "Q2", "Q3", "Q4", "They extended me the offer for the SDE-1 profile."}, nil,
			roleFact{role: "SDE", level: "SDE-1", fromText: true}},
		{"coding interview", []string{"Round 1", "Q1"}, coding(4, dsa), roleFact{role: "Software Engineer"}},
		{"coding interview of an intern", []string{"We were hired as interns.", "Round 1"}, coding(4, dsa), roleFact{role: "Software Engineer", level: "Intern"}},
		{"categories not yet inferred", []string{"Round 1"}, coding(4, ""), roleFact{}},
		{"too few coding questions", []string{"Round 1"}, coding(1, dsa), roleFact{}},
		{"mostly other questions", []string{"Round 1"}, append(coding(2, dsa), coding(10, "Behavioral")...), roleFact{}},
		{"a role the rules cannot read", []string{"I was interviewed for the QAE/SE role.", "Round 1"}, coding(5, dsa), roleFact{}},
		{"a tester's interview", []string{"Round 1", "Derive the test cases for a login page.", "Write test cases for a lift.", "What are the test cases for a kettle?"}, coding(5, dsa), roleFact{}},
		{"passed test cases is coding", []string{"Round 1", "My code passed all test cases.", "Two test cases failed at first.", "It ran on hidden test cases."}, coding(5, dsa), roleFact{role: "Software Engineer"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := roleFromText(tt.paras, tt.qs); got != tt.want {
				t.Errorf("roleFromText(%q) = %+v, want %+v", tt.paras, got, tt.want)
			}
		})
	}
}

func TestInferRole(t *testing.T) {
	tests := []struct {
		name        string
		in          askedat.Experience
		role, level string
	}{
		{"a coding interview", askedat.Experience{Body: "Round 1\n\nRound 2", Questions: coding(4, "Data Structures & Algorithms")},
			"Software Engineer", ""},
		{"a role is kept", askedat.Experience{Role: "SDET", Body: "Round 1", Questions: coding(4, "Data Structures & Algorithms")},
			"SDET", ""},
		{"an intern's", askedat.Experience{Body: "They hired me as an intern.\n\nRound 1", Questions: coding(4, "Data Structures & Algorithms")},
			"Software Engineer", "Intern"},
		{"no coding", askedat.Experience{Body: "Round 1", Questions: coding(4, "Behavioral")},
			"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.in
			InferRole(&e)
			if e.Role != tt.role || e.Level != tt.level {
				t.Errorf("InferRole: role %q, level %q; want %q, %q", e.Role, e.Level, tt.role, tt.level)
			}
		})
	}
}
