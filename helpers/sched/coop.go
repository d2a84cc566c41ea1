package sched

import (
	"container/heap"
	"fmt"
	"strings"
	"time"

	"github.com/goconc/goconc/kernel/cellrt"
)

// Coop is a cooperative scheduler: it runs one task at a time, in
// round-robin order, and a task runs until it gives control back by
// yielding, sleeping, waiting for simulated I/O or returning. Nothing
// preempts a task that does not: that is the difference from goroutines.
//
// In virtual time (the default), the clock only moves when the scheduler
// says so: every time slice counts as CoopOptions.Slice, and when all
// tasks sleep or wait the clock jumps to the next wake-up, so runs are
// instant and their traces reproducible. In real time, slices are
// measured and the scheduler really sleeps while nothing is ready.
//
// Each task runs in its own goroutine, but only the one the scheduler
// resumes runs, so tasks need no locks between each other. Create one with
// NewCoop, add tasks with Spawn and call Run once.
type Coop struct {
	opts  CoopOptions
	tasks []*Task
	back  chan switchEvent // the running task hands control back here
	now   time.Duration    // virtual clock; in real time, the last reading
	start time.Time        // real-time origin
	seq   int              // orders wake-ups at the same time
}

// CoopOptions configures a Coop.
type CoopOptions struct {
	RealTime bool `json:"real_time"`
	// Slice is the virtual time a task's turn takes, so that traces have
	// width. Default 1ms. Ignored in real time.
	Slice time.Duration `json:"slice"`
}

// A Task is a function run by a Coop. Its methods may only be called by
// the task's own function.
type Task struct {
	name   string
	fn     func(*Task)
	coop   *Coop
	resume chan struct{}
	wakeAt time.Duration
	seq    int
}

// Slice is one turn of a task: it ran from Start to End and then gave
// control back for Reason ("yield", "sleep", "io", "done" or "panic"),
// with Detail saying for how long or what.
type Slice struct {
	Task   string        `json:"task"`
	Start  time.Duration `json:"start"`
	End    time.Duration `json:"end"`
	Reason string        `json:"reason"`
	Detail string        `json:"detail,omitempty"`
}

// CoopTrace is the record of a Run: every turn in order.
type CoopTrace struct {
	Slices []Slice       `json:"slices"`
	End    time.Duration `json:"end"` // clock when the last task finished
}

// switchEvent is what a task tells the scheduler when it gives control
// back.
type switchEvent struct {
	reason string
	wait   time.Duration // for sleep and io
	detail string
	panic  any
}

// NewCoop returns a scheduler with no tasks.
func NewCoop(opts CoopOptions) *Coop {
	if opts.Slice <= 0 {
		opts.Slice = time.Millisecond
	}
	return &Coop{opts: opts, back: make(chan switchEvent)}
}

// Spawn adds a task that will run fn when Run starts. Tasks run in the
// order they were spawned at first.
func (c *Coop) Spawn(name string, fn func(t *Task)) {
	c.tasks = append(c.tasks, &Task{name: name, fn: fn, coop: c, resume: make(chan struct{})})
}

// Name returns the task's name.
func (t *Task) Name() string { return t.name }

// Now returns the scheduler's clock.
func (t *Task) Now() time.Duration { return t.coop.clock() }

// Yield gives control back; the task runs again after the other ready
// tasks have had a turn.
func (t *Task) Yield() { t.pause(switchEvent{reason: "yield"}) }

// Sleep gives control back for at least d.
func (t *Task) Sleep(d time.Duration) {
	t.pause(switchEvent{reason: "sleep", wait: d, detail: d.String()})
}

// WaitIO starts a simulated I/O operation called what, which completes
// after latency, and gives control back until it has: the scheduler runs
// other tasks meanwhile, as an event loop does while the network works.
func (t *Task) WaitIO(what string, latency time.Duration) {
	t.pause(switchEvent{reason: "io", wait: latency, detail: what})
}

func (t *Task) pause(ev switchEvent) {
	t.coop.back <- ev
	<-t.resume
}

// Run runs the tasks until all have returned and returns the trace. A
// panic in a task ends that task only; Run reports the first one as an
// error along with the trace. Run must be called once.
func (c *Coop) Run() (CoopTrace, error) {
	c.start = time.Now()
	var trace CoopTrace
	var firstErr error
	ready := append([]*Task(nil), c.tasks...)
	started := map[*Task]bool{}
	var sleeping wakeHeap
	for len(ready) > 0 || sleeping.Len() > 0 {
		now := c.clock()
		for sleeping.Len() > 0 && sleeping.tasks[0].wakeAt <= now {
			ready = append(ready, heap.Pop(&sleeping).(*Task))
		}
		if len(ready) == 0 {
			next := sleeping.tasks[0].wakeAt
			if c.opts.RealTime {
				time.Sleep(next - now)
			} else {
				c.now = next
			}
			continue
		}
		t := ready[0]
		ready = ready[1:]
		start := c.clock()
		if !started[t] {
			started[t] = true
			cellrt.Go(t.main)
		} else {
			t.resume <- struct{}{}
		}
		ev := <-c.back
		if !c.opts.RealTime {
			c.now += c.opts.Slice
		}
		end := c.clock()
		trace.Slices = append(trace.Slices, Slice{Task: t.name, Start: start, End: end, Reason: ev.reason, Detail: ev.detail})
		switch ev.reason {
		case "yield":
			ready = append(ready, t)
		case "sleep", "io":
			c.seq++
			t.wakeAt, t.seq = end+ev.wait, c.seq
			heap.Push(&sleeping, t)
		case "panic":
			if firstErr == nil {
				firstErr = fmt.Errorf("coop: task %s panicked: %v", t.name, ev.panic)
			}
		}
	}
	trace.End = c.clock()
	return trace, firstErr
}

// main runs the task's function and reports its end.
func (t *Task) main() {
	defer func() {
		if p := recover(); p != nil {
			t.coop.back <- switchEvent{reason: "panic", detail: fmt.Sprint(p), panic: p}
			return
		}
		t.coop.back <- switchEvent{reason: "done"}
	}()
	t.fn(t)
}

func (c *Coop) clock() time.Duration {
	if c.opts.RealTime {
		c.now = time.Since(c.start)
	}
	return c.now
}

// Table formats the trace, one turn per line.
func (tr CoopTrace) Table() string {
	var b strings.Builder
	width := len("task")
	for _, s := range tr.Slices {
		width = max(width, len(s.Task))
	}
	fmt.Fprintf(&b, "%10s %10s  %-*s  %s\n", "start", "end", width, "task", "then")
	for _, s := range tr.Slices {
		then := s.Reason
		if s.Detail != "" {
			then += " " + s.Detail
		}
		fmt.Fprintf(&b, "%10v %10v  %-*s  %s\n", s.Start.Round(time.Microsecond), s.End.Round(time.Microsecond), width, s.Task, then)
	}
	return b.String()
}

// wakeHeap orders sleeping tasks by wake-up time, then by when they went
// to sleep.
type wakeHeap struct{ tasks []*Task }

func (h *wakeHeap) Len() int { return len(h.tasks) }
func (h *wakeHeap) Less(i, j int) bool {
	a, b := h.tasks[i], h.tasks[j]
	if a.wakeAt != b.wakeAt {
		return a.wakeAt < b.wakeAt
	}
	return a.seq < b.seq
}
func (h *wakeHeap) Swap(i, j int) { h.tasks[i], h.tasks[j] = h.tasks[j], h.tasks[i] }
func (h *wakeHeap) Push(x any)    { h.tasks = append(h.tasks, x.(*Task)) }
func (h *wakeHeap) Pop() any {
	n := len(h.tasks) - 1
	t := h.tasks[n]
	h.tasks = h.tasks[:n]
	return t
}
