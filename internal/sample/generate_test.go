package sample

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/askedat/askedat"

	"github.com/google/go-cmp/cmp"
)

func TestGenerateDeterministic(t *testing.T) {
	cfg := Config{Posts: 300, Seed: 7}
	a, b := Generate(cfg), Generate(cfg)
	if diff := cmp.Diff(a, b, cmp.AllowUnexported(Post{})); diff != "" {
		t.Errorf("Generate(%+v) twice differs (-first +second):\n%s", cfg, diff)
	}
	other := Generate(Config{Posts: 300, Seed: 8})
	same := 0
	for i := range a {
		if a[i].Path == other[i].Path {
			same++
		}
	}
	if same > len(a)/10 {
		t.Errorf("Generate with seeds 7 and 8: %d of %d paths equal, want nearly none", same, len(a))
	}
}

func TestGenerateCounts(t *testing.T) {
	tests := []struct {
		cfg  Config
		want int
	}{
		{Config{}, 500},
		{Config{Posts: 1}, 1},
		{Config{Posts: 37, Seed: 3}, 37},
		{Config{Posts: -5}, 0},
	}
	for _, tt := range tests {
		if got := len(Generate(tt.cfg)); got != tt.want {
			t.Errorf("len(Generate(%+v)) = %d, want %d", tt.cfg, got, tt.want)
		}
	}
}

// TestGenerateNormalized checks that the ground truth is normalised:
// askedat.Normalize changes nothing, and every experience is valid once it has
// an id.
func TestGenerateNormalized(t *testing.T) {
	for _, p := range Generate(Config{Posts: 2000, Seed: 11}) {
		got := p.Experience
		got.Questions = slices.Clone(got.Questions)
		askedat.Normalize(&got)
		if diff := cmp.Diff(p.Experience, got); diff != "" {
			t.Fatalf("askedat.Normalize(post %s) changed it (-generated +normalised):\n%s", p.Path, diff)
		}
		got.URL = "http://127.0.0.1" + p.Path
		got.ID = askedat.IDForURL(got.URL)
		if err := got.Validate(); err != nil {
			t.Errorf("Validate(post %s) = %v, want nil", p.Path, err)
		}
	}
}

func TestGenerateDistributions(t *testing.T) {
	posts := Generate(Config{Posts: 500, Seed: 1})
	categories := map[string]int{}
	difficulties := map[string]int{}
	companyCount := map[string]int{}
	roleCount := map[string]int{}
	statusCount := map[string]int{}
	years := map[string]int{}
	paths := map[string]bool{}
	titlesOfKey := map[string]map[string]bool{}
	variant1, minQ, maxQ, lt := 0, 100, 0, 0
	for _, p := range posts {
		e := p.Experience
		if paths[p.Path] {
			t.Errorf("path %s is used twice", p.Path)
		}
		paths[p.Path] = true
		if !strings.HasPrefix(p.Path, "/experience/"+slugify(e.Company)+"/") {
			t.Errorf("post path %q does not start with /experience/%s/", p.Path, slugify(e.Company))
		}
		companyCount[e.Company]++
		roleCount[e.Role]++
		statusCount[e.Status]++
		years[e.Date[:4]]++
		if e.Date < "2019-01-01" || e.Date > "2025-12-31" {
			t.Errorf("post %s: date %s, want 2019-01-01 … 2025-12-31", p.Path, e.Date)
		}
		if e.Reads < 0 || e.Reads > 50000 {
			t.Errorf("post %s: reads %d, want 0 … 50000", p.Path, e.Reads)
		}
		if e.Source != Source || e.Title == "" || e.Summary == "" || e.Body == "" {
			t.Errorf("post %s: source %q, title %q, summary %q, body %q: want all set", p.Path, e.Source, e.Title, e.Summary, e.Body)
		}
		if p.Variant == 1 {
			variant1++
		}
		n := len(e.Questions)
		minQ, maxQ = min(minQ, n), max(maxQ, n)
		if len(p.QuestionKeys) != n {
			t.Errorf("post %s: %d question keys for %d questions", p.Path, len(p.QuestionKeys), n)
		}
		for i, q := range e.Questions {
			if q.Ordinal != i+1 {
				t.Errorf("post %s question %d: ordinal %d", p.Path, i+1, q.Ordinal)
			}
			categories[q.Category]++
			difficulties[q.Difficulty]++
			if strings.Contains(q.Body, "<") {
				lt++
			}
			if titlesOfKey[p.QuestionKeys[i]] == nil {
				titlesOfKey[p.QuestionKeys[i]] = map[string]bool{}
			}
			titlesOfKey[p.QuestionKeys[i]][q.Title] = true
			if strings.Contains(q.Title+q.Body, "{company}") || strings.Contains(q.Title+q.Body, "{role}") {
				t.Errorf("post %s question %d has an unexpanded placeholder: %q", p.Path, i+1, q.Title+" "+q.Body)
			}
		}
		if strings.Contains(e.Title+e.Summary+e.Body, "{") {
			t.Errorf("post %s has an unexpanded placeholder: %q", p.Path, e.Title+" "+e.Summary+" "+e.Body)
		}
	}
	for _, c := range []string{askedat.CategoryBehavioral, askedat.CategoryDSA, askedat.CategorySystemDesign, askedat.CategoryOther, "Aptitude"} {
		if categories[c] == 0 {
			t.Errorf("no question has category %q; categories: %v", c, categories)
		}
	}
	for _, d := range []string{askedat.DifficultyEasy, askedat.DifficultyMedium, askedat.DifficultyHard, ""} {
		if difficulties[d] == 0 {
			t.Errorf("no question has difficulty %q; difficulties: %v", d, difficulties)
		}
	}
	if minQ < 3 || maxQ > 25 || minQ > 5 || maxQ < 20 {
		t.Errorf("questions per post range over %d … %d, want within 3 … 25 and spanning 5 … 20", minQ, maxQ)
	}
	top := 0
	for _, n := range companyCount {
		top = max(top, n)
	}
	if len(companyCount) < 30 || top < len(posts)/10 {
		t.Errorf("%d companies, the most common with %d of %d posts; want 30 or more, skewed (top ≥ 10%%)", len(companyCount), top, len(posts))
	}
	if len(roleCount) < 10 || roleCount["Software Engineer"] < len(posts)/5 {
		t.Errorf("%d roles, Software Engineer in %d posts; want 10 or more, Software Engineer ≥ 20%%", len(roleCount), roleCount["Software Engineer"])
	}
	for _, s := range []string{"Offer", "Rejected", "Ongoing"} {
		if statusCount[s] == 0 {
			t.Errorf("no post has status %q", s)
		}
	}
	if years["2025"] <= years["2019"] {
		t.Errorf("%d posts in 2025, %d in 2019; want recent years more frequent", years["2025"], years["2019"])
	}
	if f := float64(variant1) / float64(len(posts)); f < 0.25 || f > 0.42 {
		t.Errorf("%.2f of posts use variant 1, want about 1/3", f)
	}
	paraphrased := 0
	for _, titles := range titlesOfKey {
		if len(titles) > 1 {
			paraphrased++
		}
	}
	if paraphrased < 20 {
		t.Errorf("%d question groups appear under more than one title, want 20 or more", paraphrased)
	}
	if lt == 0 {
		t.Errorf("no question body contains '<'; want some, to test escaping")
	}
}

func TestBank(t *testing.T) {
	templates := 0
	multi := 0
	titles := map[string]string{}
	for _, g := range bank {
		templates += len(g.variants)
		if len(g.variants) > 1 {
			multi++
		}
		if len(g.variants) > len(variantPick.cum) {
			t.Errorf("group %s has %d variants, more than the %d variantPick weighs", g.key, len(g.variants), len(variantPick.cum))
		}
		if g.topic == "" || len(g.tracks) == 0 {
			t.Errorf("group %s: topic %q, tracks %v; want both", g.key, g.topic, g.tracks)
		}
		if g.category == askedat.CategoryDSA && g.difficulty == "" {
			t.Errorf("group %s: a DSA question without a difficulty", g.key)
		}
		if g.difficulty != "" && !slices.Contains([]string{"Easy", "Medium", "Hard"}, g.difficulty) {
			t.Errorf("group %s: difficulty %q", g.key, g.difficulty)
		}
		for _, v := range g.variants {
			if other, ok := titles[strings.ToLower(v.title)]; ok {
				t.Errorf("title %q is in groups %s and %s", v.title, other, g.key)
			}
			titles[strings.ToLower(v.title)] = g.key
			if v.sentences < 1 || v.sentences > 3 {
				t.Errorf("%q: %d sentences, want 1 … 3", v.title, v.sentences)
			}
		}
	}
	if templates < 250 {
		t.Errorf("the bank has %d question templates, want 250 or more", templates)
	}
	if multi < 40 {
		t.Errorf("the bank has %d questions with paraphrases, want 40 or more", multi)
	}
	for c, gs := range groupsOf {
		if len(gs) == 0 {
			t.Errorf("no question of category %s", categoryOrder[c])
		}
	}
	if _, err := parseBank("## Nope\n"); err == nil {
		t.Errorf("parseBank(unknown category) = nil error, want one")
	}
	if _, err := parseBank("## Other\n= a | - | gen\n"); err == nil {
		t.Errorf("parseBank(group line with 3 fields) = nil error, want one")
	}
}

func TestVocabulary(t *testing.T) {
	listed, _ := os.ReadFile("../../aliases/companies.txt")
	inList, slugs := 0, map[string]bool{}
	for i, c := range companies {
		if got := askedat.NormalizeCompany(strings.ToLower(c)); got != c {
			t.Errorf("NormalizeCompany(%q) = %q, want %q", strings.ToLower(c), got, c)
		}
		if got := askedat.NormalizeCompany(c); got != c {
			t.Errorf("NormalizeCompany(%q) = %q, want %q", c, got, c)
		}
		if slugs[companySlugs[i]] {
			t.Errorf("company slug %q is used twice", companySlugs[i])
		}
		slugs[companySlugs[i]] = true
		if strings.Contains(string(listed), "\n"+c) {
			inList++
		}
	}
	if len(companies) < 55 || inList < 30 || len(companies)-inList < 10 {
		t.Errorf("%d companies, %d of them in aliases/companies.txt; want 55 or more, 30 or more listed and 10 or more not", len(companies), inList)
	}
	if len(roles) < 14 {
		t.Errorf("%d roles, want about 15", len(roles))
	}
	for _, r := range roles {
		if got := askedat.NormalizeRole(r.name); got != r.name {
			t.Errorf("NormalizeRole(%q) = %q, want %q", r.name, got, r.name)
		}
	}
	for _, s := range statuses {
		if got := askedat.NormalizeStatus(s.name); got != s.name {
			t.Errorf("NormalizeStatus(%q) = %q, want %q", s.name, got, s.name)
		}
	}
}

func TestHelpers(t *testing.T) {
	slugTests := []struct{ in, want string }{
		{"Back-End Developer Interview Questions — NxtWave", "back-end-developer-interview-questions-nxtwave"},
		{"Media.net", "media-net"},
		{"  DSA & System Design!! ", "dsa-system-design"},
	}
	for _, tt := range slugTests {
		if got := slugify(tt.in); got != tt.want {
			t.Errorf("slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	listTests := []struct {
		in   []string
		want string
	}{
		{nil, ""}, {[]string{"a"}, "a"}, {[]string{"a", "b"}, "a and b"}, {[]string{"a", "b", "c"}, "a, b, and c"},
	}
	for _, tt := range listTests {
		if got := joinList(tt.in); got != tt.want {
			t.Errorf("joinList(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	articleTests := []struct{ in, want string }{
		{"Android Developer", "an Android Developer"}, {"SDE Intern", "an SDE Intern"},
		{"iOS Developer", "an iOS Developer"}, {"Data Scientist", "a Data Scientist"},
	}
	for _, tt := range articleTests {
		if got := withArticle(tt.in); got != tt.want {
			t.Errorf("withArticle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	g := &generator{vars: vars{company: "Zoho", role: "SDE Intern"}}
	expandTests := []struct{ in, want string }{
		{"Why {company}?", "Why Zoho?"},
		{"{role} at {company}", "SDE Intern at Zoho"},
		{`"{[()]}" stays`, `"{[()]}" stays`},
		{"{unknown} {", "{unknown} {"},
	}
	for _, tt := range expandTests {
		if got := g.expand(tt.in); got != tt.want {
			t.Errorf("expand(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// BenchmarkGenerate1M generates about 1,000,000 questions (80,000 posts).
func BenchmarkGenerate1M(b *testing.B) {
	questions := 0
	for b.Loop() {
		questions = 0
		for _, p := range Generate(Config{Posts: 80_000, Seed: 1}) {
			questions += len(p.Experience.Questions)
		}
	}
	b.ReportMetric(float64(questions), "questions/op")
}
