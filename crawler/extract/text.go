package extract

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/askedat/askedat"
)

// A block is one run of text that a reader sees on a line of its own: the
// text of a paragraph, a heading, a list item, a table cell, or the part of
// one between two <br>s. Inline elements (span, a, strong, time, …) join
// their text into the block around them.
type block struct {
	text    string
	node    *html.Node // the block-level element that holds the text
	heading int        // 1–6 inside <h1>…<h6>, else 0
	times   []string   // datetime attributes of <time> elements in the block
	item    int        // the number a browser shows for the nearest enclosing <ol> item, else 0

	li    *html.Node // the nearest enclosing <li> of any list, else nil
	first bool       // the first line of text in li
	depth int        // how many lists (<ol>, <ul>) enclose the block
	pre   bool       // inside <pre>: code or preformatted text
	// bold reports that every letter and digit of the line is in bold
	// (<strong>, <b>) or a heading: the line reads as a heading.
	bold bool
	// lead is the bold text the line starts with, when more follows it
	// ("Round 2:" of "<b>Round 2:</b> onsite"), else "".
	lead  string
	links []anchor // the links in the line, in order
}

// An anchor is a link in a line: its href as written and its text.
type anchor struct {
	href, text string
}

// blocks returns the visible text of n as blocks in reading order. Text that
// a reader does not see is left out: <head>, scripts, styles, templates,
// elements marked hidden, and the page chrome in <nav>, <footer> and <aside>.
func blocks(n *html.Node) []block {
	var w walker
	w.leadOpen = true
	w.walk(n, where{})
	w.flush()
	return w.out
}

// where is the context a node sits in, handed down the walk.
type where struct {
	heading, item, depth int
	li                   *html.Node
	pre                  bool
	bold                 bool
}

type walker struct {
	out   []block
	buf   strings.Builder
	node  *html.Node
	at    where
	times []string
	links []anchor

	seenLi map[*html.Node]bool // the list items that have a line

	lead                strings.Builder
	leadOpen            bool // no plain text yet in the line
	boldChars, rawChars int  // letters and digits in bold, and not
}

func (w *walker) flush() {
	if t := askedat.CleanSpace(w.buf.String()); t != "" {
		b := block{text: t, node: w.node, heading: w.at.heading, times: w.times, item: w.at.item,
			li: w.at.li, depth: w.at.depth, pre: w.at.pre, links: w.links}
		b.bold = w.boldChars > 0 && w.rawChars == 0
		if b.li != nil && !w.seenLi[b.li] {
			if w.seenLi == nil {
				w.seenLi = map[*html.Node]bool{}
			}
			w.seenLi[b.li] = true
			b.first = true
		}
		if l := askedat.CleanSpace(w.lead.String()); l != "" && !b.bold {
			b.lead = l
		}
		w.out = append(w.out, b)
	}
	w.buf.Reset()
	w.lead.Reset()
	w.leadOpen = true
	w.boldChars, w.rawChars = 0, 0
	w.times = nil
	w.links = nil
}

// text adds the text of a text node seen in the context at.
func (w *walker) text(s string, at where) {
	w.buf.WriteString(s)
	n := alnum(s)
	switch {
	case at.bold || at.heading > 0:
		w.boldChars += n
		if w.leadOpen {
			w.lead.WriteString(s)
		}
	case n > 0:
		w.rawChars += n
		w.leadOpen = false
	case w.leadOpen && strings.TrimSpace(s) == "" && w.lead.Len() > 0:
		w.lead.WriteByte(' ')
	case n == 0 && strings.TrimSpace(s) != "":
		// punctuation after a bold run ("<b>Round 1</b>:") stays in it
		if w.leadOpen && w.lead.Len() > 0 {
			w.lead.WriteString(s)
		}
	}
}

func alnum(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

func (w *walker) walk(n *html.Node, at where) {
	switch n.Type {
	case html.TextNode:
		// A blank line in the source of a paragraph is where its author
		// meant a new line, though a browser runs the two together.
		for i, part := range strings.Split(n.Data, "\n\n") {
			if i > 0 && !at.pre && strings.TrimSpace(part) != "" {
				w.flush()
			}
			w.text(part, at)
		}
		return
	case html.ElementNode:
		if skipped(n) {
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	isBlock := n.Type == html.ElementNode && !inline[n.DataAtom]
	switch n.DataAtom {
	case atom.Br:
		w.flush()
		return
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		at.heading = int(n.Data[1] - '0')
	case atom.Time:
		if dt, ok := attr(n, "datetime"); ok {
			w.times = append(w.times, dt)
		}
	case atom.Li:
		at.li = n
		if p := n.Parent; p != nil && p.DataAtom == atom.Ol {
			at.item = listNumber(n)
		}
	case atom.Ol, atom.Ul:
		at.depth++
	case atom.Pre:
		at.pre = true
	case atom.B, atom.Strong:
		at.bold = true
	}
	if isBlock {
		w.flush()
		w.node, w.at = n, at
	}
	var href string
	linkStart := -1
	if n.DataAtom == atom.A {
		href, _ = attr(n, "href")
		linkStart = w.buf.Len()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, at)
		if isBlock {
			// Text after a nested block belongs to this block again.
			w.node, w.at = n, at
		}
	}
	if linkStart >= 0 && strings.TrimSpace(href) != "" && linkStart <= w.buf.Len() {
		w.links = append(w.links, anchor{href: strings.TrimSpace(href), text: askedat.CleanSpace(w.buf.String()[linkStart:])})
	}
	if isBlock {
		w.flush()
	}
}

// listNumber returns the number a browser shows before the <li> n of an <ol>,
// honouring the list's start attribute and the items' value attributes.
func listNumber(li *html.Node) int {
	num := 1
	if s, ok := attr(li.Parent, "start"); ok {
		if v, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
			num = v
		}
	}
	for c := li.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Li {
			continue
		}
		if s, ok := attr(c, "value"); ok {
			if v, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
				num = v
			}
		}
		if c == li {
			return num
		}
		num++
	}
	return num
}

// skipped reports whether the element n and everything in it is out of a
// reader's view, or page chrome that is never part of a post.
func skipped(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Head, atom.Script, atom.Style, atom.Noscript, atom.Template,
		atom.Svg, atom.Iframe, atom.Object, atom.Button, atom.Select,
		atom.Nav, atom.Footer, atom.Aside:
		return true
	}
	if _, ok := attr(n, "hidden"); ok {
		return true
	}
	if v, _ := attr(n, "aria-hidden"); strings.EqualFold(strings.TrimSpace(v), "true") {
		return true
	}
	if style, ok := attr(n, "style"); ok {
		s := strings.ToLower(strings.ReplaceAll(style, " ", ""))
		if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

// inline lists the elements whose text runs on with the text around them.
var inline = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Bdi: true, atom.Bdo: true,
	atom.Cite: true, atom.Code: true, atom.Data: true, atom.Del: true, atom.Dfn: true,
	atom.Em: true, atom.Font: true, atom.I: true, atom.Img: true, atom.Ins: true,
	atom.Kbd: true, atom.Label: true, atom.Mark: true, atom.Q: true, atom.S: true,
	atom.Samp: true, atom.Small: true, atom.Span: true, atom.Strong: true,
	atom.Sub: true, atom.Sup: true, atom.Time: true, atom.Tt: true, atom.U: true,
	atom.Var: true, atom.Wbr: true,
}

// paragraphs joins blocks as paragraphs separated by blank lines.
func paragraphs(bs []block) string {
	parts := make([]string, len(bs))
	for i, b := range bs {
		parts[i] = b.text
	}
	return strings.Join(parts, "\n\n")
}
