package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestJobSettingsFromTheEnvironmentAndAFile: a command's flags come from
// ASKEDAT_* and a -config file too, a flag first, then the environment,
// then the file; -print-config says which.
func TestJobSettingsFromTheEnvironmentAndAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "indexer.toml")
	os.WriteFile(file, []byte("data = \"/from/file\"\nkeep = 5\nmin-ratio = 0.8\ndocs = [\"a.jsonl\", \"b.jsonl\"]\n"), 0o644)
	t.Setenv("ASKEDAT_KEEP", "3")
	t.Setenv("ASKEDAT_LOG_FORMAT", "json")
	var stdout, stderr bytes.Buffer
	cfg, code, ok := parseJobFlags("reindex", []string{"-config", file, "-min-ratio", "0.6"}, &stdout, &stderr)
	if !ok || code != 0 {
		t.Fatalf("parseJobFlags = %d: %s", code, stderr.String())
	}
	if cfg.Data != "/from/file" || cfg.Keep != 3 || cfg.MinRatio != 0.6 || cfg.Log.Format != "json" || strings.Join(cfg.Docs, ",") != "a.jsonl,b.jsonl" {
		t.Errorf("settings %+v; want data from the file, keep 3 and json from the environment, min-ratio 0.6 from the flag, both docs", cfg)
	}

	stdout.Reset()
	_, code, ok = parseJobFlags("reindex", []string{"-config", file, "-print-config"}, &stdout, &stderr)
	if ok || code != 0 {
		t.Fatalf("-print-config = %d, %v: %s", code, ok, stderr.String())
	}
	for _, want := range []string{"keep = 3", "# env ASKEDAT_KEEP", `data = "/from/file"`, "# file " + file, "min-ratio = 0.8"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("-print-config lacks %q:\n%s", want, stdout.String())
		}
	}
}

// TestVerifyVersionIsNoSetting: verify's -version ID is read from the
// command line alone, so ASKEDAT_VERSION cannot pick what is checked.
func TestVerifyVersionIsNoSetting(t *testing.T) {
	t.Setenv("ASKEDAT_VERSION", "20240101T000000.000Z-000001")
	t.Setenv("ASKEDAT_DATA", "/srv/index")
	var stdout, stderr bytes.Buffer
	cfg, code, ok := parseJobFlags("verify", nil, &stdout, &stderr)
	if !ok || cfg.Version != "" || cfg.Data != "/srv/index" {
		t.Errorf("verify: %d, version %q, data %q; want no version and ASKEDAT_DATA's data", code, cfg.Version, cfg.Data)
	}
}
