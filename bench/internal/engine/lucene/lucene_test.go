package lucene

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat/bench/internal/engine"
	"github.com/askedat/askedat/bench/internal/mix"
)

func query(t *testing.T, text, filters string) mix.Query {
	t.Helper()
	parts, err := mix.ParseText(text)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := mix.ParseFilters(filters)
	if err != nil {
		t.Fatal(err)
	}
	return mix.Query{Text: text, Parts: parts, Filters: fs}
}

// TestSearch runs the adapter against a fake of AskedatLucene's server.
func TestSearch(t *testing.T) {
	var gotURL string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotURL = r.URL.String()
		if r.URL.Query().Get("q") == "boom" {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, `{"error":"unknown parameter x"}`)
			return
		}
		// The server sends each facet's top values, then the ticked values
		// they leave out; ties are sorted again on this side.
		io.WriteString(w, `{"total":1234,"hits":[{"id":"e1-q1","title":"LRU","snippet":"…"},{"id":"e2-q3","title":"Two sum","snippet":""}],
			"facets":{"company":[{"value":"Google","count":40},{"value":"Amazon","count":40},{"value":"Zzz","count":0}],
			"role":[{"value":"SDE","count":7}],"category":[],"difficulty":[{"value":"Hard","count":3}]}}`)
	}))
	defer srv.Close()
	tg := newTarget(srv.URL, 1)
	defer tg.Close()

	got, err := tg.Search(context.Background(), query(t, `"hr round" lru`, "company=Amazon&company=Zzz&difficulty=Hard"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "/api/search?company=Amazon&company=Zzz&difficulty=Hard&facet_size=10&q=%22hr+round%22+lru&size=10"; gotURL != want {
		t.Errorf("request URL = %q, want %q", gotURL, want)
	}
	want := &engine.Result{Total: 1234, IDs: []string{"e1-q1", "e2-q3"}, Facets: map[string][]engine.FacetValue{
		"company":    {{Value: "Amazon", Count: 40}, {Value: "Google", Count: 40}, {Value: "Zzz", Count: 0}},
		"role":       {{Value: "SDE", Count: 7}},
		"category":   {},
		"difficulty": {{Value: "Hard", Count: 3}},
	}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Search (-want +got):\n%s", diff)
	}

	if _, err := tg.Search(context.Background(), query(t, "boom", "")); err == nil || !strings.Contains(err.Error(), "HTTP 400: unknown parameter x") {
		t.Errorf("Search(a refused query) error = %v, want HTTP 400 and the server's message", err)
	}
	if m := tg.Memory(); m.RSSBytes != 0 {
		t.Errorf("Memory() without a server = %+v, want no RSS", m)
	}
}

func TestWriteQuestions(t *testing.T) {
	docs := filepath.Join(t.TempDir(), "corpus.jsonl")
	in := `{"id":"e1","company":"Amazon","role":"SDE","status":"Offer","date":"2024-05-01","questions":[` +
		`{"ordinal":1,"title":"LRU <cache>","category":"System Design","difficulty":"Hard","body":"tab\there"},{"ordinal":2,"title":"Why?","body":""}]}` + "\n"
	if err := os.WriteFile(docs, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	n, err := WriteQuestions(docs, &b)
	if err != nil || n != 2 {
		t.Fatalf("WriteQuestions = %d, %v; want 2, nil", n, err)
	}
	want := `{"id":"e1-q1","title":"LRU <cache>","body":"tab\there","company":"Amazon","role":"SDE","category":"System Design","difficulty":"Hard","status":"Offer","date":"2024-05-01"}
{"id":"e1-q2","title":"Why?","body":"","company":"Amazon","role":"SDE","status":"Offer","date":"2024-05-01"}
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("WriteQuestions (-want +got):\n%s", diff)
	}
}

func TestParseIndexStats(t *testing.T) {
	got, err := parseIndexStats([]byte("a log line\n{\"docs\":3,\"seconds\":1.5,\"add_seconds\":1,\"merge_seconds\":0.5,\"size_bytes\":99}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := (&indexStats{Docs: 3, Seconds: 1.5, AddSeconds: 1, MergeSeconds: 0.5, SizeBytes: 99}); !cmp.Equal(want, got) {
		t.Errorf("parseIndexStats = %+v, want %+v", got, want)
	}
	if _, err := parseIndexStats([]byte("Exception in thread main\n")); err == nil {
		t.Errorf("parseIndexStats(no JSON) = nil error, want one")
	}
}

func TestClasspath(t *testing.T) {
	dir := t.TempDir()
	if _, err := Classpath(dir); err == nil || !strings.Contains(err.Error(), "not compiled") {
		t.Errorf("Classpath(no class) error = %v, want \"not compiled\"", err)
	}
	os.WriteFile(filepath.Join(dir, MainClass+".class"), nil, 0o644)
	if _, err := Classpath(dir); err == nil {
		t.Errorf("Classpath(no classpath file) = nil error, want one")
	}
	os.WriteFile(filepath.Join(dir, "classpath"), []byte("/j/core.jar\n\n/j/facet.jar\n"), 0o644)
	got, err := Classpath(dir)
	if want := dir + ":/j/core.jar:/j/facet.jar"; err != nil || got != want {
		t.Errorf("Classpath = %q, %v; want %q", got, err, want)
	}
}

// debianJars are the jars bench/run.sh puts on the class path.
var debianJars = []string{
	"/usr/share/java/lucene-analyzers-common-4.10.4.jar", "/usr/share/java/lucene-core-4.10.4.jar",
	"/usr/share/java/lucene-facet-4.10.4.jar", "/usr/share/java/lucene-queries-4.10.4.jar",
}

// TestJava compiles AskedatLucene, indexes a small corpus and searches it,
// where Java and Debian's Lucene are installed.
func TestJava(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles and runs Java")
	}
	if _, err := exec.LookPath("javac"); err != nil {
		t.Skip("no javac")
	}
	for _, j := range debianJars {
		if _, err := os.Stat(j); err != nil {
			t.Skipf("no %s (apt-get install liblucene4.10-java)", j)
		}
	}
	classes := t.TempDir()
	out, err := exec.Command("javac", "-nowarn", "-cp", strings.Join(debianJars, ":"), "-d", classes, "../../../lucene/AskedatLucene.java").CombinedOutput()
	if err != nil {
		t.Fatalf("javac: %v\n%s", err, out)
	}
	os.WriteFile(filepath.Join(classes, "classpath"), []byte(strings.Join(debianJars, "\n")), 0o644)

	type q struct {
		Ordinal                           int
		Title, Category, Difficulty, Body string
	}
	exps := []struct {
		ID, Company, Role, Status, Date string
		Questions                       []q
	}{
		{"e1", "Amazon", "SDE", "Offer", "2024-01-01", []q{
			{1, "Design an LRU cache", "System Design", "Hard", "The interviewer asked about the HR round and caching."},
			{2, "Reverse a linked list", "Data Structures & Algorithms", "Easy", "A linked list question in the coding round."}}},
		{"e2", "Google", "SDE", "Rejected", "2024-02-01", []q{
			{1, "Linked lists", "Data Structures & Algorithms", "Medium", "The list was linked: no phrase here."}}},
		{"e3", "Google", "Data Scientist", "Offer", "2023-12-01", []q{
			{1, "Why Google?", "Behavioral", "", "In the HR round they asked why."}}},
	}
	var lines bytes.Buffer
	for _, e := range exps {
		b, _ := json.Marshal(map[string]any{"id": e.ID, "company": e.Company, "role": e.Role, "status": e.Status, "date": e.Date, "questions": func() (qs []map[string]any) {
			for _, x := range e.Questions {
				qs = append(qs, map[string]any{"ordinal": x.Ordinal, "title": x.Title, "category": x.Category, "difficulty": x.Difficulty, "body": x.Body})
			}
			return qs
		}()})
		lines.Write(append(b, '\n'))
	}
	work := t.TempDir()
	docs := filepath.Join(work, "corpus.jsonl")
	os.WriteFile(docs, lines.Bytes(), 0o644)

	e := &Engine{ClassDir: classes, JavaOpts: []string{"-Xmx256m"}}
	ctx := context.Background()
	bs, err := e.Build(ctx, docs, filepath.Join(work, "lucene"), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if bs.Docs != 4 || bs.SizeBytes == 0 {
		t.Errorf("Build = %+v, want 4 docs and a size", bs)
	}
	tg, err := e.Open(ctx, filepath.Join(work, "lucene"), 2, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	tests := []struct {
		text, filters string
		want          *engine.Result
	}{
		{`"linked list"`, "", &engine.Result{Total: 2, IDs: []string{"e1-q2", "e2-q1"}, Facets: map[string][]engine.FacetValue{
			"company": {{Value: "Amazon", Count: 1}, {Value: "Google", Count: 1}}, "role": {{Value: "SDE", Count: 2}},
			"category": {{Value: "Data Structures & Algorithms", Count: 2}}, "difficulty": {{Value: "Easy", Count: 1}, {Value: "Medium", Count: 1}}}}},
		{"round", "company=Google", &engine.Result{Total: 1, IDs: []string{"e3-q1"}, Facets: map[string][]engine.FacetValue{
			"company": {{Value: "Amazon", Count: 2}, {Value: "Google", Count: 1}}, "role": {{Value: "Data Scientist", Count: 1}},
			"category": {{Value: "Behavioral", Count: 1}}, "difficulty": {}}}},
		{"", "status=Offer&difficulty=Hard&difficulty=Nope", &engine.Result{Total: 1, IDs: []string{"e1-q1"}, Facets: map[string][]engine.FacetValue{
			"company": {{Value: "Amazon", Count: 1}}, "role": {{Value: "SDE", Count: 1}}, "category": {{Value: "System Design", Count: 1}},
			"difficulty": {{Value: "Easy", Count: 1}, {Value: "Hard", Count: 1}, {Value: "Nope", Count: 0}}}}},
	}
	for _, tt := range tests {
		got, err := tg.Search(ctx, query(t, tt.text, tt.filters))
		if err != nil {
			t.Errorf("Search(%q, %q): %v", tt.text, tt.filters, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Search(%q, %q) (-want +got):\n%s", tt.text, tt.filters, diff)
		}
	}
	if m := tg.Memory(); m.RSSBytes == 0 || m.HWMBytes == 0 {
		t.Errorf("Memory() = %+v, want the JVM's RSS and peak", m)
	}
}
