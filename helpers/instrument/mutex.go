package instrument

import (
	"sync"
	"sync/atomic"
)

// A Mutex is a mutual exclusion lock that behaves like sync.Mutex and
// records how it is used: locks and contended locks per goroutine label,
// waiting and holding times, its current owner and waiters, a log for
// timelines, and the lock orders used for deadlock diagnosis.
//
// The zero value for a Mutex is an unlocked mutex named "Mutex#N"; use
// NewMutex or SetName to give it a readable name. A Mutex must not be
// copied after first use.
//
// As with sync.Mutex, a locked Mutex is not associated with a particular
// goroutine: one goroutine may lock it and another unlock it. It is then
// recorded as owned by the goroutine that locked it until it is unlocked.
// Unlocking an unlocked Mutex panics (sync.Mutex ends the program instead).
//
// Fairness follows sync.Mutex: a goroutine that arrives while the mutex is
// free may take it before a waiter that was just woken, unless that waiter
// has waited more than a millisecond, in which case the mutex is handed to
// it directly.
//
// Cost: an uncontended Lock/Unlock pair takes two to three times as long
// as sync.Mutex's (see BenchmarkMutexUncontended): the state word is the
// owner's goroutine id, so locking records the owner for free, and the rest
// is one atomic add and a few loads. Contended locks also read the clock
// and register the waiter, which is small next to the wait.
type Mutex struct {
	rec atomic.Pointer[record] // its owner field is the lock's state word

	// queue lets one waiter at a time compete for the lock and park on
	// the record's wake channel; the others wait in queue.Lock.
	queue sync.Mutex

	// Guarded by the lock itself:
	holdStart int64       // when the current hold began, if it is timed; else 0
	holdOp    *opCounters // counters of the holder's label, if timed
}

// The state word (record.owner) of a Mutex is 0 when it is unlocked, or
// the owner's goroutine id with these flags:
const (
	mutexWaiting = 1 << 62 // a waiter is parked on wake: Unlock must wake it
	mutexHandoff = 1 << 61 // the parked waiter starves: Unlock hands it the lock
	ownerMask    = 1<<61 - 1

	// starveAfter is how long a waiter competes with newcomers before it
	// asks for a handoff, as sync.Mutex does.
	starveAfter = 1e6 // 1ms in ns
)

// NewMutex returns an unlocked Mutex with the given name.
func NewMutex(name string) *Mutex {
	m := new(Mutex)
	m.SetName(name)
	return m
}

func (m *Mutex) record() *record {
	return initRecord(&m.rec, kindMutex, func(r *record) { r.wake = make(chan struct{}, 1) })
}

// SetName names the mutex in stats, logs and reports.
func (m *Mutex) SetName(name string) { m.record().setName(name) }

// Name returns the mutex's name.
func (m *Mutex) Name() string { return m.record().nameOf() }

// Lock locks m. If the lock is already in use, the calling goroutine blocks
// until the mutex is available.
func (m *Mutex) Lock() {
	g := curG()
	r := m.record()
	if len(g.held) > 0 {
		g.beforeLock(r)
	}
	c := r.op(g, 0)
	if r.owner.CompareAndSwap(0, g.id) {
		if fullLog() {
			r.event(g, "lock", 0)
		}
	} else {
		m.lockSlow(g, r, c)
	}
	m.locked(g, r, c)
}

// lockSlow waits for the lock, as waiter w.
func (m *Mutex) lockSlow(g *gInfo, r *record, c *opCounters) {
	w := r.beginWait(g, "lock", 1, false)
	m.queue.Lock()
	for {
		s := r.owner.Load()
		if s == 0 {
			if r.owner.CompareAndSwap(0, g.id) {
				break
			}
			continue
		}
		want := s | mutexWaiting
		if now()-w.since > starveAfter {
			r.handoffTo.Store(g.id)
			want |= mutexHandoff
		}
		if s != want && !r.owner.CompareAndSwap(s, want) {
			continue
		}
		<-r.wake
		if want&mutexHandoff != 0 && r.owner.Load() == g.id {
			break // handed off
		}
	}
	m.queue.Unlock()
	wait := r.endWait(w, true, nil)
	c.contended.Add(1)
	c.addWait(wait)
}

// TryLock tries to lock m and reports whether it succeeded. Like
// sync.Mutex.TryLock, correct uses are rare.
func (m *Mutex) TryLock() bool {
	g := curG()
	r := m.record()
	g.pruneHeld()
	c := r.op(g, 0)
	if !r.owner.CompareAndSwap(0, g.id) {
		c.failed.Add(1)
		if fullLog() {
			r.event(g, "trylock-failed", 0)
		}
		return false
	}
	if fullLog() {
		r.event(g, "lock", 0)
	}
	m.locked(g, r, c)
	return true
}

// locked does the bookkeeping common to every successful lock.
func (m *Mutex) locked(g *gInfo, r *record, c *opCounters) {
	if n := c.count.Add(1); timeHold(n) {
		m.holdStart, m.holdOp = now(), c
	}
	g.pushHeld(r, false)
}

// timeHold tells whether to time the n-th hold by a label: the first 16,
// then one in 32, so that uncontended locking stays cheap (a clock read
// costs about two uncontended Lock/Unlock pairs of sync.Mutex).
func timeHold(n int64) bool { return n <= 16 || n&31 == 0 }

// Unlock unlocks m. It panics if m is not locked on entry.
func (m *Mutex) Unlock() {
	r := m.rec.Load()
	if r == nil || r.owner.Load() == 0 {
		panic("instrument: unlock of unlocked Mutex " + m.Name())
	}
	start, c := m.holdStart, m.holdOp
	m.holdStart, m.holdOp = 0, nil
	if fullLog() || r.nwait.Load() > 0 {
		r.event(curG(), "unlock", 0)
	}
	for {
		s := r.owner.Load() // not 0: only the holder may unlock
		if s&(mutexWaiting|mutexHandoff) == 0 {
			if r.owner.CompareAndSwap(s, 0) {
				break
			}
			continue // a waiter has just set a flag
		}
		var next int64
		if s&mutexHandoff != 0 {
			next = r.handoffTo.Load()
		}
		if r.owner.CompareAndSwap(s, next) {
			select {
			case r.wake <- struct{}{}:
			default: // cannot happen: the parked waiter takes each token before flagging again
			}
			break
		}
	}
	if start != 0 {
		c.addHold(now() - start)
	}
}

// Stats returns a snapshot of m's counters and state.
func (m *Mutex) Stats() Stats { return m.record().snapshot() }

// Log returns m's last LogSize log entries, oldest first.
func (m *Mutex) Log() []LogEntry { return m.record().logEntries() }
