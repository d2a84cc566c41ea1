// Package cellrt is the run-time support that rewritten cells call.
//
// The cell front end turns every go statement of a cell into a call to Go,
// so that the kernel knows which cell started each goroutine, can count the
// ones still running, and can recover their panics instead of letting them
// end the kernel process. Cells import it under the name _goconc; users do
// not call it directly.
package cellrt

import (
	"fmt"
	"os"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// Tracker is told about the goroutines that cells start. The kernel installs
// one with SetTracker.
type Tracker interface {
	// Spawn is called by the goroutine executing the go statement; what it
	// returns (for the kernel: the cell that owns the new goroutine) is
	// passed to Enter and Exit.
	Spawn() any
	// Enter is called in the new goroutine before the function runs.
	Enter(owner any)
	// Exit is called in the new goroutine when the function has returned
	// or panicked; p is the recovered panic value (nil if none) and stack
	// the goroutine's stack at the panic.
	Exit(owner any, p any, stack []byte)
}

var (
	trackerMu sync.RWMutex // guards tracker
	tracker   Tracker
	running   atomic.Int64
)

// SetTracker installs t and returns the previous tracker.
func SetTracker(t Tracker) Tracker {
	trackerMu.Lock()
	defer trackerMu.Unlock()
	old := tracker
	tracker = t
	return old
}

func currentTracker() Tracker {
	trackerMu.RLock()
	defer trackerMu.RUnlock()
	return tracker
}

// Go runs f in a new goroutine, as the statement "go f()" does. A panic in
// f is recovered and reported to the Tracker instead of ending the process.
func Go(f func()) {
	t := currentTracker()
	var owner any
	if t != nil {
		owner = t.Spawn()
	}
	running.Add(1)
	go func() {
		if t != nil {
			t.Enter(owner)
		}
		defer func() {
			p := recover()
			var stack []byte
			if p != nil {
				stack = debug.Stack()
			}
			running.Add(-1)
			if t != nil {
				t.Exit(owner, p, stack)
			} else if p != nil {
				fmt.Fprintf(os.Stderr, "panic in goroutine: %v\n%s", p, stack)
			}
		}()
		f()
	}()
}

// Running returns how many goroutines started through Go are still running.
func Running() int { return int(running.Load()) }
