package instrument

import (
	"slices"
	"sync"
	"sync/atomic"
)

// A Cond is a condition variable like sync.Cond: goroutines Wait for a
// condition on state guarded by L, and Signal or Broadcast when they change
// it. It records waits, signals and broadcasts per goroutine label, how
// long waiters waited to be woken and who waits now.
//
// As with sync.Cond, Wait must be called with L held and the condition
// checked in a loop:
//
//	c.L.Lock()
//	for !condition() {
//		c.Wait()
//	}
//	… use the state …
//	c.L.Unlock()
//
// Signal wakes the longest waiting goroutine. Use NewCond, or set L before
// first use; the zero value otherwise has no lock. A Cond must not be
// copied after first use.
type Cond struct {
	// L is held while observing or changing the condition. An
	// instrument.Mutex records its own contention here too.
	L sync.Locker

	mu      sync.Mutex      // guards waiters
	waiters []chan struct{} // closed to wake, oldest first

	rec atomic.Pointer[record]
}

// NewCond returns a Cond with the given name and lock.
func NewCond(name string, l sync.Locker) *Cond {
	c := &Cond{L: l}
	c.SetName(name)
	return c
}

func (c *Cond) record() *record { return initRecord(&c.rec, kindCond, nil) }

// SetName names the condition variable in stats, logs and reports.
func (c *Cond) SetName(name string) { c.record().setName(name) }

// Name returns the condition variable's name.
func (c *Cond) Name() string { return c.record().nameOf() }

// Wait unlocks c.L, waits until woken by Signal or Broadcast, and locks
// c.L again before returning. Its waiting time (Stats) ends when it is
// woken, before it relocks c.L.
func (c *Cond) Wait() {
	g := curG()
	r := c.record()
	ch := make(chan struct{})
	c.mu.Lock()
	c.waiters = append(c.waiters, ch)
	w := r.beginWait(g, "wait", 0, false)
	c.mu.Unlock()
	c.L.Unlock()
	<-ch
	wait := r.endWait(w, true, nil)
	oc := r.op(g, 0)
	oc.contended.Add(1)
	oc.count.Add(1)
	oc.addWait(wait)
	c.L.Lock()
}

// Signal wakes the goroutine that has waited longest, if any. The caller
// may but need not hold c.L.
func (c *Cond) Signal() {
	g := curG()
	r := c.record()
	c.mu.Lock()
	if len(c.waiters) > 0 {
		close(c.waiters[0])
		c.waiters = slices.Delete(c.waiters, 0, 1)
	}
	c.mu.Unlock()
	r.op(g, 1).count.Add(1)
	r.event(g, "signal", 0)
}

// Broadcast wakes all waiting goroutines. The caller may but need not hold
// c.L.
func (c *Cond) Broadcast() {
	g := curG()
	r := c.record()
	c.mu.Lock()
	n := len(c.waiters)
	for _, ch := range c.waiters {
		close(ch)
	}
	c.waiters = nil
	c.mu.Unlock()
	r.op(g, 2).count.Add(1)
	r.event(g, "broadcast", int64(n))
}

// Stats returns a snapshot of c's counters and state.
func (c *Cond) Stats() Stats { return c.record().snapshot() }

// Log returns c's last LogSize log entries, oldest first.
func (c *Cond) Log() []LogEntry { return c.record().logEntries() }
