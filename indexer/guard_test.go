package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/askedat/askedat/internal/datadir"
)

// readReport reads the report a job wrote to its data directory.
func readReport(t *testing.T, data, id, job string) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(datadir.Dir{Path: data}.ReportPath(id, job))
	if err != nil {
		t.Fatal(err)
	}
	var rep map[string]any
	if err := json.Unmarshal(raw, &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestReindexRefusesAnEmptyOrShrunkVersion(t *testing.T) {
	exps := sampleDocs(40, 1)
	data, first := reindexed(t, exps)
	dd := datadir.Dir{Path: data}
	versions, _ := dd.Versions()

	garbage := make([]string, 10)
	for i := range garbage {
		garbage[i] = "{not json"
	}
	tests := []struct {
		name     string
		docs     string
		want     string // in the reason
		forcible bool
	}{
		{"all garbage", writeFile(t, "garbage.jsonl", "garbage\n{bad\n"), "holds no experience (2 lines read, 2 rejected)", false},
		{"empty file", writeFile(t, "empty.jsonl", ""), "holds no experience (0 lines read", false},
		{"a tenth of current", writeDocs(t, exps[:4]), "holds 4 experiences, 10.0% of the 40 of current version", true},
		{"a fifth rejected", writeDocs(t, exps, garbage...), "10 of the 50 lines read were rejected (20.0%), more than -max-rejected 0.1", true},
	}
	for _, tt := range tests {
		for _, force := range []bool{false, true} {
			cfg := jobConfig(data, tt.docs)
			cfg.Force = force
			rep, err := Reindex(context.Background(), cfg, &bytes.Buffer{})
			if force && tt.forcible {
				if err != nil || !rep.Switched {
					t.Errorf("%s, -force: Reindex = %v, switched %v; want a switch", tt.name, err, rep.Switched)
				}
				// Back to the version of 40 for the next case.
				if _, err := Rollback(context.Background(), jobConfig(data), &bytes.Buffer{}); err != nil {
					t.Fatal(err)
				}
				continue
			}
			var re *RefusedError
			if !errors.As(err, &re) || !strings.Contains(re.Reason, tt.want) || re.Forcible != tt.forcible {
				t.Errorf("%s (force %v): Reindex error = %v, want a refusal saying %q (forcible %v)", tt.name, force, err, tt.want, tt.forcible)
				continue
			}
			if tt.forcible && !strings.Contains(err.Error(), "give -force") {
				t.Errorf("%s: error %q does not say -force would switch", tt.name, err)
			}
			if rep.Switched || rep.Refused != re.Reason {
				t.Errorf("%s: report says switched %v, refused %q; want false and the reason", tt.name, rep.Switched, rep.Refused)
			}
			fromFile := readReport(t, data, rep.NewVersion, "reindex")
			if fromFile["switched"] != false || fromFile["refused"] != re.Reason || !strings.Contains(fromFile["error"].(string), re.Reason) {
				t.Errorf("%s: report file says switched %v, refused %v, error %v; want false and the reason", tt.name, fromFile["switched"], fromFile["refused"], fromFile["error"])
			}
			if cur, _ := dd.Current(); cur != first.NewVersion {
				t.Errorf("%s: current = %s, want it still %s", tt.name, cur, first.NewVersion)
			}
			if p, _ := dd.Partials(); len(p) != 0 {
				t.Errorf("%s: partial versions left: %v", tt.name, p)
			}
		}
	}
	if cur, _ := dd.Current(); cur != first.NewVersion {
		t.Fatalf("current = %s after the cases, want %s", cur, first.NewVersion)
	}
	if got, _ := dd.Versions(); len(got) < len(versions) {
		t.Errorf("versions = %v, want at least %v", got, versions)
	}

	// The command exits non-zero and says why.
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"reindex", "-docs", tests[2].docs, "-data", data}, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "not switching current to version") || !strings.Contains(out.String(), "current is still "+first.NewVersion) {
		t.Errorf("indexer reindex of a tenth = %d, stdout %q, stderr %q; want 1, current still %s, and the refusal", code, out.String(), errb.String(), first.NewVersion)
	}
	// -min-ratio 0.05 lets a tenth through.
	out.Reset()
	errb.Reset()
	if code := run(context.Background(), []string{"reindex", "-docs", tests[2].docs, "-data", data, "-min-ratio", "0.05"}, &out, &errb); code != 0 {
		t.Errorf("indexer reindex -min-ratio 0.05 of a tenth = %d, stderr %q; want 0", code, errb.String())
	}
}

func TestUpdateRefusesToDeleteMostOfTheIndex(t *testing.T) {
	exps := sampleDocs(40, 2)
	data, first := reindexed(t, exps)
	dd := datadir.Dir{Path: data}
	var lines []string
	for _, e := range exps[:30] {
		lines = append(lines, `{"id":"`+e.ID+`","deleted":true}`)
	}
	changes := writeDocs(t, nil, lines...)
	rep, err := Update(context.Background(), jobConfig(data, changes), &bytes.Buffer{})
	var re *RefusedError
	if !errors.As(err, &re) || !strings.Contains(re.Reason, "holds 10 experiences, 25.0% of the 40") || rep.Switched || rep.Refused == "" {
		t.Fatalf("Update deleting 30 of 40 = %v (switched %v, refused %q), want a refusal", err, rep.Switched, rep.Refused)
	}
	if cur, _ := dd.Current(); cur != first.NewVersion {
		t.Errorf("current = %s, want it still %s", cur, first.NewVersion)
	}
	cfg := jobConfig(data, changes)
	cfg.Force = true
	rep, err = Update(context.Background(), cfg, &bytes.Buffer{})
	if err != nil || !rep.Switched || rep.Experiences != 10 {
		t.Fatalf("Update -force = %v (switched %v, %d experiences), want a switch to 10", err, rep.Switched, rep.Experiences)
	}
	// Deleting the rest leaves nothing: never switched in, even with -force.
	lines = lines[:0]
	for _, e := range exps[30:] {
		lines = append(lines, `{"id":"`+e.ID+`","deleted":true}`)
	}
	rep, err = Update(context.Background(), JobConfig{Docs: []string{writeDocs(t, nil, lines...)}, Data: data, BatchSize: 500, Force: true, Progress: cfg.Progress}, &bytes.Buffer{})
	if !errors.As(err, &re) || re.Forcible || rep.Switched {
		t.Errorf("Update deleting every experience = %v (switched %v), want a refusal -force cannot override", err, rep.Switched)
	}
	if diff := cmp.Diff(rep.OldVersion, mustCurrent(t, dd)); diff != "" {
		t.Errorf("current after the refused update (-want +got):\n%s", diff)
	}
}

func mustCurrent(t *testing.T, dd datadir.Dir) string {
	t.Helper()
	id, err := dd.Current()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestGuardFlags(t *testing.T) {
	docs := writeDocs(t, sampleDocs(2, 1))
	data := t.TempDir()
	for _, tt := range []struct {
		args    []string
		wantErr string
	}{
		{[]string{"reindex", "-min-ratio", "2"}, "-min-ratio 2: want a fraction from 0 to 1"},
		{[]string{"reindex", "-min-ratio", "-0.1"}, "-min-ratio -0.1: want a fraction"},
		{[]string{"reindex", "-max-rejected", "1.5"}, "-max-rejected 1.5: want a fraction"},
		{[]string{"update", "-min-ratio", "NaN"}, "-min-ratio NaN: want a fraction"},
		{[]string{"update", "-max-rejected", "0.2"}, "flag provided but not defined: -max-rejected"},
	} {
		var out, errb bytes.Buffer
		args := append(slices.Clone(tt.args), "-docs", docs, "-data", data)
		if code := run(context.Background(), args, &out, &errb); code != 2 || !strings.Contains(errb.String(), tt.wantErr) {
			t.Errorf("indexer %q = %d, stderr %q; want 2 and %q", args, code, errb.String(), tt.wantErr)
		}
	}
}
