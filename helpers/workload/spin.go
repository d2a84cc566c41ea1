package workload

import (
	"time"
)

// Spin keeps the CPU busy for about d and returns the number of loop
// iterations it ran, which shows how much work fitted in d. It reads the
// clock every 1024 iterations.
func Spin(d time.Duration) int {
	deadline := time.Now().Add(d)
	n := 0
	var x uint64 = 1
	for {
		for range 1024 {
			x = mix(x)
		}
		n += 1024
		if x == 0 || !time.Now().Before(deadline) { // x is never 0; the test keeps the loop
			return n
		}
	}
}

// Busy does a fixed amount of CPU work, n rounds of a 64-bit mixing
// function, and returns the result. Unlike Spin, its cost does not depend
// on the clock, so it measures how long work takes.
func Busy(n int) uint64 {
	var x uint64 = 1
	for range n {
		x = mix(x)
	}
	return x
}

// SimulateIO blocks like an I/O request: it sleeps for latency scaled by a
// factor between 0.5 and 1.5 that depends only on id, and returns the
// duration it slept. A goroutine blocked in it uses no CPU, so many can
// wait at once.
func SimulateIO(id int, latency time.Duration) time.Duration {
	d := time.Duration(float64(latency) * (0.5 + unit(uint64(id))))
	time.Sleep(d)
	return d
}

// mix is one round of the SplitMix64 output function.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// unit maps x to a number in [0, 1).
func unit(x uint64) float64 { return float64(mix(x)>>11) / (1 << 53) }
