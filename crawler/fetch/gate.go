package fetch

import (
	"context"
	"sync"
	"time"
)

// gate keeps the politeness of each host: at most perHost requests in
// flight, and on each of those slots a delay between the end of one
// request and the start of the next. With one slot (the default) requests
// to a host are sequential, delay apart.
type gate struct {
	perHost int

	mu    sync.Mutex
	hosts map[string]chan time.Time // free slots, each with its earliest next start
}

// wait blocks until a slot of host is free and its delay has passed, and
// takes the slot; done gives it back.
func (g *gate) wait(ctx context.Context, host string) error {
	slots := g.slots(host)
	var ready time.Time
	select {
	case ready = <-slots:
	case <-ctx.Done():
		return ctx.Err()
	}
	d := time.Until(ready)
	if d <= 0 {
		if err := ctx.Err(); err != nil {
			slots <- ready
			return err
		}
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		slots <- ready // not used: free it as it was
		return ctx.Err()
	}
}

// done frees the slot of a request to host that ended now: the next
// request on it may start after delay.
func (g *gate) done(host string, delay time.Duration) {
	g.slots(host) <- time.Now().Add(delay)
}

func (g *gate) slots(host string) chan time.Time {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.hosts == nil {
		g.hosts = make(map[string]chan time.Time)
	}
	s := g.hosts[host]
	if s == nil {
		n := max(g.perHost, 1)
		s = make(chan time.Time, n)
		for range n {
			s <- time.Time{}
		}
		g.hosts[host] = s
	}
	return s
}
