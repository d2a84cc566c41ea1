package engine

import (
	"fmt"
	"go/token"
	"math"
	"os"
	"reflect"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/traefik/yaegi/interp"

	"github.com/goconc/goconc/kernel/cellrt"
)

// MaxCallDepth is the deepest nesting of interpreted calls a goroutine may
// reach: one call deeper ends the cell with Go's "fatal error: stack
// overflow" instead of letting the interpreter exhaust Go's 1 GB stack
// limit, which would end the kernel process. Each interpreted call uses
// roughly 1 to 2 KiB of Go stack.
const MaxCallDepth = 100_000

// largeAlloc is the size from which make checks an allocation against the
// memory limit.
const largeAlloc = 1 << 20

// installGuards gives the interpreter the engine's hooks: blocking
// operations are registered for deadlock detection, recursion is bounded
// and large allocations are checked against the memory limit.
func (e *Engine) installGuards() {
	e.in.SetHooks(interp.Hooks{
		BlockStart:    e.blocked.start,
		BlockEnd:      e.blocked.end,
		BlockingFuncs: []reflect.Value{reflect.ValueOf(cellrt.Select)},
		MaxCallDepth:  MaxCallDepth,
		StackOverflow: e.stackOverflow,
		Alloc:         checkAlloc,
		CancelWait:    200 * time.Millisecond,
	})
}

// blockRegistry records the interpreted operations that goroutines are
// blocked in: one record per blocked goroutine.
type blockRegistry struct {
	mu      sync.Mutex // guards the fields below
	recs    map[*blockRec]struct{}
	changes uint64 // incremented by every start and end
}

type blockRec struct {
	pos  token.Pos
	what string // the wait, as Go names it: "chan send", "sync.Mutex.Lock"...
}

func (r *blockRegistry) start(pos token.Pos, what string) any {
	rec := &blockRec{pos: pos, what: what}
	r.mu.Lock()
	if r.recs == nil {
		r.recs = map[*blockRec]struct{}{}
	}
	r.recs[rec] = struct{}{}
	r.changes++
	r.mu.Unlock()
	return rec
}

func (r *blockRegistry) end(tok any) {
	rec, _ := tok.(*blockRec)
	r.mu.Lock()
	delete(r.recs, rec)
	r.changes++
	r.mu.Unlock()
}

// state returns how many goroutines are blocked and the change counter.
func (r *blockRegistry) state() (n int, changes uint64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.recs), r.changes
}

// records returns where and in what the goroutines are blocked.
func (r *blockRegistry) records() []blockRec {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []blockRec
	for rec := range r.recs {
		out = append(out, *rec)
	}
	return out
}

// setMemoryLimit gives the process a soft memory limit when it has none
// (GOMEMLIMIT unset): three quarters of the machine's memory, or of the
// cgroup's limit when that is smaller. It returns the limit in force.
func setMemoryLimit() int64 {
	if cur := debug.SetMemoryLimit(-1); cur != math.MaxInt64 {
		return cur
	}
	total := physicalMemory()
	if total <= 0 {
		return math.MaxInt64
	}
	limit := total / 4 * 3
	debug.SetMemoryLimit(limit)
	return limit
}

// physicalMemory returns the memory the process may use: MemTotal, or the
// cgroup v2 memory.max when smaller; 0 when unknown. It reads the files
// once: memoryLimit asks on every watch tick and every large make.
var physicalMemory = sync.OnceValue(readPhysicalMemory)

func readPhysicalMemory() int64 {
	var total int64
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if f := strings.Fields(l); len(f) >= 2 && f[0] == "MemTotal:" {
				if kb, err := strconv.ParseInt(f[1], 10, 64); err == nil {
					total = kb << 10
				}
			}
		}
	}
	if b, err := os.ReadFile("/sys/fs/cgroup/memory.max"); err == nil {
		if n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && n > 0 && (total == 0 || n < total) {
			total = n
		}
	}
	return total
}

// memoryLimit returns the soft memory limit in force, or the machine's
// memory when there is none.
func memoryLimit() int64 {
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		return l
	}
	if m := physicalMemory(); m > 0 {
		return m
	}
	return math.MaxInt64
}

// heapInUse returns the bytes of heap objects, live or not yet swept.
func heapInUse() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// heapLive returns the bytes of heap objects the last GC found live.
func heapLive() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// checkAlloc refuses, as the fatal error Go's runtime reports when memory
// runs out, an allocation by make that would take the heap past the
// memory limit.
func checkAlloc(bytes uint64) {
	if bytes < largeAlloc {
		return
	}
	limit := memoryLimit()
	inUse := heapInUse()
	if limit == math.MaxInt64 || bytes+inUse <= uint64(limit) {
		return
	}
	panic(outOfMemory(fmt.Sprintf("runtime: out of memory: cannot allocate %d-byte block (%d in use)", bytes, inUse), limit))
}

// outOfMemory is the fatal error of an allocation or a heap past limit.
func outOfMemory(detail string, limit int64) *interp.FatalError {
	return &interp.FatalError{
		Msg: "runtime: out of memory",
		Detail: []string{
			detail,
			fmt.Sprintf("goconc: the kernel's memory limit is %d MiB (GOMEMLIMIT when set, else 3/4 of the machine's memory); a cell changes it with debug.SetMemoryLimit", limit>>20),
		},
	}
}

// stackOverflow ends the cell of the calling goroutine, whose interpreted
// calls nest too deep, with Go's fatal error; the interpreter then ends
// the goroutine.
func (e *Engine) stackOverflow(pos token.Pos, depth int) {
	id := goid()
	c := e.cellOf(id)
	if c == nil {
		return
	}
	e.mu.Lock()
	_, inGoroutine := e.owners[id]
	e.mu.Unlock()
	err := &Error{Name: "fatal error", Value: "stack overflow", Traceback: []string{
		fmt.Sprintf("runtime: goroutine stack exceeds the kernel's limit of %d nested interpreted calls", MaxCallDepth),
		"fatal error: stack overflow",
	}}
	if pc, line := e.cellLine(pos); pc != nil {
		where := fmt.Sprintf("  at cell line %d:", line)
		if pc != c {
			where = fmt.Sprintf("  at line %d of an earlier cell (%s):", line, pc.source)
		}
		err.Traceback = append(err.Traceback, where)
		err.Traceback = append(err.Traceback, excerpt(pc.src, line, 0)...)
	}
	if inGoroutine {
		err.Traceback = append(err.Traceback, "  (in a goroutine started by this cell)")
	}
	c.mu.Lock()
	seen := c.fatalSeen
	if !seen && !inGoroutine && !c.ended {
		// The cell's own goroutine: it ends now (runtime.Goexit) and the
		// evaluation returns, with no cancellation that would leave it
		// unwinding beside the next cell.
		c.fatal_, c.fatalSeen = err, true
		c.mu.Unlock()
		return
	}
	c.mu.Unlock()
	if seen {
		return // Go's runtime reports one fatal error, then ends
	}
	e.mu.Lock()
	inCell := e.current == c
	e.mu.Unlock()
	if !inCell || !e.fatal(c, err) {
		c.out.flush()
		c.raw.Error(err)
	}
}
