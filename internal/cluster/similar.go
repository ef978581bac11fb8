package cluster

import (
	"cmp"
	"slices"
)

// mergeSimilar joins in uf the groups that are the same question. MinHash
// LSH proposes candidate pairs band by band; each pair whose groups are not
// joined yet, and that no earlier band proposed, is verified by same (in
// parallel) and joined if it passes (in order, so the result does not
// depend on the number of workers).
func mergeSimilar(groups []group, uf *unionFind, opts Options) {
	type entry struct {
		h uint64
		g int32
	}
	var (
		bandHash = make([]uint64, len(groups))
		entries  = make([]entry, 0, len(groups))
		pairs    []uint64 // a<<32 | b, a < b
		ok       []bool
		seen     []uint64 // sorted: the pairs verified so far
		spare    []uint64 // the next seen's memory
	)
	for b := range opts.Bands {
		parallel(len(groups), opts.Workers, func(_, lo, hi int) {
			for g := lo; g < hi; g++ {
				bandHash[g] = minHashBand(groups[g].sim(), b, opts.Rows)
			}
		})
		entries = entries[:0]
		for g := range groups {
			if groups[g].nSim > 0 {
				entries = append(entries, entry{bandHash[g], int32(g)})
			}
		}
		slices.SortFunc(entries, func(x, y entry) int {
			return cmp.Or(cmp.Compare(x.h, y.h), cmp.Compare(x.g, y.g))
		})
		pairs = pairs[:0]
		add := func(x, y int32) {
			if uf.find(x) != uf.find(y) {
				pairs = append(pairs, uint64(x)<<32|uint64(y))
			}
		}
		for i := 0; i < len(entries); {
			j := i + 1
			for j < len(entries) && entries[j].h == entries[i].h {
				j++
			}
			if j-i <= maxBucket {
				for x := i; x < j; x++ {
					for y := x + 1; y < j; y++ {
						add(entries[x].g, entries[y].g)
					}
				}
			} else {
				// A crowded bucket: each member with the first only. The
				// first is mostly the same group band after band, so the
				// pairs repeat and are verified once.
				for x := i + 1; x < j; x++ {
					add(entries[i].g, entries[x].g)
				}
			}
			i = j
		}
		pairs = uniq(pairs)
		pairs, seen, spare = unseen(pairs, seen, spare)
		if cap(ok) < len(pairs) {
			ok = make([]bool, len(pairs)+len(pairs)/4)
		}
		ok = ok[:len(pairs)]
		parallel(len(pairs), opts.Workers, func(_, lo, hi int) {
			for i := lo; i < hi; i++ {
				ok[i] = same(&groups[pairs[i]>>32], &groups[uint32(pairs[i])], opts.Threshold)
			}
		})
		for i, p := range pairs {
			if ok[i] {
				uf.union(int32(p>>32), int32(uint32(p)))
			}
		}
	}
}

// minHashBand returns the hash of band b of the MinHash signature of set:
// the minima of rows hash functions over it. The functions are
// multiply-shift hashes: the features are hashes already.
func minHashBand(set []uint32, b, rows int) uint64 {
	h := uint64(b) + 1
	for r := range rows {
		mul := mix64(uint64(b*rows+r+1)) | 1
		add := mix64(^uint64(b*rows + r))
		m := ^uint32(0)
		for _, x := range set {
			m = min(m, uint32((mul*uint64(x)+add)>>32))
		}
		h = mix64(h*0x100000001b3 ^ uint64(m))
	}
	return h
}

// unseen removes from the sorted set pairs those in the sorted set seen.
// It returns the rest, seen with the rest added (in spare's memory), and
// seen's memory for the next call's spare.
func unseen(pairs, seen, spare []uint64) (rest, seenAfter, spareAfter []uint64) {
	rest = pairs[:0]
	merged := spare[:0]
	if n := len(seen) + len(pairs); cap(merged) < n {
		merged = make([]uint64, 0, n+n/4)
	}
	i := 0
	for _, p := range pairs {
		for i < len(seen) && seen[i] < p {
			merged = append(merged, seen[i])
			i++
		}
		if i < len(seen) && seen[i] == p {
			continue
		}
		rest = append(rest, p)
		merged = append(merged, p)
	}
	return rest, append(merged, seen[i:]...), seen
}

func uniq(s []uint64) []uint64 {
	slices.Sort(s)
	return slices.Compact(s)
}

// same reports whether groups a and b are one question: see the package
// documentation.
func same(a, b *group, threshold float64) bool {
	// The cheap tests first.
	if !covered(a.titleSet(), b) || !covered(b.titleSet(), a) {
		return false
	}
	if (a.ordered || b.ordered) && a.seq != b.seq && slices.Equal(a.titleSet(), b.titleSet()) {
		return false
	}
	return jaccard(a.sim(), b.sim()) >= threshold
}

// covered reports whether every value of the sorted set words is among the
// features of g. It merges rather than searches: the sets are small and a
// scan reads memory in order.
func covered(words []uint32, g *group) bool {
	sim, common := g.sim(), g.common()
	i, j := 0, 0
	for _, x := range words {
		for i < len(sim) && sim[i] < x {
			i++
		}
		for j < len(common) && common[j] < x {
			j++
		}
		if (i == len(sim) || sim[i] != x) && (j == len(common) || common[j] != x) {
			return false
		}
	}
	return true
}

func has(sorted []uint32, x uint32) bool {
	_, ok := slices.BinarySearch(sorted, x)
	return ok
}

// jaccard returns |a∩b| / |a∪b| of sorted sets.
func jaccard(a, b []uint32) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

func sortedSet(s []uint32) []uint32 {
	slices.Sort(s)
	return slices.Compact(s)
}
