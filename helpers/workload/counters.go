package workload

import (
	"sync"
	"sync/atomic"
)

// Counting strategies for contention experiments. Each function starts
// workers goroutines that together add 1 to a count total times (each
// worker does total/workers increments, the first total%workers one more)
// and returns the final count, which is always total. What differs is how
// the goroutines share the count, and so how much they contend for it.

// CountMutex makes every increment lock one shared sync.Mutex: every
// goroutine contends for the same lock and the same cache line.
func CountMutex(total, workers int) int64 {
	var mu sync.Mutex
	var n int64
	runCounters(total, workers, func(_, k int) {
		for range k {
			mu.Lock()
			n++
			mu.Unlock()
		}
	})
	return n
}

// CountAtomic makes every increment an atomic add on one shared counter: no
// lock, but every goroutine still writes the same cache line.
func CountAtomic(total, workers int) int64 {
	var n atomic.Int64
	runCounters(total, workers, func(_, k int) {
		for range k {
			n.Add(1)
		}
	})
	return n.Load()
}

// counterShard is one goroutine's counter, padded to its own 64-byte cache
// line (128 bytes, so adjacent-line prefetching does not pair two shards).
type counterShard struct {
	n atomic.Int64
	_ [120]byte
}

// CountSharded gives every goroutine its own counter, on its own cache
// line, and adds the shards up at the end: nothing is shared while
// counting. (The shards are atomic so that the work per increment is the
// same as in CountAtomic; only the sharing differs.)
func CountSharded(total, workers int) int64 {
	shards := make([]counterShard, max(workers, 1))
	runCounters(total, workers, func(w, k int) {
		s := &shards[w].n
		for range k {
			s.Add(1)
		}
	})
	var n int64
	for i := range shards {
		n += shards[i].n.Load()
	}
	return n
}

// CountShardedUnpadded is CountSharded with the shards packed next to each
// other, eight to a cache line: no variable is shared, but the cache lines
// are (false sharing).
func CountShardedUnpadded(total, workers int) int64 {
	shards := make([]atomic.Int64, max(workers, 1))
	runCounters(total, workers, func(w, k int) {
		s := &shards[w]
		for range k {
			s.Add(1)
		}
	})
	var n int64
	for i := range shards {
		n += shards[i].Load()
	}
	return n
}

// runCounters runs body(w, k) in workers goroutines, w = 0..workers-1,
// where k is worker w's share of total, and waits for them.
func runCounters(total, workers int, body func(w, k int)) {
	if workers < 1 {
		workers = 1
	}
	var wg sync.WaitGroup
	for w := range workers {
		k := total / workers
		if w < total%workers {
			k++
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			body(w, k)
		}()
	}
	wg.Wait()
}
