// Stored text's dictionary: the raw-content zstd dictionary of the
// project's own text that the text store compresses its blocks with
// (textstore.go; decisions 140 and 144).

package index

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// storedDict1 is the raw-content dictionary of the text store. It is
// frozen: every index written with it is read with it, so a new dictionary
// is a new file, a new dictionary id and a new MappingVersion, never an
// edit (TestStoredDictFrozen holds its hash).
//
//go:embed data/stored-dict-1.txt
var storedDict1 []byte

// storedDictID is the dictionary's id inside zstd frames, checked by the
// decoder.
const storedDictID = 1

// textCodec compresses the text store's blocks at zstd's better level
// with storedDict1 and reads them. Both are safe for concurrent use.
var textCodec = sync.OnceValues(func() (*zstd.Encoder, *zstd.Decoder) {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderDictRaw(storedDictID, storedDict1),
		zstd.WithEncoderLevel(zstd.SpeedBetterCompression), zstd.WithEncoderConcurrency(1))
	if err != nil {
		panic(fmt.Sprintf("text store encoder: %v", err)) // constant options
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderDictRaw(storedDictID, storedDict1),
		// A block is 64 KB and its last record, an input line of at most
		// a few megabytes: the bound only stops a damaged frame claiming more.
		zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(1<<30))
	if err != nil {
		panic(fmt.Sprintf("text store decoder: %v", err))
	}
	return enc, dec
})
