package cluster

import (
	"github.com/askedat/askedat/internal/sample"
)

// labelled returns the questions of n generated posts with their
// question-bank keys.
func labelled(n int, seed uint64) ([]Input, []string) {
	var in []Input
	var keys []string
	for _, p := range sample.Generate(sample.Config{Posts: n, Seed: seed}) {
		for i, q := range p.Experience.Questions {
			in = append(in, Input{Title: q.Title, Body: q.Body, Company: p.Experience.Company})
			keys = append(keys, p.QuestionKeys[i])
		}
	}
	return in, keys
}

// pairScores returns the pairwise precision and recall of the clustering
// ids against the labels keys: of the pairs put in one cluster, the share
// with one key; of the pairs with one key, the share put in one cluster.
func pairScores(ids []int, keys []string) (precision, recall float64, together, sameKey int64) {
	type cell struct {
		id  int
		key string
	}
	byID := map[int]int64{}
	byKey := map[string]int64{}
	byBoth := map[cell]int64{}
	for i, id := range ids {
		byID[id]++
		byKey[keys[i]]++
		byBoth[cell{id, keys[i]}]++
	}
	pairs := func(n int64) int64 { return n * (n - 1) / 2 }
	var tp, p, k int64
	for _, n := range byBoth {
		tp += pairs(n)
	}
	for _, n := range byID {
		p += pairs(n)
	}
	for _, n := range byKey {
		k += pairs(n)
	}
	return float64(tp) / float64(p), float64(tp) / float64(k), p, k
}
