package main

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"github.com/askedat/askedat"
)

// searchResponse is the JSON answer of GET /api/search: the Result, with
// the request's query, page and size and the time taken.
//
// encoding/json writes an embedded struct's fields where it is embedded, and
// the answer has always listed the filters applied and the total before the
// page and the hits. So the fields up to Groups are declared here, hiding the
// Result's of the same names: Filters is always an object (never null),
// DateRange (the range as read) stands beside it, Groups is present, even
// 0, whenever collapse=cluster is asked, and the others are the Result's
// values. Everything from hits on is the Result's.
type searchResponse struct {
	Query            string              `json:"query"`
	Filters          map[string][]string `json:"filters"`
	DateRange        askedat.DateRange   `json:"date_range,omitzero"`
	DifficultySource string              `json:"difficulty_source,omitempty"`
	Warnings         []string            `json:"warnings,omitempty"`
	Total            uint64              `json:"total"`
	Groups           *uint64             `json:"groups,omitempty"`
	Page             int                 `json:"page"`
	Size             int                 `json:"size"`
	TookMS           float64             `json:"took_ms"`
	askedat.Result
}

// handleAPISearch handles the "GET /api/search" route.
func (s *Server) handleAPISearch(w http.ResponseWriter, r *http.Request) error {
	p, err := parseSearchParams(r.URL.Query(), true)
	if err != nil {
		return err
	}
	// The answer is the Result of the cache's key and the page it
	// names: one tag for the requests that share a cache entry.
	if s.revalidate(w, r, "search", cacheKey(p.Req)) {
		return nil
	}
	res, err := s.search(r.Context(), p.Req, p.Page)
	if err != nil {
		return err
	}
	if res.Partial {
		uncacheable(w)
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
		DateRange:        res.DateRange,
		DifficultySource: res.DifficultySource,
		Warnings:         res.Warnings,
		Total:            res.Total,
		Groups:           groups,
		Page:             p.Page,
		Size:             p.Req.Size,
		TookMS:           float64(res.Took.Microseconds()) / 1000,
		Result:           *res,
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
	if s.revalidate(w, r, "suggest", quoteKey(v.Get("field"), v.Get("prefix"), strconv.Itoa(n))) {
		return nil
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
	if s.revalidate(w, r, "question", id) {
		return nil
	}
	res, err := s.search(r.Context(), askedat.Request{Cluster: id, Sort: "date", Size: askedat.MaxSize, FacetSize: askedat.MaxFacetSize}, 1)
	if err != nil {
		return err
	}
	if res.Total == 0 {
		return notFound("no question cluster %q", id)
	}
	if res.Partial {
		uncacheable(w)
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
	id := mux.Vars(r)["id"]
	if s.revalidate(w, r, "experience", id) {
		return nil
	}
	e, err := s.Index.Experience(r.Context(), id)
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
		if st.Synonyms != "" {
			body["tables"] = map[string]string{"synonyms": st.Synonyms, "companies": st.Companies}
		}
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
