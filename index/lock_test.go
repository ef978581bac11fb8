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
		start := time.Now()
		got, err := tt.open(dir)
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
