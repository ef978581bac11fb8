package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestDispatch(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string // in stdout or stderr
	}{
		{"help lists the commands", []string{"help"}, 0, "crawl "},
		{"unknown command", []string{"crawel"}, 2, `unknown command "crawel"`},
		{"flags mean crawl", []string{"-out", "x.jsonl"}, 2, "no -seed given"},
		{"crawl by name", []string{"crawl", "-out", "x.jsonl"}, 2, "no -seed given"},
		{"-h shows commands and crawl's usage", []string{"-h"}, 0, "usage: crawler -seed"},
		{"-version", []string{"-version"}, 0, " commit "},
		{"import -version", []string{"import", "-version"}, 0, "crawler import "},
		{"a bad flag is one line", []string{"-bogus"}, 2, "crawler: flag provided but not defined: -bogus; run 'crawler -help' for usage\n"},
		{"a bad flag of extract", []string{"extract", "-bogus"}, 2, "crawler extract: flag provided but not defined: -bogus; run 'crawler extract -help' for usage\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := dispatch(context.Background(), tt.args, &stdout, &stderr)
			out := stdout.String() + stderr.String()
			if code != tt.wantCode || !strings.Contains(out, tt.wantOut) {
				t.Errorf("dispatch(%q) = %d, printed %q; want %d and %q", tt.args, code, out, tt.wantCode, tt.wantOut)
			}
		})
	}
}
