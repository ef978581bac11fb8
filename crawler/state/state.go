// Package state keeps a crawl's state on disk, in an embedded bbolt
// database, so that a crawl stopped at any point (kill -9 included) goes
// on where it was, and a later crawl of the same sites is incremental.
//
// It holds, in one file:
//
//	urls   every URL met (normalised): its status in the current pass
//	       (queued, done, failed, skipped), the pass it belongs to, the
//	       tries so far and the earliest time of the next, the validators
//	       of its last answer (ETag, Last-Modified), when it was fetched,
//	       and the ids of the experiences it gave
//	queue  the frontier: the queued URLs in the order they were found
//	docs   the last extracted experience of every post, by id, with the URL
//	       it came from: the crawl's output is written from here, so a page
//	       answered 304 keeps its document without being extracted again
//	hosts  per host, the time before which it must not be asked again (a
//	       Retry-After)
//	meta   the current pass number
//
// A pass is one walk over the sites: it starts with the seeds and every
// URL known from earlier passes queued, and ends when the queue is empty.
// Each change is one transaction, committed (and synced) before the call
// returns.
package state

import (
	"cmp"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/askedat/askedat"
)

// FileName is the database's name inside the state folder.
const FileName = "crawl.db"

var (
	bucketURLs  = []byte("urls")
	bucketQueue = []byte("queue")
	bucketDocs  = []byte("docs")
	bucketHosts = []byte("hosts")
	bucketMeta  = []byte("meta")
	keyPass     = []byte("pass")
)

// ErrLocked is returned by Open when another process has the state open.
var ErrLocked = errors.New("state is in use by another crawler")

// A Status is where a URL stands in the current pass.
type Status string

const (
	Queued  Status = "queued"
	Done    Status = "done"    // fetched (or answered 304, or redirected)
	Failed  Status = "failed"  // gave up on it
	Skipped Status = "skipped" // robots.txt or the address policy forbade it
)

// A URL is what the state knows of one URL.
type URL struct {
	URL string `json:"url"`
	// Scope is the host whose links the page may follow.
	Scope string `json:"scope"`
	// Want is what the link promised (an extract.Kind).
	Want int  `json:"want,omitempty"`
	Seed bool `json:"seed,omitempty"`
	// Depth counts the links away from a seed that did not come from a
	// listing or a post (a site's menu, say): seeds are 0. The crawl
	// follows such links only to a depth it is given.
	Depth int `json:"depth,omitempty"`

	Status Status `json:"status"`
	Pass   uint64 `json:"pass"`
	Seq    uint64 `json:"seq,omitempty"` // its queue key while queued
	// Tries counts the failed tries in this pass; NextAt is the earliest
	// time of the next.
	Tries  int       `json:"tries,omitempty"`
	NextAt time.Time `json:"next_at,omitzero"`
	Err    string    `json:"err,omitempty"`

	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Fetched      time.Time `json:"fetched,omitzero"`
	// Docs are the ids of the experiences this URL wrote.
	Docs []string `json:"docs,omitempty"`
}

// A Doc is a stored experience and the URL it was extracted from.
type Doc struct {
	URL        string              `json:"url"`
	Experience *askedat.Experience `json:"experience"`
}

// A Store is an open crawl state. It is safe for concurrent use.
type Store struct {
	db *bolt.DB
}

// Open opens (or creates) the state in dir. It fails with ErrLocked when
// another crawler has it open.
func Open(dir string) (*Store, error) { return open(dir, false) }

// OpenTemporary opens a state that need not survive a crash: its
// transactions are not synced to disk, which about doubles the pages a
// crawl without -data fetches a second.
func OpenTemporary(dir string) (*Store, error) { return open(dir, true) }

func open(dir string, noSync bool) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("state: %w", err)
	}
	path := filepath.Join(dir, FileName)
	db, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: time.Second, NoSync: noSync, NoFreelistSync: noSync})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("state %s: %w", path, ErrLocked)
	}
	if err != nil {
		return nil, fmt.Errorf("state %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketURLs, bucketQueue, bucketDocs, bucketHosts, bucketMeta} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("state %s: %w", path, err)
	}
	return &Store{db: db}, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path is the database file.
func (s *Store) Path() string { return s.db.Path() }

func pass(tx *bolt.Tx) uint64 {
	if v := tx.Bucket(bucketMeta).Get(keyPass); len(v) == 8 {
		return binary.BigEndian.Uint64(v)
	}
	return 0
}

// Pending reports whether the current pass has URLs queued: a crawl run
// now goes on with it.
func (s *Store) Pending() (bool, error) {
	var pending bool
	err := s.db.View(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketQueue).Cursor().First()
		pending = k != nil
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("state: %w", err)
	}
	return pending, nil
}

// StartPass begins a new pass when the current one is over (nothing is
// queued): every URL known is queued again, in the order first met, keeping
// its validators, depth and documents, so the new pass asks each page
// whether it changed. When the current pass has queued URLs it does
// nothing: that pass goes on.
func (s *Store) StartPass() error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		q := tx.Bucket(bucketQueue)
		if k, _ := q.Cursor().First(); k != nil {
			return nil
		}
		p := pass(tx) + 1
		if err := tx.Bucket(bucketMeta).Put(keyPass, be(p)); err != nil {
			return err
		}
		urls := tx.Bucket(bucketURLs)
		var all []URL
		err := urls.ForEach(func(_, v []byte) error {
			var u URL
			if err := json.Unmarshal(v, &u); err != nil {
				return err
			}
			all = append(all, u)
			return nil
		})
		if err != nil {
			return err
		}
		// Queue in the order met before: by the last queue key.
		sortBySeq(all)
		for i := range all {
			if err := requeue(tx, &all[i], p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("state: start pass: %w", err)
	}
	return nil
}

func sortBySeq(us []URL) {
	slices.SortStableFunc(us, func(a, b URL) int { return cmp.Compare(a.Seq, b.Seq) })
}

// requeue puts u in the queue of pass p, its tries reset.
func requeue(tx *bolt.Tx, u *URL, p uint64) error {
	q := tx.Bucket(bucketQueue)
	seq, err := q.NextSequence()
	if err != nil {
		return err
	}
	u.Status, u.Pass, u.Seq, u.Tries, u.NextAt, u.Err = Queued, p, seq, 0, time.Time{}, ""
	if err := q.Put(be(seq), []byte(u.URL)); err != nil {
		return err
	}
	return putURL(tx, u)
}

// Enqueue queues u (URL, Scope, Want, Seed and Depth set) unless it was
// met in the current pass already, and returns it as stored and whether it
// did. A URL known from an earlier pass keeps its validators and
// documents. A URL still queued that is met again nearer a seed takes the
// smaller depth.
func (s *Store) Enqueue(u URL) (URL, bool, error) {
	var added bool
	err := s.db.Update(func(tx *bolt.Tx) error {
		var err error
		u, added, err = enqueue(tx, u)
		return err
	})
	if err != nil {
		return u, false, fmt.Errorf("state: enqueue %s: %w", u.URL, err)
	}
	return u, added, nil
}

func enqueue(tx *bolt.Tx, u URL) (URL, bool, error) {
	p := pass(tx)
	old, ok, err := getURL(tx, u.URL)
	if err != nil {
		return u, false, err
	}
	if ok {
		if old.Pass == p {
			if old.Status == Queued && u.Depth < old.Depth {
				old.Depth = u.Depth
				return old, false, putURL(tx, &old)
			}
			return old, false, nil
		}
		old.Scope, old.Want, old.Seed, old.Depth = u.Scope, u.Want, old.Seed || u.Seed, u.Depth
		u = old
	}
	return u, true, requeue(tx, &u, p)
}

// Get returns what the state knows of rawURL.
func (s *Store) Get(rawURL string) (URL, bool, error) {
	var u URL
	var ok bool
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		u, ok, err = getURL(tx, rawURL)
		return err
	})
	return u, ok, err
}

func getURL(tx *bolt.Tx, rawURL string) (URL, bool, error) {
	return get[URL](tx, bucketURLs, rawURL)
}

// get reads the JSON value at key in bucket; false when there is none.
func get[T any](tx *bolt.Tx, bucket []byte, key string) (T, bool, error) {
	var v T
	b := tx.Bucket(bucket).Get([]byte(key))
	if b == nil {
		return v, false, nil
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return v, false, fmt.Errorf("%s %s: %w", bucket, key, err)
	}
	return v, true, nil
}

func putURL(tx *bolt.Tx, u *URL) error {
	v, err := json.Marshal(u)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketURLs).Put([]byte(u.URL), v)
}

// Queued returns the URLs queued in the current pass, in queue order.
func (s *Store) Queued() ([]URL, error) {
	var out []URL
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketQueue).ForEach(func(_, v []byte) error {
			u, ok, err := getURL(tx, string(v))
			if err != nil {
				return err
			}
			if ok && u.Status == Queued {
				out = append(out, u)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("state: queued: %w", err)
	}
	return out, nil
}

// A Result is what became of one URL: the queued one, or another it
// stands for (its redirect target, its canonical URL).
type Result struct {
	URL    string
	Status Status
	Err    string
	// Fetched, with the validators, is set when the page was answered
	// (200 or 304).
	Fetched            time.Time
	ETag, LastModified string
	// KeepDocs leaves the URL's documents as they were: the page did not
	// change (304), or the outcome says nothing about it. Otherwise Docs
	// are the experiences it gives now, and those it gave before and no
	// longer does are removed.
	KeepDocs bool
	Docs     []*askedat.Experience
}

// Finish records, in one transaction, what became of a queued URL and of
// the URLs it stands for (each a Result; a URL not met before is added),
// and queues the links found, returning those that were queued (the
// others were met in this pass already). Each Result's URL leaves the
// queue and is counted in the current pass. A document another URL already
// wrote in this pass is not replaced: the number of those is returned.
func (s *Store) Finish(rs []Result, links []URL) (added []URL, duplicates int, err error) {
	err = s.db.Update(func(tx *bolt.Tx) error {
		p := pass(tx)
		var scope string
		var want, depth int
		for i, r := range rs {
			u, ok, err := getURL(tx, r.URL)
			if err != nil {
				return err
			}
			if i == 0 && !ok {
				return fmt.Errorf("%s was never queued", r.URL)
			}
			if i == 0 {
				scope, want, depth = u.Scope, u.Want, u.Depth
			} else if ok && u.Pass == p && u.Status != Queued {
				// Finished in this pass already (a redirect to a page
				// fetched before): what it gave is written.
				duplicates += len(r.Docs)
				continue
			} else if !ok {
				// Met for the first time: it takes its place in the
				// order of the next pass here.
				seq, err := tx.Bucket(bucketQueue).NextSequence()
				if err != nil {
					return err
				}
				u = URL{URL: r.URL, Scope: scope, Want: want, Depth: depth, Seq: seq}
			}
			if u.Seq != 0 && u.Status == Queued {
				if err := tx.Bucket(bucketQueue).Delete(be(u.Seq)); err != nil {
					return err
				}
			}
			u.Status, u.Pass, u.Err, u.NextAt = r.Status, p, r.Err, time.Time{}
			if i > 0 {
				u.Tries = 0
			}
			if !r.Fetched.IsZero() {
				u.Fetched, u.ETag, u.LastModified = r.Fetched, r.ETag, r.LastModified
			}
			if !r.KeepDocs {
				n, err := replaceDocs(tx, &u, r.Docs, p)
				if err != nil {
					return err
				}
				duplicates += n
			}
			if err := putURL(tx, &u); err != nil {
				return err
			}
		}
		for _, l := range links {
			u, ok, err := enqueue(tx, l)
			if err != nil {
				return err
			}
			if ok {
				added = append(added, u)
			}
		}
		return nil
	})
	if err != nil {
		return nil, 0, fmt.Errorf("state: finish %s: %w", rs[0].URL, err)
	}
	return added, duplicates, nil
}

// replaceDocs stores docs as u's, and removes the documents u wrote before
// that it no longer gives. It returns how many of docs another URL
// finished in pass p wrote already (those are left alone).
func replaceDocs(tx *bolt.Tx, u *URL, docs []*askedat.Experience, p uint64) (duplicates int, err error) {
	b := tx.Bucket(bucketDocs)
	var mine []string
	for _, e := range docs {
		d, ok, err := getDoc(tx, e.ID)
		if err != nil {
			return 0, err
		}
		if ok && d.URL != u.URL && docPass(tx, d.URL) == p {
			duplicates++
			continue
		}
		v, err := json.Marshal(Doc{URL: u.URL, Experience: e})
		if err != nil {
			return 0, err
		}
		if err := b.Put([]byte(e.ID), v); err != nil {
			return 0, err
		}
		mine = append(mine, e.ID)
	}
	for _, id := range u.Docs {
		if slices.Contains(mine, id) {
			continue
		}
		d, ok, err := getDoc(tx, id)
		if err != nil {
			return 0, err
		}
		if ok && d.URL == u.URL {
			if err := b.Delete([]byte(id)); err != nil {
				return 0, err
			}
		}
	}
	u.Docs = mine
	return duplicates, nil
}

// docPass is the pass in which the URL that wrote a document was last
// finished.
func docPass(tx *bolt.Tx, rawURL string) uint64 {
	u, ok, err := getURL(tx, rawURL)
	if err != nil || !ok || u.Status == Queued {
		return 0
	}
	return u.Pass
}

func getDoc(tx *bolt.Tx, id string) (Doc, bool, error) {
	return get[Doc](tx, bucketDocs, id)
}

// Retry notes a failed try of queued URL rawURL: tries counts them, the
// next may start at next.
func (s *Store) Retry(rawURL string, tries int, next time.Time, why string) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		u, ok, err := getURL(tx, rawURL)
		if err != nil || !ok {
			return err
		}
		u.Tries, u.NextAt, u.Err = tries, next, why
		return putURL(tx, &u)
	})
	if err != nil {
		return fmt.Errorf("state: retry %s: %w", rawURL, err)
	}
	return nil
}

// PauseHost records that host must not be asked before until.
func (s *Store) PauseHost(host string, until time.Time) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		b, _ := until.MarshalText()
		return tx.Bucket(bucketHosts).Put([]byte(host), b)
	})
	if err != nil {
		return fmt.Errorf("state: pause %s: %w", host, err)
	}
	return nil
}

// Paused returns the hosts with a pause still to run, and until when.
func (s *Store) Paused(now time.Time) (map[string]time.Time, error) {
	out := make(map[string]time.Time)
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketHosts).ForEach(func(k, v []byte) error {
			var t time.Time
			if err := t.UnmarshalText(v); err != nil {
				return err
			}
			if t.After(now) {
				out[string(k)] = t
			}
			return nil
		})
	})
	return out, err
}

// Docs calls fn for every stored experience, in id order.
func (s *Store) Docs(fn func(Doc) error) error {
	return s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDocs).ForEach(func(k, v []byte) error {
			var d Doc
			if err := json.Unmarshal(v, &d); err != nil {
				return fmt.Errorf("state: doc %s: %w", k, err)
			}
			return fn(d)
		})
	})
}

// Counts tells how many URLs of the current pass are in each status, and
// how many documents are stored.
type Counts struct {
	Pass                          uint64
	Queued, Done, Failed, Skipped int
	Docs                          int
}

// Count returns the Counts.
func (s *Store) Count() (Counts, error) {
	var c Counts
	err := s.db.View(func(tx *bolt.Tx) error {
		c.Pass = pass(tx)
		c.Docs = tx.Bucket(bucketDocs).Stats().KeyN
		return tx.Bucket(bucketURLs).ForEach(func(_, v []byte) error {
			var u URL
			if err := json.Unmarshal(v, &u); err != nil {
				return err
			}
			if u.Pass != c.Pass {
				return nil
			}
			switch u.Status {
			case Queued:
				c.Queued++
			case Done:
				c.Done++
			case Failed:
				c.Failed++
			case Skipped:
				c.Skipped++
			}
			return nil
		})
	})
	return c, err
}

func be(n uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	return b[:]
}
