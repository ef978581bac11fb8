package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/askedat/askedat/internal/datadir"
	"github.com/askedat/askedat/internal/natstest"
	"github.com/askedat/askedat/internal/replica"
)

func TestPublishFlags(t *testing.T) {
	for _, tt := range []struct {
		job  string
		args []string
		want string // the URL bound, or "-" for a flag the job does not take
	}{
		{"reindex", []string{"-publish", "nats://a:4222"}, "nats://a:4222"},
		{"update", []string{"-publish", "nats://a:4222,nats://b:4222"}, "nats://a:4222,nats://b:4222"},
		{"rollback", []string{"-publish", "nats://a:4222"}, "nats://a:4222"},
		{"reindex", nil, ""},
		{"versions", []string{"-publish", "nats://a:4222"}, "-"},
		{"verify", []string{"-publish", "nats://a:4222"}, "-"},
	} {
		fs := flag.NewFlagSet(tt.job, flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		var cfg JobConfig
		cfg.Flags(fs, tt.job)
		err := fs.Parse(append([]string{"-data", "d"}, tt.args...))
		switch {
		case tt.want == "-" && err == nil:
			t.Errorf("indexer %s %q: parsed, want -publish refused", tt.job, tt.args)
		case tt.want != "-" && (err != nil || cfg.Publish.URL != tt.want):
			t.Errorf("indexer %s %q: Publish.URL = %q, %v; want %q", tt.job, tt.args, cfg.Publish.URL, err, tt.want)
		}
	}
}

// TestReindexPublishes runs indexer reindex -publish against a real
// nats-server: the key names the version switched in, and the store holds
// its manifest.
func TestReindexPublishes(t *testing.T) {
	srv := natstest.Start(t)
	data := t.TempDir()
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"reindex", "-docs", writeDocs(t, sampleDocs(20, 3)), "-data", data, "-publish", srv.URL}, &out, &errb); code != 0 {
		t.Fatalf("reindex -publish = %d:\n%s", code, errb.String())
	}
	cur, err := datadir.Dir{Path: data}.Current()
	if err != nil {
		t.Fatal(err)
	}
	nc, err := nats.Connect(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	ctx := context.Background()
	kv, err := js.KeyValue(ctx, replica.DefaultKVBucket)
	if err != nil {
		t.Fatal(err)
	}
	e, err := kv.Get(ctx, replica.CurrentKey)
	if err != nil || string(e.Value()) != cur {
		t.Fatalf("key %s = %v, %v; want %s", replica.CurrentKey, e, err, cur)
	}
	obs, err := js.ObjectStore(ctx, replica.DefaultObjectBucket)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := obs.GetInfo(ctx, cur+"/version.json"); err != nil {
		t.Errorf("the store has no manifest of %s: %v", cur, err)
	}
	if !strings.Contains(errb.String(), "publish: published") {
		t.Errorf("the log does not say the version was published:\n%s", errb.String())
	}

}
