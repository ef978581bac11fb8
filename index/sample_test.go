package index_test

import (
	"context"
	"path/filepath"

	"github.com/askedat/askedat/index"
	"github.com/askedat/askedat/internal/sample"
	"github.com/askedat/askedat/internal/sampleclusters"
)

// sampleIndex creates an index in dir/idx holding the posts sample.Generate
// makes with posts and seed, as the crawler would have written them, warmed
// for searching.
func sampleIndex(dir string, posts int, seed uint64) (*index.Index, error) {
	return indexOf(dir, sampleExperiences(posts, seed))
}

// clusteredIndex is sampleIndex with the questions grouped into clusters,
// as the indexer groups them.
func clusteredIndex(dir string, posts int, seed uint64) (*index.Index, error) {
	exps := sampleExperiences(posts, seed)
	sampleclusters.Assign(exps)
	return indexOf(dir, exps)
}

func sampleExperiences(posts int, seed uint64) []index.Experience {
	var exps []index.Experience
	for _, p := range sample.Generate(sample.Config{Posts: posts, Seed: seed}) {
		e := p.Experience
		e.URL = "https://sample.test" + p.Path
		e.ID = index.IDForURL(e.URL)
		exps = append(exps, e)
	}
	return exps
}

// indexOf creates an index in dir/idx of exps, warmed for searching.
func indexOf(dir string, exps []index.Experience) (*index.Index, error) {
	idx, err := index.Create(filepath.Join(dir, "idx"))
	if err != nil {
		return nil, err
	}
	w := idx.NewWriter(0)
	for i := range exps {
		if err := w.Add(&exps[i]); err != nil {
			idx.Close()
			return nil, err
		}
	}
	if err := w.Flush(); err != nil {
		idx.Close()
		return nil, err
	}
	if err := idx.Warm(context.Background()); err != nil {
		idx.Close()
		return nil, err
	}
	return idx, nil
}
