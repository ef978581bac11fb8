package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/askedat/askedat/internal/datadir"
)

func postReload(t *testing.T, base, token string) (int, http.Header, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, base+"/admin/reload", nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("POST /admin/reload: body is not JSON: %v", err)
	}
	return resp.StatusCode, resp.Header, body
}

func TestAdminReload(t *testing.T) {
	data := t.TempDir()
	dd := datadir.Dir{Path: data}
	first := makeVersion(t, data, "Amazon", 2)
	if err := dd.Switch(first); err != nil {
		t.Fatal(err)
	}
	token := "0123456789abcdef0123456789abcdef"
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte(token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	// Off by default: no such route.
	off, _ := startSearchd(t, "-data", data, "-poll", "0", "-watch=false")
	if code, _, _ := postReload(t, off, token); code != http.StatusNotFound {
		t.Errorf("POST /admin/reload without -admin-token-file = %d, want 404", code)
	}

	base, _ := startSearchd(t, "-data", data, "-poll", "0", "-watch=false", "-admin-token-file", tokenFile)
	second := makeVersion(t, data, "Google", 3)
	if err := dd.Switch(second); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"", "wrong", strings.Repeat("0", len(token)), token + "x", strings.ToUpper(token)} {
		code, h, _ := postReload(t, base, bad)
		if code != http.StatusUnauthorized || !strings.HasPrefix(h.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("POST /admin/reload with token %q = %d (WWW-Authenticate %q), want 401 Bearer", bad, code, h.Get("WWW-Authenticate"))
		}
	}
	if _, r := getReadyz(t, base); r.Version != first {
		t.Errorf("after refused reloads searchd serves %s, want %s still (nothing polls or watches)", r.Version, first)
	}
	code, _, body := postReload(t, base, token)
	if code != http.StatusOK || body["version"] != second {
		t.Errorf("POST /admin/reload with the token = %d %v, want 200 and version %s", code, body, second)
	}
	if _, r := getReadyz(t, base); r.Version != second {
		t.Errorf("after the reload searchd serves %s, want %s", r.Version, second)
	}
	req, _ := http.NewRequest(http.MethodGet, base+"/admin/reload", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /admin/reload = %d, want 405", resp.StatusCode)
	}
}

func TestAdminTokenFile(t *testing.T) {
	dir := t.TempDir()
	short := filepath.Join(dir, "short")
	os.WriteFile(short, []byte("secret\n"), 0o600)
	tests := []struct {
		file, want string
	}{
		{filepath.Join(dir, "missing"), "admin token"},
		{short, "use at least 16"},
	}
	data := t.TempDir()
	if err := (datadir.Dir{Path: data}).Switch(makeVersion(t, data, "Amazon", 1)); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		code := run(context.Background(), []string{"-data", data, "-addr", "127.0.0.1:0", "-admin-token-file", tt.file}, io.Discard, &stderr, nil)
		if code != 1 || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("searchd -admin-token-file %s = %d, stderr %q; want 1 and %q", tt.file, code, stderr.String(), tt.want)
		}
	}
}
