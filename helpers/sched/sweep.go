package sched

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"
)

// SweepConfig says which points a Sweep measures and how.
type SweepConfig struct {
	// Workers are the worker counts to try. 1 is added if missing: it is
	// the baseline of speedups. Default: 1, 2, 4, … up to 2×NumCPU.
	Workers []int `json:"workers"`
	// Procs are the GOMAXPROCS values to try. Default: the current one.
	Procs []int `json:"procs"`
	// Warmup is the number of untimed runs before each point's timed
	// ones: 0 means 1, a negative number none.
	Warmup int `json:"warmup"`
	// Repeat is the number of timed runs per point. Default 3.
	Repeat int `json:"repeat"`
}

// SweepPoint is the measurement of one (GOMAXPROCS, workers) pair.
type SweepPoint struct {
	Procs      int             `json:"procs"`
	Workers    int             `json:"workers"`
	Runs       []time.Duration `json:"runs"` // every timed run, in order
	Median     time.Duration   `json:"median"`
	Min        time.Duration   `json:"min"`
	Max        time.Duration   `json:"max"`
	Speedup    float64         `json:"speedup"`    // median with 1 worker / median, same Procs
	Efficiency float64         `json:"efficiency"` // Speedup / Workers
}

// SweepResult holds every point, ordered by Procs then Workers, and an
// Amdahl fit per GOMAXPROCS value.
type SweepResult struct {
	Points []SweepPoint `json:"points"`
	Fits   []AmdahlFit  `json:"fits"`
}

// Sweep runs work(workers) for every worker count under every GOMAXPROCS
// value of cfg, and reports timings and speedups against one worker. work
// must do the same total work for every worker count, split among that
// many goroutines, and return when it is done. GOMAXPROCS is restored
// afterwards. A panic in work is returned as an error.
func Sweep(cfg SweepConfig, work func(workers int)) (SweepResult, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return SweepResult{}, err
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var res SweepResult
	for _, procs := range cfg.Procs {
		runtime.GOMAXPROCS(procs)
		var base time.Duration
		var ws []int
		var speedups []float64
		for _, workers := range cfg.Workers {
			p := SweepPoint{Procs: procs, Workers: workers}
			for i := range cfg.Warmup + cfg.Repeat {
				d, err := timeRun(work, workers)
				if err != nil {
					return res, fmt.Errorf("sweep: GOMAXPROCS %d, %d workers, run %d: %w", procs, workers, i+1, err)
				}
				if i >= cfg.Warmup {
					p.Runs = append(p.Runs, d)
				}
			}
			sorted := slices.Sorted(slices.Values(p.Runs))
			p.Min, p.Max, p.Median = sorted[0], sorted[len(sorted)-1], median(sorted)
			if workers == 1 {
				base = p.Median
			}
			p.Speedup = float64(base) / float64(max(p.Median, 1))
			p.Efficiency = p.Speedup / float64(workers)
			res.Points = append(res.Points, p)
			ws, speedups = append(ws, workers), append(speedups, p.Speedup)
		}
		if fit, err := FitAmdahl(ws, speedups); err == nil {
			fit.Procs = procs
			res.Fits = append(res.Fits, fit)
		}
	}
	return res, nil
}

func (cfg SweepConfig) withDefaults() (SweepConfig, error) {
	if len(cfg.Workers) == 0 {
		for n := 1; n <= 2*runtime.NumCPU(); n *= 2 {
			cfg.Workers = append(cfg.Workers, n)
		}
	}
	if len(cfg.Procs) == 0 {
		cfg.Procs = []int{runtime.GOMAXPROCS(0)}
	}
	for _, n := range cfg.Workers {
		if n < 1 {
			return cfg, fmt.Errorf("sweep: worker count %d is not positive", n)
		}
	}
	for _, p := range cfg.Procs {
		if p < 1 {
			return cfg, fmt.Errorf("sweep: GOMAXPROCS %d is not positive", p)
		}
	}
	// Sorted, without duplicates, with the baseline first.
	cfg.Workers = slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(cfg.Workers), 1))))
	switch {
	case cfg.Warmup == 0:
		cfg.Warmup = 1
	case cfg.Warmup < 0:
		cfg.Warmup = 0
	}
	if cfg.Repeat <= 0 {
		cfg.Repeat = 3
	}
	return cfg, nil
}

// timeRun times one call of work, turning a panic into an error.
func timeRun(work func(int), workers int) (d time.Duration, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	start := time.Now()
	work(workers)
	return time.Since(start), nil
}

func median(sorted []time.Duration) time.Duration {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

// Table formats the result as a text table, one line per point, followed
// by the fits.
func (r SweepResult) Table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%5s %7s %10s %10s %10s %8s %10s\n", "procs", "workers", "median", "min", "max", "speedup", "efficiency")
	for _, p := range r.Points {
		fmt.Fprintf(&b, "%5d %7d %10v %10v %10v %8.2f %10.2f\n",
			p.Procs, p.Workers, p.Median.Round(time.Microsecond), p.Min.Round(time.Microsecond), p.Max.Round(time.Microsecond), p.Speedup, p.Efficiency)
	}
	for _, f := range r.Fits {
		fmt.Fprintf(&b, "GOMAXPROCS %d: %v\n", f.Procs, f)
	}
	return b.String()
}
