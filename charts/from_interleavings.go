package charts

import (
	"fmt"
	"strings"

	"github.com/goconc/goconc/helpers/sched"
)

// FromInterleavings returns the table of every run of sched.Interleavings,
// such as the lost update of two unsynchronised increments:
//
//	r, err := sched.Interleavings(map[string]int{"counter": 0}, []sched.Thread{
//		sched.IncrementThread("A", "counter"),
//		sched.IncrementThread("B", "counter"),
//	}, sched.InterleaveOptions{})
//	charts.FromInterleavings("counter++ twice", r)
//
// Steps are shown as "A: read" (thread, then step), coloured by thread.
// The outcome of the sequential runs, those that run each thread from
// start to end without interruption, is expected: the runs that end
// otherwise are marked wrong. If the sequential runs disagree, or a sample
// holds none, nothing is marked; call Expect to choose. The table has a row
// per run, so keep the threads short (or sample fewer runs); when the runs
// are a sample, the title says so.
func FromInterleavings(title string, r sched.Interleaving) *InterleavingTable {
	if r.Sampled {
		title += fmt.Sprintf(" (%d sampled of %d interleavings)", len(r.Runs), r.Total)
	}
	schedules := make([]Schedule, len(r.Runs))
	for i, run := range r.Runs {
		steps := make([]string, len(run.Schedule))
		for j, s := range run.Schedule {
			if thread, step, ok := strings.Cut(s, "."); ok {
				s = thread + ": " + step
			}
			steps[j] = s
		}
		schedules[i] = Schedule{Steps: steps, Outcome: run.Outcome}
	}
	t := Interleavings(title, schedules...)
	if outcome, ok := sequentialOutcome(r.Runs); ok {
		t.Expect(outcome)
	}
	return t
}

// sequentialOutcome returns the outcome that every sequential run (each
// thread's steps together) ends with, if there is at least one and they
// agree.
func sequentialOutcome(runs []sched.Run) (string, bool) {
	outcome, found := "", false
	for _, run := range runs {
		if !sequential(run.Schedule) {
			continue
		}
		if found && run.Outcome != outcome {
			return "", false
		}
		outcome, found = run.Outcome, true
	}
	return outcome, found
}

// sequential reports whether the steps of each thread ("thread.step") of
// a schedule come one after another.
func sequential(schedule []string) bool {
	done := map[string]bool{}
	current := ""
	for i, s := range schedule {
		thread, _, _ := strings.Cut(s, ".")
		if i > 0 && thread == current {
			continue
		}
		if done[thread] {
			return false
		}
		done[current] = true
		current = thread
	}
	return true
}
