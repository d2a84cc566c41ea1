package sched

import (
	"runtime"
	"strings"
	"testing"
)

func TestChanRunEnds(t *testing.T) {
	for _, tc := range []struct{ capacity, items, producers, consumers int }{
		{0, 1000, 1, 1},
		{4, 1001, 3, 2},
		{64, 7, 4, 4},  // more producers than some of them have items for
		{1, 0, 2, 1},   // nothing to send: the run still ends
		{-1, 10, 0, 0}, // nonsense counts are clamped
	} {
		if d := ChanRun(tc.capacity, tc.items, tc.producers, tc.consumers); d <= 0 {
			t.Errorf("ChanRun%+v = %v, want a positive duration", tc, d)
		}
	}
}

func TestChanSweepPoints(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	res, err := ChanSweep(ChanConfig{Capacities: []int{0, 8}, Items: 2000, Procs: []int{1, 2}, Repeat: 2})
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOMAXPROCS(0) != before {
		t.Errorf("GOMAXPROCS %d after the sweep, want %d", runtime.GOMAXPROCS(0), before)
	}
	if len(res.Points) != 4 {
		t.Fatalf("%d points, want 4", len(res.Points))
	}
	for i, p := range res.Points {
		wantProcs, wantCap := 1+i/2, []int{0, 8}[i%2]
		if p.Procs != wantProcs || p.Capacity != wantCap || p.Items != 2000 || len(p.Runs) != 2 {
			t.Errorf("point %d = %+v, want procs %d capacity %d with 2 runs", i, p, wantProcs, wantCap)
		}
		if p.Median <= 0 || p.PerSecond <= 0 || p.PerItem != p.Median/2000 {
			t.Errorf("point %d: median %v, per item %v, per second %v", i, p.Median, p.PerItem, p.PerSecond)
		}
	}
	if got := res.Select(2); len(got) != 2 || got[0].Procs != 2 {
		t.Errorf("Select(2) = %+v", got)
	}
	if tab := res.Table(); strings.Count(tab, "\n") != 5 || !strings.Contains(tab, "capacity") {
		t.Errorf("table:\n%s", tab)
	}
}

func TestChanSweepDefaultsAndErrors(t *testing.T) {
	if _, err := ChanSweep(ChanConfig{Capacities: []int{-1}}); err == nil {
		t.Error("negative capacity accepted")
	}
	if _, err := ChanSweep(ChanConfig{Procs: []int{0}}); err == nil {
		t.Error("GOMAXPROCS 0 accepted")
	}
	res, err := ChanSweep(ChanConfig{Items: 100, Repeat: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Points) != 6 || res.Points[0].Capacity != 0 || res.Points[5].Capacity != 256 {
		t.Errorf("default capacities: %+v", res.Points)
	}
}
