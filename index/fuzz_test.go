package index

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	bleveq "github.com/blevesearch/bleve/v2/search/query"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/askedat/askedat/query"
)

// The fuzz targets. Their seeds are in testdata/fuzz/<target>/ (go test
// runs them as tests); `make fuzz` runs each for $(FUZZTIME):
//
//	go test -run='^$' -fuzz='^FuzzParseQuery$' -fuzztime=30s ./index

// FuzzParseQuery lexes, compiles and runs arbitrary query text. It must
// never panic; refusals must be *RequestErrors; and every query that is
// accepted must respect the limits: clauses, word and phrase lengths,
// prefixes, and the term lookups it compiles to.
func FuzzParseQuery(f *testing.F) {
	idx := newLangIndex(f)
	snap, err := idx.snapshot(context.Background())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		lexed, lexErr := query.Parse(q)
		if lexErr != nil {
			requestError(t, "query.Parse", q, asRequestError(lexErr))
		} else {
			checkLexed(t, q, lexed.Groups)
		}
		pq, err := snap.parse(context.Background(), q, questionFields, nil)
		if err != nil {
			requestError(t, "parse", q, err)
		} else {
			if lexErr != nil {
				t.Fatalf("parse(%q) accepted what query.Parse refused: %v", q, lexErr)
			}
			checkCompiled(t, q, pq)
		}
		// The whole search: refused or answered, with inert highlights.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		res, err := idx.Search(ctx, Request{Query: q, Size: MaxSize})
		if err != nil {
			requestError(t, "Search", q, err)
			return
		}
		for _, h := range res.Hits {
			for _, frags := range h.Highlights {
				for _, s := range frags {
					checkInert(t, s)
				}
			}
			checkInert(t, h.Snippet)
		}
	})
}

// requestError fails t unless err is a *RequestError with a message.
func requestError(t *testing.T, what, q string, err error) {
	t.Helper()
	var re *RequestError
	if !errors.As(err, &re) || re.Msg == "" {
		t.Fatalf("%s(%q) error = %v (%T), want a *RequestError", what, q, err, err)
	}
}

// checkLexed checks the clauses of an accepted query against the limits.
func checkLexed(t *testing.T, q string, groups []query.Group) {
	t.Helper()
	if n := utf8.RuneCountInString(q); n > MaxQueryRunes || !utf8.ValidString(q) {
		t.Fatalf("query.Parse accepted %q: %d characters, valid UTF-8 %v", q, n, utf8.ValidString(q))
	}
	n := 0
	for _, g := range groups {
		n += len(g)
		for _, c := range g {
			words := []string{c.Text}
			switch c.Kind {
			case query.PhraseClause:
				words = strings.Fields(c.Text)
				if len(words) > MaxPhraseWords {
					t.Fatalf("query.Parse(%q): phrase %q of %d words, limit %d", q, c.Text, len(words), MaxPhraseWords)
				}
			case query.PrefixClause:
				if utf8.RuneCountInString(c.Text) < MinPrefixLetters || strings.Contains(c.Text, "*") {
					t.Fatalf("query.Parse(%q): prefix %q", q, c.Text)
				}
			case query.FieldClause:
				if !IsFacetField(c.Field) || c.Text == "" {
					t.Fatalf("query.Parse(%q): field clause %s:%q", q, c.Field, c.Text)
				}
			}
			for _, w := range words {
				if utf8.RuneCountInString(w) > MaxWordRunes {
					t.Fatalf("query.Parse(%q): word %q longer than %d", q, w, MaxWordRunes)
				}
			}
		}
	}
	if n > MaxQueryClauses {
		t.Fatalf("query.Parse(%q): %d clauses, limit %d", q, n, MaxQueryClauses)
	}
}

// checkCompiled checks a compiled query against the limits: its term
// lookups counted again, each term's length.
func checkCompiled(t *testing.T, q string, pq *compiledQuery) {
	t.Helper()
	terms := 0
	var walk func(bleveq.Query)
	walk = func(x bleveq.Query) {
		switch x := x.(type) {
		case *bleveq.TermQuery:
			terms++
			// An analysed word is at most a typed word, lower-cased
			// (which can double a rune); a pair is two of them.
			most := 2 * MaxWordRunes
			if x.FieldVal == questionFields.pairs {
				most = 2*most + 1
			}
			if !IsFacetField(x.FieldVal) && utf8.RuneCountInString(x.Term) > most {
				t.Fatalf("parse(%q): term %q in %s is longer than %d", q, x.Term, x.FieldVal, most)
			}
		case *bleveq.ConjunctionQuery:
			for _, c := range x.Conjuncts {
				walk(c)
			}
		case *bleveq.DisjunctionQuery:
			for _, c := range x.Disjuncts {
				walk(c)
			}
		case *bleveq.BooleanQuery:
			for _, c := range []bleveq.Query{x.Must, x.Should, x.MustNot, x.Filter} {
				if c != nil {
					walk(c)
				}
			}
		case *bleveq.PrefixQuery, *bleveq.MatchNoneQuery, nil:
		default:
			t.Fatalf("parse(%q): a %T in the compiled query", q, x)
		}
	}
	walk(pq.text)
	if pq.prefixTerms > MaxPrefixTerms {
		t.Fatalf("parse(%q): prefixes stand for %d words, limit %d", q, pq.prefixTerms, MaxPrefixTerms)
	}
	if got := terms + pq.prefixTerms; got != pq.terms || got > MaxCompiledTerms {
		t.Fatalf("parse(%q): %d term lookups (counted %d), limit %d", q, got, pq.terms, MaxCompiledTerms)
	}
}

// FuzzHighlight highlights arbitrary text for the words of an arbitrary
// query (and the text's own first word, so that something is marked). The
// result must be inert HTML: parsed as HTML, its only elements are <mark>
// without attributes, not nested; and its text is the input's.
func FuzzHighlight(f *testing.F) {
	idx := newLangIndex(f)
	snap, err := idx.snapshot(context.Background())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text, q string) {
		terms := map[string]bool{}
		for _, tok := range snap.analyzer.Analyze([]byte(q)) {
			terms[string(tok.Term)] = true
		}
		if toks := snap.analyzer.Analyze([]byte(text)); len(toks) > 0 {
			terms[string(toks[0].Term)] = true
		}
		for _, maxRunes := range []int{0, snippetRunes} {
			out, ok := highlight(text, terms, snap.analyzer, maxRunes)
			if !ok {
				if out != "" {
					t.Fatalf("highlight(%q) = %q, false; want \"\" when nothing is marked", text, out)
				}
				continue
			}
			content := checkInert(t, out)
			// The text survives (HTML parsing turns CR LF and NUL, and
			// invalid UTF-8, into other text: compare only without them).
			if !utf8.ValidString(text) || strings.ContainsAny(text, "\r\x00\x0c") {
				continue
			}
			if maxRunes == 0 && content != strings.TrimSpace(text) {
				t.Fatalf("highlight(%q, 0) keeps the text %q", text, content)
			}
			if maxRunes > 0 && !strings.Contains(text, strings.Trim(content, "…")) {
				t.Fatalf("highlight(%q, %d) = %q: not a window of the text", text, maxRunes, out)
			}
		}
	})
}

// checkInert parses s as an HTML fragment and fails t unless its only
// elements are <mark>s without attributes, none inside another, and it has
// no comments or other nodes; it returns the text.
func checkInert(t *testing.T, s string) string {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	var b strings.Builder
	var walk func(n *html.Node, inMark bool)
	walk = func(n *html.Node, inMark bool) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if n.DataAtom != atom.Mark || len(n.Attr) > 0 || inMark {
				t.Fatalf("%q has the element %s", s, describe(n))
			}
			inMark = true
		default:
			t.Fatalf("%q has a node of type %d (%q)", s, n.Type, n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inMark)
		}
	}
	for _, n := range nodes {
		walk(n, false)
	}
	return b.String()
}

func describe(n *html.Node) string {
	var attrs []string
	for _, a := range n.Attr {
		attrs = append(attrs, fmt.Sprintf("%s=%q", a.Key, a.Val))
	}
	return fmt.Sprintf("<%s %s>", n.Data, strings.Join(attrs, " "))
}
