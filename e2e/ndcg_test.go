package e2e

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// judgedQuery is one query of ../shared/quality/relevance.json: graded
// judgments (3 asked exactly this, 2 closely related, 1 marginal) keyed by
// canonical URL.
type judgedQuery struct {
	Query     string         `json:"query"`
	Kind      string         `json:"kind"`
	Judgments map[string]int `json:"judgments"`
}

func readJudgments(t *testing.T, path string) []judgedQuery {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var qs []judgedQuery
	if err := json.Unmarshal(b, &qs); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(qs) == 0 {
		t.Fatalf("%s holds no queries", path)
	}
	return qs
}

var (
	reviewIDRE = regexp.MustCompile(`(?i)RVW(\d+)`)
	schemeRE   = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*://`)
)

// urlKey is the key on which the labelled set matches URLs (as
// score_relevance.py does): a Glassdoor review's id, else the last path
// segment, lower case, without scheme, host, query, fragment, trailing slash
// and .html.
func urlKey(u string) string {
	u = strings.TrimSpace(u)
	if m := reviewIDRE.FindStringSubmatch(u); m != nil {
		return "glassdoor-rvw" + m[1]
	}
	u = schemeRE.ReplaceAllString(u, "")
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	u = strings.TrimRight(u, "/")
	seg := strings.ToLower(u[strings.LastIndexByte(u, '/')+1:])
	return strings.TrimSuffix(strings.TrimSuffix(seg, ".html"), ".htm")
}

// ndcg is nDCG@k of ranked (URLs, best first) against q's judgments: gain
// 2^grade-1, discount log2(rank+1), a repeated URL counted at its first rank,
// the ideal from all the query's grades.
func ndcg(q judgedQuery, ranked []string, k int) float64 {
	grades := map[string]int{}
	var ideal []int
	for u, g := range q.Judgments {
		grades[urlKey(u)] = g
		ideal = append(ideal, g)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(ideal)))
	dcg := func(gs []int) float64 {
		s := 0.0
		for r, g := range gs[:min(k, len(gs))] {
			s += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(r)+2)
		}
		return s
	}
	seen := map[string]bool{}
	var gains []int
	for _, u := range ranked {
		key := urlKey(u)
		if seen[key] {
			continue
		}
		seen[key] = true
		gains = append(gains, grades[key])
	}
	best := dcg(ideal)
	if best == 0 {
		return 0
	}
	return dcg(gains) / best
}

func TestNDCG(t *testing.T) {
	q := judgedQuery{Judgments: map[string]int{"http://x.org/a-post/": 3, "http://x.org/b/": 1, "https://g.com/Interview/x-RVW12.htm": 2}}
	for _, c := range []struct {
		ranked []string
		want   float64
	}{
		{[]string{"https://x.org/a-post", "g-RVW12.htm", "b.html"}, 1},
		{[]string{"a-post.html", "a-post", "g-RVW12.htm", "b.html"}, 1}, // a repeat counts once
		{nil, 0},
		{[]string{"zzz", "a-post"}, (7 / math.Log2(3)) / (7 + 3/math.Log2(3) + 1/math.Log2(4))},
	} {
		if got := ndcg(q, c.ranked, 10); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("ndcg(%v) = %v, want %v", c.ranked, got, c.want)
		}
	}
	if got, want := fmt.Sprint(urlKey("http://www.geeksforgeeks.org/amazon-set-1/?x=1#y")), "amazon-set-1"; got != want {
		t.Errorf("urlKey = %q, want %q", got, want)
	}
}
