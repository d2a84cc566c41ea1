package instrument

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestEventWakesAllAndResets(t *testing.T) {
	var e Event
	var g Group
	g.GoN("waiter", 5, func(int) { e.Wait() })
	waitFor(t, "waiters", func() bool { return len(e.Stats().Waiters) == 5 })
	e.Set()
	finishes(t, "waiters", g.Wait)
	e.Wait() // set: returns at once
	e.Clear()
	if e.IsSet() {
		t.Fatal("IsSet after Clear")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	if err := e.WaitContext(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("WaitContext = %v, want DeadlineExceeded", err)
	}
	s := e.Stats()
	if w := s.Op("wait"); w.Count != 6 || w.Contended != 5 || w.Failed != 1 {
		t.Errorf("wait stats %+v", w)
	}
	if s.Op("set").Count != 1 {
		t.Errorf("set count %d", s.Op("set").Count)
	}
}

func TestBarrierRoundsAndIndexes(t *testing.T) {
	b := NewBarrier("rounds", 4)
	const rounds = 5
	var mu Mutex
	seen := map[int]int{}
	var g Group
	g.GoN("party", 4, func(int) {
		for range rounds {
			i := b.Wait()
			mu.Lock()
			seen[i]++
			mu.Unlock()
		}
	})
	finishes(t, "parties", g.Wait)
	for i := range 4 {
		if seen[i] != rounds {
			t.Errorf("index %d returned %d times, want %d (all: %v)", i, seen[i], rounds, seen)
		}
	}
	if s := b.Stats(); s.Op("wait").Count != 4*rounds || s.Cap != 4 || s.Len != 0 {
		t.Errorf("stats %+v", s)
	}
}

func TestBarrierWithdraw(t *testing.T) {
	b := NewBarrier("withdraw", 2)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error)
	go func() {
		_, err := b.WaitContext(ctx)
		errc <- err
	}()
	waitFor(t, "the first party", func() bool { return b.Waiting() == 1 })
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if b.Waiting() != 0 {
		t.Fatalf("waiting = %d after withdrawal", b.Waiting())
	}
	go b.Wait()
	finishes(t, "a full round", func() { b.Wait() })
}

func TestNewBarrierPanicsWithoutParties(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("NewBarrier with 0 parties did not panic")
		}
	}()
	NewBarrier("none", 0)
}

func TestCondBroadcast(t *testing.T) {
	mu := NewMutex("cond lock")
	c := NewCond("go", mu)
	ready := false
	var g Group
	g.GoN("waiter", 3, func(int) {
		mu.Lock()
		for !ready {
			c.Wait()
		}
		mu.Unlock()
	})
	waitFor(t, "waiters", func() bool { return len(c.Stats().Waiters) == 3 })
	c.Signal() // wakes one, which sees !ready and waits again
	mu.Lock()
	ready = true
	c.Broadcast()
	mu.Unlock()
	finishes(t, "waiters", g.Wait)
	s := c.Stats()
	if s.Op("signal").Count != 1 || s.Op("broadcast").Count != 1 || s.Op("wait").Count < 3 {
		t.Errorf("stats %v", s)
	}
}
