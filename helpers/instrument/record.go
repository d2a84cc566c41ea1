package instrument

import (
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
	"weak"
)

// epoch is the origin of the package's clock (Now, LogEntry.At).
var epoch = time.Now()

// Now returns the time elapsed since the package was initialised, on the
// monotonic clock that LogEntry.At and Waiter.Since use.
func Now() time.Duration { return time.Duration(now()) }

func now() int64 { return int64(time.Since(epoch)) }

// kind describes one type of primitive: its name and the operations it
// keeps counters for (index 0 is the main one).
type kind struct {
	name string
	ops  []string
}

// maxOps is the largest number of counted operations of any kind.
const maxOps = 3

var (
	kindMutex     = &kind{"Mutex", []string{"lock"}}
	kindRWMutex   = &kind{"RWMutex", []string{"lock", "rlock"}}
	kindSemaphore = &kind{"Semaphore", []string{"acquire"}}
	kindEvent     = &kind{"Event", []string{"wait", "set"}}
	kindBarrier   = &kind{"Barrier", []string{"wait"}}
	kindCond      = &kind{"Cond", []string{"wait", "signal", "broadcast"}}
	kindQueue     = &kind{"Queue", []string{"put", "get"}}
)

// opCounters counts one operation for one label. Waits are timed only when
// the operation had to block; the zero waits of the others are counted as
// count - contended when the stats are read.
type opCounters struct {
	count     atomic.Int64 // completed operations
	contended atomic.Int64 // completed operations that blocked first
	failed    atomic.Int64 // operations given up (TryLock false, timeout, cancel)
	wait      atomic.Pointer[histogram]
	hold      atomic.Pointer[histogram]
}

func (c *opCounters) addWait(d int64) { lazyHist(&c.wait).add(d) }
func (c *opCounters) addHold(d int64) { lazyHist(&c.hold).add(d) }

func lazyHist(p *atomic.Pointer[histogram]) *histogram {
	if h := p.Load(); h != nil {
		return h
	}
	p.CompareAndSwap(nil, new(histogram))
	return p.Load()
}

// labelStats holds one primitive's counters for one goroutine label.
type labelStats struct {
	label int
	ops   [maxOps]opCounters
}

// record is the instrumentation state of one primitive. Primitives create
// it on first use, so that their zero values work; the registry holds it
// weakly, so a primitive that is no longer referenced is collected.
type record struct {
	id   uint64
	kind *kind
	name atomic.Pointer[string]

	// stats is indexed by label id. It is replaced, never modified, under
	// mu, so the hot path reads it with one atomic load.
	stats atomic.Pointer[[]*labelStats]

	nwait atomic.Int32 // len(waiters), readable without mu
	// owner is the goroutine holding it exclusively (Mutex, RWMutex), or
	// 0; for a Mutex it is the lock's state word, with flags above
	// ownerMask.
	owner     atomic.Int64
	handoffTo atomic.Int64  // Mutex: the starving waiter Unlock hands the lock to
	wake      chan struct{} // Mutex: wakes the parked waiter; fixed at creation
	readers   *readerSet    // RWMutex only: goroutines holding a read lock
	level     atomic.Int64  // queue length, permits held, parties waiting
	maxLevel  atomic.Int64
	capacity  int64 // queue bound, semaphore size, barrier parties; fixed at creation

	mu      sync.Mutex // guards following
	waiters []*waiter
	holders map[int64]int64 // Semaphore: permits held by goroutine
	held    int64           // Semaphore: sum of holders
	transit int64           // Semaphore: permits granted to waiters not yet awake
	// signalling is set when a Semaphore is released by a goroutine that
	// holds no permit: it is used as a signal, so its holders do not tell
	// who could wake its waiters, and the deadlock detector ignores it.
	signalling bool
	log        ring
}

var nextRecordID atomic.Uint64

// initRecord returns the record *p points to, creating and registering it
// if it is nil; setup, if not nil, completes a new record before it is
// published. Primitives call it on every operation, so that their zero
// values work.
func initRecord(p *atomic.Pointer[record], k *kind, setup func(*record)) *record {
	if r := p.Load(); r != nil {
		return r
	}
	r := &record{id: nextRecordID.Add(1), kind: k}
	if setup != nil {
		setup(r)
	}
	if p.CompareAndSwap(nil, r) {
		register(r)
		return r
	}
	return p.Load()
}

// nameOf returns the record's name, "Kind#id" unless one was set.
func (r *record) nameOf() string {
	if n := r.name.Load(); n != nil {
		return *n
	}
	return r.kind.name + "#" + strconv.FormatUint(r.id, 10)
}

func (r *record) setName(name string) { r.name.Store(&name) }

// forLabel returns the counters of label id, creating them if needed.
func (r *record) forLabel(id int) *labelStats {
	if p := r.stats.Load(); p != nil && id < len(*p) {
		if s := (*p)[id]; s != nil {
			return s
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	var old []*labelStats
	if p := r.stats.Load(); p != nil {
		old = *p
	}
	if id < len(old) && old[id] != nil {
		return old[id]
	}
	stats := make([]*labelStats, max(len(old), id+1))
	copy(stats, old)
	s := &labelStats{label: id}
	stats[id] = s
	r.stats.Store(&stats)
	return s
}

// op returns the counters of operation op for goroutine g.
func (r *record) op(g *gInfo, op int) *opCounters {
	return &r.forLabel(g.labelID()).ops[op]
}

// ownerID returns the goroutine holding r exclusively, or 0.
func (r *record) ownerID() int64 { return r.owner.Load() & ownerMask }

// setLevel records the current level (queue length, permits held, …).
func (r *record) setLevel(v int64) {
	r.level.Store(v)
	for {
		m := r.maxLevel.Load()
		if v <= m || r.maxLevel.CompareAndSwap(m, v) {
			return
		}
	}
}

// waiter is a goroutine blocked in an operation of a primitive.
type waiter struct {
	g     *gInfo
	op    string
	n     int64  // permits or other amount asked for
	since int64  // now() when it began waiting
	seq   uint64 // unique per wait, to recognise the same wait in two snapshots
	timed bool   // it gives up after a timeout or on cancellation
	// relock is set when the goroutine already held the Mutex it waits
	// for: it waits for itself. Without it, a waiter that has just taken
	// the lock but not yet deregistered would look the same.
	relock bool
}

var nextWaitSeq atomic.Uint64

// beginWait registers g as waiting for op and logs it.
func (r *record) beginWait(g *gInfo, op string, n int64, timed bool) *waiter {
	w := &waiter{g: g, op: op, n: n, since: now(), seq: nextWaitSeq.Add(1), timed: timed}
	r.mu.Lock()
	w.relock = r.kind == kindMutex && r.ownerID() == g.id
	r.waiters = append(r.waiters, w)
	r.nwait.Store(int32(len(r.waiters)))
	r.log.add(rawEntry{at: w.since, g: g.id, label: g.label.Load(), op: op, phase: phaseBlocked, n: n})
	r.mu.Unlock()
	traceAdd(r, g, op, phaseBlocked, 0, n, w.since)
	return w
}

// endWait deregisters w and returns how long it waited. If ok, the
// operation completed and then runs under r.mu, so that snapshots never see
// the goroutine both waiting and holding; otherwise it gave up.
func (r *record) endWait(w *waiter, ok bool, then func()) int64 {
	t := now()
	wait := t - w.since
	ph := phaseDone
	if !ok {
		ph = phaseFailed
	}
	r.mu.Lock()
	if i := slices.Index(r.waiters, w); i >= 0 {
		r.waiters = slices.Delete(r.waiters, i, i+1)
		r.nwait.Store(int32(len(r.waiters)))
	}
	if then != nil {
		then()
	}
	r.log.add(rawEntry{at: t, g: w.g.id, label: w.g.label.Load(), op: w.op, phase: ph, wait: wait, n: w.n})
	r.mu.Unlock()
	traceAdd(r, w.g, w.op, ph, wait, w.n, t)
	return wait
}

// event logs an operation that did not wait. Operations on the fast path
// call it only when fullLog() is true; the others always do.
func (r *record) event(g *gInfo, op string, n int64) {
	t := now()
	r.mu.Lock()
	r.log.add(rawEntry{at: t, g: g.id, label: g.label.Load(), op: op, phase: phaseDone, n: n})
	r.mu.Unlock()
	traceAdd(r, g, op, phaseDone, 0, n, t)
}

// registry holds every live record weakly.
var registry struct {
	mu   sync.Mutex // guards following
	recs []weak.Pointer[record]
	live int // live records at the last compaction
}

func register(r *record) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	if len(registry.recs) > 2*registry.live+64 {
		registry.recs = slices.DeleteFunc(registry.recs, func(p weak.Pointer[record]) bool { return p.Value() == nil })
		registry.live = len(registry.recs)
	}
	registry.recs = append(registry.recs, weak.Make(r))
}

// allRecords returns the live records in creation order.
func allRecords() []*record {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	out := make([]*record, 0, len(registry.recs))
	for _, p := range registry.recs {
		if r := p.Value(); r != nil {
			out = append(out, r)
		}
	}
	return out
}
