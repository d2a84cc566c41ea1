package charts

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/goconc/goconc/helpers/sched"
)

// Colours of the states FromTimeline and FromCoop add to the Timeline
// chart's defaults.
const (
	holdingColor = "#5470c6"
	ioColor      = "#73c0de"
)

// FromTimeline returns the Gantt chart of a timeline recorded by
// sched.Record, one lane per goroutine, with times since the start of the
// recording:
//
//	tl := sched.Record(func() { ... })
//	charts.FromTimeline("Four workers, one mutex", tl)
//
// A goroutine is "running" (on a CPU or ready for one: the log cannot tell
// them apart), "holding" while it runs holding a lock or permits (the
// detail names them), "blocked" on a lock, semaphore or queue, or
// "waiting" for an event, condition or barrier (the detail names the
// primitive, and what the goroutine holds meanwhile). Goroutines that share
// a label get their id after it.
func FromTimeline(title string, tl sched.Timeline) *TimelineChart {
	if tl.Dropped > 0 {
		title += fmt.Sprintf(" (%d log entries dropped)", tl.Dropped)
	}
	ids := map[string]map[int64]bool{}
	for _, s := range tl.Spans {
		if ids[s.Goroutine] == nil {
			ids[s.Goroutine] = map[int64]bool{}
		}
		ids[s.Goroutine][s.ID] = true
	}
	lane := func(s sched.Span) string {
		if len(ids[s.Goroutine]) > 1 {
			return fmt.Sprintf("%s (g%d)", s.Goroutine, s.ID)
		}
		return s.Goroutine
	}
	// Lanes in the order of the spans: by goroutine in order of first
	// appearance.
	var order []string
	byLane := map[string][]sched.Span{}
	for _, s := range tl.Spans {
		l := lane(s)
		if _, ok := byLane[l]; !ok {
			order = append(order, l)
		}
		byLane[l] = append(byLane[l], s)
	}
	var spans []Span
	for _, l := range order {
		spans = append(spans, laneSpans(l, byLane[l], tl.Start)...)
	}
	return Timeline(title, spans...).Color("holding", holdingColor)
}

// hold is a stretch during which a goroutine held a primitive.
type hold struct {
	object     string
	start, end time.Duration
}

// laneSpans turns one goroutine's spans into the chart's: running spans
// split where the goroutine held something, holding spans folded into
// them, times relative to origin.
func laneSpans(lane string, in []sched.Span, origin time.Duration) []Span {
	var holds []hold
	for _, s := range in {
		if s.State == "holding" {
			holds = append(holds, hold{s.Object, s.Start, s.End})
		}
	}
	heldDuring := func(from, to time.Duration) []string {
		var objs []string
		for _, h := range holds {
			if h.start <= from && h.end >= to && h.start < h.end && !slices.Contains(objs, h.object) {
				objs = append(objs, h.object)
			}
		}
		slices.Sort(objs)
		return objs
	}
	var out []Span
	add := func(state, detail string, from, to time.Duration) {
		if to <= from {
			return
		}
		if n := len(out); n > 0 && out[n-1].State == state && out[n-1].Detail == detail && out[n-1].End == from-origin {
			out[n-1].End = to - origin
			return
		}
		out = append(out, Span{Lane: lane, State: state, Start: from - origin, End: to - origin, Detail: detail})
	}
	for _, s := range in {
		switch s.State {
		case "holding":
			continue
		case "running":
			// Cut the span wherever a hold starts or ends inside it.
			cuts := []time.Duration{s.Start, s.End}
			for _, h := range holds {
				for _, t := range []time.Duration{h.start, h.end} {
					if t > s.Start && t < s.End {
						cuts = append(cuts, t)
					}
				}
			}
			slices.Sort(cuts)
			cuts = slices.Compact(cuts)
			for i := 0; i+1 < len(cuts); i++ {
				if objs := heldDuring(cuts[i], cuts[i+1]); len(objs) > 0 {
					add("holding", "holds "+strings.Join(objs, ", "), cuts[i], cuts[i+1])
				} else {
					add("running", "", cuts[i], cuts[i+1])
				}
			}
		default:
			detail := s.Object
			switch {
			case detail == "":
			case s.State == "waiting":
				detail = "for " + detail
			default:
				detail = "on " + detail
			}
			if objs := heldDuring(s.Start, s.End); len(objs) > 0 {
				detail += ", holding " + strings.Join(objs, ", ")
			}
			add(s.State, strings.TrimPrefix(detail, ", "), s.Start, s.End)
		}
	}
	return out
}

// FromCoop returns the Gantt chart of a cooperative scheduler's run, one
// lane per task:
//
//	tr, err := coop.Run()
//	charts.FromCoop("Three tasks, one thread", tr)
//
// A task is "running" during its turns (the detail says how the turn
// ended), "ready" while it waits for its next turn, "sleeping" after Sleep
// until it may run again, and "waiting for I/O" after WaitIO until its next
// turn (the trace does not record when the I/O completed, so this includes
// any time it then waited to run).
func FromCoop(title string, tr sched.CoopTrace) *TimelineChart {
	var order []string
	byTask := map[string][]sched.Slice{}
	for _, s := range tr.Slices {
		if _, ok := byTask[s.Task]; !ok {
			order = append(order, s.Task)
		}
		byTask[s.Task] = append(byTask[s.Task], s)
	}
	var spans []Span
	for _, task := range order {
		var prev *sched.Slice
		for _, s := range byTask[task] {
			gap := func(state, detail string, from, to time.Duration) {
				if to > from {
					spans = append(spans, Span{Lane: task, State: state, Start: from, End: to, Detail: detail})
				}
			}
			switch {
			case prev == nil:
				gap("ready", "", 0, s.Start)
			case prev.Reason == "sleep":
				wake := s.Start
				if d, err := time.ParseDuration(prev.Detail); err == nil {
					wake = min(prev.End+d, s.Start)
				}
				gap("sleeping", prev.Detail, prev.End, wake)
				gap("ready", "", wake, s.Start)
			case prev.Reason == "io":
				gap("waiting for I/O", prev.Detail, prev.End, s.Start)
			default:
				gap("ready", "", prev.End, s.Start)
			}
			then := "then " + s.Reason
			if s.Detail != "" {
				then += " " + s.Detail
			}
			spans = append(spans, Span{Lane: task, State: "running", Start: s.Start, End: s.End, Detail: then})
			prev = &s
		}
	}
	return Timeline(title, spans...).Color("waiting for I/O", ioColor)
}
