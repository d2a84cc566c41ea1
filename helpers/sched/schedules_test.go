package sched

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestNilChaosDoesNothing(t *testing.T) {
	var c *Chaos
	c.Point()
	if c.Points() != 0 || c.Seed() != 0 {
		t.Fatal("nil Chaos counted points")
	}
}

func TestChaosCountsPoints(t *testing.T) {
	c := NewChaos(7)
	for range 1000 {
		c.Point()
	}
	if c.Points() != 1000 || c.Seed() != 7 {
		t.Fatalf("points %d seed %d", c.Points(), c.Seed())
	}
}

func TestRandomSchedulesAllPass(t *testing.T) {
	seen := map[uint64]bool{}
	rep := RandomSchedules(RandomOptions{Runs: 50, Seed: 10}, func(c *Chaos) error {
		seen[c.Seed()] = true
		c.Point()
		return nil
	})
	if rep.Err != nil || rep.Runs != 50 || rep.Failures != 0 || rep.Stuck || rep.Points != 50 {
		t.Fatalf("report %+v", rep)
	}
	if len(seen) != 50 || !seen[10] || !seen[59] {
		t.Fatalf("seeds %v", seen)
	}
	if !strings.HasPrefix(rep.String(), "50 runs, 0 failed") {
		t.Fatal(rep.String())
	}
}

func TestRandomSchedulesStopsAtFirstFailure(t *testing.T) {
	bad := errors.New("bad")
	rep := RandomSchedules(RandomOptions{Runs: 50, Seed: 1}, func(c *Chaos) error {
		if c.Seed() == 5 {
			return bad
		}
		return nil
	})
	if rep.Runs != 5 || rep.Failures != 1 || !errors.Is(rep.Err, bad) {
		t.Fatalf("report %+v", rep)
	}
	if !strings.Contains(rep.Err.Error(), "run 5 of 50 (seed 5)") {
		t.Fatal(rep.Err)
	}
}

func TestRandomSchedulesKeepGoingCounts(t *testing.T) {
	rep := RandomSchedules(RandomOptions{Runs: 40, KeepGoing: true}, func(c *Chaos) error {
		if c.Seed()%4 == 0 {
			return fmt.Errorf("seed %d", c.Seed())
		}
		return nil
	})
	if rep.Runs != 40 || rep.Failures != 10 || rep.Err == nil || !strings.Contains(rep.Err.Error(), "seed 0") {
		t.Fatalf("report %+v", rep)
	}
}

func TestRandomSchedulesPanicFails(t *testing.T) {
	rep := RandomSchedules(RandomOptions{Runs: 3}, func(c *Chaos) error { panic("boom") })
	if rep.Failures != 1 || rep.Err == nil || !strings.Contains(rep.Err.Error(), "panic: boom") {
		t.Fatalf("report %+v", rep)
	}
}

func TestRandomSchedulesStuckEndsTheSeries(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	rep := RandomSchedules(RandomOptions{Runs: 10, Timeout: 20 * time.Millisecond, KeepGoing: true}, func(c *Chaos) error {
		<-release
		return nil
	})
	if !rep.Stuck || rep.Runs != 1 || rep.Failures != 1 || !strings.Contains(rep.Err.Error(), "did not finish within 20ms") {
		t.Fatalf("report %+v", rep)
	}
}

// lostUpdate increments a counter from two goroutines with a scheduling
// point between the read and the write, with or without a lock.
func lostUpdate(c *Chaos, locked bool) error {
	var counter atomic.Int64 // atomic loads and stores: racy logic, no data race
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
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
		}()
	}
	wg.Wait()
	if n := counter.Load(); n != 40 {
		return fmt.Errorf("counter is %d, want 40", n)
	}
	return nil
}

func TestChaosExposesLostUpdates(t *testing.T) {
	rep := RandomSchedules(RandomOptions{Runs: 200, KeepGoing: true}, func(c *Chaos) error { return lostUpdate(c, false) })
	if rep.Failures == 0 {
		t.Fatalf("no lost update in 200 runs: %v", rep)
	}
	if err := CheckSchedules(200, func(c *Chaos) error { return lostUpdate(c, true) }); err != nil {
		t.Fatal(err)
	}
}

func TestGaugeWithSemaphore(t *testing.T) {
	err := CheckSchedules(100, func(c *Chaos) error {
		var g Gauge
		sem := make(chan struct{}, 2)
		var wg sync.WaitGroup
		for range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				g.Enter()
				c.Point()
				g.Leave()
				<-sem
			}()
		}
		wg.Wait()
		if g.Max() > 2 || g.Now() != 0 || g.Entries() != 6 {
			return fmt.Errorf("max %d now %d entries %d", g.Max(), g.Now(), g.Entries())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var g Gauge
	if g.Enter() != 1 || g.Enter() != 2 {
		t.Fatal("Enter count")
	}
	g.Leave()
	if g.Now() != 1 || g.Max() != 2 {
		t.Fatal("now/max")
	}
	g.Reset()
	if g.Now() != 0 || g.Max() != 0 || g.Entries() != 0 {
		t.Fatal("reset")
	}
}

func TestJournal(t *testing.T) {
	var j Journal
	for _, s := range []string{"a1", "b1", "a1", "b2", "a2"} {
		j.Mark(s)
	}
	if !j.Before("a1", "b2") || j.Before("b2", "a1") || j.Before("a1", "b1") || j.Before("x", "a1") || j.Before("a1", "x") {
		t.Fatal("Before")
	}
	if j.Count("a1") != 2 || j.First("a1") != 0 || j.Last("a1") != 2 || j.First("x") != -1 || j.Last("x") != -1 {
		t.Fatal("Count/First/Last")
	}
	if j.String() != "a1 b1 a1 b2 a2" || len(j.Steps()) != 5 {
		t.Fatal(j.String())
	}
	j.Reset()
	if j.String() != "" {
		t.Fatal("reset")
	}
}

func TestConsoleKeepsWritesWhole(t *testing.T) {
	var echo strings.Builder
	con := NewConsole(&echo, NewChaos(3))
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 10 {
				fmt.Fprintf(con, "<%d>", i)
			}
		}()
	}
	wg.Wait()
	fmt.Fprintln(con)
	lines := con.Lines()
	if len(lines) != 1 || len(lines[0]) != 4*10*3 || echo.String() != con.String() {
		t.Fatalf("lines %q", lines)
	}
	for i := range 4 {
		if n := strings.Count(lines[0], fmt.Sprintf("<%d>", i)); n != 10 {
			t.Fatalf("writes of %d: %d", i, n)
		}
	}
	con.Reset()
	if con.Lines() != nil || con.String() != "" {
		t.Fatal("reset")
	}
	if got := NewConsole(nil, nil); got.Lines() != nil {
		t.Fatal("empty console")
	}
}
