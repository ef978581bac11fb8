package main

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/rs/cors"
)

// corsOrigins is -cors-origin: the origins whose pages may read the API
// (a browser's cross-origin fetch), each as a browser sends it in Origin:
// scheme://host, and :port when it is not the scheme's default; or "*"
// for any. Repeatable, and each value a comma-separated list.
type corsOrigins []string

func (o *corsOrigins) String() string { return strings.Join(*o, ",") }

func (o *corsOrigins) Set(s string) error {
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		origin, err := parseOrigin(part)
		if err != nil {
			return err
		}
		*o = append(*o, origin)
	}
	return nil
}

// parseOrigin returns s as the Origin header of its pages spells it:
// lower case, no default port, no trailing slash. A URL with more than an
// origin (a path, a query, a user) is refused rather than cut, as it may
// mean another site than it seems to.
func parseOrigin(s string) (string, error) {
	if s == "*" {
		return s, nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("CORS origin %q: want an origin such as https://example.com (scheme, host and a port that is not the default), or *", s)
	}
	if u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return "", fmt.Errorf("CORS origin %q: an origin is a scheme, a host and a port only, as in %s://%s", s, u.Scheme, u.Host)
	}
	host, port := strings.ToLower(u.Hostname()), u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if port != "" {
		return u.Scheme + "://" + net.JoinHostPort(host, port), nil
	}
	if strings.Contains(host, ":") { // IPv6
		host = "[" + host + "]"
	}
	return u.Scheme + "://" + host, nil
}

// preflightMaxAge is how long a browser may keep a preflight's answer, in
// seconds: the allowed origins change only with a restart.
const preflightMaxAge = 600

// cors lets pages of the listed origins read the API (rs/cors, decision
// 129): the answers under /api/ say Access-Control-Allow-Origin to such a
// page's requests, and a preflight (OPTIONS with
// Access-Control-Request-Method) is answered 204 before routing, with the
// methods and headers a page may use. Without origins (the default) it is
// off: nothing is added, and OPTIONS is the router's 405. Web pages are
// not for other origins, and /admin/ never is.
func (s *Server) cors(next http.Handler) http.Handler {
	if len(s.CORSOrigins) == 0 {
		return next
	}
	c := cors.New(cors.Options{
		AllowedOrigins: s.CORSOrigins,
		AllowedMethods: []string{http.MethodGet, http.MethodHead},
		// If-None-Match to revalidate by hand, X-Request-Id to follow a
		// request through the log; the others a fetch may send anyway.
		AllowedHeaders: []string{"Accept", "Accept-Language", "Content-Type", "If-None-Match", "X-Request-Id"},
		// What a page may read of an answer besides the safelisted
		// headers: its tag, its version and id, and when to retry.
		ExposedHeaders: []string{"ETag", "X-Index-Version", "X-Request-Id", "Retry-After"},
		MaxAge:         preflightMaxAge,
	})
	api := c.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/api/") {
			next.ServeHTTP(w, r)
			return
		}
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			// Answered before routing: named for the log and the metrics.
			if ri := infoOf(r.Context()); ri != nil {
				ri.route = "preflight"
			}
		}
		api.ServeHTTP(w, r)
	})
}
