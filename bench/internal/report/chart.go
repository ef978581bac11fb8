package report

import (
	"fmt"
	"html"
	"io"
	"math"
	"strings"
)

// palette colours the engines in chart order.
var palette = []string{"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"}

// Chart writes an SVG chart of s's single-client latency by class: for each
// class a bar per engine up to its p50, with a whisker up to its p99, on a
// logarithmic scale.
func Chart(w io.Writer, s *Set) error {
	engines := s.Engines()
	classes := append(classesOf(s, engines), "all")
	const (
		left, right, top, bottom = 70.0, 20.0, 50.0, 90.0
		height                   = 460.0
	)
	group := 24.0*float64(len(engines)) + 22
	width := left + right + group*float64(len(classes))
	plotH := height - top - bottom

	lo, hi := math.Inf(1), 0.0
	for _, e := range engines {
		for _, c := range classes {
			if sum, ok := summary(s.Runs[e], 1, c); ok {
				lo = math.Min(lo, math.Max(sum.P50, 0.01))
				hi = math.Max(hi, sum.P99)
			}
		}
	}
	if hi == 0 {
		lo, hi = 1, 10
	}
	minExp := math.Floor(math.Log10(lo))
	maxExp := math.Ceil(math.Log10(hi))
	if maxExp <= minExp {
		maxExp = minExp + 1
	}
	y := func(v float64) float64 {
		v = math.Max(v, math.Pow(10, minExp))
		return top + plotH*(1-(math.Log10(v)-minExp)/(maxExp-minExp))
	}

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family="sans-serif" font-size="12">`+"\n", width, height, width, height)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(&b, `<text x="%.0f" y="22" font-size="15" font-weight="bold">Latency by query class, %s (%s questions), 1 client: bar p50, whisker p99, ms (log scale)</text>`+"\n",
		left, html.EscapeString(s.Label), thousands(int64(s.Docs())))
	for e := minExp; e <= maxExp; e++ {
		v := math.Pow(10, e)
		fmt.Fprintf(&b, `<line x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f" stroke="#ddd"/>`+"\n", left, width-right, y(v), y(v))
		fmt.Fprintf(&b, `<text x="%.0f" y="%.1f" text-anchor="end">%s</text>`+"\n", left-6, y(v)+4, tick(v))
	}
	for ci, c := range classes {
		x0 := left + group*float64(ci) + 11
		for ei, e := range engines {
			sum, ok := summary(s.Runs[e], 1, c)
			if !ok {
				continue
			}
			x := x0 + 24*float64(ei)
			col := palette[ei%len(palette)]
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="20" height="%.1f" fill="%s"><title>%s %s p50 %.1f ms, p99 %.1f ms</title></rect>`+"\n",
				x, y(sum.P50), top+plotH-y(sum.P50), col, e, html.EscapeString(c), sum.P50, sum.P99)
			fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="black"/>`+"\n", x+10, x+10, y(sum.P50), y(sum.P99))
			fmt.Fprintf(&b, `<line x1="%.1f" x2="%.1f" y1="%.1f" y2="%.1f" stroke="black"/>`+"\n", x+5, x+15, y(sum.P99), y(sum.P99))
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" text-anchor="end" transform="rotate(-30 %.1f %.0f)">%s</text>`+"\n",
			x0+group/2, top+plotH+18, x0+group/2, top+plotH+18, html.EscapeString(c))
	}
	fmt.Fprintf(&b, `<line x1="%.0f" x2="%.0f" y1="%.0f" y2="%.0f" stroke="black"/>`+"\n", left, width-right, top+plotH, top+plotH)
	for ei, e := range engines {
		x := left + 110*float64(ei)
		fmt.Fprintf(&b, `<rect x="%.0f" y="32" width="12" height="12" fill="%s"/><text x="%.0f" y="42">%s</text>`+"\n", x, palette[ei%len(palette)], x+16, html.EscapeString(e))
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func tick(v float64) string {
	if v < 1 {
		return fmt.Sprintf("%g", v)
	}
	return thousands(int64(v))
}
