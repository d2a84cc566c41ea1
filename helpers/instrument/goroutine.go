package instrument

import (
	"bytes"
	"context"
	"runtime"
	"runtime/pprof"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/goconc/goconc/helpers/internal/goid"

	"github.com/goconc/goconc/kernel/cellrt"
)

// Goroutine names a goroutine in records: its runtime id and the label it
// was given with Go, Group.Go or SetLabel ("" if none).
type Goroutine struct {
	ID    int64  `json:"id"`
	Label string `json:"label,omitempty"`
}

// String returns the label, or "goroutine N" for an unlabelled goroutine.
func (g Goroutine) String() string {
	if g.Label != "" {
		return g.Label
	}
	return "goroutine " + strconv.FormatInt(g.ID, 10)
}

// Go runs f in a new goroutine labelled name, like the statement "go f()".
// The label shows in every record the instrumented primitives make for
// that goroutine (stats by label, owners, waiters, logs, deadlock reports)
// and, as the pprof label "goroutine", in CPU and goroutine profiles.
// Goroutines that f starts with a plain go statement are not labelled.
func Go(name string, f func()) {
	cellrt.Go(func() { runLabelled(name, f) })
}

// runLabelled labels the calling goroutine and runs f, logging its start
// and exit for timelines.
func runLabelled(name string, f func()) {
	g := curG()
	g.setLabel(name)
	logGoroutine(g, "start")
	defer logGoroutine(g, "exit")
	pprof.Do(context.Background(), pprof.Labels("goroutine", name), func(context.Context) { f() })
}

// SetLabel labels the calling goroutine, as Go does for the goroutines it
// starts. An empty name removes the label.
func SetLabel(name string) { curG().setLabel(name) }

// Label returns the calling goroutine's label, or "" if it has none.
func Label() string { return curG().labelName() }

// Current returns the calling goroutine's id and label.
func Current() Goroutine { return curG().ref() }

// A Group runs labelled goroutines and waits for them, like a
// sync.WaitGroup whose Go method takes a name.
//
// The zero value is an empty group ready to use. A Group must not be copied
// after first use.
type Group struct {
	wg sync.WaitGroup
}

// Go runs f in a new goroutine labelled name and adds it to the group.
func (g *Group) Go(name string, f func()) {
	g.wg.Add(1)
	// Guard, not cellrt.Go: a panic of f must be reported to the kernel
	// before Done lets Wait return, or the cell waiting could end first
	// and miss it.
	run := cellrt.Guard(func() { runLabelled(name, f) })
	go func() {
		defer g.wg.Done()
		run()
	}()
}

// GoN starts n goroutines labelled "name-0" … "name-(n-1)"; goroutine i
// runs f(i). It spares notebook cells the loop-variable pitfalls of the
// interpreter.
func (g *Group) GoN(name string, n int, f func(i int)) {
	for i := range n {
		g.Go(name+"-"+strconv.Itoa(i), func() { f(i) })
	}
}

// Wait blocks until every goroutine started by the group has returned.
func (g *Group) Wait() { g.wg.Wait() }

// gInfo is what the package knows about one goroutine. It is found by
// curG from the goroutine's id.
type gInfo struct {
	id    int64
	label atomic.Pointer[labelInfo] // nil when unlabelled; read by any goroutine

	// held lists the locks this goroutine took, for lock-order checks
	// (lockorder.go). Only the goroutine itself reads or writes it.
	held []heldLock
}

func (g *gInfo) setLabel(name string) {
	if name == "" {
		g.label.Store(nil)
		return
	}
	g.label.Store(internLabel(name))
}

// labelID returns the label's index in per-primitive stats (0 = none).
func (g *gInfo) labelID() int {
	if l := g.label.Load(); l != nil {
		return l.id
	}
	return 0
}

func (g *gInfo) labelName() string {
	if l := g.label.Load(); l != nil {
		return l.name
	}
	return ""
}

func (g *gInfo) ref() Goroutine { return Goroutine{ID: g.id, Label: g.labelName()} }

// gCacheSize is the size of the direct-mapped cache in front of gAll.
const gCacheSize = 1024

var (
	// gCache maps id % gCacheSize to the gInfo last used with such an id:
	// one load and one compare find the caller's gInfo without a lock.
	gCache [gCacheSize]atomic.Pointer[gInfo]

	gAll    sync.Map     // int64 id -> *gInfo, for every goroutine seen
	gCount  atomic.Int64 // entries in gAll
	pruneAt atomic.Int64 // prune gAll when gCount exceeds this
	pruneMu sync.Mutex   // held while pruning
)

// minPruneAt is the smallest gAll size that triggers pruning.
const minPruneAt = 8192

func init() { pruneAt.Store(minPruneAt) }

// curG returns the calling goroutine's gInfo.
func curG() *gInfo {
	id := goid.Get()
	if g := gCache[id%gCacheSize].Load(); g != nil && g.id == id {
		return g
	}
	return curGSlow(id)
}

func curGSlow(id int64) *gInfo {
	v, ok := gAll.Load(id)
	if !ok {
		var loaded bool
		v, loaded = gAll.LoadOrStore(id, &gInfo{id: id})
		if !loaded && gCount.Add(1) > pruneAt.Load() {
			pruneDead()
		}
	}
	g := v.(*gInfo)
	gCache[id%gCacheSize].Store(g)
	return g
}

// lookupG returns the gInfo of goroutine id, if it has used the package.
func lookupG(id int64) (Goroutine, bool) {
	if v, ok := gAll.Load(id); ok {
		return v.(*gInfo).ref(), true
	}
	return Goroutine{ID: id}, false
}

// pruneDead forgets goroutines that have exited. Goroutine ids are never
// reused, so entries of exited goroutines are only wasted memory; they are
// dropped when gAll has doubled since the last pruning. The ids are listed
// before the stack dump is taken, so a goroutine missing from the dump has
// exited, while goroutines that appear during the dump are not considered.
func pruneDead() {
	if !pruneMu.TryLock() {
		return // another goroutine is pruning
	}
	defer pruneMu.Unlock()
	var known []*gInfo
	gAll.Range(func(_, v any) bool {
		known = append(known, v.(*gInfo))
		return true
	})
	live := liveGoroutines()
	for _, g := range known {
		if !live[g.id] {
			gAll.Delete(g.id)
			gCache[g.id%gCacheSize].CompareAndSwap(g, nil)
			gCount.Add(-1)
		}
	}
	pruneAt.Store(max(minPruneAt, 2*gCount.Load()))
}

// liveGoroutines returns the ids of all goroutines, read from a full stack
// dump.
func liveGoroutines() map[int64]bool {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	live := map[int64]bool{}
	const prefix = "goroutine "
	for line := range bytes.Lines(buf) {
		if len(line) <= len(prefix) || string(line[:len(prefix)]) != prefix {
			continue
		}
		rest := line[len(prefix):]
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if id, err := strconv.ParseInt(string(rest[:i]), 10, 64); err == nil {
			live[id] = true
		}
	}
	return live
}

// labelInfo is an interned label: per-primitive stats are indexed by id.
type labelInfo struct {
	id   int
	name string
}

var (
	labelsMu sync.Mutex // guards labels
	labels   = map[string]*labelInfo{"": {id: 0}}
)

// labelNames is the copy-on-write list of label names by id, for readers
// that must not take labelsMu.
var labelNames atomic.Pointer[[]string]

func init() { labelNames.Store(&[]string{""}) }

func internLabel(name string) *labelInfo {
	labelsMu.Lock()
	defer labelsMu.Unlock()
	if l, ok := labels[name]; ok {
		return l
	}
	l := &labelInfo{id: len(labels), name: name}
	labels[name] = l
	names := append(append([]string(nil), *labelNames.Load()...), name)
	labelNames.Store(&names)
	return l
}

// labelName returns the name of label id.
func labelName(id int) string {
	names := *labelNames.Load()
	if id < len(names) {
		return names[id]
	}
	return ""
}
