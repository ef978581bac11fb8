package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat/bench/internal/mix"
	"github.com/askedat/askedat/bench/internal/runner"
)

func TestParseRun(t *testing.T) {
	def := RunConfig{Engine: EngineConfig{BinDir: "bin"}, Dir: "d", Queries: "queries.txt", Runner: runner.DefaultConfig}
	with := func(f func(*RunConfig)) RunConfig {
		c := def
		c.Runner.Clients = append([]int(nil), def.Runner.Clients...)
		f(&c)
		return c
	}
	tests := []struct {
		args    []string
		want    RunConfig
		wantErr string
	}{
		{[]string{"-dir", "d"}, def, ""},
		{[]string{"-dir", "d", "-engine", "sphinx", "-clients", "1, 4", "-passes", "5", "-max-phase", "10s", "-strict", "-limit", "2", "-label", "1m"},
			with(func(c *RunConfig) {
				c.Engine.Name, c.Runner.Clients, c.Runner.Passes, c.Runner.MaxPhase, c.Strict, c.Limit, c.Label = "sphinx", []int{1, 4}, 5, 10*time.Second, true, 2, "1m"
			}), ""},
		{nil, RunConfig{}, "-dir is required"},
		{[]string{"-dir", "d", "-clients", "0"}, RunConfig{}, "-clients"},
		{[]string{"-dir", "d", "-clients", "1,x"}, RunConfig{}, "-clients"},
		{[]string{"-dir", "d", "-passes", "0"}, RunConfig{}, "-passes"},
		{[]string{"-dir", "d", "-nope"}, RunConfig{}, "not defined"},
	}
	for _, tt := range tests {
		got, err := ParseRun(tt.args, io.Discard)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseRun(%q) error = %v, want one containing %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseRun(%q) error = %v", tt.args, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseRun(%q) (-want +got):\n%s", tt.args, diff)
		}
	}
	if _, err := ParseRun([]string{"-h"}, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("ParseRun(-h) error = %v, want flag.ErrHelp", err)
	}
}

func TestMainCode(t *testing.T) {
	tests := []struct {
		args []string
		want int
	}{
		{nil, 2},
		{[]string{"help"}, 0},
		{[]string{"nope"}, 2},
		{[]string{"build", "-h"}, 0},
		{[]string{"build", "-docs", "x"}, 2},
		{[]string{"build", "-docs", "x", "-dir", "y", "-engine", "oracle"}, 2},
		{[]string{"report"}, 2},
		{[]string{"report", "/no/such/folder"}, 1},
		{[]string{"convert", "-in", "x"}, 2},
		{[]string{"convert", "-in", "/no/such/file", "-out", "/tmp/never"}, 1},
		{[]string{"build", "-docs", "x", "-dir", filepath.Join(t.TempDir(), "y"), "-engine", "lucene", "-bin", "/no/such/bin"}, 1},
	}
	for _, tt := range tests {
		if got := mainCode(context.Background(), tt.args, io.Discard, io.Discard); got != tt.want {
			t.Errorf("mainCode(%q) = %d, want %d", tt.args, got, tt.want)
		}
	}
}

func TestLimitPerClass(t *testing.T) {
	qs := mixOf("a", "b", "a", "a", "b", "c")
	var got []string
	for _, q := range limitPerClass(qs, 2) {
		got = append(got, q.Class)
	}
	if want := []string{"a", "b", "a", "b", "c"}; !cmp.Equal(want, got) {
		t.Errorf("limitPerClass(…, 2) classes = %q, want %q", got, want)
	}
}

func mixOf(classes ...string) (qs []mix.Query) {
	for _, c := range classes {
		qs = append(qs, mix.Query{Class: c})
	}
	return qs
}
