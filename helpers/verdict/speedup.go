package verdict

import (
	"fmt"
	"math"
)

// Speedup judges the claim that workers goroutines do a fixed amount of
// CPU-bound work faster than one goroutine does it alone. serial and
// parallel are repeated runs of the one and the other, in the same number
// and interleaved or in turn; each pair of runs gives one speedup.
//
// Theory: the speedup is at most the least of workers and the CPUs the
// process may use (Machine.CPUs), and at most the CPUs the parallel runs
// actually got, which another busy process reduces. The verdict is Shown
// when the speedup reaches halfway to that limit, NotShown when the limit
// is one CPU or the runs did not get the CPUs they could use, and
// Contradicted when the speedup exceeds what the CPUs allow, or stays low
// although the runs got the CPUs and did no extra work.
func Speedup(claim string, workers int, serial, parallel []Sample) Verdict {
	return Probe().Speedup(claim, workers, serial, parallel)
}

// Speedup is the package's Speedup judged for machine m.
func (m Machine) Speedup(claim string, workers int, serial, parallel []Sample) Verdict {
	sp := SpreadOf(ratios(walls(serial), walls(parallel)))
	got := SpreadOf(cpus(parallel))
	extra := SpreadOf(ratios(cpuTimes(parallel), cpuTimes(serial))).Median
	limit := min(float64(workers), m.CPUs())
	v := Verdict{
		Claim:   claim,
		Machine: m,
		Measured: fmt.Sprintf("%d goroutines were %s as fast as one; their runs kept %s busy and used %.2f× the CPU time of the serial runs",
			workers, sp.Format("%.2f", "×"), got.Format("%.2f", " CPUs"), extra),
		Expected: fmt.Sprintf("at most %.3g× (%s)", limit, limitReason(workers, m)),
		Values: map[string]float64{
			"speedup": sp.Median, "speedup_min": sp.Min, "speedup_max": sp.Max,
			"limit": limit, "cpus_busy": got.Median, "cpu_time_ratio": extra,
		},
	}
	switch {
	case sp.Median > limit*1.2+0.15:
		v.Status = Contradicted
		v.Reason = fmt.Sprintf("%.2f× is more than %.3g CPU(s) can give to CPU-bound work: the serial runs were probably slowed by something else", sp.Median, limit)
	case limit < 1.5:
		v.Status = NotShown
		v.Reason = fmt.Sprintf("this notebook can run Go code on only %.3g CPU at a time, so the goroutines take turns and no speedup is possible; with %d idle CPUs expect close to %d×", limit, workers, workers)
	case sp.Median >= 1+0.5*(limit-1):
		v.Status = Shown
	case got.Median < 0.8*limit:
		v.Status = NotShown
		v.Reason = fmt.Sprintf("the machine was busy: the parallel runs kept only %.2f CPUs busy of the %.3g they may use, so other programs had the rest", got.Median, limit)
	case extra > 1.25:
		v.Status = NotShown
		v.Reason = fmt.Sprintf("the parallel runs needed %.2f× the CPU time for the same work: the CPUs ran slower together (hyperthreads of one core, a hypervisor giving them less time, or other programs on them)", extra)
	default:
		v.Status = Contradicted
		v.Reason = "the parallel runs got the CPUs and did no extra work, yet were not faster"
	}
	return v
}

// limitReason says what bounds the speedup on m with workers goroutines.
func limitReason(workers int, m Machine) string {
	switch c := m.CPUs(); {
	case float64(workers) <= c:
		return fmt.Sprintf("%d goroutines; %s", workers, m)
	case m.Quota > 0 && m.Quota <= float64(min(m.GOMAXPROCS, m.NumCPU)):
		return fmt.Sprintf("the container's CPU quota of %.3g; %s", m.Quota, m)
	case m.GOMAXPROCS < m.NumCPU:
		return fmt.Sprintf("GOMAXPROCS is %d; %s", m.GOMAXPROCS, m)
	default:
		return fmt.Sprintf("%d CPU(s) allowed; %s", m.NumCPU, m)
	}
}

// Slowdown judges the claim that goroutines sharing something in memory
// (a cache line, a lock) run slower than the same goroutines working
// apart, because they run at the same instant on different CPUs. apart
// and together are repeated runs of each version with workers goroutines.
//
// Theory: with one CPU the goroutines never run at the same instant and
// both versions take the same time. The verdict is Shown when together
// takes at least 1.2× as long as apart; NotShown when only one CPU can
// run them, or the runs together did not keep 1.5 CPUs busy; and
// Contradicted otherwise, or when one CPU shows a slowdown over 1.5×.
func Slowdown(claim string, workers int, apart, together []Sample) Verdict {
	return Probe().Slowdown(claim, workers, apart, together)
}

// Slowdown is the package's Slowdown judged for machine m.
func (m Machine) Slowdown(claim string, workers int, apart, together []Sample) Verdict {
	r := SpreadOf(ratios(walls(together), walls(apart)))
	got := SpreadOf(cpus(together))
	limit := min(float64(workers), m.CPUs())
	v := Verdict{
		Claim:   claim,
		Machine: m,
		Measured: fmt.Sprintf("together took %s as long as apart; the runs together kept %s busy",
			r.Format("%.2f", "×"), got.Format("%.2f", " CPUs")),
		Expected: fmt.Sprintf("a slowdown only when goroutines run at the same instant: up to %.3g at once here (%s)", limit, limitReason(workers, m)),
		Values:   map[string]float64{"slowdown": r.Median, "slowdown_min": r.Min, "slowdown_max": r.Max, "limit": limit, "cpus_busy": got.Median},
	}
	switch {
	case limit < 1.5 && r.Median > 1.5:
		v.Status = Contradicted
		v.Reason = "on one CPU the goroutines never run at the same instant, yet one version was much slower"
	case limit < 1.5:
		v.Status = NotShown
		v.Reason = fmt.Sprintf("this notebook can run Go code on only %.3g CPU at a time: the goroutines take turns, nothing is contended between CPUs, and both versions take about as long", limit)
	case r.Median >= 1.2:
		v.Status = Shown
	case got.Median < 1.5:
		v.Status = NotShown
		v.Reason = fmt.Sprintf("the machine was busy: the runs kept only %.2f CPUs busy, so the goroutines seldom ran at the same instant", got.Median)
	default:
		v.Status = Contradicted
		v.Reason = "the goroutines ran on several CPUs at once, yet sharing cost nothing measurable"
	}
	if math.IsNaN(r.Median) {
		v.Status = Contradicted
		v.Reason = "no runs to compare"
	}
	return v
}
