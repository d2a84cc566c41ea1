package sched_test

import (
	"fmt"

	"github.com/goconc/goconc/helpers/sched"
)

// HandoffCosts times, compiled, how much it costs to hand one value from a
// producer to a consumer: a range-over-func loop, an iter.Pull coroutine,
// channels and a channel ping-pong. (Timings vary from run to run, so this
// example prints only the shape of the result.)
func ExampleHandoffCosts() {
	costs, err := sched.HandoffCosts(10_000, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range costs {
		fmt.Println(c.Mechanism, "runs:", len(c.Runs), "values:", c.Values, "measured:", c.NsPerValue > 0)
	}
	// Output:
	// range over iter.Seq runs: 2 values: 10000 measured: true
	// iter.Pull next() runs: 2 values: 10000 measured: true
	// channel, unbuffered runs: 2 values: 10000 measured: true
	// channel, buffered 128 runs: 2 values: 10000 measured: true
	// channel ping-pong runs: 2 values: 10000 measured: true
}
