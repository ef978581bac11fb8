package index_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"askedat/index"
)

func TestZZRelevanceDebug(t *testing.T) {
	qs := os.Getenv("RELDEBUG")
	if qs == "" {
		t.Skip()
	}
	idx, docs := relevanceCorpus(t)
	for _, q := range strings.Split(qs, ";;") {
		res, err := idx.Search(context.Background(), index.Request{Query: q, Size: 40})
		if err != nil {
			t.Logf("%q: %v", q, err)
			continue
		}
		t.Logf("%q: %d hits, suggestion %q", q, res.Total, res.Suggestion)
		for i, h := range res.Hits {
			d := docs[h.ID]
			t.Logf("  %2d %.4f %-22s %s %s | %s", i+1, h.Score, d.group, h.Date, h.Title, h.Snippet)
		}
	}
}
