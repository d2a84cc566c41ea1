package instrument

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestSemaphoreLimitsConcurrency(t *testing.T) {
	sem := NewSemaphore("pool", 3)
	var mu Mutex
	inside, most := 0, 0
	var g Group
	g.GoN("worker", 10, func(int) {
		for range 20 {
			sem.Acquire()
			mu.Lock()
			inside++
			most = max(most, inside)
			mu.Unlock()
			mu.Lock()
			inside--
			mu.Unlock()
			sem.Release()
		}
	})
	finishes(t, "workers", g.Wait)
	if most > 3 {
		t.Errorf("%d goroutines inside a 3-permit semaphore", most)
	}
	s := sem.Stats()
	if s.Op("acquire").Count != 200 || s.Len != 0 || s.Cap != 3 || s.MaxLen > 3 {
		t.Errorf("stats: %+v", s)
	}
	if sem.Available() != 3 {
		t.Errorf("available = %d, want 3", sem.Available())
	}
}

// A large request at the head of the queue holds back later small ones.
func TestSemaphoreFIFO(t *testing.T) {
	sem := NewSemaphore("fifo", 4)
	sem.AcquireN(3)
	bigDone := make(chan struct{})
	Go("big", func() {
		sem.AcquireN(4)
		close(bigDone)
	})
	waitFor(t, "big to queue", func() bool { return len(sem.Stats().Waiters) == 1 })
	if sem.TryAcquire(1) {
		t.Fatal("TryAcquire(1) jumped ahead of a waiting AcquireN(4)")
	}
	smallDone := make(chan struct{})
	Go("small", func() {
		sem.AcquireN(1)
		close(smallDone)
	})
	waitFor(t, "small to queue", func() bool { return len(sem.Stats().Waiters) == 2 })
	sem.ReleaseN(3)
	<-bigDone
	select {
	case <-smallDone:
		t.Fatal("small acquired while big holds all permits")
	default:
	}
	if h := sem.Stats().Holders; len(h) != 1 || h[0].Goroutine.Label != "big" || h[0].N != 4 {
		t.Errorf("holders = %+v, want big with 4", h)
	}
	sem.ReleaseN(4) // released for big: the semaphore is now a signal
	<-smallDone
}

func TestSemaphoreCancel(t *testing.T) {
	sem := NewSemaphore("cancel", 1)
	sem.Acquire()
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error)
	go func() { errc <- sem.AcquireContext(ctx, 1) }()
	waitFor(t, "the waiter", func() bool { return len(sem.Stats().Waiters) == 1 })
	if !sem.Stats().Waiters[0].Timed {
		t.Error("a context wait is not marked timed")
	}
	cancel()
	err := <-errc
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if sem.AcquireTimeout(1, time.Millisecond) {
		t.Error("AcquireTimeout succeeded with no permit free")
	}
	sem.Release()
	if !sem.AcquireTimeout(1, time.Second) {
		t.Error("AcquireTimeout failed with a permit free")
	}
	s := sem.Stats().Op("acquire")
	if s.Failed != 2 || s.Count != 2 {
		t.Errorf("failed %d count %d, want 2 and 2", s.Failed, s.Count)
	}
}

func TestSemaphoreZeroValueSignals(t *testing.T) {
	var sem Semaphore
	go sem.Release()
	finishes(t, "acquire", sem.Acquire)
}
