package instrument

import (
	"math"
	"sync"
	"testing"
	"time"
)

// BenchmarkMutexUncontended measures an uncontended Lock/Unlock pair; compare
// with BenchmarkSyncMutexUncontended.
func BenchmarkMutexUncontended(b *testing.B) {
	var mu Mutex
	for b.Loop() {
		mu.Lock()
		mu.Unlock()
	}
}

// BenchmarkSyncMutexUncontended is the baseline for BenchmarkMutexUncontended.
func BenchmarkSyncMutexUncontended(b *testing.B) {
	var mu sync.Mutex
	for b.Loop() {
		mu.Lock()
		mu.Unlock()
	}
}

// BenchmarkMutexContended measures Lock/Unlock with every P competing for
// the lock; compare with BenchmarkSyncMutexContended.
func BenchmarkMutexContended(b *testing.B) {
	var mu Mutex
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			mu.Lock()
			mu.Unlock()
		}
	})
}

// BenchmarkSyncMutexContended is the baseline for BenchmarkMutexContended.
func BenchmarkSyncMutexContended(b *testing.B) {
	var mu sync.Mutex
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			mu.Lock()
			mu.Unlock()
		}
	})
}

// BenchmarkRWMutexRead measures an uncontended RLock/RUnlock pair.
func BenchmarkRWMutexRead(b *testing.B) {
	var rw RWMutex
	for b.Loop() {
		rw.RLock()
		rw.RUnlock()
	}
}

// BenchmarkMutexOverhead alternates short rounds of uncontended
// Lock/Unlock on a Mutex and on a sync.Mutex and reports the ratio of their
// fastest rounds as "ratio": on a machine shared with other work, the
// fastest round is the best estimate of the intrinsic cost, and
// alternating exposes both to the same load.
func BenchmarkMutexOverhead(b *testing.B) {
	const round = 20000
	var mu Mutex
	var smu sync.Mutex
	best := func(cur float64, f func()) float64 {
		start := time.Now()
		f()
		return min(cur, float64(time.Since(start))/round)
	}
	ours, theirs := math.Inf(1), math.Inf(1)
	for b.Loop() {
		ours = best(ours, func() {
			for range round {
				mu.Lock()
				mu.Unlock()
			}
		})
		theirs = best(theirs, func() {
			for range round {
				smu.Lock()
				smu.Unlock()
			}
		})
	}
	b.ReportMetric(ours, "ns/lock")
	b.ReportMetric(theirs, "ns/sync-lock")
	b.ReportMetric(ours/theirs, "ratio")
}
