package instrument

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// Order is the order in which a Queue hands out its items.
type Order int

const (
	FIFO     Order = iota // first in, first out
	LIFO                  // last in, first out: a stack
	Priority              // lowest priority number first; equal numbers first in, first out
)

// String returns "FIFO", "LIFO" or "Priority".
func (o Order) String() string {
	switch o {
	case FIFO:
		return "FIFO"
	case LIFO:
		return "LIFO"
	case Priority:
		return "Priority"
	}
	return fmt.Sprintf("Order(%d)", int(o))
}

// ErrClosed is returned (wrapped) by GetContext on a closed, drained queue.
var ErrClosed = errors.New("queue closed")

// A Queue passes items between goroutines, like Python's queue.Queue,
// LifoQueue and PriorityQueue: Put adds an item, blocking while a bounded
// queue is full; Get removes one, blocking while the queue is empty. Items
// are of any type; a Priority queue orders them by the number given to
// PutPriority (Put uses 0).
//
// Close tells consumers that no more items will come: Get then drains the
// queue and reports ok == false once it is empty. Putting into a closed
// queue panics, as sending on a closed channel does.
//
// A Queue records puts and gets per goroutine label, how many had to wait
// (full or empty queue), waiting times, its current and highest length and
// who waits.
//
// Use NewQueue; the zero value is an unbounded FIFO queue named "Queue#N".
// A Queue must not be copied after first use.
type Queue struct {
	mu       sync.Mutex // guards following
	order    Order
	capacity int // 0: unbounded
	items    itemHeap
	seq      uint64        // arrival counter, orders equal priorities
	closed   bool          // no more puts
	notEmpty chan struct{} // closed when an item arrives or the queue closes; nil if no getter waits
	notFull  chan struct{} // closed when an item leaves or the queue closes; nil if no putter waits

	rec atomic.Pointer[record]
}

// NewQueue returns an empty queue with the given name, order and capacity;
// capacity <= 0 means unbounded.
func NewQueue(name string, order Order, capacity int) *Queue {
	q := &Queue{order: order, capacity: max(capacity, 0)}
	q.items.priority = order == Priority
	initRecord(&q.rec, kindQueue, func(r *record) { r.capacity = int64(q.capacity) })
	q.SetName(name)
	return q
}

func (q *Queue) record() *record { return initRecord(&q.rec, kindQueue, nil) }

// SetName names the queue in stats, logs and reports.
func (q *Queue) SetName(name string) { q.record().setName(name) }

// Name returns the queue's name.
func (q *Queue) Name() string { return q.record().nameOf() }

// Put adds v, waiting while the queue is full.
func (q *Queue) Put(v any) { _ = q.put(context.Background(), 0, v, false) }

// PutPriority adds v with the given priority (lowest first), waiting while
// the queue is full. In FIFO and LIFO queues the priority is ignored.
func (q *Queue) PutPriority(priority int, v any) {
	_ = q.put(context.Background(), priority, v, false)
}

// TryPut adds v if there is room now, and reports whether it did.
func (q *Queue) TryPut(v any) bool { return q.put(nil, 0, v, true) == nil }

// PutTimeout adds v, waiting at most d for room, and reports whether it did.
func (q *Queue) PutTimeout(v any, d time.Duration) bool {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return q.put(ctx, 0, v, true) == nil
}

// PutContext adds v, waiting for room until ctx is done; it then returns
// an error wrapping ctx.Err().
func (q *Queue) PutContext(ctx context.Context, v any) error { return q.put(ctx, 0, v, true) }

// put adds v, waiting for room until ctx is done (nil: do not wait).
func (q *Queue) put(ctx context.Context, priority int, v any, timed bool) error {
	g := curG()
	r := q.record()
	c := r.op(g, 0)
	q.mu.Lock()
	var w *waiter
	for q.full() && !q.closed {
		if ctx == nil {
			q.mu.Unlock()
			c.failed.Add(1)
			return fmt.Errorf("put on queue %q: full", r.nameOf())
		}
		if w == nil {
			w = r.beginWait(g, "put", int64(priority), timed)
		}
		if q.notFull == nil {
			q.notFull = make(chan struct{})
		}
		ch := q.notFull
		q.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			r.endWait(w, false, nil)
			c.failed.Add(1)
			return fmt.Errorf("put on queue %q: %w", r.nameOf(), ctx.Err())
		}
		q.mu.Lock()
	}
	if q.closed {
		q.mu.Unlock()
		if w != nil {
			r.endWait(w, false, nil)
		}
		panic("instrument: put on closed queue " + r.nameOf())
	}
	q.seq++
	heap.Push(&q.items, item{v: v, priority: priority, seq: q.key()})
	r.setLevel(int64(len(q.items.items)))
	woke := wake(&q.notEmpty)
	q.mu.Unlock()
	q.done(g, r, c, w, "put", int64(priority), woke)
	return nil
}

// Get removes and returns the next item, waiting while the queue is empty.
// ok is false if the queue is closed and empty.
func (q *Queue) Get() (v any, ok bool) {
	v, err := q.get(context.Background(), false)
	return v, err == nil
}

// TryGet removes and returns the next item if there is one now.
func (q *Queue) TryGet() (v any, ok bool) {
	v, err := q.get(nil, true)
	return v, err == nil
}

// GetTimeout removes and returns the next item, waiting at most d for one.
// ok is false if none came or the queue is closed and empty.
func (q *Queue) GetTimeout(d time.Duration) (v any, ok bool) {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	v, err := q.get(ctx, true)
	return v, err == nil
}

// GetContext removes and returns the next item, waiting for one until ctx
// is done. The error wraps ctx.Err(), or ErrClosed if the queue is closed
// and empty.
func (q *Queue) GetContext(ctx context.Context) (any, error) { return q.get(ctx, true) }

// get removes the next item, waiting for one until ctx is done (nil: do not
// wait).
func (q *Queue) get(ctx context.Context, timed bool) (any, error) {
	g := curG()
	r := q.record()
	c := r.op(g, 1)
	q.mu.Lock()
	var w *waiter
	for len(q.items.items) == 0 {
		if q.closed || ctx == nil {
			q.mu.Unlock()
			if w != nil {
				r.endWait(w, false, nil)
			}
			c.failed.Add(1)
			if q.closed {
				return nil, fmt.Errorf("get from queue %q: %w", r.nameOf(), ErrClosed)
			}
			return nil, fmt.Errorf("get from queue %q: empty", r.nameOf())
		}
		if w == nil {
			w = r.beginWait(g, "get", 0, timed)
		}
		if q.notEmpty == nil {
			q.notEmpty = make(chan struct{})
		}
		ch := q.notEmpty
		q.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			r.endWait(w, false, nil)
			c.failed.Add(1)
			return nil, fmt.Errorf("get from queue %q: %w", r.nameOf(), ctx.Err())
		}
		q.mu.Lock()
	}
	it := heap.Pop(&q.items).(item)
	r.setLevel(int64(len(q.items.items)))
	woke := wake(&q.notFull)
	q.mu.Unlock()
	q.done(g, r, c, w, "get", int64(it.priority), woke)
	return it.v, nil
}

// done records a completed put or get.
func (q *Queue) done(g *gInfo, r *record, c *opCounters, w *waiter, op string, n int64, woke bool) {
	c.count.Add(1)
	if w != nil {
		c.contended.Add(1)
		c.addWait(r.endWait(w, true, nil))
	} else if woke || fullLog() {
		r.event(g, op, n)
	}
}

// full reports whether a bounded queue has no room. q.mu is held.
func (q *Queue) full() bool { return q.capacity > 0 && len(q.items.items) >= q.capacity }

// key returns the ordering key of the item being added: arrival order for
// FIFO, reverse arrival order for LIFO. q.mu is held.
func (q *Queue) key() int64 {
	if q.order == LIFO {
		return -int64(q.seq)
	}
	return int64(q.seq)
}

// wake closes *ch, if a waiter made it, and reports whether it did.
func wake(ch *chan struct{}) bool {
	if *ch == nil {
		return false
	}
	close(*ch)
	*ch = nil
	return true
}

// Close marks the queue closed: waiting putters panic, getters drain the
// remaining items and then get ok == false. Closing twice panics.
func (q *Queue) Close() {
	g := curG()
	r := q.record()
	q.mu.Lock()
	if q.closed {
		q.mu.Unlock()
		panic("instrument: close of closed queue " + r.nameOf())
	}
	q.closed = true
	wake(&q.notEmpty)
	wake(&q.notFull)
	q.mu.Unlock()
	r.event(g, "close", 0)
}

// Len returns the number of items in the queue.
func (q *Queue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.items.items)
}

// Cap returns the queue's capacity, 0 if unbounded.
func (q *Queue) Cap() int { return q.capacity }

// Order returns the order in which the queue hands out items.
func (q *Queue) Order() Order { return q.order }

// Stats returns a snapshot of q's counters and state. Len, MaxLen and Cap
// count items.
func (q *Queue) Stats() Stats { return q.record().snapshot() }

// Log returns q's last LogSize log entries, oldest first; N is the item's
// priority.
func (q *Queue) Log() []LogEntry { return q.record().logEntries() }

// item is a queued value. Items are ordered by priority and then seq; FIFO
// and LIFO queues leave the priority at 0 and order by seq alone.
type item struct {
	v        any
	priority int
	seq      int64
}

// itemHeap is a min-heap of items, for container/heap.
type itemHeap struct {
	items    []item
	priority bool // compare priorities (Priority order)
}

func (h *itemHeap) Len() int { return len(h.items) }
func (h *itemHeap) Less(i, j int) bool {
	a, b := &h.items[i], &h.items[j]
	if h.priority && a.priority != b.priority {
		return a.priority < b.priority
	}
	return a.seq < b.seq
}
func (h *itemHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *itemHeap) Push(x any)    { h.items = append(h.items, x.(item)) }
func (h *itemHeap) Pop() any {
	n := len(h.items) - 1
	it := h.items[n]
	h.items[n] = item{}
	h.items = h.items[:n]
	return it
}
