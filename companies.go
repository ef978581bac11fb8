package askedat

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// CompanyAliases gives each company its one spelling: the listed name for
// any of its spellings ("fb", "Facebook" → "Meta"). The built-in table
// (aliases/companies.txt, DefaultCompanyAliases) is the default; the indexer
// can build a version with another (`indexer reindex -companies FILE`), which
// the version then carries, so searchd reads a filter or a company: clause
// by the table its documents were normalised with.
type CompanyAliases struct {
	names map[string]string // Fold(spelling) → canonical name
	text  string
}

// MaxAliasFileBytes bounds a companies or synonyms file: they are tables a
// person writes, and the index keeps the whole text in every version.
const MaxAliasFileBytes = 1 << 20

var defaultCompanies = mustCompanyAliases(companiesTxt)

// DefaultCompanyAliases returns the built-in table.
func DefaultCompanyAliases() *CompanyAliases { return defaultCompanies }

func mustCompanyAliases(txt string) *CompanyAliases {
	a, err := ParseCompanyAliases(txt)
	if err != nil {
		panic("aliases/companies.txt: " + err.Error())
	}
	return a
}

// ParseCompanyAliases reads a companies table: one company per line, its
// name first and then its other spellings, separated by "|" ("Meta | facebook
// | fb"); "#" starts a comment. Matching ignores case, spaces and
// punctuation. A spelling that two companies claim, a line whose name folds
// to nothing, or a file over MaxAliasFileBytes is an error naming the line.
func ParseCompanyAliases(txt string) (*CompanyAliases, error) {
	if len(txt) > MaxAliasFileBytes {
		return nil, fmt.Errorf("%d bytes; at most %d", len(txt), MaxAliasFileBytes)
	}
	a := &CompanyAliases{names: make(map[string]string), text: txt}
	line := 0
	for raw := range strings.SplitSeq(txt, "\n") {
		line++
		body, _, _ := strings.Cut(raw, "#")
		if strings.TrimSpace(body) == "" {
			continue
		}
		parts := strings.Split(body, "|")
		canon := CleanSpace(parts[0])
		if Fold(canon) == "" {
			return nil, fmt.Errorf("line %d: %q names no company (a line is \"Name | spelling | spelling\")", line, CleanSpace(body))
		}
		for _, p := range parts {
			k := Fold(p)
			if k == "" {
				continue
			}
			if other, ok := a.names[k]; ok && other != canon {
				return nil, fmt.Errorf("line %d: %q already means %q", line, CleanSpace(p), other)
			}
			a.names[k] = canon
		}
	}
	return a, nil
}

// Normalize returns the one spelling of a company name: the listed name for
// a known company ("nxtwave", "NXTWAVE" → "NxtWave"), otherwise the name with
// its white space tidied and, where it is all lower or all upper case, each
// word capitalised.
func (a *CompanyAliases) Normalize(s string) string {
	s = CleanSpace(s)
	if s == "" {
		return ""
	}
	if n, ok := a.names[Fold(s)]; ok {
		return n
	}
	return titleIfOneCase(s)
}

// Renormalize spells e's company as a says, from the page's own spelling
// where Normalize kept one: what the indexer does to each document when it
// builds with a table of its own.
func (a *CompanyAliases) Renormalize(e *Experience) {
	page := e.Company
	if e.CompanyRaw != "" {
		page = e.CompanyRaw
	}
	e.Company = a.Normalize(page)
	e.CompanyRaw = ""
	if e.Company != CleanSpace(page) {
		e.CompanyRaw = CleanSpace(page)
	}
}

// Text returns the table as it was written.
func (a *CompanyAliases) Text() string { return a.text }

// Len returns the number of spellings the table knows.
func (a *CompanyAliases) Len() int { return len(a.names) }

// SHA256 returns the hex SHA-256 of the table's text: what a version records.
func (a *CompanyAliases) SHA256() string {
	sum := sha256.Sum256([]byte(a.text))
	return hex.EncodeToString(sum[:])
}
