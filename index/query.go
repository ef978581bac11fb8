package index

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
)

// A parsedQuery is the user's text split into what must match: words (each
// must appear in the title or the body) and "quoted phrases" (the words in
// that order).
type parsedQuery struct {
	words   []string   // analysed terms, without repeats
	phrases [][]string // each an analysed phrase of two or more terms
	pairs   [][]string // each phrase's word pairs, as the pairs fields hold them
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
// with a, the analyzer of the text fields, and phrases also with pa, the
// analyzer of the pairs fields.
func parseQuery(text string, a, pa analysis.Analyzer) (*parsedQuery, error) {
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
			var pairs []string
			for _, tok := range pa.Analyze([]byte(phrase)) {
				pairs = append(pairs, string(tok.Term))
			}
			p.phrases = append(p.phrases, terms)
			p.pairs = append(p.pairs, pairs)
		}
	}
	if n := len(p.words) + len(p.phrases); n > MaxQueryTerms {
		return nil, badRequest("query has %d words and phrases; the limit is %d", n, MaxQueryTerms)
	}
	return p, nil
}

// textFields names the fields a search of one document type reads.
type textFields struct{ title, body, pairs string }

var (
	questionFields   = textFields{fieldTitle, fieldBody, fieldPairs}
	experienceFields = textFields{fieldETitle, fieldEBody, fieldEPairs}
)

// bleveQuery returns the query for the text: every word in the title
// (boosted) or the body, and every phrase's word pairs.
func (p *parsedQuery) bleveQuery(f textFields) query.Query {
	var must []query.Query
	for _, t := range p.words {
		title := query.NewTermQuery(t)
		title.SetField(f.title)
		title.SetBoost(TitleBoost)
		body := query.NewTermQuery(t)
		body.SetField(f.body)
		must = append(must, query.NewDisjunctionQuery([]query.Query{title, body}))
	}
	for _, pairs := range p.pairs {
		for _, pair := range pairs {
			q := query.NewTermQuery(pair)
			q.SetField(f.pairs)
			q.SetBoost(PhraseBoost)
			must = append(must, q)
		}
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
