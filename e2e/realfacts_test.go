package e2e

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/client"
)

// What a reader filters real posts by: the difficulty of their coding
// questions, the role, the outcome; and the round each question was asked
// in, which hits show and round names search (decision 152). Measured through searchd's API over the
// GeeksforGeeks posts crawled beside the LeetCode lists of their companies
// (the index a user of the real pages would build): the share of
// Data Structures & Algorithms questions with a difficulty (stated or
// inferred), of questions whose post has a role or that show their round,
// and of posts with an outcome. Posts sorted by URL at even positions are the tuning half, odd
// ones the check half.
const (
	difficultyGoal = 0.40
	roleGoal       = 0.80
	outcomeGoal    = 0.50
)

var factsRecord = "testdata/real-facts.txt"

// facts counts one half.
type facts struct {
	dsa, dsaRated, dsaInferred int
	questions, withRole        int
	withRound                  int
	posts, withOutcome         int
}

func testRealFacts(t *testing.T, site *realSite) {
	questions := allHits(t, site.withLists, askedat.TypeQuestion)
	posts := allHits(t, site.withLists, askedat.TypeExperience)
	var urls []string
	for _, h := range posts {
		if isGfG(h.URL) && !slices.Contains(urls, h.URL) {
			urls = append(urls, h.URL)
		}
	}
	slices.Sort(urls)
	half := map[string]int{}
	for i, u := range urls {
		half[u] = 1 + i%2
	}
	var c [3]facts
	for _, h := range questions {
		if half[h.URL] == 0 {
			continue
		}
		for _, i := range []int{0, half[h.URL]} {
			c[i].questions++
			if h.Role != "" {
				c[i].withRole++
			}
			if h.Round != "" {
				c[i].withRound++
			}
			if h.Category == askedat.CategoryDSA {
				c[i].dsa++
				if h.Difficulty != "" {
					c[i].dsaRated++
				}
				if h.DifficultySource == askedat.DifficultyInferred {
					c[i].dsaInferred++
				}
			}
		}
	}
	for _, h := range posts {
		if half[h.URL] == 0 {
			continue
		}
		for _, i := range []int{0, half[h.URL]} {
			c[i].posts++
			if h.Status != "" {
				c[i].withOutcome++
			}
		}
	}
	got := map[string]float64{}
	for i, name := range []string{"all", "tuning", "check"} {
		f := c[i]
		got[name+"-difficulty"] = ratio(f.dsaRated, f.dsa)
		got[name+"-role"] = ratio(f.withRole, f.questions)
		got[name+"-outcome"] = ratio(f.withOutcome, f.posts)
		got[name+"-round"] = ratio(f.withRound, f.questions)
		t.Logf("facts, %-6s difficulty %.3f of %d coding questions (%d inferred), role %.3f of %d questions, outcome %.3f of %d posts, round %.3f of questions",
			name, got[name+"-difficulty"], f.dsa, f.dsaInferred, got[name+"-role"], f.questions, got[name+"-outcome"], f.posts, got[name+"-round"])
	}
	t.Logf("goal: difficulty >= %.2f of coding questions, role >= %.2f of questions, outcome >= %.2f of posts", difficultyGoal, roleGoal, outcomeGoal)
	if c[0].dsaInferred == 0 {
		t.Errorf("no coding question got an inferred difficulty")
	}
	checkRecord(t, factsRecord, "facts", got)
}

func isGfG(u string) bool { return strings.Contains(u, "geeksforgeeks.org/") }

// allHits reads every document of a type from the API, a page at a time by
// cursor.
func allHits(t *testing.T, api, typ string) []askedat.Hit {
	t.Helper()
	c, err := client.New(api)
	if err != nil {
		t.Fatal(err)
	}
	var out []askedat.Hit
	for h, err := range c.Hits(context.Background(), askedat.Request{Type: typ, Sort: "date"}) {
		if err != nil {
			t.Fatalf("every %s: %v", typ, err)
		}
		out = append(out, h)
	}
	return out
}
