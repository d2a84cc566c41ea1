package interp

// goconc patch (see PATCHES.md): hooks that let the embedder notice what
// Go's runtime would report as a fatal error. Interpreted code that blocks
// in a channel operation, a select or a blocking sync method tells the
// embedder where (to detect deadlocks); nested interpreted calls are
// bounded (a stack overflow instead of a runtime fatal error that ends the
// process); and the size of slices made by make is checked first (a
// refused allocation instead of the process running out of memory).

import (
	"go/token"
	"reflect"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Hooks are the guards an embedder installs with SetHooks. Each field may
// be nil (or zero).
type Hooks struct {
	// BlockStart is called by a goroutine of interpreted code that is
	// about to block in a channel send or receive, a select, or a call of
	// sync.Mutex.Lock, sync.RWMutex.Lock or RLock (after TryLock or
	// TryRLock failed), sync.WaitGroup.Wait, sync.Cond.Wait or a compiled
	// function listed in BlockingFuncs, with the position of the
	// operation. BlockEnd is called with what it returned when the
	// goroutine no longer blocks there (also when it panics). what is the
	// operation, worded as Go's goroutine dumps word the wait: "chan send",
	// "chan receive", "select", "sync.Mutex.Lock", "sync.WaitGroup.Wait"...
	BlockStart func(pos token.Pos, what string) any
	BlockEnd   func(token any)
	// BlockingFuncs are compiled functions (reflect values of kind Func)
	// whose calls from interpreted code are reported to BlockStart too.
	BlockingFuncs []reflect.Value
	// MaxCallDepth bounds the nesting of interpreted calls in one
	// goroutine. The call that would exceed it calls StackOverflow with
	// its position, then ends the goroutine with runtime.Goexit (Go's
	// runtime would end the program); without StackOverflow it panics
	// with a *FatalError "stack overflow". Zero means no bound.
	MaxCallDepth  int
	StackOverflow func(pos token.Pos, depth int)
	// Alloc is called before make allocates a slice of the given number of
	// bytes; it may panic (with a *FatalError) to refuse the allocation.
	Alloc func(bytes uint64)
	// CancelWait is how long EvalWithContext, once its context is done,
	// waits for the stopped evaluation to end before it returns (it ends
	// at once unless blocked in compiled code).
	CancelWait time.Duration
}

// FatalError is the panic value of a fault that Go's runtime reports as a
// fatal error, which a Go program cannot recover from: recover in
// interpreted code does not stop it.
type FatalError struct {
	Msg    string    // as Go prints it after "fatal error: "
	Detail []string  // lines Go's runtime prints before it
	Pos    token.Pos // the operation that failed, when known
}

func (e *FatalError) Error() string { return "fatal error: " + e.Msg }

var maxCallDepth atomic.Int64 // Hooks.MaxCallDepth of the last SetHooks

// SetHooks installs h for this interpreter. The call depth bound is
// process-wide (the last SetHooks wins). Install them before evaluating
// code: nodes compiled earlier keep the hooks they were compiled with.
func (interp *Interpreter) SetHooks(h Hooks) {
	interp.goconcHooks.Store(&h)
	maxCallDepth.Store(int64(h.MaxCallDepth))
}

func (interp *Interpreter) hooksOf() *Hooks { return interp.goconcHooks.Load() }

// checkDepth ends the goroutine, as Go's runtime ends a program whose
// stack overflows, when the frame nf of a call by n nests deeper than
// allowed.
func checkDepth(n *node, nf *frame) {
	max := maxCallDepth.Load()
	if max <= 0 || int64(nf.depth) <= max {
		return
	}
	if h := n.interp.hooksOf(); h != nil && h.StackOverflow != nil {
		h.StackOverflow(n.pos, int(nf.depth))
		runtime.Goexit()
	}
	panic(&FatalError{
		Msg:    "stack overflow",
		Detail: []string{"runtime: goroutine stack exceeds the kernel's limit of " + strconv.FormatInt(max, 10) + " nested interpreted calls"},
	})
}

// blocking runs op, which may block, between the BlockStart and BlockEnd
// hooks of n's interpreter.
func blocking[T any](n *node, what string, op func() T) T {
	h := n.interp.hooksOf()
	if h == nil || h.BlockStart == nil {
		return op()
	}
	tok := h.BlockStart(n.pos, what)
	if h.BlockEnd != nil {
		defer h.BlockEnd(tok)
	}
	return op()
}

// checkAlloc reports a slice of n elements of t that make is about to
// allocate to the Alloc hook.
func checkAlloc(interp *Interpreter, t reflect.Type, n int) {
	h := interp.hooksOf()
	if h == nil || h.Alloc == nil || n <= 0 {
		return
	}
	h.Alloc(uint64(n) * uint64(t.Elem().Size()))
}

var (
	syncMutex   = reflect.TypeOf(sync.Mutex{})
	syncRWMutex = reflect.TypeOf(sync.RWMutex{})
	syncWG      = reflect.TypeOf(sync.WaitGroup{})
	syncCond    = reflect.TypeOf(sync.Cond{})
)

// blockingCall returns, for a call of a compiled function that may block
// and that the hooks report, a function that makes the call between
// BlockStart and BlockEnd; for Lock and RLock it first tries TryLock or
// TryRLock, so that an uncontended lock costs nothing more. It returns nil
// for other calls.
func blockingCall(n *node, c0 *node) func(f *frame, call func() []reflect.Value) []reflect.Value {
	h := n.interp.hooksOf()
	if h == nil || h.BlockStart == nil {
		return nil
	}
	always := func(what string) func(f *frame, call func() []reflect.Value) []reflect.Value {
		return func(f *frame, call func() []reflect.Value) []reflect.Value { return blocking(n, what, call) }
	}
	if c0.kind == selectorExpr && len(c0.child) == 2 && c0.child[0].typ != nil && c0.child[0].typ.cat != binPkgT {
		rt := c0.child[0].typ.TypeOf()
		ptr := false
		if rt != nil && rt.Kind() == reflect.Ptr {
			rt, ptr = rt.Elem(), true
		}
		name := c0.child[1].ident
		switch {
		case (rt == syncMutex || rt == syncRWMutex) && (name == "Lock" || name == "RLock" && rt == syncRWMutex):
			what := "sync.Mutex.Lock"
			if rt == syncRWMutex {
				what = "sync.RWMutex." + name
			}
			recv := genValue(c0.child[0])
			try := func(f *frame) bool {
				v := recv(f)
				if !ptr {
					if !v.CanAddr() {
						return false
					}
					v = v.Addr()
				}
				switch m := v.Interface().(type) {
				case *sync.Mutex:
					return m.TryLock()
				case *sync.RWMutex:
					if name == "RLock" {
						return m.TryRLock()
					}
					return m.TryLock()
				}
				return false
			}
			return func(f *frame, call func() []reflect.Value) []reflect.Value {
				if try(f) {
					return []reflect.Value{}
				}
				return blocking(n, what, call)
			}
		case rt == syncWG && name == "Wait":
			return always("sync.WaitGroup.Wait")
		case rt == syncCond && name == "Wait":
			return always("sync.Cond.Wait")
		}
	}
	if c0.rval.IsValid() && c0.rval.Kind() == reflect.Func {
		for _, fn := range h.BlockingFuncs {
			if fn.Pointer() == c0.rval.Pointer() {
				return always("select")
			}
		}
	}
	return nil
}

// selectBlocking is reflect.Select between the blocking hooks of n.
func selectBlocking(n *node, what string, cases []reflect.SelectCase) (int, reflect.Value, bool) {
	type result struct {
		i  int
		v  reflect.Value
		ok bool
	}
	r := blocking(n, what, func() result {
		i, v, ok := reflect.Select(cases)
		return result{i, v, ok}
	})
	return r.i, r.v, r.ok
}

// unlockCall returns, for a call of Unlock or RUnlock on a sync.Mutex or
// sync.RWMutex, a function that checks first that the lock is held: Go's
// runtime ends the program with "fatal error: sync: unlock of unlocked
// mutex" (or the RWMutex's words) otherwise, which the check turns into a
// *FatalError panic that the embedder reports instead. It returns nil for
// other calls.
func unlockCall(n, c0 *node) func(f *frame, call func() []reflect.Value) []reflect.Value {
	if c0.kind != selectorExpr || len(c0.child) != 2 || c0.child[0].typ == nil || c0.child[0].typ.cat == binPkgT {
		return nil
	}
	rt := c0.child[0].typ.TypeOf()
	ptr := false
	if rt != nil && rt.Kind() == reflect.Ptr {
		rt, ptr = rt.Elem(), true
	}
	name := c0.child[1].ident
	var msg string
	switch {
	case rt == syncMutex && name == "Unlock":
		msg = "sync: unlock of unlocked mutex"
	case rt == syncRWMutex && name == "Unlock":
		msg = "sync: Unlock of unlocked RWMutex"
	case rt == syncRWMutex && name == "RUnlock":
		msg = "sync: RUnlock of unlocked RWMutex"
	default:
		return nil
	}
	recv := genValue(c0.child[0])
	return func(f *frame, call func() []reflect.Value) []reflect.Value {
		v := recv(f)
		if !ptr {
			if !v.CanAddr() {
				return call()
			}
			v = v.Addr()
		}
		// A lock that TryLock can take was not held: the unlock would be
		// fatal. Give the lock back and report it.
		unlocked := false
		switch m := v.Interface().(type) {
		case *sync.Mutex:
			if m.TryLock() {
				m.Unlock()
				unlocked = true
			}
		case *sync.RWMutex:
			if name == "RUnlock" {
				// Held for reading iff a writer cannot take it; a writer
				// holding it makes RUnlock fatal too, but TryLock cannot
				// tell the two apart, so only the free lock is reported.
				if m.TryLock() {
					m.Unlock()
					unlocked = true
				}
			} else if m.TryRLock() {
				// Not held for writing (readers may hold it).
				m.RUnlock()
				unlocked = true
			}
		}
		if unlocked {
			panic(&FatalError{Msg: msg, Pos: n.pos})
		}
		return call()
	}
}
