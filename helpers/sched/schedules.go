package sched

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"
)

// Chaos injects random scheduling points into concurrent code, so that
// one run after another explores different interleavings of the same
// goroutines. Code under test calls Point where a goroutine could be
// descheduled (between two steps of a protocol, between a read and a
// write); each call draws from a generator seeded by the run's seed and,
// depending on the draw, does nothing, yields the processor
// (runtime.Gosched), spins for a few microseconds, or now and then sleeps.
//
// The draws are deterministic for a seed, but which goroutine gets which
// draw depends on the real schedule, so a run is not exactly repeatable:
// Chaos makes rare interleavings frequent, it does not enumerate them
// (Interleavings does that for small step programs).
//
// A nil *Chaos is valid: its Point does nothing, so the same function can
// run with and without injected scheduling points. Chaos is safe for use
// by many goroutines at once.
type Chaos struct {
	seed  uint64
	draws atomic.Uint64
	sink  atomic.Uint64 // keeps the spin loops from being optimised away
}

// NewChaos returns a scheduling-point injector seeded with seed.
func NewChaos(seed uint64) *Chaos { return &Chaos{seed: seed} }

// Seed returns the seed the injector was created with.
func (c *Chaos) Seed() uint64 {
	if c == nil {
		return 0
	}
	return c.seed
}

// Points returns how many times Point has been called.
func (c *Chaos) Points() int {
	if c == nil {
		return 0
	}
	return int(c.draws.Load())
}

// Point is a possible scheduling point. Of every eight calls, on average,
// three do nothing, three call runtime.Gosched, and two spin for up to a
// few microseconds; one call in about 128 sleeps instead, which parks the
// goroutine and lets the others run for a while.
func (c *Chaos) Point() {
	if c == nil {
		return
	}
	r := mix64(c.seed*0x9e3779b97f4a7c15 + c.draws.Add(1))
	switch r & 7 {
	case 0, 1, 2:
	case 3, 4, 5:
		runtime.Gosched()
	case 6:
		c.spin(int(r>>8) % 2048)
	case 7:
		if (r>>8)&15 == 0 {
			time.Sleep(time.Duration((r>>16)%50) * time.Microsecond)
			return
		}
		c.spin(int(r>>16) % 16384)
	}
}

// spin burns a little CPU without touching shared memory.
func (c *Chaos) spin(n int) {
	x := uint64(n)
	for i := 0; i < n; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	if x == 42 { // practically never, but the compiler cannot know
		c.sink.Store(x)
	}
}

// mix64 is the SplitMix64 finaliser: a good 64-bit hash of its input.
func mix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// RandomOptions configure RandomSchedules.
type RandomOptions struct {
	// Runs is the number of runs. Default 200.
	Runs int `json:"runs"`
	// Seed is the seed of the first run; run i (from 0) uses Seed+i, so
	// that a failing run can be repeated with the same injections.
	Seed uint64 `json:"seed"`
	// Timeout bounds each run. A run still going after it is reported
	// as stuck (usually a deadlock) and ends the series, since its
	// goroutines cannot be stopped. Default 2s.
	Timeout time.Duration `json:"timeout"`
	// KeepGoing runs every run even after failures, to count them;
	// by default the series stops at the first failure.
	KeepGoing bool `json:"keep_going"`
}

// RandomReport is the result of RandomSchedules.
type RandomReport struct {
	Runs     int           `json:"runs"`     // runs made
	Failures int           `json:"failures"` // runs whose trial failed, panicked or got stuck
	Stuck    bool          `json:"stuck"`    // the last run did not finish in time
	Points   int           `json:"points"`   // scheduling points injected, over all runs
	Elapsed  time.Duration `json:"elapsed"`
	// Err is the first failure, naming its run and seed; nil if every
	// run passed.
	Err error `json:"-"`
}

// String summarises the report in one line.
func (r RandomReport) String() string {
	s := fmt.Sprintf("%d runs, %d failed, %d scheduling points injected, %v",
		r.Runs, r.Failures, r.Points, r.Elapsed.Round(time.Millisecond))
	if r.Err != nil {
		s += "; first failure: " + r.Err.Error()
	}
	return s
}

// RandomSchedules runs trial opts.Runs times, each time with a new Chaos
// seeded differently, so that the goroutines the trial starts meet in a
// different order each time. trial should start its goroutines, have them
// call c.Point between their steps, wait for them, and return an error if
// an invariant did not hold. A trial that panics fails; one that does not
// return within opts.Timeout is reported as stuck and ends the series.
func RandomSchedules(opts RandomOptions, trial func(c *Chaos) error) RandomReport {
	if opts.Runs <= 0 {
		opts.Runs = 200
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 2 * time.Second
	}
	var rep RandomReport
	start := time.Now()
	for i := 0; i < opts.Runs; i++ {
		seed := opts.Seed + uint64(i)
		c := NewChaos(seed)
		done := make(chan error, 1)
		go func() {
			defer func() {
				if p := recover(); p != nil {
					done <- fmt.Errorf("panic: %v", p)
				}
			}()
			done <- trial(c)
		}()
		timer := time.NewTimer(opts.Timeout)
		var err error
		select {
		case err = <-done:
			timer.Stop()
		case <-timer.C:
			err = fmt.Errorf("did not finish within %v: goroutines are blocked, probably for good (a deadlock?)", opts.Timeout)
			rep.Stuck = true
		}
		rep.Runs++
		rep.Points += c.Points()
		if err != nil {
			rep.Failures++
			if rep.Err == nil {
				rep.Err = fmt.Errorf("run %d of %d (seed %d): %w", i+1, opts.Runs, seed, err)
			}
			if rep.Stuck || !opts.KeepGoing {
				break
			}
		}
	}
	rep.Elapsed = time.Since(start)
	return rep
}

// CheckSchedules runs trial under runs random schedules (seeds 1, 2, …)
// and returns the first failure, or nil if the trial held every time: the
// form an exercise check wants.
func CheckSchedules(runs int, trial func(c *Chaos) error) error {
	return RandomSchedules(RandomOptions{Runs: runs, Seed: 1}, trial).Err
}
