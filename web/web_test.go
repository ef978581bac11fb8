package web

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParagraphs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"one", []string{"one"}},
		{"one\n\ntwo", []string{"one", "two"}},
		{"one\r\n\r\n\n\n two \n\n", []string{"one", "two"}},
		{"a line\nand its next", []string{"a line\nand its next"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, paragraphs(tt.in)); diff != "" {
			t.Errorf("paragraphs(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestRenderEscapesAndKnowsItsPages(t *testing.T) {
	ui, err := New()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	data := struct {
		Status         int
		Title, Message string
	}{404, "Not Found", `<script>alert(1)</script>`}
	if err := ui.Render(&buf, PageError, data); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); strings.Contains(got, "<script>alert") || !strings.Contains(got, "&lt;script&gt;") {
		t.Errorf("error page does not escape its message:\n%s", got)
	}
	if err := ui.Render(&buf, "nope.html", nil); err == nil {
		t.Errorf("Render(nope.html) = nil, want an error")
	}
}

func TestStaticFiles(t *testing.T) {
	for _, name := range []string{"app.css", "favicon.svg"} {
		if _, err := fs.Stat(Static(), name); err != nil {
			t.Errorf("static %s: %v", name, err)
		}
	}
}
