package kerneltest

import (
	"context"
	"fmt"
	"sync"

	"github.com/goconc/goconc/kernel/wire"
)

// item is one received message, or the error met decoding one.
type item struct {
	msg wire.Message
	err error
}

// inbox is an unbounded queue of received messages that callers can wait
// on selectively. Being unbounded, it never pushes back on the kernel: a
// test that ignores IOPub cannot stall the kernel's publisher.
type inbox struct {
	name string

	mu      sync.Mutex
	items   []item
	closed  bool
	changed chan struct{} // closed and replaced whenever items or closed change
}

func newInbox(name string) *inbox {
	return &inbox{name: name, changed: make(chan struct{})}
}

func (in *inbox) put(it item) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.closed {
		return
	}
	in.items = append(in.items, it)
	close(in.changed)
	in.changed = make(chan struct{})
}

func (in *inbox) close() {
	in.mu.Lock()
	defer in.mu.Unlock()
	if !in.closed {
		in.closed = true
		close(in.changed)
	}
}

// take removes and returns the oldest message for which match reports
// true, waiting for one until ctx is done. A queued decode error is
// returned (and removed) before any message behind it. Messages that do
// not match stay queued in order.
func (in *inbox) take(ctx context.Context, match func(wire.Message) bool) (wire.Message, error) {
	for {
		in.mu.Lock()
		for i, it := range in.items {
			if it.err != nil || match(it.msg) {
				in.items = append(in.items[:i:i], in.items[i+1:]...)
				in.mu.Unlock()
				return it.msg, it.err
			}
		}
		closed, changed := in.closed, in.changed
		in.mu.Unlock()
		if closed {
			return wire.Message{}, fmt.Errorf("kerneltest: %s: %w", in.name, ErrClosed)
		}
		select {
		case <-ctx.Done():
			return wire.Message{}, fmt.Errorf("kerneltest: waiting on %s: %w", in.name, ctx.Err())
		case <-changed:
		}
	}
}

// purge removes every queued message for which match reports true.
func (in *inbox) purge(match func(wire.Message) bool) {
	in.mu.Lock()
	defer in.mu.Unlock()
	kept := in.items[:0]
	for _, it := range in.items {
		if it.err != nil || !match(it.msg) {
			kept = append(kept, it)
		}
	}
	clear(in.items[len(kept):])
	in.items = kept
}

// matchAll matches every message.
func matchAll(wire.Message) bool { return true }

// childOf matches messages whose parent is the message with id msgID.
func childOf(msgID string) func(wire.Message) bool {
	return func(m wire.Message) bool { return m.Parent.MsgID == msgID }
}
