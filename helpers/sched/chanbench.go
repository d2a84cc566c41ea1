package sched

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// ChanConfig says which channels ChanSweep measures and how.
type ChanConfig struct {
	// Capacities are the buffer sizes to try; 0 is an unbuffered channel.
	// Default: 0, 1, 4, 16, 64, 256.
	Capacities []int `json:"capacities"`
	// Items is the number of values sent through the channel in one run.
	// Default 100 000.
	Items int `json:"items"`
	// Producers and Consumers are the numbers of goroutines that send and
	// receive. Default 1 each.
	Producers int `json:"producers"`
	Consumers int `json:"consumers"`
	// Procs are the GOMAXPROCS values to try. Default: the current one.
	Procs []int `json:"procs"`
	// Repeat is the number of timed runs per point, after one untimed
	// warm-up run. Default 3.
	Repeat int `json:"repeat"`
}

// ChanPoint is the measurement of one channel capacity under one
// GOMAXPROCS value.
type ChanPoint struct {
	Procs     int             `json:"procs"`
	Capacity  int             `json:"capacity"`
	Items     int             `json:"items"`
	Runs      []time.Duration `json:"runs"` // every timed run, in order
	Median    time.Duration   `json:"median"`
	PerItem   time.Duration   `json:"per_item"`   // Median / Items: the cost of passing one value
	PerSecond float64         `json:"per_second"` // values passed per second, at the median
}

// ChanResult holds every point of a ChanSweep, ordered by Procs then by
// Capacity as given.
type ChanResult struct {
	Points []ChanPoint `json:"points"`
}

// ChanRun passes items ints from producers goroutines to consumers
// goroutines through one channel of the given capacity, compiled, and
// returns how long it took from the first send to the last receive.
// The items are split as evenly as possible among the producers; each
// consumer receives until the channel is closed, which happens once every
// producer is done.
func ChanRun(capacity, items, producers, consumers int) time.Duration {
	producers, consumers = max(producers, 1), max(consumers, 1)
	ch := make(chan int, max(capacity, 0))
	var sent, received sync.WaitGroup
	start := make(chan struct{})
	for p := range producers {
		n := items / producers
		if p < items%producers {
			n++
		}
		sent.Go(func() {
			<-start
			for i := range n {
				ch <- i
			}
		})
	}
	for range consumers {
		received.Go(func() {
			for range ch {
			}
		})
	}
	t0 := time.Now()
	close(start)
	sent.Wait()
	close(ch)
	received.Wait()
	return time.Since(t0)
}

// ChanSweep measures ChanRun for every capacity of cfg under every
// GOMAXPROCS value of cfg. GOMAXPROCS is restored afterwards.
func ChanSweep(cfg ChanConfig) (ChanResult, error) {
	if len(cfg.Capacities) == 0 {
		cfg.Capacities = []int{0, 1, 4, 16, 64, 256}
	}
	if cfg.Items <= 0 {
		cfg.Items = 100_000
	}
	cfg.Producers, cfg.Consumers = max(cfg.Producers, 1), max(cfg.Consumers, 1)
	if len(cfg.Procs) == 0 {
		cfg.Procs = []int{runtime.GOMAXPROCS(0)}
	}
	if cfg.Repeat <= 0 {
		cfg.Repeat = 3
	}
	for _, c := range cfg.Capacities {
		if c < 0 {
			return ChanResult{}, fmt.Errorf("chan sweep: capacity %d is negative", c)
		}
	}
	for _, p := range cfg.Procs {
		if p < 1 {
			return ChanResult{}, fmt.Errorf("chan sweep: GOMAXPROCS %d is not positive", p)
		}
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var res ChanResult
	for _, procs := range cfg.Procs {
		runtime.GOMAXPROCS(procs)
		for _, capacity := range cfg.Capacities {
			ChanRun(capacity, cfg.Items, cfg.Producers, cfg.Consumers) // warm-up
			p := ChanPoint{Procs: procs, Capacity: capacity, Items: cfg.Items}
			for range cfg.Repeat {
				p.Runs = append(p.Runs, ChanRun(capacity, cfg.Items, cfg.Producers, cfg.Consumers))
			}
			p.Median = median(slices.Sorted(slices.Values(p.Runs)))
			p.PerItem = p.Median / time.Duration(cfg.Items)
			p.PerSecond = float64(cfg.Items) / max(p.Median.Seconds(), 1e-9)
			res.Points = append(res.Points, p)
		}
	}
	return res, nil
}

// Select returns the points measured under GOMAXPROCS procs, in order.
func (r ChanResult) Select(procs int) []ChanPoint {
	var out []ChanPoint
	for _, p := range r.Points {
		if p.Procs == procs {
			out = append(out, p)
		}
	}
	return out
}

// Table formats the result as a text table, one line per point.
func (r ChanResult) Table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%5s %8s %10s %10s %14s\n", "procs", "capacity", "median", "per item", "items/s")
	for _, p := range r.Points {
		fmt.Fprintf(&b, "%5d %8d %10v %10v %14.0f\n",
			p.Procs, p.Capacity, p.Median.Round(time.Microsecond), p.PerItem, p.PerSecond)
	}
	return b.String()
}
