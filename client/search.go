package client

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/askedat/askedat"
)

// A SearchResult is the answer of GET /api/search: the index's Result, with
// what searchd adds around it. Result.Took is TookMS as a Duration.
type SearchResult struct {
	// Query is the query as searched (the spaces around it trimmed).
	Query string `json:"query"`
	// Page and Size are the page number (from 1) and its size as applied.
	Page   int     `json:"page"`
	Size   int     `json:"size"`
	TookMS float64 `json:"took_ms"`
	askedat.Result
	// IndexVersion is the index version that answered (X-Index-Version):
	// the version NextCursor belongs to.
	IndexVersion string `json:"-"`
}

// Search runs r on searchd. r is sent as it is, and searchd fills in the
// defaults and refuses what is wrong (an *Error with status 400); r.From
// must be a multiple of r.Size (DefaultSize if 0), as the API pages by
// page number.
func (c *Client) Search(ctx context.Context, r askedat.Request) (*SearchResult, error) {
	q, err := searchQuery(r)
	if err != nil {
		return nil, err
	}
	var res SearchResult
	h, err := c.get(ctx, c.endpoint(q, "api", "search"), &res)
	if err != nil {
		return nil, err
	}
	res.Took = time.Duration(res.TookMS * float64(time.Millisecond))
	res.IndexVersion = h.Get("X-Index-Version")
	return &res, nil
}

// Hits returns every hit of the search r, in its order: the page r asks
// for (of r.Size hits, or askedat.MaxSize when r.Size is 0, to ask for
// fewer pages), then each next page by its cursor, past the window pages
// reach. An error is yielded once, as the last pair; breaking out of the
// loop stops the requests.
//
// Each page is a request of its own, so an index swapped in between pages
// refuses the cursor (an *Error with status 400 that says to start again).
func (c *Client) Hits(ctx context.Context, r askedat.Request) iter.Seq2[askedat.Hit, error] {
	return func(yield func(askedat.Hit, error) bool) {
		if r.Size == 0 {
			r.Size = askedat.MaxSize
		}
		for {
			res, err := c.Search(ctx, r)
			if err != nil {
				yield(askedat.Hit{}, err)
				return
			}
			for _, h := range res.Hits {
				if !yield(h, nil) {
					return
				}
			}
			if res.NextCursor == "" || len(res.Hits) == 0 {
				return
			}
			r.Cursor, r.From = res.NextCursor, 0
		}
	}
}

// searchQuery returns the query parameters of r (docs/openapi.yaml,
// /api/search). A field left at its zero value is left out, so searchd
// applies its default. Filter fields go out in askedat.FacetFields order,
// then any other (searchd refuses those, with its message).
func searchQuery(r askedat.Request) (url.Values, error) {
	size := r.Size
	if size == 0 {
		size = askedat.DefaultSize
	}
	if r.From < 0 {
		return nil, fmt.Errorf("client: from %d is negative", r.From)
	}
	if size > 0 && r.From%size != 0 {
		return nil, fmt.Errorf("client: from %d is not a multiple of the size %d: the API pages by page number", r.From, size)
	}
	v := url.Values{}
	set := func(name, val string) {
		if val != "" {
			v.Set(name, val)
		}
	}
	set("q", r.Query)
	fields := slices.Clone(askedat.FacetFields)
	for f := range r.Filters {
		if !askedat.IsFacetField(f) {
			fields = append(fields, f)
		}
	}
	slices.Sort(fields[len(askedat.FacetFields):])
	for _, f := range fields {
		for _, val := range r.Filters[f] {
			v.Add(f, val)
		}
	}
	set("type", r.Type)
	set("sort", r.Sort)
	if r.Size != 0 {
		v.Set("size", strconv.Itoa(r.Size))
	}
	if r.From > 0 && size > 0 {
		v.Set("page", strconv.Itoa(r.From/size+1))
	}
	if r.FacetSize != 0 {
		v.Set("facet_size", strconv.Itoa(r.FacetSize))
	}
	set("date_interval", r.DateInterval)
	set("cursor", r.Cursor)
	set("cluster", r.Cluster)
	set("collapse", r.Collapse)
	set("difficulty_source", r.DifficultySource)
	set("date_from", r.DateFrom)
	set("date_to", r.DateTo)
	return v, nil
}
