// Package query holds the query language of askedat's search box: the
// lexer that turns query text into clauses (Parse), the limits that text
// must keep, the date ranges of its date clauses and of a request
// (DateRange, StartDay, EndDay), and the shape of a query (Shape) that
// logs may give without its words. It is pure text → clauses: compiling the clauses into an
// engine's queries (stemming, typos, synonyms, bleve) is package index's.
//
// The language:
//
//	lru cache            every word must match, in the title or the body
//	"hash map"           the words together, in this order
//	-django  -"hr round" must not match
//	company:amazon       a filter; values with spaces in quotes: company:"goldman sachs"
//	date:2023            a date range (dates.go): date:2023-06, date:2022..2024,
//	                     date>=2023-06, date<2024; each end a year, month or day
//	recurs*              any word starting so (at least two letters)
//	kafka OR rabbitmq    either; OR joins the clauses on its two sides
//
// A request's text is lexed once: searchd parses it for its log and hands
// the parsed Query to the index's search (index.Index.SearchParsed).
//
//	q, err := query.Parse(`"hash map" company:amazon -django`)
//	if err != nil { ... } // an *Error: what is wrong, for the user
//	log.Print(q.Shape())  // {Words:1 Phrases:1 Fields:1 Negated:1 ...}
package query
