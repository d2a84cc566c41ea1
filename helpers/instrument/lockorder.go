package instrument

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Lock-order checking, in the manner of the Linux kernel's lockdep: every
// time a goroutine that holds lock A goes on to lock B, the pair A→B is
// remembered. Once both A→B and B→A have been seen, two goroutines can
// deadlock by taking A and B in opposite orders, even if this run was
// lucky and did not. Mutex and RWMutex (both modes) take part; TryLock
// does not add pairs, since it cannot block.

// Inversion reports two locks that were taken in both orders.
type Inversion struct {
	First    string    `json:"first"`  // the lock of the order seen first
	Second   string    `json:"second"` // the other lock
	Forward  OrderSeen `json:"forward"`
	Backward OrderSeen `json:"backward"`
}

// OrderSeen tells who took two locks in one order: Forward is First then
// Second, Backward is Second then First.
type OrderSeen struct {
	Goroutines []string `json:"goroutines"` // labels, or "goroutine N"; at most 8
	Count      int64    `json:"count"`
}

// String describes the inversion in one sentence.
func (inv Inversion) String() string {
	return fmt.Sprintf("lock order inversion: %q then %q (%s) but %q then %q (%s)",
		inv.First, inv.Second, inv.Forward.describe(), inv.Second, inv.First, inv.Backward.describe())
}

func (o OrderSeen) describe() string {
	times := "times"
	if o.Count == 1 {
		times = "time"
	}
	return fmt.Sprintf("by %s, %d %s", strings.Join(o.Goroutines, ", "), o.Count, times)
}

// heldLock is a lock a goroutine took, as noted in its gInfo.held.
type heldLock struct {
	rec  *record
	read bool
}

// stillHeld reports whether goroutine id still holds h. Locks may be
// released by another goroutine, so entries are checked rather than
// trusted.
func (h heldLock) stillHeld(id int64) bool {
	if h.read {
		return h.rec.readers.has(id)
	}
	return h.rec.ownerID() == id
}

// pruneHeld drops the entries of locks g no longer holds. It runs on
// every Lock, so it avoids calls: usually it drops the one lock released
// since the last Lock.
func (g *gInfo) pruneHeld() {
	n := 0
	for i := range g.held {
		if g.held[i].stillHeld(g.id) {
			if n != i {
				g.held[n] = g.held[i]
			}
			n++
		}
	}
	for i := n; i < len(g.held); i++ {
		g.held[i] = heldLock{} // do not keep the record alive
	}
	g.held = g.held[:n]
}

// beforeLock is called by g before it may block acquiring r: it records
// the order of r after each lock g holds.
func (g *gInfo) beforeLock(r *record) {
	g.pruneHeld()
	for _, h := range g.held {
		if h.rec != r {
			notePair(h.rec, r, g)
		}
	}
}

// pushHeld notes that g now holds r. Callers that did not call
// beforeLock (TryLock) prune first, so that the list stays short.
func (g *gInfo) pushHeld(r *record, read bool) {
	g.held = append(g.held, heldLock{rec: r, read: read})
}

type pairKey struct{ first, second uint64 }

// pairInfo is one lock order seen.
type pairInfo struct {
	first, second string // lock names when first seen
	count         atomic.Int64
	goroutines    atomic.Pointer[[]string] // copy-on-write, under mu
	mu            sync.Mutex
}

func (p *pairInfo) seenBy(name string) {
	if gs := p.goroutines.Load(); gs != nil && (slices.Contains(*gs, name) || len(*gs) >= 8) {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	var gs []string
	if old := p.goroutines.Load(); old != nil {
		gs = *old
	}
	if slices.Contains(gs, name) || len(gs) >= 8 {
		return
	}
	gs = append(slices.Clone(gs), name)
	p.goroutines.Store(&gs)
}

func (p *pairInfo) seen() OrderSeen {
	o := OrderSeen{Count: p.count.Load()}
	if gs := p.goroutines.Load(); gs != nil {
		o.Goroutines = slices.Clone(*gs)
	}
	return o
}

var (
	pairs sync.Map // pairKey -> *pairInfo

	inversionsMu sync.Mutex // guards inversions
	inversions   [][2]*pairInfo
)

// notePair records that g locked second while holding first.
func notePair(first, second *record, g *gInfo) {
	key := pairKey{first.id, second.id}
	v, ok := pairs.Load(key)
	if !ok {
		p := &pairInfo{first: first.nameOf(), second: second.nameOf()}
		v, ok = pairs.LoadOrStore(key, p)
		if !ok {
			if rev, found := pairs.Load(pairKey{second.id, first.id}); found {
				inversionsMu.Lock()
				inversions = append(inversions, [2]*pairInfo{rev.(*pairInfo), p})
				inversionsMu.Unlock()
			}
		}
	}
	p := v.(*pairInfo)
	p.count.Add(1)
	p.seenBy(g.ref().String())
}

// LockOrderInversions returns the pairs of locks that have been taken in
// both orders since the start or the last Reset, in the order found.
func LockOrderInversions() []Inversion {
	inversionsMu.Lock()
	defer inversionsMu.Unlock()
	out := make([]Inversion, 0, len(inversions))
	for _, pr := range inversions {
		out = append(out, Inversion{First: pr[0].first, Second: pr[0].second, Forward: pr[0].seen(), Backward: pr[1].seen()})
	}
	return out
}

func resetLockOrder() {
	inversionsMu.Lock()
	defer inversionsMu.Unlock()
	pairs.Clear()
	inversions = nil
}
