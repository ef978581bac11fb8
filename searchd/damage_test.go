package main

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/askedat/askedat/internal/datadir"
)

// flipBytes inverts three bytes in the middle of a file, keeping its size.
func flipBytes(t *testing.T, p string) {
	t.Helper()
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(raw) / 2; i < len(raw)/2+3; i++ {
		raw[i] ^= 0xff
	}
	if err := os.WriteFile(p, raw, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSearchdStartsOnTheNewestIntactVersion starts searchd on a data
// directory whose current version is damaged: it serves the newest intact
// version instead, and /readyz and the log say so.
func TestSearchdStartsOnTheNewestIntactVersion(t *testing.T) {
	tests := []struct {
		name    string
		damage  func(t *testing.T, zap string)
		problem string
	}{
		{"three bytes flipped", flipBytes, datadir.ProblemChecksum},
		{"truncated", func(t *testing.T, zap string) { os.Truncate(zap, 100) }, datadir.ProblemSize},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := t.TempDir()
			dd := datadir.Dir{Path: data}
			a, b, c := makeVersion(t, data, "Alpha", 3), makeVersion(t, data, "Beta", 4), makeVersion(t, data, "Gamma", 5)
			if err := dd.Switch(c); err != nil {
				t.Fatal(err)
			}
			zap := segmentFile(t, dd, c)
			tt.damage(t, zap)
			base, logs := startSearchd(t, "-data", data, "-poll", "50ms")
			code, r := getReadyz(t, base)
			wantWhy := "current version " + c + " is damaged: store/"
			if code != 200 || r.Serving != b || r.Current != c || !strings.HasPrefix(r.Fallback, wantWhy) || !strings.Contains(r.Fallback, tt.problem) {
				t.Errorf("/readyz = %d %+v; want 200 serving %s, current %s, fallback %q… %q", code, r, b, c, wantWhy, tt.problem)
			}
			if !strings.Contains(logs.String(), "serving the newest intact version in place of the current one") {
				t.Errorf("searchd did not log the fallback:\n%s", logs.String())
			}
			if _, ver, cos, err := searchCompanies(http.DefaultClient, base, "cache"); err != nil || ver != b || !cos["Beta"] {
				t.Errorf("search on the fallback: version %s, companies %v, %v; want %s and Beta", ver, cos, err, b)
			}
			// Polls do not try the damaged version again; a new pointer
			// is followed, and the fallback is over.
			time.Sleep(200 * time.Millisecond)
			if n := strings.Count(logs.String(), "refusing version"); n != 0 {
				t.Errorf("the damaged current was tried again %d times at polls:\n%s", n, logs.String())
			}
			if err := dd.Switch(a); err != nil {
				t.Fatal(err)
			}
			r = waitFor(t, base, "version "+a, func(r readyz) bool { return r.Version == a })
			if r.Current != a || r.Fallback != "" {
				t.Errorf("/readyz after the switch to %s = %+v, want no fallback", a, r)
			}
		})
	}
}

func TestSearchdWithNoIntactVersionFails(t *testing.T) {
	data := t.TempDir()
	dd := datadir.Dir{Path: data}
	a, b := makeVersion(t, data, "Alpha", 3), makeVersion(t, data, "Beta", 4)
	dd.Switch(b)
	flipBytes(t, segmentFile(t, dd, a))
	flipBytes(t, segmentFile(t, dd, b))
	var logs syncBuffer
	code := run(t.Context(), []string{"-data", data, "-addr", "127.0.0.1:0"}, &logs, &logs, nil)
	if out := logs.String(); code != 1 || !strings.Contains(out, "no other version can be served either") || !strings.Contains(out, a+" is damaged") {
		t.Errorf("searchd with every version damaged = %d:\n%s\nwant 1 naming each damaged version", code, out)
	}
}

// TestSearchdSurvivesASegmentTruncatedUnderIt truncates the segment file of
// the version a running searchd serves, which bleve has mapped into memory:
// reading it gives SIGBUS, which used to end the process. Now every search
// is answered (a result, or a 500 saying the version is damaged), and
// searchd falls back to the intact version before.
func TestSearchdSurvivesASegmentTruncatedUnderIt(t *testing.T) {
	data := t.TempDir()
	dd := datadir.Dir{Path: data}
	a, b := makeVersion(t, data, "Alpha", 3), makeVersion(t, data, "Beta", 40)
	if err := dd.Switch(b); err != nil {
		t.Fatal(err)
	}
	// No poll: the fault itself must lead to the fallback.
	base, logs := startSearchd(t, "-data", data, "-poll", "0", "-watch=false", "-cache-size", "0")
	if _, ver, _, err := searchCompanies(http.DefaultClient, base, "cache"); err != nil || ver != b {
		t.Fatalf("search before the damage: version %s, %v; want %s", ver, err, b)
	}
	if err := os.Truncate(segmentFile(t, dd, b), 0); err != nil {
		t.Fatal(err)
	}
	statuses := map[int]int{}
	deadline := time.Now().Add(20 * time.Second)
	for {
		for _, path := range []string{"/api/search?q=cache", "/api/search?q=two+sum&size=50", "/api/experiences/beta-7", "/search?q=design"} {
			resp, err := http.Get(base + path)
			if err != nil {
				t.Fatalf("GET %s after the truncation: %v (did searchd die?)\n%s", path, err, logs.String())
			}
			var body struct{ Error string }
			if strings.HasPrefix(path, "/api/") {
				json.NewDecoder(resp.Body).Decode(&body)
			}
			resp.Body.Close()
			statuses[resp.StatusCode]++
			if resp.StatusCode == 500 && strings.HasPrefix(path, "/api/") && !strings.Contains(body.Error, "damaged") {
				t.Errorf("GET %s = 500 %q, want a message saying the version is damaged", path, body.Error)
			}
		}
		resp, err := http.Get(base + "/readyz")
		if err != nil {
			t.Fatalf("GET /readyz after the truncation: %v", err)
		}
		var r readyz
		json.NewDecoder(resp.Body).Decode(&r)
		resp.Body.Close()
		if r.Serving == a {
			if r.Current != b || !strings.Contains(r.Fallback, b+" is damaged") {
				t.Errorf("/readyz on the fallback = %+v, want current %s and a fallback saying it is damaged", r, b)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("searchd did not fall back to %s within 20s (answers %v); /readyz %+v\n%s", a, statuses, r, logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("answers while the damaged version was served: %v", statuses)
	// With no poll and no watch, only a fault leads to the fallback.
	if statuses[500] == 0 || !strings.Contains(logs.String(), "memory fault") {
		t.Errorf("no search met the fault (answers %v), or it was not logged:\n%s", statuses, logs.String())
	}
	if _, ver, cos, err := searchCompanies(http.DefaultClient, base, "cache"); err != nil || ver != a || !cos["Alpha"] {
		t.Errorf("search after the fallback: version %s, companies %v, %v; want %s and Alpha", ver, cos, err, a)
	}
}

// TestHolderFallsBackWhenTheServedVersionIsDamaged damages the version a
// holder serves: a reload sees a change of size at once (a stat per file),
// a change of content only once a read of the version faulted (suspect),
// and then serves the version before.
func TestHolderFallsBackWhenTheServedVersionIsDamaged(t *testing.T) {
	tests := []struct {
		name           string
		damage         func(t *testing.T, zap string)
		seenByReload   bool // without a fault
		wantInFallback string
	}{
		{"truncated", func(t *testing.T, zap string) { os.Truncate(zap, 100) }, true, datadir.ProblemSize},
		{"three bytes flipped", flipBytes, false, datadir.ProblemChecksum},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := t.TempDir()
			dd := datadir.Dir{Path: data}
			a, b := makeVersion(t, data, "Alpha", 3), makeVersion(t, data, "Beta", 4)
			dd.Switch(b)
			var logs syncBuffer
			h, src := newTestHolder(t, data, 0, &logs)
			tt.damage(t, segmentFile(t, dd, b))
			h.reload(t.Context(), src, false)
			st, _ := h.IndexStatus(t.Context())
			if got := st.Version == a; got != tt.seenByReload {
				t.Fatalf("after a reload: serving %s, want the fallback %s: %v", st.Version, a, tt.seenByReload)
			}
			if !tt.seenByReload {
				h.suspect.Store(true) // as guard does after a fault
				h.reload(t.Context(), src, false)
				st, _ = h.IndexStatus(t.Context())
			}
			if st.Version != a || st.Current != b || !strings.Contains(st.Fallback, b+" is damaged") || !strings.Contains(st.Fallback, tt.wantInFallback) {
				t.Errorf("status = %+v, want serving %s in place of %s, damaged: %s", st, a, b, tt.wantInFallback)
			}
			if got := companiesOf(t, h, t.Context(), "cache"); !got["Alpha"] || len(got) != 1 {
				t.Errorf("after the fallback: companies %v, want Alpha only", got)
			}
			h.reload(t.Context(), src, false) // the damaged one is not tried again
			if n := strings.Count(logs.String(), "the version served is damaged"); n != 1 {
				t.Errorf("logged the damage %d times, want once:\n%s", n, logs.String())
			}
		})
	}
}
