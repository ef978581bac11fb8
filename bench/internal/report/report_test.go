package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat/bench/internal/engine"
	"github.com/askedat/askedat/bench/internal/runner"
	"github.com/askedat/askedat/bench/internal/stats"
)

func fv(kv ...any) []engine.FacetValue {
	var out []engine.FacetValue
	for i := 0; i < len(kv); i += 2 {
		out = append(out, engine.FacetValue{Value: kv[i].(string), Count: int64(kv[i+1].(int))})
	}
	return out
}

func TestFacetDiff(t *testing.T) {
	full := func(extra ...any) []engine.FacetValue {
		base := []any{"a", 90, "b", 80, "c", 70, "d", 60, "e", 50, "f", 40, "g", 30, "h", 20, "i", 10}
		return fv(append(base, extra...)...)
	}
	tests := []struct {
		name      string
		want, got []engine.FacetValue
		wantDiff  string
	}{
		{"same", fv("a", 2, "b", 1), fv("a", 2, "b", 1), ""},
		{"count differs", fv("a", 2, "b", 1), fv("a", 3, "b", 1), `"a" counts 3, want 2`},
		{"missing", fv("a", 2, "b", 1), fv("a", 2), `"b" (1) is missing`},
		{"extra", fv("a", 2), fv("a", 2, "b", 1), `"b" (1) is extra`},
		{"tie at the cut", full("j", 5), full("k", 5), ""},
		{"not a tie at the cut", full("j", 6), full("k", 5), `"j" (6) is missing`},
		{"ticked value with count 0", fv("a", 2, "z", 0), fv("a", 2), ""},
	}
	for _, tt := range tests {
		if got := facetDiff(tt.want, tt.got); got != tt.wantDiff {
			t.Errorf("%s: facetDiff(%v, %v) = %q, want %q", tt.name, tt.want, tt.got, got, tt.wantDiff)
		}
	}
}

// testSet makes a set of two engines that ran three queries.
func testSet() *Set {
	res := func(total int64, company ...any) *engine.Result {
		return &engine.Result{Total: total, Facets: map[string][]engine.FacetValue{"company": fv(company...)}}
	}
	phase := func(clients int, qps, p50 float64) runner.Phase {
		sum := stats.Summary{N: 3, P50: p50, P90: 2 * p50, P99: 3 * p50, Max: 4 * p50}
		return runner.Phase{Clients: clients, Queries: 3, QPS: qps, All: sum, ByClass: map[string]stats.Summary{"common": sum, "filter": sum}}
	}
	run := func(name string, p50 float64, filterTotal int64) *runner.Result {
		return &runner.Result{Engine: name, Label: "2k", Classes: []string{"common", "filter"},
			Queries: []runner.Outcome{
				{Class: "common", Query: "interview", Result: res(1360, "Amazon", 344)},
				{Class: "filter", Filters: "company=Amazon", Result: res(filterTotal, "Amazon", int(filterTotal), "Google", 222)},
				{Class: "filter", Filters: "difficulty=Hard", Result: res(216, "Amazon", 50)},
			},
			Phases: []runner.Phase{phase(1, 100/p50, p50), phase(2, 180/p50, p50)},
			Memory: engine.Memory{RSSBytes: 50e6}}
	}
	return &Set{Label: "2k",
		Builds: map[string]*engine.BuildStats{
			"askedat":  {Engine: "askedat", Docs: 1971, Seconds: 2, DocsPerSec: 985.5, SizeBytes: 2.3e6, PeakRSSBytes: 93e6},
			"postgres": {Engine: "postgres", Docs: 1971, Seconds: 0.5, DocsPerSec: 3942, SizeBytes: 1.4e6},
		},
		Runs: map[string]*runner.Result{"postgres": run("postgres", 2, 487), "askedat": run("askedat", 1, 487)}}
}

func TestCheck(t *testing.T) {
	s := testSet()
	if got := Check(s); len(got) != 0 {
		t.Errorf("Check(agreeing set) = %v, want no problems", got)
	}
	s.Runs["postgres"].Queries[1].Result.Total = 486
	s.Runs["postgres"].Queries[0].Result.Total = 1 // text queries may differ
	s.Runs["postgres"].NErrors, s.Runs["postgres"].Errors = 1, []string{"timeout"}
	want := []Problem{
		{Engine: "postgres", What: "1 failed queries; first: timeout"},
		{Engine: "postgres", Query: "[company=Amazon]", What: "total 486, askedat says 487"},
	}
	if diff := cmp.Diff(want, Check(s)); diff != "" {
		t.Errorf("Check (-want +got):\n%s", diff)
	}
}

func TestWrite(t *testing.T) {
	s := testSet()
	var b bytes.Buffer
	if err := Write(&b, []*Set{s}, "header line", func(l string) string { return "latency-" + l + ".svg" }); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"# Benchmark report\n\nheader line\n",
		"## 2k: 1,971 questions",
		"| askedat | 2.0 s | 986 | 2 MB | 93 MB | 50 MB | 1.00× |",
		"| postgres | 0.5 s | 3,942 | 1 MB | – | 50 MB | 0.25× |",
		"| class | n | askedat | postgres |",
		"| common | 3 | 1.0 / 2.0 / 3.0 / 4.0 | 2.0 / 4.0 / 6.0 / 8.0 |",
		"| **all** | 3 |",
		"![latency by class, 2k](latency-2k.svg)",
		"| class | postgres p50 | postgres p99 |",
		"| common | 2.0× | 2.0× |",
		"| engine | 1 client | 2 clients | 2 clients vs askedat |",
		"| askedat | 100 | 180 | 1.00× |",
		"| postgres | 50.0 | 90.0 | 2.00× |",
		"No failed queries; on every filter-only query all engines give the same total",
		"| common | `interview` | 1,360 | 1,360 |",
		"| filter | `[company=Amazon]` | 487 | 487 |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q; report:\n%s", want, got)
		}
	}
}

func TestChartIsSVG(t *testing.T) {
	var b bytes.Buffer
	if err := Chart(&b, testSet()); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(&b)
	rects := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "rect" {
			rects++
		}
	}
	// background + 2 legend boxes + 2 engines × 3 classes (common, filter, all)
	if rects != 1+2+6 {
		t.Errorf("chart has %d rect elements, want 9", rects)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	s := testSet()
	write := func(name string, v any) {
		b, _ := json.Marshal(v)
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("build-askedat.json", s.Builds["askedat"])
	write("run-askedat.json", s.Runs["askedat"])
	write("run-postgres.json", s.Runs["postgres"])
	write("notes.json", map[string]string{"x": "y"})
	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.Label != "2k" || got.Docs() != 1971 || !cmp.Equal(got.Engines(), []string{"askedat", "postgres"}) {
		t.Errorf("Load: label %q, docs %d, engines %q; want 2k, 1971, [askedat postgres]", got.Label, got.Docs(), got.Engines())
	}
	if _, err := Load(t.TempDir()); err == nil {
		t.Errorf("Load(empty folder) = nil error, want one")
	}
}

func TestFormat(t *testing.T) {
	tests := []struct{ got, want string }{
		{thousands(0), "0"}, {thousands(999), "999"}, {thousands(1000), "1,000"}, {thousands(1234567), "1,234,567"}, {thousands(-1234), "-1,234"},
		{ms(3.14159), "3.1"}, {ms(12.6), "13"}, {ms(1234.4), "1,234"},
		{bytesOf(0), "–"}, {bytesOf(2_300_000), "2 MB"}, {bytesOf(2_700_000_000), "2.70 GB"},
		{ratio(50, 5), "10×"}, {ratio(3, 2), "1.5×"}, {ratio(1, 0), "–"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestCheckNormalized(t *testing.T) {
	s := testSet()
	s.Corpus = Corpus{Name: "real-sentence", Normalized: []string{"askedat"}}
	s.Runs["askedat"].Queries[1].Result.Total = 500 // askedat inferred more values
	got := Check(s)
	want := []Problem{{Engine: "askedat", Query: "[company=Amazon]", What: "total 500, postgres says 487", Expected: true}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Check (-want +got):\n%s", diff)
	}
	if u := Unexpected(got); len(u) != 0 {
		t.Errorf("Unexpected(%v) = %v, want none", got, u)
	}
	s.Runs["askedat"].NErrors, s.Runs["askedat"].Errors = 1, []string{"HTTP 500"}
	if u := Unexpected(Check(s)); len(u) != 1 || u[0].Expected {
		t.Errorf("Unexpected(Check(askedat failed a query)) = %v, want the failure", u)
	}
	var b bytes.Buffer
	if err := Write(&b, []*Set{s}, "", nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"## 2k: 1,971 questions, real-sentence corpus\n",
		"Expected differences (1), of askedat: an engine that changes this corpus's facet values as it indexes it",
		"- askedat, [company=Amazon]: total 500, postgres says 487\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q; report:\n%s", want, b.String())
		}
	}
}

func TestVersus(t *testing.T) {
	s := testSet()
	s.Corpus = Corpus{Name: "generated", Source: "sitegen -posts 160", Queries: "bench/queries.txt"}
	s.Builds["lucene"] = &engine.BuildStats{Engine: "lucene", Docs: 1971, Seconds: 4, SizeBytes: 1.15e6}
	lucene := *s.Runs["postgres"]
	lucene.Engine, lucene.Memory = "lucene", engine.Memory{RSSBytes: 100e6, HWMBytes: 120e6}
	s.Runs["lucene"] = &lucene
	var b bytes.Buffer
	if err := Write(&b, []*Set{s}, "", nil); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"## askedat beside lucene\n",
		"### 2k: 1,971 questions, generated corpus (`sitegen -posts 160`; mix bench/queries.txt)\n",
		"| | askedat | lucene | askedat ÷ lucene | goal at 1M | met here |",
		"| build | 2.0 s | 4.0 s | 0.50× | ≤ 1× | yes |",
		"| on disk | 2 MB | 1 MB | 2.00× | ≤ 1.2 GB (real-sentence corpus) |  |",
		"| faceted p50 | 1.0 ms | 2.0 ms | 0.50× | ≤ 0.8× | yes |",
		"| faceted p99 | 3.0 ms | 6.0 ms | 0.50× | ≤ 0.8× | yes |",
		"| faceted queries/s, 2 clients | 180.0 | 90.0 | 2.00× | ≥ 1.25× | yes |",
		"| serving memory, peak | 50 MB | 120 MB | 0.42× | ≤ 1 GB (searchd) |  |",
		"| class | n | askedat | lucene | postgres |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q; report:\n%s", want, got)
		}
	}
	delete(s.Runs, "lucene")
	b.Reset()
	Write(&b, []*Set{s}, "", nil)
	if strings.Contains(b.String(), "beside lucene") {
		t.Errorf("report without a lucene run has the versus section:\n%s", b.String())
	}
}

func TestLoadCorpus(t *testing.T) {
	dir := t.TempDir()
	if c, err := LoadCorpus(dir); err != nil || c.Name != "" {
		t.Errorf("LoadCorpus(no file) = %+v, %v; want the zero Corpus", c, err)
	}
	os.WriteFile(filepath.Join(dir, CorpusFile), []byte(`{"name": "real-sentence", "source": "gen_corpus.py 10000 OUT --seed 42", "normalized": ["askedat"]}`), 0o644)
	want := Corpus{Name: "real-sentence", Source: "gen_corpus.py 10000 OUT --seed 42", Normalized: []string{"askedat"}}
	if c, err := LoadCorpus(dir); err != nil || !cmp.Equal(want, c) {
		t.Errorf("LoadCorpus = %+v, %v; want %+v", c, err, want)
	}
	os.WriteFile(filepath.Join(dir, CorpusFile), []byte(`{`), 0o644)
	if _, err := LoadCorpus(dir); err == nil {
		t.Errorf("LoadCorpus(broken file) = nil error, want one")
	}
}
