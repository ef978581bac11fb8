package web

import (
	"bytes"
	"fmt"
	"html"
	"strings"
	"testing"

	nethtml "golang.org/x/net/html"
)

// The pages' data as searchd builds it (searchd/pages.go: searchPage,
// hitView, experiencePage), as maps so that this package stays a leaf.
// TestFuzzDataCoversTemplates checks that the templates print every field.

// searchData is a search page with text in every text field and link in
// every link. Its first hit's title and both hits' snippets carry one
// <mark> around the text, escaped, as the index makes them; the second hit
// has no highlighted title, so its plain title is printed.
func searchData(text, link string) map[string]any {
	marked := html.EscapeString(text) + "<mark>" + html.EscapeString(text) + "</mark>"
	hit := func(titleHTML string) map[string]any {
		return map[string]any{
			"Title": text, "TitleHTML": titleHTML, "Snippet": marked, "Company": text, "Role": text,
			"Category": text, "Difficulty": text, "Date": text, "URL": link, "AskedAt": 3,
			"PostLink": link, "CompanyLink": link, "ClusterLink": link,
		}
	}
	value := map[string]any{"Value": text, "Count": 2, "Selected": true, "Link": link}
	option := func() map[string]any { return map[string]any{"Label": text, "Link": link, "Selected": true} }
	return map[string]any{
		"Query": text, "Type": text, "Total": uint64(0), "Took": text, "Error": "", "From": 0,
		"Page": 1, "Pages": 2,
		"Hits":     []any{hit(marked), hit("")},
		"Facets":   []any{map[string]any{"Label": text, "Values": []any{value}}},
		"Active":   []any{map[string]any{"Field": text, "Label": text, "Value": text, "Remove": link}},
		"ClearAll": link, "Sorts": []any{option()}, "Types": []any{option()},
		"Prev": link, "Next": link, "Suggestion": text, "SuggestionLink": link,
	}
}

// errorSearchData is a search page showing an error message.
func errorSearchData(text, link string) map[string]any {
	d := searchData(text, link)
	d["Error"], d["Total"] = text, uint64(1)
	return d
}

// experienceData is a post page with text in every field.
func experienceData(text, link string) map[string]any {
	q := map[string]any{"Ordinal": 1, "Title": text, "Category": text, "Difficulty": text, "Body": text + "\n\n" + text}
	return map[string]any{
		"E": map[string]any{
			"Title": text, "Company": text, "Role": text, "Status": text, "Date": text, "Reads": 7,
			"URL": link, "Summary": text, "Body": text + "\n\n" + text, "Questions": []any{q},
		},
		"CompanyLink": link,
	}
}

func errorData(text, _ string) map[string]any {
	return map[string]any{"Status": 404, "Title": text, "Message": text}
}

// pageCases are the pages and their data; marks is the <mark>s the data
// holds.
var pageCases = []struct {
	page  string
	data  func(text, link string) map[string]any
	marks int
}{
	{PageSearch, searchData, 3},
	{PageSearch, errorSearchData, 3},
	{PageExperience, experienceData, 0},
	{PageError, errorData, 0},
}

// markup is what a page is made of: per element, its attributes.
type markup map[string]map[string]bool

// allowedMarkup renders every page with plain data: the elements and
// attributes the templates themselves make.
func allowedMarkup(t testing.TB, ui *UI) markup {
	m := markup{}
	for _, pc := range pageCases {
		doc := render(t, ui, pc.page, pc.data("plain text", "/search?q=plain"))
		walk(doc, func(n *nethtml.Node) {
			if m[n.Data] == nil {
				m[n.Data] = map[string]bool{}
			}
			for _, a := range n.Attr {
				m[n.Data][a.Key] = true
			}
		})
	}
	return m
}

func render(t testing.TB, ui *UI, page string, data any) *nethtml.Node {
	t.Helper()
	var buf bytes.Buffer
	if err := ui.Render(&buf, page, data); err != nil {
		t.Fatalf("Render(%s): %v", page, err)
	}
	doc, err := nethtml.Parse(&buf)
	if err != nil {
		t.Fatalf("parse %s: %v", page, err)
	}
	return doc
}

// walk calls fn on every element under n.
func walk(n *nethtml.Node, fn func(*nethtml.Node)) {
	if n.Type == nethtml.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

// FuzzRenderPages renders every page with arbitrary text in every field and
// an arbitrary string in every link (crawled text, crawled URLs, queries).
// The output must hold only the markup the templates make, plus the
// <mark>s the data carries: no new element (<script>, <img>), no new
// attribute (onerror=), no link to a javascript:, data: or vbscript: URL.
// Its seeds are in testdata/fuzz/FuzzRenderPages.
func FuzzRenderPages(f *testing.F) {
	ui, err := New()
	if err != nil {
		f.Fatal(err)
	}
	allowed := allowedMarkup(f, ui)
	f.Fuzz(func(t *testing.T, text, link string) {
		for _, pc := range pageCases {
			doc := render(t, ui, pc.page, pc.data(text, link))
			marks := 0
			walk(doc, func(n *nethtml.Node) {
				if n.Data == "mark" {
					marks++
					if len(n.Attr) > 0 {
						t.Fatalf("%s with %q, %q: a <mark> with attributes %v", pc.page, text, link, n.Attr)
					}
					return
				}
				attrs, ok := allowed[n.Data]
				if !ok {
					t.Fatalf("%s with %q, %q: an element <%s> the templates do not make", pc.page, text, link, n.Data)
				}
				for _, a := range n.Attr {
					if !attrs[a.Key] || strings.HasPrefix(a.Key, "on") {
						t.Fatalf("%s with %q, %q: <%s %s=%q>, an attribute the templates do not make", pc.page, text, link, n.Data, a.Key, a.Val)
					}
					if a.Key == "href" || a.Key == "src" || a.Key == "action" {
						if scheme := urlScheme(a.Val); scheme == "javascript" || scheme == "data" || scheme == "vbscript" {
							t.Fatalf("%s with %q, %q: <%s %s=%q>, a %s: URL", pc.page, text, link, n.Data, a.Key, a.Val, scheme)
						}
					}
				}
			})
			if marks != pc.marks {
				t.Fatalf("%s with %q, %q: %d <mark>s, want the %d of the data", pc.page, text, link, marks, pc.marks)
			}
		}
	})
}

// urlScheme returns the scheme of a URL as a browser reads it: lower case,
// with the spaces and control characters it strips removed.
func urlScheme(u string) string {
	u = strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, u)
	i := strings.IndexByte(u, ':')
	if i < 0 || strings.ContainsAny(u[:i], "/?#") {
		return ""
	}
	return strings.ToLower(u[:i])
}

// TestFuzzDataCoversTemplates checks that the fuzz data reaches the
// templates: every text field of it is printed by one of its page's cases
// (a field renamed in searchd and the templates, but not here, would leave
// the fuzz target testing nothing).
func TestFuzzDataCoversTemplates(t *testing.T) {
	ui, err := New()
	if err != nil {
		t.Fatal(err)
	}
	printed, fieldsOf := map[string]string{}, map[string]map[string]bool{}
	for _, pc := range pageCases {
		data := pc.data("plain", "/plain")
		// Give each string field its own marker and look for it.
		var fields []string
		var mark func(prefix string, m map[string]any)
		mark = func(prefix string, m map[string]any) {
			for k, v := range m {
				switch v := v.(type) {
				case string:
					if k == "Type" || v == "" {
						continue // Type selects what is printed; "" is "not set"
					}
					if th, _ := m["TitleHTML"].(string); k == "Title" && th != "" {
						continue // the highlighted title is printed instead
					}
					m[k] = "/" + prefix + k + "x"
					fields = append(fields, m[k].(string))
				case map[string]any:
					mark(prefix+k+".", v)
				case []any:
					for i, x := range v {
						if xm, ok := x.(map[string]any); ok {
							mark(fmt.Sprintf("%s%s%d.", prefix, k, i), xm)
						}
					}
				}
			}
		}
		mark("", data)
		var buf bytes.Buffer
		if err := ui.Render(&buf, pc.page, data); err != nil {
			t.Fatal(err)
		}
		printed[pc.page] += buf.String()
		if fieldsOf[pc.page] == nil {
			fieldsOf[pc.page] = map[string]bool{}
		}
		for _, f := range fields {
			fieldsOf[pc.page][f] = true
		}
	}
	for page, fields := range fieldsOf {
		for f := range fields {
			if !strings.Contains(printed[page], f) {
				t.Errorf("%s does not print the field %s of the fuzz data", page, strings.Trim(f, "/x"))
			}
		}
	}
}
