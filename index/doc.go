// Package index is the search engine of askedat over bleve: the bleve
// mapping, opening and creating an index, batched writes of experiences,
// and Search with facets, highlights, cursors and field collapsing.
//
// It indexes and searches the types of package askedat (Experience,
// Request, Result), which it also knows by their short names (model.go).
// bleve's types stay inside this package. The query language is package
// query's: Search lexes a request's text with query.Parse, and a caller
// that has lexed it already (searchd, for its log) hands the parse to
// SearchParsed.
//
// Typical use:
//
//	idx, err := index.Open("data/idx")
//	if err != nil { ... }
//	defer idx.Close()
//	res, err := idx.Search(ctx, askedat.Request{
//		Query:   "lru cache",
//		Filters: map[string][]string{"company": {"Amazon", "Google"}},
//	})
package index
