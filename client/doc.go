// Package client is a Go client of searchd's JSON API (docs/api.md, and
// docs/openapi.yaml for tools). It speaks in the root package's wire types:
// an askedat.Request goes out as the query parameters of /api/search, and
// the answer comes back as a SearchResult, which is an askedat.Result with
// what searchd adds around it (the query, page, size and time taken).
//
// Like the root package it links no search engine: a program that only
// talks to searchd (loadtest) stays free of bleve.
//
// A search, and every hit of one, page after page by cursor:
//
//	c, err := client.New("http://127.0.0.1:8080")
//	if err != nil { ... }
//	res, err := c.Search(ctx, askedat.Request{
//		Query:   "lru cache",
//		Filters: map[string][]string{"company": {"Amazon", "Google"}},
//	})
//	var apiErr *client.Error
//	if errors.As(err, &apiErr) && apiErr.Status == http.StatusBadRequest {
//		fmt.Println("fix the query:", apiErr.Message)
//	}
//	for hit, err := range c.Hits(ctx, askedat.Request{Query: "design", Sort: "date"}) {
//		if err != nil { ... }
//		fmt.Println(hit.Date, hit.Company, hit.Title)
//	}
//
// Every answer other than a 2xx is an *Error with the status and the API's
// message; the client does not check a Request itself, so what searchd
// refuses is refused with searchd's own words (the 400 of a size out of
// range, an unknown sort, a malformed query). Every call takes a context,
// and WithHTTPClient sets the *http.Client (timeouts, transport, proxies).
package client
