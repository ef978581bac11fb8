package main

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"net/http"
	"os"
	"strings"
)

// minAdminToken is the shortest admin token accepted: long enough that it
// cannot be guessed over the network.
const minAdminToken = 16

// readAdminToken reads the admin token from the first line of path.
func readAdminToken(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("admin token: %w", err)
	}
	tok, _, _ := strings.Cut(string(b), "\n")
	tok = strings.TrimSpace(tok)
	if len(tok) < minAdminToken {
		return "", fmt.Errorf("admin token in %s is %d characters long; use at least %d (e.g. openssl rand -hex 32)", path, len(tok), minAdminToken)
	}
	return tok, nil
}

// authorized reports whether r carries the admin token, comparing in
// constant time (over hashes, so the length is not given away either).
func (s *Server) authorized(r *http.Request) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return false
	}
	a, b := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(s.AdminToken))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// handleAdminReload handles the "POST /admin/reload" route, on only with an
// admin token: it reads the current pointer and swaps in the version it
// names, as SIGHUP does (a refused version is tried again), and answers
// with the version served and the one refused.
func (s *Server) handleAdminReload(w http.ResponseWriter, r *http.Request) error {
	if !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="searchd admin"`)
		return &httpError{Status: http.StatusUnauthorized, Msg: "give the admin token as Authorization: Bearer TOKEN"}
	}
	// After the token: a client without it learns nothing of the route.
	if err := checkParams(r.URL.Query(), false); err != nil {
		return err
	}
	if s.Reload == nil {
		return &httpError{Status: http.StatusNotImplemented, Msg: "this searchd has nothing to reload"}
	}
	// A client that goes away must not leave a good version marked refused.
	st, err := s.Reload(context.WithoutCancel(r.Context()))
	if err != nil {
		return err
	}
	s.Logger.WarnContext(r.Context(), "admin reload", "id", idOf(r.Context()), "version", st.Version, "refused", st.Refused)
	body := map[string]any{"status": "reloaded", "version": st.Version, "documents": st.Documents}
	if st.Refused != "" {
		body["refused"] = map[string]string{"version": st.Refused, "error": st.RefusedError}
	}
	writeJSON(w, http.StatusOK, body)
	return nil
}
