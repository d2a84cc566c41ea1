package charts

import (
	"time"

	"github.com/goconc/goconc/helpers/instrument"
)

// FromStats returns the Contention chart of instrumented primitives, from
// their Stats (m.Stats(), or instrument.Snapshot()...):
//
//	charts.FromStats("Who waits?", mu.Stats(), jobs.Stats())
//
// Each primitive has a row per operation that can wait: a Mutex its
// locks, a Semaphore its acquisitions, an RWMutex its locks and read locks
// ("rw: lock", "rw: rlock"), a Queue its puts and gets ("jobs: put",
// "jobs: get"), an Event, a Cond or a Barrier its waits (Event.Set and
// Cond.Signal never wait and are left out). Acquisitions are the completed
// operations, contended ones those that had to wait; the total wait is
// their count times their mean wait; p50 and p99 are estimated from the
// waits of the contended operations alone (instrument's Dist counts an
// operation that did not wait as a wait of zero). An RWMutex or Queue
// operation never used is left out when the other one was.
func FromStats(title string, stats ...instrument.Stats) *ContentionChart {
	var rows []ContentionStat
	for _, s := range stats {
		rows = append(rows, statRows(s.Name, s.Ops)...)
	}
	return Contention(title, rows...)
}

// FromStatsByLabel returns the Contention chart of one primitive split by
// goroutine label (Stats.Labels): which goroutines waited, and how long.
// Rows are named by label ("(unlabelled)" for goroutines without one), and
// by operation too for an RWMutex or a Queue ("reader-1: rlock").
func FromStatsByLabel(title string, s instrument.Stats) *ContentionChart {
	multi := len(waitingOps(s.Ops)) > 1
	var rows []ContentionStat
	for _, o := range s.Labels {
		if !canWait(o.Op) || o.Count == 0 && o.Failed == 0 {
			continue
		}
		name := o.Label
		if name == "" {
			name = "(unlabelled)"
		}
		if multi {
			name += ": " + o.Op
		}
		rows = append(rows, contentionRow(name, o))
	}
	return Contention(title, rows...)
}

// canWait reports whether an operation can make its caller wait.
func canWait(op string) bool {
	switch op {
	case "set", "signal", "broadcast", "unlock", "runlock", "release", "clear":
		return false
	}
	return true
}

func waitingOps(ops []instrument.OpStats) []instrument.OpStats {
	var out []instrument.OpStats
	for _, o := range ops {
		if canWait(o.Op) {
			out = append(out, o)
		}
	}
	return out
}

// statRows returns the rows of one primitive.
func statRows(name string, ops []instrument.OpStats) []ContentionStat {
	ops = waitingOps(ops)
	if len(ops) == 0 {
		return []ContentionStat{{Name: name}}
	}
	if len(ops) == 1 {
		return []ContentionStat{contentionRow(name, ops[0])}
	}
	var rows []ContentionStat
	for _, o := range ops {
		if o.Count > 0 || o.Failed > 0 {
			rows = append(rows, contentionRow(name+": "+o.Op, o))
		}
	}
	if len(rows) == 0 {
		rows = append(rows, contentionRow(name+": "+ops[0].Op, ops[0]))
	}
	return rows
}

func contentionRow(name string, o instrument.OpStats) ContentionStat {
	return ContentionStat{
		Name:         name,
		Acquisitions: o.Count,
		Contended:    min(max(o.Contended, 0), o.Count),
		TotalWait:    o.Wait.Mean * time.Duration(o.Wait.Count),
		P50:          waitedQuantile(o.Wait, 0.5),
		P99:          waitedQuantile(o.Wait, 0.99),
	}
}

// waitedQuantile estimates the q-quantile of the nonzero durations of d,
// interpolating inside their power-of-two bucket as the instrument package
// does for all of them.
func waitedQuantile(d instrument.Dist, q float64) time.Duration {
	var n int64
	for _, b := range d.Buckets {
		if b.Below > 1 {
			n += b.Count
		}
	}
	if n == 0 {
		return 0
	}
	rank := q * float64(n)
	var seen int64
	for _, b := range d.Buckets {
		if b.Below <= 1 || b.Count <= 0 {
			continue
		}
		if float64(seen+b.Count) >= rank {
			lo := float64(b.Below / 2)
			hi := max(min(float64(b.Below), float64(d.Max)), lo)
			v := lo + (hi-lo)*(rank-float64(seen))/float64(b.Count)
			if d.Max > 0 {
				v = min(v, float64(d.Max))
			}
			return time.Duration(v)
		}
		seen += b.Count
	}
	return d.Max
}
