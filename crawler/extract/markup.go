package extract

import (
	"bytes"
	"errors"
	"fmt"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// MaxPageBytes is the largest page extraction reads; a larger one is
// abandoned with an error. The fetcher never keeps more than 5 MiB of a
// page, so this bounds only what reaches extraction by other ways (an
// archive written with a larger cap, a test).
const MaxPageBytes = 16 << 20

// maxOpenFormatting is the most formatting elements (<a>, <b>, <font>, …)
// a page may hold open at once before further ones are dropped.
//
// HTML's parsing algorithm keeps a list of open formatting elements, and
// every new element or misnested end tag may rebuild that list ("reconstruct
// the active formatting elements", "the adoption agency algorithm"): a page
// of a million unclosed <a> or <nobr> tags takes the parser minutes and
// gigabytes, though the nesting limit (512) of x/net/html is never reached.
// Real pages close their formatting elements: no page of the corpus holds
// more than 2 open at once. Each one open is copied into every block that
// follows, so the limit also bounds how much the tree grows.
const maxOpenFormatting = 8

// MaxElements is the most elements a page may make; a page with more is
// abandoned with an error. Its start tags count, and so do the copies of
// open formatting elements that the parser makes in each element opened
// inside them. The largest page of the corpus (a Glassdoor page of 1 MB)
// has 2,596 start tags; each element costs the parser and the extractors up
// to some kilobytes, so the limit bounds their memory (TestHugeHostilePages).
const MaxElements = 50_000

// formatting lists the formatting elements of the HTML parsing algorithm.
var formatting = map[atom.Atom]bool{
	atom.A: true, atom.B: true, atom.Big: true, atom.Code: true, atom.Em: true,
	atom.Font: true, atom.I: true, atom.Nobr: true, atom.S: true, atom.Small: true,
	atom.Strike: true, atom.Strong: true, atom.Tt: true, atom.U: true,
}

var (
	errTooLarge    = errors.New("page is too large to extract")
	errTooManyTags = errors.New("page has too many elements to extract")
)

// parse parses a page for the extractors, in time and memory bounded by
// the page's size: a page over MaxPageBytes or with more than MaxElements
// elements is refused, and start tags of formatting elements beyond
// maxOpenFormatting open at once are dropped before the page reaches the
// parser. Any other page reaches the parser byte for byte as it is.
func parse(body []byte) (*html.Node, error) {
	if len(body) > MaxPageBytes {
		return nil, fmt.Errorf("%w (%d bytes, at most %d)", errTooLarge, len(body), MaxPageBytes)
	}
	tamed, err := tame(body)
	if err != nil {
		return nil, err
	}
	return html.Parse(bytes.NewReader(tamed))
}

// tame returns body without the start tags of formatting elements that
// would be more than maxOpenFormatting open at once (body itself when it
// has none), or an error when body has more than MaxElements elements. It
// tokenizes once, in linear time, and keeps every other byte.
func tame(body []byte) ([]byte, error) {
	z := html.NewTokenizer(bytes.NewReader(body))
	var (
		out    *bytes.Buffer // nil until a tag is dropped
		kept   int           // bytes of body already copied to out, or known to be kept
		offset int           // bytes of body tokenized so far
		open   = make(map[atom.Atom]int)
		total  int // formatting elements open
		tags   int // start tags
	)
	for {
		tt := z.Next()
		if tt == html.ErrorToken { // the end of the page
			if out == nil {
				return body, nil
			}
			out.Write(body[kept:])
			return out.Bytes(), nil
		}
		raw := len(z.Raw())
		start := offset
		offset += raw
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken && tt != html.EndTagToken {
			continue
		}
		name, _ := z.TagName()
		a := atom.Lookup(name)
		if tt != html.EndTagToken {
			tags++
			if !formatting[a] {
				tags += total // the open formatting elements copied into it
			}
			if tags > MaxElements {
				return nil, fmt.Errorf("%w (more than %d)", errTooManyTags, MaxElements)
			}
		}
		if !formatting[a] {
			continue
		}
		if tt == html.EndTagToken {
			if open[a] > 0 {
				open[a]--
				total--
			}
			continue
		}
		// A start tag, or one written self-closing: "<b/>" opens a <b> as
		// "<b>" does (only void elements close themselves).
		if total < maxOpenFormatting {
			open[a]++
			total++
			continue
		}
		// Drop this start tag: copy what came before it.
		if out == nil {
			out = bytes.NewBuffer(make([]byte, 0, len(body)))
		}
		out.Write(body[kept:start])
		kept = offset
	}
}
