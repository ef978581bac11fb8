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

func TestTickAndSetTotal(t *testing.T) {
	var buf bytes.Buffer
	n := 0
	m := New("crawl", Options{Out: &buf, Total: -1, Unit: "pages", Every: time.Nanosecond, Detail: func() string { n++; return "3 queued" }})
	m.Tick() // nothing added, a line all the same
	m.Add(2)
	m.SetTotal(5)
	m.Tick()
	m.Finish()
	m.Tick() // after Finish, nothing
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	want := []string{"crawl: 0 pages,", "crawl: 2 pages,", "crawl: 2 pages of 5 pages (40%)", "crawl: 2 pages of 5 pages (40%)"}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), buf.String())
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) || !strings.HasSuffix(lines[i], "3 queued") {
			t.Errorf("line %d = %q, want it to start with %q and end with the detail", i, lines[i], w)
		}
	}

	var bar bytes.Buffer
	on := true
	b := New("crawl", Options{Out: &bar, Total: 1, Unit: "pages", Bar: &on, Detail: func() string { return "7 queued" }})
	b.SetTotal(10)
	b.Add(4)
	b.Tick()
	b.Finish()
	if got := bar.String(); !strings.Contains(got, "/10") || !strings.Contains(got, "7 queued") {
		t.Errorf("bar output = %q, want the new total and the detail", got)
	}
}
