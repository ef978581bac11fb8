package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// ErrNotFound is returned when a document does not exist.
var ErrNotFound = errors.New("not found")

// metaKey is the internal key under which an index records its Meta.
var metaKey = []byte("askedat.meta")

// Meta describes how an index was built.
type Meta struct {
	MappingVersion int    `json:"mapping_version"`
	Created        string `json:"created"`
}

// An Index is one bleve index of experiences and their questions.
type Index struct {
	bi       bleve.Index
	path     string
	readOnly bool
	text     *textStore // what hits show and the API returns

	mu   sync.Mutex
	snap *snapshot // what searches read; nil until the first search
}

// Create makes a new index in dir, which must not exist yet.
func Create(dir string) (*Index, error) {
	if _, err := os.Stat(dir); err == nil {
		return nil, fmt.Errorf("create index %s: the folder already exists", dir)
	}
	bi, err := bleve.NewUsing(dir, buildMapping(), bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, nil)
	if err != nil {
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	text, err := openTextStore(filepath.Join(dir, textDir), false)
	if err != nil {
		bi.Close()
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	meta, _ := json.Marshal(Meta{MappingVersion: MappingVersion, Created: time.Now().UTC().Format(time.RFC3339)})
	if err := bi.SetInternal(metaKey, meta); err != nil {
		bi.Close()
		return nil, fmt.Errorf("create index %s: record meta: %w", dir, err)
	}
	return &Index{bi: bi, path: dir, text: text}, nil
}

// NewMemOnly returns an index held in memory, for tests.
func NewMemOnly() (*Index, error) {
	// scorch with no path keeps its segments in memory; the search engine
	// needs scorch's document numbers.
	bi, err := bleve.NewUsing("", buildMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create in-memory index: %w", err)
	}
	return &Index{bi: bi, path: "(memory)", text: memoryTextStore()}, nil
}

// Open opens the index in dir for reading and writing. It waits at most two
// seconds for another process that holds the index open, then fails.
func Open(dir string) (*Index, error) { return open(dir, false) }

// OpenReadOnly opens the index in dir for searching only: no background
// merging or persisting runs, and several processes may open it at once.
// searchd serves indexes this way.
func OpenReadOnly(dir string) (*Index, error) { return open(dir, true) }

func open(dir string, readOnly bool) (*Index, error) {
	cfg := map[string]interface{}{"bolt_timeout": "2s"}
	if readOnly {
		cfg["read_only"] = true
	}
	bi, err := bleve.OpenUsing(dir, cfg)
	if err != nil {
		if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) || errors.Is(err, bleve.ErrorIndexMetaMissing) {
			return nil, fmt.Errorf("open index %s: no index there (build one with indexer -docs FILE -index %s): %w", dir, dir, err)
		}
		if strings.Contains(err.Error(), "timeout") {
			return nil, fmt.Errorf("open index %s: another process holds it open: %w", dir, err)
		}
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	idx := &Index{bi: bi, path: dir, readOnly: readOnly}
	meta, err := idx.Meta()
	if err != nil {
		bi.Close()
		return nil, err
	}
	if meta.MappingVersion != MappingVersion {
		bi.Close()
		return nil, fmt.Errorf("open index %s: built with mapping version %d, this program needs %d: rebuild it with indexer", dir, meta.MappingVersion, MappingVersion)
	}
	if idx.text, err = openTextStore(filepath.Join(dir, textDir), readOnly); err != nil {
		bi.Close()
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	return idx, nil
}

// identity returns a name for the content of an index opened read-only:
// a hash of its meta record and of each segment file's name, size and
// footer (a zap segment ends with the CRC of its contents). Segment files
// are never rewritten (new content is new files), so every process that
// opens the same version, or a copy of it, gets the same identity, and a
// version with other content another one. It returns "" for an index that
// may be written (its segments may not be on disk yet).
func (x *Index) identity() (string, error) {
	if !x.readOnly || x.path == "" {
		return "", nil
	}
	meta, err := x.bi.GetInternal(metaKey)
	if err != nil {
		return "", fmt.Errorf("identity of index %s: %w", x.path, err)
	}
	h := sha256.New()
	h.Write(meta)
	// Another table of synonyms or companies answers the same request
	// otherwise: a cursor of one is no cursor of the other.
	for _, k := range []string{synonymsKey, companiesKey} {
		v, err := x.bi.GetInternal([]byte(k))
		if err != nil {
			return "", fmt.Errorf("identity of index %s: %w", x.path, err)
		}
		fmt.Fprintf(h, "%s=%d:", k, len(v))
		h.Write(v)
	}
	files, err := filepath.Glob(filepath.Join(x.path, "store", "*.zap"))
	if err != nil {
		return "", fmt.Errorf("identity of index %s: %w", x.path, err)
	}
	texts, err := filepath.Glob(filepath.Join(x.path, textDir, "*.blocks"))
	if err != nil {
		return "", fmt.Errorf("identity of index %s: %w", x.path, err)
	}
	files = append(files, texts...)
	sort.Strings(files)
	for _, f := range files {
		if err := footer(h, f); err != nil {
			return "", fmt.Errorf("identity of index %s: %w", x.path, err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:12]), nil
}

// footer writes a segment file's name, size and last 16 bytes to w.
func footer(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	var tail [16]byte
	n, err := f.ReadAt(tail[:], max(0, st.Size()-int64(len(tail))))
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	fmt.Fprintf(w, "%s|%d|%x|", filepath.Base(path), st.Size(), tail[:n])
	return nil
}

// Compact merges the index's segments into one, so that a freshly built
// index is opened with no merging left to do (scorch otherwise goes on
// merging after the next open, competing with the first searches), and a
// search walks one postings list per term.
func (x *Index) Compact(ctx context.Context) error {
	adv, err := x.bi.Advanced()
	if err != nil {
		return fmt.Errorf("compact %s: %w", x.path, err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil // not a scorch index (in memory): nothing to merge
	}
	if err := s.ForceMerge(ctx, nil); err != nil {
		return fmt.Errorf("compact %s: %w", x.path, err)
	}
	x.dropSnapshot()
	return nil
}

// CopyTo writes a copy of the index as it stands into dir, which must not
// exist: only the live segments, so that after Compact the copy holds one
// segment and none of the files that merging left behind (scorch removes
// those in the background, and a build that closes right away leaves them).
func (x *Index) CopyTo(dir string) error {
	c, ok := x.bi.(bleve.IndexCopyable)
	if !ok {
		return fmt.Errorf("copy %s: this index cannot be copied", x.path)
	}
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("copy %s: %s already exists", x.path, dir)
	}
	if err := c.CopyTo(bleve.FileSystemDirectory(dir)); err != nil {
		return fmt.Errorf("copy %s to %s: %w", x.path, dir, err)
	}
	if err := x.text.copyTo(filepath.Join(dir, textDir)); err != nil {
		return fmt.Errorf("copy %s to %s: %w", x.path, dir, err)
	}
	return nil
}

// Meta returns how the index was built.
func (x *Index) Meta() (Meta, error) {
	raw, err := x.bi.GetInternal(metaKey)
	if err != nil {
		return Meta{}, fmt.Errorf("read meta of index %s: %w", x.path, err)
	}
	var m Meta
	if raw == nil {
		return Meta{}, fmt.Errorf("index %s has no meta record: it was not built by this product", x.path)
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return Meta{}, fmt.Errorf("read meta of index %s: %w", x.path, err)
	}
	return m, nil
}

// Path returns the folder the index lives in.
func (x *Index) Path() string { return x.path }

// Close closes the index.
func (x *Index) Close() error {
	x.dropSnapshot()
	if err := x.bi.Close(); err != nil {
		return fmt.Errorf("close index %s: %w", x.path, err)
	}
	if err := x.text.close(); err != nil {
		return fmt.Errorf("close index %s: %w", x.path, err)
	}
	return nil
}

// DocCount returns the number of documents (questions and experiences).
func (x *Index) DocCount() (uint64, error) {
	n, err := x.bi.DocCount()
	if err != nil {
		return 0, fmt.Errorf("count documents of index %s: %w", x.path, err)
	}
	return n, nil
}

// Experience returns the experience with the given id, with all its
// questions, or an error wrapping ErrNotFound.
func (x *Index) Experience(ctx context.Context, id string) (*Experience, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	doc, err := x.bi.Document(id)
	if err != nil {
		return nil, fmt.Errorf("get experience %s: %w", id, err)
	}
	if doc == nil {
		return nil, fmt.Errorf("experience %s: %w", id, ErrNotFound)
	}
	ref, i, err := refOf(doc, id)
	if err != nil {
		return nil, err
	}
	if i != 0 {
		return nil, fmt.Errorf("experience %s: %w (it is a question)", id, ErrNotFound)
	}
	return x.text.experience(ref, id)
}
