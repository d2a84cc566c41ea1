package sched_test

import (
	"fmt"

	"github.com/goconc/goconc/helpers/sched"
)

// ChanSweep times passing values through channels of several capacities,
// compiled, so that a notebook measures the channel and not the
// interpreter. (Timings vary from run to run, so this example prints only
// the shape of the result.)
func ExampleChanSweep() {
	res, err := sched.ChanSweep(sched.ChanConfig{Capacities: []int{0, 16}, Items: 10_000, Procs: []int{1}, Repeat: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range res.Points {
		fmt.Println("capacity", p.Capacity, "runs", len(p.Runs), "items", p.Items)
	}
	// Output:
	// capacity 0 runs 2 items 10000
	// capacity 16 runs 2 items 10000
}
