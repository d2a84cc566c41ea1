package instrument

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// An Event is a flag that goroutines can wait for, like Python's
// threading.Event: Set raises it and wakes every waiter, Clear lowers it,
// and Wait returns at once while it is raised. In Go the one-shot version
// is a channel that is closed; an Event can be cleared and set again.
//
// It records waits (and contended ones: those that found the flag down)
// and sets per goroutine label, waiting times and current waiters.
//
// The zero value is a lowered event named "Event#N". An Event must not be
// copied after first use.
type Event struct {
	mu  sync.Mutex    // guards following
	set bool          // the flag
	ch  chan struct{} // closed by Set; nil until a waiter needs it

	rec atomic.Pointer[record]
}

// NewEvent returns a lowered Event with the given name.
func NewEvent(name string) *Event {
	e := new(Event)
	e.SetName(name)
	return e
}

func (e *Event) record() *record { return initRecord(&e.rec, kindEvent, nil) }

// SetName names the event in stats, logs and reports.
func (e *Event) SetName(name string) { e.record().setName(name) }

// Name returns the event's name.
func (e *Event) Name() string { return e.record().nameOf() }

// Set raises the flag and wakes all waiters.
func (e *Event) Set() {
	g := curG()
	r := e.record()
	e.mu.Lock()
	if !e.set {
		e.set = true
		if e.ch != nil {
			close(e.ch)
			e.ch = nil
		}
	}
	e.mu.Unlock()
	r.op(g, 1).count.Add(1)
	r.event(g, "set", 0)
}

// Clear lowers the flag.
func (e *Event) Clear() {
	g := curG()
	r := e.record()
	e.mu.Lock()
	e.set = false
	e.mu.Unlock()
	r.event(g, "clear", 0)
}

// IsSet reports whether the flag is raised.
func (e *Event) IsSet() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.set
}

// Wait blocks until the flag is raised.
func (e *Event) Wait() { _ = e.wait(context.Background(), false) }

// WaitTimeout waits at most d for the flag and reports whether it was
// raised.
func (e *Event) WaitTimeout(d time.Duration) bool {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return e.wait(ctx, true) == nil
}

// WaitContext waits for the flag until ctx is done; it then returns an
// error wrapping ctx.Err().
func (e *Event) WaitContext(ctx context.Context) error { return e.wait(ctx, true) }

// wait blocks until the flag is raised or ctx is done. timed tells the
// deadlock detector the wait may end by itself.
func (e *Event) wait(ctx context.Context, timed bool) error {
	g := curG()
	r := e.record()
	c := r.op(g, 0)
	e.mu.Lock()
	if e.set {
		e.mu.Unlock()
		c.count.Add(1)
		if fullLog() {
			r.event(g, "wait", 0)
		}
		return nil
	}
	if e.ch == nil {
		e.ch = make(chan struct{})
	}
	ch := e.ch
	w := r.beginWait(g, "wait", 0, timed)
	e.mu.Unlock()
	select {
	case <-ch:
	case <-ctx.Done():
		select {
		case <-ch: // raised just as ctx ended
		default:
			r.endWait(w, false, nil)
			c.failed.Add(1)
			return fmt.Errorf("wait for event %q: %w", r.nameOf(), ctx.Err())
		}
	}
	wait := r.endWait(w, true, nil)
	c.contended.Add(1)
	c.count.Add(1)
	c.addWait(wait)
	return nil
}

// Stats returns a snapshot of e's counters and state.
func (e *Event) Stats() Stats { return e.record().snapshot() }

// Log returns e's last LogSize log entries, oldest first.
func (e *Event) Log() []LogEntry { return e.record().logEntries() }
