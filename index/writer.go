// Writing: the batched Writer (adds, replacements, deletions, notes) and
// its write workers.

package index

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/blevesearch/bleve/v2"
)

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
	docs, recs, err := documents(e)
	if err != nil {
		return err
	}
	ref, err := w.x.text.add(recs...)
	if err != nil {
		return fmt.Errorf("keep experience %s: %w", e.ID, err)
	}
	for i, d := range docs {
		d.fields[fieldRef] = docRef(ref, i) // docs[0] is the experience, then its questions
		w.batchBytes += len(recs[i])
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
	// Every document of the batch refers to its experience's record:
	// the records are on disk before the batch is.
	if err := w.x.text.sync(); err != nil {
		w.errMu.Lock()
		if w.err == nil {
			w.err = fmt.Errorf("write batch to %s: %w", w.x.path, err)
		}
		w.errMu.Unlock()
		return w.firstErr()
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
