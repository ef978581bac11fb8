package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/query"
)

// fullSearcher answers every search with a Result whose fields are all set
// (an empty one for q=empty, one without filters for q=nofilters).
type fullSearcher struct{ searcher }

func (fullSearcher) SearchParsed(ctx context.Context, r askedat.Request, _ *query.Query) (*askedat.Result, error) {
	if r.Query == "empty" {
		return &askedat.Result{}, nil
	}
	res := &askedat.Result{
		Total: 7,
		Hits: []askedat.Hit{{ID: "a-q1", Type: "question", Title: "T <x>", Company: "C", Role: "R", Category: "Cat",
			Difficulty: "Hard", DifficultySource: "inferred", Status: "Offer", Date: "2024-01-01", URL: "https://x.test/a",
			ExperienceID: "a", Ordinal: 1, Cluster: "cl", ClusterTitle: "CT", AskedAt: 3, Collapsed: 2, Tier: 1, Score: 1.5,
			Highlights: map[string][]string{"title": {"<mark>T</mark>"}}, Snippet: "s & t"}},
		Facets:           map[string][]askedat.FacetValue{"company": {{Value: "C", Count: 3, Inferred: 1}}},
		FacetOther:       map[string]int{"company": 1},
		FacetMissing:     map[string]int{"role": 2},
		Suggestion:       "sugg",
		Relaxed:          []string{"w"},
		Partial:          true,
		PartialReason:    "reason",
		Dates:            []askedat.FacetValue{{Value: "2024", Count: 7}},
		DateInterval:     "year",
		NextCursor:       "cur",
		DifficultySource: "stated",
		DateRange:        askedat.DateRange{From: "2023-01-01", To: "2024-06-30"},
		Warnings:         []string{"warn"},
		Took:             1234567 * time.Nanosecond,
	}
	if r.Query != "nofilters" {
		res.Filters = map[string][]string{"company": {"C"}}
	}
	return res, nil
}

// TestAPISearchJSON checks the bytes of the /api/search answer, keys in
// order: searchResponse embeds askedat.Result, and the answer must stay
// what it was when searchd declared every field itself.
func TestAPISearchJSON(t *testing.T) {
	ts := serveTest(t, &Server{Index: fullSearcher{}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	tests := []struct {
		name, path, want string
	}{
		{"every field", "/api/search?q=x",
			`{"query":"x","filters":{"company":["C"]},"date_range":{"from":"2023-01-01","to":"2024-06-30"},"difficulty_source":"stated","warnings":["warn"],"total":7,"page":1,"size":10,"took_ms":1.234,"hits":[{"id":"a-q1","type":"question","title":"T \u003cx\u003e","company":"C","role":"R","category":"Cat","difficulty":"Hard","difficulty_source":"inferred","status":"Offer","date":"2024-01-01","url":"https://x.test/a","experience_id":"a","ordinal":1,"cluster":"cl","cluster_title":"CT","asked_at":3,"collapsed":2,"tier":1,"score":1.5,"highlights":{"title":["\u003cmark\u003eT\u003c/mark\u003e"]},"snippet":"s \u0026 t"}],"facets":{"company":[{"value":"C","count":3,"inferred":1}]},"facet_other":{"company":1},"facet_missing":{"role":2},"suggestion":"sugg","relaxed":["w"],"partial":true,"dates":[{"value":"2024","count":7}],"date_interval":"year","next_cursor":"cur"}`},
		{"collapsed, groups shown even 0", "/api/search?q=x&collapse=cluster",
			`{"query":"x","filters":{"company":["C"]},"date_range":{"from":"2023-01-01","to":"2024-06-30"},"difficulty_source":"stated","warnings":["warn"],"total":7,"groups":0,"page":1,"size":10,"took_ms":1.234,"hits":[{"id":"a-q1","type":"question","title":"T \u003cx\u003e","company":"C","role":"R","category":"Cat","difficulty":"Hard","difficulty_source":"inferred","status":"Offer","date":"2024-01-01","url":"https://x.test/a","experience_id":"a","ordinal":1,"cluster":"cl","cluster_title":"CT","asked_at":3,"collapsed":2,"tier":1,"score":1.5,"highlights":{"title":["\u003cmark\u003eT\u003c/mark\u003e"]},"snippet":"s \u0026 t"}],"facets":{"company":[{"value":"C","count":3,"inferred":1}]},"facet_other":{"company":1},"facet_missing":{"role":2},"suggestion":"sugg","relaxed":["w"],"partial":true,"dates":[{"value":"2024","count":7}],"date_interval":"year","next_cursor":"cur"}`},
		{"no filters: an object all the same", "/api/search?q=nofilters&page=2&size=5",
			`{"query":"nofilters","filters":{},"date_range":{"from":"2023-01-01","to":"2024-06-30"},"difficulty_source":"stated","warnings":["warn"],"total":7,"page":2,"size":5,"took_ms":1.234,"hits":[{"id":"a-q1","type":"question","title":"T \u003cx\u003e","company":"C","role":"R","category":"Cat","difficulty":"Hard","difficulty_source":"inferred","status":"Offer","date":"2024-01-01","url":"https://x.test/a","experience_id":"a","ordinal":1,"cluster":"cl","cluster_title":"CT","asked_at":3,"collapsed":2,"tier":1,"score":1.5,"highlights":{"title":["\u003cmark\u003eT\u003c/mark\u003e"]},"snippet":"s \u0026 t"}],"facets":{"company":[{"value":"C","count":3,"inferred":1}]},"facet_other":{"company":1},"facet_missing":{"role":2},"suggestion":"sugg","relaxed":["w"],"partial":true,"dates":[{"value":"2024","count":7}],"date_interval":"year","next_cursor":"cur"}`},
		{"empty result", "/api/search?q=empty&collapse=cluster",
			`{"query":"empty","filters":{},"total":0,"groups":0,"page":1,"size":10,"took_ms":0,"hits":null,"facets":null,"facet_other":null,"facet_missing":null,"dates":null,"date_interval":""}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, body := get(t, ts, tt.path)
			if code != http.StatusOK {
				t.Fatalf("GET %s: status %d, want 200; body %s", tt.path, code, body)
			}
			if got := strings.TrimSuffix(string(body), "\n"); got != tt.want {
				t.Errorf("GET %s =\n%s\nwant\n%s", tt.path, got, tt.want)
			}
		})
	}
}
