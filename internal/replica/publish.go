package replica

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/askedat/askedat/internal/datadir"
)

// Publish makes version id of the data directory dataDir the one the
// followers of the NATS server at url serve: it checks the version against
// its manifest (datadir's Verify: a damaged version is never published),
// uploads each of its files (those already in the store with the
// manifest's size and SHA-256 are skipped, so publishing again, or a
// rollback to a version still stored, uploads nothing), checks that
// JetStream stored the manifest's bytes, uploads the manifest, and only then
// sets the key current. Then it removes from the store the versions that
// dataDir no longer holds. It retries, for o.Timeout, what fails on the way
// (a server restarting); the key is set only once every file is in.
func Publish(ctx context.Context, url, dataDir, id string, o Options) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("publish version %s to %s: %w", id, redact(url), err)
		}
	}()
	dd := datadir.Dir{Path: dataDir}
	log := o.logger().With("version", id)
	start := time.Now()
	info, err := dd.Check(id)
	if err != nil {
		return err
	}
	nc, err := connect(url, Options{Logger: o.logger(), Name: or(o.Name, "askedat indexer publish")}, nil)
	if err != nil {
		return err
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		return err
	}
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var up upload
	for attempt := 1; ; attempt++ {
		err = up.run(ctx, nc, js, dd, info, o)
		if err == nil || ctx.Err() != nil || errors.As(err, new(*UploadError)) {
			break
		}
		wait := min(time.Duration(attempt)*time.Second, 10*time.Second)
		log.Warn("publish: failed; trying again", "attempt", attempt, "in", wait, "err", err)
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
	}
	if err != nil {
		if ctx.Err() != nil && !errors.As(err, new(*UploadError)) {
			return fmt.Errorf("%w (gave up after %v)", err, timeout)
		}
		return err
	}
	log.Info("publish: published: followers will download it", "files", len(info.Files)+1,
		"uploaded", mb(up.sent), "already_stored", up.skipped, "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// An UploadError says that the store holds other bytes than a file's
// manifest says: the file changed while it was read. Publish does not
// retry it.
type UploadError struct {
	Object         string
	Got, Want      string // digests
	Size, WantSize int64
}

func (e *UploadError) Error() string {
	return fmt.Sprintf("object %s: stored %d bytes with digest %s, the manifest says %d bytes with %s: the file changed while it was uploaded; nothing was published (check the version with indexer verify)",
		e.Object, e.Size, e.Got, e.WantSize, e.Want)
}

// upload is one Publish's progress, kept across its attempts.
type upload struct {
	sent    int64 // bytes uploaded
	skipped int   // files already stored
	done    map[string]bool
}

func (u *upload) run(ctx context.Context, nc *nats.Conn, js jetstream.JetStream, dd datadir.Dir, info *datadir.Info, o Options) error {
	log := o.logger().With("version", info.ID)
	obs, kv, err := buckets(ctx, nc, js, o, true)
	if err != nil {
		return err
	}
	if u.done == nil {
		u.done = map[string]bool{}
		log.Info("publish: uploading", "files", len(info.Files), "bytes", mb(totalSize(info)), "bucket", o.objectBucket())
	}
	last := time.Now()
	for i, f := range info.Files {
		name := objectName(info.ID, indexName+"/"+f.Path)
		if u.done[name] {
			continue
		}
		stored, err := obs.GetInfo(ctx, name)
		if err == nil && stored.Size == uint64(f.Size) && stored.Digest == digest(f.SHA256) && stored.Metadata[metaSHA256] == f.SHA256 {
			u.done[name] = true
			u.skipped++
			continue
		}
		if err != nil && !errors.Is(err, jetstream.ErrObjectNotFound) {
			return fmt.Errorf("look up object %s: %w", name, err)
		}
		n, err := putFile(ctx, obs, name, filepath.Join(dd.IndexPath(info.ID), filepath.FromSlash(f.Path)), f)
		if err != nil {
			return err
		}
		u.sent += n
		u.done[name] = true
		if time.Since(last) >= 5*time.Second {
			log.Info("publish: uploading", "files_done", i+1, "files", len(info.Files), "uploaded", mb(u.sent))
			last = time.Now()
		}
	}
	// The manifest last: a follower that finds it finds every file.
	raw, err := os.ReadFile(filepath.Join(dd.VersionPath(info.ID), manifestName))
	if err != nil {
		return err
	}
	sum := sha256.Sum256(raw)
	if _, err := obs.Put(ctx, jetstream.ObjectMeta{Name: objectName(info.ID, manifestName),
		Metadata: map[string]string{metaSHA256: hex.EncodeToString(sum[:])}}, bytes.NewReader(raw)); err != nil {
		return fmt.Errorf("upload %s: %w", objectName(info.ID, manifestName), err)
	}
	if _, err := kv.PutString(ctx, CurrentKey, info.ID); err != nil {
		return fmt.Errorf("set %s.%s: %w", o.kvBucket(), CurrentKey, err)
	}
	log.Info("publish: key set", "key", o.kvBucket()+"."+CurrentKey)
	u.prune(ctx, obs, dd, info.ID, o)
	return nil
}

// putFile uploads the file at path as object name, and checks that the
// store holds the bytes of the manifest's entry f.
func putFile(ctx context.Context, obs jetstream.ObjectStore, name, path string, f datadir.File) (int64, error) {
	r, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("upload %s: %w", name, err)
	}
	defer r.Close()
	var n int64
	stored, err := obs.Put(ctx, jetstream.ObjectMeta{Name: name, Metadata: map[string]string{metaSHA256: f.SHA256}}, countingReader{r, &n})
	if err != nil {
		return n, fmt.Errorf("upload %s: %w", name, err)
	}
	if stored.Size != uint64(f.Size) || stored.Digest != digest(f.SHA256) {
		// Leave no object that a later publish would take for the file.
		obs.Delete(context.WithoutCancel(ctx), name)
		return n, &UploadError{Object: name, Got: stored.Digest, Want: digest(f.SHA256), Size: int64(stored.Size), WantSize: f.Size}
	}
	return n, nil
}

// prune removes from the store the objects of the versions dd no longer
// holds (the indexer's -keep removed them), never those of current. It
// only logs what fails: the version is published.
func (u *upload) prune(ctx context.Context, obs jetstream.ObjectStore, dd datadir.Dir, current string, o Options) {
	log := o.logger()
	keep, err := dd.Versions()
	if err != nil {
		log.Warn("publish: cannot list the local versions; the store keeps every version", "err", err)
		return
	}
	keep = append(keep, current)
	objs, err := obs.List(ctx)
	if errors.Is(err, jetstream.ErrNoObjectsFound) {
		return
	}
	if err != nil {
		log.Warn("publish: cannot list the store to prune it", "err", err)
		return
	}
	removed := map[string]int{}
	for _, obj := range objs {
		v := versionOf(obj.Name)
		if slices.Contains(keep, v) {
			continue
		}
		if err := obs.Delete(ctx, obj.Name); err != nil && !errors.Is(err, jetstream.ErrObjectNotFound) {
			log.Warn("publish: cannot remove an old object", "object", obj.Name, "err", err)
			continue
		}
		removed[v]++
	}
	for _, v := range slices.Sorted(mapKeys(removed)) {
		log.Info("publish: removed an old version from the store", "removed", v, "objects", removed[v])
	}
}

func mapKeys[V any](m map[string]V) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func totalSize(info *datadir.Info) int64 {
	var n int64
	for _, f := range info.Files {
		n += f.Size
	}
	return n
}
