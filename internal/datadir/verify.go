package datadir

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// What is wrong with a damaged file (CorruptError.Problem).
const (
	ProblemMissing  = "missing"           // a file of the manifest is not there
	ProblemSize     = "size"              // it has another size (truncated, appended to)
	ProblemChecksum = "checksum mismatch" // same size, other bytes
	ProblemExtra    = "not in manifest"   // a file the manifest does not list
	ProblemManifest = "manifest"          // version.json is missing, unreadable or empty
)

// A CorruptError says that a version's files are not those it was
// published with: which file, and how.
type CorruptError struct {
	ID string
	// File is the damaged file, relative to the index folder with /
	// (version.json for the manifest itself).
	File    string
	Problem string // one of the Problem constants
	Detail  string // what was found, for a person
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("version %s is damaged: %s", e.ID, e.Damage())
}

// Damage says what is wrong without naming the version: "FILE: PROBLEM
// (detail)", as indexer versions prints it.
func (e *CorruptError) Damage() string {
	s := e.File + ": " + e.Problem
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s
}

// Verify checks the files of version id against its manifest: every file
// there, of its size and SHA-256, and no other. It returns nil or a
// *CorruptError naming the first damaged file. Sizes are compared first,
// for every file, with a stat each, so a truncated or missing file is found
// without reading anything; then each file is hashed as it is read, never
// held in memory (about the disk's or SHA-256's speed, whichever is slower:
// docs/architecture.md gives the cost). Reading every byte also brings the
// index into the page cache before it is opened.
func (d Dir) Verify(id string) error {
	_, err := d.verify(id, true)
	return err
}

// VerifySizes is the first half of Verify: the files are those of the
// manifest, with their sizes. It reads no file, so it is cheap enough to run
// at every poll: a truncation of a version being served is seen within one.
func (d Dir) VerifySizes(id string) error {
	_, err := d.verify(id, false)
	return err
}

// Check is Verify, returning the version's Info when it is intact.
func (d Dir) Check(id string) (*Info, error) { return d.verify(id, true) }

func (d Dir) verify(id string, hash bool) (*Info, error) {
	info, err := d.ReadInfo(id)
	if err != nil {
		return nil, &CorruptError{ID: id, File: infoName, Problem: ProblemManifest, Detail: err.Error()}
	}
	if len(info.Files) == 0 {
		return nil, &CorruptError{ID: id, File: infoName, Problem: ProblemManifest, Detail: "it lists no files"}
	}
	root := d.IndexPath(id)
	got, err := listSizes(root)
	if err != nil {
		return nil, &CorruptError{ID: id, File: indexName, Problem: ProblemMissing, Detail: err.Error()}
	}
	for _, want := range info.Files {
		size, ok := got[want.Path]
		switch {
		case !ok:
			return nil, &CorruptError{ID: id, File: want.Path, Problem: ProblemMissing, Detail: "the file is not there"}
		case size != want.Size:
			return nil, &CorruptError{ID: id, File: want.Path, Problem: ProblemSize,
				Detail: fmt.Sprintf("%d bytes, want %d: truncated or overwritten", size, want.Size)}
		}
		delete(got, want.Path)
	}
	if len(got) > 0 {
		extra := slices.Sorted(func(yield func(string) bool) {
			for p := range got {
				if !yield(p) {
					return
				}
			}
		})
		return nil, &CorruptError{ID: id, File: extra[0], Problem: ProblemExtra,
			Detail: fmt.Sprintf("%d files not in its manifest: %v", len(extra), extra)}
	}
	if !hash {
		return info, nil
	}
	for _, want := range info.Files {
		size, sum, err := hashFile(filepath.Join(root, filepath.FromSlash(want.Path)))
		switch {
		case err != nil:
			return nil, &CorruptError{ID: id, File: want.Path, Problem: ProblemMissing, Detail: err.Error()}
		case size != want.Size:
			// Changed between the stat and the read.
			return nil, &CorruptError{ID: id, File: want.Path, Problem: ProblemSize,
				Detail: fmt.Sprintf("%d bytes, want %d: truncated or overwritten", size, want.Size)}
		case sum != want.SHA256:
			return nil, &CorruptError{ID: id, File: want.Path, Problem: ProblemChecksum,
				Detail: fmt.Sprintf("SHA-256 %s, want %s: not the content it was published with", short(sum), short(want.SHA256))}
		}
	}
	return info, nil
}

// listSizes returns the size of every file under root, by path relative
// to root with /.
func listSizes(root string) (map[string]int64, error) {
	sizes := map[string]int64{}
	err := filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		st, err := e.Info()
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		sizes[filepath.ToSlash(rel)] = st.Size()
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list the files of %s: %w", root, err)
	}
	return sizes, nil
}

func short(sum string) string { return sum[:min(12, len(sum))] }
