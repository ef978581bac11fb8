package urlnorm

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzParse feeds the normaliser arbitrary strings, as absolute URLs and as
// links resolved against a page. It must never panic, and what it accepts
// must be an http or https URL with a host, in its one form: normalising it
// again changes nothing, and it has no fragment, user info or tracking
// parameter.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"HTTP://Example.com:80/a/./b/../c?utm_source=x&b=2&a=1#top",
		"http://[::ffff:127.0.0.1]:8080/%2e%2E/x?%zz",
		"https://user:pw@xn--bcher-kva.example./p?fbclid=1&&=&a",
		"//evil.example/x", "/\\evil.example", "javascript:alert(1)", "http://%41.com/",
		"http://example.com/" + strings.Repeat("../", 50) + "a", "http://0x7f.1/", "http://[::1",
		"ｈｔｔｐ://ｅｘａｍｐｌｅ.com/", "http://a.com/\x00\x7f\u2028?q=\u00e9#\ufffd",
	} {
		f.Add(s)
	}
	base, _ := url.Parse("http://127.0.0.1:8080/dir/page?x=1")
	f.Fuzz(func(t *testing.T, raw string) {
		check := func(how string, u *url.URL) {
			if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
				t.Fatalf("%s(%q) = %q: not an http(s) URL with a host", how, raw, u)
			}
			if u.Fragment != "" || u.User != nil {
				t.Fatalf("%s(%q) = %q: kept a fragment or user info", how, raw, u)
			}
			for name := range u.Query() {
				if IsTracking(name) {
					t.Fatalf("%s(%q) = %q: kept the tracking parameter %q", how, raw, u, name)
				}
			}
			again, err := Parse(u.String())
			if err != nil {
				t.Fatalf("%s(%q) = %q, which does not parse again: %v", how, raw, u, err)
			}
			if again.String() != u.String() {
				t.Fatalf("%s(%q) = %q, but normalising that gives %q", how, raw, u, again)
			}
		}
		if u, err := Parse(raw); err == nil {
			check("Parse", u)
		}
		// A link on a page: resolved as the extractors resolve it, then
		// normalised as the crawl does.
		if ref, err := url.Parse(strings.TrimSpace(raw)); err == nil {
			if u, err := Normalize(base.ResolveReference(ref)); err == nil {
				check("Normalize(link)", u)
			}
		}
	})
}
