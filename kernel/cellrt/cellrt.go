// Package cellrt is the run-time support that rewritten cells call.
//
// The cell front end turns every go statement of a cell into a call to Go,
// so that the kernel knows which cell started each goroutine, can count the
// ones still running, and can recover their panics instead of letting them
// end the kernel process. Functions that cells pass to compiled code which
// runs them in a goroutine of its own ((*sync.WaitGroup).Go,
// time.AfterFunc) are wrapped by Guard, for the same reasons. Cells import
// it under the name _goconc; users do not call it directly.
//
// Without a tracker (outside the kernel, e.g. in library code that starts
// goroutines running user callbacks) Go and Guard keep Go's semantics
// exactly: a panic in the goroutine ends the process.
package cellrt

import (
	"runtime"
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

// Go runs f in a new goroutine, as the statement "go f()" does. With a
// Tracker installed, the goroutine is reported to it, and a panic in f is
// recovered and reported to it instead of ending the process. Without one,
// Go is exactly "go f()": a panic in f ends the process, as in Go.
func Go(f func()) {
	t := currentTracker()
	if t == nil {
		go f()
		return
	}
	owner := t.Spawn()
	running.Add(1)
	go func() {
		t.Enter(owner)
		defer exit(t, owner)
		f()
	}()
}

// exit reports the end of a tracked call to t; deferred, it recovers the
// call's panic.
func exit(t Tracker, owner any) {
	p := recover()
	var stack []byte
	if p != nil {
		stack = debug.Stack()
	}
	running.Add(-1)
	t.Exit(owner, p, stack)
}

// Guard returns a function that calls f in the goroutine that calls it,
// for compiled code that runs f in a goroutine of its own (the front end
// wraps the function arguments of (*sync.WaitGroup).Go and time.AfterFunc).
//
// With a Tracker installed, the goroutine is reported to it as one that
// the caller of Guard started: Guard calls Spawn (in its caller's
// goroutine, so that the output and panics of f go to the cell that
// created the function), and the returned function calls Enter and Exit
// around f, recovering a panic of f and reporting it to Exit instead of
// ending the process, as Go does. A function that is dropped without being
// called (a stopped timer) is reported to Exit when it is garbage
// collected; one called again (a timer reset after it fired) is reported
// as a new goroutine of the same owner each time.
//
// Without a Tracker, Guard returns f: a panic ends the process, as in Go.
func Guard(f func()) func() {
	g := newGuard(f)
	if g == nil {
		return f
	}
	return g.call
}

// GuardErr is Guard for functions that return an error, such as those
// (*errgroup.Group).Go and TryGo run. The function it returns returns
// f's error, or nil when f panicked (the panic is reported to the
// Tracker's Exit).
func GuardErr(f func() error) func() error {
	g := newGuard(nil)
	if g == nil {
		return f
	}
	return func() (err error) {
		g.run(func() { err = f() })
		return err
	}
}

// GuardResult is Guard for functions that return a value and an error,
// such as the one (*singleflight.Group).DoChan runs. The function it
// returns returns f's results, or zero values when f panicked (the panic
// is reported to the Tracker's Exit).
func GuardResult(f func() (any, error)) func() (any, error) {
	g := newGuard(nil)
	if g == nil {
		return f
	}
	return func() (v any, err error) {
		g.run(func() { v, err = f() })
		return v, err
	}
}

// newGuard returns a guard of f owned by the caller's cell, or nil without
// a Tracker.
func newGuard(f func()) *guard {
	t := currentTracker()
	if t == nil {
		return nil
	}
	owner := t.Spawn()
	g := &guard{t: t, owner: owner, f: f, state: new(atomic.Bool)}
	runtime.AddCleanup(g, release, guardEnd{t, owner, g.state})
	return g
}

// guard is a function made by Guard.
type guard struct {
	t     Tracker
	owner any
	f     func()       // nil for GuardErr and GuardResult, which pass their call to run
	state *atomic.Bool // set once the owner given by Spawn has been used
}

// guardEnd is what the cleanup of an uncalled guard needs (not the guard).
type guardEnd struct {
	t     Tracker
	owner any
	used  *atomic.Bool
}

// release ends the goroutine that Guard reported for a function that was
// never called.
func release(e guardEnd) {
	if e.used.CompareAndSwap(false, true) {
		e.t.Enter(e.owner)
		e.t.Exit(e.owner, nil, nil)
	}
}

func (g *guard) call() { g.run(g.f) }

// run calls f as the guarded goroutine: its output goes to the owner's
// cell and its panic to the Tracker's Exit.
func (g *guard) run(f func()) {
	owner := g.owner
	if !g.state.CompareAndSwap(false, true) {
		// Called again: Spawn once more, as a goroutine of the owner.
		g.t.Enter(owner)
		owner = g.t.Spawn()
	}
	running.Add(1)
	g.t.Enter(owner)
	defer exit(g.t, owner)
	f()
}

// Running returns how many goroutines started through Go, or running a
// function made by Guard, are still running while a Tracker is installed.
func Running() int { return int(running.Load()) }

// Counter is implemented by a Tracker that counts the goroutines cells
// started that have not ended.
type Counter interface {
	Running() int
}

// NumGoroutine is runtime.NumGoroutine as a notebook program sees it: with
// a Tracker that is a Counter, the goroutine running the cell plus the
// goroutines that cells started and the tracker counts, not the kernel's
// own. Goroutines that compiled packages start for themselves (an
// http.Server's connections) are not counted. Without one, it is
// runtime.NumGoroutine.
func NumGoroutine() int {
	if c, ok := currentTracker().(Counter); ok {
		return 1 + c.Running()
	}
	return runtime.NumGoroutine()
}

// shiftSink keeps ShiftCount's shift from being optimised away.
var shiftSink int64

// ShiftCount returns n as a shift count, panicking as Go does (a
// runtime.Error, "negative shift amount") when n is negative: yaegi shifts
// by a negative count without panicking.
func ShiftCount(n int64) uint64 {
	if n < 0 {
		shiftSink = 1 << n // panics: negative shift amount
	}
	return uint64(n)
}
