package sched_test

import (
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goconc/goconc/helpers/sched"
)

// spin keeps a P busy for about d without blocking.
func spin(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}

func TestTraceSummaryIsConsistent(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	var mu sync.Mutex
	var workers []int64
	s, err := sched.Trace(func() {
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				spin(30 * time.Millisecond)
				mu.Lock()
				workers = append(workers, 0)
				mu.Unlock()
			}()
		}
		wg.Wait()
	})
	if err != nil {
		t.Fatal(err)
	}
	if s.GOMAXPROCS != 2 || len(s.Procs) != 2 {
		t.Fatalf("GOMAXPROCS %d, %d procs, want 2 and 2", s.GOMAXPROCS, len(s.Procs))
	}
	if s.Wall < 30*time.Millisecond {
		t.Errorf("wall %v, shorter than the workers ran", s.Wall)
	}
	if s.Created < 2 || s.Goroutines < 3 || s.Caller <= 0 {
		t.Errorf("created %d, goroutines %d, caller %d: want ≥ 2, ≥ 3, > 0", s.Created, s.Goroutines, s.Caller)
	}
	for _, p := range s.Procs {
		if p.Busy+p.Idle != s.Wall || p.Busy < 0 || p.Utilisation < 0 || p.Utilisation > 1 {
			t.Errorf("P%d: busy %v + idle %v != wall %v, or utilisation %v out of range", p.Proc, p.Busy, p.Idle, s.Wall, p.Utilisation)
		}
	}
	// Two goroutines spinning on two Ps for most of the window.
	if u := s.Utilisation(); u < 0.5 || u > 1 {
		t.Errorf("utilisation %.2f, want between 0.5 and 1\n%s", u, s.Table())
	}
	ends := map[int]time.Duration{}
	var sum time.Duration
	for _, sp := range s.Spans {
		if sp.Start < 0 || sp.End > s.Wall || sp.End <= sp.Start || sp.Proc < 0 || sp.Proc >= 2 {
			t.Fatalf("span %+v outside the window [0, %v] or the Ps", sp, s.Wall)
		}
		if sp.Start < ends[sp.Proc] {
			t.Errorf("span %+v overlaps the previous one on its P", sp)
		}
		ends[sp.Proc] = sp.End
		sum += sp.End - sp.Start
	}
	if s.SpansDropped == 0 && sum != s.Busy() {
		t.Errorf("spans add up to %v, busy %v", sum, s.Busy())
	}
	table := s.Table()
	for _, want := range []string{"GOMAXPROCS 2", "utilisation", "\n  0 ", "\n  1 "} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
}

func TestTraceRefusesNesting(t *testing.T) {
	ran := false
	var inner error
	_, err := sched.Trace(func() {
		_, inner = sched.Trace(func() { ran = true })
	})
	if err != nil {
		t.Fatal(err)
	}
	if inner == nil || ran {
		t.Errorf("nested Trace: error %v, ran %v; want an error and f not run", inner, ran)
	}
}

func TestTraceStopsOnPanic(t *testing.T) {
	func() {
		defer func() {
			if r := recover(); r != "boom" {
				t.Errorf("recovered %v, want boom", r)
			}
		}()
		sched.Trace(func() { panic("boom") })
	}()
	if _, err := sched.Trace(func() {}); err != nil {
		t.Errorf("after a panic: %v", err)
	}
}
