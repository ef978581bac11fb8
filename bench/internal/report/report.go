// Package report turns the benchmark's results (one build and one run file
// per engine and corpus size) into a Markdown report with a latency chart,
// and checks that the engines' answers agree.
package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/askedat/askedat/bench/internal/engine"
	"github.com/askedat/askedat/bench/internal/runner"
	"github.com/askedat/askedat/bench/internal/stats"
)

// Baseline is the engine the others are compared with.
const Baseline = "askedat"

// engineOrder is the order of engines in tables; others follow by name.
var engineOrder = []string{"askedat", "askedat-cache", "lucene", "sphinx", "sqlite", "postgres"}

// A Set is the results of one corpus: builds and runs by engine.
type Set struct {
	Label  string
	Dir    string
	Corpus Corpus // from corpus.json in Dir; zero when there is none
	Builds map[string]*engine.BuildStats
	Runs   map[string]*runner.Result
}

// Engines returns the engines of s in report order.
func (s *Set) Engines() []string {
	var names []string
	for n := range s.Builds {
		names = append(names, n)
	}
	for n := range s.Runs {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	slices.SortFunc(names, func(a, b string) int {
		ia, ib := slices.Index(engineOrder, a), slices.Index(engineOrder, b)
		if ia < 0 {
			ia = len(engineOrder)
		}
		if ib < 0 {
			ib = len(engineOrder)
		}
		return cmp.Or(cmp.Compare(ia, ib), cmp.Compare(a, b))
	})
	return names
}

// Load reads the build-ENGINE.json and run-ENGINE.json files in dir. The
// label is the runs' label, or the folder's name.
func Load(dir string) (*Set, error) {
	s := &Set{Label: filepath.Base(dir), Dir: dir, Builds: map[string]*engine.BuildStats{}, Runs: map[string]*runner.Result{}}
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".json")
		kind, name, ok := strings.Cut(base, "-")
		if !ok || (kind != "build" && kind != "run") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		switch kind {
		case "build":
			var x engine.BuildStats
			if err := json.Unmarshal(b, &x); err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			s.Builds[name] = &x
		case "run":
			var x runner.Result
			if err := json.Unmarshal(b, &x); err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			s.Runs[name] = &x
			if x.Label != "" {
				s.Label = x.Label
			}
		}
	}
	if len(s.Builds) == 0 && len(s.Runs) == 0 {
		return nil, fmt.Errorf("%s: no build-*.json or run-*.json files", dir)
	}
	c, err := LoadCorpus(dir)
	if err != nil {
		return nil, err
	}
	s.Corpus = c
	return s, nil
}

// Docs returns the number of documents of the set's corpus.
func (s *Set) Docs() int {
	for _, b := range s.Builds {
		if b.Docs > 0 {
			return b.Docs
		}
	}
	return 0
}

// Problem is something that makes a set's numbers untrustworthy: an engine
// that failed queries, or engines that disagree on a query whose answer
// does not depend on text analysis.
type Problem struct {
	Engine string
	Query  string
	What   string
	// Expected marks a difference in the answer of an engine that changes
	// the corpus's facet values as it indexes it (Corpus.Normalized): not a
	// fault of the harness or of the engine.
	Expected bool `json:",omitempty"`
}

func (p Problem) String() string {
	if p.Query == "" {
		return p.Engine + ": " + p.What
	}
	return fmt.Sprintf("%s, %s: %s", p.Engine, p.Query, p.What)
}

// Unexpected returns the problems of ps that are not Expected.
func Unexpected(ps []Problem) []Problem {
	var out []Problem
	for _, p := range ps {
		if !p.Expected {
			out = append(out, p)
		}
	}
	return out
}

// Check returns the problems of s: failed queries, and filter-only queries
// (no words) whose totals or facet counts differ from the reference
// engine's, the first engine that indexes the corpus's facet values as they
// are (not in s.Corpus.Normalized). Differences of the engines in
// Normalized are returned as Expected.
func Check(s *Set) []Problem {
	var out []Problem
	engines := s.Engines()
	for _, e := range engines {
		r := s.Runs[e]
		if r == nil {
			out = append(out, Problem{Engine: e, What: "built but not run"})
			continue
		}
		if r.NErrors == 0 && len(r.Queries) == 0 {
			out = append(out, Problem{Engine: e, What: "ran no query"})
		}
		if r.NErrors > 0 {
			first := ""
			if len(r.Errors) > 0 {
				first = "; first: " + r.Errors[0]
			}
			out = append(out, Problem{Engine: e, What: fmt.Sprintf("%d failed queries%s", r.NErrors, first)})
		}
	}
	var ref *runner.Result
	for _, e := range engines {
		if s.Runs[e] != nil && !slices.Contains(s.Corpus.Normalized, e) {
			ref = s.Runs[e]
			break
		}
	}
	if ref == nil {
		for _, e := range engines {
			if ref = s.Runs[e]; ref != nil {
				break
			}
		}
	}
	if ref == nil {
		return out
	}
	for _, e := range engines {
		r := s.Runs[e]
		if r == nil || r == ref {
			continue
		}
		expected := slices.Contains(s.Corpus.Normalized, e)
		if len(r.Queries) != len(ref.Queries) {
			out = append(out, Problem{Engine: e, What: fmt.Sprintf("ran %d queries, %s ran %d: not the same mix", len(r.Queries), ref.Engine, len(ref.Queries))})
			continue
		}
		for i, q := range r.Queries {
			want := ref.Queries[i]
			label := label(q)
			if q.Query != want.Query || q.Filters != want.Filters {
				out = append(out, Problem{Engine: e, Query: label, What: fmt.Sprintf("query %d differs from %s's %q", i+1, ref.Engine, labelOf(want))})
				break
			}
			if q.Query != "" || q.Result == nil || want.Result == nil {
				continue
			}
			if q.Result.Total != want.Result.Total {
				out = append(out, Problem{Engine: e, Query: label, What: fmt.Sprintf("total %d, %s says %d", q.Result.Total, ref.Engine, want.Result.Total), Expected: expected})
			}
			for _, f := range engine.FacetFields {
				if d := facetDiff(want.Result.Facets[f], q.Result.Facets[f]); d != "" {
					out = append(out, Problem{Engine: e, Query: label, What: fmt.Sprintf("facet %s: %s (vs %s)", f, d, ref.Engine), Expected: expected})
				}
			}
		}
	}
	return out
}

// facetDiff compares two top lists of facet values: values in both must have
// the same count, and a value in only one must not count more than the
// other list's smallest (ties at the cut may be broken differently).
func facetDiff(want, got []engine.FacetValue) string {
	wm, gm := map[string]int64{}, map[string]int64{}
	for _, v := range want {
		wm[v.Value] = v.Count
	}
	for _, v := range got {
		gm[v.Value] = v.Count
	}
	minOf := func(vs []engine.FacetValue) int64 {
		if len(vs) < engine.FacetSize {
			return 0
		}
		return vs[len(vs)-1].Count
	}
	for _, v := range want {
		if n, ok := gm[v.Value]; ok && n != v.Count {
			return fmt.Sprintf("%q counts %d, want %d", v.Value, n, v.Count)
		} else if !ok && v.Count > minOf(got) {
			return fmt.Sprintf("%q (%d) is missing", v.Value, v.Count)
		}
	}
	for _, v := range got {
		if _, ok := wm[v.Value]; !ok && v.Count > minOf(want) {
			return fmt.Sprintf("%q (%d) is extra", v.Value, v.Count)
		}
	}
	return ""
}

func label(o runner.Outcome) string { return labelOf(o) }

func labelOf(o runner.Outcome) string {
	s := o.Query
	if o.Filters != "" {
		if s != "" {
			s += " "
		}
		s += "[" + o.Filters + "]"
	}
	return s
}

// Write writes the Markdown report of sets to w. chart(label) names the
// chart image of a set, relative to the report; "" leaves it out.
func Write(w io.Writer, sets []*Set, header string, chart func(label string) string) error {
	b := &strings.Builder{}
	fmt.Fprintf(b, "# Benchmark report\n\n%s\n", header)
	writeVersus(b, sets, Baseline, Rival)
	for _, s := range sets {
		writeSet(b, s, chart)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeSet(b *strings.Builder, s *Set, chart func(string) string) {
	engines := s.Engines()
	fmt.Fprintf(b, "\n## %s: %s questions%s\n\n", s.Label, thousands(int64(s.Docs())), s.Corpus.describe())
	if s.Corpus.Note != "" {
		fmt.Fprintf(b, "%s\n\n", s.Corpus.Note)
	}

	fmt.Fprintf(b, "### Build and memory\n\n")
	fmt.Fprintf(b, "| engine | build | docs/s | on disk | peak RSS building | serving memory | build time vs %s |\n|---|--:|--:|--:|--:|--:|--:|\n", Baseline)
	base := s.Builds[Baseline]
	for _, e := range engines {
		bs := s.Builds[e]
		if bs == nil {
			fmt.Fprintf(b, "| %s | – | – | – | – | %s | – |\n", e, memoryOf(s.Runs[e]))
			continue
		}
		ratio := "–"
		if base != nil && base.Seconds > 0 {
			ratio = fmt.Sprintf("%.2f×", bs.Seconds/base.Seconds)
		}
		fmt.Fprintf(b, "| %s | %.1f s | %s | %s | %s | %s | %s |\n", e, bs.Seconds, thousands(int64(math.Round(bs.DocsPerSec))),
			bytesOf(bs.SizeBytes), bytesOf(bs.PeakRSSBytes), memoryOf(s.Runs[e]), ratio)
	}
	b.WriteString("\n")
	for _, e := range engines {
		if bs := s.Builds[e]; bs != nil && bs.Note != "" {
			fmt.Fprintf(b, "- %s: %s", e, bs.Note)
			if r := s.Runs[e]; r != nil && r.Memory.Note != "" {
				fmt.Fprintf(b, "; serving memory: %s", r.Memory.Note)
			}
			b.WriteString("\n")
		}
	}

	classes := classesOf(s, engines)
	fmt.Fprintf(b, "\n### Latency, 1 client, ms: p50 / p90 / p99 / max\n\n| class | n |")
	for _, e := range engines {
		fmt.Fprintf(b, " %s |", e)
	}
	b.WriteString("\n|---|--:|" + strings.Repeat("--:|", len(engines)) + "\n")
	for _, c := range append(classes, "all") {
		n := 0
		row := ""
		for _, e := range engines {
			sum, ok := summary(s.Runs[e], 1, c)
			if !ok {
				row += " – |"
				continue
			}
			n = max(n, sum.N)
			row += fmt.Sprintf(" %s / %s / %s / %s |", ms(sum.P50), ms(sum.P90), ms(sum.P99), ms(sum.Max))
		}
		name := c
		if c == "all" {
			name = "**all**"
		}
		fmt.Fprintf(b, "| %s | %d |%s\n", name, n, row)
	}
	if chart != nil {
		if img := chart(s.Label); img != "" {
			fmt.Fprintf(b, "\n![latency by class, %s](%s)\n", s.Label, img)
		}
	}

	if _, ok := s.Runs[Baseline]; ok && len(engines) > 1 {
		fmt.Fprintf(b, "\n### Ratios to %s, 1 client: p50 and p99 of the engine ÷ %s's (above 1: %s is faster)\n\n| class |", Baseline, Baseline, Baseline)
		for _, e := range engines[1:] {
			fmt.Fprintf(b, " %s p50 | %s p99 |", e, e)
		}
		b.WriteString("\n|---|" + strings.Repeat("--:|--:|", len(engines)-1) + "\n")
		for _, c := range append(classes, "all") {
			base, ok := summary(s.Runs[Baseline], 1, c)
			fmt.Fprintf(b, "| %s |", c)
			for _, e := range engines[1:] {
				sum, ok2 := summary(s.Runs[e], 1, c)
				if !ok || !ok2 {
					b.WriteString(" – | – |")
					continue
				}
				fmt.Fprintf(b, " %s | %s |", ratio(sum.P50, base.P50), ratio(sum.P99, base.P99))
			}
			b.WriteString("\n")
		}
	}

	clients := clientsOf(s, engines)
	fmt.Fprintf(b, "\n### Throughput, queries/s (whole mix, repeated)\n\n| engine |")
	for _, c := range clients {
		fmt.Fprintf(b, " %d client%s |", c, plural(c))
	}
	for _, c := range clients {
		if c > 1 {
			fmt.Fprintf(b, " %d clients vs %s |", c, Baseline)
		}
	}
	b.WriteString("\n|---|" + strings.Repeat("--:|", len(clients)+len(clients)-countOnes(clients)) + "\n")
	for _, e := range engines {
		fmt.Fprintf(b, "| %s |", e)
		for _, c := range clients {
			fmt.Fprintf(b, " %s |", qps(s.Runs[e], c))
		}
		for _, c := range clients {
			if c == 1 {
				continue
			}
			p, base := phase(s.Runs[e], c), phase(s.Runs[Baseline], c)
			if p == nil || base == nil || p.QPS == 0 {
				b.WriteString(" – |")
				continue
			}
			fmt.Fprintf(b, " %.2f× |", base.QPS/p.QPS)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(b, "\nThe ratio is %s's queries/s ÷ the engine's (above 1: %s serves more).\n", Baseline, Baseline)

	writeAgreement(b, s, engines)
}

func writeAgreement(b *strings.Builder, s *Set, engines []string) {
	fmt.Fprintf(b, "\n### Do the engines agree?\n\n")
	all := Check(s)
	problems := Unexpected(all)
	switch {
	case len(problems) == 0 && len(all) == 0:
		b.WriteString("No failed queries; on every filter-only query all engines give the same total and facet counts.\n")
	case len(problems) == 0:
		fmt.Fprintf(b, "No failed queries; on every filter-only query all engines but %s give the same total and facet counts.\n", strings.Join(normalizedIn(s, engines), ", "))
	default:
		b.WriteString("**Problems:**\n\n")
		for _, p := range problems {
			fmt.Fprintf(b, "- %s\n", p)
		}
	}
	if n := len(all) - len(problems); n > 0 {
		fmt.Fprintf(b, "\nExpected differences (%d), of %s: an engine that changes this corpus's facet values as it indexes it (see bench/README.md, *Where the semantics differ*) is not held to the others' filter-only answers. The first of them:\n\n",
			n, strings.Join(normalizedIn(s, engines), " and "))
		shown := 0
		for _, p := range all {
			if p.Expected && shown < maxExpectedShown {
				fmt.Fprintf(b, "- %s\n", p)
				shown++
			}
		}
	}
	var ref *runner.Result
	for _, e := range engines {
		if ref = s.Runs[e]; ref != nil {
			break
		}
	}
	if ref == nil {
		return
	}
	fmt.Fprintf(b, "\nTotals of every query (warm-up pass); ≠ marks a total that differs from %s's by more than 1%%.\n\n| class | query |", engines[0])
	for _, e := range engines {
		fmt.Fprintf(b, " %s |", e)
	}
	b.WriteString("\n|---|---|" + strings.Repeat("--:|", len(engines)) + "\n")
	for i, q := range ref.Queries {
		fmt.Fprintf(b, "| %s | `%s` |", q.Class, strings.ReplaceAll(labelOf(q), "|", `\|`))
		var first int64 = -1
		for _, e := range engines {
			r := s.Runs[e]
			if r == nil || i >= len(r.Queries) {
				b.WriteString(" – |")
				continue
			}
			o := r.Queries[i]
			if o.Result == nil {
				b.WriteString(" error |")
				continue
			}
			mark := ""
			if first < 0 {
				first = o.Result.Total
			} else if math.Abs(float64(o.Result.Total-first)) > 0.01*float64(first) {
				mark = " ≠"
			}
			fmt.Fprintf(b, " %s%s |", thousands(o.Result.Total), mark)
		}
		b.WriteString("\n")
	}
}

// normalizedIn returns the engines of s.Corpus.Normalized that ran.
func normalizedIn(s *Set, engines []string) []string {
	var out []string
	for _, e := range engines {
		if s.Runs[e] != nil && slices.Contains(s.Corpus.Normalized, e) {
			out = append(out, e)
		}
	}
	return out
}

// maxExpectedShown bounds the expected differences a report lists.
const maxExpectedShown = 8

func classesOf(s *Set, engines []string) []string {
	var out []string
	for _, e := range engines {
		if r := s.Runs[e]; r != nil {
			for _, c := range r.Classes {
				if !slices.Contains(out, c) {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

func clientsOf(s *Set, engines []string) []int {
	var out []int
	for _, e := range engines {
		if r := s.Runs[e]; r != nil {
			for _, p := range r.Phases {
				if !slices.Contains(out, p.Clients) {
					out = append(out, p.Clients)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

func countOnes(xs []int) int {
	n := 0
	for _, x := range xs {
		if x == 1 {
			n++
		}
	}
	return n
}

func phase(r *runner.Result, clients int) *runner.Phase {
	if r == nil {
		return nil
	}
	return r.Phase(clients)
}

func summary(r *runner.Result, clients int, class string) (stats.Summary, bool) {
	p := phase(r, clients)
	if p == nil {
		return stats.Summary{}, false
	}
	if class == "all" {
		return p.All, p.All.N > 0
	}
	sum, ok := p.ByClass[class]
	return sum, ok && sum.N > 0
}

func qps(r *runner.Result, clients int) string {
	p := phase(r, clients)
	if p == nil {
		return "–"
	}
	s := fmt.Sprintf("%.1f", p.QPS)
	if p.QPS >= 100 {
		s = fmt.Sprintf("%.0f", p.QPS)
	}
	if p.Cut {
		s += "*"
	}
	return s
}

func memoryOf(r *runner.Result) string {
	if r == nil || r.Memory.RSSBytes == 0 {
		return "–"
	}
	if r.Memory.HWMBytes > r.Memory.RSSBytes {
		return bytesOf(r.Memory.RSSBytes) + " (peak " + bytesOf(r.Memory.HWMBytes) + ")"
	}
	return bytesOf(r.Memory.RSSBytes)
}

// ms formats milliseconds: one decimal under 10, none above.
func ms(v float64) string {
	if v < 10 {
		return fmt.Sprintf("%.1f", v)
	}
	return thousands(int64(math.Round(v)))
}

func ratio(a, b float64) string {
	if b <= 0 {
		return "–"
	}
	r := a / b
	if r >= 10 {
		return fmt.Sprintf("%.0f×", r)
	}
	return fmt.Sprintf("%.1f×", r)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// bytesOf formats a size in MB or GB (powers of 10).
func bytesOf(n int64) string {
	switch {
	case n <= 0:
		return "–"
	case n >= 1e9:
		return fmt.Sprintf("%.2f GB", float64(n)/1e9)
	default:
		return fmt.Sprintf("%.0f MB", math.Max(float64(n)/1e6, 1))
	}
}

// thousands formats n with commas: 1234567 → "1,234,567".
func thousands(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
