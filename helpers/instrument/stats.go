package instrument

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Stats is a snapshot of one primitive's counters and state. It is a plain
// value: print it, encode it as JSON or chart it.
type Stats struct {
	Name string `json:"name"`
	Kind string `json:"kind"` // "Mutex", "RWMutex", "Semaphore", "Event", "Barrier", "Cond" or "Queue"
	// Ops has one row per operation of Kind (for a Mutex, "lock"; for a
	// Queue, "put" and "get"), totalled over all goroutines.
	Ops []OpStats `json:"ops"`
	// Labels splits Ops by goroutine label, sorted by label then
	// operation; Label "" gathers the unlabelled goroutines.
	Labels  []OpStats `json:"labels,omitempty"`
	Holders []Holder  `json:"holders,omitempty"` // who holds it now (locks and semaphores)
	Waiters []Waiter  `json:"waiters,omitempty"` // who is blocked on it now, longest first
	// Len, MaxLen and Cap are the current level, its highest value and its
	// bound: items for a Queue (Cap 0: unbounded), permits held for a
	// Semaphore (Cap: its initial size), parties waiting for a Barrier (Cap:
	// parties). They are zero for the other kinds.
	Len    int64 `json:"len"`
	MaxLen int64 `json:"max_len"`
	Cap    int64 `json:"cap"`
}

// OpStats counts one operation.
type OpStats struct {
	Op        string `json:"op"`
	Label     string `json:"label,omitempty"` // set in Stats.Labels rows only
	Count     int64  `json:"count"`           // completed operations
	Contended int64  `json:"contended"`       // of which had to wait first
	Failed    int64  `json:"failed"`          // given up: TryLock false, timeout, cancelled
	// Wait is the distribution of waiting times of completed operations,
	// uncontended ones counting as zero.
	Wait Dist `json:"wait"`
	// Hold is the distribution of holding times, for the exclusive locks
	// of Mutex and RWMutex. To keep uncontended locking cheap, only the
	// first 16 locks by each label and then one in 32 are timed, so
	// Hold.Count is usually smaller than Count.
	Hold Dist `json:"hold"`
}

// Holder is a goroutine that holds a lock or semaphore permits.
type Holder struct {
	Goroutine Goroutine `json:"goroutine"`
	Mode      string    `json:"mode"` // "lock", "rlock" or "acquire"
	N         int64     `json:"n"`    // permits (1 for locks)
}

// Waiter is a goroutine blocked in an operation.
type Waiter struct {
	Goroutine Goroutine     `json:"goroutine"`
	Op        string        `json:"op"`
	N         int64         `json:"n,omitempty"` // permits asked for
	Waited    time.Duration `json:"waited"`      // so far
	Timed     bool          `json:"timed"`       // gives up after a timeout or on cancellation
}

// Op returns the totals of operation op, or a zero OpStats.
func (s Stats) Op(op string) OpStats {
	for _, o := range s.Ops {
		if o.Op == op {
			return o
		}
	}
	return OpStats{Op: op}
}

// String summarises s on a few lines.
func (s Stats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %q", s.Kind, s.Name)
	if s.Cap > 0 || s.MaxLen > 0 {
		fmt.Fprintf(&b, " len %d (max %d, cap %d)", s.Len, s.MaxLen, s.Cap)
	}
	for _, h := range s.Holders {
		fmt.Fprintf(&b, ", held by %s", h.Goroutine)
	}
	for _, w := range s.Waiters {
		fmt.Fprintf(&b, ", %s waiting to %s", w.Goroutine, w.Op)
	}
	for _, o := range s.Ops {
		b.WriteString("\n  ")
		b.WriteString(o.String())
	}
	return b.String()
}

// String summarises o on one line.
func (o OpStats) String() string {
	var b strings.Builder
	if o.Label != "" {
		fmt.Fprintf(&b, "%s: ", o.Label)
	}
	fmt.Fprintf(&b, "%s %d", o.Op, o.Count)
	if o.Count > 0 {
		fmt.Fprintf(&b, " (contended %d, %.0f%%)", o.Contended, 100*float64(o.Contended)/float64(o.Count))
	}
	if o.Failed > 0 {
		fmt.Fprintf(&b, ", failed %d", o.Failed)
	}
	if o.Contended > 0 {
		fmt.Fprintf(&b, ", wait p50 %v p99 %v max %v", round(o.Wait.P50), round(o.Wait.P99), round(o.Wait.Max))
	}
	if o.Hold.Count > 0 {
		fmt.Fprintf(&b, ", hold p50 %v p99 %v", round(o.Hold.P50), round(o.Hold.P99))
	}
	return b.String()
}

// round shortens d to three significant digits for display.
func round(d time.Duration) time.Duration {
	for r := time.Duration(1); ; r *= 10 {
		if d < 1000*r {
			return d.Round(r)
		}
	}
}

// Snapshot returns the stats of every live instrumented primitive, in the
// order they were first used.
func Snapshot() []Stats {
	recs := allRecords()
	out := make([]Stats, len(recs))
	for i, r := range recs {
		out[i] = r.snapshot()
	}
	return out
}

// Reset zeroes the counters and logs of every primitive and forgets the
// lock orders seen so far, for example before re-running an experiment.
// Holders and waiters are state, not counters: they are kept.
func Reset() {
	for _, r := range allRecords() {
		r.mu.Lock()
		r.stats.Store(nil)
		r.log = ring{}
		r.maxLevel.Store(r.level.Load())
		r.mu.Unlock()
	}
	resetLockOrder()
}

// snapshot reads r's counters and state.
func (r *record) snapshot() Stats {
	s := Stats{Name: r.nameOf(), Kind: r.kind.name, Cap: r.capacity, Len: r.level.Load(), MaxLen: r.maxLevel.Load()}
	var per []*labelStats
	if p := r.stats.Load(); p != nil {
		per = *p
	}
	totals := make([]opTotals, len(r.kind.ops))
	for _, ls := range per {
		if ls == nil {
			continue
		}
		for i, name := range r.kind.ops {
			var t opTotals
			t.add(&ls.ops[i])
			if t.count+t.failed == 0 {
				continue
			}
			totals[i].merge(&t)
			s.Labels = append(s.Labels, t.stats(name, labelName(ls.label)))
		}
	}
	for i, name := range r.kind.ops {
		s.Ops = append(s.Ops, totals[i].stats(name, ""))
	}
	slices.SortStableFunc(s.Labels, func(a, b OpStats) int { return strings.Compare(a.Label, b.Label) })
	s.Holders, s.Waiters = r.state()
	return s
}

// state returns r's holders and waiters, read under r.mu so that a
// goroutine is never seen both waiting for and holding r.
func (r *record) state() ([]Holder, []Waiter) {
	t := now()
	r.mu.Lock()
	defer r.mu.Unlock()
	var hs []Holder
	if id := r.ownerID(); id != 0 {
		g, _ := lookupG(id)
		hs = append(hs, Holder{Goroutine: g, Mode: "lock", N: 1})
	}
	if r.readers != nil {
		ids, _ := r.readers.ids()
		for _, id := range ids {
			g, _ := lookupG(id)
			hs = append(hs, Holder{Goroutine: g, Mode: "rlock", N: 1})
		}
	}
	for id, n := range r.holders {
		g, _ := lookupG(id)
		hs = append(hs, Holder{Goroutine: g, Mode: "acquire", N: n})
	}
	slices.SortFunc(hs, func(a, b Holder) int { return int(a.Goroutine.ID - b.Goroutine.ID) })
	var ws []Waiter
	for _, w := range r.waiters {
		ws = append(ws, Waiter{Goroutine: w.g.ref(), Op: w.op, N: w.n, Waited: time.Duration(t - w.since), Timed: w.timed})
	}
	return hs, ws
}

// opTotals accumulates opCounters.
type opTotals struct {
	count, contended, failed int64
	wait, hold               histCounts
}

func (t *opTotals) add(c *opCounters) {
	t.count += c.count.Load()
	t.contended += c.contended.Load()
	t.failed += c.failed.Load()
	c.wait.Load().addTo(&t.wait)
	c.hold.Load().addTo(&t.hold)
}

func (t *opTotals) merge(o *opTotals) {
	t.count += o.count
	t.contended += o.contended
	t.failed += o.failed
	for i := range t.wait.buckets {
		t.wait.buckets[i] += o.wait.buckets[i]
		t.hold.buckets[i] += o.hold.buckets[i]
	}
	t.wait.sum += o.wait.sum
	t.hold.sum += o.hold.sum
	t.wait.max = max(t.wait.max, o.wait.max)
	t.hold.max = max(t.hold.max, o.hold.max)
}

func (t *opTotals) stats(op, label string) OpStats {
	wait := t.wait
	// Uncontended operations waited zero; the counters only time the others.
	wait.buckets[0] += max(0, t.count-wait.count())
	return OpStats{
		Op: op, Label: label,
		Count: t.count, Contended: t.contended, Failed: t.failed,
		Wait: wait.dist(), Hold: t.hold.dist(),
	}
}
