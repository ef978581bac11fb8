package main

import (
	"bufio"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/crawler/state"
	"github.com/askedat/askedat/internal/sample"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// TestMain removes the crawler binary the kill tests built.
func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// crawlerBinary builds the crawler, with the crashpoints tag (which only
// adds the ASKEDAT_CRASH_AFTER_ARCHIVE hook), once per test run.
func crawlerBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "askedat-crawler-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "crawler")
		out, err := exec.Command("go", "build", "-tags", "crashpoints", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// slowSite serves a generated site slowly, counting every request.
type slowSite struct {
	site *sample.Site
	mu   sync.Mutex
	hits map[string]int
}

func (s *slowSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.RequestURI()]++
	s.mu.Unlock()
	time.Sleep(20 * time.Millisecond)
	s.site.ServeHTTP(w, r)
}

func (s *slowSite) twice() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for p, n := range s.hits {
		if n > 1 && p != "/robots.txt" {
			out = append(out, fmt.Sprintf("%s ×%d", p, n))
		}
	}
	slices.Sort(out)
	return out
}

// startCrawler runs the crawler binary; lines gets its stderr line by line.
func startCrawler(t *testing.T, env []string, args ...string) (*exec.Cmd, <-chan string) {
	t.Helper()
	cmd := exec.Command(crawlerBinary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	pr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1000)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	return cmd, lines
}

// drain logs the rest of a crawler's stderr and returns it.
func drain(t *testing.T, name string, lines <-chan string) string {
	t.Helper()
	var b strings.Builder
	for l := range lines {
		t.Logf("%s: %s", name, l)
		b.WriteString(l + "\n")
	}
	return b.String()
}

// waitKilled waits for a crawler that must have died of SIGKILL.
func waitKilled(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	err := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("first run ended with %v, want killed by SIGKILL", err)
	}
}

// restart runs the crawler again to the end, checks that no page was
// fetched twice over both runs and that the output is complete, and
// returns its log.
func restart(t *testing.T, ss *slowSite, out, base string, args []string) string {
	t.Helper()
	cmd, lines := startCrawler(t, nil, args...)
	log := drain(t, "second run", lines)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("second run: %v", err)
	}
	if twice := ss.twice(); len(twice) > 0 {
		t.Errorf("pages fetched more than once over both runs: %v", twice)
	}
	checkTruth(t, readJSONL(t, out), ss.site, base)
	return log
}

// checkTruth compares experiences a crawl found (in any order) with the
// site's ground truth.
func checkTruth(t *testing.T, got []askedat.Experience, site *sample.Site, base string) {
	t.Helper()
	want := site.Experiences(base)
	byID := func(a, b askedat.Experience) int { return strings.Compare(a.ID, b.ID) }
	slices.SortFunc(want, byID)
	got = slices.Clone(got)
	slices.SortFunc(got, byID)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("crawled experiences differ from the site's ground truth (-want +got):\n%s", diff)
	}
}

// killSetup serves a slow generated site (seed picks it) and returns it,
// its URL, the output and data paths, and the crawler's arguments.
func killSetup(t *testing.T, seed uint64, delay string) (ss *slowSite, base, out, data string, args []string) {
	t.Helper()
	site := sample.NewSite(sample.Config{Posts: 12, Seed: seed, PerListing: 5})
	ss = &slowSite{site: site, hits: map[string]int{}}
	srv := httptest.NewServer(ss)
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	out, data = filepath.Join(dir, "docs.jsonl"), filepath.Join(dir, "data")
	args = []string{"-seed", srv.URL + "/experiences", "-crawl-dir", data, "-out", out,
		"-allow-host", "127.0.0.1", "-delay", delay, "-v"}
	return ss, srv.URL, out, data, args
}

func (s *slowSite) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// TestKillAndResume kills the crawler (SIGKILL) in the middle of a crawl,
// between two requests, and starts it again: no queued URL is lost, no
// page is fetched twice, the output is complete.
func TestKillAndResume(t *testing.T) {
	ss, base, out, _, args := killSetup(t, 5, "400ms")

	cmd, lines := startCrawler(t, nil, args...)
	fetched := 0
	for l := range lines {
		t.Logf("first run: %s", l)
		if strings.Contains(l, " msg=fetched url=http") {
			fetched++
		}
		if fetched == 6 {
			// The 6th page is recorded; the next request is 400ms away.
			cmd.Process.Signal(syscall.SIGKILL)
			break
		}
	}
	drain(t, "first run", lines)
	waitKilled(t, cmd)
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output exists after the kill: %v", err)
	}

	log := restart(t, ss, out, base, args)
	for _, p := range append(ss.site.ListingPaths(), ss.site.Posts()[0].Path) {
		if n := ss.count(p); n != 1 {
			t.Errorf("%s fetched %d times over both runs, want 1", p, n)
		}
	}
	if !strings.Contains(log, "done: ") {
		t.Errorf("second run printed no summary")
	}
}

// TestCrashBetweenArchiveAndState kills the crawler at the worst moment:
// a page's answer is in the archive, and the state does not know yet. The
// restart takes the page from the archive instead of fetching it again.
func TestCrashBetweenArchiveAndState(t *testing.T) {
	ss, base, out, data, args := killSetup(t, 6, "0s")

	cmd, lines := startCrawler(t, []string{"ASKEDAT_CRASH_AFTER_ARCHIVE=5"}, args...)
	drain(t, "first run", lines)
	waitKilled(t, cmd)
	open, _ := filepath.Glob(filepath.Join(data, "warc", "*.open"))
	if len(open) != 1 {
		t.Errorf("after the crash the archive has open files %v, want 1", open)
	}

	log := restart(t, ss, out, base, args)
	if !strings.Contains(log, "1 recovered from the archive") {
		t.Errorf("second run did not report the page recovered from the archive")
	}
	if open, _ := filepath.Glob(filepath.Join(data, "warc", "*.open")); len(open) != 0 {
		t.Errorf("open archive files left after a clean run: %v", open)
	}
}

// TestCrashWithTrackingSeed: a seed typed with a tracking parameter is
// normalised like every link, so after a crash right after its answer was
// archived the restart takes it from the archive, not from the server.
func TestCrashWithTrackingSeed(t *testing.T) {
	ss, base, out, _, args := killSetup(t, 8, "0s")
	args[1] += "?utm_source=newsletter"

	cmd, lines := startCrawler(t, []string{"ASKEDAT_CRASH_AFTER_ARCHIVE=1"}, args...)
	drain(t, "first run", lines)
	waitKilled(t, cmd)

	log := restart(t, ss, out, base, args)
	if !strings.Contains(log, "1 recovered from the archive") {
		t.Errorf("second run did not take the seed from the archive")
	}
}

// TestSecondCrawler starts a crawler on the state and output of one that
// is running: the second stops at once, saying the state is in use, and
// the first is not disturbed (its output is whole).
func TestSecondCrawler(t *testing.T) {
	ss, base, out, _, args := killSetup(t, 9, "100ms")

	first, lines := startCrawler(t, nil, args...)
	for l := range lines {
		t.Logf("first run: %s", l)
		if strings.Contains(l, " msg=fetched url=http") {
			break // the first has its state and its output open
		}
	}
	rest := make(chan string)
	go func() { rest <- drain(t, "first run", lines) }()

	second, lines2 := startCrawler(t, nil, args...)
	log2 := drain(t, "second run", lines2)
	err := second.Wait()
	if code := second.ProcessState.ExitCode(); code != 1 || !strings.Contains(log2, state.ErrLocked.Error()) {
		t.Errorf("second crawler ended with %v (exit %d); want exit 1 saying %q", err, code, state.ErrLocked)
	}
	<-rest
	if err := first.Wait(); err != nil {
		t.Fatalf("first crawler: %v", err)
	}
	checkTruth(t, readJSONL(t, out), ss.site, base)
	if left := tempsOf(t, out); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
