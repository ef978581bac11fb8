package index

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHelperHoldIndex is not a test: TestOpenLockedByAnotherProcess runs
// this test binary again with ASKEDAT_HOLD_INDEX set, so that another
// process holds that index open for writing until its standard input
// closes.
func TestHelperHoldIndex(t *testing.T) {
	dir := os.Getenv("ASKEDAT_HOLD_INDEX")
	if dir == "" {
		t.Skip("only run by TestOpenLockedByAnotherProcess")
	}
	idx, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("held\n")
	io.Copy(io.Discard, os.Stdin)
	idx.Close()
}

func TestOpenLockedByAnotherProcess(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	idx, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	idx.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldIndex$")
	cmd.Env = append(os.Environ(), "ASKEDAT_HOLD_INDEX="+dir)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "held\n" {
		t.Fatalf("the helper process did not open the index: %q, %v", line, err)
	}

	for _, tt := range []struct {
		name string
		open func(string) (*Index, error)
	}{{"Open", Open}, {"OpenReadOnly", OpenReadOnly}} {
		// Without bolt's timeout the open would wait for the other process
		// for ever: fail then, rather than hang until go test's -timeout.
		// 30 s only catches a hang; the time taken is logged, not judged.
		type opened struct {
			idx *Index
			err error
		}
		done := make(chan opened, 1)
		start := time.Now()
		go func() {
			idx, err := tt.open(dir)
			done <- opened{idx, err}
		}()
		var got *Index
		select {
		case o := <-done:
			got, err = o.idx, o.err
		case <-time.After(30 * time.Second):
			t.Fatalf("%s(index held by another process) still waits after 30s, want an error within a second or two (bolt_timeout)", tt.name)
		}
		took := time.Since(start)
		if err == nil {
			got.Close()
			t.Errorf("%s(index held by another process) succeeded, want an error", tt.name)
			continue
		}
		if !strings.Contains(err.Error(), "another process holds it open") {
			t.Errorf("%s(index held by another process) error = %v, want one that says another process holds it", tt.name, err)
		}
		t.Logf("%s gave up after %s: %v", tt.name, took.Round(time.Millisecond), err)
	}
}
