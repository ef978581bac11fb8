package cluster

import (
	"cmp"
	"crypto/sha1"
	"encoding/hex"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// An Input is one question to group.
type Input struct {
	Title string
	Body  string
	// Company optionally names the company that asked the question. Its
	// name in the title or body is treated as a placeholder when comparing
	// questions, so "Why Google?" asked at Google can meet "Why Amazon?"
	// asked at Amazon. It never changes exact grouping by title.
	Company string
	// Problem optionally names the known problem the question asks (an id
	// of the catalogue of interview problems, internal/catalog): questions
	// naming the same problem are one cluster, however differently worded
	// ("trapping rain water", "water collected between buildings of given
	// heights").
	Problem string
	// Known marks a title that is the problem's known name (a LeetCode
	// title from an imported list): a cluster holding one takes it as its
	// canonical title.
	Known bool
}

// A Cluster is one question and everywhere it was asked.
type Cluster struct {
	// ID is stable for the same canonical title and safe in URLs: a slug of
	// the canonical title and 8 hex digits of its SHA-1, "two-sum-1a2b3c4d".
	ID string
	// Canonical is the most common original title of the cluster's
	// questions (ties: the shorter, then the alphabetically first).
	Canonical string
	// Size is the number of inputs in the cluster.
	Size int
}

// Options tune Assign. The zero value gives the defaults.
type Options struct {
	// Threshold is the least Jaccard similarity of two groups' feature sets
	// for them to merge, in (0, 1]; 0 or a value out of range gives the
	// default, 0.5.
	Threshold float64
	// Bands and Rows shape the MinHash LSH: Bands×Rows hash values per
	// group, and two groups become a candidate pair when all Rows values of
	// one band agree. Defaults 16 and 2: a pair at Jaccard 0.5 is a
	// candidate with probability 0.99, at 0.3 with 0.78.
	Bands, Rows int
	// Workers is the number of goroutines; it does not change the result.
	// Default runtime.GOMAXPROCS(0).
	Workers int
}

// Defaults of Options.
const (
	DefaultThreshold = 0.5
	DefaultBands     = 16
	DefaultRows      = 2
)

// Fixed parameters of the method.
const (
	// sampleSize is how many questions of an exact group (its first, in
	// input order) give the group's features.
	sampleSize = 16
	// maxBodyWords is how many content words of a body are used.
	maxBodyWords = 32
	// Features in more than commonShare of the questions sampled for
	// document frequency, and in at least commonMin of them, are too common
	// to count towards similarity.
	commonShare = 0.10
	commonMin   = 30
	// dfSample is how many questions, at most, document frequencies are
	// counted over.
	dfSample = 100_000
	// maxBucket bounds the pairs taken from one LSH bucket: a bucket of up
	// to maxBucket groups gives all its pairs, a larger one the pairs of
	// its first group (lowest number) with each other.
	maxBucket = 16
)

func (o Options) withDefaults() Options {
	if o.Threshold <= 0 || o.Threshold > 1 {
		o.Threshold = DefaultThreshold
	}
	if o.Bands <= 0 {
		o.Bands = DefaultBands
	}
	if o.Rows <= 0 {
		o.Rows = DefaultRows
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o
}

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

// Assign groups the inputs into clusters of the same question. It returns,
// for each input, the index of its cluster in clusters, and the clusters,
// largest first (ties: the one asked first in input order first).
func Assign(in []Input, opts Options) (ids []int, clusters []Cluster) {
	opts = opts.withDefaults()
	groups, groupOf := exactGroups(in, opts.Workers)
	describeGroups(in, groups, groupOf, opts.Workers)
	uf := newUnionFind(len(groups))
	mergeSimilar(groups, uf, opts)
	mergeProblems(in, groupOf, uf)
	return makeClusters(in, groups, groupOf, uf)
}

// mergeProblems joins the groups of inputs that name the same Problem.
func mergeProblems(in []Input, groupOf []int32, uf *unionFind) {
	first := map[string]int32{}
	for i := range in {
		p := in[i].Problem
		if p == "" {
			continue
		}
		if g, ok := first[p]; ok {
			uf.union(g, groupOf[i])
		} else {
			first[p] = groupOf[i]
		}
	}
}

// AskedAt returns, for each of n clusters, the number of distinct
// companies among its inputs (by ids, as Assign gives them); inputs without
// a company count none.
func AskedAt(in []Input, ids []int, n int) []int {
	companies := make([]map[string]bool, n)
	for i, c := range ids {
		if companies[c] == nil {
			companies[c] = map[string]bool{}
		}
		if co := in[i].Company; co != "" {
			companies[c][co] = true
		}
	}
	out := make([]int, n)
	for c, m := range companies {
		out[c] = len(m)
	}
	return out
}

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

// makeClusters turns the merged groups into clusters.
func makeClusters(in []Input, groups []group, groupOf []int32, uf *unionFind) ([]int, []Cluster) {
	// Clusters numbered by their first group, which is their first input.
	clusterOf := make([]int32, len(groups))
	var first []int32 // first input of each cluster
	var sizes []int
	rootCluster := map[int32]int32{}
	for g := range groups {
		r := uf.find(int32(g))
		c, ok := rootCluster[r]
		if !ok {
			c = int32(len(first))
			rootCluster[r] = c
			first = append(first, groups[g].first)
			sizes = append(sizes, 0)
		}
		clusterOf[g] = c
		sizes[c] += int(groups[g].size)
	}
	// The most common title of each cluster; a known name (Input.Known)
	// before any other.
	type titleKey struct {
		c int32
		t string
	}
	counts := map[titleKey]int{}
	known := map[titleKey]bool{}
	for i := range in {
		k := titleKey{clusterOf[groupOf[i]], cleanSpace(in[i].Title)}
		counts[k]++
		known[k] = known[k] || in[i].Known
	}
	best := make([]string, len(first))
	bestN := make([]int, len(first))
	bestKnown := make([]bool, len(first))
	for k, n := range counts {
		b := best[k.c]
		kn := known[k]
		if kn != bestKnown[k.c] {
			if kn {
				best[k.c], bestN[k.c], bestKnown[k.c] = k.t, n, true
			}
			continue
		}
		if n > bestN[k.c] || n == bestN[k.c] && (len(k.t) < len(b) || len(k.t) == len(b) && k.t < b) {
			best[k.c], bestN[k.c] = k.t, n
		}
	}
	order := make([]int32, len(first))
	for c := range order {
		order[c] = int32(c)
	}
	slices.SortFunc(order, func(x, y int32) int {
		return cmp.Or(cmp.Compare(sizes[y], sizes[x]), cmp.Compare(first[x], first[y]))
	})
	rank := make([]int, len(first))
	clusters := make([]Cluster, len(first))
	for r, c := range order {
		rank[c] = r
		clusters[r] = Cluster{ID: clusterID(best[c]), Canonical: best[c], Size: sizes[c]}
	}
	ids := make([]int, len(in))
	for i := range in {
		ids[i] = rank[clusterOf[groupOf[i]]]
	}
	return ids, clusters
}

// Single returns the canonical title and ID a question with this title has
// when it is a cluster of its own: what Assign gives a question asked
// nowhere else. The indexer's updates give it to questions they find no
// cluster for.
func Single(title string) (canonical, id string) {
	canonical = cleanSpace(title)
	return canonical, clusterID(canonical)
}

// clusterID returns the ID of the cluster with the canonical title t.
func clusterID(t string) string {
	sum := sha1.Sum([]byte(t))
	h := hex.EncodeToString(sum[:4])
	s := slug(t, 60)
	if s == "" {
		return h
	}
	return s + "-" + h
}

// slug returns s in lower case with each run of characters other than ASCII
// letters and digits made one hyphen, at most max bytes, cut at a hyphen
// when it is longer.
func slug(s string, max int) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		} else {
			dash = true
		}
	}
	out := b.String()
	if len(out) > max {
		out = out[:max]
		if i := strings.LastIndexByte(out, '-'); i > 0 {
			out = out[:i]
		}
	}
	return out
}

// cleanSpace trims s and makes each run of white space one space. It
// returns s itself when s is clean.
func cleanSpace(s string) string {
	clean := true
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		sp := c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
		if sp && (prevSpace || c != ' ') {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && !prevSpace || s == "" {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// A unionFind joins groups; the root of a set is its smallest member, so
// the result does not depend on the order of unions.
type unionFind struct{ parent []int32 }

func newUnionFind(n int) *unionFind {
	p := make([]int32, n)
	for i := range p {
		p[i] = int32(i)
	}
	return &unionFind{p}
}

func (u *unionFind) find(x int32) int32 {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

func (u *unionFind) union(a, b int32) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
}

// parallel runs fn over [0, n) split in chunks, on up to workers
// goroutines; w is the goroutine's number, below workers. fn must only
// write to the indices of its chunk and to the state of its w.
func parallel(n, workers int, fn func(w, lo, hi int)) {
	const chunk = 256
	if n <= chunk || workers <= 1 {
		if n > 0 {
			fn(0, 0, n)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range min(workers, (n+chunk-1)/chunk) {
		wg.Go(func() {
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= n {
					return
				}
				fn(w, lo, min(lo+chunk, n))
			}
		})
	}
	wg.Wait()
}
