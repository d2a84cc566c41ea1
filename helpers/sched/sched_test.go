package sched

import (
	"math"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goconc/goconc/helpers/instrument"
)

func TestFitAmdahlRecoversSerialFraction(t *testing.T) {
	for _, s := range []float64{0, 0.05, 0.25, 1} {
		ws := []int{1, 2, 3, 4, 8}
		var sp []float64
		for _, n := range ws {
			sp = append(sp, 1/(s+(1-s)/float64(n)))
		}
		fit, err := FitAmdahl(ws, sp)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(fit.SerialFraction-s) > 1e-9 || fit.RMSE > 1e-9 {
			t.Errorf("s=%v: fit %+v", s, fit)
		}
		if (s == 0) != (fit.MaxSpeedup == 0) {
			t.Errorf("s=%v: max speedup %v", s, fit.MaxSpeedup)
		}
	}
	// Superlinear speedups clamp to no serial work.
	if fit, _ := FitAmdahl([]int{1, 2}, []float64{1, 2.5}); fit.SerialFraction != 0 {
		t.Errorf("superlinear: %+v", fit)
	}
}

func TestFitAmdahlErrors(t *testing.T) {
	for name, c := range map[string]struct {
		ws []int
		sp []float64
	}{
		"lengths":    {[]int{1, 2}, []float64{1}},
		"one worker": {[]int{1, 1}, []float64{1, 1}},
		"zero":       {[]int{0, 2}, []float64{1, 2}},
		"speedup":    {[]int{1, 2}, []float64{1, 0}},
	} {
		if _, err := FitAmdahl(c.ws, c.sp); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestSweepRunsEveryPoint(t *testing.T) {
	procsBefore := runtime.GOMAXPROCS(0)
	var calls atomic.Int64
	seenProcs := map[int]bool{}
	res, err := Sweep(SweepConfig{Workers: []int{3, 2, 2}, Procs: []int{1, 2}, Warmup: 2, Repeat: 2}, func(workers int) {
		calls.Add(1)
		seenProcs[runtime.GOMAXPROCS(0)] = true
	})
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOMAXPROCS(0) != procsBefore {
		t.Errorf("GOMAXPROCS not restored: %d, was %d", runtime.GOMAXPROCS(0), procsBefore)
	}
	if !seenProcs[1] || !seenProcs[2] {
		t.Errorf("GOMAXPROCS values seen by the workload: %v", seenProcs)
	}
	// Workers 1 (added), 2, 3 for two GOMAXPROCS values, 4 runs each.
	if n := calls.Load(); n != 2*3*4 {
		t.Errorf("work called %d times, want 24", n)
	}
	var got []int
	for _, p := range res.Points {
		got = append(got, p.Procs*10+p.Workers)
		if len(p.Runs) != 2 || p.Min > p.Median || p.Median > p.Max {
			t.Errorf("point %+v", p)
		}
		if math.Abs(p.Efficiency-p.Speedup/float64(p.Workers)) > 1e-12 {
			t.Errorf("efficiency %v for speedup %v on %d workers", p.Efficiency, p.Speedup, p.Workers)
		}
	}
	if !slices.Equal(got, []int{11, 12, 13, 21, 22, 23}) {
		t.Errorf("points (procs*10+workers) = %v", got)
	}
	if res.Points[0].Speedup != 1 || len(res.Fits) != 2 || res.Fits[1].Procs != 2 {
		t.Errorf("baseline or fits wrong: %+v", res)
	}
	if !strings.Contains(res.Table(), "GOMAXPROCS 2:") {
		t.Errorf("table:\n%s", res.Table())
	}
}

func TestSweepErrors(t *testing.T) {
	noop := func(int) {}
	if _, err := Sweep(SweepConfig{Workers: []int{0}}, noop); err == nil {
		t.Error("worker count 0 accepted")
	}
	if _, err := Sweep(SweepConfig{Procs: []int{-1}}, noop); err == nil {
		t.Error("GOMAXPROCS -1 accepted")
	}
	_, err := Sweep(SweepConfig{Workers: []int{1, 2}, Warmup: -1, Repeat: 1}, func(w int) {
		if w == 2 {
			panic("boom")
		}
	})
	if err == nil || !strings.Contains(err.Error(), "2 workers") || !strings.Contains(err.Error(), "boom") {
		t.Errorf("panic reported as %v", err)
	}
}

func TestInterleavingsEnumerateAll(t *testing.T) {
	a := Thread{Name: "A", Steps: []Step{{Name: "1"}, {Name: "2"}}}
	b := Thread{Name: "B", Steps: []Step{{Name: "1"}, {Name: "2"}, {Name: "3"}}}
	res, err := Interleavings(nil, []Thread{a, b}, InterleaveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 10 || len(res.Runs) != 10 || res.Sampled {
		t.Fatalf("total %d, runs %d, sampled %v", res.Total, len(res.Runs), res.Sampled)
	}
	seen := map[string]bool{}
	for _, r := range res.Runs {
		s := strings.Join(r.Schedule, " ")
		if seen[s] {
			t.Errorf("schedule %s twice", s)
		}
		seen[s] = true
		if strings.Index(s, "A.1") > strings.Index(s, "A.2") || strings.Index(s, "B.2") > strings.Index(s, "B.3") {
			t.Errorf("schedule %s breaks a thread's order", s)
		}
	}
}

func TestInterleavingsSamplingIsSeeded(t *testing.T) {
	threads := []Thread{IncrementThread("A", "n"), IncrementThread("B", "n"), IncrementThread("C", "n")}
	opts := InterleaveOptions{Limit: 10, Samples: 50, Seed: 7}
	r1, _ := Interleavings(nil, threads, opts)
	r2, _ := Interleavings(nil, threads, opts)
	if !r1.Sampled || len(r1.Runs) != 50 {
		t.Fatalf("sampled %v, %d runs", r1.Sampled, len(r1.Runs))
	}
	for i := range r1.Runs {
		if !slices.Equal(r1.Runs[i].Schedule, r2.Runs[i].Schedule) {
			t.Fatal("same seed, different samples")
		}
	}
	total := 0
	for _, o := range r1.Outcomes {
		total += o.Count
		if !strings.HasPrefix(o.Outcome, "n=") {
			t.Errorf("outcome %q", o.Outcome)
		}
	}
	if total != 50 {
		t.Errorf("outcome counts add to %d", total)
	}
	if multinomial([]int{40, 40}) != math.MaxInt {
		t.Error("overflow not capped")
	}
}

func TestInterleavingsStepPanic(t *testing.T) {
	bad := Thread{Name: "X", Steps: []Step{{Name: "divide", Do: func(s, _ map[string]int) { s["q"] = 1 / s["zero"] }}}}
	_, err := Interleavings(map[string]int{"zero": 0}, []Thread{bad}, InterleaveOptions{})
	if err == nil || !strings.Contains(err.Error(), "thread X, step divide") {
		t.Errorf("err = %v", err)
	}
}

func TestCoopRealTimeAndPanics(t *testing.T) {
	c := NewCoop(CoopOptions{RealTime: true})
	var order []string
	c.Spawn("sleeper", func(task *Task) {
		task.Sleep(2 * time.Millisecond)
		order = append(order, "sleeper")
	})
	c.Spawn("crasher", func(*Task) { panic("oops") })
	c.Spawn("yielder", func(task *Task) {
		task.Yield()
		order = append(order, "yielder")
	})
	trace, err := c.Run()
	if err == nil || !strings.Contains(err.Error(), "crasher") {
		t.Errorf("err = %v", err)
	}
	if !slices.Equal(order, []string{"yielder", "sleeper"}) {
		t.Errorf("order %v", order)
	}
	last := trace.Slices[len(trace.Slices)-1]
	if last.Task != "sleeper" || last.Reason != "done" || last.Start < 2*time.Millisecond || trace.End < last.End {
		t.Errorf("last slice %+v, end %v", last, trace.End)
	}
}

func TestCoopWakesInOrder(t *testing.T) {
	c := NewCoop(CoopOptions{Slice: time.Microsecond})
	var order []string
	for _, name := range []string{"a", "b", "c"} {
		c.Spawn(name, func(task *Task) {
			task.Sleep(time.Second) // same wake-up time: in the order they slept
			order = append(order, task.Name())
		})
	}
	if _, err := c.Run(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(order, []string{"a", "b", "c"}) {
		t.Errorf("order %v", order)
	}
}

func TestRecordWaitsAndChart(t *testing.T) {
	ev := instrument.NewEvent("go signal")
	tl := Record(func() {
		var g instrument.Group
		g.Go("runner", func() { ev.Wait() })
		for len(ev.Stats().Waiters) == 0 {
			time.Sleep(time.Millisecond)
		}
		ev.Set()
		g.Wait()
	})
	var states []string
	for _, s := range tl.Spans {
		if s.Goroutine == "runner" {
			states = append(states, s.State)
			if s.End < s.Start || s.Start < tl.Start || s.End > tl.End {
				t.Errorf("span %+v outside [%v, %v]", s, tl.Start, tl.End)
			}
		}
	}
	if !slices.Equal(states, []string{"running", "waiting", "running"}) {
		t.Errorf("runner states %v", states)
	}
	chart := tl.Chart(20)
	if !strings.HasPrefix(chart, "runner ") || !strings.Contains(chart, "~") {
		t.Errorf("chart:\n%s", chart)
	}
}

func TestFromLogStillBlockedAtEnd(t *testing.T) {
	g := instrument.Goroutine{ID: 5, Label: "stuck"}
	entries := []instrument.LogEntry{
		{At: 10, Goroutine: g, Op: "start", Phase: "done"},
		{At: 20, Goroutine: g, Object: "M", Kind: "Mutex", Op: "lock", Phase: "done"},
		{At: 30, Goroutine: g, Object: "N", Kind: "Mutex", Op: "lock", Phase: "blocked"},
	}
	tl := FromLog(entries, 0, 100)
	want := []Span{
		{Goroutine: "stuck", ID: 5, State: "running", Start: 10, End: 30},
		{Goroutine: "stuck", ID: 5, State: "holding", Object: "M", Start: 20, End: 100},
		{Goroutine: "stuck", ID: 5, State: "blocked", Object: "N", Start: 30, End: 100},
	}
	if !slices.Equal(tl.Spans, want) {
		t.Errorf("spans\n%+v\nwant\n%+v", tl.Spans, want)
	}
}
