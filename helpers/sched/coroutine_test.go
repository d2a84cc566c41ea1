package sched

import (
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestHandoffRunsSum(t *testing.T) {
	for name, run := range handoffRuns {
		for _, n := range []int{1, 2, 7, 1000} {
			if got, want := run(n), n*(n-1)/2; got != want {
				t.Errorf("%s(%d) = %d, want %d", name, n, got, want)
			}
		}
	}
}

func TestHandoffCostsShape(t *testing.T) {
	before := runtime.NumGoroutine()
	costs, err := HandoffCosts(500, 3)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range costs {
		names = append(names, c.Mechanism)
		if c.Values != 500 || len(c.Runs) != 3 {
			t.Errorf("%s: %d values and %d runs, want 500 and 3", c.Mechanism, c.Values, len(c.Runs))
		}
		if slices.Min(c.Runs) != c.Best || c.Best <= 0 {
			t.Errorf("%s: best %v is not the fastest of %v", c.Mechanism, c.Best, c.Runs)
		}
		if want := float64(c.Best.Nanoseconds()) / 500; c.NsPerValue != want {
			t.Errorf("%s: %v ns per value, want %v", c.Mechanism, c.NsPerValue, want)
		}
	}
	if !slices.Equal(names, HandoffMechanisms()) {
		t.Errorf("mechanisms %v, want %v", names, HandoffMechanisms())
	}
	// Every goroutine a run started has ended (they end before the runs
	// return; give the runtime a moment to account for it).
	for i := 0; i < 100 && runtime.NumGoroutine() > before; i++ {
		time.Sleep(time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after HandoffCosts, %d before", n, before)
	}
}

func TestHandoffCostsClamps(t *testing.T) {
	costs, err := HandoffCosts(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range costs {
		if c.Values != 1 || len(c.Runs) != 1 {
			t.Errorf("%s: %d values, %d runs; want 1 and 1", c.Mechanism, c.Values, len(c.Runs))
		}
	}
}

func TestHandoffTable(t *testing.T) {
	costs, err := HandoffCosts(10, 1)
	if err != nil {
		t.Fatal(err)
	}
	table := HandoffTable(costs)
	if lines := strings.Split(strings.TrimSpace(table), "\n"); len(lines) != 1+len(HandoffMechanisms()) {
		t.Errorf("table has %d lines:\n%s", len(lines), table)
	}
	for _, m := range HandoffMechanisms() {
		if !strings.Contains(table, m) {
			t.Errorf("table misses %q:\n%s", m, table)
		}
	}
}

func BenchmarkHandoff(b *testing.B) {
	for _, name := range HandoffMechanisms() {
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			handoffRuns[name](b.N)
		})
	}
}
