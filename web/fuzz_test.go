package web

import (
	"bytes"
	"html"
	"strings"
	"testing"
	"text/template/parse"

	nethtml "golang.org/x/net/html"
)

// The pages' data as searchd builds it (searchd/pages.go: searchPage,
// hitView, experiencePage, …), as maps so that this package stays a leaf.
// The maps hold every field the templates name, and some they may name
// later: TestFuzzDataCoversTemplates fails when a template names a field
// the maps lack, so no field goes unfuzzed.

// searchData is a search page of hits with text in every text field and
// link in every link. The first hit's title and both hits' snippets carry
// one <mark> around the text, escaped, as the index makes them; the second
// hit has no highlighted title, so its plain title is printed.
func searchData(text, link string) map[string]any {
	marked := html.EscapeString(text) + "<mark>" + html.EscapeString(text) + "</mark>"
	hit := func(titleHTML string) map[string]any {
		return map[string]any{
			"Title": text, "TitleHTML": titleHTML, "Snippet": marked, "Company": text, "Role": text, "Round": text,
			"Category": text, "Difficulty": text, "Status": text, "Date": text, "URL": link, "AskedAt": 3,
			"PostLink": link, "CompanyLink": link, "ClusterLink": link, "SourceLink": link,
			"Collapsed": 4, "TimesLink": link, "DifficultySource": text, "DifficultyNote": text,
		}
	}
	option := func() map[string]any {
		return map[string]any{"Label": text, "Link": link, "Selected": true, "Title": text}
	}
	value := map[string]any{"Value": text, "Count": 2, "Selected": true, "Link": link, "Inferred": 1, "InferredNote": text}
	return map[string]any{
		"Query": text, "Type": text, "Noun": text, "Total": uint64(5), "Took": text, "Error": "",
		"Intro": false, "Examples": []any{option()}, "From": 1, "To": 2, "Page": 2, "Pages": 3,
		"Hits":     []any{hit(marked), hit("")},
		"Facets":   []any{map[string]any{"Field": text, "Label": text, "Values": []any{value}, "More": []any{value}, "Other": 4, "Source": option()}},
		"Active":   []any{map[string]any{"Field": text, "Label": text, "Value": text, "Remove": link}},
		"Hidden":   []any{map[string]any{"Name": text, "Value": text}},
		"Dates":    map[string]any{"From": text, "To": text, "Hidden": []any{map[string]any{"Name": text, "Value": text}}, "Clear": link},
		"ClearAll": link, "Sorts": []any{option()}, "Types": []any{option()}, "Collapse": []any{option()},
		"Prev": link, "Next": link, "Suggestion": text, "SuggestionLink": link,
		"ClusterTitle": "", "AskedAt": 3, "ClusterNarrowed": false,
		"Collapsed": false, "Groups": uint64(5),
		"Relaxed": []string{}, "RelaxedOnly": false,
	}
}

// relaxedSearchData: hits lacking some of the words typed.
func relaxedSearchData(text, link string) map[string]any {
	d := searchData(text, link)
	d["Relaxed"], d["RelaxedOnly"] = []string{text, text}, true
	return d
}

// The other states of the search page: one hit per question cluster, an
// error, no hits (with a suggestion), one question's places (cluster=…),
// the first visit.
func collapsedSearchData(text, link string) map[string]any {
	d := searchData(text, link)
	d["Collapsed"], d["Groups"] = true, uint64(3)
	return d
}

func errorSearchData(text, link string) map[string]any {
	d := searchData(text, link)
	d["Error"] = text
	return d
}

func emptySearchData(text, link string) map[string]any {
	d := searchData(text, link)
	d["Total"], d["Hits"] = uint64(0), []any{}
	return d
}

func clusterSearchData(text, link string) map[string]any {
	d := searchData(text, link)
	d["ClusterTitle"], d["ClusterNarrowed"] = text, true
	return d
}

func introSearchData(text, link string) map[string]any {
	d := searchData(text, link)
	d["Intro"], d["Query"] = true, ""
	return d
}

// experienceData is a post page with text in every field.
func experienceData(text, link string) map[string]any {
	q := map[string]any{
		"Ordinal": 1, "Title": text, "Category": text, "Difficulty": text, "Body": text + "\n\n" + text,
		"Round": text, "Tags": []any{text}, "AskedAt": 3, "CategoryLink": link, "PracticeLink": link, "ClusterLink": link,
		"DifficultySource": text, "DifficultyNote": text,
	}
	return map[string]any{
		"E": map[string]any{
			"Title": text, "Company": text, "Role": text, "Status": text, "Date": text, "Reads": 7,
			"URL": link, "Summary": text, "Body": text + "\n\n" + text, "Questions": []any{q}, "Tags": []any{text},
		},
		"Questions":   []any{q},
		"Facts":       []any{map[string]any{"Label": text, "Value": text, "Link": link}},
		"CompanyLink": link, "RoleLink": link, "SourceLink": link,
	}
}

func errorData(text, _ string) map[string]any {
	return map[string]any{"Status": 404, "Title": text, "Message": text}
}

// pageCases are the pages and their data; marks is the most <mark>s the
// data holds (a state may show fewer).
var pageCases = []struct {
	page  string
	data  func(text, link string) map[string]any
	marks int
}{
	{PageSearch, searchData, 3},
	{PageSearch, collapsedSearchData, 3},
	{PageSearch, errorSearchData, 3},
	{PageSearch, emptySearchData, 0},
	{PageSearch, clusterSearchData, 3},
	{PageSearch, introSearchData, 3},
	{PageSearch, relaxedSearchData, 3},
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
			if marks > pc.marks {
				t.Fatalf("%s with %q, %q: %d <mark>s, more than the %d of the data", pc.page, text, link, marks, pc.marks)
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

// TestFuzzDataCoversTemplates checks that the fuzz data holds every field
// the templates name ({{.Title}}, {{range .Hits}}, {{$e.Link}}): a field
// added to a template and its view model, but not here, would go unfuzzed.
func TestFuzzDataCoversTemplates(t *testing.T) {
	ui, err := New()
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]map[string]bool{} // per page, every key of its data
	var collect func(page string, v any)
	collect = func(page string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				keys[page][k] = true
				collect(page, x)
			}
		case []any:
			for _, x := range v {
				collect(page, x)
			}
		}
	}
	for _, pc := range pageCases {
		if keys[pc.page] == nil {
			keys[pc.page] = map[string]bool{}
		}
		collect(pc.page, pc.data("plain", "/plain"))
	}
	for page, have := range keys {
		named := map[string]bool{}
		for _, tmpl := range ui.pages[page].Templates() {
			if tmpl.Tree != nil {
				fieldNames(tmpl.Tree.Root, named)
			}
		}
		if len(named) == 0 {
			t.Errorf("%s names no fields", page)
		}
		for f := range named {
			if !have[f] {
				t.Errorf("%s names the field %s, which the fuzz data lacks", page, f)
			}
		}
	}
}

// fieldNames adds the field names that n and the nodes under it use.
func fieldNames(n parse.Node, names map[string]bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				fieldNames(c, names)
			}
		}
	case *parse.ActionNode:
		fieldNames(n.Pipe, names)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				fieldNames(c, names)
			}
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			fieldNames(a, names)
		}
	case *parse.FieldNode:
		for _, id := range n.Ident {
			names[id] = true
		}
	case *parse.VariableNode:
		for _, id := range n.Ident[1:] {
			names[id] = true
		}
	case *parse.ChainNode:
		fieldNames(n.Node, names)
		for _, id := range n.Field {
			names[id] = true
		}
	case *parse.IfNode:
		fieldNames(n.Pipe, names)
		fieldNames(n.List, names)
		fieldNames(n.ElseList, names)
	case *parse.RangeNode:
		fieldNames(n.Pipe, names)
		fieldNames(n.List, names)
		fieldNames(n.ElseList, names)
	case *parse.WithNode:
		fieldNames(n.Pipe, names)
		fieldNames(n.List, names)
		fieldNames(n.ElseList, names)
	case *parse.TemplateNode:
		fieldNames(n.Pipe, names)
	}
}
