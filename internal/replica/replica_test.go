package replica

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/askedat/askedat/internal/datadir"
	"github.com/askedat/askedat/internal/natstest"
)

// syncBuffer is a log that tests read while it is written.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func testLogger(t *testing.T) (*slog.Logger, *syncBuffer) {
	buf := &syncBuffer{}
	t.Cleanup(func() {
		if t.Failed() || os.Getenv("REPLICA_LOG") != "" {
			t.Logf("log:\n%s", buf.String())
		}
	})
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}

// makeVersion publishes in data a version whose index holds files, and
// switches current to it. The files need not be a bleve index: nothing
// here opens one.
func makeVersion(t *testing.T, data string, files map[string][]byte) string {
	t.Helper()
	dd := datadir.Dir{Path: data}
	if err := dd.Init(); err != nil {
		t.Fatal(err)
	}
	prev, _ := dd.Current()
	id := datadir.NewID(time.Now())
	p, err := dd.NewPartial(id)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range files {
		dst := filepath.Join(p, "index", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := dd.Publish(id, &datadir.Info{Job: "test", Previous: prev, Documents: uint64(len(files))}); err != nil {
		t.Fatal(err)
	}
	if err := dd.Switch(id); err != nil {
		t.Fatal(err)
	}
	return id
}

// someFiles are the files of a version: one of several chunks of the
// object store, a small one, an empty one, in folders.
func someFiles(seed uint64) map[string][]byte {
	r := rand.New(rand.NewPCG(seed, 1))
	big := make([]byte, 300_000+r.IntN(1000))
	for i := range big {
		big[i] = byte(r.Uint32())
	}
	return map[string][]byte{
		"store/000000000001.zap": big,
		"index_meta.json":        []byte(`{"storage":"scorch","seed":` + string(rune('0'+seed%10)) + `}`),
		"store/root.bolt":        []byte(strings.Repeat("b", 4096+int(seed))),
		"store/empty":            {},
	}
}

// follower runs Follow into data until the test ends, and returns the
// channel of the versions it switched to.
func startFollower(t *testing.T, url, data string, o Options) <-chan string {
	t.Helper()
	switched := make(chan string, 16)
	o.OnSwitch = func(id string) { switched <- id }
	if o.Poll == 0 {
		o.Poll = 500 * time.Millisecond
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Follow(ctx, url, data, o) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Follow = %v, want nil once stopped", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("Follow did not return within 10s of its context's end")
		}
	})
	return switched
}

// waitSwitch waits for the follower to switch to want.
func waitSwitch(t *testing.T, switched <-chan string, want string, within time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	deadline := time.After(within)
	for {
		select {
		case id := <-switched:
			if id == want {
				return time.Since(start)
			}
		case <-deadline:
			t.Fatalf("the follower did not switch to %s within %v", want, within)
		}
	}
}

// sameVersion checks that version id is in b as it is in a, byte for
// byte, and that b's current pointer names it.
func sameVersion(t *testing.T, a, b, id string) {
	t.Helper()
	for _, rel := range []string{"version.json", "index"} {
		src := filepath.Join(datadir.Dir{Path: a}.VersionPath(id), rel)
		filepath.WalkDir(src, func(p string, e os.DirEntry, err error) error {
			if err != nil {
				t.Fatal(err)
			}
			if e.IsDir() {
				return nil
			}
			r, _ := filepath.Rel(datadir.Dir{Path: a}.VersionPath(id), p)
			want, _ := os.ReadFile(p)
			got, err := os.ReadFile(filepath.Join(datadir.Dir{Path: b}.VersionPath(id), r))
			if err != nil {
				t.Errorf("follower's %s: %v", r, err)
			} else if !bytes.Equal(got, want) {
				t.Errorf("follower's %s: %d bytes differ from the publisher's %d", r, len(got), len(want))
			}
			return nil
		})
	}
	if err := (datadir.Dir{Path: b}).Verify(id); err != nil {
		t.Errorf("the follower's copy does not verify: %v", err)
	}
	if cur, err := (datadir.Dir{Path: b}).Current(); err != nil || cur != id {
		t.Errorf("follower's current = %q, %v; want %s", cur, err, id)
	}
}

func versions(t *testing.T, data string) []string {
	t.Helper()
	ids, err := datadir.Dir{Path: data}.Versions()
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// storedVersions lists the versions the object store holds objects of.
func storedVersions(t *testing.T, url string) map[string]int {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	ctx := context.Background()
	obs, err := js.ObjectStore(ctx, DefaultObjectBucket)
	if err != nil {
		t.Fatal(err)
	}
	objs, err := obs.List(ctx)
	if err != nil && !errors.Is(err, jetstream.ErrNoObjectsFound) {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, o := range objs {
		got[versionOf(o.Name)]++
	}
	return got
}

func TestPublishThenFollowGetsIdenticalFiles(t *testing.T) {
	srv := natstest.Start(t)
	log, _ := testLogger(t)
	ctx := context.Background()
	pub, rep := t.TempDir(), filepath.Join(t.TempDir(), "replica")

	a := makeVersion(t, pub, someFiles(1))
	if err := Publish(ctx, srv.URL, pub, a, Options{Logger: log}); err != nil {
		t.Fatal(err)
	}
	switched := startFollower(t, srv.URL, rep, Options{Logger: log, Keep: 1})
	waitSwitch(t, switched, a, 15*time.Second)
	sameVersion(t, pub, rep, a)

	// The next versions: each replaces the one before; the follower keeps
	// one before current, the store what the publisher's folder holds.
	b := makeVersion(t, pub, someFiles(2))
	if err := Publish(ctx, srv.URL, pub, b, Options{Logger: log}); err != nil {
		t.Fatal(err)
	}
	waitSwitch(t, switched, b, 15*time.Second)
	sameVersion(t, pub, rep, b)

	c := makeVersion(t, pub, someFiles(3))
	if _, err := (datadir.Dir{Path: pub}).Prune(1); err != nil { // as indexer -keep 1 does
		t.Fatal(err)
	}
	if err := Publish(ctx, srv.URL, pub, c, Options{Logger: log}); err != nil {
		t.Fatal(err)
	}
	waitSwitch(t, switched, c, 15*time.Second)
	sameVersion(t, pub, rep, c)
	if got, want := versions(t, rep), []string{b, c}; !slicesEqual(got, want) {
		t.Errorf("follower's versions = %v, want %v (current and -keep 1 before it)", got, want)
	}
	stored := storedVersions(t, srv.URL)
	if _, ok := stored[a]; ok || stored[b] != 5 || stored[c] != 5 {
		t.Errorf("the store holds objects by version %v, want 5 of %s and of %s (4 files and the manifest), none of %s (pruned at the publisher)", stored, b, c, a)
	}

	// A rollback at the publisher: b is in the follower's folder, so it is
	// switched to with no download.
	if err := (datadir.Dir{Path: pub}).Switch(b); err != nil {
		t.Fatal(err)
	}
	if err := Publish(ctx, srv.URL, pub, b, Options{Logger: log}); err != nil {
		t.Fatal(err)
	}
	waitSwitch(t, switched, b, 15*time.Second)
	sameVersion(t, pub, rep, b)
}

func TestEmptyDataDirCatchesUpWithinSeconds(t *testing.T) {
	srv := natstest.Start(t)
	log, _ := testLogger(t)
	pub := t.TempDir()
	a := makeVersion(t, pub, someFiles(4))
	if err := Publish(context.Background(), srv.URL, pub, a, Options{Logger: log}); err != nil {
		t.Fatal(err)
	}
	rep := filepath.Join(t.TempDir(), "new", "replica") // not there yet
	switched := startFollower(t, srv.URL, rep, Options{Logger: log, Poll: time.Minute})
	took := waitSwitch(t, switched, a, 5*time.Second)
	sameVersion(t, pub, rep, a)
	t.Logf("an empty data directory caught up with the current version in %v", took.Round(time.Millisecond))
}

func TestADamagedVersionIsNotPublished(t *testing.T) {
	srv := natstest.Start(t)
	log, _ := testLogger(t)
	pub := t.TempDir()
	a := makeVersion(t, pub, someFiles(5))
	p := filepath.Join(datadir.Dir{Path: pub}.IndexPath(a), "store", "root.bolt")
	b, _ := os.ReadFile(p)
	b[10] ^= 0xff
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	err := Publish(context.Background(), srv.URL, pub, a, Options{Logger: log, Timeout: 5 * time.Second})
	var ce *datadir.CorruptError
	if !errors.As(err, &ce) || ce.File != "store/root.bolt" {
		t.Fatalf("Publish of a damaged version = %v, want a *datadir.CorruptError naming store/root.bolt", err)
	}
	nc, _ := nats.Connect(srv.URL)
	defer nc.Close()
	js, _ := jetstream.New(nc)
	if _, err := js.KeyValue(context.Background(), DefaultKVBucket); !errors.Is(err, jetstream.ErrBucketNotFound) {
		t.Errorf("after a refused publish the key-value bucket: %v, want none made", err)
	}
}

func TestADamagedObjectIsRefusedByTheFollower(t *testing.T) {
	srv := natstest.Start(t)
	log, logs := testLogger(t)
	ctx := context.Background()
	pub, rep := t.TempDir(), t.TempDir()

	a := makeVersion(t, pub, someFiles(6))
	if err := Publish(ctx, srv.URL, pub, a, Options{Logger: log}); err != nil {
		t.Fatal(err)
	}
	fctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		Follow(fctx, srv.URL, rep, Options{Logger: log, Poll: 200 * time.Millisecond, OnSwitch: func(string) { stop() }})
	}()
	<-done // switched to a, then stopped

	// b is published, then one of its objects is replaced by other bytes
	// of the same size, with the manifest's checksum in its metadata.
	b := makeVersion(t, pub, someFiles(7))
	if err := Publish(ctx, srv.URL, pub, b, Options{Logger: log}); err != nil {
		t.Fatal(err)
	}
	nc, _ := nats.Connect(srv.URL)
	defer nc.Close()
	js, _ := jetstream.New(nc)
	obs, err := js.ObjectStore(ctx, DefaultObjectBucket)
	if err != nil {
		t.Fatal(err)
	}
	name := objectName(b, "index/store/000000000001.zap")
	good, err := obs.GetInfo(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	bad := bytes.Repeat([]byte{0x5a}, int(good.Size))
	if _, err := obs.Put(ctx, jetstream.ObjectMeta{Name: name, Metadata: good.Metadata}, bytes.NewReader(bad)); err != nil {
		t.Fatal(err)
	}

	switched := startFollower(t, srv.URL, rep, Options{Logger: log})
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(logs.String(), "checksum mismatch") {
		if time.Now().After(deadline) {
			t.Fatal("the follower did not refuse the damaged object within 15s")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if cur, _ := (datadir.Dir{Path: rep}).Current(); cur != a {
		t.Errorf("after refusing %s the follower's current = %q, want %s as before", b, cur, a)
	}
	if got := versions(t, rep); !slicesEqual(got, []string{a}) {
		t.Errorf("follower's versions = %v, want only %s (no copy of the damaged one)", got, a)
	}
	if p, _ := (datadir.Dir{Path: rep}).Partials(); len(p) != 0 {
		t.Errorf("partial downloads left: %v", p)
	}

	// Published again, the object is whole, and the follower takes b at
	// its next try.
	if err := Publish(ctx, srv.URL, pub, b, Options{Logger: log}); err != nil {
		t.Fatal(err)
	}
	waitSwitch(t, switched, b, 15*time.Second)
	sameVersion(t, pub, rep, b)
}

func TestTheFollowerSurvivesAServerRestart(t *testing.T) {
	srv := natstest.Start(t)
	log, _ := testLogger(t)
	ctx := context.Background()
	pub, rep := t.TempDir(), t.TempDir()
	a := makeVersion(t, pub, someFiles(8))
	if err := Publish(ctx, srv.URL, pub, a, Options{Logger: log}); err != nil {
		t.Fatal(err)
	}
	// A poll of a minute: the version after the restart comes through the
	// watch, made anew on reconnection.
	switched := startFollower(t, srv.URL, rep, Options{Logger: log, Poll: time.Minute})
	waitSwitch(t, switched, a, 15*time.Second)

	// While the server is down the replica keeps what it has.
	srv.Stop()
	time.Sleep(1500 * time.Millisecond)
	if cur, _ := (datadir.Dir{Path: rep}).Current(); cur != a {
		t.Fatalf("with the server down the follower's current = %q, want %s", cur, a)
	}
	if err := (datadir.Dir{Path: rep}).Verify(a); err != nil {
		t.Fatal(err)
	}
	srv.Restart()
	time.Sleep(3 * time.Second) // reconnected, and watching again
	b := makeVersion(t, pub, someFiles(9))
	if err := Publish(ctx, srv.URL, pub, b, Options{Logger: log}); err != nil {
		t.Fatal(err)
	}
	took := waitSwitch(t, switched, b, 5*time.Second)
	sameVersion(t, pub, rep, b)
	t.Logf("after the restart the follower took the new version in %v", took.Round(time.Millisecond))
}

func TestCheckURL(t *testing.T) {
	for _, tt := range []struct {
		in string
		ok bool
	}{
		{"nats://127.0.0.1:4222", true},
		{"nats://a:4222,nats://b:4222", true},
		{"tls://user:secret@nats.example:4222", true},
		{"", false},
		{"http://127.0.0.1:4222", false},
		{"127.0.0.1:4222", false},
	} {
		err := CheckURL(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("CheckURL(%q) = %v, want ok %v", tt.in, err, tt.ok)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("CheckURL(%q) = %v: shows the password", tt.in, err)
		}
	}
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
