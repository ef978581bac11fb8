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
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/askedat/askedat/internal/catalog"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bindex "github.com/blevesearch/bleve_index_api"
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
	meta, _ := json.Marshal(Meta{MappingVersion: MappingVersion, Created: time.Now().UTC().Format(time.RFC3339)})
	if err := bi.SetInternal(metaKey, meta); err != nil {
		bi.Close()
		return nil, fmt.Errorf("create index %s: record meta: %w", dir, err)
	}
	return &Index{bi: bi, path: dir}, nil
}

// NewMemOnly returns an index held in memory, for tests.
func NewMemOnly() (*Index, error) {
	// scorch with no path keeps its segments in memory; the search engine
	// needs scorch's document numbers.
	bi, err := bleve.NewUsing("", buildMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create in-memory index: %w", err)
	}
	return &Index{bi: bi, path: "(memory)"}, nil
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
	var src []byte
	doc.VisitFields(func(f bindex.Field) {
		if f.Name() == fieldSource {
			src = f.Value()
		}
	})
	if src == nil {
		return nil, fmt.Errorf("experience %s: %w", id, ErrNotFound)
	}
	var e Experience
	if err := json.Unmarshal(src, &e); err != nil {
		return nil, fmt.Errorf("decode experience %s: %w", id, err)
	}
	return &e, nil
}

// A Writer adds experiences to an index in batches. Add maps documents in
// the caller's goroutine; full batches go to writeWorkers goroutines that
// analyse them and build their segments at the same time, so a bulk build
// keeps every core busy. It is not safe for concurrent use; call Flush to
// finish.
type Writer struct {
	x          *Index
	batch      *bleve.Batch
	batchDocs  int
	batchBytes int // text and _source queued in batch (documentBytes)
	size       int
	maxBytes   int
	companies  *companyAliases // spells the companies of what is added (writerCompanies)

	pending chan *bleve.Batch // to the write workers
	wg      sync.WaitGroup
	errMu   sync.Mutex
	err     error // the first write error
}

// DefaultBatchSize is the number of documents a Writer sends to bleve at once.
const DefaultBatchSize = 5000

// DefaultBatchBytes is the text a Writer sends to bleve at once: a batch is
// also sent once the text and _source of its documents reach this many
// bytes, however few they are. Building a batch's segment costs many times
// its text (decision 109), and up to writeWorkers+1 batches are in memory at
// once, so a count alone let a few big documents pile up gigabytes. A batch of
// 5,000 real documents holds about 10 MB, so real builds rarely flush early.
const DefaultBatchBytes = 16 << 20

// MaxFieldBytes bounds the text of one field of one document that is
// analysed and stored for search: a title, a body, an experience's text (its
// summary, body and question titles). Past it the text is cut (at a word
// where one ends near it) before analysis, and catalogue tagging reads only
// what is kept; the experience's _source, which the API returns, stays
// whole. Analysis costs 100-200 bytes of memory per byte of text (a 10 MB
// body took 2 GB); the largest real post is about 21 KB, three times less.
// At 256 KiB, 200 lines of 300 KB of random words took 10.3 GB to index; at
// 64 KiB, 3.7 GB (decision 109).
const MaxFieldBytes = 64 << 10

// writeWorkers is how many batches are written at once.
var writeWorkers = min(2, runtime.GOMAXPROCS(0))

// NewWriter returns a Writer that flushes every batchSize documents
// (DefaultBatchSize if batchSize ≤ 0) or DefaultBatchBytes of text, whichever
// comes first.
func (x *Index) NewWriter(batchSize int) *Writer {
	if batchSize <= 0 {
		batchSize = DefaultBatchSize
	}
	return &Writer{x: x, batch: x.bi.NewBatch(), size: batchSize, maxBytes: DefaultBatchBytes, companies: x.writerCompanies()}
}

// SetBatchBytes makes w send a batch once its documents hold n bytes of text
// (DefaultBatchBytes if n ≤ 0).
func (w *Writer) SetBatchBytes(n int) {
	if n <= 0 {
		n = DefaultBatchBytes
	}
	w.maxBytes = n
}

// An InvalidError says why an experience cannot be indexed.
type InvalidError struct{ Err error }

func (e *InvalidError) Error() string { return e.Err.Error() }
func (e *InvalidError) Unwrap() error { return e.Err }

// Add normalises e, checks it, and queues its experience document and one
// document per question. It returns an *InvalidError for an experience that
// cannot be indexed, and the writer stays usable.
func (w *Writer) Add(e *Experience) error { return w.AddReplacing(e, nil) }

// AddReplacing is Add for an experience that was added before with questions
// numbered oldOrdinals: the old question documents that the new version no
// longer has are deleted. When e is invalid nothing changes.
func (w *Writer) AddReplacing(e *Experience, oldOrdinals []int) error {
	if err := w.firstErr(); err != nil {
		return err
	}
	Normalize(e)
	w.renormalize(e)
	if err := e.Validate(); err != nil {
		return &InvalidError{Err: err}
	}
	docs, err := documents(e)
	if err != nil {
		return err
	}
	if oldOrdinals != nil {
		// Batches in flight are written in any order: the old version
		// must be written before the new one is queued.
		if err := w.Flush(); err != nil {
			return err
		}
	}
	for _, n := range oldOrdinals {
		w.batch.Delete(QuestionID(e.ID, n))
		w.batchDocs++
	}
	for _, d := range docs {
		if err := w.batch.Index(d.id, d.fields); err != nil {
			return fmt.Errorf("queue document %s: %w", d.id, err)
		}
		w.batchBytes += documentBytes(d.fields)
	}
	w.batchDocs += len(docs)
	if w.batchDocs >= w.size || w.batchBytes >= w.maxBytes {
		return w.send()
	}
	return nil
}

// DeleteQuestions queues the deletion of the question documents numbered
// ordinals of the experience expID.
func (w *Writer) DeleteQuestions(expID string, ordinals []int) {
	for _, n := range ordinals {
		w.batch.Delete(QuestionID(expID, n))
		w.batchDocs++
	}
}

// Delete queues the deletion of the experience expID and of its question
// documents numbered ordinals.
func (w *Writer) Delete(expID string, ordinals []int) {
	w.batch.Delete(expID)
	w.batchDocs++
	w.DeleteQuestions(expID, ordinals)
}

// notePrefix keeps the keys of SetNote apart from the index's own records.
const notePrefix = "askedat.note."

// SetNote queues a small record under key, written in the same batch as
// the documents queued with it: once Flush returns, both are on disk, or, if
// the process dies first, neither is. A nil val removes the record. Jobs
// keep their progress this way (Index.Note reads it back).
func (w *Writer) SetNote(key string, val []byte) {
	if val == nil {
		w.batch.DeleteInternal([]byte(notePrefix + key))
	} else {
		w.batch.SetInternal([]byte(notePrefix+key), val)
	}
	w.batchDocs++
}

// Note returns the record SetNote wrote under key, or nil.
func (x *Index) Note(key string) ([]byte, error) {
	v, err := x.bi.GetInternal([]byte(notePrefix + key))
	if err != nil {
		return nil, fmt.Errorf("read note %s of index %s: %w", key, x.path, err)
	}
	return v, nil
}

func (w *Writer) firstErr() error {
	w.errMu.Lock()
	defer w.errMu.Unlock()
	return w.err
}

// send hands the full batch to the write workers and starts a new one.
func (w *Writer) send() error {
	if w.pending == nil {
		w.pending = make(chan *bleve.Batch)
		for i := 0; i < writeWorkers; i++ {
			w.wg.Add(1)
			go w.writeLoop()
		}
	}
	w.pending <- w.batch
	w.batch = w.x.bi.NewBatch()
	w.batchDocs, w.batchBytes = 0, 0
	return w.firstErr()
}

func (w *Writer) writeLoop() {
	defer w.wg.Done()
	for b := range w.pending {
		if w.firstErr() != nil {
			continue // drain; the first error is the one reported
		}
		if err := w.x.bi.Batch(b); err != nil {
			w.errMu.Lock()
			if w.err == nil {
				w.err = fmt.Errorf("write batch of %d documents to %s: %w", b.Size(), w.x.path, err)
			}
			w.errMu.Unlock()
		}
	}
}

// Flush writes every queued document to the index and waits until it is
// written.
func (w *Writer) Flush() error {
	if w.batchDocs > 0 && w.firstErr() == nil {
		w.send()
	}
	if w.pending != nil {
		close(w.pending)
		w.wg.Wait()
		w.pending = nil
	}
	w.x.dropSnapshot() // searches from now on see what was written
	return w.firstErr()
}

type document struct {
	id     string
	fields map[string]interface{}
}

// documents turns an experience into its index documents: the experience
// itself, then its questions.
func documents(e *Experience) ([]document, error) {
	src, err := json.Marshal(e)
	if err != nil {
		return nil, fmt.Errorf("encode experience %s: %w", e.ID, err)
	}
	common := func(typ string) map[string]interface{} {
		m := map[string]interface{}{
			fieldType:         typ,
			fieldExperienceID: e.ID,
		}
		putString(m, fieldCompany, e.Company)
		putString(m, fieldRole, e.Role)
		putString(m, fieldStatus, e.Status)
		putString(m, fieldURL, e.URL)
		putString(m, fieldDay, e.Date)
		return m
	}

	docs := make([]document, 0, len(e.Questions)+1)
	exp := common(TypeExperience)
	putString(exp, fieldETitle, capText(e.Title))
	var body strings.Builder
	body.WriteString(e.Summary)
	if e.Body != "" {
		body.WriteString("\n\n")
		body.WriteString(e.Body)
	}
	cats, diffs := []string{}, []string{}
	seenCat, seenDiff := map[string]bool{}, map[string]bool{}
	if e.Difficulty != "" {
		// The interview's own rating: an experience search filtered to Hard
		// finds the interviews rated hard. Its questions keep their own
		// difficulty (often none); they do not inherit the interview's.
		seenDiff[e.Difficulty] = true
		diffs = append(diffs, e.Difficulty)
	}
	// The catalogue's problems and topics the post mentions: its
	// questions', and those its own words name (a problem told in prose).
	// Each line is tagged alone: a catalogue entry's "unless" words look
	// at the whole text given, and one line's "matrix" says nothing of
	// another line's tree.
	var concepts []string
	for _, text := range []string{e.Title, e.Summary, e.Body} {
		for _, line := range strings.Split(capText(text), "\n") {
			concepts = append(concepts, catalog.Tags(line)...)
		}
	}
	qConcepts := make([][]string, len(e.Questions))
	for i, q := range e.Questions {
		qConcepts[i] = catalog.Tags(capText(q.Title + "\n" + q.Body))
		concepts = append(concepts, qConcepts[i]...)
	}
	putList(exp, fieldConcept, concepts)
	for _, q := range e.Questions {
		body.WriteString("\n\n")
		body.WriteString(q.Title)
		if q.Category != "" && !seenCat[q.Category] {
			seenCat[q.Category] = true
			cats = append(cats, q.Category)
		}
		if d := indexedDifficulty(&q); d != "" && !seenDiff[d] {
			seenDiff[d] = true
			diffs = append(diffs, d)
		}
	}
	putString(exp, fieldEBody, capText(strings.TrimSpace(body.String())))
	if len(cats) > 0 {
		exp[fieldCategory] = cats
	}
	if len(diffs) > 0 {
		exp[fieldDifficulty] = diffs
	}
	exp[fieldReads] = float64(e.Reads)
	exp[fieldSource] = string(src)
	docs = append(docs, document{id: e.ID, fields: exp})

	for i, q := range e.Questions {
		m := common(TypeQuestion)
		putList(m, fieldConcept, qConcepts[i])
		m[fieldOrdinal] = float64(q.Ordinal)
		putString(m, fieldTitle, capText(q.Title))
		putString(m, fieldBody, capText(q.Body))
		putString(m, fieldCategory, q.Category)
		putString(m, fieldDifficulty, indexedDifficulty(&q))
		putString(m, fieldCluster, q.Cluster)
		putString(m, fieldClusterTitle, q.ClusterTitle)
		if q.AskedAt > 0 {
			m[fieldAsked] = fmt.Sprintf("%06d", q.AskedAt)
		}
		docs = append(docs, document{id: QuestionID(e.ID, q.Ordinal), fields: m})
	}
	return docs, nil
}

// documentBytes is the text of a document's fields: what a batch's memory
// grows with.
func documentBytes(fields map[string]interface{}) int {
	n := 0
	for _, v := range fields {
		switch v := v.(type) {
		case string:
			n += len(v)
		case []string:
			for _, s := range v {
				n += len(s)
			}
		}
	}
	return n
}

// capText returns s cut to at most MaxFieldBytes, at the last space within
// the final 1 KiB before the limit when there is one (so no word is cut in
// two), else at a character boundary.
func capText(s string) string {
	if len(s) <= MaxFieldBytes {
		return s
	}
	cut := MaxFieldBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if c := s[cut]; c == ' ' || c == '\t' || c == '\n' {
		return s[:cut] // a word ends at the limit
	}
	if i := strings.LastIndexAny(s[:cut], " \t\n"); i >= cut-1024 && i > 0 {
		cut = i
	}
	return s[:cut]
}

// putList sets m[k] to the distinct values of vs, sorted, unless there are
// none.
func putList(m map[string]interface{}, k string, vs []string) {
	if len(vs) == 0 {
		return
	}
	vs = slices.Compact(slices.Sorted(slices.Values(vs)))
	m[k] = vs
}

// putString sets m[k] = v unless v is empty: an empty facet value is no
// value, not a value "".
func putString(m map[string]interface{}, k, v string) {
	if v != "" {
		m[k] = v
	}
}
