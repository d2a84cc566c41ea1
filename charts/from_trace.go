package charts

import (
	"fmt"
	"time"

	"github.com/goconc/goconc/helpers/sched"
)

// maxTraceColors is the most goroutines FromTrace colours one by one; with
// more, every running span is "running" and its detail names the goroutine.
const maxTraceColors = 8

// FromTrace returns the Gantt chart of what each P did while sched.Trace
// ran a function, one lane per P, with times since the function started:
//
//	s, err := sched.Trace(func() { ... })
//	charts.FromTrace("Four workers on two Ps", s)
//
// A P is running a goroutine, or "idle" between goroutines (which includes
// time in the scheduler and the garbage collector). With at most eight
// goroutines each has its own colour, its state named after it ("g7");
// with more, a P's state is "running" and the detail names the goroutine.
// The goroutine that called Trace is marked "(caller)". The text form is
// the time each P spent in each state.
func FromTrace(title string, s sched.TraceSummary) *TimelineChart {
	if s.SpansDropped > 0 {
		title += fmt.Sprintf(" (%d spans not kept)", s.SpansDropped)
	}
	goroutines := map[int64]bool{}
	for _, sp := range s.Spans {
		goroutines[sp.Goroutine] = true
	}
	byGoroutine := len(goroutines) <= maxTraceColors
	name := func(g int64) string {
		if g == s.Caller {
			return fmt.Sprintf("g%d (caller)", g)
		}
		return fmt.Sprintf("g%d", g)
	}
	nprocs := len(s.Procs)
	for _, sp := range s.Spans {
		nprocs = max(nprocs, sp.Proc+1)
	}
	byProc := make([][]sched.ProcSpan, nprocs)
	for _, sp := range s.Spans {
		byProc[sp.Proc] = append(byProc[sp.Proc], sp)
	}
	var spans []Span
	for p, in := range byProc {
		lane := fmt.Sprintf("P%d", p)
		var at time.Duration
		idle := func(to time.Duration) {
			if to > at {
				spans = append(spans, Span{Lane: lane, State: "idle", Start: at, End: to})
			}
		}
		for _, sp := range in {
			idle(sp.Start)
			state, detail := "running", name(sp.Goroutine)
			if byGoroutine {
				state, detail = name(sp.Goroutine), ""
			}
			spans = append(spans, Span{Lane: lane, State: state, Start: sp.Start, End: sp.End, Detail: detail})
			at = max(at, sp.End)
		}
		idle(s.Wall)
	}
	return Timeline(title, spans...)
}
