package sched_test

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/goconc/goconc/helpers/sched"
)

// Two goroutines add to a counter with a scheduling point between reading
// it and writing it back. Without a lock some schedules lose updates; with
// one, none do.
func ExampleRandomSchedules() {
	trial := func(locked bool) func(c *sched.Chaos) error {
		return func(c *sched.Chaos) error {
			var mu sync.Mutex
			var counter atomic.Int64 // atomic loads and stores: no data race, but a racy read-modify-write
			var wg sync.WaitGroup
			for range 2 {
				wg.Go(func() {
					for range 10 {
						if locked {
							mu.Lock()
						}
						v := counter.Load()
						c.Point()
						counter.Store(v + 1)
						if locked {
							mu.Unlock()
						}
						c.Point()
					}
				})
			}
			wg.Wait()
			if n := counter.Load(); n != 20 {
				return fmt.Errorf("counter %d, want 20", n)
			}
			return nil
		}
	}
	racy := sched.RandomSchedules(sched.RandomOptions{Runs: 100, KeepGoing: true}, trial(false))
	fmt.Println("without the lock, some runs fail:", racy.Failures > 0)
	safe := sched.RandomSchedules(sched.RandomOptions{Runs: 100}, trial(true))
	fmt.Println("with the lock:", safe.Runs, "runs,", safe.Failures, "failed")
	// Output:
	// without the lock, some runs fail: true
	// with the lock: 100 runs, 0 failed
}

// A rendezvous: each goroutine signals its arrival and waits for the
// other's, so both first steps come before both second steps, under every
// schedule tried.
func ExampleCheckSchedules() {
	err := sched.CheckSchedules(100, func(c *sched.Chaos) error {
		var j sched.Journal
		aArrived, bArrived := make(chan struct{}), make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() {
			c.Point()
			j.Mark("a1")
			close(aArrived)
			<-bArrived
			c.Point()
			j.Mark("a2")
		})
		wg.Go(func() {
			c.Point()
			j.Mark("b1")
			close(bArrived)
			<-aArrived
			c.Point()
			j.Mark("b2")
		})
		wg.Wait()
		if !j.Before("a1", "b2") || !j.Before("b1", "a2") {
			return fmt.Errorf("order %v", &j)
		}
		return nil
	})
	fmt.Println(err)
	// Output: <nil>
}

// A Gauge measures how many goroutines were inside a section at once.
func ExampleGauge() {
	var g sched.Gauge
	sem := make(chan struct{}, 2) // two at once
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			sem <- struct{}{}
			g.Enter()
			g.Leave()
			<-sem
		})
	}
	wg.Wait()
	fmt.Println(g.Max() <= 2, g.Entries())
	// Output: true 10
}

// A Journal records the order of steps.
func ExampleJournal() {
	var j sched.Journal
	done := make(chan bool)
	go func() {
		j.Mark("ping")
		done <- true
	}()
	<-done
	j.Mark("pong")
	fmt.Println(j.Before("ping", "pong"), j.Before("pong", "ping"), j.String())
	// Output: true false ping pong
}

// Each write to a Console lands whole, but lines written in parts by
// several goroutines can interleave.
func ExampleConsole() {
	con := sched.NewConsole(nil, sched.NewChaos(1))
	var wg sync.WaitGroup
	for _, who := range []string{"left", "right"} {
		wg.Go(func() {
			fmt.Fprint(con, who)
			fmt.Fprint(con, " done\n")
		})
	}
	wg.Wait()
	lines := con.Lines()
	whole := 0
	for _, l := range lines {
		if l == "left done" || l == "right done" {
			whole++
		}
	}
	fmt.Println(len(lines), strings.Count(con.String(), "done"), whole <= 2)
	// Output: 2 2 true
}
