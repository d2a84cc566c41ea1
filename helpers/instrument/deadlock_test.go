package instrument

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// mustDetect fails the test unless DetectDeadlock finds a deadlock.
func mustDetect(t *testing.T) Deadlock {
	t.Helper()
	d, ok := DetectDeadlock(10 * time.Second)
	if !ok {
		t.Fatalf("no deadlock detected; blocked: %v", Blocked())
	}
	return d
}

func labelsOf(ss []Stuck) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Goroutine.Label)
	}
	return out
}

func TestDeadlockThreeWayCycle(t *testing.T) {
	locks := []*Mutex{NewMutex("three-0"), NewMutex("three-1"), NewMutex("three-2")}
	all := NewBarrier("three hold", 3)
	var g Group
	g.GoN("three", 3, func(i int) {
		locks[i].Lock()
		all.Wait()
		locks[(i+1)%3].Lock()
	})
	d := mustDetect(t)
	if got := strings.Join(labelsOf(d.Cycle), ","); got != "three-0,three-1,three-2" {
		t.Errorf("cycle = %s\n%v", got, d)
	}
	if len(d.Others) != 0 {
		t.Errorf("others = %v", d.Others)
	}
	if len(d.Graph.Nodes) != 6 || len(d.Graph.Edges) != 6 {
		t.Errorf("graph has %d nodes, %d edges; want 6 and 6: %+v", len(d.Graph.Nodes), len(d.Graph.Edges), d.Graph)
	}
	for _, n := range d.Graph.Nodes {
		if !n.Deadlocked {
			t.Errorf("node %+v not marked deadlocked", n)
		}
	}
	// A goroutine that then waits on the cycle is deadlocked too, and is
	// a new deadlock to report.
	Go("latecomer", func() { locks[0].Lock() })
	d = mustDetect(t)
	if got := labelsOf(d.Others); len(got) != 1 || got[0] != "latecomer" {
		t.Errorf("others = %v, want the latecomer\n%v", got, d)
	}
}

func TestDeadlockSelf(t *testing.T) {
	mu := NewMutex("relocked")
	Go("relocker", func() {
		mu.Lock()
		mu.Lock() // Go mutexes are not reentrant
	})
	d := mustDetect(t)
	want := `deadlock: a goroutine waits for itself
  relocker holds "relocked" and waits to lock Mutex "relocked", held by relocker`
	if d.String() != want {
		t.Errorf("got\n%v\nwant\n%s", d, want)
	}
}

// A reader that read-locks again while a writer waits deadlocks with the
// writer.
func TestDeadlockRecursiveReadLock(t *testing.T) {
	rw := NewRWMutex("recursive")
	readerIn := make(chan struct{})
	Go("reader", func() {
		rw.RLock()
		close(readerIn)
		for len(rw.Stats().Waiters) == 0 { // until the writer waits
			time.Sleep(time.Millisecond)
		}
		rw.RLock()
	})
	<-readerIn
	Go("writer", func() { rw.Lock() })
	d := mustDetect(t)
	if got := strings.Join(labelsOf(d.Cycle), ","); got != "reader,writer" {
		t.Errorf("cycle = %s\n%v", got, d)
	}
}

func TestDeadlockSemaphores(t *testing.T) {
	s1, s2 := NewSemaphore("pool-1", 1), NewSemaphore("pool-2", 1)
	both := NewBarrier("pools held", 2)
	Go("p", func() { s1.Acquire(); both.Wait(); s2.Acquire() })
	Go("q", func() { s2.Acquire(); both.Wait(); s1.Acquire() })
	d := mustDetect(t)
	if got := strings.Join(labelsOf(d.Cycle), ","); got != "p,q" {
		t.Errorf("cycle = %s\n%v", got, d)
	}
}

// A cycle in which one goroutine waits with a timeout resolves itself: it
// is not reported.
func TestNoDeadlockWithTimeout(t *testing.T) {
	s1, s2 := NewSemaphore("timed-1", 1), NewSemaphore("timed-2", 1)
	both := NewBarrier("timed held", 2)
	var g Group
	g.Go("patient", func() {
		s1.Acquire()
		both.Wait()
		if s2.AcquireTimeout(1, 300*time.Millisecond) {
			s2.Release()
		}
		s1.Release()
	})
	g.Go("blocked", func() {
		s2.Acquire()
		both.Wait()
		s1.Acquire()
		s1.Release()
		s2.Release()
	})
	if d, ok := DetectDeadlock(200 * time.Millisecond); ok {
		t.Errorf("reported a cycle that a timeout breaks:\n%v", d)
	}
	finishes(t, "both", g.Wait)
}

// Correct programs with heavy contention produce no report.
func TestNoFalseDeadlocks(t *testing.T) {
	var mu sync.Mutex
	var reports []Deadlock
	stop := WatchDeadlocks(2*time.Millisecond, func(d Deadlock) {
		for _, s := range append(d.Cycle, d.Others...) {
			if strings.HasPrefix(s.Goroutine.Label, "ok-") {
				mu.Lock()
				reports = append(reports, d)
				mu.Unlock()
				return
			}
		}
	})
	var g Group
	// Dining philosophers who take the lower-numbered fork first.
	forks := make([]*Mutex, 5)
	for i := range forks {
		forks[i] = NewMutex("ok-fork")
	}
	g.GoN("ok-philosopher", 5, func(i int) {
		first, second := i, (i+1)%5
		if first > second {
			first, second = second, first
		}
		for range 1000 {
			forks[first].Lock()
			forks[second].Lock()
			forks[second].Unlock()
			forks[first].Unlock()
		}
	})
	// Readers and writers in a consistent order.
	rw, after := NewRWMutex("ok-rw"), NewMutex("ok-after")
	g.GoN("ok-rw", 4, func(i int) {
		for range 1000 {
			if i%2 == 0 {
				rw.RLock()
				after.Lock()
				after.Unlock()
				rw.RUnlock()
			} else {
				rw.Lock()
				after.Lock()
				after.Unlock()
				rw.Unlock()
			}
		}
	})
	// A bounded queue and a semaphore pool.
	q, sem := NewQueue("ok-queue", FIFO, 2), NewSemaphore("ok-sem", 2)
	g.GoN("ok-producer", 2, func(int) {
		for i := range 1000 {
			sem.Acquire()
			q.Put(i)
			sem.Release()
		}
	})
	g.GoN("ok-consumer", 2, func(int) {
		for range 1000 {
			q.Get()
		}
	})
	finishes(t, "workload", g.Wait)
	stop()
	for _, d := range reports {
		t.Errorf("false report:\n%v", d)
	}
	for _, inv := range LockOrderInversions() {
		if strings.HasPrefix(inv.First, "ok-") {
			t.Errorf("false inversion: %v", inv)
		}
	}
}

func TestGraphShowsWaits(t *testing.T) {
	mu := NewMutex("graph lock")
	mu.Lock()
	SetLabel("graph holder")
	defer SetLabel("")
	done := make(chan struct{})
	Go("graph waiter", func() {
		mu.Lock()
		mu.Unlock()
		close(done)
	})
	waitFor(t, "the waiter", func() bool { return len(mu.Stats().Waiters) == 1 })
	g := Graph()
	var waits, holds bool
	names := map[string]string{}
	for _, n := range g.Nodes {
		names[n.ID] = n.Name
		if n.Name == "graph waiter" && n.Deadlocked {
			t.Errorf("waiter behind a running holder marked deadlocked")
		}
	}
	for _, e := range g.Edges {
		switch {
		case e.Type == "waits" && names[e.From] == "graph waiter" && names[e.To] == "graph lock":
			waits = true
		case e.Type == "holds" && names[e.From] == "graph lock" && names[e.To] == "graph holder":
			holds = true
		}
	}
	if !waits || !holds {
		t.Errorf("graph lacks the wait or hold edge: %+v", g)
	}
	mu.Unlock()
	<-done
}

// A waiter that has just taken the lock, but not yet deregistered, holds
// what it waits for; only a goroutine that held the lock before it began
// waiting is waiting for itself.
func TestJustAcquiredIsNotSelfDeadlock(t *testing.T) {
	for _, relock := range []bool{false, true} {
		r := NewMutex("transient").record()
		g := &gInfo{id: 1 << 40} // no real goroutine has this id
		if relock {
			r.owner.Store(g.id)
		}
		w := r.beginWait(g, "lock", 1, false)
		r.owner.Store(g.id)
		dead := takeSnapshot().deadlocked(nil)
		if dead[g.id] != relock {
			t.Errorf("relock %v: deadlocked = %v", relock, dead[g.id])
		}
		r.endWait(w, true, nil)
		r.owner.Store(0)
	}
}
