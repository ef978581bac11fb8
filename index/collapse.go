package index

// Field collapsing on the question cluster (Request.Collapse): one hit per
// cluster, inside the one pass. Each worker keeps every cluster's best
// candidate and count as it visits the matches; a question without a
// cluster, or alone in its cluster in the whole index (columns.shared: most
// of them, in real data), is a group of its own, offered to the worker's
// top hits as it comes (as in an uncollapsed search). The workers' clusters are merged
// exactly (their document numbers are apart, and rankAbove is a total
// order, so the best of a group is the same however the matches were
// split); then the top groups are selected by their best.

// A hitGroup is the matches of one cluster in a worker or, merged, in the
// search.
type hitGroup struct {
	best candidate // the best-ranked match; best.n counts the group's matches
	ord  uint32    // the cluster's ordinal
}

// A groupSet is one worker's groups. slot, indexed by cluster ordinal,
// holds 1 + the group's position in groups (0: not met yet), so a match
// costs one array read more than in an uncollapsed search, and the memory
// written grows with the groups matched, not with the clusters indexed.
//
// Sets are reused (snapshot.groupSet), so that a search with many groups
// does not grow its arrays from nothing each time.
type groupSet struct {
	slot    []uint32
	groups  []hitGroup
	singles uint64 // questions alone (without a cluster, or alone in it), each a group
}

// clusterOf returns the cluster ordinal of a row's entry, or 0 when the
// question stands alone: it has no cluster, or (never for a question made
// by the indexer) several.
func clusterOf(o uint32) uint32 {
	if o&multiFlag != 0 {
		return 0
	}
	return o
}

// add counts candidate c of the cluster with ordinal ord (not 0) in its
// group, keeping the group's best by the sort.
func (g *groupSet) add(c candidate, ord uint32, by sortKind) {
	c.n = 1
	if i := g.slot[ord]; i != 0 {
		gr := &g.groups[i-1]
		c.n = gr.best.n + 1
		if rankAbove(c, gr.best, by) {
			gr.best = c
		} else {
			gr.best.n = c.n
		}
		return
	}
	g.groups = append(g.groups, hitGroup{best: c, ord: ord})
	g.slot[ord] = uint32(len(g.groups))
}

// mergeGroups merges the groups of every worker into the first's, and
// returns it: counts add up, the better best wins.
func mergeGroups(parts []*partial, by sortKind) *groupSet {
	gs := parts[0].groups
	for _, pt := range parts[1:] {
		gs.singles += pt.groups.singles
		for _, g := range pt.groups.groups {
			i := gs.slot[g.ord]
			if i == 0 {
				gs.groups = append(gs.groups, g)
				gs.slot[g.ord] = uint32(len(gs.groups))
				continue
			}
			m := &gs.groups[i-1]
			n := m.best.n + g.best.n
			if rankAbove(g.best, m.best, by) {
				m.best = g.best
			}
			m.best.n = n
		}
	}
	return gs
}

// groupSet returns an empty set, with a zeroed slot entry per cluster
// ordinal, reused from an earlier collapsed search when one is free.
func (s *snapshot) groupSet() *groupSet {
	if g, ok := s.groupSets.Get().(*groupSet); ok {
		return g
	}
	return &groupSet{slot: make([]uint32, len(s.cols.cluster.values))}
}

// releaseGroups empties the workers' sets, after mergeGroups (the first
// worker's slot array also holds the others' clusters, all of them in its
// merged groups), and keeps them for reuse.
func (s *snapshot) releaseGroups(parts []*partial) {
	for _, pt := range parts {
		g := pt.groups
		for _, gr := range g.groups {
			g.slot[gr.ord] = 0
		}
		g.groups, g.singles = g.groups[:0], 0
		pt.groups = nil
		s.groupSets.Put(g)
	}
}
