package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/askedat/askedat"
	"github.com/askedat/askedat/internal/catalog"
	"github.com/askedat/askedat/internal/cluster"
)

// knownTitles is the extractor of the experiences whose question titles are
// problems' known names: LeetCode's company lists, imported.
const knownTitles = "import:leetcode"

// clusterInfo is what the indexer adds to one question: its cluster, and
// the difficulty it takes from the same problem rated elsewhere when it
// states none (difficulties).
type clusterInfo struct {
	id, title string
	askedAt   int
	inferred  string
}

// clusters maps an experience id to its questions' clusters, by ordinal.
type clusters map[string]map[int]clusterInfo

// groupQuestions reads every input once (the first pass of a build), and groups the questions of the
// experiences that will be indexed (the last valid line of each id) into
// clusters of the same question asked in other words. A question's cluster
// says how many companies asked it.
func groupQuestions(ctx context.Context, ins []*input, companies *askedat.CompanyAliases) (clusters, int, error) {
	type ref struct {
		id      string
		ordinal int
	}
	latest := map[string][]int{} // experience id → its inputs in the last valid version
	var inputs []cluster.Input
	var srcs []difficultySource // by input
	var refs []ref
	for _, in := range ins {
		r, err := in.read()
		if err != nil {
			return nil, 0, err
		}
		dec := in.decoder(r)
		for {
			if err := ctx.Err(); err != nil {
				return nil, 0, err
			}
			e, err := dec.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			var le *askedat.LineError
			if errors.As(err, &le) {
				continue // reported by the build pass
			}
			if err != nil {
				return nil, 0, fmt.Errorf("read %s: %w", in.name, err)
			}
			askedat.Normalize(&e)
			companies.Renormalize(&e) // as the index will spell it
			if e.Validate() != nil {
				continue
			}
			for _, i := range latest[e.ID] {
				refs[i].id = "" // an earlier version: no longer indexed
			}
			latest[e.ID] = latest[e.ID][:0]
			for _, q := range e.Questions {
				latest[e.ID] = append(latest[e.ID], len(inputs))
				known := e.Extractor == knownTitles
				inputs = append(inputs, cluster.Input{Title: q.Title, Body: q.Body, Company: e.Company, Known: known})
				srcs = append(srcs, difficultySource{difficulty: q.Difficulty, known: known})
				refs = append(refs, ref{e.ID, q.Ordinal})
			}
		}
		if err := in.done(); err != nil {
			return nil, 0, err
		}
	}
	nameProblems(ctx, inputs, srcs)
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	// Inputs of replaced versions take part in the grouping but are not
	// counted: drop them first, so they cannot link two clusters.
	live := inputs[:0]
	liveRefs := refs[:0]
	diffs := newDifficulties()
	var liveSrcs []difficultySource
	for i, r := range refs {
		if r.id != "" {
			live = append(live, inputs[i])
			liveRefs = append(liveRefs, r)
			liveSrcs = append(liveSrcs, srcs[i])
			diffs.learn(srcs[i])
		}
	}
	ids, cls := cluster.Assign(live, cluster.Options{})
	askedAt := cluster.AskedAt(live, ids, len(cls))
	out := clusters{}
	for i, r := range liveRefs {
		c := ids[i]
		if out[r.id] == nil {
			out[r.id] = map[int]clusterInfo{}
		}
		info := clusterInfo{id: cls[c].ID, title: cls[c].Canonical, askedAt: askedAt[c]}
		if s := liveSrcs[i]; s.difficulty == "" {
			info.inferred = diffs.infer(s.problem, s.key)
		}
		out[r.id][r.ordinal] = info
	}
	return out, len(cls), nil
}

// nameProblems finds the catalogue's problem each question asks, for
// grouping (its input's Problem), and the one it takes a difficulty for or
// gives one to (its source's): an imported list's, and otherwise the one
// its title names (problemsOf). Not one only its body names, as grouping
// takes: a body names the ask's hints, examples and follow-ups too, and a
// split that left other questions in a body would give a
// self-introduction a coding problem's rating. It runs on every core:
// matching the catalogue against each title and body is most of the first
// pass of a build.
func nameProblems(ctx context.Context, inputs []cluster.Input, srcs []difficultySource) {
	workers := runtime.GOMAXPROCS(0)
	const chunk = 1024
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for ctx.Err() == nil {
				lo := int(next.Add(chunk)) - chunk
				if lo >= len(inputs) {
					return
				}
				for i := lo; i < min(lo+chunk, len(inputs)); i++ {
					in, src := &inputs[i], &srcs[i]
					inTitle, problem := problemsOf(in.Title, in.Body)
					if in.Known {
						problem = knownProblemOf(in.Title, in.Body)
						inTitle = problem
					}
					// Problems that are one question told two ways group
					// as one; each keeps its own rating (src.problem).
					in.Problem = catalog.Question(problem)
					src.problem, src.key = inTitle, cluster.Key(in.Title)
				}
			}
		})
	}
	wg.Wait()
}

// apply sets the clusters of e's questions, and the difficulty inferred
// for those that state none.
func (cs clusters) apply(e *askedat.Experience) {
	byOrdinal := cs[e.ID]
	for i := range e.Questions {
		q := &e.Questions[i]
		c, ok := byOrdinal[q.Ordinal]
		if !ok {
			continue
		}
		q.Cluster, q.ClusterTitle, q.AskedAt = c.id, c.title, c.askedAt
		if q.Difficulty == "" && c.inferred != "" {
			q.Difficulty, q.DifficultySource = c.inferred, askedat.DifficultyInferred
		}
	}
}
