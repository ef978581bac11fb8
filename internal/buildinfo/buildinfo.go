// Package buildinfo says which build of a program is running: the module
// version, the commit it was built from and whether the work tree had
// changes, and the Go toolchain, as the go command records them in the
// binary (runtime/debug.ReadBuildInfo). Every askedat program prints it
// for -version.
//
//	$ searchd -version
//	searchd (devel) commit 5782d89ab0c1… (modified) 2026-12-01T10:00:00Z, go1.27.3 linux/amd64
package buildinfo

import (
	"runtime"
	"runtime/debug"
	"strings"
)

// Info is what a binary records of its build.
type Info struct {
	Module    string // the main module's path
	Version   string // its version: "(devel)" for a build in a checkout
	Revision  string // the commit (vcs.revision); "" when unknown
	Time      string // the commit's time (vcs.time), RFC 3339
	Modified  bool   // the work tree had changes (vcs.modified)
	GoVersion string // the toolchain, such as go1.27.3
	Platform  string // GOOS/GOARCH
}

// Read returns the running binary's Info. A binary built without module
// support, or a test binary, records less: what it lacks is empty (the Go
// version and platform are those of the runtime then).
func Read() Info {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Info{GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	}
	return FromBuildInfo(bi)
}

// FromBuildInfo returns the Info that bi records.
func FromBuildInfo(bi *debug.BuildInfo) Info {
	i := Info{Module: bi.Main.Path, Version: bi.Main.Version, GoVersion: bi.GoVersion}
	var goos, goarch string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			i.Revision = s.Value
		case "vcs.time":
			i.Time = s.Value
		case "vcs.modified":
			i.Modified = s.Value == "true"
		case "GOOS":
			goos = s.Value
		case "GOARCH":
			goarch = s.Value
		}
	}
	if goos == "" {
		goos = runtime.GOOS
	}
	if goarch == "" {
		goarch = runtime.GOARCH
	}
	i.Platform = goos + "/" + goarch
	if i.GoVersion == "" {
		i.GoVersion = runtime.Version()
	}
	return i
}

// Line returns the one line a program named prog prints for -version:
// the version, the commit (or "commit unknown"), "(modified)" when the tree
// had changes, the commit's time, then the toolchain and platform.
func (i Info) Line(prog string) string {
	var b strings.Builder
	b.WriteString(prog)
	v := i.Version
	if v == "" {
		v = "(unknown version)"
	}
	b.WriteString(" " + v)
	if i.Revision != "" {
		b.WriteString(" commit " + i.Revision)
	} else {
		b.WriteString(" commit unknown")
	}
	if i.Modified {
		b.WriteString(" (modified)")
	}
	if i.Time != "" {
		b.WriteString(" " + i.Time)
	}
	b.WriteString(", " + i.GoVersion + " " + i.Platform)
	return b.String()
}
