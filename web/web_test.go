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

// TestScriptsStayWithinThePolicy checks the rules the Content-Security-Policy
// and the escaping rely on: no inline scripts or handlers in the templates,
// nothing in the scripts that turns text into markup or code.
func TestScriptsStayWithinThePolicy(t *testing.T) {
	banned := map[string][]string{
		".js":   {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setTimeout(\"", "setAttribute(\"on", ".style.cssText", "http://", "https://"},
		".html": {"<script>", " onclick=", " onload=", " onerror=", " style=", "javascript:", "http://", "https://"},
	}
	for _, root := range []fs.FS{Static(), templateFS} {
		err := fs.WalkDir(root, ".", func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			words := banned[path[strings.LastIndex(path, "."):]]
			if len(words) == 0 {
				return nil
			}
			b, err := fs.ReadFile(root, path)
			if err != nil {
				return err
			}
			text := strings.ReplaceAll(string(b), "http://www.w3.org/2000/svg", "") // the SVG namespace, not a URL to fetch
			for _, w := range words {
				if strings.Contains(text, w) {
					t.Errorf("%s contains %q", path, w)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestAssetURL(t *testing.T) {
	v := Version()
	if len(v) != 12 || strings.Trim(v, "0123456789abcdef") != "" {
		t.Errorf("Version() = %q, want 12 hex digits", v)
	}
	if got, want := AssetURL("app.js"), "/static/v-"+v+"/app.js"; got != want {
		t.Errorf("AssetURL(app.js) = %q, want %q", got, want)
	}
}

func TestStaticFiles(t *testing.T) {
	for _, name := range []string{"app.css", "favicon.svg", "app.js", "state.js", "dom.js", "chart.js", "dates.js"} {
		if _, err := fs.Stat(Static(), name); err != nil {
			t.Errorf("static %s: %v", name, err)
		}
	}
}
