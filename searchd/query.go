package main

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/askedat/askedat/crawler/urlnorm"
)

// maxQuotedPart bounds how much of a bad query part an error quotes: the
// message names the part, it does not echo a megabyte of it.
const maxQuotedPart = 64

// checkQuery refuses, with a 400 naming the bad part, a request whose query
// string is not well formed. Go's url.URL.Query drops such pairs silently:
// company=%zz (invalid percent-encoding) or size=5;x=1 (";" is no separator
// since Go 1.17) would be searched as if the filter or size were not there,
// a wider answer that looks right. Every route goes through it.
func (s *Server) checkQuery(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := queryError(r.URL.RawQuery); err != nil {
			s.writeError(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// queryError returns a 400 for the first malformed part of a raw query, or
// nil when url.ParseQuery reads all of it.
func queryError(raw string) error {
	if _, err := url.ParseQuery(raw); err == nil {
		return nil
	}
	for _, part := range strings.Split(raw, "&") {
		if strings.Contains(part, ";") {
			return badRequest("query part %s: \";\" is not a separator of parameters; use \"&\" (or %%3B in a value)", quotePart(part))
		}
		name, val, _ := strings.Cut(part, "=")
		if _, err := url.QueryUnescape(name); err != nil {
			return badRequest("query part %s: invalid percent-encoding (%% must be followed by two hex digits; %%25 is a %%)", quotePart(part))
		}
		if _, err := url.QueryUnescape(val); err != nil {
			return badRequest("query part %s: invalid percent-encoding (%% must be followed by two hex digits; %%25 is a %%)", quotePart(part))
		}
	}
	return badRequest("the query string is malformed")
}

// quotePart quotes at most maxQuotedPart bytes of a query part, with "…"
// after the quote when it is cut.
func quotePart(p string) string {
	if len(p) <= maxQuotedPart {
		return strconv.Quote(p)
	}
	cut := maxQuotedPart
	for cut > 0 && !utf8.RuneStart(p[cut]) {
		cut--
	}
	return strconv.Quote(p[:cut]) + "…"
}

// allowParams makes h refuse, with a 400, a request with a query parameter
// not in names (a typo such as sizee=5 is an error, not silently ignored),
// or one given twice. With tracking, tracking parameters (utm_*, fbclid, …:
// urlnorm.IsTracking) are ignored: the web pages are shared as links, which
// other sites and mail tools decorate with them (decisions 9 and 110).
func allowParams(tracking bool, names ...string) func(apiHandler) apiHandler {
	return func(h apiHandler) apiHandler {
		return func(w http.ResponseWriter, r *http.Request) error {
			if err := checkParams(r.URL.Query(), tracking, names...); err != nil {
				return err
			}
			return h(w, r)
		}
	}
}

// noParams is allowParams(false) for a handler that is not an apiHandler.
func (s *Server) noParams(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := checkParams(r.URL.Query(), false); err != nil {
			s.writeError(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// checkParams is allowParams' check of the parameters v.
func checkParams(v url.Values, tracking bool, names ...string) error {
	for name, vals := range v {
		known := false
		for _, n := range names {
			known = known || n == name
		}
		switch {
		case !known && tracking && urlnorm.IsTracking(name):
		case !known && len(names) == 0:
			return badRequest("unknown parameter %s: this address takes no parameters", quotePart(name))
		case !known:
			return badRequest("unknown parameter %s: use %s", quotePart(name), strings.Join(names, ", "))
		case len(vals) > 1:
			return badRequest("parameter %q is given %d times; give it once", name, len(vals))
		}
	}
	return nil
}
