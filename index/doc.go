// Package index holds what the crawler, the indexer and searchd share: the
// document model (Experience and Question), its JSON Lines codec, the
// normalisation of facet values, the bleve mapping, opening and creating an
// index, batched writes, and Search with facets and highlights.
//
// bleve's types stay inside this package: callers speak Experience, Request
// and Result. The query language is package query's: Search lexes a
// request's text with query.Parse, and a caller that has lexed it already
// (searchd, for its log) hands the parse to SearchParsed.
//
// Typical use:
//
//	idx, err := index.Open("data/idx")
//	if err != nil { ... }
//	defer idx.Close()
//	res, err := idx.Search(ctx, index.Request{
//		Query:   "lru cache",
//		Filters: map[string][]string{"company": {"Amazon", "Google"}},
//	})
package index
