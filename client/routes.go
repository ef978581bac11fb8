package client

import (
	"context"
	"net/url"
	"strconv"

	"github.com/askedat/askedat"
)

// A Cluster is one question everywhere it was asked (GET
// /api/questions/{cluster}): the same question in other words, across
// posts.
type Cluster struct {
	ID string `json:"id"`
	// Title is the cluster's canonical title.
	Title string `json:"title"`
	// Questions counts the questions of the cluster; AskedAt the
	// companies that asked it.
	Questions uint64 `json:"questions"`
	AskedAt   int    `json:"asked_at"`
	// Companies and Roles are the companies and roles that asked it, with
	// their counts of questions.
	Companies []askedat.FacetValue `json:"companies"`
	Roles     []askedat.FacetValue `json:"roles"`
	// Hits are the questions, newest first (at most askedat.MaxSize).
	Hits []askedat.Hit `json:"hits"`
}

// Cluster returns the question cluster id (a Hit's Cluster); an *Error
// with status 404 when the index has none of that id.
func (c *Client) Cluster(ctx context.Context, id string) (*Cluster, error) {
	var cl Cluster
	if _, err := c.get(ctx, c.endpoint(nil, "api", "questions", id), &cl); err != nil {
		return nil, err
	}
	return &cl, nil
}

// Experience returns the whole post id (a Hit's ExperienceID) with its
// questions, as the crawler wrote it and the indexer clustered it; an
// *Error with status 404 when the index has none of that id.
func (c *Client) Experience(ctx context.Context, id string) (*askedat.Experience, error) {
	var e askedat.Experience
	if _, err := c.get(ctx, c.endpoint(nil, "api", "experiences", id), &e); err != nil {
		return nil, err
	}
	return &e, nil
}

// Suggest returns up to size values of a facet field (company, role, …)
// that start with prefix or have a word that does, the most questions
// first: typeahead. A size of 0 is searchd's default (10).
func (c *Client) Suggest(ctx context.Context, field, prefix string, size int) ([]askedat.FacetValue, error) {
	q := url.Values{"field": {field}, "prefix": {prefix}}
	if size != 0 {
		q.Set("size", strconv.Itoa(size))
	}
	var out struct {
		Values []askedat.FacetValue `json:"values"`
	}
	if _, err := c.get(ctx, c.endpoint(q, "api", "suggest"), &out); err != nil {
		return nil, err
	}
	return out.Values, nil
}

// Readiness is the answer of GET /readyz: an index is open and answers a
// search.
type Readiness struct {
	Status    string `json:"status"`
	Documents uint64 `json:"documents"`
	// Version is the index version served (Serving too); Current the one
	// the data directory's pointer names. Both are empty for a searchd
	// of a bare index folder.
	Version string `json:"version,omitempty"`
	Serving string `json:"serving,omitempty"`
	Current string `json:"current,omitempty"`
	// Fallback says why the version served is not the current one (a
	// damaged current version).
	Fallback string `json:"fallback,omitempty"`
	// Refused is the last version the pointer named that searchd refused.
	Refused *Refusal `json:"refused,omitempty"`
	// Tables are the SHA-256 of the tables the version is searched with:
	// "synonyms" and "companies" (indexer reindex -synonyms, -companies).
	Tables map[string]string `json:"tables,omitempty"`
}

// A Refusal is a version searchd would not serve, and why.
type Refusal struct {
	Version string `json:"version"`
	Error   string `json:"error"`
}

// Ready asks whether searchd is ready (GET /readyz): an *Error with status
// 503 when its index does not answer.
func (c *Client) Ready(ctx context.Context) (*Readiness, error) {
	var r Readiness
	if _, err := c.get(ctx, c.endpoint(nil, "readyz"), &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// Health asks whether the searchd process is up (GET /healthz).
func (c *Client) Health(ctx context.Context) error {
	var h struct {
		Status string `json:"status"`
	}
	_, err := c.get(ctx, c.endpoint(nil, "healthz"), &h)
	return err
}
