package instrument

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// waitFor polls cond until it holds, failing the test after 10s. The bound
// only catches hangs; no test depends on how fast things happen.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// finishes runs f in a goroutine and fails the test if it has not
// returned after 10s.
func finishes(t *testing.T, what string, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s did not finish", what)
	}
}

func TestMutexExcludes(t *testing.T) {
	var mu Mutex
	n := 0
	var g Group
	g.GoN("inc", 8, func(int) {
		for i := range 2000 {
			if i%7 == 0 && mu.TryLock() {
				n++
				mu.Unlock()
				continue
			}
			mu.Lock()
			n++
			mu.Unlock()
		}
	})
	finishes(t, "incrementers", g.Wait)
	if n != 8*2000 {
		t.Fatalf("counter = %d, want %d", n, 8*2000)
	}
	s := mu.Stats()
	lock := s.Op("lock")
	if lock.Count != 8*2000 {
		t.Errorf("lock count = %d, want %d", lock.Count, 8*2000)
	}
	if lock.Wait.Count != lock.Count {
		t.Errorf("wait distribution has %d values, want one per lock (%d)", lock.Wait.Count, lock.Count)
	}
	if lock.Contended > lock.Count {
		t.Errorf("contended %d > count %d", lock.Contended, lock.Count)
	}
	if lock.Hold.Count == 0 || lock.Hold.Count > lock.Count {
		t.Errorf("hold samples = %d, want 1..%d", lock.Hold.Count, lock.Count)
	}
	if len(s.Labels) != 8 {
		t.Errorf("got %d label rows, want 8: %+v", len(s.Labels), s.Labels)
	}
	if len(s.Holders) != 0 || len(s.Waiters) != 0 {
		t.Errorf("idle mutex has holders %v, waiters %v", s.Holders, s.Waiters)
	}
}

func TestMutexContendedStats(t *testing.T) {
	mu := NewMutex("contended")
	mu.Lock()
	SetLabel("holder")
	defer SetLabel("")
	done := make(chan struct{})
	Go("waiter", func() {
		mu.Lock()
		mu.Unlock()
		close(done)
	})
	waitFor(t, "the waiter to block", func() bool { return len(mu.Stats().Waiters) == 1 })
	s := mu.Stats()
	if got := s.Holders; len(got) != 1 || got[0].Goroutine.Label != "holder" || got[0].Mode != "lock" {
		t.Errorf("holders = %+v, want the holder", got)
	}
	if w := s.Waiters[0]; w.Goroutine.Label != "waiter" || w.Op != "lock" || w.Timed {
		t.Errorf("waiter = %+v", w)
	}
	mu.Unlock()
	<-done
	lock := mu.Stats().Op("lock")
	if lock.Count != 2 || lock.Contended != 1 {
		t.Errorf("count %d contended %d, want 2 and 1", lock.Count, lock.Contended)
	}
	if lock.Wait.Max <= 0 {
		t.Errorf("contended wait not timed: %+v", lock.Wait)
	}
	var phases []string
	for _, e := range mu.Log() {
		phases = append(phases, e.Goroutine.Label+":"+e.Op+":"+e.Phase)
	}
	want := []string{"waiter:lock:blocked", "holder:unlock:done", "waiter:lock:done"}
	if len(phases) != len(want) {
		t.Fatalf("log = %v, want %v", phases, want)
	}
	for i := range want {
		if phases[i] != want[i] {
			t.Errorf("log = %v, want %v", phases, want)
			break
		}
	}
}

// A goroutine that keeps relocking must not starve a waiter: after a
// millisecond the waiter is handed the lock.
func TestMutexWaiterNotStarved(t *testing.T) {
	var mu Mutex
	var stop atomic.Bool
	hot := make(chan struct{})
	go func() {
		defer close(hot)
		for !stop.Load() {
			mu.Lock()
			for range 100 { // hold it for a while
				_ = stop.Load()
			}
			mu.Unlock()
		}
	}()
	finishes(t, "the starving waiter", func() {
		for range 20 {
			mu.Lock()
			mu.Unlock()
		}
	})
	stop.Store(true)
	<-hot
}

func TestMutexUnlockOfUnlockedPanics(t *testing.T) {
	for _, name := range []string{"never used", "used"} {
		mu := NewMutex(name)
		if name == "used" {
			mu.Lock()
			mu.Unlock()
		}
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: Unlock of unlocked mutex did not panic", name)
				}
			}()
			mu.Unlock()
		}()
	}
}

// A mutex locked by one goroutine and unlocked by another is free
// afterwards, and leaves no stale lock-order entry behind.
func TestMutexUnlockedByAnotherGoroutine(t *testing.T) {
	a, b := NewMutex("handed-over A"), NewMutex("handed-over B")
	a.Lock()
	finishes(t, "unlock elsewhere", a.Unlock)
	if h := a.Stats().Holders; len(h) != 0 {
		t.Errorf("holders after unlock = %v", h)
	}
	b.Lock() // would record A→B if the stale entry counted
	b.Unlock()
	var g Group
	g.Go("other order", func() {
		b.Lock()
		a.Lock()
		a.Unlock()
		b.Unlock()
	})
	g.Wait()
	for _, inv := range LockOrderInversions() {
		if inv.First == a.Name() || inv.Second == a.Name() {
			t.Errorf("false inversion: %v", inv)
		}
	}
}

func TestMutexZeroValueNames(t *testing.T) {
	var a, b Mutex
	if a.Name() == b.Name() {
		t.Errorf("two zero mutexes share the name %q", a.Name())
	}
	a.SetName("renamed")
	if a.Name() != "renamed" || a.Stats().Name != "renamed" {
		t.Errorf("SetName: Name() = %q, Stats().Name = %q", a.Name(), a.Stats().Name)
	}
}

// sync.Locker users (sync.Cond, a Cond from this package) accept it.
var _ sync.Locker = (*Mutex)(nil)
