package charts_test

import (
	"fmt"
	"time"

	"github.com/goconc/goconc/charts"
)

// In a notebook the chart is the cell's last value; printing it shows the
// table that terminals and text exports show.
func ExampleScaling() {
	c := charts.Scaling("Sum of squares",
		charts.ScalingSeries{Name: "mutex", Workers: []int{1, 2, 4}, Speedup: []float64{1, 1.4, 1.5}},
		charts.ScalingSeries{Name: "sharded", Workers: []int{1, 2, 4}, Speedup: []float64{1, 1.9, 3.6}},
	)
	fmt.Println(c)
	// Output:
	// Sum of squares
	// series   workers  speedup  ideal  efficiency
	// mutex          1     1.00   1.00      100.0%
	// mutex          2     1.40   2.00       70.0%
	// mutex          4     1.50   4.00       37.5%
	// sharded        1     1.00   1.00      100.0%
	// sharded        2     1.90   2.00       95.0%
	// sharded        4     3.60   4.00       90.0%
}

// Times instead of speedups: the speedup is derived from them, and
// FitAmdahl estimates the serial fraction that the Amdahl curve uses.
func ExampleScaling_amdahl() {
	workers := []int{1, 2, 4, 8}
	times := []time.Duration{800 * time.Millisecond, 450 * time.Millisecond, 270 * time.Millisecond, 160 * time.Millisecond}
	s := charts.ScalingSeries{Name: "pipeline", Workers: workers, Time: times}
	speedup := []float64{1, 800.0 / 450, 800.0 / 270, 800.0 / 160}
	p := charts.FitAmdahl(workers, speedup)
	fmt.Println(charts.Scaling("Pipeline", s).Amdahl(p))
	// Output:
	// Pipeline
	// series    workers  speedup   time  ideal  amdahl  efficiency
	// pipeline        1     1.00  800ms   1.00    1.00      100.0%
	// pipeline        2     1.78  450ms   2.00    1.81       88.9%
	// pipeline        4     2.96  270ms   4.00    3.06       74.1%
	// pipeline        8     5.00  160ms   8.00    4.65       62.5%
	// amdahl: S(n) = 1/(p + (1-p)/n) with p = 0.103, at most 9.71×
}

func ExampleAmdahlSpeedup() {
	for _, n := range []int{1, 2, 8, 1000} {
		fmt.Printf("%d workers: %.2f×\n", n, charts.AmdahlSpeedup(0.1, n))
	}
	// Output:
	// 1 workers: 1.00×
	// 2 workers: 1.82×
	// 8 workers: 4.71×
	// 1000 workers: 9.91×
}

func ExampleContention() {
	fmt.Println(charts.Contention("Who waits?",
		charts.ContentionStat{Name: "mu", Acquisitions: 10000, Contended: 3100,
			TotalWait: 95 * time.Millisecond, P50: 18 * time.Microsecond, P99: 240 * time.Microsecond},
		charts.ContentionStat{Name: "jobs", Acquisitions: 5000, Contended: 400,
			TotalWait: 6 * time.Millisecond, P50: 9 * time.Microsecond, P99: 61 * time.Microsecond},
	))
	// Output:
	// Who waits?
	// primitive  acquisitions  contended  share  total wait  p50 wait  p99 wait
	// mu                10000       3100  31.0%      95.0ms    18.0µs     240µs
	// jobs               5000        400   8.0%      6.00ms    9.00µs    61.0µs
}

// The text form of a timeline sums the time each lane spent in each state.
func ExampleTimeline() {
	ms := time.Millisecond
	fmt.Println(charts.Timeline("Two goroutines, one mutex",
		charts.Span{Lane: "g1", State: "running", Start: 0, End: 3 * ms, Detail: "holds mu"},
		charts.Span{Lane: "g2", State: "blocked on mu", Start: 1 * ms, End: 3 * ms},
		charts.Span{Lane: "g2", State: "running", Start: 3 * ms, End: 5 * ms, Detail: "holds mu"},
		charts.Span{Lane: "g1", State: "waiting", Start: 3 * ms, End: 5 * ms, Detail: "wg.Wait()"},
	).Color("waiting", "#999999"))
	// Output:
	// Two goroutines, one mutex
	// lane  running  blocked on mu  waiting   total
	// g1     3.00ms                  2.00ms  5.00ms
	// g2     2.00ms         2.00ms           4.00ms
	// 4 spans from 0ns to 5.00ms
}

func ExampleHistogram() {
	var waits []time.Duration
	for i := 1; i <= 100; i++ {
		waits = append(waits, time.Duration(i*i)*time.Microsecond)
	}
	fmt.Println(charts.Histogram("Waits", charts.Samples{Name: "mutex", Values: waits}).Bins(5).Linear())
	// Output:
	// Waits
	//   from      to  mutex
	// 1.00µs  2.00ms     44
	// 2.00ms  4.00ms     19
	// 4.00ms  6.00ms     14
	// 6.00ms  8.00ms     12
	// 8.00ms  10.0ms     11
	// mutex: n=100, min 1.00µs, p50 2.50ms, p90 8.10ms, p99 9.80ms, max 10.0ms
}

func ExampleCompare() {
	fmt.Println(charts.Compare("Goroutine or process?",
		[]string{"goroutine", "process"},
		charts.Metric{Name: "memory", Unit: "B", Values: []float64{2600, 9 << 20}},
		charts.Metric{Name: "start", Unit: "s", Values: charts.Seconds(250*time.Nanosecond, 1200*time.Microsecond)},
	))
	// Output:
	// Goroutine or process?
	//                       memory   start
	// goroutine            2.54KiB   250ns
	// process              9.00MiB  1.20ms
	// process / goroutine    ×3630   ×4800
}

func ExampleInterleavings() {
	fmt.Println(charts.Interleavings("x++ twice",
		charts.Schedule{Steps: []string{"A: load", "A: store", "B: load", "B: store"}, Outcome: "x = 2"},
		charts.Schedule{Steps: []string{"A: load", "B: load", "A: store", "B: store"}, Outcome: "x = 1"},
	).Expect("x = 2"))
	// Output:
	// x++ twice
	// #  schedule                                 outcome
	// 1  A: load → A: store → B: load → B: store  x = 2
	// 2  A: load → B: load → A: store → B: store  x = 1  ✗
	// x = 2: 1 of 2 schedules (50.0%)
	// x = 1: 1 of 2 schedules (50.0%), wrong
}

// Outside a notebook the display functions print the text form of each
// update. With a long LiveInterval only the first state and the last, shown
// as soon as all steps are done, appear here.
func ExampleNewLive() {
	defer func(d time.Duration) { charts.LiveInterval = d }(charts.LiveInterval)
	charts.LiveInterval = time.Hour

	live := charts.NewLive("Speedup by workers", 3).Axes("workers", "speedup")
	for i, n := range []int{1, 2, 4} {
		live.Add("sharded", float64(n), []float64{1, 1.9, 3.6}[i])
	}
	// Output:
	// Speedup by workers
	// [..............................] 0/3 steps (0.0%)
	// Speedup by workers
	// [##############################] 3/3 steps (100.0%)
	// series   workers  speedup
	// sharded        1        1
	// sharded        2     1.90
	// sharded        4     3.60
}
