package fetch

import (
	"context"
	"sync"
	"time"
)

// gate keeps the delay between requests to each host: a request may start
// only once the delay has passed since the previous one to its host ended.
type gate struct {
	mu   sync.Mutex
	next map[string]time.Time // earliest start of the next request, by host
}

// wait blocks until a request to host may start, and reserves that start
// for the caller so that concurrent callers queue behind one another.
func (g *gate) wait(ctx context.Context, host string, delay time.Duration) error {
	g.mu.Lock()
	if g.next == nil {
		g.next = make(map[string]time.Time)
	}
	now := time.Now()
	start := g.next[host]
	if start.Before(now) {
		start = now
	}
	// Hold the host until done pushes its next start past this request.
	g.next[host] = start.Add(delay)
	g.mu.Unlock()

	d := time.Until(start)
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// done records that a request to host ended now: the next may start after
// delay.
func (g *gate) done(host string, delay time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if t := time.Now().Add(delay); t.After(g.next[host]) {
		g.next[host] = t
	}
}
