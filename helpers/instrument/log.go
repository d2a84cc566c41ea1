package instrument

import (
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// A LogEntry is one timestamped step in the life of a primitive or of a
// labelled goroutine, for timelines.
//
// Every primitive keeps its last LogSize entries. By default it logs only
// what involves waiting: a goroutine starting to wait ("blocked"), finishing
// ("done", with Wait set) or giving up ("failed"), and the operations that
// wake others (unlock of a contended lock, Set, Signal, Release, …).
// Operations that never wait are logged too while SetFullLog(true) is in
// effect or a Trace is running: full logging costs a clock read per
// operation, about twice an uncontended Lock/Unlock.
type LogEntry struct {
	At        time.Duration `json:"at"` // since the package's epoch, see Now
	Goroutine Goroutine     `json:"goroutine"`
	Object    string        `json:"object,omitempty"` // primitive name, "" for goroutine start/exit
	Kind      string        `json:"kind,omitempty"`   // "Mutex", "Queue", …
	Op        string        `json:"op"`               // "lock", "unlock", "put", "start", …
	Phase     string        `json:"phase"`            // "blocked", "done" or "failed"
	Wait      time.Duration `json:"wait,omitempty"`   // time blocked, for "done" and "failed"
	N         int64         `json:"n,omitempty"`      // permits, priority or other amount
}

// LogSize is the number of entries each primitive keeps.
const LogSize = 256

type phase uint8

const (
	phaseDone phase = iota
	phaseBlocked
	phaseFailed
)

var phaseNames = [...]string{phaseDone: "done", phaseBlocked: "blocked", phaseFailed: "failed"}

// rawEntry is a LogEntry before names are resolved.
type rawEntry struct {
	at    int64
	g     int64
	label *labelInfo
	rec   *record // nil for goroutine events
	op    string
	phase phase
	wait  int64
	n     int64
}

func (e *rawEntry) entry() LogEntry {
	le := LogEntry{
		At:        time.Duration(e.at),
		Goroutine: Goroutine{ID: e.g},
		Op:        e.op,
		Phase:     phaseNames[e.phase],
		Wait:      time.Duration(e.wait),
		N:         e.n,
	}
	if e.label != nil {
		le.Goroutine.Label = e.label.name
	}
	if e.rec != nil {
		le.Object = e.rec.nameOf()
		le.Kind = e.rec.kind.name
	}
	return le
}

// ring keeps the last LogSize entries. Its owner guards it.
type ring struct {
	buf  []rawEntry
	next int
}

func (l *ring) add(e rawEntry) {
	if l.buf == nil {
		l.buf = make([]rawEntry, 0, LogSize)
	}
	if len(l.buf) < LogSize {
		l.buf = append(l.buf, e)
		return
	}
	l.buf[l.next] = e
	l.next = (l.next + 1) % LogSize
}

// entries returns the entries oldest first.
func (l *ring) entries(rec *record) []LogEntry {
	out := make([]LogEntry, 0, len(l.buf))
	for i := range l.buf {
		e := l.buf[(l.next+i)%len(l.buf)]
		e.rec = rec
		out = append(out, e.entry())
	}
	return out
}

// fullLogs counts the reasons to log every operation: SetFullLog(true) and
// running traces.
var fullLogs atomic.Int32

var fullLogMu sync.Mutex // guards fullLogOn
var fullLogOn bool

// SetFullLog turns logging of every operation on or off and returns the
// previous setting. See LogEntry.
func SetFullLog(on bool) (was bool) {
	fullLogMu.Lock()
	defer fullLogMu.Unlock()
	was = fullLogOn
	if on != was {
		fullLogOn = on
		if on {
			fullLogs.Add(1)
		} else {
			fullLogs.Add(-1)
		}
	}
	return was
}

func fullLog() bool { return fullLogs.Load() > 0 }

// Log returns the log entries of every live primitive, oldest first.
func Log() []LogEntry {
	var out []LogEntry
	for _, r := range allRecords() {
		out = append(out, r.logEntries()...)
	}
	slices.SortStableFunc(out, func(a, b LogEntry) int { return cmpDuration(a.At, b.At) })
	return out
}

func (r *record) logEntries() []LogEntry {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.log.entries(r)
}

func cmpDuration(a, b time.Duration) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// logGoroutine logs the start or exit of a labelled goroutine. Only traces
// keep these entries: they belong to no primitive.
func logGoroutine(g *gInfo, op string) {
	if traces.Load() > 0 {
		traceAdd(nil, g, op, phaseDone, 0, 0, now())
	}
}

// A Trace collects the log entries of every primitive and the start and
// exit of every labelled goroutine while it runs, without the per-primitive
// limit of LogSize. It is how timelines are recorded.
type Trace struct {
	limit   int
	dropped atomic.Int64
	shards  [traceShards]traceShard
}

const traceShards = 16

type traceShard struct {
	mu      sync.Mutex // guards entries
	entries []rawEntry
}

var (
	tracesMu sync.Mutex // serialises changes to activeTraces
	// activeTraces is the copy-on-write list of running traces; traces is
	// its length, checked first on hot paths.
	activeTraces atomic.Pointer[[]*Trace]
	traces       atomic.Int32
)

func init() { activeTraces.Store(&[]*Trace{}) }

// StartTrace starts recording every operation of every primitive. It keeps
// up to limit entries (if limit <= 0, one million) and counts the ones it
// drops. Stop it with Stop.
func StartTrace(limit int) *Trace {
	if limit <= 0 {
		limit = 1 << 20
	}
	t := &Trace{limit: limit}
	tracesMu.Lock()
	defer tracesMu.Unlock()
	list := append(slices.Clone(*activeTraces.Load()), t)
	activeTraces.Store(&list)
	traces.Store(int32(len(list)))
	fullLogs.Add(1)
	return t
}

// Stop stops the trace and returns its entries, oldest first. Stopping a
// stopped trace returns the same entries again.
func (t *Trace) Stop() []LogEntry {
	tracesMu.Lock()
	if list := *activeTraces.Load(); slices.Contains(list, t) {
		list = slices.DeleteFunc(slices.Clone(list), func(x *Trace) bool { return x == t })
		activeTraces.Store(&list)
		traces.Store(int32(len(list)))
		fullLogs.Add(-1)
	}
	tracesMu.Unlock()
	var out []LogEntry
	for i := range t.shards {
		s := &t.shards[i]
		s.mu.Lock()
		for j := range s.entries {
			out = append(out, s.entries[j].entry())
		}
		s.mu.Unlock()
	}
	slices.SortStableFunc(out, func(a, b LogEntry) int { return cmpDuration(a.At, b.At) })
	return out
}

// Dropped returns how many entries the trace dropped because it was full.
func (t *Trace) Dropped() int64 { return t.dropped.Load() }

// traceAdd appends an entry to every active trace. Entries are sharded by
// goroutine so that goroutines do not queue on one lock.
func traceAdd(r *record, g *gInfo, op string, ph phase, wait, n, at int64) {
	if traces.Load() == 0 {
		return
	}
	e := rawEntry{at: at, g: g.id, label: g.label.Load(), rec: r, op: op, phase: ph, wait: wait, n: n}
	for _, t := range *activeTraces.Load() {
		s := &t.shards[g.id%traceShards]
		s.mu.Lock()
		if len(s.entries) < t.limit/traceShards+1 {
			s.entries = append(s.entries, e)
		} else {
			t.dropped.Add(1)
		}
		s.mu.Unlock()
	}
}
