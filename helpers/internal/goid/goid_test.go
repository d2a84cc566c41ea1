package goid

import (
	"sync"
	"testing"
)

func TestGetMatchesStack(t *testing.T) {
	if haveG && !Fast() {
		t.Errorf("the id field was not found in the goroutine descriptor; Get falls back to runtime.Stack (about 1000x slower)")
	}
	var wg sync.WaitGroup
	ids := make([]int64, 16)
	for i := range ids {
		wg.Go(func() {
			if got, want := Get(), Slow(); got != want {
				t.Errorf("Get() = %d, runtime.Stack says %d", got, want)
			}
			ids[i] = Get()
		})
	}
	wg.Wait()
	seen := map[int64]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("id %d returned to two goroutines", id)
		}
		seen[id] = true
	}
}

func BenchmarkGet(b *testing.B) {
	for b.Loop() {
		Get()
	}
}
