package extract

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/askedat/askedat/internal/corpus"
)

// TestTameKeepsRealPages checks that every real and hand-made page reaches
// the parser byte for byte as it is.
func TestTameKeepsRealPages(t *testing.T) {
	var files []string
	for _, site := range []string{"geeksforgeeks", "glassdoor", "interviewexperiences"} {
		fs, _ := filepath.Glob(filepath.Join(corpus.Dir(t, "html", site), "*.html"))
		files = append(files, fs...)
	}
	hand, _ := filepath.Glob(filepath.Join("testdata", "pages", "*.html"))
	files = append(files, hand...)
	if len(files) < 200 {
		t.Fatalf("found %d pages, want the corpus and the hand-made pages", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := tame(b); err != nil || !bytes.Equal(got, b) {
			t.Errorf("tame(%s) changed the page (%d bytes, was %d) or failed: %v", filepath.Base(f), len(got), len(b), err)
		}
	}
}

func TestTame(t *testing.T) {
	open := strings.Repeat("<b>", maxOpenFormatting)
	tests := []struct {
		name, in, want string
	}{
		{"nothing to drop", "<p><b>a</b> <i>b</i></p>", "<p><b>a</b> <i>b</i></p>"},
		{"closed ones do not count", strings.Repeat("<a href=x>y</a>", 100), strings.Repeat("<a href=x>y</a>", 100)},
		{"one too many", open + "<i class=x>z" + "</b>", open + "z</b>"},
		{"self-closing opens too", open + "<u/>q", open + "q"},
		{"room again after an end tag", open + "</b><i>x<s>y", open + "</b><i>xy"},
		{"end tags are kept", open + "<a>1</a>2", open + "1</a>2"},
		{"other elements untouched", open + "<div><p>t</p></div>", open + "<div><p>t</p></div>"},
		{"in a script, not tags", open + "<script>'<b>'</script>", open + "<script>'<b>'</script>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tame([]byte(tt.in))
			if err != nil || string(got) != tt.want {
				t.Errorf("tame(%.60q…) = …%q, %v; want …%q", tt.in, tail(string(got)), err, tail(tt.want))
			}
		})
	}
}

func TestTameRefusesTooManyElements(t *testing.T) {
	for _, tt := range []struct {
		n       int
		wantErr bool
	}{{MaxElements, false}, {MaxElements + 1, true}} {
		page := []byte(strings.Repeat("<p>x", tt.n))
		_, err := tame(page)
		if gotErr := errors.Is(err, errTooManyTags); gotErr != tt.wantErr {
			t.Errorf("tame(%d elements) error = %v, want an error: %v", tt.n, err, tt.wantErr)
		}
	}
	if _, err := tame([]byte(strings.Repeat("</p>x", MaxElements+1))); err != nil {
		t.Errorf("tame(%d end tags) = %v, want no error (end tags make no elements)", MaxElements+1, err)
	}
}

func tail(s string) string {
	if len(s) > 40 {
		return s[len(s)-40:]
	}
	return s
}

// TestHugeHostilePages extracts pages built to make an HTML parser slow
// (unclosed formatting elements rebuilt at every tag, deep nesting, tables
// inside formatting elements), 10 MB each, and pages just within
// MaxElements, and checks that each is parsed or abandoned having allocated
// at most maxHostileAlloc. (Unbounded, a page of unclosed <a> tags takes
// minutes and gigabytes.) Time is logged, not checked;
// BenchmarkHugeHostilePage measures it.
func TestHugeHostilePages(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	if raceEnabled {
		// Built for the race detector the code allocates several times
		// more (less inlining, values escaping), so the bound says
		// nothing; the pages are still extracted, for races.
		t.Log("race detector on: allocations not checked")
	}
	for _, p := range hugeHostilePages() {
		t.Run(p.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start := time.Now()
			res, err := Page(mustURL(t, "http://127.0.0.1:8080/huge"), p.body)
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d bytes: %v (err %v), %v, %d MB allocated", len(p.body), res.Kind, err, took.Round(time.Millisecond), alloc>>20)
			if alloc > maxHostileAlloc && !raceEnabled {
				t.Errorf("Page allocated %d MB for a page of %d KB, want at most %d MB", alloc>>20, len(p.body)>>10, maxHostileAlloc>>20)
			}
		})
	}
}

// maxHostileAlloc is what extracting one page may allocate at most: the
// worst page within MaxElements (table rows) allocates about 200 MB.
const maxHostileAlloc = 320 << 20

type hugePage struct {
	name string
	body []byte
}

// hugeHostilePages returns pages of about 10 MB, each one pattern repeated.
func hugeHostilePages() []hugePage {
	var distinct strings.Builder
	for i := range 40 {
		fmt.Fprintf(&distinct, "<b id=%d>", i)
	}
	patterns := []struct{ name, open, close string }{
		// Within MaxElements: parsed.
		{"distinct formatting then blocks", distinct.String() + strings.Repeat("<li>x", MaxElements/(maxOpenFormatting+1)-10), ""},
		{"table rows", "<table>" + strings.Repeat("<tr><td>x", MaxElements/2-10), ""},
		{"paragraphs", strings.Repeat("<p>Q1. Reverse a list?", MaxElements-10), ""},
		{"unclosed a", "<a href=x>", ""},
		{"unclosed nobr", "<nobr>", ""},
		{"a and b misnested", "<a href=x><b>", "</a>"},
		{"self-closing b", "<b/>", ""},
		{"font around tables", "<font><table><tr><td>", ""},
		{"deep divs", "<div>", "</div>"},
		{"deep lists", "<ol><li>1. Round 1:", "</li></ol>"},
		{"formatting then blocks", "<i><p>", ""},
	}
	var out []hugePage
	for _, p := range patterns {
		n := (10 << 20) / len(p.open+p.close)
		if len(p.open) > 1000 {
			n = 1 // a whole page already
		}
		var b strings.Builder
		b.WriteString("<html><head><title>Interview Experience</title></head><body><h1>Acme Interview Experience</h1><h2>Round 1</h2>")
		b.WriteString(strings.Repeat(p.open, n))
		b.WriteString("Q1. Reverse a list?")
		b.WriteString(strings.Repeat(p.close, n))
		b.WriteString("</body></html>")
		out = append(out, hugePage{p.name, []byte(b.String())})
	}
	return out
}

func BenchmarkHugeHostilePage(b *testing.B) {
	u := mustURL(b, "http://127.0.0.1:8080/huge")
	for _, p := range hugeHostilePages() {
		b.Run(strings.ReplaceAll(p.name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(p.body)))
			for b.Loop() {
				Page(u, p.body)
			}
		})
	}
}
