package sched

import (
	"fmt"
	"maps"
	"strings"
)

// ReplayStep is the state right after one step of a replayed schedule.
type ReplayStep struct {
	Thread string         `json:"thread"` // the thread that took the step
	Step   string         `json:"step"`   // the step's name
	Shared map[string]int `json:"shared"` // the shared state after the step
	// Locals holds every thread's local variables after the step, by
	// thread name.
	Locals map[string]map[string]int `json:"locals"`
}

// Replay runs threads in the order of schedule, one "thread.step" entry
// per step as in Run.Schedule, starting from a copy of shared and empty
// locals, and returns the state after every step: the step-by-step table
// of one interleaving. Every entry must name the next step of its thread;
// threads need not run to their end. A panic in a step is returned as an
// error, with the steps taken before it.
func Replay(shared map[string]int, threads []Thread, schedule []string) ([]ReplayStep, error) {
	state := maps.Clone(shared)
	if state == nil {
		state = map[string]int{}
	}
	index := map[string]int{}
	locals := map[string]map[string]int{}
	for i, t := range threads {
		index[t.Name] = i
		locals[t.Name] = map[string]int{}
	}
	next := make([]int, len(threads))
	var out []ReplayStep
	for _, entry := range schedule {
		name, stepName, ok := strings.Cut(entry, ".")
		ti, known := index[name]
		if !ok || !known {
			return out, fmt.Errorf("replay: %q does not name a step of a thread (want \"thread.step\")", entry)
		}
		t := threads[ti]
		if next[ti] >= len(t.Steps) {
			return out, fmt.Errorf("replay: %q: thread %s has no steps left", entry, name)
		}
		step := t.Steps[next[ti]]
		if step.Name != stepName {
			return out, fmt.Errorf("replay: %q: the next step of thread %s is %q", entry, name, step.Name)
		}
		next[ti]++
		if err := do(step, state, locals[name]); err != nil {
			return out, fmt.Errorf("replay: thread %s, step %s: %w", name, stepName, err)
		}
		snap := ReplayStep{Thread: name, Step: stepName, Shared: maps.Clone(state), Locals: map[string]map[string]int{}}
		for n, l := range locals {
			snap.Locals[n] = maps.Clone(l)
		}
		out = append(out, snap)
	}
	return out, nil
}
