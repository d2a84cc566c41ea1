package verdict

import (
	"fmt"
	"math"
	"time"
)

// Speedup judges the claim that workers goroutines do a fixed amount of
// CPU-bound work faster than one goroutine does it alone. serial and
// parallel are repeated runs of the one and the other, in the same number
// and interleaved or in turn; each pair of runs gives one speedup.
//
// Theory: the speedup is at most the least of workers and the CPUs the
// process may use (Machine.CPUs), and only if the runs get those CPUs.
// The verdict is NotShown when that limit is one CPU. When the serial runs
// kept less than 0.8 of a CPU busy, or the parallel runs less than 0.7 of
// the CPUs they could use, it asks the kernel how long the threads waited
// for a CPU: NotShown if a fifth of a thread or more on average (a busy machine: the
// wall times measure other programs as much as the code), Contradicted if
// hardly at all (the CPUs were free, so the goroutines did not run at
// once). Otherwise it is Shown when the median speedup reaches halfway to
// the limit, Contradicted when it exceeds what the CPUs allow, and
// NotShown with the reason the CPU times give when it stays lower.
func Speedup(claim string, workers int, serial, parallel []Sample) Verdict {
	return Probe().Speedup(claim, workers, serial, parallel)
}

// Speedup is the package's Speedup judged for machine m.
func (m Machine) Speedup(claim string, workers int, serial, parallel []Sample) Verdict {
	sp := SpreadOf(ratios(walls(serial), walls(parallel)))
	gotSer := SpreadOf(cpus(serial))
	got := SpreadOf(cpus(parallel))
	extra := SpreadOf(ratios(cpuTimes(parallel), cpuTimes(serial))).Median
	limit := min(float64(workers), m.CPUs())
	v := Verdict{
		Claim:   claim,
		Machine: m,
		Measured: fmt.Sprintf("%d goroutines were %s as fast as one; the parallel runs kept %s busy (the serial ones %.2f) and used %.2f× their CPU time",
			workers, sp.Format("%.2f", "×"), got.Format("%.2f", " CPUs"), gotSer.Median, extra),
		Expected: fmt.Sprintf("at most %.3g× (%s)", limit, limitReason(workers, m)),
		Values: map[string]float64{
			"speedup": sp.Median, "speedup_min": sp.Min, "speedup_max": sp.Max, "limit": limit,
			"cpus_busy": got.Median, "cpus_busy_serial": gotSer.Median, "cpu_time_ratio": extra,
		},
	}
	switch {
	case limit < 1.5 && sp.Min > 1.5:
		v.Status = Contradicted
		v.Reason = fmt.Sprintf("every parallel run was over 1.5× faster although only %.3g CPU can run Go code at a time", limit)
	case limit < 1.5:
		v.Status = NotShown
		v.Reason = fmt.Sprintf("this notebook can run Go code on only %.3g CPU at a time, so the goroutines take turns and no speedup is possible; with %d idle CPUs expect close to %d×", limit, workers, workers)
		if gotSer.Median < 0.8 {
			v.Reason += fmt.Sprintf(" (the machine was busy too: the serial runs kept %.2f of a CPU busy, so the wall times vary with other programs)", gotSer.Median)
		}
	case gotSer.Median < 0.8 || got.Median < 0.7*limit:
		v.Status, v.Reason = starved(fmt.Sprintf("the serial runs kept %.2f of a CPU busy and the parallel runs %.2f of the %.3g CPUs they may use", gotSer.Median, got.Median, limit), serial, parallel)
	case sp.Median > limit*1.2+0.15:
		v.Status = Contradicted
		v.Reason = fmt.Sprintf("%.2f× is more than %.3g CPU(s) can give to CPU-bound work", sp.Median, limit)
	case sp.Median >= 1+0.5*(limit-1):
		v.Status = Shown
	case extra > 1.25:
		v.Status = NotShown
		v.Reason = fmt.Sprintf("the parallel runs needed %.2f× the CPU time for the same work: the CPUs ran slower together (hyperthreads of one core, a hypervisor giving them less time, or other programs on them)", extra)
	default:
		v.Status = NotShown
		v.Reason = fmt.Sprintf("the parallel runs kept %.2f CPUs busy (the serial ones %.2f) and used %.2f× their CPU time: together that allows only about %.2f×", got.Median, gotSer.Median, extra, got.Median/max(gotSer.Median, 0.01)/max(extra, 0.01))
	}
	return v
}

// starved explains runs that kept fewer CPUs busy than they could (what
// says by how much). NotShown if a hypervisor stole a fifth of a CPU or
// more, if the machine waited as long for its disks, or if on average a
// fifth of a thread or more stood ready but waiting for a CPU that other
// programs held. If the kernel reports none of these, nothing else held
// the CPUs, so the goroutines themselves did not run at once:
// Contradicted. Without the kernel's report of waiting threads,
// NotShown, with the likelier reason.
func starved(what string, runs ...[]Sample) (Status, string) {
	waited, known := 0.0, true
	stolen, disk := 0.0, 0.0 // unknown counts as none
	for _, rs := range runs {
		w, ok := waits(rs)
		known = known && ok
		if ok {
			waited = max(waited, SpreadOf(w).Median)
		}
		if st, ok := perWall(rs, func(s Sample) time.Duration { return s.Stolen }); ok {
			stolen = max(stolen, SpreadOf(st).Median)
		}
		if io, ok := perWall(rs, func(s Sample) time.Duration { return s.DiskWait }); ok {
			disk = max(disk, SpreadOf(io).Median)
		}
	}
	switch {
	case stolen >= 0.2:
		return NotShown, fmt.Sprintf("the machine was busy: %s, while the hypervisor gave %.2f CPUs' worth of this virtual machine's time to other machines", what, stolen)
	case disk >= 0.2:
		return NotShown, fmt.Sprintf("the runs waited for the disk: %s, while %.2f CPUs' worth of the machine's time went to waiting for I/O", what, disk)
	case !known:
		return NotShown, "the machine was probably busy: " + what + "; other programs had the rest, so the wall times measure them as much as this code"
	case waited >= 0.2:
		return NotShown, fmt.Sprintf("the machine was busy: %s, while on average %.2f of their threads stood ready, waiting for a CPU that other programs held; the wall times measure those programs as much as this code", what, waited)
	default:
		return Contradicted, fmt.Sprintf("%s, yet their threads hardly ever waited for a CPU (%.2f of a thread on average): no other program held the CPUs, so the goroutines themselves did not run at once (a lock, a channel or a serial part keeps them apart)", what, waited)
	}
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
// both versions take the same time. The verdict is NotShown when only one
// CPU can run them, or when either version's runs kept less than 0.7 of
// the CPUs they could use busy while their threads waited for CPUs that
// other programs held (a busy machine; if they did not wait, the
// goroutines did not run at once: Contradicted); otherwise Shown when
// together takes at least 1.2× as long as apart, and Contradicted when it
// does not, or when one CPU shows a slowdown of over 1.5× in every run.
func Slowdown(claim string, workers int, apart, together []Sample) Verdict {
	return Probe().Slowdown(claim, workers, apart, together)
}

// Slowdown is the package's Slowdown judged for machine m.
func (m Machine) Slowdown(claim string, workers int, apart, together []Sample) Verdict {
	r := SpreadOf(ratios(walls(together), walls(apart)))
	got := SpreadOf(cpus(together))
	gotApart := SpreadOf(cpus(apart))
	limit := min(float64(workers), m.CPUs())
	v := Verdict{
		Claim:   claim,
		Machine: m,
		Measured: fmt.Sprintf("together took %s as long as apart; the runs together kept %s busy, apart %.2f",
			r.Format("%.2f", "×"), got.Format("%.2f", " CPUs"), gotApart.Median),
		Expected: fmt.Sprintf("a slowdown only when goroutines run at the same instant: up to %.3g at once here (%s)", limit, limitReason(workers, m)),
		Values:   map[string]float64{"slowdown": r.Median, "slowdown_min": r.Min, "slowdown_max": r.Max, "limit": limit, "cpus_busy": got.Median},
	}
	switch {
	case limit < 1.5 && r.Min > 1.5:
		v.Status = Contradicted
		v.Reason = "on one CPU the goroutines never run at the same instant, yet one version was much slower"
	case limit < 1.5:
		v.Status = NotShown
		v.Reason = fmt.Sprintf("this notebook can run Go code on only %.3g CPU at a time: the goroutines take turns, nothing is contended between CPUs, and both versions take about as long", limit)
	case got.Median < 0.7*limit || gotApart.Median < 0.7*limit:
		v.Status, v.Reason = starved(fmt.Sprintf("the runs kept only %.2f (together) and %.2f (apart) of %.3g CPUs busy, so the goroutines seldom ran at the same instant", got.Median, gotApart.Median, limit), apart, together)
	case r.Median >= 1.2:
		v.Status = Shown
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

// NoSpeedup judges the claim that workers goroutines do a fixed amount of
// CPU-bound work no faster than one goroutine, because only one of them
// can run at a time (GOMAXPROCS(1), or one CPU). Call it while that
// setting is in force, with repeated runs of both versions.
//
// The verdict is Contradicted when more than one CPU can run Go code (the
// premise does not hold); NotShown when the serial runs kept less than 0.8
// of a CPU busy (a busy machine: the wall times measure other programs);
// Shown when the median speedup stays under 1.25×; Contradicted when
// every run was over 1.5× faster; NotShown otherwise (runs too uneven to
// tell).
func NoSpeedup(claim string, workers int, serial, parallel []Sample) Verdict {
	return Probe().NoSpeedup(claim, workers, serial, parallel)
}

// NoSpeedup is the package's NoSpeedup judged for machine m.
func (m Machine) NoSpeedup(claim string, workers int, serial, parallel []Sample) Verdict {
	sp := SpreadOf(ratios(walls(serial), walls(parallel)))
	gotSer := SpreadOf(cpus(serial))
	limit := min(float64(workers), m.CPUs())
	v := Verdict{
		Claim:   claim,
		Machine: m,
		Measured: fmt.Sprintf("%d goroutines were %s as fast as one; the serial runs kept %.2f of a CPU busy",
			workers, sp.Format("%.2f", "×"), gotSer.Median),
		Expected: fmt.Sprintf("about 1×: only %.3g goroutine(s) can run Go code at a time (%s)", limit, m),
		Values:   map[string]float64{"speedup": sp.Median, "speedup_min": sp.Min, "speedup_max": sp.Max, "limit": limit, "cpus_busy_serial": gotSer.Median},
	}
	switch {
	case limit >= 1.5:
		v.Status = Contradicted
		v.Reason = fmt.Sprintf("%.3g CPUs can run Go code at once here: the claim assumes one", limit)
	case gotSer.Median < 0.8:
		v.Status = NotShown
		v.Reason = fmt.Sprintf("the machine was busy: the serial runs kept %.2f of a CPU busy, so the wall times varied with other programs more than with the goroutines", gotSer.Median)
	case sp.Median < 1.25:
		v.Status = Shown
	case sp.Min > 1.5:
		v.Status = Contradicted
		v.Reason = "every parallel run was over 1.5× faster, on one CPU that the serial runs had to themselves"
	default:
		v.Status = NotShown
		v.Reason = "the runs were too uneven to tell: the speedup varied from run to run more than the claim allows"
	}
	return v
}

// Similar judges the claim that two ways of doing the same work take about
// the same time: within factor of each other (1.5 for "times of the same
// order"). a and b are repeated runs of each, in the same number, taken in
// turn.
//
// The verdict is Shown when the median ratio b/a lies within factor;
// NotShown when it does not but the ratios of single pairs of runs varied
// by more than factor themselves (a busy machine: the runs measure other
// programs as much as the work); Contradicted otherwise.
func Similar(claim string, factor float64, a, b []Sample) Verdict {
	return Probe().Similar(claim, factor, a, b)
}

// Similar is the package's Similar judged for machine m.
func (m Machine) Similar(claim string, factor float64, a, b []Sample) Verdict {
	r := SpreadOf(ratios(walls(b), walls(a)))
	v := Verdict{
		Claim:    claim,
		Machine:  m,
		Measured: fmt.Sprintf("the second took %s as long as the first", r.Format("%.2f", "×")),
		Expected: fmt.Sprintf("between %.2f× and %.2f×", 1/factor, factor),
		Values:   map[string]float64{"ratio": r.Median, "ratio_min": r.Min, "ratio_max": r.Max, "factor": factor},
	}
	switch {
	case r.Median >= 1/factor && r.Median <= factor:
		v.Status = Shown
	case r.Min > 0 && r.Max/r.Min > factor:
		v.Status = NotShown
		v.Reason = fmt.Sprintf("the machine was busy: from one pair of runs to the next the ratio varied %.1f-fold, more than the %.2g× the claim allows", r.Max/r.Min, factor)
	default:
		v.Status = Contradicted
		v.Reason = "the runs agree with each other, and not with the claim"
	}
	return v
}
