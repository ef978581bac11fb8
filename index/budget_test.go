package index_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/askedat/askedat/index"
)

// TestBudgetOfNormalQueries runs every judged query of the relevance set,
// as questions and as experiences, and checks that none spends its budget:
// the budget changes no normal query's answer (TestRelevance keeps its
// values). It logs the most any spent, the margin SearchBudget leaves.
func TestBudgetOfNormalQueries(t *testing.T) {
	judgments, err := parseJudgments(filepath.Join(relevanceDir, "judgments.txt"))
	if err != nil {
		t.Fatal(err)
	}
	idx, _ := relevanceCorpus(t)
	most, mostQuery := 0, ""
	queries := []string{"recursoin", "djnago", "binary serach tree travesal", "how does kafka partition rebalancing work for consumers", "revrse a linkd list in plce"}
	for _, j := range judgments {
		queries = append(queries, j.query)
	}
	for _, q := range queries {
		for _, typ := range []string{index.TypeQuestion, index.TypeExperience} {
			res, spent, err := index.SearchSpending(context.Background(), idx, index.Request{Query: q, Type: typ})
			if err != nil {
				t.Fatalf("Search(%q, %s): %v", q, typ, err)
			}
			if res.Partial {
				t.Errorf("Search(%q, %s) is partial (%s), spent %d of %d steps", q, typ, res.PartialReason, spent, index.SearchBudget)
			}
			if spent > most {
				most, mostQuery = spent, q+" ("+typ+")"
			}
		}
	}
	t.Logf("the most steps a normal query spent: %d of %d, %q", most, index.SearchBudget, mostQuery)
}

// TestBudgetHostile: the query of issue 14 spends its budget and answers,
// partial, without an error; without a budget it spends far more.
func TestBudgetHostile(t *testing.T) {
	idx, _ := relevanceCorpus(t)
	ctx := context.Background()
	q := hostileQuery(8, 1)
	for _, typ := range []string{index.TypeQuestion, index.TypeExperience} {
		res, spent, err := index.SearchSpending(ctx, idx, index.Request{Query: q, Type: typ})
		if err != nil {
			t.Fatalf("%s: %v", typ, err)
		}
		if !res.Partial || !strings.Contains(res.PartialReason, "budget") || spent > index.SearchBudget {
			t.Errorf("%s: partial %v (%q), spent %d; want partial, over the budget of %d steps, spending at most it", typ, res.Partial, res.PartialReason, spent, index.SearchBudget)
		}
		restore := index.SetBudget(1<<30, time.Hour)
		_, unbounded, err := index.SearchSpending(ctx, idx, index.Request{Query: q, Type: typ})
		restore()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d steps within the budget, %d without", typ, spent, unbounded)
		if unbounded <= index.SearchBudget {
			t.Errorf("%s: without a budget the query spends %d steps; want more than %d (else the test shows nothing)", typ, unbounded, index.SearchBudget)
		}
	}
}

// TestBudgetSkipsOnlyOptionalWork: with no steps, a misspelt word is not
// corrected (the search answers what the word as typed finds, partial),
// while a word spelt right finds what it always does; past the time
// backstop likewise.
func TestBudgetSkipsOnlyOptionalWork(t *testing.T) {
	idx, _ := relevanceCorpus(t)
	ctx := context.Background()
	full, err := idx.Search(ctx, index.Request{Query: "recursoin"})
	if err != nil || full.Total == 0 || full.Partial {
		t.Fatalf("recursoin: %v, %+v; want hits of its corrections, not partial", err, full)
	}
	exact, err := idx.Search(ctx, index.Request{Query: "recursion"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		steps int
		d     time.Duration
		why   string
	}{{"no steps", 0, time.Hour, "budget of 0 steps"}, {"no time", 1 << 20, -time.Second, "ran past"}} {
		restore := index.SetBudget(c.steps, c.d)
		res, err := idx.Search(ctx, index.Request{Query: "recursoin"})
		same, err2 := idx.Search(ctx, index.Request{Query: "recursion"})
		restore()
		if err != nil || err2 != nil {
			t.Fatalf("%s: %v, %v", c.name, err, err2)
		}
		if !res.Partial || !strings.Contains(res.PartialReason, c.why) || res.Total != 0 {
			t.Errorf("%s: recursoin: partial %v (%q), total %d; want partial (%q) and no hits (the typo is not looked up)", c.name, res.Partial, res.PartialReason, res.Total, c.why)
		}
		if same.Partial || same.Total != exact.Total {
			t.Errorf("%s: recursion: partial %v, total %d; want %d, not partial", c.name, same.Partial, same.Total, exact.Total)
		}
	}
}
