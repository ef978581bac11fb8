package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/internal/sample"

	"github.com/google/go-cmp/cmp"
)

func TestParseFlags(t *testing.T) {
	def := Config{Site: sample.Config{Posts: 500, Seed: 1, PerListing: 20}, Addr: "127.0.0.1:0", Base: defaultBase}
	with := func(f func(*Config)) Config {
		c := def
		f(&c)
		return c
	}
	tests := []struct {
		args    []string
		want    Config
		wantErr string
	}{
		{nil, def, ""},
		{[]string{"-posts", "80000", "-seed", "42"}, with(func(c *Config) { c.Site.Posts, c.Site.Seed = 80000, 42 }), ""},
		{[]string{"-addr", "127.0.0.1:8089", "-truth", "t.jsonl", "-faults"}, with(func(c *Config) { c.Addr, c.Truth, c.Site.Faults = "127.0.0.1:8089", "t.jsonl", true }), ""},
		{[]string{"-per-listing=5", "-public", "-addr", ":8080"}, with(func(c *Config) { c.Site.PerListing, c.Public, c.Addr = 5, true, ":8080" }), ""},
		{[]string{"-docs", "c.jsonl", "-posts", "8000"}, with(func(c *Config) { c.Docs, c.Site.Posts = "c.jsonl", 8000 }), ""},
		{[]string{"-docs", "c.jsonl", "-base", "http://x.test"}, with(func(c *Config) { c.Docs, c.Base = "c.jsonl", "http://x.test" }), ""},
		{[]string{"-base", "x.test"}, Config{}, "-base"},
		{[]string{"-base", "ftp://x.test"}, Config{}, "-base"},
		{[]string{"-posts", "0"}, Config{}, "-posts 0"},
		{[]string{"-per-listing", "-1"}, Config{}, "-per-listing -1"},
		{[]string{"-posts", "x"}, Config{}, "invalid value"},
		{[]string{"-nope"}, Config{}, "not defined"},
		{[]string{"extra"}, Config{}, "unexpected argument"},
	}
	for _, tt := range tests {
		got, err := parseFlags("sitegen", tt.args, io.Discard, io.Discard)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseFlags(%q) error = %v, want one containing %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseFlags(%q) error = %v, want nil", tt.args, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("parseFlags(%q) (-want +got):\n%s", tt.args, diff)
		}
	}
	if _, err := parseFlags("sitegen", []string{"-h"}, io.Discard, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("parseFlags(-h) error = %v, want flag.ErrHelp", err)
	}
}

func TestCheckAddr(t *testing.T) {
	tests := []struct {
		addr    string
		public  bool
		wantErr bool
	}{
		{"127.0.0.1:0", false, false},
		{"127.0.0.2:8080", false, false},
		{"[::1]:0", false, false},
		{"localhost:8080", false, false},
		{"0.0.0.0:8080", false, true},
		{":8080", false, true},
		{"192.168.1.5:80", false, true},
		{"example.com:80", false, true},
		{"0.0.0.0:8080", true, false},
		{"nonsense", false, true},
	}
	for _, tt := range tests {
		err := checkAddr(tt.addr, tt.public)
		if (err != nil) != tt.wantErr {
			t.Errorf("checkAddr(%q, %v) = %v, want error %v", tt.addr, tt.public, err, tt.wantErr)
		}
		if err != nil && tt.addr != "nonsense" && !strings.Contains(err.Error(), "-public") {
			t.Errorf("checkAddr(%q, %v) = %v, want it to mention -public", tt.addr, tt.public, err)
		}
	}
}

func TestRunRefusesPublicAddress(t *testing.T) {
	cfg := Config{Site: sample.Config{Posts: 5}, Addr: "0.0.0.0:0"}
	err := run(context.Background(), cfg, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "-public") {
		t.Errorf("run(%+v) = %v, want an error that mentions -public", cfg, err)
	}
}

func TestMainCode(t *testing.T) {
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"-h"}, 0},
		{[]string{"-posts", "x"}, 2},
		{[]string{"-addr", "0.0.0.0:0"}, 1},
	}
	for _, tt := range tests {
		if got := mainCode(context.Background(), tt.args, io.Discard, io.Discard); got != tt.want {
			t.Errorf("mainCode(%q) = %d, want %d", tt.args, got, tt.want)
		}
	}
}

// TestBadFlagIsOneLine: a bad flag or value is one line with a hint and
// exit code 2; -help prints the whole usage, -version one line on stdout.
func TestBadFlagIsOneLine(t *testing.T) {
	tests := []struct {
		args                   []string
		wantCode               int
		wantStderr, wantStdout string // exactly; "usage" is the usage
	}{
		{[]string{"-bogus"}, 2, "sitegen: flag provided but not defined: -bogus; run 'sitegen -help' for usage\n", ""},
		{[]string{"-posts", "0"}, 2, "sitegen: -posts 0: want 1 or more; run 'sitegen -help' for usage\n", ""},
		{[]string{"-help"}, 0, "usage", ""},
		{[]string{"-version"}, 0, "", "sitegen "},
	}
	for _, tt := range tests {
		var stdout, stderr strings.Builder
		code := mainCode(context.Background(), tt.args, &stdout, &stderr)
		want := tt.wantStderr
		if want == "usage" {
			want = usage
		}
		if code != tt.wantCode || stderr.String() != want || !strings.HasPrefix(stdout.String(), tt.wantStdout) {
			t.Errorf("mainCode(%q) = %d, stderr %q, stdout %q; want %d, %q, %q…", tt.args, code, stderr.String(), stdout.String(), tt.wantCode, want, tt.wantStdout)
		}
	}
}

// TestRun serves a small site, reads the line that tells its address,
// fetches a page, checks the ground truth file and stops the server.
func TestRun(t *testing.T) {
	truth := filepath.Join(t.TempDir(), "truth.jsonl")
	cfg := Config{Site: sample.Config{Posts: 30, Seed: 3, PerListing: 20}, Addr: "127.0.0.1:0", Truth: truth}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- run(ctx, cfg, pw); pw.Close() }()

	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the first line: %v", err)
	}
	go io.Copy(io.Discard, pr)
	base, ok := strings.CutPrefix(strings.TrimSpace(line), "sitegen: serving 30 posts at ")
	if !ok || !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("first line = %q, want \"sitegen: serving 30 posts at http://127.0.0.1:PORT\"", line)
	}
	resp, err := http.Get(base + "/robots.txt")
	if err != nil {
		t.Fatalf("GET robots.txt: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET robots.txt = %d, want 200", resp.StatusCode)
	}

	got, err := askedat.ReadFile(truth)
	if err != nil {
		t.Fatalf("truth: %v", err)
	}
	want := sample.NewSite(cfg.Site).Experiences(base)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("truth file (-want +got):\n%s", diff)
	}

	cancel()
	if err := <-done; err != nil {
		t.Errorf("run after cancel = %v, want nil", err)
	}
}

// TestRunDocs writes a corpus with -docs: the experiences of the site under
// -base, one a line, and no server.
func TestRunDocs(t *testing.T) {
	docs := filepath.Join(t.TempDir(), "docs.jsonl")
	cfg := Config{Site: sample.Config{Posts: 40, Seed: 5, PerListing: 20}, Addr: "0.0.0.0:0", Docs: docs, Base: defaultBase}
	var out strings.Builder
	if err := run(context.Background(), cfg, &out); err != nil {
		t.Fatalf("run(%+v) = %v, want nil (no address is used with -docs)", cfg, err)
	}
	if !strings.HasPrefix(out.String(), "sitegen: wrote 40 posts, ") {
		t.Errorf("run printed %q, want \"sitegen: wrote 40 posts, …\"", out.String())
	}
	got, err := askedat.ReadFile(docs)
	if err != nil {
		t.Fatalf("docs: %v", err)
	}
	want := sample.NewSite(cfg.Site).Experiences(defaultBase)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("docs file (-want +got):\n%s", diff)
	}
}
