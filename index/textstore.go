// The text store: each experience as the API returns it, kept beside
// bleve's segments in zstd blocks of many experiences, where zap would
// compress each document's stored fields alone (decision 144).

package index

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/zstd"

	"github.com/askedat/askedat/internal/fsutil"
)

// textDir is the folder of the text store inside an index's folder.
const textDir = "text"

// textBlockBytes is the most text a block gathers (unless one group is
// more) before it is compressed: zstd finds the repeats between
// experiences that compressing one at a time misses, and a hit shown costs
// the decompression of its block, about 0.02 ms for 16 KB (decision 144).
const textBlockBytes = 16 << 10

// textCodec compresses the text store's blocks at zstd's better level and
// reads them; both are safe for concurrent use. No dictionary: with one,
// klauspost's decoder takes its slower one-pass path and decodes a block
// 2.3 times slower, for 10 % less on disk (decision 144).
var textCodec = sync.OnceValues(func() (*zstd.Encoder, *zstd.Decoder) {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBetterCompression), zstd.WithEncoderConcurrency(1))
	if err != nil {
		panic(fmt.Sprintf("text store encoder: %v", err)) // constant options
	}
	// A block is 16 KB or one group, an input line of at most a few
	// megabytes: the bound only stops a damaged frame claiming more.
	dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(1<<30))
	if err != nil {
		panic(fmt.Sprintf("text store decoder: %v", err))
	}
	return enc, dec
})

// textMagic opens every file of the store.
const textMagic = "askedat-text-1\n"

// A textStore holds the records (experiences and questions as JSON) of
// an index, each experience's in one block, in
// files of blocks: each file is written by one process that opened the
// index for writing, appended to only by it, and never again once it
// closes, so copies of an index may share its files (indexer update links
// them). A file is the magic line, then blocks, each a little-endian
// uint32 length and a zstd frame of: the record count, each record's
// length (uvarints), the records. A record is found by its ref: file,
// block and position, as uvarints. A block is written before the batch
// of documents that refers to it is given to bleve, and synced (sync), so
// every document on disk refers to a block on disk; a tail a crash cut
// short is never referred to, and no process appends to that file again.
type textStore struct {
	dir      string
	readOnly bool

	mu    sync.Mutex
	files map[uint64]*textFile // opened so far
	next  uint64               // the number a new file takes
	cur   *textFile            // the file this process appends to, once it adds
	recs  [][]byte             // the records of the block being gathered
	bytes int                  // their size
	dirty bool                 // blocks written since the last sync
	fresh bool                 // cur's directory entry is not synced yet

	cache blockCache

	// memory, for an index held in memory (NewMemOnly), keeps the groups
	// of records as they are, the ref of group g being file 0, block g,
	// position 0.
	memory [][][]byte
	inMem  bool
}

// memoryTextStore returns a store that keeps its records in memory.
func memoryTextStore() *textStore {
	return &textStore{inMem: true, files: map[uint64]*textFile{}}
}

// A textFile is one file of the store and where its blocks start.
type textFile struct {
	f       *os.File
	size    int64   // bytes written or read so far
	offsets []int64 // each block's length prefix
}

// openTextStore opens (or, unless readOnly, creates) the store in dir.
func openTextStore(dir string, readOnly bool) (*textStore, error) {
	if !readOnly {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("text store: %w", err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("text store: %w", err)
	}
	s := &textStore{dir: dir, readOnly: readOnly, files: map[uint64]*textFile{}, next: 1}
	for _, e := range entries {
		if n, ok := textFileNumber(e.Name()); ok && n >= s.next {
			s.next = n + 1
		}
	}
	return s, nil
}

// textFileName is the name of file n; textFileNumber the number of a name.
func textFileName(n uint64) string { return fmt.Sprintf("%08d.blocks", n) }

func textFileNumber(name string) (uint64, bool) {
	base, ok := strings.CutSuffix(name, ".blocks")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseUint(base, 10, 64)
	return n, err == nil && n > 0
}

// add queues a group of records (an experience's: its own, then its
// questions'), which the store keeps (the caller must not change them),
// in one block, and returns the ref of the first; record i of the group
// is read with read(ref, i). They are on disk once sync returns.
func (s *textStore) add(group ...[]byte) (string, error) {
	if s.readOnly {
		return "", errors.New("text store: opened read-only")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inMem {
		s.memory = append(s.memory, group)
		return encodeRef(0, uint64(len(s.memory)-1), 0), nil
	}
	if s.cur == nil {
		if err := s.create(); err != nil {
			return "", err
		}
	}
	size := 0
	for _, rec := range group {
		size += len(rec)
	}
	// A block holds whole groups and passes textBlockBytes only when one
	// group does: a hit decodes its block whole.
	if s.bytes > 0 && s.bytes+size > textBlockBytes {
		if err := s.writeBlock(); err != nil {
			return "", err
		}
	}
	ref := encodeRef(s.next-1, uint64(len(s.cur.offsets)), uint64(len(s.recs)))
	s.recs = append(s.recs, group...)
	s.bytes += size
	return ref, nil
}

// create makes the file this process appends to: a new one, always.
func (s *textStore) create() error {
	n := s.next
	f, err := os.OpenFile(filepath.Join(s.dir, textFileName(n)), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("text store: %w", err)
	}
	if _, err := f.WriteAt([]byte(textMagic), 0); err != nil {
		f.Close()
		return fmt.Errorf("text store: write %s: %w", f.Name(), err)
	}
	s.next++
	s.cur = &textFile{f: f, size: int64(len(textMagic))}
	s.files[n] = s.cur
	s.fresh, s.dirty = true, true
	return nil
}

// writeBlock compresses the gathered records into a block at the end of
// the current file. s.mu is held.
func (s *textStore) writeBlock() error {
	if len(s.recs) == 0 {
		return nil
	}
	raw := binary.AppendUvarint(make([]byte, 0, s.bytes+3*len(s.recs)+8), uint64(len(s.recs)))
	for _, r := range s.recs {
		raw = binary.AppendUvarint(raw, uint64(len(r)))
	}
	for _, r := range s.recs {
		raw = append(raw, r...)
	}
	enc, _ := textCodec()
	frame := enc.EncodeAll(raw, make([]byte, 4, len(raw)/2+64))
	binary.LittleEndian.PutUint32(frame, uint32(len(frame)-4))
	c := s.cur
	if _, err := c.f.WriteAt(frame, c.size); err != nil {
		return fmt.Errorf("text store: write %s: %w", c.f.Name(), err)
	}
	c.offsets = append(c.offsets, c.size)
	c.size += int64(len(frame))
	s.recs, s.bytes, s.dirty = s.recs[:0], 0, true
	return nil
}

// sync writes the records gathered so far and makes every block written
// durable: call it before bleve is given documents that refer to them.
func (s *textStore) sync() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil {
		return nil
	}
	if err := s.writeBlock(); err != nil {
		return err
	}
	if !s.dirty {
		return nil
	}
	if err := s.cur.f.Sync(); err != nil {
		return fmt.Errorf("text store: sync %s: %w", s.cur.f.Name(), err)
	}
	if s.fresh {
		if err := fsutil.SyncDir(s.dir); err != nil {
			return fmt.Errorf("text store: %w", err)
		}
		s.fresh = false
	}
	s.dirty = false
	return nil
}

// read returns record i of the group whose first record ref names.
func (s *textStore) read(ref []byte, i int) ([]byte, error) {
	g, err := s.group(ref)
	if err != nil {
		return nil, err
	}
	return g(i)
}

// group returns the records of the group whose first record ref names,
// record i as g(i): its block is read and decompressed once, however many
// of them are read.
func (s *textStore) group(ref []byte) (g func(i int) ([]byte, error), err error) {
	file, block, first, err := decodeRef(ref)
	if err != nil {
		return nil, err
	}
	if s.inMem {
		s.mu.Lock()
		defer s.mu.Unlock()
		if file != 0 || first != 0 || block >= uint64(len(s.memory)) {
			return nil, fmt.Errorf("text store: no group %x in memory", ref)
		}
		recs := s.memory[block]
		return func(i int) ([]byte, error) {
			if i >= len(recs) {
				return nil, fmt.Errorf("text store: no record %x/%d in memory", ref, i)
			}
			return recs[i], nil
		}, nil
	}
	raw, err := s.block(file, block)
	if err != nil {
		return nil, err
	}
	return func(i int) ([]byte, error) { return record(raw, first+uint64(i), file, block) }, nil
}

// block returns block b of file f decompressed, from the cache or the
// file.
func (s *textStore) block(file, block uint64) ([]byte, error) {
	if raw, ok := s.cache.get(file, block); ok {
		return raw, nil
	}
	s.mu.Lock()
	f, off, err := s.locate(file, block)
	s.mu.Unlock()
	if err != nil {
		return nil, err
	}
	var head [4]byte
	if _, err := f.ReadAt(head[:], off); err != nil {
		return nil, fmt.Errorf("text store: read block %d of file %d: %w", block, file, err)
	}
	fp := framePool.Get().(*[]byte)
	defer framePool.Put(fp)
	n := int(binary.LittleEndian.Uint32(head[:]))
	frame := slices.Grow((*fp)[:0], n)[:n]
	*fp = frame
	if _, err := f.ReadAt(frame, off+4); err != nil {
		return nil, fmt.Errorf("text store: read block %d of file %d: %w", block, file, err)
	}
	_, dec := textCodec()
	raw, err := dec.DecodeAll(frame, nil)
	if err != nil {
		return nil, fmt.Errorf("text store: block %d of file %d: %w", block, file, err)
	}
	s.cache.put(file, block, raw)
	return raw, nil
}

// locate returns the file of a block and the block's offset, opening and
// scanning the file the first time, and again when the block is past
// what was scanned (a file another process appended to). s.mu is held.
func (s *textStore) locate(file, block uint64) (*os.File, int64, error) {
	tf := s.files[file]
	if tf == nil {
		f, err := os.Open(filepath.Join(s.dir, textFileName(file)))
		if err != nil {
			return nil, 0, fmt.Errorf("text store: %w", err)
		}
		tf = &textFile{f: f}
		s.files[file] = tf
	}
	if block >= uint64(len(tf.offsets)) && tf != s.cur {
		if err := tf.scan(); err != nil {
			return nil, 0, err
		}
	}
	if block >= uint64(len(tf.offsets)) {
		return nil, 0, fmt.Errorf("text store: file %d has %d blocks, not block %d", file, len(tf.offsets), block)
	}
	return tf.f, tf.offsets[block], nil
}

// scan reads the block lengths from where the last scan stopped to the
// last whole block.
func (tf *textFile) scan() error {
	if tf.size == 0 {
		head := make([]byte, len(textMagic))
		if _, err := tf.f.ReadAt(head, 0); err != nil || string(head) != textMagic {
			return fmt.Errorf("text store: %s is not a file of the text store", tf.f.Name())
		}
		tf.size = int64(len(textMagic))
	}
	st, err := tf.f.Stat()
	if err != nil {
		return fmt.Errorf("text store: %w", err)
	}
	var head [4]byte
	for tf.size+4 <= st.Size() {
		if _, err := tf.f.ReadAt(head[:], tf.size); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return fmt.Errorf("text store: scan %s: %w", tf.f.Name(), err)
		}
		end := tf.size + 4 + int64(binary.LittleEndian.Uint32(head[:]))
		if end > st.Size() {
			break // a tail a crash cut short: no document refers to it
		}
		tf.offsets = append(tf.offsets, tf.size)
		tf.size = end
	}
	return nil
}

// record returns record pos of a decompressed block.
func record(raw []byte, pos, file, block uint64) ([]byte, error) {
	bad := fmt.Errorf("text store: block %d of file %d is damaged", block, file)
	n, k := binary.Uvarint(raw)
	if k <= 0 || pos >= n {
		return nil, bad
	}
	raw = raw[k:]
	var start, length uint64
	for i := uint64(0); i < n; i++ {
		l, k := binary.Uvarint(raw)
		if k <= 0 {
			return nil, bad
		}
		raw = raw[k:]
		if i < pos {
			start += l
		} else if i == pos {
			length = l
		}
	}
	if start+length > uint64(len(raw)) {
		return nil, bad
	}
	return raw[start : start+length : start+length], nil
}

// close closes the store's files.
func (s *textStore) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var first error
	for _, tf := range s.files {
		if err := tf.f.Close(); err != nil && first == nil {
			first = fmt.Errorf("text store: %w", err)
		}
	}
	s.files, s.cur = map[uint64]*textFile{}, nil
	return first
}

// docRef is the ref of a document: its experience's record's, and which
// document of the experience it is (0 the experience, i its i-th
// question).
func docRef(rec string, i int) string { return string(binary.AppendUvarint([]byte(rec), uint64(i))) }

// splitDocRef returns the record's ref and the document's position of a
// docRef.
func splitDocRef(ref []byte) (rec []byte, i int, err error) {
	rest := ref
	for range 3 {
		_, k := binary.Uvarint(rest)
		if k <= 0 {
			return nil, 0, fmt.Errorf("text store: bad ref %x", ref)
		}
		rest = rest[k:]
	}
	v, k := binary.Uvarint(rest)
	if k <= 0 || k != len(rest) {
		return nil, 0, fmt.Errorf("text store: bad ref %x", ref)
	}
	return ref[:len(ref)-len(rest)], int(v), nil
}

func encodeRef(file, block, pos uint64) string {
	b := binary.AppendUvarint(nil, file)
	b = binary.AppendUvarint(b, block)
	return string(binary.AppendUvarint(b, pos))
}

func decodeRef(ref []byte) (file, block, pos uint64, err error) {
	var vals [3]uint64
	rest := ref
	for i := range vals {
		v, k := binary.Uvarint(rest)
		if k <= 0 {
			return 0, 0, 0, fmt.Errorf("text store: bad ref %x", ref)
		}
		vals[i], rest = v, rest[k:]
	}
	if len(rest) != 0 {
		return 0, 0, 0, fmt.Errorf("text store: bad ref %x", ref)
	}
	return vals[0], vals[1], vals[2], nil
}

// framePool holds the buffers blocks are read into before decoding.
var framePool = sync.Pool{New: func() any { return new([]byte) }}

// blockCache keeps the last blocks read, decompressed: a page of hits
// often has several questions of one post, and an experience page reads
// the block its hit did. Records are slices of their blocks, so a block
// is never reused.
type blockCache struct {
	mu      sync.Mutex
	entries []cachedBlock // most recent last
}

type cachedBlock struct {
	file, block uint64
	raw         []byte
}

const cachedBlocks = 16

func (c *blockCache) get(file, block uint64) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, e := range c.entries {
		if e.file == file && e.block == block {
			c.entries = append(slices.Delete(c.entries, i, i+1), e)
			return e.raw, true
		}
	}
	return nil, false
}

func (c *blockCache) put(file, block uint64, raw []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) == cachedBlocks {
		c.entries = slices.Delete(c.entries, 0, 1)
	}
	c.entries = append(c.entries, cachedBlock{file: file, block: block, raw: raw})
}

// copyTo copies the store's files into dir, which it makes: hard links
// where the file system allows (no file is written again once its process
// closes it, and a process that writes makes a file of its own), copies
// elsewhere.
func (s *textStore) copyTo(dir string) error {
	if s.inMem {
		return errors.New("text store: held in memory")
	}
	if err := s.sync(); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("text store: %w", err)
	}
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return fmt.Errorf("text store: %w", err)
	}
	for _, e := range entries {
		if _, ok := textFileNumber(e.Name()); !ok {
			continue
		}
		if err := fsutil.LinkOrCopy(filepath.Join(s.dir, e.Name()), filepath.Join(dir, e.Name())); err != nil {
			return fmt.Errorf("text store: copy %s: %w", e.Name(), err)
		}
	}
	if err := fsutil.SyncDir(dir); err != nil {
		return fmt.Errorf("text store: %w", err)
	}
	return nil
}
