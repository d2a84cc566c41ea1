package verdict

import (
	"fmt"
	"slices"
	"time"
)

// Sample is one timed run: the wall-clock time it took, the CPU time the
// whole process used meanwhile (user and system, every thread), how long
// its threads were ready to run but waited for a CPU that other programs
// held, and, for the whole machine, the CPU time a hypervisor took away
// (Stolen) and the idle time spent waiting for disks (DiskWait). The last
// three are Linux's counts; -1 when unknown.
type Sample struct {
	Wall     time.Duration `json:"wall"`
	CPU      time.Duration `json:"cpu"`
	Waited   time.Duration `json:"waited"`
	Stolen   time.Duration `json:"stolen"`
	DiskWait time.Duration `json:"disk_wait"`
}

// CPUs returns the CPUs the run kept busy on average: CPU time over wall
// time. A serial run gives about 1; a parallel run on an idle machine
// about the number of goroutines that had work, up to the CPUs allowed.
func (s Sample) CPUs() float64 {
	if s.Wall <= 0 {
		return 0
	}
	return float64(s.CPU) / float64(s.Wall)
}

// Measure calls f reps times and returns one Sample per call. Keep other
// goroutines of the session idle meanwhile: their CPU time counts too.
func Measure(reps int, f func()) []Sample {
	out := make([]Sample, 0, reps)
	for range reps {
		w0, known0 := runQueueWait()
		st0, io0, host0 := hostTimes()
		c0 := processCPU()
		t0 := time.Now()
		f()
		wall := time.Since(t0)
		s := Sample{Wall: wall, CPU: processCPU() - c0, Waited: -1, Stolen: -1, DiskWait: -1}
		if w1, known1 := runQueueWait(); known0 && known1 {
			s.Waited = max(w1-w0, 0)
		}
		if st1, io1, host1 := hostTimes(); host0 && host1 {
			s.Stolen, s.DiskWait = max(st1-st0, 0), max(io1-io0, 0)
		}
		out = append(out, s)
	}
	return out
}

// Spread summarises repeated measurements of one quantity.
type Spread struct {
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
	N      int     `json:"n"`
}

// SpreadOf returns the median, least and greatest of xs.
func SpreadOf(xs []float64) Spread {
	if len(xs) == 0 {
		return Spread{}
	}
	s := slices.Sorted(slices.Values(xs))
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return Spread{Median: m, Min: s[0], Max: s[len(s)-1], N: len(s)}
}

// Format writes the spread as "1.85× (1.80–1.90 over 5 runs)", each
// number formatted with verb (such as "%.2f") and the median followed by
// unit.
func (s Spread) Format(verb, unit string) string {
	if s.N <= 1 {
		return fmt.Sprintf(verb, s.Median) + unit
	}
	return fmt.Sprintf(verb+unit+" ("+verb+"–"+verb+" over %d runs)", s.Median, s.Min, s.Max, s.N)
}

func walls(ss []Sample) []float64 {
	out := make([]float64, len(ss))
	for i, s := range ss {
		out[i] = s.Wall.Seconds()
	}
	return out
}

func cpus(ss []Sample) []float64 {
	out := make([]float64, len(ss))
	for i, s := range ss {
		out[i] = s.CPUs()
	}
	return out
}

// waits returns each sample's run-queue wait as a share of its wall time,
// and false if any is unknown.
func waits(ss []Sample) ([]float64, bool) {
	return perWall(ss, func(s Sample) time.Duration { return s.Waited })
}

// perWall returns part(s) over the wall time of each sample, and false if
// any part is unknown (negative).
func perWall(ss []Sample, part func(Sample) time.Duration) ([]float64, bool) {
	out := make([]float64, len(ss))
	for i, s := range ss {
		if part(s) < 0 || s.Wall <= 0 {
			return nil, false
		}
		out[i] = float64(part(s)) / float64(s.Wall)
	}
	return out, len(ss) > 0
}

func cpuTimes(ss []Sample) []float64 {
	out := make([]float64, len(ss))
	for i, s := range ss {
		out[i] = s.CPU.Seconds()
	}
	return out
}

// ratios returns a[i]/b[i] for the runs both have, a and b being
// functions of the samples (wall or CPU time).
func ratios(a, b []float64) []float64 {
	n := min(len(a), len(b))
	out := make([]float64, 0, n)
	for i := range n {
		if b[i] > 0 {
			out = append(out, a[i]/b[i])
		}
	}
	return out
}
