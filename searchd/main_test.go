package main

import (
	"bytes"
	"context"
	"net"
	"strings"
	"testing"
	"time"
)

// TestRunUsage: a bad flag is one line with a hint, not the usage; -help
// is the usage; -version is one line on stdout.
func TestRunUsage(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string // exactly, or a prefix when it ends in "…"
		wantStdout string // a prefix
	}{
		{"a flag not defined", []string{"-bogus"}, 2, "searchd: flag provided but not defined: -bogus; run 'searchd -help' for usage\n", ""},
		{"a bad value", []string{"-index", "x", "-poll", "often"}, 2, "searchd: invalid value \"often\" for flag -poll: parse error; run 'searchd -help' for usage\n", ""},
		{"a check that fails", []string{"-index", "x", "-max-searches", "0"}, 2, "searchd: -max-searches 0: want 1 or more; run 'searchd -help' for usage\n", ""},
		{"-help", []string{"-help"}, 0, usage + "…", ""},
		{"-version", []string{"-version"}, 0, "", "searchd "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, &stdout, &stderr, nil)
			got := stderr.String()
			okStderr := got == tt.wantStderr
			if prefix, ok := strings.CutSuffix(tt.wantStderr, "…"); ok {
				okStderr = strings.HasPrefix(got, prefix) && strings.Contains(got, "-log-format")
			}
			if code != tt.wantCode || !okStderr || !strings.HasPrefix(stdout.String(), tt.wantStdout) {
				t.Errorf("run(%q) = %d, stderr %q, stdout %q; want %d, stderr %q, stdout %q…", tt.args, code, got, stdout.String(), tt.wantCode, tt.wantStderr, tt.wantStdout)
			}
		})
	}
}

// TestListenBeforeLoading: an address that cannot be listened on is the
// error, before the index is looked at (which here is not there at all).
func TestListenBeforeLoading(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	for _, tt := range []struct{ addr, want string }{
		{"bogus", "searchd: listen on bogus: "},
		{busy.Addr().String(), "address already in use"},
	} {
		var stdout, stderr bytes.Buffer
		start := time.Now()
		code := run(context.Background(), []string{"-index", "/nonexistent/idx", "-addr", tt.addr}, &stdout, &stderr, nil)
		if code != 1 || !strings.Contains(stderr.String(), tt.want) || strings.Contains(stderr.String(), "no index there") {
			t.Errorf("run(-addr %s) = %d, stderr %q; want 1 and %q (not the missing index)", tt.addr, code, stderr.String(), tt.want)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("run(-addr %s) took %v to fail", tt.addr, d)
		}
	}
}

func TestCheckAddr(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	free, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	freeAddr := free.Addr().String()
	free.Close()
	for _, tt := range []struct {
		addr     string
		wantCode int
		want     string // in stdout or stderr
	}{
		{freeAddr, 0, "searchd: " + freeAddr + " is free to listen on"},
		{busy.Addr().String(), 1, "address already in use"},
		{"bogus", 1, "listen on bogus"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"-check-addr", "-addr", tt.addr}, &stdout, &stderr, nil)
		if out := stdout.String() + stderr.String(); code != tt.wantCode || !strings.Contains(out, tt.want) {
			t.Errorf("searchd -check-addr -addr %s = %d, printed %q; want %d and %q", tt.addr, code, out, tt.wantCode, tt.want)
		}
	}
}
