package index

import "testing"

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
	}
	for _, tt := range tests {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("normalize %s(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestNormalizeKeepsRawAndIsIdempotent(t *testing.T) {
	e := Experience{Company: "nxtwave", Status: "Ongoing", Questions: []Question{{Ordinal: 1, Title: " Two   Sum ", Category: "DSA", Difficulty: "easy"}}}
	Normalize(&e)
	first := e
	first.Questions = append([]Question(nil), e.Questions...)
	Normalize(&e)
	if e.Company != "NxtWave" || e.CompanyRaw != "nxtwave" {
		t.Errorf("company = %q raw %q, want NxtWave raw nxtwave", e.Company, e.CompanyRaw)
	}
	if e.StatusRaw != "" {
		t.Errorf("status raw = %q, want empty (the value was already canonical)", e.StatusRaw)
	}
	q := e.Questions[0]
	if q.Title != "Two Sum" || q.Category != CategoryDSA || q.CategoryRaw != "DSA" || q.Difficulty != "Easy" || q.DifficultyRaw != "easy" {
		t.Errorf("question = %+v, want title Two Sum, category DSA canonical with raw, difficulty Easy with raw easy", q)
	}
	if e.Company != first.Company || e.CompanyRaw != first.CompanyRaw || e.Questions[0] != first.Questions[0] {
		t.Errorf("Normalize is not idempotent: %+v then %+v", first, e)
	}
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
