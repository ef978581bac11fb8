package main

import (
	"encoding/json"
	"html"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/askedat/askedat/web"
)

// TestMalformedAndUnknownParameters sends, to a real server on loopback,
// query strings that Go's url parsing would silently drop a part of, and
// unknown parameters on routes that read none: each is a 400 naming the bad
// part, never an answer wider than asked.
func TestMalformedAndUnknownParameters(t *testing.T) {
	ts := serveTest(t, &Server{Index: newTestIndex(t), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), AdminToken: "0123456789abcdef0123456789abcdef"})
	tests := []struct {
		method, path string
		wantCode     int
		wantMsg      string
	}{
		{"GET", "/api/search?company=%zz", 400, `query part "company=%zz": invalid percent-encoding`},
		{"GET", "/api/search?q=cache&size=5;x=1", 400, `query part "size=5;x=1": ";" is not a separator`},
		{"GET", "/api/search?%zz=1", 400, "invalid percent-encoding"},
		{"GET", "/api/search?q=" + strings.Repeat("a", 200) + "%z", 400, `…: invalid percent-encoding`},
		{"GET", "/api/suggest?field=company&prefix=%g0", 400, "invalid percent-encoding"},
		{"GET", "/api/questions/c1?x=1", 400, `unknown parameter "x": this address takes no parameters`},
		{"GET", "/api/questions/c1?size=5;", 400, `";" is not a separator`},
		{"GET", "/api/experiences/e1?fields=all", 400, `unknown parameter "fields"`},
		{"GET", "/api/experiences/e1?utm_source=x", 400, `unknown parameter "utm_source"`}, // the API takes no tracking
		{"GET", "/api/experiences/e1?a=%", 400, "invalid percent-encoding"},
		{"GET", "/healthz?x", 400, `unknown parameter "x"`},
		{"GET", "/readyz?verbose=1", 400, `unknown parameter "verbose"`},
		{"GET", "/metrics?name[]=x", 400, `unknown parameter "name[]"`},
		{"POST", "/admin/reload?force=1", 400, `unknown parameter "force"`},
		{"GET", "/search?company=%zz", 400, "invalid percent-encoding"},
		{"GET", "/search?compnay=Amazon", 400, `unknown parameter "compnay"`},
		{"GET", "/api/search?" + strings.Repeat("n", 10000) + "=1", 400, `unknown parameter "nnnn`},
		{"GET", "/api/suggest?" + strings.Repeat("n", 10000) + "=1", 400, `unknown parameter "nnnn`},
		{"GET", "/?compnay=Amazon", 400, `unknown parameter "compnay"`},
		{"GET", "/experiences/e1?x=1", 400, `unknown parameter "x"`},
		{"GET", "/static/app.css?x=%zz", 400, "invalid percent-encoding"},
		// What still works.
		{"GET", "/api/search?q=cache&company=Amazon", 200, ""},
		{"GET", "/api/search?q=a%3Bb", 200, ""}, // an escaped ; in a value
		{"GET", "/api/experiences/e1", 200, ""},
		{"GET", "/search?q=cache&utm_source=newsletter&fbclid=abc", 200, ""}, // tracking on a shared link
		{"GET", "/?utm_campaign=x", 200, ""},
		{"GET", "/experiences/e1?utm_medium=mail", 200, ""},
		{"GET", "/healthz", 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, ts.URL+tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tt.method == "POST" {
				req.Header.Set("Authorization", "Bearer 0123456789abcdef0123456789abcdef")
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if got, want := resp.StatusCode, tt.wantCode; got != want {
				t.Errorf("%s %s = %d, want %d\n%s", tt.method, tt.path, got, want, body)
			}
			msg := html.UnescapeString(string(body))
			if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
				var e struct{ Error string }
				json.Unmarshal(body, &e)
				msg = e.Error
			}
			if tt.wantMsg != "" && !strings.Contains(msg, tt.wantMsg) {
				t.Errorf("%s %s: message %q, want it to contain %q", tt.method, tt.path, msg, tt.wantMsg)
			}
			if len(msg) > 2000 && tt.wantCode == 400 {
				t.Errorf("%s %s: message of %d bytes", tt.method, tt.path, len(msg))
			}
		})
	}
}

// TestStaticServesNoFolder asks for the static folder and folders under it:
// each is a 404, never a listing; the files are still served.
func TestStaticServesNoFolder(t *testing.T) {
	ts := newTestServer(t)
	v := "v-" + web.Version()
	tests := []struct {
		path     string
		wantCode int
	}{
		{"/static/", 404},
		{"/static/" + v + "/", 404},
		{"/static/v-old/", 404},
		{"/static/app.css/", 404},
		{"/static/" + v + "/app.css/", 404},
		{"/static/nothing.css", 404},
		{"/static/.", 404},
		{"/static/app.css", 200},
		{"/static/" + v + "/app.js", 200},
		{"/static/v-old/dom.js", 200},
	}
	for _, tt := range tests {
		code, h, body := get(t, ts, tt.path)
		if code != tt.wantCode {
			t.Errorf("GET %s = %d, want %d", tt.path, code, tt.wantCode)
		}
		if strings.Contains(string(body), `<a href="app.css">`) || strings.Contains(string(body), "<pre>") {
			t.Errorf("GET %s lists a folder:\n%.300s", tt.path, body)
		}
		if h.Get("Location") != "" {
			t.Errorf("GET %s redirects to %s", tt.path, h.Get("Location"))
		}
	}
}

// TestAdminParametersAfterTheToken: without the token an unknown parameter
// is a 401 like any other request; with it, a 400.
func TestAdminParametersAfterTheToken(t *testing.T) {
	token := "0123456789abcdef0123456789abcdef"
	ts := serveTest(t, &Server{Index: newTestIndex(t), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), AdminToken: token})
	for _, tt := range []struct {
		token    string
		wantCode int
	}{{"", 401}, {"wrong", 401}, {token, 400}} {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/admin/reload?force=1", nil)
		if tt.token != "" {
			req.Header.Set("Authorization", "Bearer "+tt.token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.StatusCode; got != tt.wantCode {
			t.Errorf("POST /admin/reload?force=1 with token %q = %d, want %d", tt.token, got, tt.wantCode)
		}
	}
}
