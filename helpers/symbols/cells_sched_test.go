package symbols_test

import "testing"

const workloadHeader = `import (
	"fmt"
	"time"

	"github.com/goconc/goconc/helpers/workload"
)`

var workloadCells = []cellCase{
	{
		name: "integral and chunks",
		cells: []string{`
fmt.Printf("%.4f %.4f %.4f\n", workload.IntegrateSquare(0, 10, 100000), workload.IntegrateSquareParallel(0, 10, 100000, 4), workload.SquareIntegral(0, 10))
chunks := workload.Split(10, 3)
fmt.Println(chunks, chunks[1].Len(), workload.IntegrateSquareSteps(0, 10, 10, chunks[0]) > 0)`},
		want: "333.3333 333.3333 333.3333\n[[0, 4) [4, 7) [7, 10)] 3 true\n",
	},
	{
		name: "primes, spin, io",
		cells: []string{`
fmt.Println(workload.IsPrime(97), workload.CountPrimes(0, 100), workload.CountPrimesParallel(0, 100, 3))
fmt.Println(workload.Spin(time.Millisecond) > 0, workload.Busy(10) == workload.Busy(10))
d := workload.SimulateIO(3, time.Millisecond)
fmt.Println(d >= 500*time.Microsecond && d < 1500*time.Microsecond)`},
		want: "true 25 25\ntrue true\ntrue\n",
	},
	{
		name: "logs",
		cells: []string{`
entries := workload.GenerateLogs(1, 3)
fmt.Println(entries[0].Path, entries[0].Status, entries[0].Latency)
lines := workload.LogLines(1, 3)
e, err := workload.ParseLog(lines[2])
fmt.Println(e.Path, err == nil, e == entries[2])
_, err = workload.ParseLog("nonsense")
fmt.Println(err != nil)`},
		want: "/products/5 200 22ms\n/products/0 true true\ntrue\n",
	},
}

const schedHeader = `import (
	"fmt"
	"time"

	"github.com/goconc/goconc/helpers/instrument"
	"github.com/goconc/goconc/helpers/sched"
	"github.com/goconc/goconc/helpers/workload"
)`

var schedCells = []cellCase{
	{
		name: "sweep with an interpreted workload",
		why:  "an interpreted func(int) as the workload; results read back",
		cells: []string{`
res, err := sched.Sweep(sched.SweepConfig{Workers: []int{1, 2}, Repeat: 2}, func(workers int) {
	workload.IntegrateSquareParallel(0, 10, 50000, workers)
})
fmt.Println(err, len(res.Points), res.Points[1].Workers, len(res.Points[1].Runs), res.Points[0].Speedup, len(res.Fits))
fit, err := sched.FitAmdahl([]int{1, 2, 4}, []float64{1, 1.6, 2.5})
fmt.Printf("%.2f %v %.1f\n", fit.SerialFraction, err, fit.Speedup(1))`},
		want: "<nil> 2 2 2 1 1\n0.22 <nil> 1.0\n",
	},
	{
		name: "interleavings of the lost update",
		cells: []string{`
res, err := sched.Interleavings(map[string]int{"counter": 0}, []sched.Thread{
	sched.IncrementThread("A", "counter"),
	sched.IncrementThread("B", "counter"),
}, sched.InterleaveOptions{})
fmt.Println(err, res.Total, len(res.Outcomes), res.Outcomes[0].Outcome, res.Outcomes[0].Count)`},
		want: "<nil> 20 2 counter=1 18\n",
	},
	{
		name: "interleavings of interpreted steps",
		why:  "step funcs written in the cell, stored in compiled structs and called back",
		cells: []string{`
read := sched.Step{Name: "read", Do: func(shared, local map[string]int) { local["r"] = shared["x"] }}
double := sched.Step{Name: "double", Do: func(shared, local map[string]int) { shared["x"] = 2 * local["r"] }}
addOne := sched.Step{Name: "add", Do: func(shared, local map[string]int) { shared["x"] = shared["x"] + 1 }}
res, err := sched.Interleavings(map[string]int{"x": 1}, []sched.Thread{
	{Name: "D", Steps: []sched.Step{read, double}},
	{Name: "I", Steps: []sched.Step{addOne}},
}, sched.InterleaveOptions{})
fmt.Println(err)
fmt.Print(res.Table())`},
		want: `<nil>
3 interleavings, 3 outcomes
outcome   runs  example
x=2          1  D.read I.add D.double
x=3          1  D.read D.double I.add
x=4          1  I.add D.read D.double
`,
	},
	{
		name: "cooperative scheduler",
		why:  "interpreted tasks that take *sched.Task and yield, sleep and wait",
		cells: []string{`
c := sched.NewCoop(sched.CoopOptions{})
c.Spawn("ping", func(t *sched.Task) {
	for i := 0; i < 2; i++ {
		fmt.Println("ping", t.Now())
		t.Yield()
	}
})
c.Spawn("io", func(t *sched.Task) {
	t.WaitIO("disk", 10*time.Millisecond)
	fmt.Println("io done", t.Now())
	t.Sleep(time.Millisecond)
})
trace, err := c.Run()
fmt.Println(err, len(trace.Slices), trace.End)`},
		want: "ping 0s\nping 2ms\nio done 12ms\n<nil> 6 15ms\n",
	},
	{
		name: "timeline",
		cells: []string{`
mu := instrument.NewMutex("tl")
tl := sched.Record(func() {
	var g instrument.Group
	g.GoN("w", 2, func(i int) {
		mu.Lock()
		time.Sleep(time.Millisecond)
		mu.Unlock()
	})
	g.Wait()
})
holds := 0
for _, s := range tl.Spans {
	if s.State == "holding" && s.Object == "tl" {
		holds++
	}
}
fmt.Println(len(tl.Goroutines) >= 2, holds, len(tl.Chart(30)) > 0)`},
		want: "true 2 true\n",
	},
}

func TestWorkloadFromCells(t *testing.T) { runCells(t, workloadHeader, workloadCells) }

func TestSchedFromCells(t *testing.T) { runCells(t, schedHeader, schedCells) }
