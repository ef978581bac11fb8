package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/askedat/askedat/internal/datadir"
	"github.com/askedat/askedat/internal/replica"
)

// followConfig is searchd's -follow: the NATS JetStream server whose
// published versions searchd copies into its own -data directory (package
// replica), where its pointer follows them as it follows any change of
// DIR/current.
type followConfig struct {
	URL  string
	Keep int
}

// Flags binds c to the flags of fs.
func (c *followConfig) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.URL, "follow", "", "copy each index version published to the NATS JetStream server at this `URL` (nats://host:4222; several separated by commas; indexer -publish) "+
		"into the -data directory and serve it; cut off from NATS, the versions there go on serving")
	fs.IntVar(&c.Keep, "follow-keep", 2, "with -follow, old versions kept in the -data directory besides the current one")
}

// start follows c.URL into dataDir until ctx is done or stop is called,
// when -follow is given. When dataDir has no current version yet it waits
// for the first one to be downloaded, so that searchd starts on it.
func (c followConfig) start(ctx context.Context, dataDir string, logger *slog.Logger) (stop func(), err error) {
	if c.URL == "" {
		return func() {}, nil
	}
	if dataDir == "" {
		return nil, errors.New("-follow needs -data DIR: the replica's own data directory, which the versions are copied into")
	}
	if c.Keep < 0 {
		return nil, fmt.Errorf("-follow-keep %d: want 0 or more", c.Keep)
	}
	if err := replica.CheckURL(c.URL); err != nil {
		return nil, fmt.Errorf("-follow: %w", err)
	}
	dd := datadir.Dir{Path: dataDir}
	_, curErr := dd.Current()
	first := make(chan string, 1)
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	o := replica.Options{Logger: logger, Keep: c.Keep, Name: "askedat searchd " + dataDir,
		OnSwitch: func(id string) {
			select {
			case first <- id:
			default:
			}
		}}
	go func() {
		err := replica.Follow(ctx, c.URL, dataDir, o)
		if err != nil {
			logger.Error("follow: stopped following NATS; serving the local versions", "err", err)
		}
		done <- err
	}()
	stop = func() { cancel(); <-done }
	if !errors.Is(curErr, datadir.ErrNoCurrent) {
		return stop, nil
	}
	logger.Info("follow: the data directory has no version yet: waiting for the first one from NATS", "data", dataDir)
	start := time.Now()
	t := time.NewTicker(30 * time.Second)
	defer t.Stop()
	for {
		select {
		case id := <-first:
			logger.Info("follow: first version downloaded", "version", id, "took", time.Since(start).Round(time.Millisecond))
			return stop, nil
		case err := <-done:
			cancel()
			if err == nil {
				err = ctx.Err()
			}
			return nil, fmt.Errorf("follow %s: %w", dataDir, err)
		case <-t.C:
			logger.Warn("follow: still waiting for a first version from NATS (is one published? indexer reindex -publish URL)", "waited", time.Since(start).Round(time.Second))
		}
	}
}
