// Package urlnorm puts URLs in one form, so that one page reached by
// several spellings of its address is fetched, archived and stored once.
//
// Parsing and the standard part of canonicalisation come from
// github.com/nlnwa/whatwg-url (the URL parser of the National Library of
// Norway's crawler, which resolves links the way browsers do): scheme and
// host in lower case (IDNA for international names), the default port
// dropped, dot segments resolved, user info and the fragment removed, query
// parameters sorted by name. This package adds what a crawl of article
// sites needs on top: tracking parameters (utm_*, fbclid, gclid, …)
// removed, percent-escapes of unreserved characters decoded and the others
// in upper case (RFC 3986, 6.2.2), and an empty query or path made one
// spelling.
//
//	u, err := urlnorm.Parse("HTTP://Example.com:80/a/./b/../c?utm_source=x&b=2&a=1#top")
//	// u.String() == "http://example.com/a/c?a=1&b=2"
package urlnorm

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/nlnwa/whatwg-url/canonicalizer"
	wurl "github.com/nlnwa/whatwg-url/url"
)

// canon is the profile every URL goes through.
var canon = canonicalizer.New(
	canonicalizer.WithRemoveUserInfo(),
	canonicalizer.WithRemoveFragment(),
	canonicalizer.WithSortQuery(canonicalizer.SortKeys),
)

// trackingPrefixes are query parameter name prefixes that only tell a site
// where a visitor came from; trackingNames are whole names of that kind.
// Neither changes the page served.
var (
	trackingPrefixes = []string{"utm_"}
	trackingNames    = map[string]bool{
		"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
		"msclkid": true, "yclid": true, "igshid": true, "mc_cid": true, "mc_eid": true,
		"_ga": true, "_gl": true, "_hsenc": true, "_hsmi": true, "mkt_tok": true,
	}
)

// IsTracking reports whether a query parameter name is a tracking one,
// removed by normalisation.
func IsTracking(name string) bool {
	n := strings.ToLower(name)
	if trackingNames[n] {
		return true
	}
	for _, p := range trackingPrefixes {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	return false
}

// Parse parses an absolute URL and returns it normalised. Only http and
// https URLs are accepted.
func Parse(raw string) (*url.URL, error) {
	u, err := canon.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("parse url %q: %w", raw, err)
	}
	return settle(raw, u)
}

// settle finishes w and normalises the result again until it no longer
// changes: a step of finish can make a form the parser reads otherwise (a
// host "0.." trimmed to "0." is the address 0.0.0.0), and one form must
// stay one form. A URL that has not settled after a few rounds is refused.
func settle(raw string, w *wurl.Url) (*url.URL, error) {
	u, err := finish(raw, w)
	for range 3 {
		if err != nil {
			return nil, err
		}
		again, perr := canon.Parse(u.String())
		if perr != nil {
			return nil, fmt.Errorf("url %q: normalised form %q does not parse: %w", raw, u, perr)
		}
		var v *url.URL
		if v, err = finish(raw, again); err == nil && v.String() == u.String() {
			return u, nil
		}
		u = v
	}
	if err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("url %q has no stable normal form", raw)
}

// Normalize returns u normalised.
func Normalize(u *url.URL) (*url.URL, error) { return Parse(u.String()) }

// String returns the normalised form of raw, or raw itself when it does
// not parse: a key for sets of URLs.
func String(raw string) string {
	u, err := Parse(raw)
	if err != nil {
		return raw
	}
	return u.String()
}

func finish(raw string, w *wurl.Url) (*url.URL, error) {
	switch w.Scheme() {
	case "http", "https":
	default:
		return nil, fmt.Errorf("url %q: scheme %q is not http or https", raw, w.Scheme())
	}
	if w.Search() != "" {
		params := w.SearchParams()
		var drop []string
		params.Iterate(func(p *wurl.NameValuePair) {
			if IsTracking(p.Name) {
				drop = append(drop, p.Name)
			}
		})
		for _, name := range drop {
			params.Delete(name)
		}
	}
	host := strings.TrimSuffix(w.Hostname(), ".")
	if host == "" {
		return nil, fmt.Errorf("url %q has no host", raw)
	}
	if p := w.Port(); p != "" {
		host += ":" + p
	}
	path := escapes(w.Pathname())
	if path == "" {
		path = "/"
	}
	s := w.Protocol() + "//" + host + path
	if q := escapes(strings.TrimPrefix(w.Search(), "?")); q != "" {
		s += "?" + q
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("url %q: normalised form %q: %w", raw, s, err)
	}
	return u, nil
}

// escapes rewrites the percent-escapes of s: an escaped unreserved
// character (a letter, digit, "-", ".", "_" or "~") is decoded, the hex
// digits of any other escape are put in upper case.
func escapes(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '%' || i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
			b.WriteByte(s[i])
			continue
		}
		c := unhex(s[i+1])<<4 | unhex(s[i+2])
		if unreserved(c) {
			b.WriteByte(c)
		} else {
			b.WriteByte('%')
			b.WriteString(strings.ToUpper(s[i+1 : i+3]))
		}
		i += 2
	}
	return b.String()
}

func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
