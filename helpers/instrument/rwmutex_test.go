package instrument

import (
	"testing"
)

// Readers hold the lock together: two readers meet at a barrier while both
// hold it, which would deadlock if read locks excluded each other.
func TestRWMutexReadersShare(t *testing.T) {
	rw := NewRWMutex("shared")
	meet := NewBarrier("readers meet", 2)
	var g Group
	g.GoN("reader", 2, func(int) {
		rw.RLock()
		meet.Wait()
		rw.RUnlock()
	})
	finishes(t, "readers", g.Wait)
	if n := rw.Stats().Op("rlock").Count; n != 2 {
		t.Errorf("rlock count = %d, want 2", n)
	}
}

func TestRWMutexWriterExcludes(t *testing.T) {
	var rw RWMutex
	n := 0
	var g Group
	g.GoN("writer", 4, func(int) {
		for range 500 {
			rw.Lock()
			n++
			rw.Unlock()
		}
	})
	g.GoN("reader", 4, func(int) {
		for range 500 {
			rw.RLock()
			_ = n
			rw.RUnlock()
		}
	})
	finishes(t, "readers and writers", g.Wait)
	if n != 2000 {
		t.Errorf("n = %d, want 2000", n)
	}
	s := rw.Stats()
	if s.Op("lock").Count != 2000 || s.Op("rlock").Count != 2000 {
		t.Errorf("counts: %v", s)
	}
	if len(s.Holders) != 0 {
		t.Errorf("holders of a free RWMutex: %v", s.Holders)
	}
}

func TestRWMutexTryAndHolders(t *testing.T) {
	rw := NewRWMutex("try")
	if !rw.TryRLock() {
		t.Fatal("TryRLock on a free RWMutex failed")
	}
	if rw.TryLock() {
		t.Fatal("TryLock succeeded while read-locked")
	}
	s := rw.Stats()
	if len(s.Holders) != 1 || s.Holders[0].Mode != "rlock" || s.Holders[0].Goroutine.ID != Current().ID {
		t.Errorf("holders = %+v, want this goroutine reading", s.Holders)
	}
	rw.RUnlock()
	if !rw.TryLock() {
		t.Fatal("TryLock on a free RWMutex failed")
	}
	if rw.TryRLock() {
		t.Fatal("TryRLock succeeded while write-locked")
	}
	if h := rw.Stats().Holders; len(h) != 1 || h[0].Mode != "lock" {
		t.Errorf("holders = %+v, want this goroutine writing", h)
	}
	rw.Unlock()
	if f := rw.Stats(); f.Op("lock").Failed != 1 || f.Op("rlock").Failed != 1 {
		t.Errorf("failed tries not counted: %v", f)
	}
	l := rw.RLocker()
	l.Lock()
	l.Unlock()
}

func TestRWMutexUnlockOfUnlockedPanics(t *testing.T) {
	rw := NewRWMutex("unlocked")
	for name, f := range map[string]func(){"Unlock": rw.Unlock, "RUnlock": rw.RUnlock} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s of unlocked RWMutex did not panic", name)
				}
			}()
			f()
		}()
	}
}
