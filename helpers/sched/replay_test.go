package sched_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/goconc/goconc/helpers/sched"
)

// Replay shows one interleaving step by step: here both goroutines read
// the counter before either writes it back, and one increment is lost.
func ExampleReplay() {
	threads := []sched.Thread{
		sched.IncrementThread("A", "counter"),
		sched.IncrementThread("B", "counter"),
	}
	steps, err := sched.Replay(map[string]int{"counter": 0}, threads, []string{
		"A.read", "B.read", "A.increment", "B.increment", "A.write", "B.write",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range steps {
		fmt.Printf("%s %-9s  A.r=%d B.r=%d counter=%d\n", s.Thread, s.Step, s.Locals["A"]["r"], s.Locals["B"]["r"], s.Shared["counter"])
	}
	// Output:
	// A read       A.r=0 B.r=0 counter=0
	// B read       A.r=0 B.r=0 counter=0
	// A increment  A.r=1 B.r=0 counter=0
	// B increment  A.r=1 B.r=1 counter=0
	// A write      A.r=1 B.r=1 counter=1
	// B write      A.r=1 B.r=1 counter=1
}

func TestReplayMatchesInterleavings(t *testing.T) {
	threads := []sched.Thread{
		sched.IncrementThread("A", "n"),
		sched.IncrementThread("B", "n"),
		sched.IncrementThread("C", "n"),
	}
	init := map[string]int{"n": 5}
	res, err := sched.Interleavings(init, threads, sched.InterleaveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, run := range res.Runs {
		steps, err := sched.Replay(init, threads, run.Schedule)
		if err != nil {
			t.Fatalf("%v: %v", run.Schedule, err)
		}
		if len(steps) != len(run.Schedule) {
			t.Fatalf("%v: %d steps", run.Schedule, len(steps))
		}
		if got, want := steps[len(steps)-1].Shared["n"], run.Shared["n"]; got != want {
			t.Errorf("%v: replay ends with n=%d, Interleavings with n=%d", run.Schedule, got, want)
		}
	}
	if init["n"] != 5 {
		t.Errorf("Replay changed the initial state: %v", init)
	}
}

func TestReplaySnapshotsAreCopies(t *testing.T) {
	threads := []sched.Thread{sched.IncrementThread("A", "x")}
	steps, err := sched.Replay(nil, threads, []string{"A.read", "A.increment", "A.write"})
	if err != nil {
		t.Fatal(err)
	}
	if steps[0].Locals["A"]["r"] != 0 || steps[1].Locals["A"]["r"] != 1 || steps[1].Shared["x"] != 0 || steps[2].Shared["x"] != 1 {
		t.Errorf("snapshots share state: %+v", steps)
	}
}

func TestReplayPartialSchedule(t *testing.T) {
	threads := []sched.Thread{sched.IncrementThread("A", "x"), sched.IncrementThread("B", "x")}
	steps, err := sched.Replay(map[string]int{"x": 3}, threads, []string{"B.read"})
	if err != nil || len(steps) != 1 || steps[0].Locals["B"]["r"] != 3 || len(steps[0].Locals["A"]) != 0 {
		t.Errorf("got %+v, %v", steps, err)
	}
}

func TestReplayErrors(t *testing.T) {
	threads := []sched.Thread{
		sched.IncrementThread("A", "x"),
		{Name: "P", Steps: []sched.Step{{Name: "boom", Do: func(_, _ map[string]int) { panic("boom") }}}},
	}
	for _, c := range []struct {
		name     string
		schedule []string
		want     string
		steps    int
	}{
		{"no dot", []string{"A"}, `"A" does not name a step`, 0},
		{"unknown thread", []string{"Z.read"}, `"Z.read" does not name a step`, 0},
		{"out of order", []string{"A.write"}, `the next step of thread A is "read"`, 0},
		{"too many steps", []string{"A.read", "A.increment", "A.write", "A.read"}, "thread A has no steps left", 3},
		{"panic", []string{"A.read", "P.boom"}, "thread P, step boom: panic: boom", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			steps, err := sched.Replay(nil, threads, c.schedule)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
			if len(steps) != c.steps {
				t.Errorf("%d steps before the error, want %d", len(steps), c.steps)
			}
		})
	}
}
