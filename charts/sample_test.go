package charts_test

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/goconc/goconc/charts"
)

// sample is a chart of typical data, as the course shows them.
type sample struct {
	name  string // golden file and test name
	chart interface {
		MIMEBundle() map[string]any
		String() string
	}
}

// samples returns one typical chart of each kind, built from fixed data.
func samples() []sample {
	ms := time.Millisecond
	return []sample{
		{"scaling", charts.Scaling("Sum of squares of 10M ints",
			charts.ScalingSeries{Name: "mutex", Workers: []int{1, 2, 4, 8},
				Time: []time.Duration{400 * ms, 260 * ms, 210 * ms, 200 * ms}},
			charts.ScalingSeries{Name: "sharded", Workers: []int{1, 2, 4, 8},
				Speedup: []float64{1, 1.9, 3.5, 5.8}},
		).Amdahl(0.08)},
		{"scaling_time", charts.Scaling("Time by workers",
			charts.ScalingSeries{Name: "channel", Workers: []int{1, 2, 4, 8, 16},
				Time: []time.Duration{800 * ms, 420 * ms, 230 * ms, 140 * ms, 110 * ms}},
		).ByTime().Amdahl(0.05)},
		{"contention", charts.Contention("Who waits?",
			charts.ContentionStat{Name: "mu (sync.Mutex)", Acquisitions: 100000, Contended: 37210,
				TotalWait: 1840 * ms, P50: 21 * time.Microsecond, P99: 310 * time.Microsecond},
			charts.ContentionStat{Name: "rw (sync.RWMutex)", Acquisitions: 100000, Contended: 8120,
				TotalWait: 240 * ms, P50: 12 * time.Microsecond, P99: 95 * time.Microsecond},
			charts.ContentionStat{Name: "jobs (chan int)", Acquisitions: 50000, Contended: 20400,
				TotalWait: 960 * ms, P50: 30 * time.Microsecond, P99: 420 * time.Microsecond},
		)},
		{"timeline", charts.Timeline("Four workers and a mutex", timelineSpans()...)},
		{"histogram", charts.Histogram("Lock wait", charts.Samples{Name: "mutex", Values: waits(1, 2000)},
			charts.Samples{Name: "channel", Values: waits(2, 2000)})},
		{"compare", charts.Compare("A goroutine and a process",
			[]string{"goroutine", "process"},
			charts.Metric{Name: "memory", Unit: "B", Values: []float64{2720, 12.5 * 1024 * 1024}},
			charts.Metric{Name: "start latency", Unit: "s", Values: charts.Seconds(310*time.Nanosecond, 1450*time.Microsecond)},
		)},
		{"interleavings", charts.Interleavings("x++ in two goroutines",
			charts.Schedule{Steps: []string{"A: load x", "A: store x+1", "B: load x", "B: store x+1"}, Outcome: "x = 2"},
			charts.Schedule{Steps: []string{"A: load x", "B: load x", "A: store x+1", "B: store x+1"}, Outcome: "x = 1"},
			charts.Schedule{Steps: []string{"A: load x", "B: load x", "B: store x+1", "A: store x+1"}, Outcome: "x = 1"},
			charts.Schedule{Steps: []string{"B: load x", "A: load x", "A: store x+1", "B: store x+1"}, Outcome: "x = 1"},
			charts.Schedule{Steps: []string{"B: load x", "A: load x", "B: store x+1", "A: store x+1"}, Outcome: "x = 1"},
			charts.Schedule{Steps: []string{"B: load x", "B: store x+1", "A: load x", "A: store x+1"}, Outcome: "x = 2"},
		).Expect("x = 2")},
	}
}

// timelineSpans is four workers taking turns at a mutex: 40 spans.
func timelineSpans() []charts.Span {
	var spans []charts.Span
	us := time.Microsecond
	for w := 0; w < 4; w++ {
		lane := fmt.Sprintf("worker %d", w)
		t := time.Duration(w*15) * us
		spans = append(spans, charts.Span{Lane: lane, State: "runnable", Start: 0, End: t})
		for i := 0; i < 4; i++ {
			wait := time.Duration((w*7+i*13)%40+10) * us
			spans = append(spans,
				charts.Span{Lane: lane, State: "running", Start: t, End: t + 60*us, Detail: fmt.Sprintf("job %d", i)},
				charts.Span{Lane: lane, State: "blocked on mu", Start: t + 60*us, End: t + 60*us + wait, Detail: "mu.Lock()"},
			)
			t += 60*us + wait
		}
		spans = append(spans, charts.Span{Lane: lane, State: "waiting", Start: t, End: 480 * us, Detail: "wg.Wait()"})
	}
	return spans
}

// waits is n long-tailed waits, the same for the same seed.
func waits(seed uint64, n int) []time.Duration {
	r := rand.New(rand.NewPCG(seed, 42))
	v := make([]time.Duration, n)
	for i := range v {
		v[i] = time.Duration(5000+r.ExpFloat64()*float64(20000*seed)) * time.Nanosecond
	}
	return v
}
