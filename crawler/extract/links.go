package extract

import (
	"net/url"
	"regexp"
	"strings"
)

// This file reads the links of a question: which addresses lead to a page
// (not an image or a script), and the title a linked question takes from its
// link when its text is only the address.

var (
	// plainURLRE is an address written out in text.
	plainURLRE = regexp.MustCompile(`https?://[^\s<>"“”]+`)

	// hostRE is a host name (and port) a link may point to.
	hostRE = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$`)
)

// linkOnly reports whether the line b is one link and nothing else.
func linkOnly(b block) bool {
	return len(b.links) == 1 && strings.TrimSpace(b.links[0].text) == strings.TrimSpace(b.text) && !isImage(b.links[0].href)
}

// pageLink returns the absolute address of a link to a page (not an image
// or a script), or "".
func pageLink(href string, base *url.URL) string {
	ref, err := url.Parse(strings.TrimSpace(href))
	if err != nil || isImage(href) {
		return ""
	}
	u := base.ResolveReference(ref)
	if u.Scheme != "http" && u.Scheme != "https" || !hostRE.MatchString(u.Host) {
		return ""
	}
	return u.String()
}

func isImage(href string) bool {
	lower := strings.ToLower(href)
	if i := strings.IndexAny(lower, "?#"); i >= 0 {
		lower = lower[:i]
	}
	for _, ext := range []string{".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp"} {
		if strings.HasSuffix(lower, ext) {
			return true
		}
	}
	return false
}

func looksLikeURL(s string) bool {
	return !strings.ContainsAny(strings.TrimSpace(s), " \t") && (strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "www."))
}

// slugWords are path segments that name a kind of page, not the question
// on it ("…/question?id=56…", "…/problems/").
var slugWords = map[string]bool{"problem": true, "problems": true, "question": true, "questions": true, "view": true,
	"show": true, "index": true, "post": true, "posts": true, "p": true, "q": true, "t": true, "discuss": true, "page": true}

// slugTitle names a linked question by its link: the text of the link when
// it is words, else the last words of its path ("…/find-number-of-islands/"
// gives "Find number of islands"), else what the link is
// ("careercup.com question" for "…/question?id=56…").
func slugTitle(u, text string) string {
	if text != "" && !looksLikeURL(text) {
		return text
	}
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	segs := strings.Split(strings.Trim(p.Path, "/"), "/")
	for i := len(segs) - 1; i >= 0; i-- {
		s := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(segs[i], ".html"), ".htm"), ".php")
		if s == "" || strings.Trim(s, "0123456789") == "" || slugWords[strings.ToLower(s)] {
			continue
		}
		s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' || r == '+' }), " ")
		if s != "" {
			return upperFirst(s)
		}
	}
	if host := strings.TrimPrefix(strings.ToLower(p.Hostname()), "www."); host != "" {
		return host + " question"
	}
	return u
}
