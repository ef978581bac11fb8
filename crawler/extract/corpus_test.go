package extract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/internal/corpus"
)

var update = flag.Bool("update", false, "update the golden files in testdata")

// facts are what a golden file keeps of a Result: the facts of a page, and
// a hash of each longer text, never the text itself (the corpus must not be
// copied into the repository). A page of one post keeps the post's facts
// beside its kind; a page of several (Glassdoor) lists them.
type facts struct {
	Kind string `json:"kind"`
	ExpFacts
	Experiences []ExpFacts `json:"experiences,omitempty"`
	Links       []string   `json:"links,omitempty"`
}

type ExpFacts struct {
	ID            string          `json:"id,omitempty"`
	URL           string          `json:"url,omitempty"`
	Source        string          `json:"source,omitempty"`
	Title         string          `json:"title,omitempty"`
	Company       string          `json:"company,omitempty"`
	CompanyRaw    string          `json:"company_raw,omitempty"`
	Role          string          `json:"role,omitempty"`
	Status        string          `json:"status,omitempty"`
	Date          string          `json:"date,omitempty"`
	Reads         int             `json:"reads,omitempty"`
	SummarySHA256 string          `json:"summary_sha256,omitempty"`
	BodySHA256    string          `json:"body_sha256,omitempty"`
	QuestionCount int             `json:"question_count,omitempty"`
	Questions     []questionFacts `json:"questions,omitempty"`

	RoleRaw       string   `json:"role_raw,omitempty"`
	StatusRaw     string   `json:"status_raw,omitempty"`
	Level         string   `json:"level,omitempty"`
	Campus        string   `json:"campus,omitempty"`
	Location      string   `json:"location,omitempty"`
	Difficulty    string   `json:"difficulty,omitempty"`
	DifficultyRaw string   `json:"difficulty_raw,omitempty"`
	Sentiment     string   `json:"sentiment,omitempty"`
	Tags          []string `json:"tags,omitempty"`
	Extractor     string   `json:"extractor,omitempty"`
}

type questionFacts struct {
	Ordinal    int    `json:"ordinal"`
	Title      string `json:"title"`
	Category   string `json:"category"`
	Difficulty string `json:"difficulty"`
	BodySHA256 string `json:"body_sha256"`
	Round      string `json:"round,omitempty"`
	URL        string `json:"url,omitempty"`
	Inferred   bool   `json:"category_inferred,omitempty"`
}

func sha(s string) string {
	if s == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func factsOf(r Result) facts {
	f := facts{Kind: r.Kind.String()}
	for _, l := range r.Links {
		f.Links = append(f.Links, l.Kind.String()+" "+l.URL.String())
	}
	switch len(r.Experiences) {
	case 0:
	case 1:
		f.ExpFacts = expFactsOf(r.Experiences[0])
	default:
		for _, e := range r.Experiences {
			f.Experiences = append(f.Experiences, expFactsOf(e))
		}
	}
	return f
}

func expFactsOf(e *askedat.Experience) ExpFacts {
	f := ExpFacts{
		ID: e.ID, URL: e.URL, Source: e.Source, Title: e.Title,
		Company: e.Company, CompanyRaw: e.CompanyRaw, Role: e.Role, Status: e.Status,
		Date: e.Date, Reads: e.Reads,
		SummarySHA256: sha(e.Summary), BodySHA256: sha(e.Body),
		QuestionCount: len(e.Questions),
		RoleRaw:       e.RoleRaw, StatusRaw: e.StatusRaw, Level: e.Level, Campus: e.Campus,
		Location: e.Location, Difficulty: e.Difficulty, DifficultyRaw: e.DifficultyRaw,
		Sentiment: e.Sentiment, Tags: e.Tags, Extractor: e.Extractor,
	}
	for _, q := range e.Questions {
		f.Questions = append(f.Questions, questionFacts{q.Ordinal, q.Title, q.Category, q.Difficulty, sha(q.Body), q.Round, q.URL, q.CategoryInferred})
	}
	return f
}

// golden writes got to path as indented JSON when -update is given and
// reports true; otherwise it decodes path into want and reports false.
func golden(t *testing.T, path string, got, want any) bool {
	t.Helper()
	if *update {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(got); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return true
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if err := json.Unmarshal(b, want); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return false
}

// checkGolden compares got with testdata/name.golden.json, or rewrites the
// file with -update.
func checkGolden(t *testing.T, name string, got facts) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden.json")
	var want facts
	if golden(t, path, got, &want) {
		return
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("facts of %s differ from %s (-want +got):\n%s", name, path, diff)
	}
}

// A field is one fact of an extraction a test checks.
type field struct{ name, got, want string }

func checkFields(t *testing.T, fs []field) {
	t.Helper()
	for _, f := range fs {
		if f.got != f.want {
			t.Errorf("%s = %q, want %q", f.name, f.got, f.want)
		}
	}
}

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

const seedCanonical = "https://interviewexperiences.in/experience/nxtwave/back-end-developer-interview-questions-nxtwave"

// TestCorpusPost extracts the seed post, served from loopback as a copy
// would be, and checks it against the README's facts and the golden file.
func TestCorpusPost(t *testing.T) {
	dir := corpus.Dir(t, "html", "interviewexperiences")
	const name = "back-end-developer-interview-questions-nxtwave"
	body, err := os.ReadFile(filepath.Join(dir, name+".html"))
	if err != nil {
		t.Fatal(err)
	}
	fetched := "http://127.0.0.1:8080/" + name + ".html"
	res, err := Page(mustURL(t, fetched), body)
	if err != nil {
		t.Fatalf("Page(%s) error: %v", fetched, err)
	}
	if res.Kind != Post || post(res) == nil {
		t.Fatalf("Page(%s) kind = %v, want post", fetched, res.Kind)
	}
	e := post(res)

	// The facts the corpus README states.
	checkFields(t, []field{
		{"id", e.ID, askedat.IDForURL(seedCanonical)},
		{"url", e.URL, seedCanonical},
		{"source", e.Source, "interviewexperiences"},
		{"title", e.Title, "Back-End Developer Interview Questions — NxtWave"},
		{"company", e.Company, "NxtWave"},
		{"role", e.Role, "Back-End Developer"},
		{"status", e.Status, "Ongoing"},
		{"date", e.Date, "2025-09-01"},
	})
	if e.Reads != 72 {
		t.Errorf("reads = %d, want 72", e.Reads)
	}
	if e.Summary == "" || e.Body == "" {
		t.Errorf("summary %d bytes, body %d bytes; want both", len(e.Summary), len(e.Body))
	}
	if len(e.Questions) != 25 {
		t.Fatalf("got %d questions, want 25", len(e.Questions))
	}
	cats := map[string]int{}
	for i, q := range e.Questions {
		cats[q.Category]++
		if q.Ordinal != i+1 {
			t.Errorf("question %d has ordinal %d", i+1, q.Ordinal)
		}
		if q.Title == "" || q.Body == "" {
			t.Errorf("question %d: title %q, body %q; want both", q.Ordinal, q.Title, q.Body)
		}
		wantDiff := ""
		if q.Ordinal == 4 {
			wantDiff = "Easy"
		}
		if q.Difficulty != wantDiff {
			t.Errorf("question %d difficulty = %q, want %q", q.Ordinal, q.Difficulty, wantDiff)
		}
		if q.Ordinal <= 3 && q.Category != askedat.CategoryBehavioral {
			t.Errorf("question %d category = %q, want %q", q.Ordinal, q.Category, askedat.CategoryBehavioral)
		}
	}
	wantCats := map[string]int{"Behavioral": 3, "Data Structures & Algorithms": 1, "Other": 12, "System Design": 9}
	if diff := cmp.Diff(wantCats, cats); diff != "" {
		t.Errorf("questions by category (-want +got):\n%s", diff)
	}
	if q := e.Questions[3]; q.Title != "Two Sum" || q.Category != askedat.CategoryDSA {
		t.Errorf("question 4 = %q (%s), want \"Two Sum\" (%s)", q.Title, q.Category, askedat.CategoryDSA)
	}

	checkGolden(t, name, factsOf(res))

	// The host the page came from does not matter.
	res2, err := Page(mustURL(t, seedCanonical), body)
	if err != nil {
		t.Fatalf("Page(%s) error: %v", seedCanonical, err)
	}
	if diff := cmp.Diff(res.Experiences, res2.Experiences); diff != "" {
		t.Errorf("extraction depends on the fetched host (-loopback +site):\n%s", diff)
	}
}

// TestCorpusListing checks that the listing page is a listing of the one
// post, resolved against where it was fetched, and not a post.
func TestCorpusListing(t *testing.T) {
	dir := corpus.Dir(t, "html", "interviewexperiences")
	body, err := os.ReadFile(filepath.Join(dir, "experiences.html"))
	if err != nil {
		t.Fatal(err)
	}
	fetched := "http://127.0.0.1:8080/experiences.html"
	res, err := Page(mustURL(t, fetched), body)
	if err != nil {
		t.Fatalf("Page(%s) error: %v", fetched, err)
	}
	got := factsOf(res)
	want := facts{Kind: "listing", Links: []string{"post http://127.0.0.1:8080/experience/nxtwave/back-end-developer-interview-questions-nxtwave"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Page(%s) (-want +got):\n%s", fetched, diff)
	}
	checkGolden(t, "experiences", got)
}
