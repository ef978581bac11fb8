package main

import (
	"container/heap"
	"context"
	"slices"
	"sync"
	"time"

	"github.com/askedat/askedat/crawler/state"
)

// A scheduler hands the crawl's workers the pages to fetch: in the order
// they were found, at most perHost at a time for one host, none for a host
// paused by a Retry-After, none before a page's retry time. Hosts take
// turns, so one slow host does not hold up the others. It is safe for
// concurrent use.
type scheduler struct {
	perHost int

	mu       sync.Mutex
	hosts    map[string]*hostQueue
	order    []string         // hosts, in the order first met: the turns
	turn     int              // where the next search for a page starts
	known    map[string]bool  // URLs held: waiting or in flight
	inflight map[string]*task // by URL
	started  int              // pages handed out
	capped   bool             // next refused a page for the page cap
	halted   bool
	wake     chan struct{} // closed and replaced on every change
}

// A hostQueue is one host's pages.
type hostQueue struct {
	ready    []*task   // due, in order
	later    laterHeap // put off, by time
	inflight int
	paused   time.Time
}

func newScheduler(perHost int) *scheduler {
	return &scheduler{perHost: max(perHost, 1), hosts: make(map[string]*hostQueue),
		known: make(map[string]bool), inflight: make(map[string]*task), wake: make(chan struct{})}
}

func (s *scheduler) host(h string) *hostQueue {
	q := s.hosts[h]
	if q == nil {
		q = &hostQueue{}
		s.hosts[h] = q
		s.order = append(s.order, h)
	}
	return q
}

// changed wakes the waiting workers. s.mu is held.
func (s *scheduler) changed() {
	close(s.wake)
	s.wake = make(chan struct{})
}

// add queues t, unless its URL is held already.
func (s *scheduler) add(t *task) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addLocked(t)
	s.changed()
}

func (s *scheduler) addLocked(t *task) {
	if s.known[t.rec.URL] {
		return
	}
	s.known[t.rec.URL] = true
	q := s.host(t.host)
	if t.rec.NextAt.After(time.Now()) {
		heap.Push(&q.later, t)
		return
	}
	q.ready = append(q.ready, t)
}

// later puts t, handed out before, off until t.rec.NextAt.
func (s *scheduler) later(t *task) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.host(t.host)
	if s.inflight[t.rec.URL] == t {
		delete(s.inflight, t.rec.URL)
		q.inflight--
	}
	heap.Push(&q.later, t)
	s.changed()
}

// pause keeps host's pages back until until.
func (s *scheduler) pause(host string, until time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if q := s.host(host); until.After(q.paused) {
		q.paused = until
	}
	s.changed()
}

// done ends t's turn (unless later took it back) and queues the pages it
// led to.
func (s *scheduler) done(t *task, added []state.URL) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inflight[t.rec.URL] == t {
		delete(s.inflight, t.rec.URL)
		delete(s.known, t.rec.URL)
		s.host(t.host).inflight--
	}
	for _, a := range added {
		if nt, err := newTask(a); err == nil {
			s.addLocked(nt)
		}
	}
	s.changed()
}

// skip ends t's turn without counting it as a page handed out.
func (s *scheduler) skip(t *task) {
	s.refund()
	s.done(t, nil)
}

// refund takes back a page handed out that made no request (robots.txt
// forbade it), so it does not count against the page cap.
func (s *scheduler) refund() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.started--
}

// halt stops handing out pages.
func (s *scheduler) halt() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.halted = true
	s.changed()
}

// hitCap reports whether pages were left for the page cap.
func (s *scheduler) hitCap() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.capped
}

// left returns how many pages are waiting or in flight.
func (s *scheduler) left() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.known)
}

// next blocks until a page may be fetched and returns it; false means
// there is none left (or maxPages were handed out, or ctx ended).
func (s *scheduler) next(ctx context.Context, maxPages int) (*task, bool) {
	for {
		s.mu.Lock()
		if s.halted || ctx.Err() != nil || len(s.known) == 0 {
			s.mu.Unlock()
			return nil, false
		}
		if s.started >= maxPages {
			s.capped = true
			if len(s.inflight) == 0 {
				s.mu.Unlock()
				return nil, false
			}
		} else if t, wait := s.pick(time.Now()); t != nil {
			s.started++
			s.mu.Unlock()
			return t, true
		} else if wait > 0 {
			wake := s.wake
			s.mu.Unlock()
			timer := time.NewTimer(wait)
			select {
			case <-wake:
			case <-timer.C:
			case <-ctx.Done():
			}
			timer.Stop()
			continue
		}
		wake := s.wake
		s.mu.Unlock()
		select {
		case <-wake:
		case <-ctx.Done():
		}
	}
}

// pick takes the next page that may start now, host by host in turn. When
// none may, it returns how long until one might (0: only when something
// changes). s.mu is held.
func (s *scheduler) pick(now time.Time) (*task, time.Duration) {
	var wait time.Duration
	soonest := func(t time.Time) {
		if d := t.Sub(now); d > 0 && (wait == 0 || d < wait) {
			wait = d
		}
	}
	n := len(s.order)
	for i := range n {
		h := s.order[(s.turn+i)%n]
		q := s.hosts[h]
		for q.later.Len() > 0 && !q.later[0].rec.NextAt.After(now) {
			q.ready = append(q.ready, heap.Pop(&q.later).(*task))
		}
		if q.later.Len() > 0 {
			soonest(q.later[0].rec.NextAt)
		}
		if len(q.ready) == 0 || q.inflight >= s.perHost {
			continue
		}
		if q.paused.After(now) {
			soonest(q.paused)
			continue
		}
		t := q.ready[0]
		q.ready[0] = nil
		q.ready = q.ready[1:]
		q.inflight++
		s.inflight[t.rec.URL] = t
		s.turn = (s.turn + i + 1) % n
		return t, 0
	}
	return nil, wait
}

// laterHeap orders put-off pages by their retry time.
type laterHeap []*task

func (h laterHeap) Len() int           { return len(h) }
func (h laterHeap) Less(i, j int) bool { return h[i].rec.NextAt.Before(h[j].rec.NextAt) }
func (h laterHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *laterHeap) Push(x any)        { *h = append(*h, x.(*task)) }
func (h *laterHeap) Pop() any {
	old := *h
	t := old[len(old)-1]
	*h = slices.Delete(old, len(old)-1, len(old))
	return t
}
