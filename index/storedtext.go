// Stored text: the long texts an index keeps for showing (a question's
// body, an experience's _source) compressed with zstd and a dictionary of
// the project's own text, where zap would compress each document alone
// with snappy, which gains little on a few hundred words (decision 140).

package index

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// storedDict1 is the raw-content dictionary of packing 1. It is frozen:
// every index packed with it is read with it, so a new dictionary is a new
// file, a new packing byte and a new MappingVersion, never an edit
// (TestStoredDictFrozen holds its hash).
//
//go:embed data/stored-dict-1.txt
var storedDict1 []byte

// The first byte of a packed value says how the rest is kept.
const (
	packedPlain byte = 0 // as it is: shorter than packing would make it
	packedZstd1 byte = 1 // zstd with storedDict1
)

// storedDictID is the dictionary's id inside zstd frames, checked by the
// decoder.
const storedDictID = 1

var storedCodec = sync.OnceValues(func() (*zstd.Encoder, *zstd.Decoder) {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderDictRaw(storedDictID, storedDict1),
		zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	if err != nil {
		panic(fmt.Sprintf("stored text encoder: %v", err)) // constant options
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderDictRaw(storedDictID, storedDict1),
		zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(64<<20))
	if err != nil {
		panic(fmt.Sprintf("stored text decoder: %v", err))
	}
	return enc, dec
})

// packText returns s as it is stored: compressed when that makes it
// shorter, else as it is, behind the byte that says which.
func packText(s string) string {
	if s == "" {
		return ""
	}
	enc, _ := storedCodec()
	buf := make([]byte, 1, len(s)/2+16)
	buf[0] = packedZstd1
	buf = enc.EncodeAll([]byte(s), buf)
	if len(buf) >= len(s)+1 {
		return string(packedPlain) + s
	}
	return string(buf)
}

// unpackText returns the text packText stored as b.
func unpackText(b []byte) (string, error) {
	if len(b) == 0 {
		return "", nil
	}
	switch b[0] {
	case packedPlain:
		return string(b[1:]), nil
	case packedZstd1:
		_, dec := storedCodec()
		out, err := dec.DecodeAll(b[1:], nil)
		if err != nil {
			return "", fmt.Errorf("unpack stored text: %w", err)
		}
		return string(out), nil
	}
	return "", fmt.Errorf("unpack stored text: unknown packing %d", b[0])
}
