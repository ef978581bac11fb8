package client_test

// The client's tests and examples talk to a real searchd: the binary, built
// from ../searchd, serving an index on disk of generated posts and three
// written for the examples (Quokka Labs' and Numbat's), on a free loopback
// port. TestMain starts it once and stops it after the last test.

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"time"

	"testing"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/sample"
	"github.com/askedat/askedat/internal/sampleclusters"
)

// baseURL is the test searchd's.
var baseURL string

// examplePosts are the posts the examples search: two companies asking
// the same cache question, among the generated posts.
func examplePosts() []askedat.Experience {
	return []askedat.Experience{
		{ID: "quokka-1", URL: "https://example.test/quokka-1", Title: "Quokka Labs backend loop", Company: "Quokka Labs",
			Role: "Software Engineer", Status: "Offer", Date: "2024-05-01",
			Questions: []askedat.Question{
				{Ordinal: 1, Title: "Design an LRU cache", Category: "System Design", Difficulty: "Hard", Body: "Get and put in constant time."},
				{Ordinal: 2, Title: "Merge overlapping intervals", Category: "Data Structures & Algorithms", Difficulty: "Medium", Body: "Sort, then sweep."},
			}},
		{ID: "quokka-2", URL: "https://example.test/quokka-2", Title: "Quokka Labs phone screen", Company: "Quokka Labs",
			Role: "Data Engineer", Status: "Rejected", Date: "2023-03-15",
			Questions: []askedat.Question{
				{Ordinal: 1, Title: "Cache invalidation strategies for a feed", Category: "System Design", Difficulty: "Medium", Body: "TTL, write-through, events."},
			}},
		{ID: "numbat-1", URL: "https://example.test/numbat-1", Title: "Numbat onsite", Company: "Numbat",
			Role: "Software Engineer", Status: "Offer", Date: "2022-11-20",
			Questions: []askedat.Question{
				{Ordinal: 1, Title: "Design a least recently used cache", Category: "System Design", Difficulty: "Hard", Body: "Evict the least recently used key."},
			}},
	}
}

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "client-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	stop, err := startSearchd(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "client tests:", err)
		return 1
	}
	defer stop()
	return m.Run()
}

// startSearchd builds an index and searchd into dir, starts searchd on it
// and sets baseURL; stop ends it.
func startSearchd(dir string) (stop func(), err error) {
	idxDir := filepath.Join(dir, "index")
	if err := writeIndex(idxDir); err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	bin := filepath.Join(dir, "searchd")
	if out, err := exec.Command("go", "build", "-o", bin, "../searchd").CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build ../searchd: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "-index", idxDir, "-addr", "127.0.0.1:0", "-log-level", "error")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start searchd: %w", err)
	}
	stop = func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		serving := regexp.MustCompile(`at (http://[0-9.:]+)`)
		for sc.Scan() {
			if m := serving.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
				break
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	select {
	case baseURL = <-found:
		return stop, nil
	case <-time.After(60 * time.Second):
		stop()
		return nil, fmt.Errorf("searchd did not serve within 60s")
	}
}

// writeIndex indexes 60 generated posts and examplePosts, clustered as a
// build clusters them, into dir.
func writeIndex(dir string) error {
	var exps []askedat.Experience
	for _, p := range sample.Generate(sample.Config{Posts: 60, Seed: 17}) {
		e := p.Experience
		e.URL = "https://sample.test" + p.Path
		e.ID = askedat.IDForURL(e.URL)
		exps = append(exps, e)
	}
	exps = append(exps, examplePosts()...)
	sampleclusters.Assign(exps)
	idx, err := index.Create(dir)
	if err != nil {
		return err
	}
	w := idx.NewWriter(0)
	for i := range exps {
		if err := w.Add(&exps[i]); err != nil {
			idx.Close()
			return fmt.Errorf("add %s: %w", exps[i].ID, err)
		}
	}
	if err := w.Flush(); err != nil {
		idx.Close()
		return err
	}
	return idx.Close()
}
