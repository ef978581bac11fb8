package askedat_test

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
)

// noEngine are the programs that only read or write documents, or talk to
// searchd over HTTP, and the client package they talk through: they use
// package askedat, never package index, and so link no bleve.
var noEngine = []string{"./crawler/...", "./sitegen", "./loadtest", "./client"}

// TestNoEngineDeps fails if a program of noEngine depends on bleve, as it
// would by importing package index again.
func TestNoEngineDeps(t *testing.T) {
	args := append([]string{"list", "-f", `{{.ImportPath}} {{join .Deps " "}}`}, noEngine...)
	out, err := exec.Command("go", args...).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, ee.Stderr)
		}
		t.Fatalf("go %s: %v", strings.Join(args, " "), err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, deps, _ := strings.Cut(line, " ")
		var bleve []string
		for _, dep := range strings.Fields(deps) {
			if strings.Contains(dep, "bleve") {
				bleve = append(bleve, dep)
			}
		}
		if len(bleve) > 0 {
			t.Errorf("%s depends on %d bleve packages (%s, …); it should use package askedat, not package index", pkg, len(bleve), bleve[0])
		}
	}
}
