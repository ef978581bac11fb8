package datadir

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/askedat/askedat/internal/fsutil"
)

// ErrNoCurrent is returned when a data directory has no current version yet.
var ErrNoCurrent = errors.New("no current version")

const (
	currentName  = "current"
	versionsName = "versions"
	reportsName  = "reports"
	lockName     = "lock"
	infoName     = "version.json"
	indexName    = "index"
	// PartialSuffix ends the name of a version folder being built.
	PartialSuffix = ".partial"
)

// A Dir is one data directory.
type Dir struct{ Path string }

// NewID returns a new version id for a version created at t: sortable by
// time, and unique (six hex digits after the time: a random start for the
// process, counted up for each id, so one process never repeats one, where
// draws alone repeated once in about 30 runs of 1,000 ids).
func NewID(t time.Time) string {
	n := idBase + idCount.Add(1)
	b := [3]byte{byte(n >> 16), byte(n >> 8), byte(n)}
	return t.UTC().Format("20060102T150405.000Z") + "-" + hex.EncodeToString(b[:])
}

// idBase and idCount make NewID's suffixes.
var (
	idBase = func() uint32 {
		var b [3]byte
		rand.Read(b[:])
		return uint32(b[0])<<16 | uint32(b[1])<<8 | uint32(b[2])
	}()
	idCount atomic.Uint32
)

// MaxIDBytes bounds a version id (NewID's are 27 bytes). The current pointer
// holds one id and a newline; a longer pointer is refused without being read
// further, so that whatever was written there is not echoed whole into every
// /readyz answer, log line and error.
const MaxIDBytes = 200

// quotedPrefix is how much of a bad pointer an error quotes.
const quotedPrefix = 40

// validID reports whether id can name a version folder.
func validID(id string) bool {
	if id == "" || id == "." || id == ".." || len(id) > MaxIDBytes || strings.HasSuffix(id, PartialSuffix) || strings.ContainsAny(id, `/\`) {
		return false
	}
	for _, r := range id {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError {
			return false // control characters, and bytes that are not UTF-8
		}
	}
	return true
}

// quotePrefix quotes at most quotedPrefix bytes of s, with "…" when cut.
func quotePrefix(s string) string {
	if len(s) <= quotedPrefix {
		return strconv.Quote(s)
	}
	return strconv.Quote(strings.ToValidUTF8(s[:quotedPrefix], "")) + "…"
}

// VersionPath returns the folder of version id.
func (d Dir) VersionPath(id string) string { return filepath.Join(d.Path, versionsName, id) }

// IndexPath returns the index folder of version id.
func (d Dir) IndexPath(id string) string { return filepath.Join(d.VersionPath(id), indexName) }

// PartialPath returns the folder where version id is built.
func (d Dir) PartialPath(id string) string { return d.VersionPath(id) + PartialSuffix }

// ReportPath returns where the report of job on version id is written.
func (d Dir) ReportPath(id, job string) string {
	return filepath.Join(d.Path, reportsName, id+"-"+job+".json")
}

// Current returns the id of the current version, or an error wrapping
// ErrNoCurrent.
func (d Dir) Current() (string, error) {
	f, err := os.Open(filepath.Join(d.Path, currentName))
	if errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("data directory %s: %w (build one with indexer reindex -docs FILE.jsonl -data %s)", d.Path, ErrNoCurrent, d.Path)
	}
	if err != nil {
		return "", fmt.Errorf("read current version of %s: %w", d.Path, err)
	}
	defer f.Close()
	// An id, its newline and some spaces; a pointer of a gigabyte is not
	// read into memory to find out it is wrong.
	raw, err := io.ReadAll(io.LimitReader(f, MaxIDBytes+8))
	if err != nil {
		return "", fmt.Errorf("read current version of %s: %w", d.Path, err)
	}
	if len(raw) > MaxIDBytes+4 {
		return "", fmt.Errorf("data directory %s: the current pointer is longer than a version id (%d bytes at most), starting %s: not a version id", d.Path, MaxIDBytes, quotePrefix(string(raw)))
	}
	id := strings.TrimSpace(string(raw))
	if !validID(id) {
		return "", fmt.Errorf("data directory %s: the current pointer holds %s, which is not a version id", d.Path, quotePrefix(id))
	}
	return id, nil
}

// Switch points current at version id, atomically: the new pointer is
// written beside the old one, fsynced, renamed over it, and the folder is
// fsynced. The version must be published.
func (d Dir) Switch(id string) error {
	if !validID(id) {
		return fmt.Errorf("switch %s to %q: not a version id", d.Path, id)
	}
	if _, err := os.Stat(filepath.Join(d.VersionPath(id), infoName)); err != nil {
		return fmt.Errorf("switch %s to %s: the version is not published: %w", d.Path, id, err)
	}
	if err := WriteFileAtomic(filepath.Join(d.Path, currentName), []byte(id+"\n")); err != nil {
		return fmt.Errorf("switch %s to %s: %w", d.Path, id, err)
	}
	return nil
}

// Versions returns the ids of the published versions, oldest first.
func (d Dir) Versions() ([]string, error) {
	return d.list(func(name string) (string, bool) {
		_, err := os.Stat(filepath.Join(d.VersionPath(name), infoName))
		return name, validID(name) && err == nil
	})
}

// Partials returns the ids of the versions being built (or left by a job
// that died), oldest first.
func (d Dir) Partials() ([]string, error) {
	return d.list(func(name string) (string, bool) { return strings.CutSuffix(name, PartialSuffix) })
}

// list returns the sorted ids that keep gives for the folders in versions/.
func (d Dir) list(keep func(name string) (id string, ok bool)) ([]string, error) {
	ents, err := os.ReadDir(filepath.Join(d.Path, versionsName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list versions of %s: %w", d.Path, err)
	}
	var ids []string
	for _, e := range ents {
		if id, ok := keep(e.Name()); ok && e.IsDir() {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids, nil
}

// NewPartial makes the folder where version id is built.
func (d Dir) NewPartial(id string) (string, error) {
	if !validID(id) {
		return "", fmt.Errorf("new version %q: not a version id", id)
	}
	p := d.PartialPath(id)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", fmt.Errorf("make versions folder of %s: %w", d.Path, err)
	}
	if err := os.Mkdir(p, 0o755); err != nil {
		return "", fmt.Errorf("make folder for version %s: %w", id, err)
	}
	return p, nil
}

// RemovePartial removes the folder of the partial version id.
func (d Dir) RemovePartial(id string) error {
	if err := os.RemoveAll(d.PartialPath(id)); err != nil {
		return fmt.Errorf("remove partial version %s: %w", id, err)
	}
	return nil
}

// Publish seals the partial version id with info (its manifest is computed
// here, over every file of the index), fsyncs it all, and renames it into
// place. It does not switch current.
func (d Dir) Publish(id string, info *Info) error {
	p := d.PartialPath(id)
	info.ID = id
	files, err := manifest(filepath.Join(p, indexName))
	if err != nil {
		return fmt.Errorf("publish version %s: %w", id, err)
	}
	info.Files = files
	raw, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return fmt.Errorf("publish version %s: %w", id, err)
	}
	if err := syncTree(filepath.Join(p, indexName)); err != nil {
		return fmt.Errorf("publish version %s: %w", id, err)
	}
	if err := WriteFileSync(filepath.Join(p, infoName), append(raw, '\n')); err != nil {
		return fmt.Errorf("publish version %s: %w", id, err)
	}
	if err := fsutil.SyncDir(p); err != nil {
		return fmt.Errorf("publish version %s: %w", id, err)
	}
	if err := os.Rename(p, d.VersionPath(id)); err != nil {
		return fmt.Errorf("publish version %s: %w", id, err)
	}
	if err := fsutil.SyncDir(filepath.Dir(p)); err != nil {
		return fmt.Errorf("publish version %s: %w", id, err)
	}
	return nil
}

// Prune removes the published versions that are neither current nor among
// the keep versions before it (following each version's Previous), and
// returns their ids. Versions that are not on that chain (one rolled back
// from) go too.
func (d Dir) Prune(keep int) ([]string, error) {
	cur, err := d.Current()
	if err != nil {
		return nil, err
	}
	keepSet := map[string]bool{}
	for id, n := cur, 0; id != "" && n <= keep && !keepSet[id]; n++ {
		keepSet[id] = true
		info, err := d.ReadInfo(id)
		if err != nil {
			break // an older version already gone ends the chain
		}
		id = info.Previous
	}
	ids, err := d.Versions()
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, id := range ids {
		if keepSet[id] {
			continue
		}
		// Rename first, so a half-removed folder is never taken for a
		// version.
		doomed := d.PartialPath(id)
		if err := os.Rename(d.VersionPath(id), doomed); err != nil {
			return removed, fmt.Errorf("remove old version %s: %w", id, err)
		}
		if err := os.RemoveAll(doomed); err != nil {
			return removed, fmt.Errorf("remove old version %s: %w", id, err)
		}
		removed = append(removed, id)
	}
	return removed, nil
}

// WriteReport writes a job's report as JSON to path (made with ReportPath,
// or any file) with WriteJSON, keeping at most maxReports reports in the
// reports folder.
func (d Dir) WriteReport(path string, v any) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if err := WriteJSON(path, v); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	dir := filepath.Join(d.Path, reportsName)
	if filepath.Dir(path) != dir {
		return nil
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	for i := 0; i < len(ents)-maxReports; i++ {
		os.Remove(filepath.Join(dir, ents[i].Name()))
	}
	return nil
}

// maxReports is the number of job reports kept in DIR/reports.
const maxReports = 100

// WriteJSON writes v as indented JSON to name with WriteFileAtomic: every
// job report is written this way.
func WriteJSON(name string, v any) error {
	raw, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := WriteFileAtomic(name, append(raw, '\n')); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// WriteFileAtomic replaces name with data so that a reader, or a reboot,
// finds the old file or the new one whole, never a part: data goes to
// name.new, fsynced, which is renamed over name, and then the folder is
// fsynced.
func WriteFileAtomic(name string, data []byte) error {
	tmp := name + ".new"
	if err := WriteFileSync(tmp, data); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return err
	}
	return fsutil.SyncDir(filepath.Dir(name))
}

// WriteFileSync writes data to name and fsyncs it.
func WriteFileSync(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// RemoveSync removes the file name and fsyncs its folder, so that the
// removal is durable before whatever comes next.
func RemoveSync(name string) error {
	if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return fsutil.SyncDir(filepath.Dir(name))
}

// syncTree fsyncs every file and folder under root.
func syncTree(root string) error {
	return filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := f.Sync(); err != nil {
			return fmt.Errorf("sync %s: %w", p, err)
		}
		return nil
	})
}
