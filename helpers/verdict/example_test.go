package verdict_test

import (
	"fmt"
	"time"

	"github.com/goconc/goconc/helpers/verdict"
)

// runs builds samples of the given wall and CPU times in milliseconds,
// with no report of how long the threads waited for a CPU.
func runs(wallCPU ...[2]int) []verdict.Sample {
	var out []verdict.Sample
	for _, w := range wallCPU {
		out = append(out, verdict.Sample{Wall: time.Duration(w[0]) * time.Millisecond, CPU: time.Duration(w[1]) * time.Millisecond,
			Waited: -1, Stolen: -1, DiskWait: -1})
	}
	return out
}

var (
	twoIdleCPUs = verdict.Machine{GOMAXPROCS: 2, NumCPU: 2, Load: 0.1}
	oneCPU      = verdict.Machine{GOMAXPROCS: 1, NumCPU: 1, Load: 1.2}
	serial      = runs([2]int{100, 100}, [2]int{102, 101}, [2]int{98, 98})
)

// Two goroutines on two idle CPUs: the work finishes in about half the
// time, and the verdict says so.
func ExampleMachine_Speedup_shown() {
	parallel := runs([2]int{52, 103}, [2]int{51, 101}, [2]int{55, 99})
	v := twoIdleCPUs.Speedup("two goroutines are faster than one", 2, serial, parallel)
	fmt.Println(v.Status)
	fmt.Println(v.Measured)
	fmt.Println(v.Expected)
	// Output:
	// shown
	// 2 goroutines were 1.92× (1.78–2.00 over 3 runs) as fast as one; the parallel runs kept 1.98 CPUs (1.80–1.98 over 3 runs) busy (the serial ones 1.00) and used 1.01× their CPU time
	// at most 2× (2 goroutines; GOMAXPROCS 2, 2 CPU(s) allowed, no CPU quota, load average 0.1)
}

// On one CPU no speedup is possible: the verdict says the effect could not
// show, and why.
func ExampleMachine_Speedup_oneCPU() {
	parallel := runs([2]int{101, 100}, [2]int{99, 99}, [2]int{103, 101})
	v := oneCPU.Speedup("two goroutines are faster than one", 2, serial, parallel)
	fmt.Println(v.Status)
	fmt.Println(v.Reason)
	// Output:
	// not-shown
	// this notebook can run Go code on only 1 CPU at a time, so the goroutines take turns and no speedup is possible; with 2 idle CPUs expect close to 2×
}

// Two CPUs, but another program keeps one of them: the parallel runs keep
// only about one CPU busy, and the kernel says their threads waited for a
// CPU half of the time.
func ExampleMachine_Speedup_busy() {
	parallel := waited(50, runs([2]int{95, 105}, [2]int{97, 104}, [2]int{92, 100})...)
	v := twoIdleCPUs.Speedup("two goroutines are faster than one", 2, waited(0, serial...), parallel)
	fmt.Println(v.Status)
	fmt.Println(v.Reason)
	// Output:
	// not-shown
	// the machine was busy: the serial runs kept 1.00 of a CPU busy and the parallel runs 1.09 of the 2 CPUs they may use, while on average 0.53 of their threads stood ready, waiting for a CPU that other programs held; the wall times measure those programs as much as this code
}

// The same runs, but no thread waited for a CPU: the CPUs were free, and
// the goroutines did not use them. Something kept them apart.
func ExampleMachine_Speedup_serialised() {
	parallel := waited(0, runs([2]int{95, 105}, [2]int{97, 104}, [2]int{92, 100})...)
	v := twoIdleCPUs.Speedup("two goroutines are faster than one", 2, waited(0, serial...), parallel)
	fmt.Println(v.Status)
	// Output:
	// contradicted
}

// waited sets the run-queue wait of each sample to ms milliseconds.
func waited(ms int, ss ...verdict.Sample) []verdict.Sample {
	out := make([]verdict.Sample, len(ss))
	for i, s := range ss {
		s.Waited = time.Duration(ms) * time.Millisecond
		out[i] = s
	}
	return out
}

// Serial runs that got a third of a CPU make any speedup look large: the
// verdict does not take it as shown.
func ExampleMachine_Speedup_slowedSerial() {
	slowed := runs([2]int{300, 100}, [2]int{310, 101}, [2]int{290, 98})
	parallel := runs([2]int{120, 100}, [2]int{125, 101}, [2]int{110, 99})
	v := twoIdleCPUs.Speedup("two goroutines are faster than one", 2, slowed, parallel)
	fmt.Printf("%s, %.1f×\n", v.Status, v.Values["speedup"])
	// Output:
	// not-shown, 2.5×
}

// A speedup of 3 with two CPUs is not something CPU-bound work can do.
func ExampleMachine_Speedup_contradicted() {
	parallel := runs([2]int{33, 100}, [2]int{34, 100}, [2]int{32, 98})
	v := twoIdleCPUs.Speedup("two goroutines are faster than one", 2, serial, parallel)
	fmt.Println(v.Status)
	// Output:
	// contradicted
}

// False sharing: counters on one cache line cost time only when the
// goroutines run on two CPUs at once.
func ExampleMachine_Slowdown() {
	padded := runs([2]int{50, 100}, [2]int{52, 103}, [2]int{50, 99})
	packed := runs([2]int{150, 298}, [2]int{160, 310}, [2]int{140, 279})
	fmt.Println(twoIdleCPUs.Slowdown("packed counters are slower", 2, padded, packed).Status)
	fmt.Println(oneCPU.Slowdown("packed counters are slower", 2, padded, padded).Status)
	// Output:
	// shown
	// not-shown
}

// A claim that does not depend on the CPUs is checked against the data.
func ExampleMachine_Check() {
	lost := 97 // runs of 100 that lost increments
	v := oneCPU.Check("unsynchronised increments are lost run after run", lost >= 90,
		fmt.Sprintf("%d of 100 runs lost increments", lost), "nearly every run loses some")
	fmt.Print(v.Markdown())
	// Output:
	// **Shown** — unsynchronised increments are lost run after run
	//
	// - Measured: 97 of 100 runs lost increments
	// - Expected on this machine: nearly every run loses some
	// - Machine: GOMAXPROCS 1, 1 CPU(s) allowed, no CPU quota, load average 1.2
}

// A verdict shows itself as Markdown and carries its fields as JSON under
// verdict.MIMEType.
func ExampleVerdict_MIMEBundle() {
	v := oneCPU.Unshown("the ticker is late", "late by 0", "late by about 10 ms", "no hog ran")
	b := v.MIMEBundle()
	fields := b[verdict.MIMEType].(map[string]any)
	fmt.Println(fields["status"], "·", fields["reason"])
	// Output:
	// not-shown · no hog ran
}

// Measure times a function and the CPU time the process used meanwhile.
func ExampleMeasure() {
	samples := verdict.Measure(3, func() { time.Sleep(time.Millisecond) })
	fmt.Println(len(samples), samples[0].Wall >= time.Millisecond, samples[0].CPUs() < 0.5)
	// Output:
	// 3 true true
}

func ExampleSpreadOf() {
	fmt.Println(verdict.SpreadOf([]float64{1.9, 1.7, 2.0, 1.8}).Format("%.2f", "×"))
	// Output:
	// 1.85× (1.70–2.00 over 4 runs)
}

// Under GOMAXPROCS(1) the goroutines take turns: no speedup, as claimed.
func ExampleMachine_NoSpeedup() {
	parallel := runs([2]int{101, 100}, [2]int{99, 99}, [2]int{103, 101})
	fmt.Println(oneCPU.NoSpeedup("one P gives no speedup", 4, serial, parallel).Status)
	fmt.Println(twoIdleCPUs.NoSpeedup("one P gives no speedup", 4, serial, parallel).Status)
	// Output:
	// shown
	// contradicted
}

// Two ways of doing the same work, within 1.5× of each other.
func ExampleMachine_Similar() {
	other := runs([2]int{110, 100}, [2]int{118, 101}, [2]int{105, 98})
	far := runs([2]int{300, 100}, [2]int{310, 101}, [2]int{290, 98})
	fmt.Println(twoIdleCPUs.Similar("processes take as long as goroutines", 1.5, serial, other).Status)
	fmt.Println(twoIdleCPUs.Similar("processes take as long as goroutines", 1.5, serial, far).Status)
	// Output:
	// shown
	// contradicted
}

// The same runs again, no thread waited for a CPU, but the hypervisor took
// half a CPU's worth of the virtual machine's time: not a contradiction.
func ExampleMachine_Speedup_stolen() {
	parallel := waited(0, runs([2]int{95, 105}, [2]int{97, 104}, [2]int{92, 100})...)
	for i := range parallel {
		parallel[i].Stolen = parallel[i].Wall / 2
	}
	v := twoIdleCPUs.Speedup("two goroutines are faster than one", 2, waited(0, serial...), parallel)
	fmt.Println(v.Status)
	// Output:
	// not-shown
}
