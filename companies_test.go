package askedat

import (
	"strings"
	"testing"
)

func TestParseCompanyAliases(t *testing.T) {
	tests := []struct {
		name, txt string
		in, want  string // Normalize(in) under the table
		err       string // a part of the error, "" for none
	}{
		{"listed spelling", "Meta | facebook | fb\n", "FB", "Meta", ""},
		{"comment and blank lines", "# companies\n\nMeta | fb # the old name\n", "f.b.", "Meta", ""},
		{"unlisted keeps its case rules", "Meta | fb\n", "acme corp", "Acme Corp", ""},
		{"same company twice is fine", "Meta | fb\nMeta | facebook\n", "facebook", "Meta", ""},
		{"spelling claimed twice", "Meta | fb\nFlipboard | FB\n", "", "", `line 2: "FB" already means "Meta"`},
		{"line with no name", "Meta\n | fb\n", "", "", "line 2"},
		{"too big", strings.Repeat("x", MaxAliasFileBytes+1), "", "", "at most"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseCompanyAliases(tt.txt)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := a.Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCompanyAliasesRenormalize(t *testing.T) {
	a, err := ParseCompanyAliases("Meta Platforms | meta | fb | facebook\n")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		company, raw         string
		wantCompany, wantRaw string
	}{
		// Normalised by the built-in table: the page said "fb".
		{"Meta", "fb", "Meta Platforms", "fb"},
		{"Meta", "", "Meta Platforms", "Meta"},
		{"Acme", "", "Acme", ""},
		{"", "", "", ""},
	}
	for _, tt := range tests {
		e := &Experience{Company: tt.company, CompanyRaw: tt.raw}
		a.Renormalize(e)
		if e.Company != tt.wantCompany || e.CompanyRaw != tt.wantRaw {
			t.Errorf("Renormalize(%q, raw %q) = %q, raw %q; want %q, raw %q", tt.company, tt.raw, e.Company, e.CompanyRaw, tt.wantCompany, tt.wantRaw)
		}
	}
}

func TestDefaultCompanyAliasesIsNormalizeCompany(t *testing.T) {
	for _, s := range []string{"fb", "AMAZON INDIA", "nxt wave", "someone new"} {
		if got, want := DefaultCompanyAliases().Normalize(s), NormalizeCompany(s); got != want {
			t.Errorf("DefaultCompanyAliases().Normalize(%q) = %q, NormalizeCompany %q", s, got, want)
		}
	}
}
