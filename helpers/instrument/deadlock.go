package instrument

import (
	"cmp"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// A Deadlock is a set of goroutines blocked on instrumented primitives that
// can never proceed: each waits for something only another one of them
// could release.
type Deadlock struct {
	// Cycle lists goroutines that wait for each other: each is blocked
	// by the next, and the last by the first.
	Cycle []Stuck `json:"cycle"`
	// Others are deadlocked too: they wait for goroutines of the cycle
	// (or of another cycle).
	Others []Stuck   `json:"others,omitempty"`
	Graph  WaitGraph `json:"graph"` // the deadlocked goroutines and primitives, for a chart
}

// String describes the deadlock, one goroutine per line. It names
// goroutines by label, so that it is reproducible when they are labelled.
func (d Deadlock) String() string {
	var b strings.Builder
	if len(d.Cycle) == 1 {
		b.WriteString("deadlock: a goroutine waits for itself")
	} else {
		fmt.Fprintf(&b, "deadlock: %d goroutines wait for each other", len(d.Cycle))
	}
	for _, s := range d.Cycle {
		b.WriteString("\n  ")
		b.WriteString(s.String())
	}
	for _, s := range d.Others {
		b.WriteString("\n  also stuck: ")
		b.WriteString(s.String())
	}
	return b.String()
}

// String describes s in one line, such as `east holds "A" and waits to
// lock Mutex "B", held by west`.
func (s Stuck) String() string {
	var b strings.Builder
	b.WriteString(s.Goroutine.String())
	if len(s.Holds) > 0 {
		fmt.Fprintf(&b, " holds %s and", quoteAll(s.Holds))
	}
	fmt.Fprintf(&b, " waits to %s %s %q", s.Op, s.Kind, s.WaitsFor)
	if len(s.BlockedBy) > 0 {
		names := make([]string, len(s.BlockedBy))
		for i, g := range s.BlockedBy {
			names[i] = g.String()
		}
		fmt.Fprintf(&b, ", held by %s", strings.Join(names, ", "))
	}
	return b.String()
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// deadlock describes the deadlocked set dead of s.
func (s *waitSnapshot) deadlock(dead map[int64]bool) Deadlock {
	byName := func(a, b int64) int {
		return cmp.Or(strings.Compare(s.names[a].String(), s.names[b].String()), cmp.Compare(a, b))
	}
	ids := slices.SortedFunc(maps.Keys(dead), byName)
	// Follow blockers from the first goroutine until one repeats: every
	// deadlocked goroutine has a deadlocked blocker, so this finds a cycle.
	pos := map[int64]int{}
	var path []int64
	for id := ids[0]; ; {
		if i, ok := pos[id]; ok {
			path = path[i:]
			break
		}
		pos[id] = len(path)
		path = append(path, id)
		var next []int64
		for _, b := range s.waits[id].blockers {
			if dead[b] {
				next = append(next, b)
			}
		}
		id = slices.MinFunc(next, byName)
	}
	// Start the cycle at its first name, for a stable message.
	first := slices.Index(path, slices.MinFunc(path, byName))
	path = slices.Concat(path[first:], path[:first])
	d := Deadlock{Graph: s.graph(dead, true)}
	inCycle := map[int64]bool{}
	for _, id := range path {
		inCycle[id] = true
		d.Cycle = append(d.Cycle, s.stuck(id))
	}
	for _, id := range ids {
		if !inCycle[id] {
			d.Others = append(d.Others, s.stuck(id))
		}
	}
	return d
}

// detector confirms deadlocks over two snapshots: a goroutine counts only
// if it was deadlocked, in the same wait, at the previous check too. This
// rules out goroutines caught between being granted a lock and noticing.
type detector struct {
	prev map[int64]uint64 // deadlocked goroutine -> its wait's seq, at the last check
}

var (
	reportedMu sync.Mutex      // guards reported
	reported   map[uint64]bool // seqs of the waits of every deadlock reported so far
)

// check takes a snapshot and returns a confirmed deadlock that has not
// been reported yet.
func (d *detector) check() (Deadlock, bool) {
	s := takeSnapshot()
	dead := s.deadlocked(nil)
	confirmed := map[int64]bool{}
	for id := range dead {
		if seq, ok := d.prev[id]; ok && seq == s.waits[id].seq {
			confirmed[id] = true
		}
	}
	d.prev = map[int64]uint64{}
	for id := range dead {
		d.prev[id] = s.waits[id].seq
	}
	reportedMu.Lock()
	defer reportedMu.Unlock()
	dead = s.unreported(s.deadlocked(confirmed), reported)
	if len(dead) == 0 {
		return Deadlock{}, false
	}
	if reported == nil {
		reported = map[uint64]bool{}
	}
	for id := range dead {
		reported[s.waits[id].seq] = true
	}
	return s.deadlock(dead), true
}

// unreported keeps the parts of dead (goroutines linked by waiting for one
// another) that contain a wait not in reported.
func (s *waitSnapshot) unreported(dead map[int64]bool, reported map[uint64]bool) map[int64]bool {
	parent := map[int64]int64{}
	var find func(int64) int64
	find = func(id int64) int64 {
		if p, ok := parent[id]; ok && p != id {
			root := find(p)
			parent[id] = root
			return root
		}
		return id
	}
	for id := range dead {
		for _, b := range s.waits[id].blockers {
			parent[find(id)] = find(b)
		}
	}
	fresh := map[int64]bool{}
	for id := range dead {
		if !reported[s.waits[id].seq] {
			fresh[find(id)] = true
		}
	}
	keep := map[int64]bool{}
	for id := range dead {
		if fresh[find(id)] {
			keep[id] = true
		}
	}
	return keep
}

// DetectDeadlock waits up to timeout for goroutines blocked on instrumented
// primitives to deadlock, and returns the deadlock. It checks every 50ms
// and reports a deadlock once two checks agree, so a deadlock that exists
// is found within about 100ms. ok is false if no new deadlock appeared in
// time.
//
// Each deadlock is reported once, by the first DetectDeadlock call or
// WatchDeadlocks watcher that sees it, so that a notebook can demonstrate
// one deadlock after another although the goroutines of the first stay
// blocked. A goroutine that then blocks waiting on them makes a new
// deadlock, reported with them.
func DetectDeadlock(timeout time.Duration) (d Deadlock, ok bool) {
	const every = 50 * time.Millisecond
	deadline := time.Now().Add(timeout)
	var det detector
	for {
		d, ok = det.check()
		if ok || time.Now().After(deadline) {
			return d, ok
		}
		time.Sleep(min(every, time.Until(deadline)+time.Millisecond))
	}
}

// WatchDeadlocks checks for deadlocks every interval (100ms if interval <=
// 0) in a new goroutine, and calls report for each deadlock it confirms,
// within two intervals of its forming; if report is nil, it prints the
// deadlock to standard error. As with DetectDeadlock, a deadlock already
// reported is not reported again. It returns a function that stops the
// watch and waits for it to end.
func WatchDeadlocks(interval time.Duration, report func(Deadlock)) (stop func()) {
	if interval <= 0 {
		interval = 100 * time.Millisecond
	}
	if report == nil {
		report = func(d Deadlock) { fmt.Fprintln(os.Stderr, d) }
	}
	quit := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(interval)
		defer t.Stop()
		var det detector
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				if d, ok := det.check(); ok {
					report(d)
				}
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() { close(quit) })
		<-done
	}
}
