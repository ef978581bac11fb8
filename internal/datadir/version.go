package datadir

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/index"
)

// Info describes one published version: its version.json.
type Info struct {
	ID string `json:"id"`
	// Job is the job that made it: "reindex" or "update".
	Job     string `json:"job"`
	Created string `json:"created"`
	// MappingVersion is index.MappingVersion of the program that built it.
	MappingVersion int `json:"mapping_version"`
	// Documents counts every document; Experiences and Questions each kind.
	Documents   uint64 `json:"documents"`
	Experiences uint64 `json:"experiences"`
	Questions   uint64 `json:"questions"`
	// Previous is the version that was current when this one was switched
	// in: where a rollback goes.
	Previous string `json:"previous,omitempty"`
	// Base is the version an update started from.
	Base string `json:"base,omitempty"`
	// Sources are the documents it was built from.
	Sources []Source `json:"sources,omitempty"`
	// Synonyms and Companies are the tables the version is searched and
	// its companies spelt with (index.Dictionaries, which the index itself
	// holds): the file a reindex was given, or BuiltIn. An update keeps
	// its base's.
	Synonyms  *Table `json:"synonyms,omitempty"`
	Companies *Table `json:"companies,omitempty"`
	// Smoke are searches that must find their document; readers run them
	// before serving the version.
	Smoke []Smoke `json:"smoke"`
	// Files lists every file of the index with its size and SHA-256.
	Files []File `json:"files"`
}

// A Source is one input file of a job.
type Source struct {
	File   string `json:"file"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// A Table is a synonyms or companies table a version was built with.
type Table struct {
	File   string `json:"file"` // as given to the indexer, or BuiltIn
	Bytes  int64  `json:"bytes,omitempty"`
	SHA256 string `json:"sha256"` // of the text
}

// BuiltIn is Table.File of the tables compiled into the indexer.
const BuiltIn = "built-in"

// A File is one file of a version's index, for checking it is intact.
type File struct {
	Path   string `json:"path"` // relative to the index folder, with /
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// ReadInfo reads the version.json of the published version id.
func (d Dir) ReadInfo(id string) (*Info, error) {
	if !validID(id) {
		return nil, fmt.Errorf("version %q: not a version id", id)
	}
	raw, err := os.ReadFile(filepath.Join(d.VersionPath(id), infoName))
	if err != nil {
		return nil, fmt.Errorf("version %s: %w", id, err)
	}
	var info Info
	if err := json.Unmarshal(raw, &info); err != nil {
		return nil, fmt.Errorf("version %s: %s is not valid: %w", id, infoName, err)
	}
	if info.ID != id {
		return nil, fmt.Errorf("version %s: %s names version %q", id, infoName, info.ID)
	}
	return &info, nil
}

// manifest lists every file under root with its size and SHA-256.
func manifest(root string) ([]File, error) {
	var files []File
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		size, sum, err := hashFile(p)
		if err != nil {
			return err
		}
		files = append(files, File{Path: filepath.ToSlash(rel), Size: size, SHA256: sum})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list the files of %s: %w", root, err)
	}
	return files, nil
}

// hashFile returns the size and SHA-256 of a file.
func hashFile(p string) (int64, string, error) {
	f, err := os.Open(p)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, "", fmt.Errorf("read %s: %w", p, err)
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// HashSource returns the Source of an input file.
func HashSource(p string) (Source, error) {
	n, sum, err := hashFile(p)
	if err != nil {
		return Source{}, fmt.Errorf("hash %s: %w", p, err)
	}
	return Source{File: p, Bytes: n, SHA256: sum}, nil
}

// CheckMapping returns an error, saying to reindex, if the version was
// built with another mapping than this program's: it cannot be served or
// updated.
func (info *Info) CheckMapping() error {
	if info.MappingVersion != index.MappingVersion {
		return fmt.Errorf("version %s was built with mapping version %d, this program needs %d: run indexer reindex", info.ID, info.MappingVersion, index.MappingVersion)
	}
	return nil
}

// Open checks version id and opens it for searching, ready to serve: its
// files match the manifest, the index opens read-only, its mapping version
// is this program's, its document counts are those recorded, the columns are
// loaded, and every smoke query finds its document. Any failure is an error
// that says what is wrong, and nothing stays open.
func (d Dir) Open(ctx context.Context, id string) (idx *index.Index, info *Info, err error) {
	info, err = d.Check(id)
	if err != nil {
		return nil, nil, err
	}
	if err := info.CheckMapping(); err != nil {
		return nil, nil, err
	}
	idx, err = openChecked(ctx, d.IndexPath(id), info)
	if err != nil {
		return nil, nil, fmt.Errorf("version %s: %w", id, err)
	}
	return idx, info, nil
}

// openChecked opens an index read-only and checks it against info. A
// damaged index can make bleve panic rather than fail: that is an error
// here too.
func openChecked(ctx context.Context, dir string, info *Info) (idx *index.Index, err error) {
	defer func() {
		if p := recover(); p != nil {
			if idx != nil {
				idx.Close()
			}
			idx, err = nil, fmt.Errorf("reading the index failed: %v", p)
		}
	}()
	idx, err = index.OpenReadOnly(dir)
	if err != nil {
		return nil, err
	}
	if err := Verify(ctx, idx, info); err != nil {
		idx.Close()
		return nil, err
	}
	return idx, nil
}

// Verify checks an open index against what info says it holds: the
// document counts, and every smoke query. It loads the columns first.
func Verify(ctx context.Context, idx *index.Index, info *Info) error {
	if err := idx.Warm(ctx); err != nil {
		return err
	}
	n, err := idx.DocCount()
	if err != nil {
		return err
	}
	if n != info.Documents {
		return fmt.Errorf("the index holds %d documents, want %d", n, info.Documents)
	}
	exps, qs, err := Counts(ctx, idx)
	if err != nil {
		return err
	}
	if exps != info.Experiences || qs != info.Questions {
		return fmt.Errorf("the index holds %d experiences and %d questions, want %d and %d", exps, qs, info.Experiences, info.Questions)
	}
	for i, s := range info.Smoke {
		if err := s.Run(ctx, idx); err != nil {
			return fmt.Errorf("smoke query %d: %w", i+1, err)
		}
	}
	return nil
}

// Counts returns the number of experience and question documents of idx.
func Counts(ctx context.Context, idx *index.Index) (experiences, questions uint64, err error) {
	res, err := idx.Search(ctx, askedat.Request{Type: askedat.TypeExperience, Size: 1, FacetSize: 1})
	if err != nil {
		return 0, 0, fmt.Errorf("count experiences: %w", err)
	}
	experiences = res.Total
	res, err = idx.Search(ctx, askedat.Request{Type: askedat.TypeQuestion, Size: 1, FacetSize: 1})
	if err != nil {
		return 0, 0, fmt.Errorf("count questions: %w", err)
	}
	return experiences, res.Total, nil
}
