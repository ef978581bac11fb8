package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/askedat/askedat/internal/datadir"
	"github.com/askedat/askedat/internal/replica"
)

// publishConfig is a job's -publish: the NATS server that the current
// version goes to once the job is done, for searchd -follow replicas to
// copy (package replica).
type publishConfig struct {
	URL string
}

// Flags binds c to the -publish flag of the jobs that switch a version:
// reindex, update, rollback.
func (c *publishConfig) Flags(fs *flag.FlagSet, job string) {
	if job != "reindex" && job != "update" && job != "rollback" {
		return
	}
	fs.StringVar(&c.URL, "publish", "", "after the job, publish the current version to the NATS JetStream server at this `URL` "+
		"(nats://host:4222; several separated by commas) for searchd -follow replicas; the job fails if the publish does")
}

// run publishes the current version of data when -publish is given. It
// runs after a job that succeeded, so it publishes what the job switched
// in; after an update that changed nothing it publishes current again,
// which uploads nothing that is stored already and is the way to retry a
// publish that failed.
func (c publishConfig) run(ctx context.Context, data string, logw io.Writer) error {
	if c.URL == "" {
		return nil
	}
	dd := datadir.Dir{Path: data}
	id, err := dd.Current()
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	fmt.Fprintf(logw, "indexer: publishing version %s to NATS\n", id)
	log := slog.New(slog.NewTextHandler(logw, nil)).With("program", "indexer")
	return replica.Publish(ctx, c.URL, data, id, replica.Options{Logger: log, Name: "askedat indexer " + id})
}
