package main

import (
	"github.com/askedat/askedat"
	"hash/fnv"
	"io"
	"math/rand/v2"

	"github.com/askedat/askedat/internal/datadir"
)

// A sampler keeps a uniform random sample of the experiences indexed
// (reservoir sampling), each in its last version, to draw smoke queries
// from. Its randomness is seeded by the version id: a job can be replayed.
type sampler struct {
	k     int
	rng   *rand.Rand
	seen  int
	items []askedat.Experience
	pos   map[string]int
}

func newSampler(k int, seed string) *sampler {
	h := fnv.New64a()
	io.WriteString(h, seed)
	s := h.Sum64()
	return &sampler{k: k, rng: rand.New(rand.NewPCG(s, s>>1|1)), pos: map[string]int{}}
}

func (s *sampler) add(e *askedat.Experience) {
	if i, ok := s.pos[e.ID]; ok {
		s.items[i] = *e // a later line for a sampled experience
		return
	}
	s.seen++
	if len(s.items) < s.k {
		s.pos[e.ID] = len(s.items)
		s.items = append(s.items, *e)
		return
	}
	if j := s.rng.IntN(s.seen); j < s.k {
		delete(s.pos, s.items[j].ID)
		s.items[j] = *e
		s.pos[e.ID] = j
	}
}

// smokes returns a smoke query for each experience of the sample.
func (s *sampler) smokes() []datadir.Smoke {
	out := make([]datadir.Smoke, len(s.items))
	for i := range s.items {
		out[i] = datadir.SmokeFor(&s.items[i], s.rng)
	}
	return out
}
