package main

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/askedat/askedat/internal/datadir"
)

// TestHugeCurrentPointer writes a pointer of 1 MB (and others that are not a
// version id) over a served data directory's: searchd goes on serving its
// version, and neither /readyz, the reload's answer nor the log echoes the
// pointer; what they say is bounded.
func TestHugeCurrentPointer(t *testing.T) {
	data := t.TempDir()
	dd := datadir.Dir{Path: data}
	first := makeVersion(t, data, "Amazon", 2)
	if err := dd.Switch(first); err != nil {
		t.Fatal(err)
	}
	token := "0123456789abcdef0123456789abcdef"
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte(token), 0o600); err != nil {
		t.Fatal(err)
	}
	base, logs := startSearchd(t, "-data", data, "-poll", "0", "-watch=false", "-admin-token-file", tokenFile)
	marker := "ZQXJ"
	tests := []struct {
		name, pointer string
	}{
		{"1 MB", strings.Repeat(marker, 1<<18)},
		{"201 bytes", strings.Repeat(marker, 50) + "x"},
		{"control characters", marker + "\x1b[2J"},
		{"two lines", first + "\n" + marker + "\n"},
	}
	for _, tt := range tests {
		if err := os.WriteFile(filepath.Join(data, "current"), []byte(tt.pointer), 0o644); err != nil {
			t.Fatal(err)
		}
		before := len(logs.String())
		_, _, body := postReload(t, base, token)
		b, _ := json.Marshal(body)
		if len(b) > 600 || strings.Count(string(b), marker) > 10 {
			t.Errorf("%s: reload answer of %d bytes echoes the pointer: %.300s", tt.name, len(b), b)
		}
		resp, err := http.Get(base + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		rb, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if got, want := resp.StatusCode, http.StatusOK; got != want || !strings.Contains(string(rb), first) {
			t.Errorf("%s: /readyz = %d %.300s, want 200 still serving %s", tt.name, got, rb, first)
		}
		if len(rb) > 600 || strings.Contains(string(rb), marker) {
			t.Errorf("%s: /readyz of %d bytes echoes the pointer: %.300s", tt.name, len(rb), rb)
		}
		if l := logs.String()[before:]; len(l) > 2000 || strings.Count(l, marker) > 10 {
			t.Errorf("%s: %d bytes logged, echoing the pointer: %.300s", tt.name, len(l), l)
		}
	}
}

func TestCurrentRefusesABadPointer(t *testing.T) {
	data := t.TempDir()
	dd := datadir.Dir{Path: data}
	for _, pointer := range []string{strings.Repeat("v", 1<<20), strings.Repeat("v", 201), "v\x00", "a\nb", ""} {
		if err := os.WriteFile(filepath.Join(data, "current"), []byte(pointer), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := dd.Current()
		if err == nil || !strings.Contains(err.Error(), "not a version id") || len(err.Error()) > 300 {
			t.Errorf("pointer of %d bytes: Current() = %.300v, want a short error saying it is not a version id", len(pointer), err)
		}
	}
}
