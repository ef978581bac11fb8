package main

import (
	"context"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/askedat/askedat/index"
)

// searchResponse is the JSON answer of GET /api/search.
type searchResponse struct {
	Query string `json:"query"`
	// Filters are the filters applied, as the index spells the values
	// (company=amazon is {"company": ["Amazon"]}).
	Filters map[string][]string `json:"filters"`
	// DifficultySource is the difficulty_source applied: "stated" or
	// "inferred"; absent for every difficulty.
	DifficultySource string `json:"difficulty_source,omitempty"`
	// Warnings name the filter values that match nothing in the index.
	Warnings []string `json:"warnings,omitempty"`
	Total    uint64   `json:"total"`
	// Groups, with collapse=cluster, is the number of distinct groups
	// (question clusters) among the matches; pages run over them.
	Groups *uint64                       `json:"groups,omitempty"`
	Page   int                           `json:"page"`
	Size   int                           `json:"size"`
	TookMS float64                       `json:"took_ms"`
	Hits   []index.Hit                   `json:"hits"`
	Facets map[string][]index.FacetValue `json:"facets"`
	// FacetOther and FacetMissing count the matches beyond each facet's
	// listed values and without a value, so the counts add up to total.
	FacetOther   map[string]int `json:"facet_other"`
	FacetMissing map[string]int `json:"facet_missing"`
	// Suggestion is a query that finds something, when this one found
	// nothing ("did you mean").
	Suggestion string `json:"suggestion,omitempty"`
	// Relaxed lists the words typed that some hits lack (the query as
	// typed found too little; those hits rank below the others).
	Relaxed []string `json:"relaxed,omitempty"`
	// Partial says the search spent its budget of work (typo lookups,
	// looser forms of the query, "did you mean") and answers with what it
	// found within it; the log says what was skipped.
	Partial bool `json:"partial,omitempty"`
	// Dates counts the hits per year or month (date_interval), oldest first.
	Dates        []index.FacetValue `json:"dates"`
	DateInterval string             `json:"date_interval"`
	// NextCursor, passed as cursor, gives the next page with no depth
	// limit; absent on the last page.
	NextCursor string `json:"next_cursor,omitempty"`
}

// handleAPISearch handles the "GET /api/search" route.
func (s *Server) handleAPISearch(w http.ResponseWriter, r *http.Request) error {
	p, err := parseSearchParams(r.URL.Query(), true)
	if err != nil {
		return err
	}
	res, err := s.search(r.Context(), p.Req, p.Page)
	if err != nil {
		return err
	}
	var groups *uint64
	if p.Req.Collapse != "" {
		groups = &res.Groups
	}
	filters := res.Filters
	if filters == nil {
		filters = map[string][]string{} // "filters" is always an object
	}
	writeJSON(w, http.StatusOK, searchResponse{
		Query:            p.Req.Query,
		Filters:          filters,
		DifficultySource: res.DifficultySource,
		Warnings:         res.Warnings,
		Total:            res.Total,
		Groups:           groups,
		Page:             p.Page,
		Size:             p.Req.Size,
		TookMS:           float64(res.Took.Microseconds()) / 1000,
		Hits:             res.Hits,
		Facets:           res.Facets,
		FacetOther:       res.FacetOther,
		FacetMissing:     res.FacetMissing,
		Suggestion:       res.Suggestion,
		Relaxed:          res.Relaxed,
		Partial:          res.Partial,
		Dates:            res.Dates,
		DateInterval:     res.DateInterval,
		NextCursor:       res.NextCursor,
	})
	return nil
}

// handleAPISuggest handles the "GET /api/suggest" route: typeahead for a
// facet field, as in /api/suggest?field=company&prefix=goo.
func (s *Server) handleAPISuggest(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	for name, vals := range v {
		if name != "field" && name != "prefix" && name != "size" {
			return badRequest("unknown parameter %s: use field, prefix, size", quotePart(name))
		}
		if len(vals) > 1 {
			return badRequest("parameter %q is given %d times; give it once", name, len(vals))
		}
	}
	if v.Get("field") == "" {
		return badRequest("give the field to suggest values of, as in field=company")
	}
	n, err := intParam(v, "size", 10)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.SearchTimeout)
	defer cancel()
	vals, err := s.Index.Suggest(ctx, v.Get("field"), v.Get("prefix"), n)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"field": v.Get("field"), "prefix": v.Get("prefix"), "values": vals})
	return nil
}

// handleAPIQuestion handles the "GET /api/questions/{cluster}" route: one
// question everywhere it was asked — its canonical title, the companies
// and roles that asked it, and the questions themselves, newest first.
func (s *Server) handleAPIQuestion(w http.ResponseWriter, r *http.Request) error {
	id := mux.Vars(r)["cluster"]
	res, err := s.search(r.Context(), index.Request{Cluster: id, Sort: "date", Size: index.MaxSize, FacetSize: index.MaxFacetSize}, 1)
	if err != nil {
		return err
	}
	if res.Total == 0 {
		return notFound("no question cluster %q", id)
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"id":        id,
		"title":     res.Hits[0].ClusterTitle,
		"questions": res.Total,
		"asked_at":  res.Hits[0].AskedAt,
		"companies": res.Facets["company"],
		"roles":     res.Facets["role"],
		"hits":      res.Hits,
	})
	return nil
}

// handleAPIExperience handles the "GET /api/experiences/{id}" route.
func (s *Server) handleAPIExperience(w http.ResponseWriter, r *http.Request) error {
	e, err := s.Index.Experience(r.Context(), mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, e)
	return nil
}

// handleHealthz handles the "GET /healthz" route: the process is up.
func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}

// handleReadyz handles the "GET /readyz" route: an index is open and
// answers a search; which version it is, when searchd serves versions.
func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) error {
	var n uint64
	err := s.probe(r.Context())
	if _, ok := s.Index.(versioned); !ok && err == nil {
		n, err = s.Index.DocCount()
	}
	if err != nil {
		s.Logger.Error("not ready", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"error": "the index does not answer", "status": http.StatusServiceUnavailable})
		return nil
	}
	body := map[string]any{"status": "ready", "documents": n}
	if vs, ok := s.Index.(versioned); ok {
		st, err := vs.IndexStatus(r.Context())
		if err != nil {
			return err
		}
		body["version"], body["documents"] = st.Version, st.Documents
		body["serving"], body["current"] = st.Version, st.Current
		if st.Fallback != "" {
			body["fallback"] = st.Fallback
		}
		if st.Refused != "" {
			body["refused"] = map[string]string{"version": st.Refused, "error": st.RefusedError}
		}
	}
	writeJSON(w, http.StatusOK, body)
	return nil
}

// versioned is an index that serves versions (the holder of searchd -data
// and -index): /readyz names the version, and the last one refused.
type versioned interface {
	IndexStatus(ctx context.Context) (indexStatus, error)
}
