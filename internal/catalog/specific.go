package catalog

import (
	"cmp"
	"slices"
)

// mostSpecific first merges the overlapping matches of each entry into
// one, whose positions are all the words its names matched there, so an
// entry with several names that each cover part of a phrase beats a less
// specific entry that covers another part: "level order traversal in
// spiral form of a binary tree" is the zigzag traversal, not also the
// plain level order one.
//
// Then, from the matches of most words down, each word goes to the match
// of more words. A match that shares a word with one of more words and
// lies within its span is dropped: "binary tree" inside "lowest common
// ancestor in a binary tree", "binary tree" and "tree" inside "BST". One
// that shares a word but reaches outside it stays only if its names still
// match without the words of the bigger matches: in "given a string, find
// its longest palindromic subsequence" the "palindrome string" of the
// valid palindrome has lost its "palindromic", in "LCA in a BST, then the
// left view" the left view keeps "left view" and gives the BST back its
// "tree". Matches that share no word are kept ("normal forms" inside
// "DBMS: normal forms and indexing"), and so are matches of as many words.
func (c *Catalog) mostSpecific(t *text, ms []match) []match {
	slices.SortFunc(ms, func(a, b match) int {
		return cmp.Or(cmp.Compare(a.entry, b.entry), cmp.Compare(a.pos[0], b.pos[0]))
	})
	merged := ms[:0]
	for _, m := range ms {
		if n := len(merged); n > 0 && merged[n-1].entry == m.entry && overlap(merged[n-1].pos, m.pos) {
			merged[n-1].pos = union(merged[n-1].pos, m.pos)
			continue
		}
		merged = append(merged, m)
	}
	for i := range merged {
		t.setSpan(&merged[i])
	}
	slices.SortStableFunc(merged, func(a, b match) int {
		return cmp.Or(cmp.Compare(len(b.pos), len(a.pos)), cmp.Compare(c.orderedRank(b), c.orderedRank(a)))
	})
	kept := make([]match, 0, len(merged))
next:
	for _, m := range merged {
		leans := false
		for _, k := range kept {
			if !c.outranks(k, m) || !meet(k.pos, m.pos) {
				continue
			}
			if k.first <= m.first && m.last <= k.last {
				continue next
			}
			leans = true
		}
		if leans {
			var ok bool
			if m, ok = c.rematch(t, m, kept); !ok {
				continue
			}
		}
		kept = append(kept, m)
	}
	return kept
}

// outranks reports whether match k is more specific than match m: it has
// more words, or as many and its entry is ordered and m's is not, so its
// words also came in their order ("queue using stacks" is the queue made
// of stacks, not also the comparison of a stack and a queue).
func (c *Catalog) outranks(k, m match) bool {
	if len(k.pos) != len(m.pos) {
		return len(k.pos) > len(m.pos)
	}
	return c.orderedRank(k) > c.orderedRank(m)
}

// orderedRank is 1 for a match of an ordered entry, else 0.
func (c *Catalog) orderedRank(m match) int {
	if c.entries[m.entry].Ordered {
		return 1
	}
	return 0
}

// rematch finds the names of m's entry again where m was, without the
// words of the kept matches that outrank it.
func (c *Catalog) rematch(t *text, m match, kept []match) (match, bool) {
	// Only the entry's own stems matter, and only near m: a window that
	// overlaps m is at most as wide as the entry's widest name.
	var ids []int32
	width := int32(0)
	for _, ni := range c.byEntry[m.entry] {
		n := &c.names[ni]
		width = max(width, int32(n.window))
		for _, p := range n.parts {
			ids = append(ids, p...)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	lo, hi := m.pos[0]-width, m.pos[len(m.pos)-1]+width
	var taken []int32
	for _, k := range kept {
		if c.outranks(k, m) {
			for _, p := range k.pos {
				if lo <= p && p <= hi {
					taken = append(taken, p)
				}
			}
		}
	}
	slices.Sort(taken)
	var near []occ // sorted by id, then position, as t.occ is
	for _, id := range ids {
		for _, o := range t.positions(id) {
			if _, found := slices.BinarySearch(taken, o.pos); lo <= o.pos && o.pos <= hi && !found {
				near = append(near, o)
			}
		}
	}
	saved, savedSpans := t.occ, t.spans
	defer func() { t.occ, t.spans = saved, savedSpans }()
	t.occ = near
	t.indexOccs()
	var pos []int32
	for _, ni := range c.byEntry[m.entry] {
		for _, w := range t.find(&c.names[ni].phrase, false) {
			if overlap(w, m.pos) {
				pos = union(pos, w)
			}
		}
	}
	if len(pos) == 0 {
		return m, false
	}
	m.pos = pos
	t.setSpan(&m)
	return m, true
}

// setSpan sets the input words a match spans from its positions.
func (t *text) setSpan(m *match) {
	m.first, m.last = t.toks[m.pos[0]].first, t.toks[m.pos[0]].last
	for _, p := range m.pos {
		m.first = min(m.first, t.toks[p].first)
		m.last = max(m.last, t.toks[p].last)
	}
}

// meet reports whether two sorted position lists share a position.
func meet(a, b []int32) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			return true
		}
	}
	return false
}

// union returns the sorted union of two sorted position lists.
func union(a, b []int32) []int32 {
	if len(a) == 0 {
		return b
	}
	out := make([]int32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}

// overlap reports whether the ranges of two sorted position lists meet.
func overlap(a, b []int32) bool {
	return a[0] <= b[len(b)-1] && b[0] <= a[len(a)-1]
}
