package index_test

import (
	"context"
	"path/filepath"

	"askedat/index"
	"askedat/internal/sample"
)

// sampleIndex creates an index in dir/idx holding the posts sample.Generate
// makes with posts and seed, as the crawler would have written them, warmed
// for searching.
func sampleIndex(dir string, posts int, seed uint64) (*index.Index, error) {
	idx, err := index.Create(filepath.Join(dir, "idx"))
	if err != nil {
		return nil, err
	}
	w := idx.NewWriter(0)
	for _, p := range sample.Generate(sample.Config{Posts: posts, Seed: seed}) {
		e := p.Experience
		e.URL = "https://sample.test" + p.Path
		e.ID = index.IDForURL(e.URL)
		if err := w.Add(&e); err != nil {
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
