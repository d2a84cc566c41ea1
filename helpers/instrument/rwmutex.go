package instrument

import (
	"sync"
	"sync/atomic"
)

// An RWMutex is a reader/writer mutual exclusion lock that behaves like
// sync.RWMutex and records its use like Mutex does: "lock" and "rlock"
// counts per goroutine label, waiting times, holding times of write locks,
// the writer and readers holding it, and its waiters.
//
// The zero value for an RWMutex is an unlocked mutex named "RWMutex#N". An
// RWMutex must not be copied after first use.
//
// As with sync.RWMutex, a goroutine that holds a read lock must not expect
// to take another one while a writer waits: the writer blocks new readers,
// and the three goroutines deadlock (the deadlock detector reports this).
//
// Up to 8 readers are named in stats and deadlock reports; beyond that they
// are only counted.
type RWMutex struct {
	rw      sync.RWMutex
	rec     atomic.Pointer[record]
	readers readerSet

	// Guarded by rw, held for writing:
	holdStart int64       // when the current write hold began, if timed; else 0
	holdOp    *opCounters // counters of the writer's label, if timed
}

// NewRWMutex returns an unlocked RWMutex with the given name.
func NewRWMutex(name string) *RWMutex {
	rw := new(RWMutex)
	rw.SetName(name)
	return rw
}

func (rw *RWMutex) record() *record {
	return initRecord(&rw.rec, kindRWMutex, func(r *record) { r.readers = &rw.readers })
}

// SetName names the mutex in stats, logs and reports.
func (rw *RWMutex) SetName(name string) { rw.record().setName(name) }

// Name returns the mutex's name.
func (rw *RWMutex) Name() string { return rw.record().nameOf() }

// Lock locks rw for writing, blocking until no reader or writer holds it.
func (rw *RWMutex) Lock() {
	g := curG()
	r := rw.record()
	if len(g.held) > 0 {
		g.beforeLock(r)
	}
	c := r.op(g, 0)
	if rw.rw.TryLock() {
		r.owner.Store(g.id)
		if fullLog() {
			r.event(g, "lock", 0)
		}
	} else {
		w := r.beginWait(g, "lock", 1, false)
		rw.rw.Lock()
		wait := r.endWait(w, true, func() { r.owner.Store(g.id) })
		c.contended.Add(1)
		c.addWait(wait)
	}
	rw.locked(g, r, c)
}

// TryLock tries to lock rw for writing and reports whether it succeeded.
func (rw *RWMutex) TryLock() bool {
	g := curG()
	r := rw.record()
	g.pruneHeld()
	c := r.op(g, 0)
	if !rw.rw.TryLock() {
		c.failed.Add(1)
		return false
	}
	r.owner.Store(g.id)
	if fullLog() {
		r.event(g, "lock", 0)
	}
	rw.locked(g, r, c)
	return true
}

func (rw *RWMutex) locked(g *gInfo, r *record, c *opCounters) {
	if n := c.count.Add(1); timeHold(n) {
		rw.holdStart, rw.holdOp = now(), c
	}
	g.pushHeld(r, false)
}

// Unlock unlocks rw for writing. It panics if rw is not locked for
// writing on entry (sync.RWMutex ends the program instead).
func (rw *RWMutex) Unlock() {
	r := rw.rec.Load()
	if r == nil || r.ownerID() == 0 {
		panic("instrument: unlock of unlocked RWMutex " + rw.Name())
	}
	start, c := rw.holdStart, rw.holdOp
	rw.holdStart, rw.holdOp = 0, nil
	r.owner.Store(0)
	if fullLog() || r.nwait.Load() > 0 {
		r.event(curG(), "unlock", 0)
	}
	rw.rw.Unlock()
	if start != 0 {
		c.addHold(now() - start)
	}
}

// RLock locks rw for reading. It blocks while a writer holds rw or waits
// for it.
func (rw *RWMutex) RLock() {
	g := curG()
	r := rw.record()
	if len(g.held) > 0 {
		g.beforeLock(r)
	}
	c := r.op(g, 1)
	if rw.rw.TryRLock() {
		rw.readers.add(g.id)
		if fullLog() {
			r.event(g, "rlock", 0)
		}
	} else {
		w := r.beginWait(g, "rlock", 1, false)
		rw.rw.RLock()
		wait := r.endWait(w, true, func() { rw.readers.add(g.id) })
		c.contended.Add(1)
		c.addWait(wait)
	}
	c.count.Add(1)
	g.pushHeld(r, true)
}

// TryRLock tries to lock rw for reading and reports whether it succeeded.
func (rw *RWMutex) TryRLock() bool {
	g := curG()
	r := rw.record()
	g.pruneHeld()
	c := r.op(g, 1)
	if !rw.rw.TryRLock() {
		c.failed.Add(1)
		return false
	}
	rw.readers.add(g.id)
	if fullLog() {
		r.event(g, "rlock", 0)
	}
	c.count.Add(1)
	g.pushHeld(r, true)
	return true
}

// RUnlock undoes a single RLock call. It panics if rw is not locked for
// reading on entry (sync.RWMutex ends the program instead).
func (rw *RWMutex) RUnlock() {
	r := rw.rec.Load()
	if r == nil || rw.readers.empty() {
		panic("instrument: RUnlock of unlocked RWMutex " + rw.Name())
	}
	g := curG()
	rw.readers.remove(g.id)
	if fullLog() || r.nwait.Load() > 0 {
		r.event(g, "runlock", 0)
	}
	rw.rw.RUnlock()
}

// RLocker returns a sync.Locker whose Lock and Unlock call rw.RLock and
// rw.RUnlock.
func (rw *RWMutex) RLocker() sync.Locker { return rlocker{rw} }

type rlocker struct{ rw *RWMutex }

func (l rlocker) Lock()   { l.rw.RLock() }
func (l rlocker) Unlock() { l.rw.RUnlock() }

// Stats returns a snapshot of rw's counters and state.
func (rw *RWMutex) Stats() Stats { return rw.record().snapshot() }

// Log returns rw's last LogSize log entries, oldest first.
func (rw *RWMutex) Log() []LogEntry { return rw.record().logEntries() }

// readerSet names up to len(slots) goroutines holding read locks, without
// a lock: each slot holds a goroutine id or 0.
type readerSet struct {
	slots    [8]atomic.Int64
	overflow atomic.Int64 // readers that found no free slot
}

func (s *readerSet) add(id int64) {
	for i := range s.slots {
		if s.slots[(int(id)+i)%len(s.slots)].CompareAndSwap(0, id) {
			return
		}
	}
	s.overflow.Add(1)
}

// remove forgets one read lock of goroutine id, or, if id holds none (the
// lock was taken by another goroutine), one unnamed or other read lock.
func (s *readerSet) remove(id int64) {
	for i := range s.slots {
		if s.slots[i].Load() == id && s.slots[i].CompareAndSwap(id, 0) {
			return
		}
	}
	for {
		o := s.overflow.Load()
		if o == 0 {
			break
		}
		if s.overflow.CompareAndSwap(o, o-1) {
			return
		}
	}
	for i := range s.slots {
		if v := s.slots[i].Load(); v != 0 && s.slots[i].CompareAndSwap(v, 0) {
			return
		}
	}
}

func (s *readerSet) empty() bool {
	ids, unnamed := s.ids()
	return len(ids) == 0 && !unnamed
}

func (s *readerSet) has(id int64) bool {
	for i := range s.slots {
		if s.slots[i].Load() == id {
			return true
		}
	}
	return false
}

// ids returns the named readers and whether some readers are unnamed.
func (s *readerSet) ids() (ids []int64, unnamed bool) {
	for i := range s.slots {
		if v := s.slots[i].Load(); v != 0 {
			ids = append(ids, v)
		}
	}
	return ids, s.overflow.Load() > 0
}
