package sampleclusters

import (
	"testing"

	"github.com/askedat/askedat"
)

func TestAssign(t *testing.T) {
	exps := []askedat.Experience{
		{ID: "a", Company: "amazon", Questions: []askedat.Question{{Ordinal: 1, Title: "Design an LRU cache"}, {Ordinal: 2, Title: "Tell me about yourself"}}},
		{ID: "b", Company: "Google", Questions: []askedat.Question{{Ordinal: 1, Title: "Design an LRU Cache"}}},
		{ID: "c", Company: "Amazon", Questions: []askedat.Question{{Ordinal: 1, Title: "Design an LRU cache."}}},
	}
	Assign(exps)
	lru, self := exps[0].Questions[0], exps[0].Questions[1]
	if lru.Cluster == "" || self.Cluster == "" || lru.Cluster == self.Cluster {
		t.Fatalf("clusters %q and %q, want two, set", lru.Cluster, self.Cluster)
	}
	for _, q := range []askedat.Question{exps[1].Questions[0], exps[2].Questions[0]} {
		if q.Cluster != lru.Cluster || q.AskedAt != 2 || q.ClusterTitle != lru.ClusterTitle {
			t.Errorf("%q: cluster %q asked at %d (%q), want %q asked at 2 (Amazon, normalised, and Google)", q.Title, q.Cluster, q.AskedAt, q.ClusterTitle, lru.Cluster)
		}
	}
	if self.AskedAt != 1 || self.ClusterTitle != "Tell me about yourself" {
		t.Errorf("%q: asked at %d, title %q; want 1 and its own", self.Title, self.AskedAt, self.ClusterTitle)
	}
	if exps[0].Company != "Amazon" {
		t.Errorf("company = %q, want it normalised to Amazon", exps[0].Company)
	}
}
