package main

import (
	"context"
	"log"

	"askedat/crawler/extract"
)

// run crawls as cfg says, writing to cfg.Out, and logs progress and a
// summary to the standard logger. It returns an error when the crawl could
// not run; page failures are logged, not returned.
func run(ctx context.Context, cfg Config) error {
	out, err := createOutput(cfg.Out)
	if err != nil {
		return err
	}
	c := &crawl{
		cfg:     cfg,
		fetch:   newFetcher(cfg),
		extract: extract.Page,
		out:     out,
		log:     log.Default(),
	}
	rep, err := c.run(ctx)
	if rep != nil {
		log.Print(rep.summary())
	}
	if err != nil {
		out.Abort()
		return err
	}
	return out.Commit()
}
