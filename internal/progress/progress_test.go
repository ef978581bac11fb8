package progress

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestLogLinesWhenNotATerminal(t *testing.T) {
	var buf bytes.Buffer
	m := New("indexing", Options{Out: &buf, Total: 4 << 20, Unit: "bytes", Every: time.Nanosecond, Detail: func() string { return "7 indexed" }})
	m.Add(1 << 20)
	m.Add(1 << 20)
	m.Finish()
	m.Finish() // a second Finish writes nothing
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if got, want := len(lines), 3; got != want {
		t.Fatalf("got %d lines, want %d:\n%s", got, want, buf.String())
	}
	for i, want := range []string{"indexing: 1.0 MiB of 4.0 MiB (25%)", "indexing: 2.0 MiB of 4.0 MiB (50%)", "indexing: 2.0 MiB of 4.0 MiB (50%)"} {
		if !strings.HasPrefix(lines[i], want) || !strings.HasSuffix(lines[i], "7 indexed") {
			t.Errorf("line %d = %q, want it to start with %q and end with the detail", i, lines[i], want)
		}
	}
}

func TestBarWhenAsked(t *testing.T) {
	var buf bytes.Buffer
	on := true
	m := New("pages", Options{Out: &buf, Total: 10, Unit: "pages", Bar: &on})
	m.Add(10)
	m.Finish()
	if got := buf.String(); !strings.Contains(got, "pages") || !strings.Contains(got, "10/10") {
		t.Errorf("bar output = %q, want the description and 10/10", got)
	}
}
