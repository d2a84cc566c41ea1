package engine

import (
	"fmt"
	"go/token"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/traefik/yaegi/interp"
)

// A cell is deadlocked, as Go's runtime would say, when it and every
// goroutine that cells started are blocked in channel operations, selects
// or sync waits of interpreted code, no timer they could be waiting for is
// pending, and nothing else in the process could wake them: every other
// goroutine belongs to the kernel itself. The watchdog checks this cheaply
// (the registry of blocked operations) every watchInterval, and confirms it
// from the goroutine dump once it has held, unchanged, for deadlockAfter.

const (
	watchInterval = 100 * time.Millisecond
	deadlockAfter = time.Second
)

// blockingWaits are the wait reasons of goroutines blocked in the
// operations the registry records.
var blockingWaits = []string{"chan send", "chan receive", "select", "sync.Mutex.Lock", "sync.RWMutex.Lock",
	"sync.RWMutex.RLock", "sync.WaitGroup.Wait", "sync.Cond.Wait", "semacquire"}

// kernelCreators start the goroutines of the kernel itself (and of the
// tests that drive an engine).
var kernelCreators = []string{"github.com/goconc/goconc/kernel/engine.", "github.com/goconc/goconc/kernel/dispatch.",
	"github.com/goconc/goconc/kernel/wire.", "github.com/goconc/goconc/kernel/runner.", "github.com/go-zeromq/",
	"main.", "testing.", "os/signal.Notify", "github.com/goconc/goconc/kernel/kerneltest."}

// evalFile is the part of the interpreter's file set that one evaluation
// of a cell's code added.
type evalFile struct {
	base   int
	c      *cell
	offset int // lines the engine put before the cell's code
}

// noteEval records that positions from the file set's current base on
// belong to c's code, evaluated after offset added lines.
func (e *Engine) noteEval(c *cell, offset int) {
	base := e.in.FileSet().Base()
	e.mu.Lock()
	e.evalFiles = append(e.evalFiles, evalFile{base: base, c: c, offset: offset})
	e.mu.Unlock()
}

// cellLine maps an interpreter position to the cell whose code it is in and
// the line in that cell.
func (e *Engine) cellLine(pos token.Pos) (*cell, int) {
	e.mu.Lock()
	var c *cell
	offset := lineOffset
	for i := len(e.evalFiles) - 1; i >= 0; i-- {
		if int(pos) >= e.evalFiles[i].base {
			c, offset = e.evalFiles[i].c, e.evalFiles[i].offset
			break
		}
	}
	e.mu.Unlock()
	return c, e.in.FileSet().Position(pos).Line - offset
}

// watch ends the cell with a fatal error when it deadlocks or the heap
// grows past the memory limit. It returns when done is closed.
func (e *Engine) watch(c *cell, done <-chan struct{}) {
	t := time.NewTicker(watchInterval)
	defer t.Stop()
	var lastChanges uint64
	var since, lastGC time.Time
	startLive := heapLive()
	for {
		select {
		case <-done:
			return
		case now := <-t.C:
			// Only a heap this cell grew past the limit ends it: memory an
			// earlier cell holds must not end every later cell.
			if limit, live := memoryLimit(), heapLive(); live > uint64(limit) && live > startLive+largeAlloc {
				e.fatal(c, e.fatalError(nil, outOfMemory(fmt.Sprintf("runtime: out of memory: the live heap is %d bytes", heapLive()), limit), nil))
				return
			}
			// Goroutines of interrupted cells blocked for good stay in the
			// registry: there may be more records than goroutines of cells.
			n, changes := e.blocked.state()
			want := e.running() + 1
			if n == 0 || n < want {
				since = time.Time{}
				continue
			}
			if e.timers.pending(now) {
				// Timers and Tickers no longer reachable end their count
				// when collected: collect at most once a second while
				// everything else looks asleep.
				if e.timers.hasLive() && now.Sub(lastGC) >= time.Second {
					runtime.GC()
					lastGC = now
				}
				since = time.Time{}
				continue
			}
			if since.IsZero() || changes != lastChanges {
				since, lastChanges = now, changes
				continue
			}
			if now.Sub(since) < deadlockAfter {
				continue
			}
			if e.deadlocked(want) {
				e.fatal(c, e.deadlockError(c))
				return
			}
			since = time.Time{}
		}
	}
}

// deadlocked confirms from the goroutine dump that the n goroutines of
// cells (the running cell's own and those cells started) are blocked and
// that no other goroutine but the kernel's, or stopped evaluations of
// earlier cells, exists.
func (e *Engine) deadlocked(n int) bool {
	buf := make([]byte, 1<<20)
	for {
		k := runtime.Stack(buf, true)
		if k < len(buf) {
			buf = buf[:k]
			break
		}
		if len(buf) >= 64<<20 {
			return false
		}
		buf = make([]byte, 2*len(buf))
	}
	e.mu.Lock()
	owned := map[string]bool{}
	for id := range e.owners {
		owned[fmt.Sprint(id)] = true
	}
	e.mu.Unlock()
	// The cell's own goroutine is the newest that yaegi started to evaluate
	// code; older ones are evaluations interrupted while blocked in compiled
	// code, whose interpreted code cannot run again.
	type gr struct{ id, reason, creator string }
	var gs []gr
	evalID := -1
	for _, g := range strings.Split(string(buf), "\n\n") {
		id, reason, creator := goroutineHeader(g)
		if id == "" {
			continue
		}
		gs = append(gs, gr{id, reason, creator})
		if strings.HasPrefix(creator, evalCreator[len("created by "):]) {
			if k, err := strconv.Atoi(id); err == nil && k > evalID {
				evalID = k
			}
		}
	}
	waits := 0
	for _, g := range gs {
		if owned[g.id] || g.id == strconv.Itoa(evalID) {
			if !isBlockingWait(g.reason) {
				return false
			}
			waits++
			continue
		}
		if g.creator == "" || hasAnyPrefix(g.creator, kernelCreators) || strings.HasPrefix(g.creator, evalCreator[len("created by "):]) {
			continue
		}
		if strings.HasPrefix(g.creator, "github.com/goconc/goconc/kernel/cellrt.") && isBlockingWait(g.reason) {
			continue // blocked for good in another engine's session (tests run several)
		}
		return false // a goroutine of compiled code could wake them
	}
	return waits == n
}

// goroutineHeader returns a goroutine's id, wait reason (without its
// duration) and the function that created it, from its dump.
func goroutineHeader(g string) (id, reason, creator string) {
	g = strings.TrimLeft(g, "\n")
	head, rest, _ := strings.Cut(g, "\n")
	if !strings.HasPrefix(head, "goroutine ") {
		return "", "", ""
	}
	head = strings.TrimPrefix(head, "goroutine ")
	id, state, _ := strings.Cut(head, " ")
	state = strings.TrimSuffix(strings.TrimPrefix(state, "["), "]:")
	if i := strings.Index(state, ", "); i >= 0 {
		state = state[:i]
	}
	if i := strings.Index(rest, "created by "); i >= 0 {
		creator = rest[i+len("created by "):]
		creator, _, _ = strings.Cut(creator, "\n")
	}
	return id, state, creator
}

func isBlockingWait(reason string) bool {
	for _, w := range blockingWaits {
		if reason == w || strings.HasPrefix(reason, w+" (") {
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// deadlockError describes the deadlock as Go's runtime does: its message,
// then each blocked goroutine's wait and cell line.
func (e *Engine) deadlockError(c *cell) *Error {
	tb := []string{"fatal error: all goroutines are asleep - deadlock!"}
	type at struct {
		c    *cell
		line int
		what string
	}
	var places []at
	for _, r := range e.blocked.records() {
		pc, line := e.cellLine(r.pos)
		places = append(places, at{pc, line, r.what})
	}
	order := func(x *cell) int {
		switch {
		case x == c:
			return 1 << 30
		case x == nil:
			return -1
		}
		return x.index
	}
	sort.Slice(places, func(i, j int) bool {
		if oi, oj := order(places[i].c), order(places[j].c); oi != oj {
			return oi > oj
		}
		return places[i].line < places[j].line
	})
	for _, p := range places {
		switch {
		case p.c == c:
			tb = append(tb, "", fmt.Sprintf("goroutine [%s] at cell line %d:", p.what, p.line))
			tb = append(tb, excerpt(c.src, p.line, 0)...)
		case p.c != nil:
			tb = append(tb, "", fmt.Sprintf("goroutine [%s] at line %d of an earlier cell (%s):", p.what, p.line, p.c.source))
			tb = append(tb, excerpt(p.c.src, p.line, 0)...)
		default:
			tb = append(tb, "", fmt.Sprintf("goroutine [%s]", p.what))
		}
	}
	return &Error{Name: "fatal error", Value: "all goroutines are asleep - deadlock!", Traceback: tb}
}

// fatal ends cell c with err, as Go's runtime ends a program: the cell's
// interpreted code stops and its selects wake. Goroutines blocked in
// compiled code (a sync.Mutex) stay blocked.
func (e *Engine) fatal(c *cell, err *Error) bool {
	c.mu.Lock()
	if c.fatal_ != nil || c.fatalSeen || c.ended {
		c.mu.Unlock()
		return false
	}
	c.fatal_, c.fatalSeen = err, true
	c.mu.Unlock()
	e.mu.Lock()
	if e.current == c && e.cancel != nil {
		e.cancel()
	}
	e.mu.Unlock()
	c.stopSelects()
	return true
}

// fatalError turns a *interp.FatalError panic of cell c's code into the
// cell's Error: Go's lines, then where it happened (the failed operation's
// line when the interpreter knows it, else the frames it unwound).
func (e *Engine) fatalError(c *cell, fe *interp.FatalError, trace []string) *Error {
	tb := append([]string{}, fe.Detail...)
	tb = append(tb, "fatal error: "+fe.Msg)
	if fe.Pos.IsValid() {
		if pc, line := e.cellLine(fe.Pos); pc != nil {
			where := fmt.Sprintf("  at cell line %d:", line)
			if pc != c {
				where = fmt.Sprintf("  at line %d of an earlier cell (%s):", line, pc.source)
			}
			tb = append(tb, where)
			tb = append(tb, excerpt(pc.src, line, 0)...)
			return &Error{Name: "fatal error", Value: fe.Msg, Traceback: tb}
		}
	}
	first := true
	seen := 0
	for _, line := range trace {
		l, col, rest, ok := cellPos(line)
		if !ok {
			continue
		}
		if seen++; seen > 10 {
			tb = append(tb, "  ...")
			break
		}
		fn := strings.TrimPrefix(rest, "panic: ")
		tb = append(tb, fmt.Sprintf("  in %s at cell line %d", strings.TrimSuffix(fn, "(...)"), l))
		if first && c != nil {
			tb = append(tb, excerpt(c.src, l, col)...)
			first = false
		}
	}
	return &Error{Name: "fatal error", Value: fe.Msg, Traceback: tb}
}

// settle waits, up to settleTime, until no goroutine of interpreted code
// runs: after a fatal error cancelled the cell, its goroutines that were
// blocked on channels wake and return, and the next cell must not start
// beside them.
func settle() {
	deadline := time.Now().Add(settleTime)
	for time.Now().Before(deadline) {
		buf := make([]byte, 1<<20)
		n := runtime.Stack(buf, true)
		busy := false
		for _, g := range strings.Split(string(buf[:n]), "\n\n") {
			_, reason, creator := goroutineHeader(g)
			if (reason == "running" || reason == "runnable") &&
				(strings.HasPrefix(creator, evalCreator[len("created by "):]) || strings.HasPrefix(creator, "github.com/goconc/goconc/kernel/cellrt.")) {
				busy = true
				break
			}
		}
		if !busy {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

const settleTime = 500 * time.Millisecond
