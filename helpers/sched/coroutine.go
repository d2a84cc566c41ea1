package sched

import (
	"fmt"
	"iter"
	"strings"
	"time"
)

// The ways of handing values from a producer to a consumer that
// HandoffCosts measures, in the order it returns them.
const (
	// HandoffRange is a push iterator (iter.Seq) consumed by a
	// range-over-func loop: the loop body is the yield function, so a
	// value costs a function call.
	HandoffRange = "range over iter.Seq"
	// HandoffPull is the same iterator turned into a coroutine by
	// iter.Pull: every next() switches to the producer and back, without
	// going through the goroutine scheduler.
	HandoffPull = "iter.Pull next()"
	// HandoffChan is a generator goroutine sending on an unbuffered
	// channel, consumed by ranging over the channel.
	HandoffChan = "channel, unbuffered"
	// HandoffBuffered is the same generator with a channel of capacity
	// 128.
	HandoffBuffered = "channel, buffered 128"
	// HandoffPingPong is next() built from goroutines: the consumer sends
	// a request on one unbuffered channel and the producer answers on
	// another, so every value is a round trip through the scheduler.
	HandoffPingPong = "channel ping-pong"
)

// HandoffMechanisms lists the mechanisms HandoffCosts measures, in order.
func HandoffMechanisms() []string {
	return []string{HandoffRange, HandoffPull, HandoffChan, HandoffBuffered, HandoffPingPong}
}

// HandoffCost is the measured cost of handing values from a producer to
// a consumer by one mechanism, in compiled code.
type HandoffCost struct {
	Mechanism  string          `json:"mechanism"`    // one of HandoffMechanisms
	Values     int             `json:"values"`       // values handed over in one run
	Runs       []time.Duration `json:"runs"`         // every timed run, in order
	Best       time.Duration   `json:"best"`         // the fastest run
	NsPerValue float64         `json:"ns_per_value"` // Best / Values, in nanoseconds
}

// HandoffCosts times, compiled, each mechanism of HandoffMechanisms handing
// the ints 0..values-1 from a producer to a consumer that adds them up:
// repeat timed runs each (at least 1, after one untimed warm-up run), of
// which the fastest counts, since on a loaded machine the fastest run is
// the one least disturbed. Every run checks the consumer's sum and every
// goroutine a run starts has ended when it returns. It returns an error
// if a sum is wrong.
func HandoffCosts(values, repeat int) ([]HandoffCost, error) {
	values, repeat = max(values, 1), max(repeat, 1)
	want := values * (values - 1) / 2
	var out []HandoffCost
	for _, name := range HandoffMechanisms() {
		run := handoffRuns[name]
		c := HandoffCost{Mechanism: name, Values: values}
		run(values) // warm-up
		for i := 0; i < repeat; i++ {
			t0 := time.Now()
			sum := run(values)
			d := time.Since(t0)
			if sum != want {
				return out, fmt.Errorf("sched: %s summed %d, want %d", name, sum, want)
			}
			c.Runs = append(c.Runs, d)
			if c.Best == 0 || d < c.Best {
				c.Best = d
			}
		}
		c.NsPerValue = float64(c.Best.Nanoseconds()) / float64(values)
		out = append(out, c)
	}
	return out, nil
}

// HandoffTable formats the costs, one mechanism per line.
func HandoffTable(costs []HandoffCost) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-24s %10s %12s %14s\n", "mechanism", "values", "best run", "ns per value")
	for _, c := range costs {
		fmt.Fprintf(&b, "%-24s %10d %12v %14.1f\n", c.Mechanism, c.Values, c.Best.Round(time.Microsecond), c.NsPerValue)
	}
	return b.String()
}

// handoffRuns maps each mechanism to a run that hands 0..n-1 over and
// returns their sum.
var handoffRuns = map[string]func(n int) int{
	HandoffRange:    rangeSum,
	HandoffPull:     pullSum,
	HandoffChan:     func(n int) int { return chanSum(n, 0) },
	HandoffBuffered: func(n int) int { return chanSum(n, 128) },
	HandoffPingPong: pingPongSum,
}

// upTo yields 0..n-1.
func upTo(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func rangeSum(n int) int {
	sum := 0
	for v := range upTo(n) {
		sum += v
	}
	return sum
}

func pullSum(n int) int {
	next, stop := iter.Pull(upTo(n))
	defer stop()
	sum := 0
	for {
		v, ok := next()
		if !ok {
			return sum
		}
		sum += v
	}
}

func chanSum(n, capacity int) int {
	ch := make(chan int, capacity)
	go func() {
		defer close(ch)
		for i := 0; i < n; i++ {
			ch <- i
		}
	}()
	sum := 0
	for v := range ch {
		sum += v
	}
	return sum
}

func pingPongSum(n int) int {
	ask := make(chan struct{})
	answer := make(chan int)
	go func() {
		defer close(answer)
		for i := 0; i < n; i++ {
			if _, ok := <-ask; !ok {
				return
			}
			answer <- i
		}
	}()
	sum := 0
	for i := 0; i < n; i++ {
		ask <- struct{}{}
		sum += <-answer
	}
	close(ask)
	for range answer { // wait for the producer to end
	}
	return sum
}
