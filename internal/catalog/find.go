package catalog

import (
	"cmp"
	"math"
	"slices"
)

// An occSpan is the run occ[lo:hi] of t.occ with one stem id; id -1 marks
// an empty slot of text.spans.
type occSpan struct{ id, lo, hi int32 }

// indexOccs makes t.spans from t.occ, sorted: positions is called for each
// stem of every name a text may hold, and a binary search over occ was a
// seventh of tagging.
func (t *text) indexOccs() {
	distinct := 0
	for i := range t.occ {
		if i == 0 || t.occ[i].id != t.occ[i-1].id {
			distinct++
		}
	}
	n := 8
	for n < 2*distinct {
		n *= 2
	}
	t.spans = make([]occSpan, n)
	for i := range t.spans {
		t.spans[i].id = -1
	}
	for lo := 0; lo < len(t.occ); {
		id := t.occ[lo].id
		hi := lo + 1
		for hi < len(t.occ) && t.occ[hi].id == id {
			hi++
		}
		for h := spanHash(id, n); ; h = (h + 1) & (n - 1) {
			if t.spans[h].id < 0 {
				t.spans[h] = occSpan{id, int32(lo), int32(hi)}
				break
			}
		}
		lo = hi
	}
}

func spanHash(id int32, n int) int { return int(uint32(id)*2654435761>>7) & (n - 1) }

// positions returns the occurrences of a stem in t.
func (t *text) positions(id int32) []occ {
	n := len(t.spans)
	if n == 0 {
		return nil
	}
	for h := spanHash(id, n); ; h = (h + 1) & (n - 1) {
		switch sp := t.spans[h]; sp.id {
		case id:
			return t.occ[sp.lo:sp.hi]
		case -1:
			return nil
		}
	}
}

// find returns the windows of t where the phrase occurs, each as the
// sorted positions of its stems; with first, at most one. For each
// position its last part can end at, it takes the latest occurrence of
// each stem of the last part up to it, then of each stem of the part
// before it ahead of those, and so on: the tightest window ending there
// that keeps the parts in order. Overlapping windows leave the tightest.
func (t *text) find(ph *phrase, first bool) [][]int32 {
	// Most names a text visits lack one of their stems: find out before
	// doing anything else.
	lists := t.lists[:0]
	for _, p := range ph.parts {
		for _, s := range p {
			l := t.positions(s)
			if len(l) == 0 {
				return nil
			}
			lists = append(lists, l)
		}
	}
	t.lists = lists
	lastPart := ph.parts[len(ph.parts)-1]
	ends := t.ends[:0]
	for _, l := range lists[len(lists)-len(lastPart):] {
		for _, o := range l {
			ends = append(ends, o.pos)
		}
	}
	slices.Sort(ends)
	ends = slices.Compact(ends)
	t.ends = ends
	chosen := slices.Grow(t.chosen[:0], len(lists))[:len(lists)]
	t.chosen = chosen

	var wins [][]int32
	for _, r := range ends {
		bound, ok := r+1, true
		li := len(lists)
		for k := len(ph.parts) - 1; k >= 0 && ok; k-- {
			li -= len(ph.parts[k])
			partMin, partMax := int32(math.MaxInt32), int32(-1)
			part := ph.parts[k]
			for j := range part {
				l := lists[li+j]
				// A stem the part has d times before this one takes the
				// occurrence d before the last.
				d := 0
				for j-d-1 >= 0 && part[j-d-1] == part[j] {
					d++
				}
				x := lastBefore(l, bound) - d
				if x < 0 {
					ok = false
					break
				}
				chosen[li+j] = l[x].pos
				partMin = min(partMin, l[x].pos)
				partMax = max(partMax, l[x].pos)
			}
			// The parts of an ordered name are joined in the text by one
			// of the order words: "stack using queues", not "stack and
			// queue".
			if ok && k < len(ph.parts)-1 && t.toks[bound].links == t.toks[partMax].links {
				ok = false
			}
			bound = partMin
		}
		if !ok || int(r-bound)+1 > ph.window || t.toks[bound].seg != t.toks[r].seg {
			continue
		}
		w := slices.Clone(chosen)
		slices.Sort(w)
		w = slices.Compact(w)
		if first {
			return [][]int32{w}
		}
		if n := len(wins); n > 0 {
			prev := wins[n-1]
			if w[0] <= prev[len(prev)-1] {
				// Overlapping windows: keep the one that spans fewer
				// input words ("3sum and then two-sum": "two sum" is the
				// last word, not "sum and then two"), then fewer tokens.
				if cmp.Or(cmp.Compare(t.wordSpan(w), t.wordSpan(prev)), cmp.Compare(w[len(w)-1]-w[0], prev[len(prev)-1]-prev[0])) < 0 {
					wins[n-1] = w
				}
				continue
			}
		}
		wins = append(wins, w)
	}
	return wins
}

// wordSpan is the number of input words the sorted positions span.
func (t *text) wordSpan(pos []int32) int32 {
	return t.toks[pos[len(pos)-1]].last - t.toks[pos[0]].first
}

// lastBefore returns the index of the last occurrence in l before the
// position bound, or -1. Lists are short: a linear scan beats a search.
func lastBefore(l []occ, bound int32) int {
	x := -1
	for i := range l {
		if l[i].pos >= bound {
			break
		}
		x = i
	}
	return x
}
