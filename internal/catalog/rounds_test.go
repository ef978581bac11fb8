package catalog

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRoundHeadings checks the kinds of round that the headings posts give
// their rounds name, and that the words of a round name nothing in a
// question's text ("testing", "manager") on their own.
func TestRoundHeadings(t *testing.T) {
	tests := []struct {
		text string
		want []string // the kinds of round (IsRound) Tags finds, sorted
	}{
		{"Online Round: (Duration – 90 minutes)", []string{"interview-round", "online-assessment"}},
		{"OA on HackerRank", []string{"interview-round", "online-assessment"}},
		{"Round 1: Online Written Test", []string{"interview-round", "online-assessment"}},
		{"Written Exam (1 hr 30 mins)", []string{"interview-round", "written-test"}},
		{"Aptitude Round", []string{"interview-round", "written-test"}},
		{"Second face to face", []string{"interview-round", "onsite-round"}},
		{"Round 5 (Final Round – Telephonic)", []string{"interview-round", "phone-screen"}},
		{"Phone screen with a senior engineer", []string{"interview-round", "phone-screen"}},
		{"F2F – Round 2", []string{"interview-round", "onsite-round"}},
		{"Face to Face Round 3", []string{"interview-round", "onsite-round"}},
		{"Round 4: Hiring Manager round", []string{"hiring-manager-round", "interview-round"}},
		{"Fifth round: technical + design, Bar Raiser", []string{"bar-raiser-round", "interview-round"}},
		{"HR Round", []string{"hr-round", "interview-round"}},
		// a round that says only its order or that it was technical
		{"Technical Interview 1", nil},
		{"Round 3", nil},
		// question texts that share a word with a round's name
		{"Write test cases for the function", nil},
		{"Black box vs white box testing", nil},
		{"Disagreement with your manager", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, id := range Tags(tt.text) {
			if IsRound(id) {
				got = append(got, id)
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("kinds of round of %q (-want +got):\n%s", tt.text, diff)
		}
	}
}

// TestIsRound checks that only the round topic and its kinds are rounds:
// an HR round is behavioural too, but behavioural questions are asked in
// every round.
func TestIsRound(t *testing.T) {
	tests := []struct {
		id   string
		want bool
	}{
		{RoundTopic, true},
		{"phone-screen", true},
		{"hr-round", true},
		{"behavioural", false},
		{"system-design", false},
		{"trapping-rain-water", false},
		{"no-such-entry", false},
	}
	for _, tt := range tests {
		if got := IsRound(tt.id); got != tt.want {
			t.Errorf("IsRound(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
	if e := Lookup("hr-round"); e == nil || !slices.Contains(e.Topics, "behavioural") {
		t.Errorf("hr-round's topics = %v, want behavioural among them", e)
	}
}
