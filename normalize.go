package askedat

import (
	_ "embed"
	"strings"
	"unicode"
)

// The canonical category names. Questions whose category is not recognised
// keep their own (tidied) spelling, so nothing a page says is lost.
const (
	CategoryBehavioral   = "Behavioral"
	CategoryDSA          = "Data Structures & Algorithms"
	CategorySystemDesign = "System Design"
	CategoryOther        = "Other"
)

// The canonical difficulties.
const (
	DifficultyEasy   = "Easy"
	DifficultyMedium = "Medium"
	DifficultyHard   = "Hard"
)

//go:embed aliases/companies.txt
var companiesTxt string

//go:embed aliases/facets.txt
var facetsTxt string

var facetAliases = parseSections(facetsTxt)

// Normalize gives e's facet values their one spelling (company, role, status,
// and each question's category and difficulty), tidies white space in the
// text fields, and keeps a page's own spelling of a facet value in the *Raw
// field beside it where the two differ. It is idempotent.
func Normalize(e *Experience) {
	e.ID = strings.TrimSpace(e.ID)
	e.URL = strings.TrimSpace(e.URL)
	e.Source = strings.TrimSpace(e.Source)
	e.Title = CleanSpace(e.Title)
	e.Date = strings.TrimSpace(e.Date)
	e.Summary = strings.TrimSpace(e.Summary)
	e.Body = strings.TrimSpace(e.Body)
	e.Company, e.CompanyRaw = normalizePair(e.Company, e.CompanyRaw, NormalizeCompany)
	e.Role, e.RoleRaw = normalizePair(e.Role, e.RoleRaw, NormalizeRole)
	e.Status, e.StatusRaw = normalizePair(e.Status, e.StatusRaw, NormalizeStatus)
	e.Difficulty, e.DifficultyRaw = normalizePair(e.Difficulty, e.DifficultyRaw, NormalizeDifficulty)
	e.Level = CleanSpace(e.Level)
	e.Campus = NormalizeCampus(e.Campus)
	e.Location = CleanSpace(e.Location)
	e.Sentiment = NormalizeSentiment(e.Sentiment)
	e.Tags = cleanList(e.Tags)
	e.Extractor = strings.TrimSpace(e.Extractor)
	for i := range e.Questions {
		q := &e.Questions[i]
		q.Title = CleanSpace(q.Title)
		q.Body = strings.TrimSpace(q.Body)
		q.Category, q.CategoryRaw = normalizePair(q.Category, q.CategoryRaw, NormalizeCategory)
		q.Difficulty, q.DifficultyRaw = normalizePair(q.Difficulty, q.DifficultyRaw, NormalizeDifficulty)
		q.Round = CleanSpace(q.Round)
		q.URL = strings.TrimSpace(q.URL)
		q.Tags = cleanList(q.Tags)
	}
}

// cleanList tidies the white space of each value and drops empty values and
// repeats (ignoring case), keeping the first spelling; nil stays nil.
func cleanList(vs []string) []string {
	if vs == nil {
		return nil
	}
	out := vs[:0]
	seen := make(map[string]bool, len(vs))
	for _, v := range vs {
		v = CleanSpace(v)
		if k := strings.ToLower(v); v != "" && !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
	}
	return out
}

// normalizePair returns the normalised value of v and the raw spelling to
// keep beside it: the earlier raw if there was one, else v where it differs.
func normalizePair(v, raw string, norm func(string) string) (string, string) {
	n := norm(v)
	if raw == "" && CleanSpace(v) != n {
		raw = CleanSpace(v)
	}
	if raw == n {
		raw = ""
	}
	return n, raw
}

// NormalizeCompany returns the one spelling of a company name: the listed
// name for a known company ("nxtwave", "NXTWAVE" → "NxtWave"), otherwise the
// name with its white space tidied and, where it is all lower or all upper
// case, each word capitalised.
// It reads the built-in table (DefaultCompanyAliases).
func NormalizeCompany(s string) string { return defaultCompanies.Normalize(s) }

// NormalizeRole tidies a role: white space, and a trailing " Interview" that
// review sites append ("Software Engineer Interview").
func NormalizeRole(s string) string {
	s = CleanSpace(s)
	if t, ok := strings.CutSuffix(s, " Interview"); ok && t != "" {
		s = t
	}
	if n, ok := facetAliases["role"][Fold(s)]; ok {
		return n
	}
	return titleIfOneCase(s)
}

// NormalizeStatus maps an outcome to Offer, Rejected, Ongoing, Declined or
// the value itself, tidied.
func NormalizeStatus(s string) string { return lookup("status", s) }

// NormalizeCampus maps "on campus", "campus", "off-campus" to On-Campus or
// Off-Campus; an unrecognised value is kept tidied.
func NormalizeCampus(s string) string { return lookup("campus", s) }

// NormalizeSentiment maps "Positive Experience" and the like to Positive,
// Neutral or Negative; an unrecognised value is kept tidied.
func NormalizeSentiment(s string) string { return lookup("sentiment", s) }

// NormalizeCategory maps a category ("DSA", "coding", "system_design",
// "HR") to its canonical name.
func NormalizeCategory(s string) string { return lookup("category", s) }

// NormalizeDifficulty maps a difficulty ("EASY", "Average Interview",
// "Difficult") to Easy, Medium or Hard; an unrecognised one is kept tidied.
func NormalizeDifficulty(s string) string { return lookup("difficulty", s) }

// facetNormalizers gives each facet field's values their one spelling, as
// Normalize does when a document is indexed.
var facetNormalizers = map[string]func(string) string{
	"company": NormalizeCompany, "role": NormalizeRole, "status": NormalizeStatus,
	"category": NormalizeCategory, "difficulty": NormalizeDifficulty,
}

// NormalizeFacet returns v spelt as the indexer spells field's values
// ("fb" → "Meta" for company, "hard" → "Hard" for difficulty); a field that
// is not a facet field only tidies v's white space.
func NormalizeFacet(field, v string) string {
	if norm, ok := facetNormalizers[field]; ok {
		return norm(v)
	}
	return CleanSpace(v)
}

// FilterKey returns what a filter value on field is matched by: its fold
// key as given and its normal spelling (which also names it when it matches
// nothing). Two values with one FilterKey ("amazon", "Amazon", " AMAZON")
// are the same filter in every index, so a cache keys on it; "fb" and
// "Meta" have two keys, which costs a cache entry, not a wrong answer.
func FilterKey(field, v string) string {
	return Fold(v) + "\x00" + NormalizeFacet(field, v)
}

func lookup(section, s string) string {
	s = CleanSpace(s)
	if s == "" {
		return ""
	}
	if n, ok := facetAliases[section][Fold(s)]; ok {
		return n
	}
	return titleIfOneCase(s)
}

// CleanSpace collapses runs of white space (including newlines and
// non-breaking spaces) to one space and trims the ends.
func CleanSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u00a0'
	}), " ")
}

// Fold folds a value for lookups: lower case, letters and digits only, with
// "&" read as "and". The aliases are looked up by it, and the index matches a
// value typed in a query to the indexed one by it.
func Fold(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "&", "and")
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// titleIfOneCase capitalises each word of s when s is all lower or all upper
// case, and returns s unchanged when it mixes cases (it was spelt on purpose).
func titleIfOneCase(s string) string {
	if s != strings.ToLower(s) && s != strings.ToUpper(s) {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// parseAliases reads lines "Canonical | alias | alias"; '#' starts a comment.
func parseAliases(txt string) map[string]string {
	m := make(map[string]string)
	for _, line := range strings.Split(txt, "\n") {
		line, _, _ = strings.Cut(line, "#")
		parts := strings.Split(line, "|")
		canon := CleanSpace(parts[0])
		if canon == "" {
			continue
		}
		for _, p := range parts {
			if k := Fold(p); k != "" {
				m[k] = canon
			}
		}
	}
	return m
}

// parseSections reads "[section]" headers followed by alias lines.
func parseSections(txt string) map[string]map[string]string {
	out := make(map[string]map[string]string)
	section := ""
	var body strings.Builder
	flush := func() {
		if section != "" {
			out[section] = parseAliases(body.String())
		}
		body.Reset()
	}
	for _, line := range strings.Split(txt, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") {
			flush()
			section = strings.Trim(t, "[]")
			continue
		}
		body.WriteString(line)
		body.WriteByte('\n')
	}
	flush()
	return out
}
