package sched_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/goconc/goconc/helpers/instrument"
	"github.com/goconc/goconc/helpers/sched"
	"github.com/goconc/goconc/helpers/workload"
)

// Sweep times a workload for several worker counts; speedups are relative
// to one worker. (Timings vary from run to run, so this example prints
// only the shape of the result.)
func ExampleSweep() {
	res, err := sched.Sweep(sched.SweepConfig{Workers: []int{2, 4}, Repeat: 1}, func(workers int) {
		workload.IntegrateSquareParallel(0, 10, 200_000, workers)
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range res.Points {
		fmt.Println("workers", p.Workers, "runs", len(p.Runs))
	}
	fmt.Printf("baseline speedup %.1f, %d fit\n", res.Points[0].Speedup, len(res.Fits))
	// Output:
	// workers 1 runs 1
	// workers 2 runs 1
	// workers 4 runs 1
	// baseline speedup 1.0, 1 fit
}

// FitAmdahl recovers the serial fraction behind measured speedups.
func ExampleFitAmdahl() {
	workers := []int{1, 2, 4, 8}
	speedups := []float64{1, 1.82, 3.08, 4.71} // 10% serial work
	fit, err := sched.FitAmdahl(workers, speedups)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(fit)
	fmt.Printf("predicted for 16 workers: %.1f\n", fit.Speedup(16))
	// Output:
	// serial fraction 0.100 (at most 10.0x), rmse 0.002
	// predicted for 16 workers: 6.4
}

// Two threads that increment a shared counter without a lock: of the 20
// interleavings of their read, increment and write steps, most lose an
// update.
func ExampleInterleavings() {
	res, err := sched.Interleavings(map[string]int{"counter": 0}, []sched.Thread{
		sched.IncrementThread("A", "counter"),
		sched.IncrementThread("B", "counter"),
	}, sched.InterleaveOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(res.Table())
	// Output:
	// 20 interleavings, 2 outcomes
	// outcome     runs  example
	// counter=1     18  A.read A.increment B.read A.write B.increment B.write
	// counter=2      2  A.read A.increment A.write B.read B.increment B.write
}

// Threads are made of named steps over shared state and per-thread locals.
func ExampleInterleavings_custom() {
	transfer := sched.Thread{Name: "T", Steps: []sched.Step{
		{Name: "check", Do: func(s, l map[string]int) { l["ok"] = boolInt(s["balance"] >= 80) }},
		{Name: "withdraw", Do: func(s, l map[string]int) {
			if l["ok"] == 1 {
				s["balance"] -= 80
			}
		}},
	}}
	other := transfer
	other.Name = "U"
	res, _ := sched.Interleavings(map[string]int{"balance": 100}, []sched.Thread{transfer, other}, sched.InterleaveOptions{})
	for _, o := range res.Outcomes {
		fmt.Println(o.Outcome, o.Count)
	}
	// Output:
	// balance=-60 4
	// balance=20 2
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// With too many interleavings to enumerate, a seeded sample is run.
func ExampleInterleavings_sampled() {
	threads := []sched.Thread{
		sched.IncrementThread("A", "n"), sched.IncrementThread("B", "n"), sched.IncrementThread("C", "n"),
	}
	res, _ := sched.Interleavings(nil, threads, sched.InterleaveOptions{Limit: 100, Samples: 200, Seed: 1})
	fmt.Println(res.Total, res.Sampled, len(res.Runs))
	// Output: 1680 true 200
}

// Cooperative tasks take turns only when they yield, sleep or wait for
// I/O. In virtual time every turn takes 1ms and the trace is exact.
func ExampleCoop() {
	c := sched.NewCoop(sched.CoopOptions{})
	c.Spawn("fetch", func(t *sched.Task) {
		t.WaitIO("GET /", 5*time.Millisecond)
		fmt.Println("fetched at", t.Now())
	})
	c.Spawn("count", func(t *sched.Task) {
		for i := range 3 {
			fmt.Println("count", i, "at", t.Now())
			t.Yield()
		}
	})
	trace, err := c.Run()
	if err != nil {
		fmt.Println(err)
	}
	fmt.Print(trace.Table())
	// Output:
	// count 0 at 1ms
	// count 1 at 2ms
	// count 2 at 3ms
	// fetched at 6ms
	//      start        end  task   then
	//         0s        1ms  fetch  io GET /
	//        1ms        2ms  count  yield
	//        2ms        3ms  count  yield
	//        3ms        4ms  count  yield
	//        4ms        5ms  count  done
	//        6ms        7ms  fetch  done
}

// Record turns the instrumented operations of a section of code into
// spans per goroutine.
func ExampleRecord() {
	mu := instrument.NewMutex("M")
	tl := sched.Record(func() {
		mu.Lock()
		var g instrument.Group
		g.Go("waiter", func() {
			mu.Lock()
			mu.Unlock()
		})
		for len(mu.Stats().Waiters) == 0 {
			time.Sleep(time.Millisecond)
		}
		mu.Unlock()
		g.Wait()
	})
	for _, s := range tl.Spans {
		if s.Goroutine == "waiter" {
			fmt.Println(strings.TrimSpace(s.State + " " + s.Object))
		}
	}
	// Output:
	// running
	// blocked M
	// holding M
	// running
}
