// Hits: the page of hits loaded from stored fields and columns, with
// highlights and snippets.

package index

import (
	"context"
	"errors"
	"fmt"
	"html"
	"strconv"
	"strings"
)

// loadHits fills res.Hits with the page asked for: the ranked candidates
// from From on, with their stored fields and highlights. hits is how many
// the pages run over (ranked).
func (s *snapshot) loadHits(ctx context.Context, res *Result, p *plan, all []candidate, hits uint64, r *Request) error {
	if r.From >= len(all) {
		res.Hits = []Hit{}
		return nil
	}
	all = all[r.From:min(len(all), r.From+r.Size)]
	if n := len(all); n == r.Size && (p.after != nil || uint64(r.From+n) < hits) {
		res.NextCursor = s.encodeCursor(all[n-1], r)
	}
	var terms map[string]bool
	if p.text != nil {
		terms = p.text.highlight
	}
	res.Hits = make([]Hit, 0, len(all))
	for _, c := range all {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("load hits: %w", err)
		}
		h, err := s.hit(c, terms)
		if err != nil {
			return err
		}
		res.Hits = append(res.Hits, h)
	}
	return nil
}

// hit reads one document's stored fields and columns into a Hit.
func (s *snapshot) hit(c candidate, terms map[string]bool) (Hit, error) {
	id, err := s.r.ExternalID(internalID(c.doc))
	if err != nil {
		return Hit{}, fmt.Errorf("read hit %d: %w", c.doc, err)
	}
	doc, err := s.r.Document(id)
	if err != nil {
		return Hit{}, fmt.Errorf("read hit %s: %w", id, err)
	}
	if doc == nil {
		return Hit{}, fmt.Errorf("read hit %s: %w", id, errors.New("document vanished"))
	}
	h := Hit{ID: id, Score: c.score, Collapsed: int(c.n), Tier: int(c.tier)}
	cols := s.cols

	h.Date = cols.day.values[c.day]
	vals := func(col *column) string {
		os := col.valuesOf(c.doc)
		out := make([]string, len(os))
		for i, o := range os {
			out[i] = col.values[o]
		}
		return strings.Join(out, ", ")
	}
	h.Type = vals(cols.typ)
	h.Cluster = vals(cols.cluster)
	if a := vals(cols.asked); a != "" {
		h.AskedAt, _ = strconv.Atoi(a) // zero-padded decimal
	}
	for i, f := range FacetFields {
		v := vals(cols.facets[i])
		switch f {
		case fieldCompany:
			h.Company = v
		case fieldRole:
			h.Role = v
		case fieldCategory:
			h.Category = v
		case fieldDifficulty:
			h.Difficulty, h.DifficultySource = shownDifficulty(v)
		case fieldStatus:
			h.Status = v
		}
	}
	t, err := s.text.hitText(doc, id)
	if err != nil {
		return Hit{}, fmt.Errorf("read hit %s: %w", id, err)
	}
	h.URL, h.ExperienceID, h.Title, h.Ordinal, h.Round, h.ClusterTitle = t.url, t.expID, t.title, t.ordinal, t.round, t.clusterTitle
	body := t.body
	if h.Cluster != "" && h.ClusterTitle == "" {
		h.ClusterTitle = h.Title
	}
	if len(terms) > 0 {
		h.Highlights = map[string][]string{}
		if t, ok := highlight(h.Title, terms, s.analyzer, 0); ok {
			h.Highlights[fieldTitle] = []string{t}
		}
		if b, ok := highlight(body, terms, s.analyzer, snippetRunes); ok {
			h.Highlights[fieldBody] = []string{b}
			h.Snippet = b
		}
		if len(h.Highlights) == 0 {
			h.Highlights = nil
		}
	}
	if h.Snippet == "" {
		h.Snippet = html.EscapeString(truncate(body, snippetRunes))
	}
	return h, nil
}
