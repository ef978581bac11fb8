package main

// Entity tags and Cache-Control. An answer of a search route is a function
// of the index version it is answered from, the request as the route
// normalises it, and the build of searchd that answers (its code and its
// web files), so its tag is a hash of those, known before any search runs:
// a request whose If-None-Match names it is answered 304 without
// searching. The tag is weak (W/"…"): took_ms, and the time a page shows,
// differ from answer to answer, and one tag serves every content coding
// (decision 133).

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/askedat/askedat/crawler/urlnorm"
	"github.com/askedat/askedat/internal/buildinfo"
	"github.com/askedat/askedat/web"
)

// contentOf names the index version pinned to ctx (holder.pin): "" when
// none is, or its answers may change (no tag then).
func contentOf(ctx context.Context) string {
	if v, ok := ctx.Value(pinKey{}).(*version); ok {
		return v.content
	}
	return ""
}

// buildTag names the build of searchd that answers: two builds may answer
// the same request differently. A build from a commit is named by it; one
// from a tree with changes, or of unknown origin (go run, a test), also by
// its executable's size and time, so that rebuilding it changes its tags.
var buildTag = sync.OnceValue(func() string {
	bi := buildinfo.Read()
	tag := bi.Line("searchd")
	if bi.Revision == "" || bi.Modified {
		if exe, err := os.Executable(); err == nil {
			if st, err := os.Stat(exe); err == nil {
				tag += fmt.Sprintf(" %d %d", st.Size(), st.ModTime().UnixNano())
			}
		}
	}
	return tag
})

// entityTag returns the weak entity tag of the answer of route to the
// request key says (normalised by the route), from the version pinned to
// ctx, with the Access-Control-Allow-Origin it carries (allowOrigin); ""
// when no version names its content.
//
// The allowed origin is part of the tag because the header is part of the
// answer, and a browser revalidates the answer it holds for one origin's
// page on another origin's request (Chromium does, whatever Vary: Origin
// says). With one tag for both, the 304 was merged into the headers
// stored for the first origin: a page of an origin not listed was refused
// for a stale Access-Control-Allow-Origin naming another site rather than
// for its absence (seen in TestBrowserCORS). With the origin in the tag,
// each origin revalidates its own answer.
func entityTag(ctx context.Context, route, key, allowOrigin string) string {
	content := contentOf(ctx)
	if content == "" {
		return ""
	}
	h := sha256.New()
	for _, part := range []string{buildTag(), web.Version(), content, route, key, allowOrigin} {
		fmt.Fprintf(h, "%d:%s|", len(part), part) // length first: no two lists hash alike
	}
	return `W/"` + base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:15]) + `"`
}

// revalidate sets the cache headers of a successful answer of route to
// the request key says: Cache-Control, and the ETag when the version has
// one. It answers 304 Not Modified, and reports true, when the request's
// If-None-Match names that tag; the handler then writes nothing more. An
// answer that turns out an error, or partial, is made uncacheable after.
func (s *Server) revalidate(w http.ResponseWriter, r *http.Request, route, key string) bool {
	h := w.Header()
	h.Set("Cache-Control", cacheControl(s.CacheMaxAge))
	tag := entityTag(r.Context(), route, key, h.Get("Access-Control-Allow-Origin")) // set by cors, before
	if tag == "" {
		return false
	}
	h.Set("ETag", tag)
	if ifNoneMatch(r.Header.Values("If-None-Match"), tag) {
		w.WriteHeader(http.StatusNotModified)
		return true
	}
	return false
}

// uncacheable marks an answer that no cache may keep or revalidate: an
// error, or a search its budget cut short (what it found may depend on
// the load).
func uncacheable(w http.ResponseWriter) {
	w.Header().Del("ETag")
	w.Header().Set("Cache-Control", "no-store")
}

// cacheControl is the Cache-Control of a cacheable answer: with a max age
// of 0 (-cache-max-age's default), a cache may keep the answer but must
// revalidate it each time, which costs a 304 and no search (decision 134).
func cacheControl(maxAge time.Duration) string {
	if maxAge <= 0 {
		return "no-cache"
	}
	return "public, max-age=" + strconv.Itoa(int(maxAge/time.Second))
}

// ifNoneMatch reports whether the If-None-Match field values list tag,
// compared weakly (W/"x" matches "x", RFC 9110 section 13.1.2). "*" matches
// no tag here: it would mean "any answer", and the tag is checked before
// the answer is known to be no error, so such a request is simply answered.
// A list that stops parsing is read up to there.
func ifNoneMatch(fields []string, tag string) bool {
	want := strings.TrimPrefix(tag, "W/")
	for _, s := range fields {
		for {
			s = strings.TrimLeft(s, " \t,")
			t, rest, ok := scanETag(s)
			if !ok {
				break
			}
			if strings.TrimPrefix(t, "W/") == want {
				return true
			}
			s = rest
		}
	}
	return false
}

// scanETag reads one entity tag (RFC 9110's entity-tag: an optional W/,
// then a quoted string of etagc) at the start of s.
func scanETag(s string) (tag, rest string, ok bool) {
	start := 0
	if strings.HasPrefix(s, "W/") {
		start = 2
	}
	if len(s) < start+2 || s[start] != '"' {
		return "", "", false
	}
	for i := start + 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			return s[:i+1], s[i+1:], true
		case c == 0x21 || 0x23 <= c && c <= 0x7e || c >= 0x80:
		default:
			return "", "", false
		}
	}
	return "", "", false
}

// quoteKey joins the parts of a route's request as a key, each quoted, so
// that no two lists of parts make one key.
func quoteKey(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(strconv.Quote(p))
	}
	return b.String()
}

// pageKey is a page's request as its tag keys it: its parameters in a fixed
// order, without the tracking ones the page ignores. A page echoes what
// was asked (its box, its filters as given), so it is keyed by that, not
// by the search it makes.
func pageKey(v url.Values) string {
	keep := url.Values{}
	for name, vals := range v {
		if !urlnorm.IsTracking(name) {
			keep[name] = vals
		}
	}
	return keep.Encode()
}
