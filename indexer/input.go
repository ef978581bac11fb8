package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/internal/datadir"
)

// An input is one documents file of a job, opened once: every pass of the
// job reads the same open file from its start, so a file renamed over it
// meanwhile changes nothing, and each pass after the first checks that it
// read the bytes the first one did, so a file written in place meanwhile
// stops the job.
type input struct {
	name string // as given; "-" for standard input
	f    *os.File
	// maxLine is the longest line read (askedat.Decoder.SetMaxLine): every
	// pass refuses the same lines.
	maxLine int
	// size and sum are what the first pass read; sum is nil before it ends.
	size int64
	sum  []byte
	// The pass being read.
	h hash.Hash
	n int64
}

// testHookBetweenPasses, if set, runs after a job's first pass over its
// inputs and before the next: the tests change an input there.
var testHookBetweenPasses func()

func betweenPasses() {
	if testHookBetweenPasses != nil {
		testHookBetweenPasses()
	}
}

// openInputs opens the documents files of a job. Standard input ("-"), which
// can be read only once, is copied first to a temporary file in tmpDir,
// removed at once (the copy lives as long as it is open). Close them with
// closeInputs.
func openInputs(names []string, tmpDir string, maxLine int) ([]*input, error) {
	var ins []*input
	for _, name := range names {
		f, err := openInput(name, tmpDir)
		if err != nil {
			closeInputs(ins)
			return nil, err
		}
		ins = append(ins, &input{name: name, f: f, maxLine: maxLine})
	}
	return ins, nil
}

func openInput(name, tmpDir string) (*os.File, error) {
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("open documents: %w", err)
		}
		return f, nil
	}
	f, err := os.CreateTemp(tmpDir, "stdin-*.jsonl")
	if err != nil {
		return nil, fmt.Errorf("copy standard input: %w", err)
	}
	os.Remove(f.Name())
	if _, err := io.Copy(f, os.Stdin); err != nil {
		f.Close()
		return nil, fmt.Errorf("copy standard input: %w", err)
	}
	return f, nil
}

func closeInputs(ins []*input) {
	for _, in := range ins {
		in.f.Close()
	}
}

// totalSize returns the bytes of every input, for the progress meter.
func totalSize(ins []*input) (int64, error) {
	var total int64
	for _, in := range ins {
		st, err := in.f.Stat()
		if err != nil {
			return 0, fmt.Errorf("documents %s: %w", in.name, err)
		}
		total += st.Size()
	}
	return total, nil
}

// read starts a pass over in: it rewinds the file and returns a reader of it
// that hashes what it reads. End the pass with done once it read to the end.
func (in *input) read() (io.Reader, error) {
	if _, err := in.f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("read documents %s again: %w", in.name, err)
	}
	in.h, in.n = sha256.New(), 0
	return io.TeeReader(in.f, in), nil
}

// decoder returns a decoder of r, a pass over in, refusing the lines longer
// than in's limit.
func (in *input) decoder(r io.Reader) *askedat.Decoder {
	d := askedat.NewDecoder(r)
	d.SetMaxLine(in.maxLine)
	return d
}

// Write hashes what the pass reads.
func (in *input) Write(p []byte) (int, error) {
	in.n += int64(len(p))
	return in.h.Write(p)
}

// done ends a pass that read in to its end. The first pass records what it
// read; a later one returns an error when it read anything else.
func (in *input) done() error {
	sum := in.h.Sum(nil)
	if in.sum == nil {
		in.size, in.sum = in.n, sum
		return nil
	}
	if in.n != in.size || !bytes.Equal(sum, in.sum) {
		return fmt.Errorf("input changed during the job: documents %s had %d bytes (SHA-256 %.12x…) when the job read them first, and %d bytes (%.12x…) when it read them again; run the job again once the file is complete", in.name, in.size, in.sum, in.n, sum)
	}
	return nil
}

// source returns the Source recorded for in: what its first pass read.
func (in *input) source() datadir.Source {
	return datadir.Source{File: in.name, Bytes: in.size, SHA256: hex.EncodeToString(in.sum)}
}

func sourcesOf(ins []*input) []datadir.Source {
	out := make([]datadir.Source, len(ins))
	for i, in := range ins {
		out[i] = in.source()
	}
	return out
}
