package charts_test

import (
	"fmt"
	"time"

	"github.com/goconc/goconc/charts"
	"github.com/goconc/goconc/helpers/instrument"
	"github.com/goconc/goconc/helpers/sched"
)

// sweepResult is what sched.Sweep returns for a workload that scales
// well with 4 Ps and not at all with 1.
func sweepResult() sched.SweepResult {
	ms := time.Millisecond
	var r sched.SweepResult
	for _, procs := range []int{1, 4} {
		var ws []int
		var sp []float64
		for i, w := range []int{1, 2, 4} {
			median := []time.Duration{400 * ms, 410 * ms, 420 * ms}[i]
			if procs == 4 {
				median = []time.Duration{400 * ms, 215 * ms, 125 * ms}[i]
			}
			s := float64(400*ms) / float64(median)
			r.Points = append(r.Points, sched.SweepPoint{Procs: procs, Workers: w,
				Runs: []time.Duration{median - ms, median, median + 2*ms}, Median: median,
				Min: median - ms, Max: median + 2*ms, Speedup: s, Efficiency: s / float64(w)})
			ws, sp = append(ws, w), append(sp, s)
		}
		fit, err := sched.FitAmdahl(ws, sp)
		if err != nil {
			panic(err)
		}
		fit.Procs = procs
		r.Fits = append(r.Fits, fit)
	}
	return r
}

// The chart of a sched.Sweep has a line and an Amdahl curve per
// GOMAXPROCS value.
func ExampleFromSweep() {
	fmt.Println(charts.FromSweep("Integral of x²", sweepResult()))
	// Output:
	// Integral of x²
	// GOMAXPROCS  workers  median    min    max  speedup  amdahl  efficiency
	//          1        1   400ms  399ms  402ms     1.00    1.00      100.0%
	//          1        2   410ms  409ms  412ms     0.98    1.00       48.8%
	//          1        4   420ms  419ms  422ms     0.95    1.00       23.8%
	//          4        1   400ms  399ms  402ms     1.00    1.00      100.0%
	//          4        2   215ms  214ms  217ms     1.86    1.85       93.0%
	//          4        4   125ms  124ms  127ms     3.20    3.22       80.0%
	// GOMAXPROCS=1: Amdahl S(n) = 1/(p + (1-p)/n) with p = 1.00, at most 1.00×, rmse 0.0309
	// GOMAXPROCS=4: Amdahl S(n) = 1/(p + (1-p)/n) with p = 0.0808, at most 12.4×, rmse 0.0128
}

// waitDist is a wait distribution: n operations, of which those in buckets
// past the first waited.
func waitDist(zero int64, waited ...instrument.Bucket) instrument.Dist {
	d := instrument.Dist{Count: zero}
	var sum time.Duration
	if zero > 0 {
		d.Buckets = append(d.Buckets, instrument.Bucket{Below: 1, Count: zero})
	}
	for _, b := range waited {
		d.Count += b.Count
		sum += time.Duration(b.Count) * b.Below * 3 / 4
		d.Max = b.Below - 1
		d.Buckets = append(d.Buckets, b)
	}
	d.Mean = sum / time.Duration(d.Count)
	d.P50, d.P90, d.P99 = 0, d.Max/2, d.Max*9/10
	return d
}

func bucket(below time.Duration, n int64) instrument.Bucket {
	return instrument.Bucket{Below: below, Count: n}
}

// mutexStats and queueStats are what Stats returns for a busy mutex and a
// bounded queue.
func mutexStats() instrument.Stats {
	return instrument.Stats{Name: "mu", Kind: "Mutex", Ops: []instrument.OpStats{
		{Op: "lock", Count: 1000, Contended: 300,
			Wait: waitDist(700, bucket(16384, 100), bucket(32768, 150), bucket(65536, 50))},
	}, Labels: []instrument.OpStats{
		{Op: "lock", Label: "worker-0", Count: 500, Contended: 100, Wait: waitDist(400, bucket(16384, 60), bucket(32768, 40))},
		{Op: "lock", Label: "worker-1", Count: 500, Contended: 200, Wait: waitDist(300, bucket(16384, 40), bucket(32768, 110), bucket(65536, 50))},
	}}
}

func queueStats() instrument.Stats {
	return instrument.Stats{Name: "jobs", Kind: "Queue", Ops: []instrument.OpStats{
		{Op: "put", Count: 200, Contended: 20, Wait: waitDist(180, bucket(1<<20, 20))},
		{Op: "get", Count: 200, Contended: 120, Wait: waitDist(80, bucket(1<<18, 60), bucket(1<<19, 60))},
	}, MaxLen: 8, Cap: 8}
}

// A Contention chart straight from the primitives' Stats: a Queue has a
// row per operation.
func ExampleFromStats() {
	fmt.Println(charts.FromStats("Who waits?", mutexStats(), queueStats()))
	// Output:
	// Who waits?
	// primitive  acquisitions  contended  share  total wait  p50 wait  p99 wait
	// mu                 1000        300  30.0%      7.37ms    21.8µs    63.6µs
	// jobs: put           200         20  10.0%      15.7ms     786µs    1.04ms
	// jobs: get           200        120  60.0%      35.4ms     262µs     519µs
}

// Split by goroutine label: which workers waited.
func ExampleFromStatsByLabel() {
	fmt.Println(charts.FromStatsByLabel("mu by worker", mutexStats()))
	// Output:
	// mu by worker
	// primitive  acquisitions  contended  share  total wait  p50 wait  p99 wait
	// worker-0            500        100  20.0%      1.72ms    15.0µs    32.4µs
	// worker-1            500        200  40.0%      5.65ms    25.3µs    64.2µs
}

// The histogram of the waits the instrument package counted in
// power-of-two buckets.
func ExampleFromHistogram() {
	fmt.Println(charts.FromHistogram("Lock waits", "mu", mutexStats().Op("lock").Wait).NonZero())
	// Output:
	// Lock waits
	//   from      to   mu
	// 8.19µs  16.4µs  100
	// 16.4µs  32.8µs  150
	// 32.8µs  65.5µs   50
	// mu: n=1000, mean 7.37µs, p50 0ns, p90 32.8µs, p99 59.0µs, max 65.5µs
}

// One series per operation that waited.
func ExampleFromWaits() {
	fmt.Println(charts.FromWaits("Queue waits", queueStats()))
	// Output:
	// Queue waits
	//  from      to  jobs: put  jobs: get
	//     0       0        180         80
	// 131µs   262µs          0         60
	// 262µs   524µs          0         60
	// 524µs  1.05ms         20          0
	// jobs: put: n=200, mean 78.6µs, p50 0ns, p90 524µs, p99 944µs, max 1.05ms
	// jobs: get: n=200, mean 177µs, p50 0ns, p90 262µs, p99 472µs, max 524µs
}

// A timeline as sched.Record returns it, on the instrument package's
// clock: the chart starts at the recording's start, and running while
// holding a lock shows as "holding".
func ExampleFromTimeline() {
	ms := time.Millisecond
	t0 := 5 * time.Second
	tl := sched.Timeline{Start: t0, End: t0 + 6*ms, Goroutines: []string{"worker-0", "worker-1"},
		Spans: []sched.Span{
			{Goroutine: "worker-0", ID: 7, State: "running", Start: t0, End: t0 + 5*ms},
			{Goroutine: "worker-0", ID: 7, State: "holding", Object: "mu", Start: t0 + 1*ms, End: t0 + 3*ms},
			{Goroutine: "worker-1", ID: 8, State: "running", Start: t0, End: t0 + 2*ms},
			{Goroutine: "worker-1", ID: 8, State: "blocked", Object: "mu", Start: t0 + 2*ms, End: t0 + 3*ms},
			{Goroutine: "worker-1", ID: 8, State: "running", Start: t0 + 3*ms, End: t0 + 6*ms},
			{Goroutine: "worker-1", ID: 8, State: "holding", Object: "mu", Start: t0 + 3*ms, End: t0 + 4*ms},
		}}
	fmt.Println(charts.FromTimeline("Two workers, one mutex", tl))
	// Output:
	// Two workers, one mutex
	// lane      running  holding  blocked   total
	// worker-0   3.00ms   2.00ms           5.00ms
	// worker-1   4.00ms   1.00ms   1.00ms  6.00ms
	// 7 spans from 0ns to 6.00ms
}

// The cooperative scheduler runs in virtual time, so its trace is the
// same every time.
func ExampleFromCoop() {
	coop := sched.NewCoop(sched.CoopOptions{})
	coop.Spawn("fetch", func(t *sched.Task) {
		t.WaitIO("GET /a", 5*time.Millisecond)
		t.Yield()
	})
	coop.Spawn("tick", func(t *sched.Task) {
		for range 3 {
			t.Sleep(time.Millisecond)
		}
	})
	tr, err := coop.Run()
	if err != nil {
		panic(err)
	}
	fmt.Println(charts.FromCoop("An event loop", tr))
	// Output:
	// An event loop
	// lane   running  waiting for I/O   ready  sleeping   total
	// fetch   3.00ms           5.00ms                    8.00ms
	// tick    4.00ms                   2.00ms    3.00ms  9.00ms
	// 13 spans from 0ns to 9.00ms
}

// Two threads that each read x and write x+1: the runs that interleave
// them lose an update.
func ExampleFromInterleavings() {
	inc := func(name string) sched.Thread {
		return sched.Thread{Name: name, Steps: []sched.Step{
			{Name: "read", Do: func(shared, local map[string]int) { local["r"] = shared["x"] }},
			{Name: "write", Do: func(shared, local map[string]int) { shared["x"] = local["r"] + 1 }},
		}}
	}
	r, err := sched.Interleavings(map[string]int{"x": 0}, []sched.Thread{inc("A"), inc("B")}, sched.InterleaveOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(charts.FromInterleavings("x++ twice", r))
	// Output:
	// x++ twice
	// #  schedule                                 outcome
	// 1  A: read → A: write → B: read → B: write  x=2
	// 2  A: read → B: read → A: write → B: write  x=1  ✗
	// 3  A: read → B: read → B: write → A: write  x=1  ✗
	// 4  B: read → A: read → A: write → B: write  x=1  ✗
	// 5  B: read → A: read → B: write → A: write  x=1  ✗
	// 6  B: read → B: write → A: read → A: write  x=2
	// x=1: 4 of 6 schedules (66.7%), wrong
	// x=2: 2 of 6 schedules (33.3%)
}

// deadlock is what instrument.DetectDeadlock reports when two goroutines
// lock two mutexes in opposite orders.
func deadlock() instrument.Deadlock {
	east, west := instrument.Goroutine{ID: 21, Label: "east"}, instrument.Goroutine{ID: 22, Label: "west"}
	return instrument.Deadlock{
		Cycle: []instrument.Stuck{
			{Goroutine: east, WaitsFor: "B", Kind: "Mutex", Op: "lock", BlockedBy: []instrument.Goroutine{west}, Holds: []string{"A"}},
			{Goroutine: west, WaitsFor: "A", Kind: "Mutex", Op: "lock", BlockedBy: []instrument.Goroutine{east}, Holds: []string{"B"}},
		},
		Graph: instrument.WaitGraph{
			Nodes: []instrument.Node{
				{ID: "g21", Type: "goroutine", Name: "east", Deadlocked: true},
				{ID: "p2", Type: "Mutex", Name: "B", Deadlocked: true},
				{ID: "g22", Type: "goroutine", Name: "west", Deadlocked: true},
				{ID: "p1", Type: "Mutex", Name: "A", Deadlocked: true},
			},
			Edges: []instrument.Edge{
				{From: "g21", To: "p2", Type: "waits", Op: "lock"},
				{From: "g22", To: "p1", Type: "waits", Op: "lock"},
				{From: "p1", To: "g21", Type: "holds", Op: "lock"},
				{From: "p2", To: "g22", Type: "holds", Op: "lock"},
			},
		},
	}
}

// The graph of a deadlock, with its description.
func ExampleFromDeadlock() {
	fmt.Println(charts.FromDeadlock("Two mutexes, opposite orders", deadlock()))
	// Output:
	// Two mutexes, opposite orders
	// from       edge             to
	// east       waits to lock →  B (Mutex)
	// B (Mutex)  held by →        west
	// west       waits to lock →  A (Mutex)
	// A (Mutex)  held by →        east
	// deadlock: 2 goroutines wait for each other
	//   east holds "A" and waits to lock Mutex "B", held by west
	//   west holds "B" and waits to lock Mutex "A", held by east
}

// A wait-for graph without a deadlock: readers wait for a writer that
// waits for the reader holding the lock.
func ExampleWaitForGraph() {
	g := instrument.WaitGraph{
		Nodes: []instrument.Node{
			{ID: "g3", Type: "goroutine", Name: "writer"},
			{ID: "p1", Type: "RWMutex", Name: "table"},
			{ID: "g4", Type: "goroutine", Name: "reader-1"},
			{ID: "g2", Type: "goroutine", Name: "reader-0"},
		},
		Edges: []instrument.Edge{
			{From: "g3", To: "p1", Type: "waits", Op: "lock"},
			{From: "g4", To: "p1", Type: "waits", Op: "rlock"},
			{From: "p1", To: "g2", Type: "holds", Op: "rlock"},
		},
	}
	fmt.Println(charts.WaitForGraph("Who waits for the table?", g))
	// Output:
	// Who waits for the table?
	// from             edge               to
	// writer           waits to lock →    table (RWMutex)
	// table (RWMutex)  held (rlock) by →  reader-0
	// reader-1         waits to rlock →   table (RWMutex)
}
