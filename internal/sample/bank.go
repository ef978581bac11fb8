package sample

import (
	_ "embed"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/askedat/askedat"
)

//go:embed data/questions.txt
var questionsTxt string

// A group is one question and its paraphrases: the variants share a key,
// category, difficulty, tracks and topic.
type group struct {
	key        string
	category   string // canonical (askedat.NormalizeCategory)
	cat        int    // index of category in categoryOrder
	difficulty string // canonical, or ""
	tracks     []string
	topic      string
	variants   []variant
	rank       int // position within its category, most common first
}

// A variant is one wording of a question.
type variant struct {
	title, body string
	templated   bool // title or body holds {company} or {role}
	sentences   int  // sentences in body
}

// bank is the parsed question bank.
var bank = mustParseBank(questionsTxt)

// mustParseBank parses data/questions.txt, panicking on a malformed line: the
// file is part of the program and TestBank checks it.
func mustParseBank(txt string) []group {
	b, err := parseBank(txt)
	if err != nil {
		panic("sample: data/questions.txt: " + err.Error())
	}
	return b
}

func parseBank(txt string) ([]group, error) {
	var (
		out      []group
		cat      = -1
		rankOf   [len(categoryOrder)]int
		keysSeen = map[string]bool{}
	)
	for n, line := range strings.Split(txt, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || (strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "##")):
			continue
		case strings.HasPrefix(line, "## "):
			name := strings.TrimSpace(line[3:])
			cat = slices.Index(categoryOrder[:], name)
			if cat < 0 {
				return nil, fmt.Errorf("line %d: unknown category %q", n+1, name)
			}
		case strings.HasPrefix(line, "= "):
			if cat < 0 {
				return nil, fmt.Errorf("line %d: group before any category", n+1)
			}
			f := strings.Split(line[2:], "|")
			if len(f) != 4 {
				return nil, fmt.Errorf("line %d: want \"= key | difficulty | tracks | topic\"", n+1)
			}
			for i := range f {
				f[i] = strings.TrimSpace(f[i])
			}
			if keysSeen[f[0]] {
				return nil, fmt.Errorf("line %d: group %q twice", n+1, f[0])
			}
			keysSeen[f[0]] = true
			diff := f[1]
			if diff == "-" {
				diff = ""
			}
			out = append(out, group{
				key:        f[0],
				category:   askedat.NormalizeCategory(categoryOrder[cat]),
				cat:        cat,
				difficulty: askedat.NormalizeDifficulty(diff),
				tracks:     strings.Split(f[2], ","),
				topic:      f[3],
				rank:       rankOf[cat],
			})
			rankOf[cat]++
		default:
			if len(out) == 0 {
				return nil, fmt.Errorf("line %d: question before any group", n+1)
			}
			title, body, ok := strings.Cut(line, " :: ")
			if !ok {
				return nil, fmt.Errorf("line %d: want \"Title :: Description\"", n+1)
			}
			title, body = askedat.CleanSpace(title), askedat.CleanSpace(body)
			g := &out[len(out)-1]
			g.variants = append(g.variants, variant{
				title:     title,
				body:      body,
				templated: strings.Contains(title+body, "{"+"company}") || strings.Contains(title+body, "{"+"role}"),
				sentences: countSentences(body),
			})
		}
	}
	for _, g := range out {
		if len(g.variants) == 0 {
			return nil, fmt.Errorf("group %q has no questions", g.key)
		}
	}
	return out, nil
}

// countSentences counts the sentences of s: its ". ", "? " and "! " plus one.
func countSentences(s string) int {
	return 1 + strings.Count(s, ". ") + strings.Count(s, "? ") + strings.Count(s, "! ")
}

// A picker draws indices with given weights.
type picker struct{ cum []float64 }

func newPicker(weights []float64) picker {
	cum := make([]float64, len(weights))
	sum := 0.0
	for i, w := range weights {
		sum += w
		cum[i] = sum
	}
	return picker{cum}
}

// pick returns an index drawn with u uniform in [0, 1).
func (p picker) pick(u float64) int {
	if len(p.cum) == 0 {
		return -1
	}
	x := u * p.cum[len(p.cum)-1]
	i, _ := slices.BinarySearchFunc(p.cum, x, func(c, x float64) int {
		if c <= x {
			return -1
		}
		return 1
	})
	return min(i, len(p.cum)-1)
}

// pickN returns an index below n drawn with u uniform in [0, 1), with the
// weights of the first n indices only.
func (p picker) pickN(u float64, n int) int {
	return picker{p.cum[:min(n, len(p.cum))]}.pick(u)
}

// roleTables holds, for each role and category, a picker over the bank
// groups of that category (by index into groupsOf[cat]) weighted by
// popularity and by how well the group's tracks fit the role.
type roleTables struct {
	cats   picker                     // over categoryOrder
	groups [len(categoryOrder)]picker // over groupsOf[cat]
}

var (
	groupsOf    [len(categoryOrder)][]int // bank indices of each category's groups
	tablesOf    = buildTables()
	variantPick = newPicker([]float64{1, 0.6, 0.4, 0.3, 0.2, 0.15, 0.1, 0.1})
)

func buildTables() []roleTables {
	for i, g := range bank {
		groupsOf[g.cat] = append(groupsOf[g.cat], i)
	}
	out := make([]roleTables, len(roles))
	for ri, r := range roles {
		var cw []float64
		for c := range categoryOrder {
			w := r.cat[c]
			if len(groupsOf[c]) == 0 {
				w = 0
			}
			cw = append(cw, w)
		}
		out[ri].cats = newPicker(cw)
		for c := range categoryOrder {
			ws := make([]float64, len(groupsOf[c]))
			for j, gi := range groupsOf[c] {
				g := bank[gi]
				ws[j] = math.Pow(float64(g.rank+1), -0.8) * affinity(g.tracks, r.tracks)
			}
			out[ri].groups[c] = newPicker(ws)
		}
	}
	return out
}

// affinity weighs a group with the given tracks for a role with roleTracks:
// general questions are asked of everybody, specialised ones mostly of the
// roles they belong to.
func affinity(tracks, roleTracks []string) float64 {
	for _, t := range tracks {
		if slices.Contains(roleTracks, t) {
			return 1.5
		}
	}
	if slices.Contains(tracks, "gen") {
		return 1
	}
	return 0.03
}
