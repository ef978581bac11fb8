package index

import (
	"io/fs"
	"os"
	"path/filepath"

	"github.com/askedat/askedat/internal/fsutil"
)

// CopyFolder copies the folder of a closed index, src, to dst. Segment
// files (.zap) and the text store's files (.blocks) are never written
// again once made (a process that writes to an index makes a .blocks file
// of its own), so they are hard-linked where the file system allows; the
// rest (root.bolt, which bolt rewrites in place, and the meta) is copied.
func CopyFolder(src, dst string) error {
	return filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if e.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if ext := filepath.Ext(p); ext == ".zap" || ext == ".blocks" {
			return fsutil.LinkOrCopy(p, target)
		}
		return fsutil.CopyFile(p, target)
	})
}
