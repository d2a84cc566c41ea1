package instrument

import (
	"container/list"
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// A Semaphore is a counting semaphore with weighted acquisitions, like
// golang.org/x/sync/semaphore, that records its use: acquisitions and
// contended ones per goroutine label, waiting times, who holds how many
// permits and who waits.
//
// Waiters are served in arrival order: a large request at the head of the
// queue holds back smaller ones behind it, so that it cannot starve.
//
// Release may add permits beyond the initial number, as Python's
// threading.Semaphore allows, so a semaphore created with 0 permits works
// as a signal: one goroutine Releases, another Acquires. A semaphore
// released by a goroutine that holds no permits is treated as a signal from
// then on: its holders no longer tell who could wake its waiters, so the
// deadlock detector leaves it out.
//
// The zero value is a semaphore with no permits named "Semaphore#N". A
// Semaphore must not be copied after first use.
type Semaphore struct {
	mu      sync.Mutex // guards following
	avail   int64      // permits available
	waiters list.List  // of *semWaiter, in arrival order

	rec atomic.Pointer[record]
}

type semWaiter struct {
	g     *gInfo
	n     int64
	ready chan struct{} // closed when the permits are granted
}

// NewSemaphore returns a semaphore with the given name and number of
// permits.
func NewSemaphore(name string, permits int64) *Semaphore {
	s := &Semaphore{avail: permits}
	initRecord(&s.rec, kindSemaphore, func(r *record) { r.capacity = permits })
	s.SetName(name)
	return s
}

func (s *Semaphore) record() *record {
	return initRecord(&s.rec, kindSemaphore, nil)
}

// SetName names the semaphore in stats, logs and reports.
func (s *Semaphore) SetName(name string) { s.record().setName(name) }

// Name returns the semaphore's name.
func (s *Semaphore) Name() string { return s.record().nameOf() }

// Acquire acquires one permit, blocking until it is available.
func (s *Semaphore) Acquire() { s.acquire(context.Background(), 1, false) }

// AcquireN acquires n permits, blocking until they are available.
func (s *Semaphore) AcquireN(n int64) { s.acquire(context.Background(), n, false) }

// TryAcquire acquires n permits if they are available now, and reports
// whether it did.
func (s *Semaphore) TryAcquire(n int64) bool { return s.acquire(nil, n, true) == nil }

// AcquireTimeout acquires n permits, waiting at most d, and reports whether
// it did.
func (s *Semaphore) AcquireTimeout(n int64, d time.Duration) bool {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return s.acquire(ctx, n, true) == nil
}

// AcquireContext acquires n permits, blocking until they are available or
// ctx is done. On failure it returns an error wrapping ctx.Err() and
// leaves the semaphore unchanged.
func (s *Semaphore) AcquireContext(ctx context.Context, n int64) error {
	return s.acquire(ctx, n, true)
}

// acquire waits for n permits until ctx is done; a nil ctx means do not
// wait. timed tells the deadlock detector the wait may end by itself.
func (s *Semaphore) acquire(ctx context.Context, n int64, timed bool) error {
	if n < 0 {
		panic("instrument: negative Semaphore acquisition")
	}
	g := curG()
	r := s.record()
	c := r.op(g, 0)
	s.mu.Lock()
	if s.avail >= n && s.waiters.Len() == 0 {
		s.avail -= n
		r.grant(g.id, n, false)
		s.mu.Unlock()
		c.count.Add(1)
		if fullLog() {
			r.event(g, "acquire", n)
		}
		return nil
	}
	if ctx == nil {
		s.mu.Unlock()
		c.failed.Add(1)
		return fmt.Errorf("semaphore %q: %d permits not available", r.nameOf(), n)
	}
	sw := &semWaiter{g: g, n: n, ready: make(chan struct{})}
	elem := s.waiters.PushBack(sw)
	w := r.beginWait(g, "acquire", n, timed)
	s.mu.Unlock()

	select {
	case <-sw.ready:
	case <-ctx.Done():
		s.mu.Lock()
		select {
		case <-sw.ready:
			// Granted just as ctx ended: keep the permits.
			s.mu.Unlock()
		default:
			front := s.waiters.Front() == elem
			s.waiters.Remove(elem)
			if front {
				s.grantWaiters(r) // the next waiters may fit now
			}
			s.mu.Unlock()
			r.endWait(w, false, nil)
			c.failed.Add(1)
			return fmt.Errorf("acquire %d of semaphore %q: %w", n, r.nameOf(), ctx.Err())
		}
	}
	wait := r.endWait(w, true, func() { r.pickUp(g.id, n) })
	c.contended.Add(1)
	c.count.Add(1)
	c.addWait(wait)
	return nil
}

// Release releases one permit.
func (s *Semaphore) Release() { s.ReleaseN(1) }

// ReleaseN releases n permits and wakes the waiters they satisfy.
func (s *Semaphore) ReleaseN(n int64) {
	if n < 0 {
		panic("instrument: negative Semaphore release")
	}
	g := curG()
	r := s.record()
	s.mu.Lock()
	s.avail += n
	r.release(g.id, n)
	woke := s.grantWaiters(r)
	s.mu.Unlock()
	if woke || fullLog() {
		r.event(g, "release", n)
	}
}

// grantWaiters hands permits to waiters in arrival order while the first
// one fits, and reports whether it woke any. s.mu is held.
func (s *Semaphore) grantWaiters(r *record) bool {
	woke := false
	for e := s.waiters.Front(); e != nil; e = s.waiters.Front() {
		sw := e.Value.(*semWaiter)
		if s.avail < sw.n {
			break
		}
		s.avail -= sw.n
		s.waiters.Remove(e)
		r.grant(sw.g.id, sw.n, true)
		close(sw.ready)
		woke = true
	}
	return woke
}

// Available returns the number of permits available now.
func (s *Semaphore) Available() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.avail
}

// Stats returns a snapshot of s's counters and state. Len is the number of
// permits held, Cap the initial number.
func (s *Semaphore) Stats() Stats { return s.record().snapshot() }

// Log returns s's last LogSize log entries, oldest first.
func (s *Semaphore) Log() []LogEntry { return s.record().logEntries() }

// grant records n permits given to goroutine id; inTransit means it has
// not woken up yet, and pickUp will complete the grant.
func (r *record) grant(id, n int64, inTransit bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if inTransit {
		r.transit += n
	} else {
		r.addHolder(id, n)
	}
	r.setLevel(r.held + r.transit)
}

// pickUp completes a grant made while goroutine id was waiting. r.mu is held.
func (r *record) pickUp(id, n int64) {
	r.transit -= n
	r.addHolder(id, n)
}

func (r *record) addHolder(id, n int64) {
	if r.holders == nil {
		r.holders = map[int64]int64{}
	}
	r.holders[id] += n
	r.held += n
}

// release records n permits released by goroutine id: first its own, then
// other holders' (the semaphore is then a signal), lowest id first.
func (r *record) release(id, n int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	take := func(h int64) {
		k := min(n, r.holders[h])
		if k == 0 {
			return
		}
		r.holders[h] -= k
		r.held -= k
		n -= k
		if r.holders[h] == 0 {
			delete(r.holders, h)
		}
	}
	take(id)
	if n > 0 {
		r.signalling = true
		ids := make([]int64, 0, len(r.holders))
		for h := range r.holders {
			ids = append(ids, h)
		}
		slices.Sort(ids)
		for _, h := range ids {
			take(h)
		}
	}
	r.setLevel(r.held + r.transit)
}
