package e2e

import (
	"path/filepath"
	"testing"

	"github.com/askedat/askedat/internal/corpus"
)

// A realSite is the real pages of ../shared/corpus/html served on loopback,
// crawled by the crawler and indexed by the indexer, and searchd serving
// each index.
type realSite struct {
	pages string // the folder of the pages
	docs  string // the crawl's output
	// api serves the pages alone; withLists the pages beside the LeetCode
	// company lists of the companies they are about, imported.
	api, withLists string
	// listDocs is the import's output.
	listDocs string
}

// TestRealPages measures what a user of the real pages gets, through the
// real programs: the relevance of experience search against hand-made
// judgments, the grouping of the same question asked in other words, the
// questions as a reader splits and labels them, and the share of questions
// and posts with a difficulty, a role and an outcome.
func TestRealPages(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the programs over the real pages; skipped with -short")
	}
	site := &realSite{pages: corpus.Dir(t, "html")}
	// The LeetCode lists of the companies the pages are about (Amazon's
	// GeeksforGeeks posts, TCS's Glassdoor reviews).
	lists := corpus.Dir(t, "datasets", "leetcode_company_wise_liquidslr")
	bin := buildCommands(t)
	work := t.TempDir()

	base := serveCorpus(t, site.pages)
	site.docs = filepath.Join(work, "docs.jsonl")
	run(t, filepath.Join(bin, "crawler"), "-seed", base+"/", "-allow-host", "127.0.0.1",
		"-delay", "0", "-workers", "4", "-per-host", "4", "-out", site.docs, "-data", filepath.Join(work, "crawl"))
	site.listDocs = filepath.Join(work, "leetcode.jsonl")
	run(t, filepath.Join(bin, "crawler"), "import", "-format", "leetcode",
		filepath.Join(lists, "Amazon"), filepath.Join(lists, "tcs"), "-out", site.listDocs)

	serve := func(name string, docs ...string) string {
		idx := filepath.Join(work, name)
		args := []string{"-index", idx}
		for _, d := range docs {
			args = append(args, "-docs", d)
		}
		run(t, filepath.Join(bin, "indexer"), args...)
		return startServer(t, filepath.Join(bin, "searchd"), "-index", idx, "-addr", "127.0.0.1:0", "-cache-size", "0", "-log-level", "warn")
	}
	site.api = serve("pages", site.docs)
	site.withLists = serve("pages-and-lists", site.docs, site.listDocs)

	t.Run("relevance", func(t *testing.T) { testRealRelevance(t, site) })
	t.Run("same-question", func(t *testing.T) { testRealSameQuestion(t, site) })
	t.Run("questions", func(t *testing.T) { testRealQuestions(t, site) })
	t.Run("facts", func(t *testing.T) { testRealFacts(t, site) })
}
