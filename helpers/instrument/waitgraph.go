package instrument

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"time"
)

// WaitGraph is the wait-for graph of the goroutines blocked on
// instrumented primitives: goroutine nodes wait for primitive nodes, which
// are held by goroutine nodes. It is plain data for a graph chart.
type WaitGraph struct {
	Nodes []Node `json:"nodes"`
	Edges []Edge `json:"edges"`
}

// Node is a goroutine or a primitive in a WaitGraph.
type Node struct {
	ID   string `json:"id"`   // "g17" for goroutine 17, "p3" for primitive 3
	Type string `json:"type"` // "goroutine" or the primitive's kind ("Mutex", …)
	Name string `json:"name"` // goroutine label or "goroutine N"; primitive name
	// Deadlocked marks goroutines that can never proceed, and the
	// primitives they wait for.
	Deadlocked bool `json:"deadlocked"`
}

// Edge is "goroutine waits for primitive" (Type "waits", Op the operation)
// or "primitive is held by goroutine" (Type "holds", Op "lock", "rlock" or
// "acquire").
type Edge struct {
	From string `json:"from"`
	To   string `json:"to"`
	Type string `json:"type"`
	Op   string `json:"op"`
}

// waitState is one blocked goroutine, as read from the records.
type waitState struct {
	g     Goroutine
	seq   uint64
	rec   *record
	op    string
	since int64
	timed bool
	// blockers are the goroutines that must act before it can proceed
	// (the holders, and for FIFO primitives the waiters ahead).
	blockers []int64
	// unknown is set when something other than blockers may wake it: a
	// queue or event anyone may feed, a semaphore used as a signal, or a
	// lock that is free at the moment it was read.
	unknown bool
}

// holding is one primitive held by a goroutine.
type holding struct {
	rec  *record
	mode string
	n    int64
}

// waitSnapshot is the state of every primitive with waiters or holders.
type waitSnapshot struct {
	at    int64
	waits map[int64]*waitState // by goroutine id
	holds map[int64][]holding  // by goroutine id
	names map[int64]Goroutine  // every goroutine mentioned
}

// takeSnapshot reads the holders and waiters of every live primitive, each
// under its own lock.
func takeSnapshot() *waitSnapshot {
	s := &waitSnapshot{at: now(), waits: map[int64]*waitState{}, holds: map[int64][]holding{}, names: map[int64]Goroutine{}}
	for _, r := range allRecords() {
		s.read(r)
	}
	for id := range s.names {
		if g, ok := lookupG(id); ok {
			s.names[id] = g
		}
	}
	for _, w := range s.waits {
		s.names[w.g.ID] = w.g
	}
	return s
}

func (s *waitSnapshot) read(r *record) {
	r.mu.Lock()
	defer r.mu.Unlock()
	hold := func(id int64, mode string, n int64) {
		s.holds[id] = append(s.holds[id], holding{rec: r, mode: mode, n: n})
		s.names[id] = Goroutine{ID: id}
	}
	owner := r.ownerID()
	if owner != 0 {
		hold(owner, "lock", 1)
	}
	var readers []int64
	unnamedReaders := false
	if r.readers != nil {
		readers, unnamedReaders = r.readers.ids()
		for _, id := range readers {
			hold(id, "rlock", 1)
		}
	}
	holders := slices.Sorted(maps.Keys(r.holders))
	for _, id := range holders {
		hold(id, "acquire", r.holders[id])
	}
	for i, w := range r.waiters {
		ws := &waitState{g: w.g.ref(), seq: w.seq, rec: r, op: w.op, since: w.since, timed: w.timed}
		switch {
		case r.kind == kindMutex:
			ws.blockers = nonZero(owner)
			if owner == w.g.id && !w.relock {
				ws.blockers = nil // it has just taken the lock
			}
		case r.kind == kindRWMutex && w.op == "lock":
			ws.blockers = append(nonZero(owner), readers...)
			ws.unknown = unnamedReaders
		case r.kind == kindRWMutex: // rlock: blocked by the writer and the writers waiting
			ws.blockers = nonZero(owner)
			for _, o := range r.waiters {
				if o.op == "lock" {
					ws.blockers = append(ws.blockers, o.g.id)
				}
			}
		case r.kind == kindSemaphore:
			ws.blockers = slices.Clone(holders)
			for _, o := range r.waiters[:i] { // served in arrival order
				ws.blockers = append(ws.blockers, o.g.id)
			}
			ws.unknown = r.signalling || r.transit > 0
		default:
			ws.unknown = true
		}
		if len(ws.blockers) == 0 {
			ws.unknown = true
		}
		s.waits[w.g.id] = ws
	}
}

func nonZero(id int64) []int64 {
	if id == 0 {
		return nil
	}
	return []int64{id}
}

// deadlocked returns the goroutines that can never proceed, among those in
// candidates (nil: all): a waiting goroutine is deadlocked if its wait has
// no timeout, nothing but its blockers can end it, and all its blockers are
// deadlocked. This is the greatest such set, computed by removing
// goroutines that fail the test until none does; it holds the goroutines
// in wait-for cycles and those waiting on them.
func (s *waitSnapshot) deadlocked(candidates map[int64]bool) map[int64]bool {
	set := map[int64]bool{}
	for id, w := range s.waits {
		if !w.timed && !w.unknown && (candidates == nil || candidates[id]) {
			set[id] = true
		}
	}
	for changed := true; changed; {
		changed = false
		for id := range set {
			for _, b := range s.waits[id].blockers {
				if !set[b] {
					delete(set, id)
					changed = true
					break
				}
			}
		}
	}
	return set
}

// graph returns the wait-for graph of s; dead marks deadlocked goroutines.
// If only is true, it keeps just the deadlocked goroutines and what they
// hold and wait for.
func (s *waitSnapshot) graph(dead map[int64]bool, only bool) WaitGraph {
	var g WaitGraph
	seen := map[string]bool{}
	addNode := func(n Node) {
		if !seen[n.ID] {
			seen[n.ID] = true
			g.Nodes = append(g.Nodes, n)
		}
	}
	gNode := func(id int64) string { return "g" + strconv.FormatInt(id, 10) }
	pNode := func(r *record) string { return "p" + strconv.FormatUint(r.id, 10) }
	keep := func(id int64) bool { return !only || dead[id] }
	involved := map[int64]bool{}
	for _, id := range slices.Sorted(maps.Keys(s.waits)) {
		if !keep(id) {
			continue
		}
		w := s.waits[id]
		involved[id] = true
		addNode(Node{ID: gNode(id), Type: "goroutine", Name: s.names[id].String(), Deadlocked: dead[id]})
		addNode(Node{ID: pNode(w.rec), Type: w.rec.kind.name, Name: w.rec.nameOf(), Deadlocked: dead[id]})
		g.Edges = append(g.Edges, Edge{From: gNode(id), To: pNode(w.rec), Type: "waits", Op: w.op})
		for _, b := range w.blockers {
			if keep(b) {
				involved[b] = true
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(involved)) {
		addNode(Node{ID: gNode(id), Type: "goroutine", Name: s.names[id].String(), Deadlocked: dead[id]})
		for _, h := range s.holds[id] {
			if !seen[pNode(h.rec)] {
				continue // holds a primitive nobody waits for
			}
			g.Edges = append(g.Edges, Edge{From: pNode(h.rec), To: gNode(id), Type: "holds", Op: h.mode})
		}
	}
	return g
}

// Graph returns the current wait-for graph of the goroutines blocked on
// instrumented primitives, with deadlocked goroutines marked. A goroutine
// marked here may be about to be woken; DetectDeadlock and WatchDeadlocks
// confirm a deadlock over time before reporting it.
func Graph() WaitGraph {
	s := takeSnapshot()
	return s.graph(s.deadlocked(nil), false)
}

// Blocked returns the goroutines blocked on instrumented primitives now,
// longest waiting first.
func Blocked() []Stuck {
	s := takeSnapshot()
	var out []Stuck
	for id := range s.waits {
		out = append(out, s.stuck(id))
	}
	slices.SortFunc(out, func(a, b Stuck) int { return cmp.Compare(b.Waited, a.Waited) })
	return out
}

// Stuck describes a blocked goroutine: what it waits for, who must act first,
// and what it holds itself.
type Stuck struct {
	Goroutine Goroutine     `json:"goroutine"`
	WaitsFor  string        `json:"waits_for"`            // primitive name
	Kind      string        `json:"kind"`                 // of WaitsFor
	Op        string        `json:"op"`                   // "lock", "rlock", "acquire", "get", …
	BlockedBy []Goroutine   `json:"blocked_by,omitempty"` // holders, and waiters served first
	Holds     []string      `json:"holds,omitempty"`      // names of the primitives it holds
	Waited    time.Duration `json:"waited"`
}

func (s *waitSnapshot) stuck(id int64) Stuck {
	w := s.waits[id]
	st := Stuck{Goroutine: s.names[id], WaitsFor: w.rec.nameOf(), Kind: w.rec.kind.name, Op: w.op, Waited: time.Duration(s.at - w.since)}
	for _, b := range w.blockers {
		st.BlockedBy = append(st.BlockedBy, s.names[b])
	}
	for _, h := range s.holds[id] {
		if !slices.Contains(st.Holds, h.rec.nameOf()) {
			st.Holds = append(st.Holds, h.rec.nameOf())
		}
	}
	slices.Sort(st.Holds)
	return st
}
