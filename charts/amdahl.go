package charts

import "math"

// AmdahlSpeedup returns the speedup that Amdahl's law predicts on n
// workers for a program whose serial fraction is p (0 ≤ p ≤ 1):
// S(n) = 1 / (p + (1-p)/n). It is at most 1/p however many workers run.
func AmdahlSpeedup(p float64, n int) float64 {
	if n < 1 {
		return math.NaN()
	}
	return 1 / (p + (1-p)/float64(n))
}

// FitAmdahl returns the serial fraction p for which Amdahl's law best fits
// the measured speedups on the given worker counts (least squares on
// 1/S - 1/n = p(1 - 1/n), clamped to [0, 1]). It returns NaN when no
// measurement has more than one worker, or the slices' lengths differ.
func FitAmdahl(workers []int, speedup []float64) float64 {
	if len(workers) != len(speedup) {
		return math.NaN()
	}
	var sxy, sxx float64
	for i, n := range workers {
		if n <= 1 || speedup[i] <= 0 {
			continue
		}
		x := 1 - 1/float64(n)
		y := 1/speedup[i] - 1/float64(n)
		sxy += x * y
		sxx += x * x
	}
	if sxx == 0 {
		return math.NaN()
	}
	return math.Min(1, math.Max(0, sxy/sxx))
}
