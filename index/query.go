package index

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/search/query"
)

// A parsedQuery is the user's text split into what must match: words (each
// must appear in the title or the body) and "quoted phrases" (the words in
// that order).
type parsedQuery struct {
	words   []string   // analysed terms, without repeats
	phrases [][]string // each an analysed phrase of two or more terms
	raw     []string   // the phrases as typed, for bleve's phrase matching
}

// empty reports whether there is nothing to match.
func (p *parsedQuery) empty() bool { return len(p.words) == 0 && len(p.phrases) == 0 }

// terms returns every analysed term of the query, for highlighting.
func (p *parsedQuery) terms() map[string]bool {
	m := map[string]bool{}
	for _, w := range p.words {
		m[w] = true
	}
	for _, ph := range p.phrases {
		for _, w := range ph {
			m[w] = true
		}
	}
	return m
}

// parseQuery splits text into words and quoted phrases and analyses them
// with a, the analyzer of the text fields.
func parseQuery(text string, a analysis.Analyzer) (*parsedQuery, error) {
	p := &parsedQuery{}
	seen := map[string]bool{}
	addWords := func(s string) {
		for _, tok := range a.Analyze([]byte(s)) {
			if t := string(tok.Term); !seen[t] {
				seen[t] = true
				p.words = append(p.words, t)
			}
		}
	}
	rest := text
	for {
		i := strings.IndexByte(rest, '"')
		if i < 0 {
			addWords(rest)
			break
		}
		addWords(rest[:i])
		rest = rest[i+1:]
		j := strings.IndexByte(rest, '"')
		if j < 0 {
			return nil, badRequest("a quote is not closed: %q; put the phrase between two \" marks, or leave the quote out", text)
		}
		phrase := rest[:j]
		rest = rest[j+1:]
		var terms []string
		for _, tok := range a.Analyze([]byte(phrase)) {
			terms = append(terms, string(tok.Term))
		}
		switch {
		case len(terms) == 0:
			if strings.TrimFunc(phrase, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) == "" {
				continue // "" or " ": nothing asked
			}
			// only common words: no phrase to look for
		case len(terms) == 1:
			addWords(phrase)
		default:
			p.phrases = append(p.phrases, terms)
			p.raw = append(p.raw, phrase)
		}
	}
	if n := len(p.words) + len(p.phrases); n > MaxQueryTerms {
		return nil, badRequest("query has %d words and phrases; the limit is %d", n, MaxQueryTerms)
	}
	return p, nil
}

// bleveQuery returns the query for the text: every word in the title
// (boosted) or the body, and every phrase in the title or the body.
func (p *parsedQuery) bleveQuery() query.Query {
	var must []query.Query
	for _, t := range p.words {
		title := query.NewTermQuery(t)
		title.SetField(fieldTitle)
		title.SetBoost(TitleBoost)
		body := query.NewTermQuery(t)
		body.SetField(fieldBody)
		must = append(must, query.NewDisjunctionQuery([]query.Query{title, body}))
	}
	// bleve's match-phrase query analyses the phrase itself and keeps the
	// gaps left by stop words ("design of systems" matches that text, not
	// "design systems").
	for _, raw := range p.raw {
		title := query.NewMatchPhraseQuery(raw)
		title.SetField(fieldTitle)
		title.Analyzer = en.AnalyzerName
		title.SetBoost(TitleBoost)
		body := query.NewMatchPhraseQuery(raw)
		body.SetField(fieldBody)
		body.Analyzer = en.AnalyzerName
		must = append(must, query.NewDisjunctionQuery([]query.Query{title, body}))
	}
	if len(must) == 1 {
		return must[0]
	}
	return query.NewConjunctionQuery(must)
}

// checkQueryText reports what makes text unusable as a query, or nil.
func checkQueryText(text string) error {
	if n := utf8.RuneCountInString(text); n > MaxQueryRunes {
		return badRequest("query is %d characters long; the limit is %d", n, MaxQueryRunes)
	}
	if !utf8.ValidString(text) {
		return badRequest("query is not valid UTF-8")
	}
	return nil
}
