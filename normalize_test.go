package askedat

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNormalizeValues(t *testing.T) {
	tests := []struct {
		fn   func(string) string
		name string
		in   string
		want string
	}{
		{NormalizeCompany, "company", "nxtwave", "NxtWave"},
		{NormalizeCompany, "company", "NXTWAVE", "NxtWave"},
		{NormalizeCompany, "company", "  Nxt  Wave ", "NxtWave"},
		{NormalizeCompany, "company", "goldman-sachs", "Goldman Sachs"},
		{NormalizeCompany, "company", "TCS", "Tata Consultancy Services"},
		{NormalizeCompany, "company", "acme widgets", "Acme Widgets"},
		{NormalizeCompany, "company", "eBay", "eBay"},
		{NormalizeCompany, "company", "", ""},
		{NormalizeCategory, "category", "DSA", "Data Structures & Algorithms"},
		{NormalizeCategory, "category", "data structures and algorithms", "Data Structures & Algorithms"},
		{NormalizeCategory, "category", "system_design", "System Design"},
		{NormalizeCategory, "category", "Behavioural", "Behavioral"},
		{NormalizeCategory, "category", "Puzzles", "Puzzles"},
		{NormalizeDifficulty, "difficulty", "Average Interview", "Medium"},
		{NormalizeDifficulty, "difficulty", "Difficult\nInterview", "Hard"},
		{NormalizeDifficulty, "difficulty", "EASY", "Easy"},
		{NormalizeStatus, "status", "No Offer", "Rejected"},
		{NormalizeStatus, "status", "Accepted Offer", "Offer"},
		{NormalizeStatus, "status", "ongoing", "Ongoing"},
		{NormalizeRole, "role", "Software Engineer Interview", "Software Engineer"},
		{NormalizeRole, "role", "backend developer", "Back-End Developer"},
		{NormalizeRole, "role", "Back-End Developer", "Back-End Developer"},
		{NormalizeCampus, "campus", "Off Campus", "Off-Campus"},
		{NormalizeCampus, "campus", "ON-CAMPUS", "On-Campus"},
		{NormalizeSentiment, "sentiment", "Negative Experience", "Negative"},
		{NormalizeDifficulty, "difficulty", "Difficult\nInterview", "Hard"},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("normalize %s(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestNormalizeKeepsRawAndIsIdempotent(t *testing.T) {
	e := Experience{
		Company: "nxtwave", Status: "Ongoing", Difficulty: "Average Interview",
		Campus: "on campus", Sentiment: "Positive Experience", Location: " Mumbai ",
		Tags: []string{" Amazon ", "amazon", "", "Internship"},
		Questions: []Question{{Ordinal: 1, Title: " Two   Sum ", Category: "DSA", Difficulty: "easy",
			Round: " Round  1 ", Tags: []string{"Array", " Hash  Table", "array"}}},
	}
	Normalize(&e)
	first := deepCopy(t, e)
	Normalize(&e)
	if e.Company != "NxtWave" || e.CompanyRaw != "nxtwave" {
		t.Errorf("company = %q raw %q, want NxtWave raw nxtwave", e.Company, e.CompanyRaw)
	}
	if e.StatusRaw != "" {
		t.Errorf("status raw = %q, want empty (the value was already canonical)", e.StatusRaw)
	}
	if e.Difficulty != DifficultyMedium || e.DifficultyRaw != "Average Interview" {
		t.Errorf("difficulty = %q raw %q, want Medium raw %q", e.Difficulty, e.DifficultyRaw, "Average Interview")
	}
	if e.Campus != "On-Campus" || e.Sentiment != "Positive" || e.Location != "Mumbai" {
		t.Errorf("campus, sentiment, location = %q, %q, %q, want On-Campus, Positive, Mumbai", e.Campus, e.Sentiment, e.Location)
	}
	if diff := cmp.Diff([]string{"Amazon", "Internship"}, e.Tags); diff != "" {
		t.Errorf("tags (-want +got):\n%s", diff)
	}
	q := e.Questions[0]
	if q.Title != "Two Sum" || q.Category != CategoryDSA || q.CategoryRaw != "DSA" || q.Difficulty != "Easy" || q.DifficultyRaw != "easy" || q.Round != "Round 1" {
		t.Errorf("question = %+v, want title Two Sum, category DSA canonical with raw, difficulty Easy with raw easy, round Round 1", q)
	}
	if diff := cmp.Diff([]string{"Array", "Hash Table"}, q.Tags); diff != "" {
		t.Errorf("question tags (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(first, e); diff != "" {
		t.Errorf("Normalize is not idempotent (-first +second):\n%s", diff)
	}
}

// deepCopy returns a copy of e that shares no slices with it.
func deepCopy(t *testing.T, e Experience) Experience {
	t.Helper()
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var c Experience
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestIDForURL(t *testing.T) {
	a := IDForURL("https://interviewexperiences.in/experience/nxtwave/x")
	for _, u := range []string{"http://interviewexperiences.in/experience/nxtwave/x", "https://interviewexperiences.in/experience/nxtwave/x/", " HTTPS://InterviewExperiences.in/experience/nxtwave/x"} {
		if got := IDForURL(u); got != a {
			t.Errorf("IDForURL(%q) = %s, want %s", u, got, a)
		}
	}
	if got := IDForURL("https://interviewexperiences.in/experience/nxtwave/y"); got == a {
		t.Errorf("two posts share id %s", got)
	}
	if len(a) != 16 {
		t.Errorf("len(IDForURL) = %d, want 16", len(a))
	}
}
