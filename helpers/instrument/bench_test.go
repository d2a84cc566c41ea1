package instrument

import (
	"sync"
	"testing"
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
