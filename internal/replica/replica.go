package replica

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// The names in JetStream.
const (
	DefaultObjectBucket = "askedat-versions" // one object per file of each version
	DefaultKVBucket     = "askedat"          // the key CurrentKey
	CurrentKey          = "current"          // the id of the version to serve

	manifestName = "version.json" // a version's manifest, in its folder
	indexName    = "index"        // a version's index folder
	metaSHA256   = "sha256"       // the object metadata holding the manifest's SHA-256
)

// Options tune Publish and Follow; the zero value is usable.
type Options struct {
	// Logger gets the progress and the errors (default: slog.Default()).
	Logger *slog.Logger
	// ObjectBucket and KVBucket name the buckets (DefaultObjectBucket,
	// DefaultKVBucket).
	ObjectBucket, KVBucket string
	// Replicas is how many JetStream servers keep each bucket when Publish
	// creates it (0: 1 for a lone server, 3 in a cluster of three or more).
	// Existing buckets are used as they are.
	Replicas int
	// Keep is how many versions a follower keeps before its current one
	// (Follow only; default 0, as datadir.Prune(0)).
	Keep int
	// Poll is how often a follower also reads the key, besides watching it
	// (default 5s): whatever becomes of the watch, a new version is seen
	// within a poll.
	Poll time.Duration
	// Timeout bounds a Publish, retries included (default 2m): a publish
	// outlives a restart of the NATS server.
	Timeout time.Duration
	// OnSwitch, when set, is called by Follow after each switch of the
	// local pointer, with the version's id.
	OnSwitch func(id string)
	// Name names the connection to the server (its monitoring pages show it).
	Name string
}

func (o Options) logger() *slog.Logger {
	if o.Logger != nil {
		return o.Logger
	}
	return slog.Default()
}

func (o Options) objectBucket() string { return or(o.ObjectBucket, DefaultObjectBucket) }
func (o Options) kvBucket() string     { return or(o.KVBucket, DefaultKVBucket) }

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// objectName is the object of the file path (relative to the version's
// folder, with /) of version id.
func objectName(id, path string) string { return id + "/" + path }

// versionOf is the version an object belongs to.
func versionOf(name string) string {
	v, _, _ := strings.Cut(name, "/")
	return v
}

// digest is the SHA-256 of a manifest (hex) as JetStream writes an
// object's digest.
func digest(sha256Hex string) string {
	b, err := hex.DecodeString(sha256Hex)
	if err != nil {
		return ""
	}
	return "SHA-256=" + base64.URLEncoding.EncodeToString(b)
}

// connect connects to the servers of rawURL (one URL, or several separated
// by commas), retrying for ever in the background: a client that starts
// while the server is down connects when it comes up, and one that loses
// its server reconnects to it, or to another of the cluster.
func connect(rawURL string, o Options, onReconnect func()) (*nats.Conn, error) {
	if err := CheckURL(rawURL); err != nil {
		return nil, err
	}
	log := o.logger()
	return nats.Connect(rawURL,
		nats.Name(or(o.Name, "askedat")),
		nats.Timeout(5*time.Second),
		nats.RetryOnFailedConnect(true),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(time.Second),
		nats.ReconnectJitter(500*time.Millisecond, time.Second),
		nats.PingInterval(10*time.Second),
		nats.MaxPingsOutstanding(2),
		nats.ConnectHandler(func(nc *nats.Conn) {
			log.Info("nats: connected", "server", nc.ConnectedUrlRedacted())
		}),
		nats.DisconnectErrHandler(func(nc *nats.Conn, err error) {
			if err != nil {
				log.Warn("nats: disconnected; reconnecting in the background", "err", err)
			}
		}),
		nats.ReconnectHandler(func(nc *nats.Conn) {
			log.Info("nats: reconnected", "server", nc.ConnectedUrlRedacted())
			if onReconnect != nil {
				onReconnect()
			}
		}),
		nats.ErrorHandler(func(nc *nats.Conn, sub *nats.Subscription, err error) {
			log.Warn("nats: asynchronous error", "err", err)
		}),
	)
}

// CheckURL reports what is wrong with rawURL as the NATS servers of Publish
// and Follow: a nats:// (or tls://) URL, or several separated by commas.
func CheckURL(rawURL string) error {
	if strings.TrimSpace(rawURL) == "" {
		return errors.New("no NATS server: give a URL such as nats://127.0.0.1:4222")
	}
	for _, s := range strings.Split(rawURL, ",") {
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil || u.Host == "" || (u.Scheme != "nats" && u.Scheme != "tls") {
			return fmt.Errorf("NATS server %q: want a URL such as nats://127.0.0.1:4222 (several separated by commas)", redact(s))
		}
	}
	return nil
}

// redact hides the password of a URL for errors and logs.
func redact(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return "(an unparseable URL)"
	}
	return u.Redacted()
}

// replicas is how many servers should keep a bucket made now.
func (o Options) replicas(nc *nats.Conn) int {
	if o.Replicas > 0 {
		return o.Replicas
	}
	if nc.ConnectedClusterName() != "" && len(nc.Servers()) >= 3 {
		return 3
	}
	return 1
}

// buckets binds the object store and the key-value bucket, making them
// when create is set and they are not there.
func buckets(ctx context.Context, nc *nats.Conn, js jetstream.JetStream, o Options, create bool) (jetstream.ObjectStore, jetstream.KeyValue, error) {
	obs, err := js.ObjectStore(ctx, o.objectBucket())
	if errors.Is(err, jetstream.ErrBucketNotFound) && create {
		obs, err = js.CreateObjectStore(ctx, jetstream.ObjectStoreConfig{
			Bucket:      o.objectBucket(),
			Description: "askedat index versions: one object per file (VERSION/index/PATH, VERSION/version.json)",
			Storage:     jetstream.FileStorage,
			Replicas:    o.replicas(nc),
		})
		if errors.Is(err, jetstream.ErrBucketExists) {
			obs, err = js.ObjectStore(ctx, o.objectBucket())
		} else if err == nil {
			o.logger().Info("publish: made the object store", "bucket", o.objectBucket(), "replicas", o.replicas(nc))
		}
	}
	if err != nil {
		return nil, nil, fmt.Errorf("object store %s: %w", o.objectBucket(), err)
	}
	kv, err := js.KeyValue(ctx, o.kvBucket())
	if errors.Is(err, jetstream.ErrBucketNotFound) && create {
		kv, err = js.CreateKeyValue(ctx, jetstream.KeyValueConfig{
			Bucket:      o.kvBucket(),
			Description: "askedat: the key current names the index version to serve",
			History:     16,
			Storage:     jetstream.FileStorage,
			Replicas:    o.replicas(nc),
		})
		if errors.Is(err, jetstream.ErrBucketExists) {
			kv, err = js.KeyValue(ctx, o.kvBucket())
		} else if err == nil {
			o.logger().Info("publish: made the key-value bucket", "bucket", o.kvBucket(), "replicas", o.replicas(nc))
		}
	}
	if err != nil {
		return nil, nil, fmt.Errorf("key-value bucket %s: %w", o.kvBucket(), err)
	}
	return obs, kv, nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n *int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	*c.n += int64(n)
	return n, err
}

// mb formats a number of bytes in MB.
func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// rate formats n bytes in d as MB/s.
func rate(n int64, d time.Duration) string {
	if d <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f MB/s", float64(n)/1e6/d.Seconds())
}
