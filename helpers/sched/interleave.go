package sched

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// A Step is one indivisible action of a Thread, such as "read" or
// "write". Do gets the state shared by all threads and the thread's own
// local variables (a register, say); both start afresh for every schedule.
type Step struct {
	Name string
	Do   func(shared, local map[string]int)
}

// A Thread is a named sequence of steps, run in order.
type Thread struct {
	Name  string
	Steps []Step
}

// IncrementThread returns the thread behind the lost update: it reads the
// shared variable into a register, increments the register and writes it
// back, in three steps named "read", "increment" and "write".
func IncrementThread(name, variable string) Thread {
	return Thread{Name: name, Steps: []Step{
		{Name: "read", Do: func(shared, local map[string]int) { local["r"] = shared[variable] }},
		{Name: "increment", Do: func(_, local map[string]int) { local["r"]++ }},
		{Name: "write", Do: func(shared, local map[string]int) { shared[variable] = local["r"] }},
	}}
}

// InterleaveOptions bound the search.
type InterleaveOptions struct {
	// Limit is the largest number of interleavings enumerated; beyond it
	// Samples random ones are run. Default 100 000.
	Limit int `json:"limit"`
	// Samples is the number of random schedules run when there are more
	// than Limit. Default 1000.
	Samples int `json:"samples"`
	// Seed seeds the sampling, so that a sample can be repeated.
	Seed uint64 `json:"seed"`
}

// Run is one schedule and the shared state it ended with.
type Run struct {
	Schedule []string       `json:"schedule"` // "thread.step", in execution order
	Shared   map[string]int `json:"shared"`
	Outcome  string         `json:"outcome"` // Shared as "name=value", sorted by name
}

// Outcome counts the schedules that ended in the same shared state.
type Outcome struct {
	Outcome string   `json:"outcome"`
	Count   int      `json:"count"`
	Example []string `json:"example"` // the first schedule that led to it
}

// Interleaving is the result of Interleavings.
type Interleaving struct {
	Runs     []Run     `json:"runs"`     // in lexicographic order of thread index when enumerated
	Outcomes []Outcome `json:"outcomes"` // most frequent first, then by outcome
	// Total is the number of possible interleavings: the multinomial
	// coefficient of the threads' lengths (math.MaxInt if it overflows).
	Total   int  `json:"total"`
	Sampled bool `json:"sampled"` // Runs is a random sample of Total
}

// Interleavings runs threads under every order of their steps that keeps
// each thread's own order, starting each time from a copy of shared and
// empty locals, and returns the runs and their outcomes. When there are
// more than opts.Limit orders, it runs opts.Samples of them drawn uniformly
// at random. A panic in a step is returned as an error naming the step.
func Interleavings(shared map[string]int, threads []Thread, opts InterleaveOptions) (Interleaving, error) {
	if opts.Limit <= 0 {
		opts.Limit = 100_000
	}
	if opts.Samples <= 0 {
		opts.Samples = 1000
	}
	lengths := make([]int, len(threads))
	for i, t := range threads {
		lengths[i] = len(t.Steps)
	}
	res := Interleaving{Total: multinomial(lengths)}
	var schedules [][]int // thread index per step
	if res.Total <= opts.Limit {
		enumerate(lengths, make([]int, len(lengths)), nil, &schedules)
	} else {
		res.Sampled = true
		r := &splitMix{state: opts.Seed}
		for range opts.Samples {
			schedules = append(schedules, sample(lengths, r))
		}
	}
	counts := map[string]*Outcome{}
	for _, order := range schedules {
		run, err := runSchedule(shared, threads, order)
		if err != nil {
			return res, err
		}
		res.Runs = append(res.Runs, run)
		o := counts[run.Outcome]
		if o == nil {
			o = &Outcome{Outcome: run.Outcome, Example: run.Schedule}
			counts[run.Outcome] = o
		}
		o.Count++
	}
	for _, o := range counts {
		res.Outcomes = append(res.Outcomes, *o)
	}
	slices.SortFunc(res.Outcomes, func(a, b Outcome) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Outcome, b.Outcome)
	})
	return res, nil
}

// runSchedule runs threads in the order given (a thread index per step).
func runSchedule(init map[string]int, threads []Thread, order []int) (run Run, err error) {
	shared := maps.Clone(init)
	if shared == nil {
		shared = map[string]int{}
	}
	locals := make([]map[string]int, len(threads))
	for i := range locals {
		locals[i] = map[string]int{}
	}
	next := make([]int, len(threads))
	for _, ti := range order {
		t := threads[ti]
		step := t.Steps[next[ti]]
		next[ti]++
		run.Schedule = append(run.Schedule, t.Name+"."+step.Name)
		if err := do(step, shared, locals[ti]); err != nil {
			return run, fmt.Errorf("interleaving %s: thread %s, step %s: %w", strings.Join(run.Schedule, " "), t.Name, step.Name, err)
		}
	}
	run.Shared = shared
	run.Outcome = formatState(shared)
	return run, nil
}

func do(s Step, shared, local map[string]int) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	if s.Do != nil {
		s.Do(shared, local)
	}
	return nil
}

func formatState(m map[string]int) string {
	parts := make([]string, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s=%d", k, m[k]))
	}
	return strings.Join(parts, " ")
}

// enumerate appends every interleaving of threads with the given lengths,
// taking lower thread indexes first.
func enumerate(lengths, done, prefix []int, out *[][]int) {
	progressed := false
	for i, n := range lengths {
		if done[i] < n {
			progressed = true
			done[i]++
			enumerate(lengths, done, append(prefix, i), out)
			done[i]--
		}
	}
	if !progressed {
		*out = append(*out, slices.Clone(prefix))
	}
}

// sample draws an interleaving uniformly: the next step comes from each
// thread with probability proportional to its remaining steps.
func sample(lengths []int, r *splitMix) []int {
	left := slices.Clone(lengths)
	total := 0
	for _, n := range left {
		total += n
	}
	order := make([]int, 0, total)
	for ; total > 0; total-- {
		k := int(r.next() % uint64(total))
		for i, n := range left {
			if k < n {
				order = append(order, i)
				left[i]--
				break
			}
			k -= n
		}
	}
	return order
}

// multinomial returns (Σn)! / Π(n!), or math.MaxInt if it overflows.
func multinomial(lengths []int) int {
	result, total := 1, 0
	for _, n := range lengths {
		for k := 1; k <= n; k++ {
			total++
			// result = result * total / k stays integral: it is a
			// running product of binomial coefficients.
			if result > math.MaxInt/total {
				return math.MaxInt
			}
			result = result * total / k
		}
	}
	return result
}

// Table formats the outcomes as a text table with an example schedule for
// each.
func (r Interleaving) Table() string {
	var b strings.Builder
	what := fmt.Sprintf("%d interleavings", r.Total)
	if r.Sampled {
		what = fmt.Sprintf("%d sampled of %d interleavings", len(r.Runs), r.Total)
	}
	fmt.Fprintf(&b, "%s, %d outcomes\n", what, len(r.Outcomes))
	width := len("outcome")
	for _, o := range r.Outcomes {
		width = max(width, len(o.Outcome))
	}
	fmt.Fprintf(&b, "%-*s %6s  %s\n", width, "outcome", "runs", "example")
	for _, o := range r.Outcomes {
		fmt.Fprintf(&b, "%-*s %6d  %s\n", width, o.Outcome, o.Count, strings.Join(o.Example, " "))
	}
	return b.String()
}

// splitMix is a small deterministic random generator (SplitMix64).
type splitMix struct{ state uint64 }

func (r *splitMix) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
