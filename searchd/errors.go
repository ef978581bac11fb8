package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/index"
)

// An httpError is an error with the status it should be answered with and
// a message fit for the user.
type httpError struct {
	Status int
	Msg    string
	Err    error // the cause, logged, never shown
	// RetryAfter, when set, is sent as the Retry-After header: how long
	// to wait before asking again.
	RetryAfter time.Duration
}

func (e *httpError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%d %s: %v", e.Status, e.Msg, e.Err)
	}
	return fmt.Sprintf("%d %s", e.Status, e.Msg)
}

func (e *httpError) Unwrap() error { return e.Err }

func badRequest(format string, args ...any) error {
	return &httpError{Status: http.StatusBadRequest, Msg: fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...any) error {
	return &httpError{Status: http.StatusNotFound, Msg: fmt.Sprintf(format, args...)}
}

// classify maps any error from a handler to an httpError: bad requests to
// 400 with their message, missing documents to 404, searches past their
// deadline to 503, anything else to 500 with a generic message.
func classify(err error) *httpError {
	var he *httpError
	if errors.As(err, &he) {
		return he
	}
	var re *askedat.RequestError
	if errors.As(err, &re) {
		return &httpError{Status: http.StatusBadRequest, Msg: re.Msg, Err: err}
	}
	if errors.Is(err, errClientBusy) {
		return &httpError{Status: http.StatusTooManyRequests, Msg: "too many of your searches are running at once; wait for them, then try again", Err: err, RetryAfter: retryAfter}
	}
	if errors.Is(err, errOverloaded) {
		return &httpError{Status: http.StatusServiceUnavailable, Msg: "the server is busy with other searches; try again in a moment", Err: err, RetryAfter: retryAfter}
	}
	if errors.Is(err, index.ErrNotFound) {
		return &httpError{Status: http.StatusNotFound, Msg: "no such experience", Err: err}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return &httpError{Status: http.StatusServiceUnavailable, Msg: "the search took too long and was stopped; try a more specific query", Err: err}
	}
	if errors.Is(err, context.Canceled) {
		return &httpError{Status: 499, Msg: "request cancelled", Err: err}
	}
	return &httpError{Status: http.StatusInternalServerError, Msg: "internal error", Err: err}
}

// apiHandler is a JSON API handler: it writes its answer, or returns an error
// for the one error boundary to answer.
type apiHandler func(w http.ResponseWriter, r *http.Request) error

// api adapts an apiHandler: errors become JSON {"error": ..., "status": N}.
func (s *Server) api(h apiHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.writeAPIError(w, r, err)
		}
	})
}

func (s *Server) writeAPIError(w http.ResponseWriter, r *http.Request, err error) {
	he := classify(err)
	s.logError(r, he)
	he.setHeaders(w)
	writeJSON(w, he.Status, map[string]any{"error": he.Msg, "status": he.Status})
}

// page adapts a page handler: errors become an HTML error page.
func (s *Server) page(h apiHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			he := classify(err)
			s.logError(r, he)
			s.renderError(w, he)
		}
	})
}

func (s *Server) renderError(w http.ResponseWriter, he *httpError) {
	title := http.StatusText(he.Status)
	if title == "" {
		title = "Error"
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	he.setHeaders(w)
	w.WriteHeader(he.Status)
	data := struct {
		Status         int
		Title, Message string
	}{he.Status, title, he.Msg}
	if err := s.UI.Render(w, "error.html", data); err != nil {
		s.Logger.Error("render error page", "err", err)
	}
}

// setHeaders sets the headers that go with the error: none of a cacheable
// answer's (an error is not stored), and Retry-After when it has one.
func (he *httpError) setHeaders(w http.ResponseWriter) {
	uncacheable(w)
	if he.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int((he.RetryAfter+time.Second-1)/time.Second)))
	}
}

// logError logs a failed request's cause: a server error at error level
// (a search past its deadline or refused for load at warn), a refused
// request at debug (the request's own record says its status).
func (s *Server) logError(r *http.Request, he *httpError) {
	ctx := r.Context()
	switch {
	case he.Status == http.StatusServiceUnavailable:
		s.Logger.WarnContext(ctx, "request failed", "id", idOf(ctx), "method", r.Method, "path", r.URL.Path, "status", he.Status, "err", he.Err)
	case he.Status >= 500:
		s.Logger.ErrorContext(ctx, "request failed", "id", idOf(ctx), "method", r.Method, "path", r.URL.Path, "status", he.Status, "err", he.Err)
	default:
		s.Logger.DebugContext(ctx, "request refused", "id", idOf(ctx), "method", r.Method, "path", r.URL.Path, "status", he.Status, "msg", he.Msg)
	}
}

// writeJSON encodes v into a buffer, then writes it with status.
// setLength declares the length of an answer written whole: then net/http
// neither chunks it nor writes a last chunk after the handler's log and
// metrics, so the answer leaves in back-to-back writes. A replica killed
// with kill -9 between two writes of one answer cuts it, and HAProxy cannot
// retry an answer it has begun to forward (the scale test's one failure in
// 184,574 requests was such a cut, HAProxy's "SD").
func setLength(w http.ResponseWriter, n int) {
	w.Header().Set("Content-Length", strconv.Itoa(n))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":"internal error","status":500}`)
	}
	b = append(b, '\n')
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	setLength(w, len(b))
	w.WriteHeader(status)
	w.Write(b)
}
