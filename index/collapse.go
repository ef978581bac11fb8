package index

// Field collapsing on the question cluster (Request.Collapse): one hit per
// cluster, inside the one pass. Each worker keeps every group's best
// candidate and count as it visits the matches; the workers' groups are
// merged exactly (their document numbers are apart, and rankAbove is a
// total order, so the best of a group is the same however the matches were
// split); then the top groups are selected by their best.

// A hitGroup is the matches of one cluster, or one question without a
// cluster, in a worker or, merged, in the search.
type hitGroup struct {
	best candidate // the best-ranked match; best.n counts the group's matches
	ord  uint32    // the cluster's ordinal; 0 for a question of its own
}

// A groupSet is one worker's groups. slot, indexed by cluster ordinal,
// holds 1 + the group's position in groups (0: not met yet), so a match
// costs one array read more than in an uncollapsed search, and the memory
// written grows with the groups matched, not with the clusters indexed.
type groupSet struct {
	slot   []uint32
	groups []hitGroup
}

// add counts candidate c of the cluster with ordinal ord (0: none) in its
// group, keeping the group's best by the sort.
func (g *groupSet) add(c candidate, ord uint32, by sortKind) {
	c.n = 1
	// A question has at most one cluster; an entry naming several
	// (multiFlag) cannot index slot and stands alone.
	if ord == 0 || ord&multiFlag != 0 {
		g.groups = append(g.groups, hitGroup{best: c})
		return
	}
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
		for _, g := range pt.groups.groups {
			if g.ord == 0 {
				gs.groups = append(gs.groups, g)
				continue
			}
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

// slot returns a zeroed array with an entry per cluster ordinal, reused
// from an earlier collapsed search when one is free.
func (s *snapshot) slot() []uint32 {
	if v, ok := s.slots.Get().(*[]uint32); ok {
		return *v
	}
	return make([]uint32, len(s.cols.cluster.values))
}

// releaseGroups zeroes the entries the workers' groups set, after
// mergeGroups (the first worker's array also holds the others' clusters,
// all of them in its merged groups), and keeps the arrays for reuse.
func (s *snapshot) releaseGroups(parts []*partial) {
	for _, pt := range parts {
		slot := pt.groups.slot
		for _, g := range pt.groups.groups {
			if g.ord != 0 {
				slot[g.ord] = 0
			}
		}
		pt.groups = nil
		s.slots.Put(&slot)
	}
}
