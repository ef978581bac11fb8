package main

import (
	"bufio"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/askedat/askedat/internal/catalog"
)

var showParaphrases = flag.Bool("paraphrases", false, "TestBlindParaphrases: print each tuning-half miss")

// blindParaphrases holds questions worded as candidates word them in
// their posts, each after the standard name of the problem it asks. They
// were written for the project by writers who had not seen the catalogue
// (nor the labelled real pages), so that they measure how its names
// generalise: the catalogue's own writer thinks of the phrasings the
// catalogue already has.
const blindParaphrases = "testdata/blind-paraphrases.tsv"

// blindFloors are the least share of each half's questions grouped by
// their problem (problemOf finds the problem their standard name is), and
// the most named as another problem. The tuning half's misses may be read
// and mended; the check half's are only counted (see TestBlindParaphrases).
var blindFloors = map[string]struct{ right, wrong float64 }{
	"tuning": {0.75, 0.10},
	"check":  {0.57, 0.10},
}

// TestBlindParaphrases measures the catalogue on questions worded by
// writers who had not read it. A problem is in the tuning half or the
// check half by the order its standard name first appears (even, odd), so
// that a name added for a tuning problem cannot help a check problem except
// as a rule of wording does; the check half says how the catalogue does on
// problems and phrasings no one mended it for, as the real pages' check
// half does.
func TestBlindParaphrases(t *testing.T) {
	lines := readBlindParaphrases(t)
	unknown := map[string]bool{}
	for _, s := range scoreBlindParaphrases(lines, func(l blindLine, want, got string) {
		if !*showParaphrases || l.half != "tuning" {
			return
		}
		switch {
		case want == "" && !unknown[l.canonical]:
			unknown[l.canonical] = true
			t.Logf("not in the catalogue: %s", l.canonical)
		case want != "" && got != want:
			t.Logf("%s (%s): got %q for %q", l.canonical, want, got, l.text)
		}
	}) {
		t.Logf("blind paraphrases, %-6s %d problems (%d not in the catalogue), %d questions of known problems: right %.3f, another problem %.3f, none %.3f",
			s.half, s.problems, s.unknown, s.lines, s.right(), s.wrong(), 1-s.right()-s.wrong())
		floor := blindFloors[s.half]
		if s.right() < floor.right {
			t.Errorf("%s half: %.3f of questions named right, want at least %.2f", s.half, s.right(), floor.right)
		}
		if s.wrong() > floor.wrong {
			t.Errorf("%s half: %.3f of questions named as another problem, want at most %.2f", s.half, s.wrong(), floor.wrong)
		}
	}
}

// A blindLine is a question of blindParaphrases: the standard name of its
// problem, its text and its half.
type blindLine struct{ canonical, text, half string }

// readBlindParaphrases reads blindParaphrases and puts each problem in a
// half, by the order its standard name first appears.
func readBlindParaphrases(t *testing.T) []blindLine {
	t.Helper()
	f, err := os.Open(blindParaphrases)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []blindLine
	half := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if strings.TrimSpace(sc.Text()) == "" || strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		canonical, text, ok := strings.Cut(sc.Text(), "\t")
		canonical, text = strings.TrimSpace(canonical), strings.TrimSpace(text)
		if !ok || canonical == "" || text == "" {
			t.Fatalf("%s:%d: want CANONICAL<TAB>TEXT", blindParaphrases, n)
		}
		if _, ok := half[canonical]; !ok {
			half[canonical] = "tuning"
			if len(half)%2 == 0 {
				half[canonical] = "check"
			}
		}
		lines = append(lines, blindLine{canonical, text, half[canonical]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// A blindScore counts one half's questions: those of problems the
// catalogue has, named right or as another problem.
type blindScore struct {
	half                                    string
	problems, unknown, lines, got, misnamed int
}

func (s blindScore) right() float64 { return float64(s.got) / float64(max(1, s.lines)) }
func (s blindScore) wrong() float64 { return float64(s.misnamed) / float64(max(1, s.lines)) }

// scoreBlindParaphrases names the problem of each line (problemOf) and
// scores the tuning half, then the check half; seen, if not nil, sees each
// line with the problem of its standard name and the one found.
func scoreBlindParaphrases(lines []blindLine, seen func(l blindLine, want, got string)) []blindScore {
	scores := []blindScore{{half: "tuning"}, {half: "check"}}
	counted := map[string]bool{}
	for _, l := range lines {
		s := &scores[0]
		if l.half == "check" {
			s = &scores[1]
		}
		want := standardProblem(l.canonical)
		if !counted[l.canonical] {
			counted[l.canonical] = true
			s.problems++
			if want == "" {
				s.unknown++
			}
		}
		got := ""
		if want != "" {
			got = problemOf(l.text, "")
			s.lines++
			switch {
			case got == want:
				s.got++
			case got != "":
				s.misnamed++
			}
		}
		if seen != nil {
			seen(l, want, got)
		}
	}
	return scores
}

// standardProblem is the catalogue's problem of a standard name: the
// entry of that LeetCode title, else the problem the name alone names.
func standardProblem(canonical string) string {
	if e := catalog.ByLeetCode(canonical); e != nil && e.Kind == catalog.KindProblem {
		return e.ID
	}
	return problemOf(canonical, "")
}
