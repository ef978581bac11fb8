// Package web holds the search box's templates and static files, embedded in
// the binary so that searchd serves them with nothing fetched from elsewhere.
//
// It is a leaf: it imports nothing of this module. searchd builds the data a
// template shows and calls Render.
package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"strings"
	"sync"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Static returns the static files (CSS, scripts, icons), rooted so that
// "app.css" is the stylesheet. searchd serves them under /static/.
func Static() fs.FS {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // the embedded tree always has static/
	}
	return sub
}

// Version returns a short hash of every static file. Pages link to their
// assets under /static/v-<Version>/ (AssetURL), so a browser may keep them
// for as long as it likes: a new build has new URLs, and a page never mixes
// one build's HTML with another's scripts.
var Version = sync.OnceValue(func() string {
	h := sha256.New()
	err := fs.WalkDir(staticFS, "static", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", path, len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		panic(err) // the embedded tree is readable
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
})

// AssetURL returns the versioned URL of a static file, as in
// AssetURL("app.js") = "/static/v-0123456789ab/app.js".
func AssetURL(name string) string {
	return "/static/v-" + Version() + "/" + name
}

// A UI renders the pages.
type UI struct {
	pages map[string]*template.Template
}

// Page names for Render.
const (
	PageSearch     = "search.html"
	PageExperience = "experience.html"
	PageError      = "error.html"
)

// New parses the templates once. Each page is the layout plus its own file.
func New() (*UI, error) {
	funcs := template.FuncMap{
		// safeHTML marks text that the index made safe (escaped, with
		// only <mark> added) as HTML. Nothing else may go through it.
		"safeHTML":    func(s string) template.HTML { return template.HTML(s) },
		"queryEscape": url.QueryEscape,
		"join":        strings.Join,
		"add":         func(a, b int) int { return a + b },
		"lower":       strings.ToLower,
		"paragraphs":  paragraphs,
		"asset":       AssetURL,
	}
	u := &UI{pages: map[string]*template.Template{}}
	for _, p := range []string{PageSearch, PageExperience, PageError} {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+p)
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", p, err)
		}
		u.pages[p] = t
	}
	return u, nil
}

// Render executes page with data into a buffer, then writes it to w, so a
// failing template never sends half a page.
func (u *UI) Render(w io.Writer, page string, data any) error {
	t, ok := u.pages[page]
	if !ok {
		return fmt.Errorf("no page %q", page)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return fmt.Errorf("render %s: %w", page, err)
	}
	_, err := buf.WriteTo(w)
	return err
}

// paragraphs splits text on blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
