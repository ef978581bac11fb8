package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/askedat/askedat/internal/datadir"
	"github.com/askedat/askedat/internal/natstest"
	"github.com/askedat/askedat/internal/replica"
)

// publishVersion switches the publisher's data directory to id and
// publishes it to the NATS server at url, as indexer -publish does.
func publishVersion(t *testing.T, url, data, id string) {
	t.Helper()
	if err := (datadir.Dir{Path: data}).Switch(id); err != nil {
		t.Fatal(err)
	}
	if err := replica.Publish(context.Background(), url, data, id, replica.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}); err != nil {
		t.Fatal(err)
	}
}

func TestFollowNatsFromAnEmptyDataDirectory(t *testing.T) {
	srv := natstest.Start(t)
	pub := t.TempDir()
	a := makeVersion(t, pub, "Alpha", 3)
	publishVersion(t, srv.URL, pub, a)

	// A new replica: its data directory is not there yet.
	rep := filepath.Join(t.TempDir(), "replica")
	start := time.Now()
	base, logs := startSearchd(t, "-data", rep, "-follow", srv.URL, "-poll", "1s")
	took := time.Since(start)
	if _, r := getReadyz(t, base); r.Version != a || r.Documents != 9 {
		t.Fatalf("a replica started on an empty data directory serves %+v, want version %s of 9 documents", r, a)
	}
	if took > 10*time.Second {
		t.Errorf("the replica took %v to serve the current version, want a few seconds", took)
	}
	t.Logf("an empty replica served the current version %v after it started", took.Round(time.Millisecond))
	c := &http.Client{Timeout: 5 * time.Second}
	if _, ver, companies, err := searchCompanies(c, base, "cache"); err != nil || ver != a || !companies["Alpha"] {
		t.Errorf("search on the replica = version %s, companies %v, %v; want %s, Alpha", ver, companies, err, a)
	}

	// The next version published is swapped in.
	b := makeVersion(t, pub, "Beta", 4)
	publishVersion(t, srv.URL, pub, b)
	waitFor(t, base, "the replica to serve "+b, func(r readyz) bool { return r.Version == b && r.Documents == 12 })
	if _, ver, companies, err := searchCompanies(c, base, "cache"); err != nil || ver != b || !companies["Beta"] || companies["Alpha"] {
		t.Errorf("search on the replica = version %s, companies %v, %v; want %s, Beta only", ver, companies, err, b)
	}
	if !strings.Contains(logs.String(), "follow: switched the local current version") {
		t.Errorf("the log says nothing of the switches:\n%s", logs.String())
	}
}

func TestFollowNatsNeedsADataDirectory(t *testing.T) {
	code := run(context.Background(), []string{"-index", t.TempDir(), "-follow", "nats://127.0.0.1:1"}, io.Discard, io.Discard, nil)
	if code != 1 {
		t.Errorf("searchd -index DIR -follow URL exited %d, want 1 (-follow needs -data)", code)
	}
}

func TestFollowNatsFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want followConfig
	}{
		{[]string{"-data", "d"}, followConfig{Keep: 2}},
		{[]string{"-data", "d", "-follow", "nats://a:4222,nats://b:4222"}, followConfig{URL: "nats://a:4222,nats://b:4222", Keep: 2}},
		{[]string{"-data", "d", "-follow", "nats://a:4222", "-follow-keep", "0"}, followConfig{URL: "nats://a:4222"}},
	} {
		cfg, code, ok := parseArgs(tt.args, io.Discard, io.Discard)
		if !ok || cfg.Follow != tt.want {
			t.Errorf("searchd %q: Follow = %+v (exit %d), want %+v", tt.args, cfg.Follow, code, tt.want)
		}
	}
}

func TestFollowNatsRefusesABadURL(t *testing.T) {
	var errb strings.Builder
	code := run(context.Background(), []string{"-data", t.TempDir(), "-follow", "http://127.0.0.1:4222"}, io.Discard, &errb, nil)
	if code != 1 || !strings.Contains(errb.String(), "nats://") {
		t.Errorf("searchd -follow http://… exited %d, %q; want 1 saying a nats:// URL is wanted", code, errb.String())
	}
}
