// Package sampleclusters groups the questions of experiences into clusters
// in memory, as the indexer does in a build, for tests that index
// experiences themselves (internal/sample's posts) and need clusters: the
// question's Cluster, ClusterTitle and AskedAt. It is its own package
// because internal/cluster's tests import internal/sample.
package sampleclusters

import (
	"github.com/askedat/askedat"
	"github.com/askedat/askedat/internal/cluster"
)

// Assign normalises exps and sets every question's cluster, its canonical
// title and the number of companies that asked it.
func Assign(exps []askedat.Experience) {
	type ref struct{ e, q int }
	var in []cluster.Input
	var refs []ref
	for i := range exps {
		askedat.Normalize(&exps[i])
		for j, q := range exps[i].Questions {
			in = append(in, cluster.Input{Title: q.Title, Body: q.Body, Company: exps[i].Company})
			refs = append(refs, ref{i, j})
		}
	}
	ids, cls := cluster.Assign(in, cluster.Options{})
	askedAt := cluster.AskedAt(in, ids, len(cls))
	for k, r := range refs {
		q := &exps[r.e].Questions[r.q]
		c := ids[k]
		q.Cluster, q.ClusterTitle, q.AskedAt = cls[c].ID, cls[c].Canonical, askedAt[c]
	}
}
