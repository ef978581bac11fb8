package cluster

import (
	"cmp"
	"runtime"
	"slices"
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
