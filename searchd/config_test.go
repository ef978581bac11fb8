package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/askedat/askedat/internal/datadir"
)

// freeAddr returns a loopback address nothing listens on now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// oneVersion is a data directory whose current version has n posts.
func oneVersion(t *testing.T, n int) string {
	t.Helper()
	data := t.TempDir()
	if err := (datadir.Dir{Path: data}).Switch(makeVersion(t, data, "Alpha", n)); err != nil {
		t.Fatal(err)
	}
	return data
}

// TestAddrFromTheEnvironment: ASKEDAT_ADDR=127.0.0.1:PORT searchd -data …
// serves there.
func TestAddrFromTheEnvironment(t *testing.T) {
	data, addr := oneVersion(t, 2), freeAddr(t)
	t.Setenv("ASKEDAT_ADDR", addr)
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan string, 1), make(chan int, 1)
	var stderr syncBuffer
	go func() { done <- run(ctx, []string{"-data", data}, io.Discard, &stderr, ready) }()
	defer func() { cancel(); <-done }()
	select {
	case got := <-ready:
		if got != addr {
			t.Errorf("searchd listens on %s, want ASKEDAT_ADDR's %s", got, addr)
		}
	case code := <-done:
		t.Fatalf("searchd exited %d: %s", code, stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatal("searchd did not start")
	}
	resp, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /readyz at %s = %d", addr, resp.StatusCode)
	}
}

// TestSearchdPrintConfig: searchd -print-config prints each setting with where it
// came from, a flag over the environment over the file over the default,
// and exits 0 without serving.
func TestSearchdPrintConfig(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "searchd.toml")
	os.WriteFile(file, []byte(`
data = "/srv/index"
addr = "0.0.0.0:8080"
max-searches = 8
cache-max-age = "30s"
cors-origin = ["https://a.example", "https://b.example"]
log-format = "json"
`), 0o644)
	t.Setenv("ASKEDAT_MAX_SEARCHES", "12")
	t.Setenv("ASKEDAT_LOG_LEVEL", "debug")
	t.Setenv("ASKEDAT_PUBLISH", "nats://x:4222") // the indexer's: not read
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-config", file, "-print-config", "-addr", "127.0.0.1:9999"}, &stdout, &stderr, nil)
	if code != 0 {
		t.Fatalf("searchd -print-config = %d: %s", code, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{
		`addr = "127.0.0.1:9999"`, "# flag -addr",
		`data = "/srv/index"`, "# file " + file,
		"max-searches = 12", "# env ASKEDAT_MAX_SEARCHES",
		`cache-max-age = "30s"`,
		`cors-origin = "https://a.example,https://b.example"`,
		`log-level = "debug"`, "# env ASKEDAT_LOG_LEVEL",
		`log-format = "json"`,
		`poll = "5s"`, "# default",
		"# ASKEDAT_PUBLISH is set, but no flag of searchd reads it",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("-print-config lacks %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(line, "#") && !strings.Contains(line, "  # ") {
			t.Errorf("line %q names no source", line)
		}
	}
	if strings.Contains(out, "searchd: serving") {
		t.Errorf("-print-config served")
	}
}

// TestSearchdConfigErrors: what is wrong in the file, the environment or
// the result is exit 2 and one line naming its source.
func TestSearchdConfigErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(text), 0o644)
		return p
	}
	typo := write("typo.toml", "data = \"/srv\"\nmax-serches = 3\n")
	bad := write("bad.toml", "data = \"/srv\"\ncache-max-age = 30\n")
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"an unknown key", []string{"-config", typo},
			nil, `searchd: config file ` + typo + `: unknown setting "max-serches": searchd has no flag -max-serches (did you mean max-searches?); run 'searchd -help' for usage`},
		{"a duration as a number", []string{"-config", bad},
			nil, `searchd: config file ` + bad + `: cache-max-age: "30": invalid value for -cache-max-age: parse error (want a duration such as 30s, 5m or 1h); run 'searchd -help' for usage`},
		{"an environment value that does not parse", []string{"-data", "x"},
			map[string]string{"ASKEDAT_MAX_SEARCHES": "lots"}, `searchd: environment ASKEDAT_MAX_SEARCHES="lots": invalid value for -max-searches: parse error (want a whole number); run 'searchd -help' for usage`},
		{"a bad origin from the environment", []string{"-data", "x"},
			map[string]string{"ASKEDAT_CORS_ORIGIN": "example.com"}, `searchd: environment ASKEDAT_CORS_ORIGIN="example.com": invalid value for -cors-origin: CORS origin "example.com": want an origin`},
		{"a missing file", []string{"-config", filepath.Join(dir, "none.toml")},
			nil, "searchd: config file: open " + filepath.Join(dir, "none.toml") + ": no such file or directory"},
		{"a fraction of a second", []string{"-data", "x", "-cache-max-age", "1500ms"},
			nil, "searchd: -cache-max-age 1.5s: want 0 or more whole seconds (Cache-Control counts seconds); run 'searchd -help' for usage"},
		{"a negative max age", []string{"-data", "x", "-cache-max-age", "-1s"},
			nil, "searchd: -cache-max-age -1s: want 0 or more whole seconds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, &stdout, &stderr, nil)
			if code != 2 || !strings.HasPrefix(stderr.String(), tt.want) || strings.Count(stderr.String(), "\n") != 1 {
				t.Errorf("run(%q) = %d, stderr %q; want 2 and one line %q", tt.args, code, stderr.String(), tt.want)
			}
		})
	}
}

// TestDeployConfig: deploy/searchd.toml, with the -follow its unit adds,
// is a configuration searchd accepts, and sets what the unit used to give
// as flags.
func TestDeployConfig(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-config", "../deploy/searchd.toml", "-follow", "nats://nats1:4222", "-print-config"}, &stdout, &stderr, nil)
	if code != 0 {
		t.Fatalf("searchd -config deploy/searchd.toml -print-config = %d: %s", code, stderr.String())
	}
	for _, want := range []string{`data = "/var/lib/askedat/index"`, `addr = "0.0.0.0:8080"`, "max-searches = 16", "max-searches-per-client = 16",
		"follow-keep = 2", `log-format = "json"`, `follow = "nats://nats1:4222"`} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("deploy/searchd.toml: -print-config lacks %q:\n%s", want, stdout.String())
		}
	}
}
