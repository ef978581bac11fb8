package buildinfo

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFromBuildInfo(t *testing.T) {
	tests := []struct {
		name     string
		bi       debug.BuildInfo
		want     Info
		wantLine string
	}{
		{
			name: "a build in a checkout with changes",
			bi: debug.BuildInfo{GoVersion: "go1.27.3", Main: debug.Module{Path: "github.com/askedat/askedat", Version: "(devel)"},
				Settings: []debug.BuildSetting{
					{Key: "GOOS", Value: "linux"}, {Key: "GOARCH", Value: "amd64"},
					{Key: "vcs", Value: "git"},
					{Key: "vcs.revision", Value: "5782d89ab0c1e2f3a4b5c6d7e8f9a0b1c2d3e4f5"},
					{Key: "vcs.time", Value: "2026-12-01T10:00:00Z"},
					{Key: "vcs.modified", Value: "true"},
				}},
			want: Info{Module: "github.com/askedat/askedat", Version: "(devel)", Revision: "5782d89ab0c1e2f3a4b5c6d7e8f9a0b1c2d3e4f5",
				Time: "2026-12-01T10:00:00Z", Modified: true, GoVersion: "go1.27.3", Platform: "linux/amd64"},
			wantLine: "searchd (devel) commit 5782d89ab0c1e2f3a4b5c6d7e8f9a0b1c2d3e4f5 (modified) 2026-12-01T10:00:00Z, go1.27.3 linux/amd64",
		},
		{
			name: "go install of a tagged version",
			bi: debug.BuildInfo{GoVersion: "go1.27.3", Main: debug.Module{Path: "github.com/askedat/askedat", Version: "v1.2.0"},
				Settings: []debug.BuildSetting{{Key: "GOOS", Value: "darwin"}, {Key: "GOARCH", Value: "arm64"}}},
			want:     Info{Module: "github.com/askedat/askedat", Version: "v1.2.0", GoVersion: "go1.27.3", Platform: "darwin/arm64"},
			wantLine: "searchd v1.2.0 commit unknown, go1.27.3 darwin/arm64",
		},
		{
			name: "a clean tree",
			bi: debug.BuildInfo{GoVersion: "go1.27.3", Main: debug.Module{Version: "(devel)"},
				Settings: []debug.BuildSetting{{Key: "GOOS", Value: "linux"}, {Key: "GOARCH", Value: "arm64"},
					{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "false"}}},
			want:     Info{Version: "(devel)", Revision: "abc", GoVersion: "go1.27.3", Platform: "linux/arm64"},
			wantLine: "searchd (devel) commit abc, go1.27.3 linux/arm64",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FromBuildInfo(&tt.bi)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("FromBuildInfo (-want +got):\n%s", diff)
			}
			if line := got.Line("searchd"); line != tt.wantLine {
				t.Errorf("Line(%q) = %q, want %q", "searchd", line, tt.wantLine)
			}
		})
	}
}

// TestRead reads the test binary's own build: it has no commit, but names
// the toolchain that built it.
func TestRead(t *testing.T) {
	i := Read()
	if i.GoVersion != runtime.Version() {
		t.Errorf("Read().GoVersion = %q, want %q", i.GoVersion, runtime.Version())
	}
	if line := i.Line("x"); !strings.HasPrefix(line, "x ") || !strings.HasSuffix(line, runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH) {
		t.Errorf("Read().Line(%q) = %q", "x", line)
	}
}
