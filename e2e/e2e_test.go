package e2e

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/client"
)

// buildCommands builds the four programs into a temporary folder.
func buildCommands(t *testing.T) string {
	t.Helper()
	bin := t.TempDir()
	cmd := exec.Command("go", "build", "-o", bin+string(os.PathSeparator), "../crawler", "../indexer", "../searchd", "../sitegen")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

var servingRE = regexp.MustCompile(`at (http://[0-9.:]+)`)

// startServer starts a program that prints "… at http://HOST:PORT…" once it
// serves, and returns that base URL. The process is stopped at cleanup.
func startServer(t *testing.T, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 10 * time.Second
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	t.Cleanup(func() {
		cancel()
		cmd.Wait()
	})
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := servingRE.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
				break
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	select {
	case base := <-found:
		return base
	case <-time.After(60 * time.Second):
		t.Fatalf("%s did not start serving within 60s; stderr:\n%s", filepath.Base(name), stderr.String())
	}
	return ""
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
	return string(out)
}

func readDocs(t *testing.T, path string) []askedat.Experience {
	t.Helper()
	out, err := askedat.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// search asks searchd through the client; anything but an answer fails
// the test.
func search(t *testing.T, c *client.Client, r askedat.Request) *client.SearchResult {
	t.Helper()
	res, err := c.Search(context.Background(), r)
	if err != nil {
		t.Fatalf("search %+v: %v", r, err)
	}
	return res
}

func facetMap(vs []askedat.FacetValue) map[string]int {
	m := map[string]int{}
	for _, v := range vs {
		m[v.Value] = v.Count
	}
	return m
}

// facetValue returns the value of a facet field for question q of e.
func facetValue(e *askedat.Experience, q *askedat.Question, field string) string {
	switch field {
	case "company":
		return e.Company
	case "role":
		return e.Role
	case "status":
		return e.Status
	case "category":
		return q.Category
	case "difficulty":
		return q.Difficulty
	}
	return ""
}

// expect computes from the ground truth what a search for the questions
// that pass keep and the filters must answer: the total, and for each facet
// field the counts over the questions that pass every filter but that
// field's own (facets are disjunctive).
func expect(truth []askedat.Experience, filters map[string][]string, keep func(e *askedat.Experience, q *askedat.Question) bool) (int, map[string]map[string]int) {
	passes := func(e *askedat.Experience, q *askedat.Question, except string) bool {
		for f, vs := range filters {
			if f == except || !askedat.IsFacetField(f) {
				continue
			}
			ok := false
			for _, v := range vs {
				ok = ok || facetValue(e, q, f) == v
			}
			if !ok {
				return false
			}
		}
		return true
	}
	total, facets := 0, map[string]map[string]int{}
	for _, f := range askedat.FacetFields {
		facets[f] = map[string]int{}
	}
	for i := range truth {
		e := &truth[i]
		for j := range e.Questions {
			q := &e.Questions[j]
			if !keep(e, q) {
				continue
			}
			if passes(e, q, "") {
				total++
			}
			for _, f := range askedat.FacetFields {
				if v := facetValue(e, q, f); v != "" && passes(e, q, f) {
					facets[f][v]++
				}
			}
		}
	}
	// Ticked values are listed even at 0.
	for f, vs := range filters {
		if askedat.IsFacetField(f) {
			for _, v := range vs {
				facets[f][v] += 0
			}
		}
	}
	return total, facets
}

func TestGenerateCrawlIndexServeQuery(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test builds and runs the programs; skipped with -short")
	}
	bin := buildCommands(t)
	work := t.TempDir()
	truthPath := filepath.Join(work, "truth.jsonl")
	docsPath := filepath.Join(work, "docs.jsonl")
	idxDir := filepath.Join(work, "idx")

	// 1. A generated site on loopback, with its ground truth.
	site := startServer(t, filepath.Join(bin, "sitegen"), "-posts", "150", "-seed", "11", "-per-listing", "15", "-faults", "-addr", "127.0.0.1:0", "-truth", truthPath)

	// 2. Crawl it from the first listing page.
	crawlOut := run(t, filepath.Join(bin, "crawler"), "-seed", site+"/experiences", "-out", docsPath, "-allow-host", "127.0.0.1", "-delay", "0s")
	truth := readDocs(t, truthPath)
	docs := readDocs(t, docsPath)
	if len(truth) != 150 {
		t.Fatalf("truth has %d experiences, want 150", len(truth))
	}
	if diff := cmp.Diff(truth, docs); diff != "" {
		t.Fatalf("crawled documents differ from the generated site (-want +got):\n%s\ncrawler output:\n%s", diff, crawlOut)
	}

	// 3. Index what was crawled.
	out := run(t, filepath.Join(bin, "indexer"), "-docs", docsPath, "-index", idxDir)
	if want := "read 150 experiences, indexed 150"; !strings.Contains(out, want) {
		t.Errorf("indexer output lacks %q:\n%s", want, out)
	}

	// 4. Serve it.
	base := startServer(t, filepath.Join(bin, "searchd"), "-index", idxDir, "-addr", "127.0.0.1:0")
	api, err := client.New(base)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	// 5. Query, and check against the ground truth.
	companies := map[string]int{}
	for _, e := range truth {
		companies[e.Company]++
	}
	top := ""
	for c, n := range companies {
		if n > companies[top] || (n == companies[top] && c < top) {
			top = c
		}
	}

	t.Run("filters only: totals and disjunctive facet counts are exact", func(t *testing.T) {
		all := func(e *askedat.Experience, q *askedat.Question) bool { return true }
		for _, filters := range []map[string][]string{
			{"company": {top}, "difficulty": {"Hard"}},
			{"category": {"System Design", "Behavioral"}, "status": {"Offer"}},
			{"company": {top, "No Such Company"}},
			{},
		} {
			wantTotal, wantFacets := expect(truth, filters, all)
			// The truth holds the difficulties the pages state; the
			// indexer infers others from the catalogue's ratings.
			got := search(t, api, askedat.Request{Filters: filters, FacetSize: 200, DifficultySource: askedat.SourceStated})
			if got.Total != uint64(wantTotal) {
				t.Errorf("%v: total = %d, want %d", filters, got.Total, wantTotal)
			}
			for _, f := range askedat.FacetFields {
				if diff := cmp.Diff(wantFacets[f], facetMap(got.Facets[f])); diff != "" {
					t.Errorf("%v: %s facet (-want +got):\n%s", filters, f, diff)
				}
			}
		}
	})

	t.Run("design with difficulty Hard", func(t *testing.T) {
		req := askedat.Request{Query: "design", Filters: map[string][]string{"difficulty": {"Hard"}}, DifficultySource: askedat.SourceStated, FacetSize: 20, Size: 100}
		got := search(t, api, req)
		hasDesign := regexp.MustCompile(`(?i)\bdesign`)
		wantTotal, wantFacets := expect(truth, req.Filters, func(e *askedat.Experience, q *askedat.Question) bool {
			return hasDesign.MatchString(q.Title) || hasDesign.MatchString(q.Body)
		})
		wantCat := wantFacets["category"]
		if wantTotal == 0 {
			t.Fatal("the generated site has no Hard question about design; pick another seed")
		}
		if got.Total != uint64(wantTotal) {
			t.Errorf("total = %d, want %d", got.Total, wantTotal)
		}
		if diff := cmp.Diff(wantCat, facetMap(got.Facets["category"])); diff != "" {
			t.Errorf("category facet (-want +got):\n%s", diff)
		}
		// Unfiltered facets add up to the total; the difficulty facet
		// ignores its own filter, and its Hard count is the total.
		if got, want := facetMap(got.Facets["difficulty"])["Hard"], int(got.Total); got != want {
			t.Errorf("difficulty facet Hard = %d, want the total %d", got, want)
		}
		for _, f := range []string{"company", "role", "category", "status"} {
			sum := got.FacetOther[f] + got.FacetMissing[f]
			for _, v := range got.Facets[f] {
				sum += v.Count
			}
			if uint64(sum) != got.Total {
				t.Errorf("%s facet counts + other + missing add up to %d, want the total %d", f, sum, got.Total)
			}
		}
		// With the default facet size the long company list is cut, and
		// what was cut is counted in facet_other.
		def := search(t, api, askedat.Request{Query: "design", Filters: map[string][]string{"difficulty": {"Hard"}}})
		if len(def.Facets["company"]) != askedat.DefaultFacetSize || def.FacetOther["company"] == 0 {
			t.Errorf("default facet size: %d companies listed, other %d; want %d listed and the rest in other",
				len(def.Facets["company"]), def.FacetOther["company"], askedat.DefaultFacetSize)
		}
		for _, h := range got.Hits {
			if h.Difficulty != "Hard" {
				t.Errorf("hit %s has difficulty %q, want Hard", h.ID, h.Difficulty)
			}
			if !strings.Contains(strings.ToLower(strings.Join(append(h.Highlights["title"], h.Highlights["body"]...), " ")), "<mark>design") {
				t.Errorf("hit %s (%q) has no highlighted design: %v", h.ID, h.Title, h.Highlights)
			}
		}
	})

	t.Run("experiences by company", func(t *testing.T) {
		got := search(t, api, askedat.Request{Type: askedat.TypeExperience, Filters: map[string][]string{"company": {top}}})
		if got.Total != uint64(companies[top]) {
			t.Errorf("experiences at %s = %d, want %d", top, got.Total, companies[top])
		}
	})

	t.Run("a post comes back whole", func(t *testing.T) {
		want := truth[len(truth)/2]
		got, err := api.Experience(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The indexer adds each question's cluster; the rest is as crawled.
		if diff := cmp.Diff(want, *got, cmpopts.IgnoreFields(askedat.Question{}, "Cluster", "ClusterTitle", "AskedAt")); diff != "" {
			t.Errorf("GET /api/experiences/%s (-want +got):\n%s", want.ID, diff)
		}
		for _, q := range got.Questions {
			if q.Cluster == "" || q.ClusterTitle == "" || q.AskedAt < 1 {
				t.Errorf("question %d %q: cluster %q %q asked at %d, want all set", q.Ordinal, q.Title, q.Cluster, q.ClusterTitle, q.AskedAt)
			}
		}
	})

	t.Run("the same question, everywhere it was asked", func(t *testing.T) {
		got := search(t, api, askedat.Request{Sort: "asked", Size: 1})
		if len(got.Hits) != 1 || got.Hits[0].AskedAt < 2 {
			t.Fatalf("sort=asked: top hit %+v, want a question asked at 2 or more companies", got.Hits)
		}
		top := got.Hits[0]
		cl, err := api.Cluster(ctx, top.Cluster)
		if err != nil {
			t.Fatal(err)
		}
		companies := 0
		for _, c := range cl.Companies {
			if c.Count > 0 {
				companies++
			}
		}
		if cl.AskedAt != top.AskedAt || companies != top.AskedAt {
			t.Errorf("cluster %s: asked_at %d, %d companies listed; the hit said %d", top.Cluster, cl.AskedAt, companies, top.AskedAt)
		}
		for _, h := range cl.Hits {
			if h.Cluster != top.Cluster {
				t.Errorf("cluster %s lists question %s of cluster %s", top.Cluster, h.ID, h.Cluster)
			}
		}
		if cl.Title == "" || cl.Questions < uint64(cl.AskedAt) {
			t.Errorf("cluster %s: title %q, %d questions, asked at %d", top.Cluster, cl.Title, cl.Questions, cl.AskedAt)
		}
	})

	t.Run("the web box answers without JavaScript", func(t *testing.T) {
		resp, err := http.Get(base + "/search?" + url.Values{"q": {"design"}, "company": {top}}.Encode())
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		for _, want := range []string{"<mark>", fmt.Sprintf("Company: %s", top), `name="q" type="search" value="design"`} {
			if !strings.Contains(string(body), want) {
				t.Errorf("search page lacks %q", want)
			}
		}
	})
}
