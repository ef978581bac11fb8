package replica

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/askedat/askedat/internal/datadir"

	"github.com/askedat/askedat/internal/fsutil"
)

// Follow copies into the data directory dataDir (made if need be) each
// version that the key current of the NATS server at url names, and
// switches dataDir's current pointer to it, until ctx is done; it returns
// nil then, or an error at once for a bad url or data directory.
//
// A version is downloaded into DIR/versions/ID.partial, each file checked
// as it arrives against the manifest's size and SHA-256 (and JetStream's
// digest), renamed to DIR/versions/ID, checked again as a whole (datadir's
// Verify), and only then switched in; one that fails is removed, logged and
// tried again later, and the version served stays. A version already in
// dataDir and intact (a rollback) is switched to without a download. After
// each switch the versions beyond o.Keep before current are removed.
//
// Follow watches the key, watches it anew after each reconnection, and
// also reads it every o.Poll. While the server is unreachable it keeps retrying in the
// background, and dataDir keeps the version it has.
func Follow(ctx context.Context, url, dataDir string, o Options) error {
	dd := datadir.Dir{Path: dataDir}
	if err := dd.Init(); err != nil {
		return err
	}
	log := o.logger()
	nudge := make(chan struct{}, 1)
	poke := func() {
		select {
		case nudge <- struct{}{}:
		default:
		}
	}
	nc, err := connect(url, Options{Logger: log, Name: or(o.Name, "askedat searchd follow")}, poke)
	if err != nil {
		return err
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	poll := o.Poll
	if poll <= 0 {
		poll = 5 * time.Second
	}
	tick := time.NewTicker(poll)
	defer tick.Stop()
	f := &follower{dd: dd, o: o, log: log}
	log.Info("follow: following the versions published to NATS", "nats", redact(url), "data", dataDir, "keep", o.Keep)
	waiting, retry := false, time.Second
	for ctx.Err() == nil {
		obs, kv, err := buckets(ctx, nc, js, o, false)
		var w jetstream.KeyWatcher
		if err == nil {
			w, err = kv.Watch(ctx, CurrentKey)
		}
		if err != nil {
			if !waiting && ctx.Err() == nil {
				log.Warn("follow: cannot watch the current key yet (no server reachable, or nothing published yet); serving the local versions and trying again", "err", err)
				waiting = true
			}
			select {
			case <-ctx.Done():
			case <-time.After(retry):
			case <-nudge:
			}
			retry = min(2*retry, poll)
			continue
		}
		if waiting {
			log.Info("follow: watching the current key", "key", o.kvBucket()+"."+CurrentKey)
			waiting = false
		}
		retry = time.Second
		f.watch(ctx, obs, kv, w, tick.C, nudge)
		w.Stop()
	}
	return nil
}

// A follower applies the versions the key names to its data directory.
type follower struct {
	dd  datadir.Dir
	o   Options
	log *slog.Logger

	// The version that failed last, how often, and when to try it again.
	failed  string
	fails   int
	retryAt time.Time
}

// watch applies each value of the key until ctx is done, the watch ends,
// or the connection was made again (nudge): a server that restarted has
// forgotten the consumer behind the watch, which would take a while to
// notice, so the caller watches anew (and the new watch starts with the
// key's value).
func (f *follower) watch(ctx context.Context, obs jetstream.ObjectStore, kv jetstream.KeyValue, w jetstream.KeyWatcher, tick <-chan time.Time, nudge <-chan struct{}) {
	for {
		select {
		case <-ctx.Done():
			return
		case e, ok := <-w.Updates():
			if !ok {
				f.log.Warn("follow: the watch of the current key ended; watching it again")
				return
			}
			if e != nil && e.Operation() == jetstream.KeyValuePut {
				f.want(ctx, obs, string(e.Value()))
			}
		case <-tick:
			f.read(ctx, obs, kv)
		case <-nudge:
			return
		}
	}
}

// read reads the key and applies its value.
func (f *follower) read(ctx context.Context, obs jetstream.ObjectStore, kv jetstream.KeyValue) {
	e, err := kv.Get(ctx, CurrentKey)
	if err != nil {
		if !errors.Is(err, jetstream.ErrKeyNotFound) && ctx.Err() == nil {
			f.log.Debug("follow: cannot read the current key", "err", err)
		}
		return
	}
	f.want(ctx, obs, string(e.Value()))
}

// want makes id the local current version, unless it failed lately.
func (f *follower) want(ctx context.Context, obs jetstream.ObjectStore, id string) {
	if cur, err := f.dd.Current(); err == nil && cur == id {
		return
	}
	if id == f.failed && time.Now().Before(f.retryAt) {
		return
	}
	err := f.apply(ctx, obs, id)
	if err == nil {
		f.failed, f.fails = "", 0
		return
	}
	if ctx.Err() != nil {
		return
	}
	if id != f.failed {
		f.failed, f.fails = id, 0
	}
	f.fails++
	wait := min(time.Duration(1<<min(f.fails, 7))*time.Second, 2*time.Minute)
	f.retryAt = time.Now().Add(wait)
	cur, _ := f.dd.Current()
	f.log.Error("follow: version not taken; the local current version stays", "version", id, "current", cur, "retry_in", wait, "err", err)
}

// apply downloads version id unless dataDir holds it intact, and switches
// to it.
func (f *follower) apply(ctx context.Context, obs jetstream.ObjectStore, id string) error {
	start := time.Now()
	unlock, err := f.dd.Lock()
	if err != nil {
		return err
	}
	defer unlock()
	f.cleanPartials()
	var size int64
	if _, err := f.dd.ReadInfo(id); err == nil {
		if err := f.dd.Verify(id); err == nil {
			f.log.Info("follow: version is here already, intact; switching to it", "version", id)
		} else {
			f.log.Warn("follow: the local copy of the version is damaged; downloading it again", "version", id, "err", err)
			if err := f.remove(id); err != nil {
				return err
			}
		}
	}
	if _, err := f.dd.ReadInfo(id); err != nil {
		if size, err = f.download(ctx, obs, id); err != nil {
			return err
		}
	}
	if err := f.dd.Switch(id); err != nil {
		return err
	}
	f.log.Info("follow: switched the local current version", "version", id, "downloaded", mb(size), "took", time.Since(start).Round(time.Millisecond))
	f.prune(id)
	if f.o.OnSwitch != nil {
		f.o.OnSwitch(id)
	}
	return nil
}

// download fetches version id into a partial folder, checks each file, renames it into
// place and verifies it whole; it returns the bytes fetched.
func (f *follower) download(ctx context.Context, obs jetstream.ObjectStore, id string) (got int64, err error) {
	raw, err := obs.GetBytes(ctx, objectName(id, manifestName))
	if errors.Is(err, jetstream.ErrObjectNotFound) {
		return 0, fmt.Errorf("the store has no manifest %s: the version was removed from the store, or its publish did not finish", objectName(id, manifestName))
	}
	if err != nil {
		return 0, fmt.Errorf("download %s: %w", objectName(id, manifestName), err)
	}
	var info datadir.Info
	if err := json.Unmarshal(raw, &info); err != nil {
		return 0, fmt.Errorf("manifest %s is not valid: %w", objectName(id, manifestName), err)
	}
	if info.ID != id || len(info.Files) == 0 {
		return 0, fmt.Errorf("manifest %s names version %q with %d files: not a manifest of %s", objectName(id, manifestName), info.ID, len(info.Files), id)
	}
	if err := f.dd.RemovePartial(id); err != nil {
		return 0, err
	}
	p, err := f.dd.NewPartial(id)
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			f.dd.RemovePartial(id)
		}
	}()
	total := totalSize(&info)
	f.log.Info("follow: downloading version", "version", id, "files", len(info.Files), "bytes", mb(total))
	start, last := time.Now(), time.Now()
	for i, file := range info.Files {
		if !filepath.IsLocal(filepath.FromSlash(file.Path)) {
			return got, fmt.Errorf("manifest %s lists the file %q, which is not inside the index folder", objectName(id, manifestName), file.Path)
		}
		name := objectName(id, indexName+"/"+file.Path)
		dst := filepath.Join(p, indexName, filepath.FromSlash(file.Path))
		n, sum, err := fetch(ctx, obs, name, dst)
		got += n
		if err != nil {
			return got, err
		}
		switch {
		case n != file.Size:
			return got, &datadir.CorruptError{ID: id, File: file.Path, Problem: datadir.ProblemSize,
				Detail: fmt.Sprintf("object %s has %d bytes, the manifest says %d", name, n, file.Size)}
		case sum != file.SHA256:
			return got, &datadir.CorruptError{ID: id, File: file.Path, Problem: datadir.ProblemChecksum,
				Detail: fmt.Sprintf("object %s has SHA-256 %s, the manifest says %s", name, sum[:12], file.SHA256[:min(12, len(file.SHA256))])}
		}
		if time.Since(last) >= 5*time.Second {
			f.log.Info("follow: downloading version", "version", id, "files_done", i+1, "files", len(info.Files), "done", mb(got), "of", mb(total), "rate", rate(got, time.Since(start)))
			last = time.Now()
		}
	}
	if err := datadir.WriteFileSync(filepath.Join(p, manifestName), raw); err != nil {
		return got, err
	}
	if err := syncTree(p); err != nil {
		return got, err
	}
	if err := os.Rename(p, f.dd.VersionPath(id)); err != nil {
		return got, fmt.Errorf("rename the downloaded version into place: %w", err)
	}
	if err := fsutil.SyncDir(filepath.Dir(p)); err != nil {
		return got, err
	}
	if err := f.dd.Verify(id); err != nil {
		f.remove(id)
		return got, err
	}
	f.log.Info("follow: downloaded and verified version", "version", id, "bytes", mb(got), "rate", rate(got, time.Since(start)))
	return got, nil
}

// fetch writes object name to the file dst, fsynced, and returns its size
// and SHA-256. JetStream checks its own digest of the object as it is read.
func fetch(ctx context.Context, obs jetstream.ObjectStore, name, dst string) (int64, string, error) {
	r, err := obs.Get(ctx, name)
	if err != nil {
		return 0, "", fmt.Errorf("download %s: %w", name, err)
	}
	defer r.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return 0, "", err
	}
	w, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0, "", err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(w, h), r)
	if err == nil {
		err = w.Sync()
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, "", fmt.Errorf("download %s: %w", name, err)
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// remove removes the published version id from the data directory
// (renamed to a partial first, so a half-removed folder is never taken for
// a version).
func (f *follower) remove(id string) error {
	doomed := f.dd.PartialPath(id)
	os.RemoveAll(doomed)
	if err := os.Rename(f.dd.VersionPath(id), doomed); err != nil {
		return fmt.Errorf("remove version %s: %w", id, err)
	}
	if err := os.RemoveAll(doomed); err != nil {
		return fmt.Errorf("remove version %s: %w", id, err)
	}
	return nil
}

// prune keeps the current version and the o.Keep newest before it, and
// removes the others. A follower may have skipped versions published while
// it was away, so it counts the versions it has rather than following each
// version's Previous as datadir.Prune does.
func (f *follower) prune(current string) {
	ids, err := f.dd.Versions()
	if err != nil {
		f.log.Warn("follow: cannot list the local versions to prune them", "err", err)
		return
	}
	var older []string
	for _, id := range ids {
		if id != current {
			older = append(older, id)
		}
	}
	for _, id := range older[:max(0, len(older)-max(f.o.Keep, 0))] {
		if err := f.remove(id); err != nil {
			f.log.Warn("follow: cannot remove an old version", "err", err)
			continue
		}
		f.log.Info("follow: removed an old version", "removed", id, "keep", f.o.Keep)
	}
}

// cleanPartials removes the partial versions a follower killed while
// downloading left behind (the caller holds the lock: none is in use).
func (f *follower) cleanPartials() {
	ids, err := f.dd.Partials()
	if err != nil {
		return
	}
	for _, id := range ids {
		if err := f.dd.RemovePartial(id); err == nil {
			f.log.Info("follow: removed a partial download left behind", "partial", id)
		}
	}
}

// syncTree fsyncs every folder under root (the files were fsynced as they
// were written).
func syncTree(root string) error {
	return filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || !e.IsDir() {
			return err
		}
		return fsutil.SyncDir(p)
	})
}
