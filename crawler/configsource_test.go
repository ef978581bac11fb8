package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCrawlSettingsFromTheEnvironmentAndAFile: the crawl's flags come from
// a -config file and ASKEDAT_* too, but not -data: the old name of
// -crawl-dir, which in indexer and searchd names the index.
func TestCrawlSettingsFromTheEnvironmentAndAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "crawler.toml")
	os.WriteFile(file, []byte("seed = [\"https://a.example/\", \"https://b.example/\"]\nout = \"docs.jsonl\"\nmax-pages = 50\n"), 0o644)
	t.Setenv("ASKEDAT_MAX_PAGES", "70")
	t.Setenv("ASKEDAT_DATA", "/var/lib/askedat/index")
	var stderr bytes.Buffer
	cfg, err := parseFlags([]string{"-config", file}, io.Discard, &stderr)
	if err != nil {
		t.Fatalf("parseFlags: %v: %s", err, stderr.String())
	}
	if len(cfg.Seeds) != 2 || cfg.Out != "docs.jsonl" || cfg.MaxPages != 70 || cfg.CrawlDir != "" {
		t.Errorf("settings %+v; want two seeds and the out from the file, 70 pages from the environment, no crawl dir", cfg)
	}

	var stdout bytes.Buffer
	if _, err := parseFlags([]string{"-config", file, "-print-config"}, &stdout, &stderr); err == nil {
		t.Fatal("-print-config: no error, want the one that stops after printing")
	}
	if out := stdout.String(); !strings.Contains(out, "max-pages = 70") || !strings.Contains(out, "# ASKEDAT_DATA is set, but no flag of crawler reads it") {
		t.Errorf("-print-config:\n%s", out)
	}
}

// TestExtractSettingsFromTheEnvironment: crawler extract reads ASKEDAT_*
// too; what is missing is still named.
func TestExtractSettingsFromTheEnvironment(t *testing.T) {
	t.Setenv("ASKEDAT_OUT", "docs.jsonl")
	var stdout, stderr bytes.Buffer
	if code := runExtract(t.Context(), nil, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "no -archive given") || strings.Contains(stderr.String(), "no -out given") {
		t.Errorf("crawler extract with ASKEDAT_OUT = %d, stderr %q; want 2, -archive missing, -out not", code, stderr.String())
	}
}
