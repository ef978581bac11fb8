package urlnorm

import (
	"net/url"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"already normal", "https://example.com/a/b", "https://example.com/a/b"},
		{"scheme and host case", "HTTPS://Example.COM/Path", "https://example.com/Path"},
		{"default http port", "http://example.com:80/a", "http://example.com/a"},
		{"default https port", "https://example.com:443/a", "https://example.com/a"},
		{"other port kept", "http://127.0.0.1:8080/a", "http://127.0.0.1:8080/a"},
		{"empty path", "http://example.com", "http://example.com/"},
		{"fragment", "http://example.com/a#comments", "http://example.com/a"},
		{"dot segments", "http://example.com/a/./b/../c", "http://example.com/a/c"},
		{"leading dot segments", "http://example.com/../a", "http://example.com/a"},
		{"percent case", "http://example.com/a%2fb%c3%a9", "http://example.com/a%2Fb%C3%A9"},
		{"unreserved decoded", "http://example.com/%7Euser/%41", "http://example.com/~user/A"},
		{"query sorted", "http://example.com/s?b=2&a=1&c=3", "http://example.com/s?a=1&b=2&c=3"},
		{"repeated keys keep order", "http://example.com/s?b=2&a=x&a=y", "http://example.com/s?a=x&a=y&b=2"},
		{"utm removed", "http://example.com/p?utm_source=tw&utm_Medium=s&id=4", "http://example.com/p?id=4"},
		{"click ids removed", "http://example.com/p?fbclid=1&gclid=2&msclkid=3", "http://example.com/p"},
		{"only tracking, empty query", "http://example.com/p?utm_campaign=x#top", "http://example.com/p"},
		{"empty query", "http://example.com/p?", "http://example.com/p"},
		{"user info removed", "http://user:pw@example.com/p", "http://example.com/p"},
		{"trailing dot host", "http://example.com./p", "http://example.com/p"},
		{"idn", "http://BÜCHER.example/", "http://xn--bcher-kva.example/"},
		{"ipv6", "http://[::1]:8080/a", "http://[::1]:8080/a"},
		{"spaces trimmed", "  http://example.com/a  ", "http://example.com/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q) error: %v", tt.in, err)
			}
			if got.String() != tt.want {
				t.Errorf("Parse(%q) = %q, want %q", tt.in, got, tt.want)
			}
			// Normalising is idempotent.
			again, err := Parse(got.String())
			if err != nil || again.String() != got.String() {
				t.Errorf("Parse(%q) = %v, %v; want it unchanged", got, again, err)
			}
		})
	}
}

func TestParseBad(t *testing.T) {
	for _, in := range []string{"ftp://example.com/x", "mailto:a@b.c", "javascript:alert(1)", "/relative", "http://", "", "HTTP:.", "http://./x"} {
		if u, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %v, want an error", in, u)
		}
	}
}

// TestLinks: a link resolved against its page, as the extractors do, and
// normalised, as the crawl does.
func TestLinks(t *testing.T) {
	base, _ := url.Parse("http://example.com/experiences/2?page=2")
	tests := []struct{ ref, want string }{
		{"/experience/acme/one#again", "http://example.com/experience/acme/one"},
		{"../x/./y", "http://example.com/x/y"},
		{"three?utm_source=list", "http://example.com/experiences/three"},
		{"?page=3", "http://example.com/experiences/2?page=3"},
		{"//Other.example:80/a", "http://other.example/a"},
		{"HTTPS://example.com/b", "https://example.com/b"},
	}
	for _, tt := range tests {
		ref, err := url.Parse(tt.ref)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Normalize(base.ResolveReference(ref))
		if err != nil {
			t.Errorf("Normalize(%s resolved against %s) error: %v", tt.ref, base, err)
			continue
		}
		if got.String() != tt.want {
			t.Errorf("Normalize(%q resolved against %s) = %q, want %q", tt.ref, base, got, tt.want)
		}
	}
	ref, _ := url.Parse("mailto:x@example.com")
	if u, err := Normalize(base.ResolveReference(ref)); err == nil {
		t.Errorf("Normalize(mailto:) = %v, want an error", u)
	}
}

func TestIsTracking(t *testing.T) {
	for name, want := range map[string]bool{"utm_source": true, "UTM_TERM": true, "fbclid": true, "id": false, "page": false, "ref": false} {
		if got := IsTracking(name); got != want {
			t.Errorf("IsTracking(%q) = %v, want %v", name, got, want)
		}
	}
}
