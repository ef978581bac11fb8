package cluster

import (
	"slices"
	"strings"
)

// A group is the inputs whose titles have one Key.
type group struct {
	first, size int32 // first input, in input order; number of inputs

	seq     uint64 // hash of the title words, in order
	ordered bool   // the title has a word that makes order matter (orderWords)
	// feats holds, each part sorted: the title words (nTitle of them), the
	// features shared by most of the group's sample that count towards
	// similarity (nSim), and those that are too common to.
	feats        []uint32
	nTitle, nSim int32
}

// titleSet returns the hashes of g's title words, sorted and unique.
func (g *group) titleSet() []uint32 { return g.feats[:g.nTitle] }

// sim returns the features of g that count towards similarity.
func (g *group) sim() []uint32 { return g.feats[g.nTitle : g.nTitle+g.nSim] }

// common returns the features of g that are too common to count.
func (g *group) common() []uint32 { return g.feats[g.nTitle+g.nSim:] }

// exactGroups groups the inputs by Key; titles without words ("???") by
// their text. Groups are numbered in the order of their first input.
func exactGroups(in []Input, workers int) ([]group, []int32) {
	keys := make([]string, len(in))
	caches := make([]map[string]string, workers) // title → Key, per worker
	parallel(len(in), workers, func(w, lo, hi int) {
		c := caches[w]
		if c == nil || len(c) > 1<<14 {
			c = make(map[string]string)
			caches[w] = c
		}
		for i := lo; i < hi; i++ {
			t := in[i].Title
			k, ok := c[t]
			if !ok {
				k = Key(t)
				c[t] = k
			}
			keys[i] = k
		}
	})
	groupOf := make([]int32, len(in))
	byKey := make(map[string]int32)
	var groups []group
	for i, k := range keys {
		if k == "" {
			// A title without words ("???") goes with the same title only.
			k = "\x00" + strings.ToLower(cleanSpace(in[i].Title))
		}
		g, ok := byKey[k]
		if !ok {
			g = int32(len(groups))
			byKey[k] = g
			groups = append(groups, group{first: int32(i)})
		}
		groupOf[i] = g
		groups[g].size++
	}
	return groups, groupOf
}

// samples returns the first sampleSize inputs (at most) of each group, in
// input order: those of group g are sample[off[g]:off[g+1]].
func samples(groups []group, groupOf []int32) (off, sample []int32) {
	off = make([]int32, len(groups)+1)
	for g := range groups {
		off[g+1] = off[g] + min(groups[g].size, sampleSize)
	}
	sample = make([]int32, off[len(groups)])
	next := slices.Clone(off[:len(groups)])
	for i, g := range groupOf {
		if next[g] < off[g+1] {
			sample[next[g]] = int32(i)
			next[g]++
		}
	}
	return off, sample
}

// describeGroups fills in the title and features of each group.
func describeGroups(in []Input, groups []group, groupOf []int32, workers int) {
	off, sample := samples(groups, groupOf)
	// Document frequencies are counted over every stride-th input: over
	// questions, not groups, so that a question asked in many wordings
	// (one per company, say) does not make its own words common.
	stride := max(1, (len(in)+dfSample-1)/dfSample)
	type state struct {
		f      *featurizer
		df     map[uint32]int32
		n      int
		all    []uint32
		core   []uint32
		titles []uint32 // title words of the sampled inputs, one after another
		ends   []int    // where each input's title words end in titles
		orders []bool
	}
	states := make([]state, workers)
	for w := range states {
		states[w] = state{f: newFeaturizer(), df: map[uint32]int32{}}
	}
	parallel(len(groups), workers, func(w, lo, hi int) {
		st := &states[w]
		for g := lo; g < hi; g++ {
			gr := &groups[g]
			st.all, st.titles, st.ends, st.orders = st.all[:0], st.titles[:0], st.ends[:0], st.orders[:0]
			for j := off[g]; j < off[g+1]; j++ {
				title, feats := st.f.features(&in[sample[j]])
				st.titles = append(st.titles, title...)
				st.ends = append(st.ends, len(st.titles))
				st.orders = append(st.orders, st.f.ordered)
				st.all = append(st.all, feats...)
			}
			st.core = majority(st.core[:0], st.all, len(st.ends))
			// The title as most of the group has it: the company's name
			// may be a placeholder in some of its inputs and not others.
			start, end, k := 0, st.ends[0], 0
			for i := range st.ends {
				s, e := 0, st.ends[i]
				if i > 0 {
					s = st.ends[i-1]
				}
				if !slices.ContainsFunc(st.titles[s:e], func(x uint32) bool { return !has(st.core, x) }) {
					start, end, k = s, e, i
					break
				}
			}
			gr.seq = seqHash(st.titles[start:end])
			gr.ordered = st.orders[k]
			title := sortedSet(st.titles[start:end])
			gr.feats = make([]uint32, 0, len(title)+len(st.core))
			gr.feats = append(append(gr.feats, title...), st.core...)
			gr.nTitle = int32(len(title))
		}
	})
	parallel((len(in)+stride-1)/stride, workers, func(w, lo, hi int) {
		st := &states[w]
		for i := lo; i < hi; i++ {
			_, feats := st.f.features(&in[i*stride])
			st.n++
			for _, x := range feats {
				st.df[x]++
			}
		}
	})
	df, counted := states[0].df, states[0].n
	for _, st := range states[1:] {
		counted += st.n
		for x, c := range st.df {
			df[x] += c
		}
	}
	// Put the common features of each group's core after the others.
	limit := int32(max(commonMin, int(commonShare*float64(counted))))
	parallel(len(groups), workers, func(_, lo, hi int) {
		var common []uint32
		for g := lo; g < hi; g++ {
			gr := &groups[g]
			core := gr.feats[gr.nTitle:]
			common = common[:0]
			n := 0
			for _, x := range core {
				if df[x] > limit {
					common = append(common, x)
				} else {
					core[n] = x
					n++
				}
			}
			copy(core[n:], common)
			gr.nSim = int32(n)
		}
	})
}

func seqHash(ws []uint32) uint64 {
	h := uint64(len(ws))
	for _, w := range ws {
		h = mix64(h ^ uint64(w))
	}
	return h
}

// majority appends to out, sorted, the values of all (the concatenated
// sorted sets of n inputs) that occur in more than half of the n sets.
func majority(out, all []uint32, n int) []uint32 {
	slices.Sort(all)
	for i := 0; i < len(all); {
		j := i + 1
		for j < len(all) && all[j] == all[i] {
			j++
		}
		if 2*(j-i) > n || n == 1 {
			out = append(out, all[i])
		}
		i = j
	}
	return out
}
