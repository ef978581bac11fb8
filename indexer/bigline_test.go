package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/index"
)

// writeBigLines writes n experiences of random words, each line just under
// size bytes, to a file in dir, and after them one line of more than size
// bytes and one small good line.
func writeBigLines(t *testing.T, dir string, n, size int) string {
	t.Helper()
	rng := rand.New(rand.NewSource(1))
	// 50,000 distinct words: the worst case for the index's dictionaries,
	// as text of real posts repeats far fewer.
	vocab := make([]string, 50000)
	for i := range vocab {
		b := make([]byte, 3+rng.Intn(7))
		for j := range b {
			b[j] = byte('a' + rng.Intn(26))
		}
		vocab[i] = string(b)
	}
	line := func(i, size int) []byte {
		var body strings.Builder
		for body.Len() < size-size/100-400 { // room for the escaped newlines
			body.WriteString(vocab[rng.Intn(len(vocab))])
			if rng.Intn(100) == 0 {
				body.WriteString("\n")
			} else {
				body.WriteString(" ")
			}
		}
		e := askedat.Experience{ID: fmt.Sprintf("big%d", i), URL: fmt.Sprintf("https://example.com/%d", i), Title: fmt.Sprintf("Big post %d", i),
			Company: "Amazon", Date: "2024-01-01", Body: body.String(),
			Questions: []askedat.Question{{Ordinal: 1, Title: "Design an LRU cache", Body: "q"}}}
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	p := filepath.Join(dir, "big.jsonl")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	for i := 0; i < n; i++ {
		b := line(i, size)
		if len(b) > size {
			t.Fatalf("line %d has %d bytes, over %d", i+1, len(b), size)
		}
		w.Write(b)
		w.WriteString("\n")
	}
	w.Write(line(n, size+100000)) // too long: rejected, nothing else lost
	w.WriteString("\n")
	w.WriteString(`{"id":"small","title":"Small post","questions":[{"ordinal":1,"title":"Two Sum","body":"b"}]}` + "\n")
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return p
}

// bigLinesChild makes TestBigLinesMemory's child process build the index.
const bigLinesChild = "ASKEDAT_BIG_LINES_CHILD"

// maxBigLinesRSS is the most memory (peak resident set) the build of ten
// lines of askedat.DefaultMaxLineBytes may take. Before the line and field
// limits (decision 109) one 10 MB line took 2.0 GB and ten 4 MiB lines
// 7.2 GB (-max-line 32 MiB); now ten 4 MiB lines of random words take
// 0.5 GB here, 0.8 GB as indexer -docs: each line's copies (read, decoded, _source) and bleve's
// building and merging of the segments of the few big batches.
const maxBigLinesRSS = 1200 << 20

// TestBigLinesMemory builds ten lines of the maximum size in a child
// process (so the measure is of that build alone) and checks its peak RSS:
// memory must be bounded by the batch, not grow with a line's size.
func TestBigLinesMemory(t *testing.T) {
	if dir := os.Getenv(bigLinesChild); dir != "" {
		off := false
		rep, err := Build(context.Background(), Config{Docs: []string{filepath.Join(dir, "big.jsonl")}, IndexDir: filepath.Join(dir, "idx"), BatchSize: index.DefaultBatchSize, Progress: &off}, &bytes.Buffer{})
		if err != nil {
			t.Fatal(err)
		}
		if err := json.NewEncoder(os.Stdout).Encode(rep); err != nil {
			t.Fatal(err)
		}
		return
	}
	if testing.Short() {
		t.Skip("builds 40 MB of documents")
	}
	dir := t.TempDir()
	writeBigLines(t, dir, 10, askedat.DefaultMaxLineBytes)
	cmd := exec.Command(os.Args[0], "-test.run=^TestBigLinesMemory$")
	cmd.Env = append(os.Environ(), bigLinesChild+"="+dir)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child build: %v\n%s%s", err, out, stderr.String())
	}
	var rep Report
	// The child's stdout is the report and then the test binary's "PASS".
	if err := json.NewDecoder(bytes.NewReader(out)).Decode(&rep); err != nil {
		t.Fatalf("child's report: %v\n%s", err, out)
	}
	if got, want := [3]int{rep.Read, rep.Indexed, len(rep.Rejected)}, [3]int{12, 11, 1}; got != want {
		t.Errorf("read, indexed, rejected = %v, want %v", got, want)
	}
	if len(rep.Rejected) == 1 {
		if got := rep.Rejected[0]; got.Line != 11 || !strings.HasSuffix(got.File, "big.jsonl") || !strings.Contains(got.Reason, "longer than") {
			t.Errorf("rejected = %+v, want big.jsonl line 11, longer than the limit", got)
		}
	}
	rss := int64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) << 10 // KiB on Linux
	t.Logf("ten lines of %d bytes: peak RSS %d MB", askedat.DefaultMaxLineBytes, rss>>20)
	if rss > maxBigLinesRSS {
		t.Errorf("peak RSS %d MB, want at most %d MB", rss>>20, maxBigLinesRSS>>20)
	}
}
