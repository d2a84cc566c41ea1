package instrument

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
)

// A Barrier makes a fixed number of goroutines, its parties, wait for each
// other: each calls Wait, and all return once the last has arrived. It can
// be used again at once (a cyclic or reusable barrier), like Python's
// threading.Barrier.
//
// It records waits per goroutine label, waiting times, the parties waiting
// now (Stats.Len) and its parties (Stats.Cap).
//
// Use NewBarrier: the zero value has no parties and panics on Wait. A
// Barrier must not be copied after first use.
type Barrier struct {
	mu      sync.Mutex    // guards following
	parties int           // fixed by NewBarrier
	arrived int           // parties waiting in the current round
	round   chan struct{} // closed when the current round is complete

	rec atomic.Pointer[record]
}

// NewBarrier returns a barrier for the given number of parties. It panics
// if parties < 1.
func NewBarrier(name string, parties int) *Barrier {
	if parties < 1 {
		panic(fmt.Sprintf("instrument: NewBarrier(%q, %d): parties must be at least 1", name, parties))
	}
	b := &Barrier{parties: parties, round: make(chan struct{})}
	initRecord(&b.rec, kindBarrier, func(r *record) { r.capacity = int64(parties) })
	b.SetName(name)
	return b
}

func (b *Barrier) record() *record { return initRecord(&b.rec, kindBarrier, nil) }

// SetName names the barrier in stats, logs and reports.
func (b *Barrier) SetName(name string) { b.record().setName(name) }

// Name returns the barrier's name.
func (b *Barrier) Name() string { return b.record().nameOf() }

// Parties returns the number of goroutines the barrier waits for.
func (b *Barrier) Parties() int { return b.parties }

// Waiting returns the number of goroutines waiting in the current round.
func (b *Barrier) Waiting() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.arrived
}

// Wait blocks until all parties have called Wait in this round. It returns
// the caller's arrival index, from 0 for the first to Parties()-1 for the
// last, which is the one that releases the others.
func (b *Barrier) Wait() int {
	i, _ := b.wait(context.Background(), false)
	return i
}

// WaitContext is Wait that gives up when ctx is done: the caller then
// leaves the round (the parties that arrived after it see their indexes
// shift down) and gets an error wrapping ctx.Err().
func (b *Barrier) WaitContext(ctx context.Context) (int, error) { return b.wait(ctx, true) }

func (b *Barrier) wait(ctx context.Context, timed bool) (int, error) {
	if b.parties < 1 {
		panic("instrument: Barrier not created with NewBarrier")
	}
	g := curG()
	r := b.record()
	c := r.op(g, 0)
	b.mu.Lock()
	idx := b.arrived
	b.arrived++
	if b.arrived == b.parties {
		close(b.round)
		b.round = make(chan struct{})
		b.arrived = 0
		r.setLevel(0)
		b.mu.Unlock()
		c.count.Add(1)
		r.event(g, "wait", int64(b.parties))
		return idx, nil
	}
	r.setLevel(int64(b.arrived))
	round := b.round
	w := r.beginWait(g, "wait", 0, timed)
	b.mu.Unlock()
	select {
	case <-round:
	case <-ctx.Done():
		b.mu.Lock()
		select {
		case <-round: // completed just as ctx ended
			b.mu.Unlock()
		default:
			b.arrived--
			r.setLevel(int64(b.arrived))
			b.mu.Unlock()
			r.endWait(w, false, nil)
			c.failed.Add(1)
			return 0, fmt.Errorf("wait at barrier %q: %w", r.nameOf(), ctx.Err())
		}
	}
	wait := r.endWait(w, true, nil)
	c.contended.Add(1)
	c.count.Add(1)
	c.addWait(wait)
	return idx, nil
}

// Stats returns a snapshot of b's counters and state.
func (b *Barrier) Stats() Stats { return b.record().snapshot() }

// Log returns b's last LogSize log entries, oldest first.
func (b *Barrier) Log() []LogEntry { return b.record().logEntries() }
