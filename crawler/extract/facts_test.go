package extract

import (
	"slices"
	"testing"

	"github.com/askedat/askedat"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"One. Two! Three?", []string{"One.", "Two!", "Three?"}},
		{"Only five made it.I was one.", []string{"Only five made it.", "I was one."}},
		{"It ended.. I was not picked :( Then I left", []string{"It ended..", "I was not picked :(", "Then I left"}},
		{"I got it 🙂 Thanks all", []string{"I got it 🙂", "Thanks all"}},
		{"Use a map, e.g. a hash map, to count", []string{"Use a map, e.g. a hash map, to count"}},
		{"It’s done — finally", []string{"It's done - finally"}},
	}
	for _, tt := range tests {
		if got := splitSentences(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("splitSentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTextFacts(t *testing.T) {
	body := "I applied at Initech for the position of SDE-2.\n\nRound 1: two coding problems.\n\nI got the offer a week later."
	tests := []struct {
		name                         string
		in                           askedat.Experience
		role, roleRaw, level, status string
	}{
		{"from the text", askedat.Experience{Company: "Initech", Body: body},
			"Software Engineer", "SDE", "SDE-2", "Offer"},
		{"the page's values win", askedat.Experience{Company: "Initech", Body: body, Role: "Data Analyst", Status: "Rejected"},
			"Data Analyst", "", "", "Rejected"},
		{"the title's role, the text's level", askedat.Experience{Company: "Initech", Body: body, Role: "SDE"},
			"Software Engineer", "SDE", "SDE-2", "Offer"},
		{"a level from the page stays", askedat.Experience{Company: "Initech", Body: body, Level: "Intern"},
			"Software Engineer", "SDE", "Intern", "Offer"},
		{"text of another role gives no level", askedat.Experience{Company: "Initech", Body: body, Role: "SDET"},
			"SDET", "", "", "Offer"},
		{"nothing said", askedat.Experience{Company: "Initech", Body: "Round 1: one problem.\n\nThanks for reading."},
			"", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := tt.in
			textFacts(&e)
			if e.Role != tt.role || e.RoleRaw != tt.roleRaw || e.Level != tt.level || e.Status != tt.status {
				t.Errorf("textFacts: role %q (raw %q), level %q, status %q; want %q (raw %q), %q, %q",
					e.Role, e.RoleRaw, e.Level, e.Status, tt.role, tt.roleRaw, tt.level, tt.status)
			}
		})
	}
}
