package index

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// storeRecords returns n records of many sizes: empty, a word, a kilobyte
// of prose, and now and then one larger than a block.
func storeRecords(n int) [][]byte {
	var recs [][]byte
	for i := 0; i < n; i++ {
		var r string
		switch i % 7 {
		case 0:
			r = ""
		case 1:
			r = fmt.Sprintf("record %d", i)
		case 6:
			if i%5 == 1 {
				r = strings.Repeat(fmt.Sprintf("a record past the block's size %d. ", i), textBlockBytes/20)
				break
			}
			fallthrough
		default:
			r = strings.Repeat(fmt.Sprintf("Reverse a linked list %d in place, then explain it. ", i), 20)
		}
		recs = append(recs, []byte(r))
	}
	return recs
}

// TestTextStoreRoundTrip writes records in three sessions (each a file of
// its own), reads each back in the process that wrote it, from a store
// opened again, and read-only, from several goroutines at once.
func TestTextStoreRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), textDir)
	recs := storeRecords(700)
	refs := make([]string, len(recs))
	for session := 0; session < 3; session++ {
		s, err := openTextStore(dir, false)
		if err != nil {
			t.Fatal(err)
		}
		// Groups of one to four records (an experience and its questions),
		// record i of a group read as (the group's ref, i).
		for i := session; i < len(recs); i += 3 {
			if refs[i] != "" {
				continue // in a group before
			}
			group := [][]byte{recs[i]}
			if i%5 == 4 && i+3 < len(recs) {
				group = append(group, recs[i+3])
			}
			if refs[i], err = s.add(group...); err != nil {
				t.Fatal(err)
			}
			if len(group) == 2 {
				refs[i+3] = refs[i] + "+1"
			}
			if i%50 == 1 { // a batch sent: a short block
				if err := s.sync(); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := s.sync(); err != nil {
			t.Fatal(err)
		}
		for i := session; i < len(recs); i += 3 {
			checkRecord(t, s, refs[i], recs[i])
		}
		if err := s.close(); err != nil {
			t.Fatal(err)
		}
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.blocks"))
	if err != nil || len(files) != 3 {
		t.Fatalf("files %v (%v), want 3: one per session", files, err)
	}
	s, err := openTextStore(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := g; i < len(recs); i += 4 {
				checkRecord(t, s, refs[i], recs[i])
			}
		}(g)
	}
	wg.Wait()
	if _, err := s.add([]byte("x")); err == nil {
		t.Error("add on a read-only store: no error")
	}
}

// checkRecord reads the record ref names ("REF+1": record 1 of the group)
// and compares it with want.
func checkRecord(t *testing.T, s *textStore, ref string, want []byte) {
	t.Helper()
	i := 0
	if r, ok := strings.CutSuffix(ref, "+1"); ok {
		ref, i = r, 1
	}
	got, err := s.read([]byte(ref), i)
	if err != nil {
		t.Errorf("read(%x): %v", ref, err)
		return
	}
	if !bytes.Equal(got, want) {
		t.Errorf("read(%x) = %d bytes %.20q, want %d bytes %.20q", ref, len(got), got, len(want), want)
	}
}

// TestTextStoreTornTail checks what a crash leaves: a block cut short at
// the end of a file is never read, what was synced before it reads back,
// and the next session writes a file of its own.
func TestTextStoreTornTail(t *testing.T) {
	dir := filepath.Join(t.TempDir(), textDir)
	s, err := openTextStore(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	recs := storeRecords(200)
	var refs []string
	for _, r := range recs {
		ref, err := s.add(r)
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, ref)
	}
	if err := s.sync(); err != nil {
		t.Fatal(err)
	}
	name := s.cur.f.Name()
	s.close()
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte{200, 0, 0, 0, 1, 2, 3}) // a block of 200 bytes, 3 of them written
	f.Close()

	s, err = openTextStore(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	for i := range recs {
		checkRecord(t, s, refs[i], recs[i])
	}
	ref, err := s.add([]byte("after the crash"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.sync(); err != nil {
		t.Fatal(err)
	}
	checkRecord(t, s, ref, []byte("after the crash"))
	if s.cur.f.Name() == name {
		t.Errorf("the session after a crash appends to %s, want a file of its own", name)
	}
}

// TestTextStoreRefusesBadRefs checks that a ref naming nothing, or a
// damaged file, is an error naming the store, never a wrong record.
func TestTextStoreRefusesBadRefs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), textDir)
	s, err := openTextStore(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	ref, err := s.add([]byte("one record"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.sync(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, textFileName(9)), []byte("not a store file"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"", "\x80", ref + "x", encodeRef(1, 0, 1), encodeRef(1, 5, 0), encodeRef(7, 0, 0), encodeRef(9, 0, 0)} {
		if got, err := s.read([]byte(bad), 0); err == nil || !strings.Contains(err.Error(), "text store") {
			t.Errorf("read(%x) = %q, %v; want an error of the text store", bad, got, err)
		}
	}
	for _, bad := range []string{"", "\x01\x00", ref} {
		if _, _, err := splitDocRef([]byte(bad)); err == nil {
			t.Errorf("splitDocRef(%x): no error", bad)
		}
	}
	if rec, i, err := splitDocRef([]byte(docRef(ref, 3))); err != nil || string(rec) != ref || i != 3 {
		t.Errorf("splitDocRef(docRef(%x, 3)) = %x, %d, %v", ref, rec, i, err)
	}
}

// BenchmarkTextStoreRead is what a hit pays for its text when its block
// is not cached: one block read and decompressed (go test -bench
// TextStoreRead ./index).
func BenchmarkTextStoreRead(b *testing.B) {
	s, err := openTextStore(filepath.Join(b.TempDir(), textDir), false)
	if err != nil {
		b.Fatal(err)
	}
	defer s.close()
	var refs []string
	for _, r := range storeRecords(5000) {
		ref, err := s.add(r)
		if err != nil {
			b.Fatal(err)
		}
		refs = append(refs, ref)
	}
	if err := s.sync(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i = (i + 97) % len(refs) // a block other than the last few
		if _, err := s.read([]byte(refs[i]), 0); err != nil {
			b.Fatal(err)
		}
	}
}
