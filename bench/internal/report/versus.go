package report

import (
	"fmt"
	"strings"

	"github.com/askedat/askedat/bench/internal/runner"
)

// Rival is the engine the report sets askedat beside first (issue 16: lead
// Lucene on build time, latency, throughput and size).
const Rival = "lucene"

// A goal is one of issue 16's targets for askedat against Lucene at 1M
// questions: a bound on askedat ÷ Lucene, or on askedat's own figure.
type goal struct {
	text     string
	absolute bool // a bound on askedat's own figure, which only means something at 1M
	// met reports whether askedat's value a and Lucene's l meet the goal.
	met func(a, l float64) bool
}

// writeVersus writes, for each set where both ran, base's and rival's
// headline figures side by side with their ratio (base ÷ rival) and the
// goal of each.
func writeVersus(b *strings.Builder, sets []*Set, base, rival string) {
	var rows []*Set
	for _, s := range sets {
		if s.Runs[base] != nil && s.Runs[rival] != nil {
			rows = append(rows, s)
		}
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## %s beside %s\n\n", base, rival)
	fmt.Fprintf(b, "Ratios are %s ÷ %s. Faceted latency is every query of the mix with one client (each asks for the top 10, the exact total and 4 facets); "+
		"serving memory is the peak resident size (VmHWM) of the serving process (%s's searchd, %s's JVM), read at the end of the run. "+
		"The goals are issue 16's, set for 1M questions on a quiet 2-core machine; \"met here\" says whether this run meets a goal on a ratio at its own size, "+
		"and is left empty for a goal on a size in bytes below 1M questions.\n", base, rival, base, rival)
	for _, s := range rows {
		writeVersusSet(b, s, base, rival)
	}
}

func writeVersusSet(b *strings.Builder, s *Set, base, rival string) {
	fmt.Fprintf(b, "\n### %s: %s questions%s\n\n", s.Label, thousands(int64(s.Docs())), s.Corpus.describe())
	fmt.Fprintf(b, "| | %s | %s | %s ÷ %s | goal at 1M | met here |\n|---|--:|--:|--:|---|---|\n", base, rival, base, rival)
	ba, br := s.Builds[base], s.Builds[rival]
	ra, rr := s.Runs[base], s.Runs[rival]
	le := func(x float64) goal {
		return goal{fmt.Sprintf("≤ %.2g×", x), false, func(a, l float64) bool { return l > 0 && a/l <= x }}
	}
	row := func(name string, a, l float64, format func(float64) string, g goal) {
		if a <= 0 || l <= 0 {
			fmt.Fprintf(b, "| %s | %s | %s | – | %s | – |\n", name, orDash(a, format), orDash(l, format), g.text)
			return
		}
		met := "no"
		switch {
		case g.absolute && s.Docs() < 1_000_000:
			met = ""
		case g.met(a, l):
			met = "yes"
		}
		fmt.Fprintf(b, "| %s | %s | %s | %.2f× | %s | %s |\n", name, format(a), format(l), a/l, g.text, met)
	}
	secs := func(v float64) string { return fmt.Sprintf("%.1f s", v) }
	size := func(v float64) string { return bytesOf(int64(v)) }
	msf := func(v float64) string { return ms(v) + " ms" }
	qpsf := func(v float64) string { return fmt.Sprintf("%.1f", v) }
	if ba != nil && br != nil {
		row("build", ba.Seconds, br.Seconds, secs, le(1))
		disk := goal{"≤ 1.2 GB (real-sentence corpus)", true, func(a, _ float64) bool { return a <= 1.2e9 }}
		row("on disk", float64(ba.SizeBytes), float64(br.SizeBytes), size, disk)
	}
	pa, pr := phase(ra, 1), phase(rr, 1)
	if pa != nil && pr != nil {
		row("faceted p50", pa.All.P50, pr.All.P50, msf, le(0.8))
		row("faceted p99", pa.All.P99, pr.All.P99, msf, le(0.8))
	}
	qa, qr := phase(ra, 2), phase(rr, 2)
	if qa != nil && qr != nil {
		ge := goal{"≥ 1.25×", false, func(a, l float64) bool { return l > 0 && a/l >= 1.25 }}
		row("faceted queries/s, 2 clients", qa.QPS, qr.QPS, qpsf, ge)
	}
	rss := goal{"≤ 1 GB (searchd)", true, func(a, _ float64) bool { return a <= 1e9 }}
	row("serving memory, peak", float64(peakOf(ra)), float64(peakOf(rr)), size, rss)
}

// peakOf returns the peak resident memory of r's serving processes, or the
// resident memory at the end where the peak is unknown.
func peakOf(r *runner.Result) int64 {
	if r == nil {
		return 0
	}
	return max(r.Memory.HWMBytes, r.Memory.RSSBytes)
}

func orDash(v float64, format func(float64) string) string {
	if v <= 0 {
		return "–"
	}
	return format(v)
}
