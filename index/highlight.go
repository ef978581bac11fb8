package index

import (
	"html"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// highlight returns text as safe HTML with the words whose analysed form is
// in terms wrapped in <mark>, and reports whether any was. Everything else
// is escaped: crawled text never becomes markup. With maxRunes > 0 it
// returns a window of about that many characters around the first matches,
// with "…" where the text was cut.
//
// It analyses only the text of the hits shown (ten or so), so the index
// needs no term locations for it, and a match costs nothing during the
// search itself; and of a long text only the first maxHighlightBytes.
func highlight(text string, terms map[string]bool, a analysis.Analyzer, maxRunes int) (string, bool) {
	if text == "" || len(terms) == 0 {
		return "", false
	}
	type span struct{ start, end int }
	var marks []span
	head := text
	if len(head) > maxHighlightBytes {
		cut := maxHighlightBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		head = text[:cut]
	}
	for _, tok := range a.Analyze([]byte(head)) {
		if terms[string(tok.Term)] && tok.Start < tok.End && tok.End <= len(text) {
			if n := len(marks); n > 0 && tok.Start < marks[n-1].end {
				continue // overlapping tokens: keep the first
			}
			marks = append(marks, span{tok.Start, tok.End})
		}
	}
	if len(marks) == 0 {
		return "", false
	}
	from, to := 0, len(text)
	if maxRunes > 0 && utf8.RuneCountInString(text) > maxRunes {
		// Start a little before the first match, at a word boundary, and
		// take maxRunes from there.
		from = backRunes(text, marks[0].start, maxRunes/5)
		if i := strings.LastIndexAny(text[:from], " \n\t"); from > 0 && i >= 0 && from-i < 20 {
			from = i + 1
		}
		to = forwardRunes(text, from, maxRunes)
		if to < len(text) {
			if i := strings.LastIndexAny(text[from:to], " \n\t"); i > (to-from)/2 {
				to = from + i
			}
		}
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	pos := from
	for _, m := range marks {
		if m.start < from || m.end > to {
			continue
		}
		b.WriteString(html.EscapeString(text[pos:m.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[m.start:m.end]))
		b.WriteString("</mark>")
		pos = m.end
	}
	b.WriteString(html.EscapeString(text[pos:to]))
	if to < len(text) {
		b.WriteString("…")
	}
	return strings.TrimSpace(b.String()), true
}

// backRunes returns the byte offset n runes before i in s (or 0).
func backRunes(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return i
}

// forwardRunes returns the byte offset n runes after i in s (or len(s)).
func forwardRunes(s string, i, n int) int {
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}
