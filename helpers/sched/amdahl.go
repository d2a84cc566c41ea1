package sched

import (
	"errors"
	"fmt"
	"math"
)

// AmdahlFit is Amdahl's law fitted to measured speedups: with a serial
// fraction s of the work, n workers give a speedup of 1 / (s + (1-s)/n),
// which never exceeds 1/s however many workers are added.
type AmdahlFit struct {
	Procs          int     `json:"procs,omitempty"` // GOMAXPROCS of the measurements, when from Sweep
	SerialFraction float64 `json:"serial_fraction"`
	MaxSpeedup     float64 `json:"max_speedup"` // 1/SerialFraction; 0 when it is 0 (no limit)
	RMSE           float64 `json:"rmse"`        // root mean square error of the fitted speedups
}

// Speedup returns the speedup the fit predicts for n workers.
func (f AmdahlFit) Speedup(n int) float64 {
	return 1 / (f.SerialFraction + (1-f.SerialFraction)/float64(n))
}

// String describes the fit in one line.
func (f AmdahlFit) String() string {
	limit := "no limit"
	if f.MaxSpeedup > 0 {
		limit = fmt.Sprintf("at most %.1fx", f.MaxSpeedup)
	}
	return fmt.Sprintf("serial fraction %.3f (%s), rmse %.3f", f.SerialFraction, limit, f.RMSE)
}

// FitAmdahl fits Amdahl's law to speedups measured with the given worker
// counts, by least squares on the law's linear form: 1/speedup =
// s + (1-s)·(1/n), that is 1/speedup - 1/n = s·(1 - 1/n). Points with one
// worker carry no information about s and are ignored. s is clamped to
// [0, 1]: a superlinear speedup fits as s = 0.
func FitAmdahl(workers []int, speedups []float64) (AmdahlFit, error) {
	if len(workers) != len(speedups) {
		return AmdahlFit{}, fmt.Errorf("fit Amdahl: %d worker counts but %d speedups", len(workers), len(speedups))
	}
	var num, den float64
	for i, n := range workers {
		if n < 1 || !(speedups[i] > 0) {
			return AmdahlFit{}, fmt.Errorf("fit Amdahl: point %d: workers %d, speedup %v", i, n, speedups[i])
		}
		x, y := 1/float64(n), 1/speedups[i]
		num += (1 - x) * (y - x)
		den += (1 - x) * (1 - x)
	}
	if den == 0 {
		return AmdahlFit{}, errors.New("fit Amdahl: need a measurement with more than one worker")
	}
	f := AmdahlFit{SerialFraction: min(1, max(0, num/den))}
	if f.SerialFraction > 0 {
		f.MaxSpeedup = 1 / f.SerialFraction
	}
	var sq float64
	for i, n := range workers {
		d := f.Speedup(n) - speedups[i]
		sq += d * d
	}
	f.RMSE = math.Sqrt(sq / float64(len(workers)))
	return f, nil
}
