package cluster

import (
	"sync"
	"sync/atomic"
)

// parallel runs fn over [0, n) split in chunks, on up to workers
// goroutines; w is the goroutine's number, below workers. fn must only
// write to the indices of its chunk and to the state of its w.
func parallel(n, workers int, fn func(w, lo, hi int)) {
	const chunk = 256
	if n <= chunk || workers <= 1 {
		if n > 0 {
			fn(0, 0, n)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range min(workers, (n+chunk-1)/chunk) {
		wg.Go(func() {
			for {
				lo := int(next.Add(chunk)) - chunk
				if lo >= n {
					return
				}
				fn(w, lo, min(lo+chunk, n))
			}
		})
	}
	wg.Wait()
}
