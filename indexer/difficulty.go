package main

import (
	"cmp"
	"maps"
	"slices"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/internal/catalog"
	"github.com/askedat/askedat/internal/cluster"
)

// A difficultySource is a question whose difficulty was stated (by a page,
// or by an imported list of known problems), and the problem it asks.
type difficultySource struct {
	problem, key string // the catalogue's problem (problemOf), the title's cluster.Key
	difficulty   string
	known        bool // from an imported list of known problems (knownTitles)
}

// difficulties learns the difficulty of known problems from the questions
// that state one, and gives it to questions that state none. A question
// takes a difficulty only from a question asking the same problem: the
// catalogue names one problem for both, or their titles have one cluster
// key. A cluster's word similarity is not enough: a cluster may join "two
// sum" and "three sum", which an imported list rates apart.
type difficulties struct {
	byProblem, byKey map[string]*votes
}

// votes counts the difficulties stated for one problem, those of known
// lists apart: a known list's rating wins over posts', which vary.
type votes struct{ known, posts map[string]int }

func newDifficulties() *difficulties {
	return &difficulties{byProblem: map[string]*votes{}, byKey: map[string]*votes{}}
}

// learn records a question that states its difficulty.
func (d *difficulties) learn(s difficultySource) {
	if s.difficulty == "" {
		return
	}
	add := func(m map[string]*votes, k string) {
		if k == "" {
			return
		}
		v := m[k]
		if v == nil {
			v = &votes{known: map[string]int{}, posts: map[string]int{}}
			m[k] = v
		}
		if s.known {
			v.known[s.difficulty]++
		} else {
			v.posts[s.difficulty]++
		}
	}
	add(d.byProblem, s.problem)
	add(d.byKey, s.key)
}

// infer returns the difficulty a question of that problem and title key
// takes, or "" when nothing rates it. In order: an imported list's rating
// of the problem, then of the title; the catalogue's rating of the problem
// (LeetCode's, where it has one); the posts' ratings of the problem, then
// of the title. Lists and the catalogue rate the problem itself; posts
// rate their own interview's question, and differ.
func (d *difficulties) infer(problem, key string) string {
	var vs []*votes
	if problem != "" {
		vs = append(vs, d.byProblem[problem])
	}
	if key != "" {
		vs = append(vs, d.byKey[key])
	}
	for _, v := range vs {
		if v != nil {
			if w := winner(v.known); w != "" {
				return w
			}
		}
	}
	if e := catalog.Lookup(problem); problem != "" && e != nil && e.Difficulty != "" {
		return e.Difficulty
	}
	for _, v := range vs {
		if v != nil {
			if w := winner(v.posts); w != "" {
				return w
			}
		}
	}
	return ""
}

// winner returns the most common difficulty of counts; a tie goes to the
// harder, so that a question is never made to look easier than some rated
// it. "" for no counts.
func winner(counts map[string]int) string {
	ds := slices.Sorted(maps.Keys(counts))
	slices.SortStableFunc(ds, func(a, b string) int { return cmp.Compare(difficultyRank(b), difficultyRank(a)) })
	best, n := "", 0
	for _, d := range ds {
		if counts[d] > n {
			best, n = d, counts[d]
		}
	}
	return best
}

// difficultyRank orders the canonical difficulties, others last.
func difficultyRank(d string) int {
	switch d {
	case "Easy":
		return 1
	case "Medium":
		return 2
	case "Hard":
		return 3
	}
	return 0
}

// inferUpdated gives q, a question of a line indexer update applies, the
// difficulty reindex would infer as far as an update can know it: the one
// inferred before for the same question (same ordinal, same title key), or
// the catalogue's rating of the problem a reindex would rate it by
// (problemsOf: a lead-in title's body problem too).
func inferUpdated(q *askedat.Question, old map[int]askedat.Question) {
	if q.Difficulty != "" {
		return
	}
	if o, ok := old[q.Ordinal]; ok && o.DifficultySource == askedat.DifficultyInferred && cluster.Key(o.Title) == cluster.Key(q.Title) {
		q.Difficulty, q.DifficultySource = o.Difficulty, askedat.DifficultyInferred
		return
	}
	if p, _ := problemsOf(q.Title, q.Body); p != "" {
		if e := catalog.Lookup(p); e != nil && e.Difficulty != "" {
			q.Difficulty, q.DifficultySource = e.Difficulty, askedat.DifficultyInferred
		}
	}
}
