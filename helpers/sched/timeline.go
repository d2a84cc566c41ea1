package sched

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/goconc/goconc/helpers/instrument"
)

// Span is a stretch of time a goroutine spent in one state: "running"
// (alive and not blocked: on a CPU or ready for one, which the log cannot
// tell apart), "blocked" on a lock, semaphore or queue, "waiting" for an
// event, condition or barrier, or "holding" a lock or permits (which
// overlaps its other spans).
type Span struct {
	Goroutine string        `json:"goroutine"` // label, or "goroutine N"
	ID        int64         `json:"id"`
	State     string        `json:"state"`
	Object    string        `json:"object,omitempty"` // the primitive blocked on, waited for or held
	Start     time.Duration `json:"start"`
	End       time.Duration `json:"end"`
}

// Timeline is what goroutines did during a section of code, on the
// instrument package's clock (instrument.Now).
type Timeline struct {
	Spans      []Span        `json:"spans"`      // by goroutine in order of first appearance, then by start
	Goroutines []string      `json:"goroutines"` // in order of first appearance
	Start      time.Duration `json:"start"`
	End        time.Duration `json:"end"`
	Dropped    int64         `json:"dropped"` // log entries lost because the trace was full
}

// Record runs f and returns the timeline of the instrumented primitives
// and labelled goroutines it used. f should wait for the goroutines it
// starts. It records everything the instrument package logs, so spans
// come only from instrumented operations: a goroutine is seen from its
// start to its exit if it was started with instrument.Go or a Group, and
// from its first to its last operation otherwise.
//
// The timeline does not come from runtime/trace, so it cannot show which
// goroutine ran on which P; run the section under `go test -trace` or
// runtime/trace.Start and open it with `go tool trace` for that.
func Record(f func()) Timeline {
	tr := instrument.StartTrace(0)
	start := instrument.Now()
	f()
	end := instrument.Now()
	entries := tr.Stop()
	tl := FromLog(entries, start, end)
	tl.Dropped = tr.Dropped()
	return tl
}

// FromLog builds a timeline from log entries (from instrument.Trace or
// instrument.Log) between start and end.
func FromLog(entries []instrument.LogEntry, start, end time.Duration) Timeline {
	tl := Timeline{Start: start, End: end}
	byG := map[int64][]instrument.LogEntry{}
	var order []int64
	for _, e := range entries {
		if e.At < start || e.At > end {
			continue
		}
		id := e.Goroutine.ID
		if _, ok := byG[id]; !ok {
			order = append(order, id)
		}
		byG[id] = append(byG[id], e)
	}
	for _, id := range order {
		es := byG[id]
		tl.Goroutines = append(tl.Goroutines, es[0].Goroutine.String())
		tl.Spans = append(tl.Spans, goroutineSpans(es, end)...)
	}
	return tl
}

// goroutineSpans turns one goroutine's entries, in time order, into spans.
func goroutineSpans(es []instrument.LogEntry, end time.Duration) []Span {
	g := es[0].Goroutine
	alive, dead := es[0].At, es[len(es)-1].At
	if es[len(es)-1].Op != "exit" && dead < end {
		dead = end
	}
	span := func(state, object string, from, to time.Duration) Span {
		return Span{Goroutine: g.String(), ID: g.ID, State: state, Object: object, Start: from, End: to}
	}
	var spans []Span
	running := alive // start of the current running stretch
	type waitKey struct{ object, op string }
	waits := map[waitKey]time.Duration{}
	held := map[string][]time.Duration{} // object -> start of each hold
	for _, e := range es {
		switch {
		case e.Phase == "blocked":
			waits[waitKey{e.Object, e.Op}] = e.At
			if e.At > running {
				spans = append(spans, span("running", "", running, e.At))
			}
		case e.Phase == "done" || e.Phase == "failed":
			if from, ok := waits[waitKey{e.Object, e.Op}]; ok {
				delete(waits, waitKey{e.Object, e.Op})
				spans = append(spans, span(waitState(e.Kind), e.Object, from, e.At))
				running = e.At
			}
		}
		if e.Phase != "done" {
			continue
		}
		switch e.Op {
		case "lock", "rlock", "acquire":
			held[e.Object] = append(held[e.Object], e.At)
		case "unlock", "runlock", "release":
			if hs := held[e.Object]; len(hs) > 0 {
				spans = append(spans, span("holding", e.Object, hs[len(hs)-1], e.At))
				held[e.Object] = hs[:len(hs)-1]
			}
		}
	}
	if len(waits) == 0 && dead > running {
		spans = append(spans, span("running", "", running, dead))
	}
	for k, from := range waits { // still waiting at the end
		spans = append(spans, span(waitState(kindOf(es, k.object)), k.object, from, dead))
	}
	for object, hs := range held {
		for _, from := range hs {
			spans = append(spans, span("holding", object, from, dead))
		}
	}
	slices.SortStableFunc(spans, func(a, b Span) int {
		if a.Start != b.Start {
			return int(a.Start - b.Start)
		}
		return strings.Compare(a.State, b.State)
	})
	return spans
}

// waitState tells whether waiting on a primitive of kind is "blocked" (for
// a resource) or "waiting" (for another goroutine to signal).
func waitState(kind string) string {
	switch kind {
	case "Event", "Cond", "Barrier":
		return "waiting"
	}
	return "blocked"
}

func kindOf(es []instrument.LogEntry, object string) string {
	for _, e := range es {
		if e.Object == object {
			return e.Kind
		}
	}
	return ""
}

// String draws the timeline in text, one row per goroutine and width
// columns of time: '=' running, '#' running while holding a lock or
// permits, '.' blocked, '~' waiting, ' ' not alive.
func (tl Timeline) String() string { return tl.Chart(60) }

// Chart is String with a chosen width.
func (tl Timeline) Chart(width int) string {
	width = max(width, 10)
	span := max(tl.End-tl.Start, 1)
	col := func(d time.Duration) int {
		return min(width-1, max(0, int(int64(d-tl.Start)*int64(width)/int64(span))))
	}
	nameWidth := 0
	for _, g := range tl.Goroutines {
		nameWidth = max(nameWidth, len(g))
	}
	rows := map[string][]byte{}
	rank := map[string]int{"holding": 1, "running": 0, "blocked": 2, "waiting": 2}
	glyph := map[string]byte{"running": '=', "holding": '#', "blocked": '.', "waiting": '~'}
	best := map[string][]int{}
	for _, g := range tl.Goroutines {
		rows[g] = []byte(strings.Repeat(" ", width))
		best[g] = make([]int, width)
		for i := range best[g] {
			best[g][i] = -1
		}
	}
	for _, s := range tl.Spans {
		row := rows[s.Goroutine]
		if row == nil {
			continue
		}
		for c := col(s.Start); c <= col(s.End); c++ {
			if rank[s.State] > best[s.Goroutine][c] {
				best[s.Goroutine][c] = rank[s.State]
				row[c] = glyph[s.State]
			}
		}
	}
	var b strings.Builder
	for _, g := range tl.Goroutines {
		fmt.Fprintf(&b, "%-*s |%s|\n", nameWidth, g, rows[g])
	}
	fmt.Fprintf(&b, "%-*s  %v\n", nameWidth, "", (tl.End - tl.Start).Round(time.Microsecond))
	return b.String()
}
