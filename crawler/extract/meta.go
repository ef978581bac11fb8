package extract

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/askedat/askedat"
)

// This file reads what pages say about themselves for machines: <meta>
// tags (OpenGraph, article:*) and JSON-LD.

// metaAll returns the contents of every <meta> whose property or name is
// key ("article:tag" is repeated, one tag each), tidied, each once.
func metaAll(doc *goquery.Document, key string) []string {
	var out []string
	seen := map[string]bool{}
	doc.Find("meta").Each(func(_ int, s *goquery.Selection) {
		if !strings.EqualFold(s.AttrOr("property", ""), key) && !strings.EqualFold(s.AttrOr("name", ""), key) {
			return
		}
		v := askedat.CleanSpace(s.AttrOr("content", ""))
		if k := strings.ToLower(v); v != "" && !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
	})
	return out
}

// maxLD is the most JSON-LD a page may hold for it to be read; more is not
// metadata.
const maxLD = 1 << 20

// jsonLD returns the JSON-LD objects of the page: every object of every
// <script type="application/ld+json">, those inside arrays and "@graph"
// included. A script that is not valid JSON is passed over.
func jsonLD(doc *goquery.Document) []map[string]any {
	var out []map[string]any
	var add func(v any, depth int)
	add = func(v any, depth int) {
		if depth > 4 {
			return
		}
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				add(x, depth+1)
			}
		case map[string]any:
			out = append(out, v)
			if g, ok := v["@graph"]; ok {
				add(g, depth+1)
			}
		}
	}
	doc.Find("script").Each(func(_ int, s *goquery.Selection) {
		if !strings.EqualFold(strings.TrimSpace(s.AttrOr("type", "")), "application/ld+json") {
			return
		}
		text := s.Text()
		if len(text) > maxLD {
			return
		}
		var v any
		if json.Unmarshal([]byte(text), &v) == nil {
			add(v, 0)
		}
	})
	return out
}

// ldTypes returns the @type of a JSON-LD object, which may be one or many.
func ldTypes(o map[string]any) []string {
	switch t := o["@type"].(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// ldText returns a JSON-LD value as text: a string, the name of an object
// ({"@type": "Person", "name": …}), or the first of a list of those.
func ldText(v any) string {
	switch v := v.(type) {
	case string:
		return askedat.CleanSpace(v)
	case map[string]any:
		return ldText(v["name"])
	case []any:
		for _, x := range v {
			if s := ldText(x); s != "" {
				return s
			}
		}
	}
	return ""
}

// ldTexts returns a JSON-LD value that may be a list (keywords, about) as
// texts; a string is split at commas.
func ldTexts(v any) []string {
	switch v := v.(type) {
	case string:
		var out []string
		for _, p := range strings.Split(v, ",") {
			if p = askedat.CleanSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return out
	case []any:
		var out []string
		for _, x := range v {
			if s := ldText(x); s != "" {
				out = append(out, s)
			}
		}
		return out
	case map[string]any:
		if s := ldText(v); s != "" {
			return []string{s}
		}
	}
	return nil
}

// withoutSiteName cuts a site's name off the end of a page title: "Title -
// GeeksforGeeks", "Title | Glassdoor".
func withoutSiteName(title, site string) string {
	title = askedat.CleanSpace(title)
	for _, sep := range []string{" - ", " | ", " – ", " — ", " :: "} {
		if t, ok := strings.CutSuffix(title, sep+site); ok && t != "" {
			return strings.TrimSpace(t)
		}
		if t, ok := strings.CutSuffix(strings.ToLower(title), strings.ToLower(sep+site)); ok && t != "" {
			return strings.TrimSpace(title[:len(t)])
		}
	}
	return title
}

// wordIn reports whether text holds word as a whole word, ignoring case.
func wordIn(text, word string) bool {
	return wordIndex(text, word) >= 0
}

// wordIndex returns where the lower-case form of text holds word as a
// whole word, ignoring case, or -1.
func wordIndex(text, word string) int {
	if word == "" {
		return -1
	}
	lt, lw := strings.ToLower(text), strings.ToLower(word)
	for from := 0; ; {
		i := strings.Index(lt[from:], lw)
		if i < 0 {
			return -1
		}
		i += from
		j := i + len(lw)
		if (i == 0 || !isWordByte(lt[i-1])) && (j == len(lt) || !isWordByte(lt[j])) {
			return i
		}
		from = i + 1
	}
}

// looseDate returns a machine-readable date that may leave out leading
// zeros ("2024-3-17", "2024-03-17T11:27:59") as YYYY-MM-DD, or "".
func looseDate(s string) string {
	s = strings.TrimSpace(s)
	if v := isoDate(s); v != "" {
		return v
	}
	if i := strings.IndexAny(s, "T "); i > 0 {
		s = s[:i]
	}
	if t, err := time.Parse("2006-1-2", s); err == nil {
		return t.Format(askedat.DateLayout)
	}
	return ""
}
