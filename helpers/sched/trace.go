package sched

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	rtrace "runtime/trace"
	"slices"
	"strings"
	"time"

	xtrace "golang.org/x/exp/trace"
)

// MaxTraceSpans is the most running spans a TraceSummary keeps; later ones
// are counted in SpansDropped (the per-P totals still include them).
const MaxTraceSpans = 20000

// traceRegion names the region Trace wraps f in, which marks the window
// of the summary in the trace.
const traceRegion = "goconc/sched.Trace"

// TraceSummary is what the Go execution tracer saw while Trace ran a
// function: for each P (the runtime's processors, GOMAXPROCS of them) how
// long it ran goroutines, and each stretch it ran one.
//
// Times are those of the trace, from the moment f started to the moment it
// returned (Wall); span times are since the start of f. Goroutines include
// the one that called Trace and whatever else ran meanwhile: the tracer's
// own writer, the garbage collector's workers, goroutines of earlier cells.
type TraceSummary struct {
	GOMAXPROCS int           `json:"gomaxprocs"` // when f started
	Wall       time.Duration `json:"wall"`       // how long f ran, by the trace's clock
	Goroutines int           `json:"goroutines"` // distinct goroutines that ran on a P while f ran
	Created    int           `json:"created"`    // goroutines created while f ran
	Caller     int64         `json:"caller"`     // id of the goroutine that called Trace (and ran f)
	Procs      []ProcUsage   `json:"procs"`      // one per P, by P id
	// Spans are the stretches during which a P ran a goroutine, ordered by
	// start, at most MaxTraceSpans of them.
	Spans        []ProcSpan `json:"spans"`
	SpansDropped int        `json:"spans_dropped,omitempty"`
	Events       int        `json:"events"`      // trace events read, in the whole trace
	TraceBytes   int        `json:"trace_bytes"` // size of the raw trace
}

// ProcUsage is how one P spent the wall time of a TraceSummary.
type ProcUsage struct {
	Proc        int           `json:"proc"`
	Busy        time.Duration `json:"busy"`        // running goroutines
	Idle        time.Duration `json:"idle"`        // Wall - Busy: idle, spinning, or in the scheduler or GC without a goroutine
	Utilisation float64       `json:"utilisation"` // Busy / Wall, in [0, 1]
	Slices      int           `json:"slices"`      // how many times a goroutine started running on it
	Goroutines  int           `json:"goroutines"`  // distinct goroutines it ran
}

// ProcSpan is a stretch during which P Proc ran goroutine Goroutine; times
// are since the start of f.
type ProcSpan struct {
	Proc      int           `json:"proc"`
	Goroutine int64         `json:"goroutine"`
	Start     time.Duration `json:"start"`
	End       time.Duration `json:"end"`
}

// Trace runs f under the Go execution tracer (runtime/trace, into memory),
// parses the trace with golang.org/x/exp/trace and summarises the time
// during which f ran: per P, how long it ran goroutines and how long it did
// not, and the stretches it ran each goroutine, which charts.FromTrace
// draws one lane per P:
//
//	s, err := sched.Trace(func() { workload.IntegrateSquareParallel(0, 1, 1e7, 4) })
//	fmt.Print(s.Table())
//
// A goroutine counts as running from the moment the trace shows it start
// running on a P until it stops (blocks, yields, is preempted, enters a
// system call or exits). A P can be idle because no goroutine was ready to
// run, but also because it was in the scheduler or the garbage collector
// between goroutines. The trace covers the whole process, so goroutines
// that f did not start show up too.
//
// Trace returns an error, without running f, if the tracer is already on
// (go test -trace, another Trace); and an error if the trace cannot be
// parsed. If f panics, the tracer is stopped and the panic goes on.
// Tracing slows goroutine switches down noticeably: keep the traced
// section short (milliseconds to a second).
func Trace(f func()) (TraceSummary, error) {
	var buf bytes.Buffer
	procs := runtime.GOMAXPROCS(0)
	if err := rtrace.Start(&buf); err != nil {
		return TraceSummary{}, fmt.Errorf("sched.Trace: %w", err)
	}
	func() {
		defer rtrace.Stop()
		region := rtrace.StartRegion(context.Background(), traceRegion)
		defer region.End()
		f()
	}()
	s, err := summariseTrace(&buf, procs)
	if err != nil {
		return s, fmt.Errorf("sched.Trace: %w", err)
	}
	return s, nil
}

// summariseTrace reads a trace whose window is marked by a traceRegion.
func summariseTrace(buf *bytes.Buffer, procs int) (TraceSummary, error) {
	s := TraceSummary{GOMAXPROCS: procs, TraceBytes: buf.Len()}
	r, err := xtrace.NewReader(buf)
	if err != nil {
		return s, err
	}
	type open struct {
		p     xtrace.ProcID
		start xtrace.Time
	}
	type span struct {
		p          int
		g          int64
		start, end xtrace.Time
	}
	var (
		running            = map[xtrace.GoID]open{}
		all                []span
		created            []xtrace.Time
		begin, end         xtrace.Time
		inWindow, sawBegin bool
		last               xtrace.Time
	)
	stop := func(g xtrace.GoID, t xtrace.Time) {
		if o, ok := running[g]; ok {
			all = append(all, span{int(o.p), int64(g), o.start, t})
			delete(running, g)
		}
	}
	for {
		ev, err := r.ReadEvent()
		if err == io.EOF {
			break
		}
		if err != nil {
			return s, err
		}
		s.Events++
		last = ev.Time()
		switch ev.Kind() {
		case xtrace.EventRegionBegin:
			if ev.Region().Type == traceRegion && !sawBegin {
				begin, inWindow, sawBegin = ev.Time(), true, true
				s.Caller = int64(ev.Goroutine())
			}
		case xtrace.EventRegionEnd:
			if ev.Region().Type == traceRegion && inWindow {
				end, inWindow = ev.Time(), false
			}
		case xtrace.EventStateTransition:
			st := ev.StateTransition()
			if st.Resource.Kind != xtrace.ResourceGoroutine {
				continue
			}
			g := st.Resource.Goroutine()
			from, to := st.Goroutine()
			if from == xtrace.GoNotExist && to != xtrace.GoNotExist && inWindow {
				created = append(created, ev.Time())
			}
			if to == xtrace.GoRunning {
				p := ev.Proc()
				if o, ok := running[g]; ok && o.p == p {
					continue // already known to run there
				}
				stop(g, ev.Time())
				if p != xtrace.NoProc {
					running[g] = open{p, ev.Time()}
				}
			} else {
				stop(g, ev.Time())
			}
		}
	}
	if !sawBegin {
		return s, errors.New("the trace does not show f starting")
	}
	if inWindow { // no region end: take the end of the trace
		end = last
	}
	for g := range running {
		stop(g, max(last, end))
	}
	s.Wall = end.Sub(begin)
	s.Created = len(created)

	// Clip to the window, sort by start.
	var spans []span
	for _, sp := range all {
		sp.start, sp.end = max(sp.start, begin), min(sp.end, end)
		if sp.end > sp.start {
			spans = append(spans, sp)
		}
	}
	slices.SortFunc(spans, func(a, b span) int {
		if a.start != b.start {
			return int(a.start - b.start)
		}
		return a.p - b.p
	})

	// Per P totals; spans of one P should not overlap, but merge them if
	// they do so that Busy never exceeds Wall.
	nprocs := procs
	for _, sp := range spans {
		nprocs = max(nprocs, sp.p+1)
	}
	s.Procs = make([]ProcUsage, nprocs)
	reach := make([]xtrace.Time, nprocs)
	gs := make([]map[int64]bool, nprocs)
	allG := map[int64]bool{}
	for i := range s.Procs {
		s.Procs[i].Proc = i
		reach[i] = begin
		gs[i] = map[int64]bool{}
	}
	for _, sp := range spans {
		u := &s.Procs[sp.p]
		if sp.end > reach[sp.p] {
			u.Busy += sp.end.Sub(max(sp.start, reach[sp.p]))
			reach[sp.p] = sp.end
		}
		u.Slices++
		gs[sp.p][sp.g] = true
		allG[sp.g] = true
		if len(s.Spans) < MaxTraceSpans {
			s.Spans = append(s.Spans, ProcSpan{Proc: sp.p, Goroutine: sp.g, Start: sp.start.Sub(begin), End: sp.end.Sub(begin)})
		} else {
			s.SpansDropped++
		}
	}
	for i := range s.Procs {
		u := &s.Procs[i]
		u.Idle = s.Wall - u.Busy
		if s.Wall > 0 {
			u.Utilisation = float64(u.Busy) / float64(s.Wall)
		}
		u.Goroutines = len(gs[i])
	}
	s.Goroutines = len(allG)
	return s, nil
}

// Busy returns the time all Ps together spent running goroutines.
func (s TraceSummary) Busy() time.Duration {
	var d time.Duration
	for _, p := range s.Procs {
		d += p.Busy
	}
	return d
}

// Utilisation returns the fraction of the capacity of all Ps (Wall times
// the number of Ps) spent running goroutines: 1 means every P ran a
// goroutine all the time f ran.
func (s TraceSummary) Utilisation() float64 {
	if s.Wall <= 0 || len(s.Procs) == 0 {
		return 0
	}
	return float64(s.Busy()) / (float64(s.Wall) * float64(len(s.Procs)))
}

// Table formats the summary as a text table, one line per P, after a line
// about the whole run.
func (s TraceSummary) Table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "GOMAXPROCS %d, wall %v, %d goroutines ran (%d created), utilisation %.0f%%\n",
		s.GOMAXPROCS, roundDur(s.Wall), s.Goroutines, s.Created, 100*s.Utilisation())
	fmt.Fprintf(&b, "%3s %10s %10s %6s %7s %11s\n", "P", "busy", "idle", "util", "slices", "goroutines")
	for _, p := range s.Procs {
		fmt.Fprintf(&b, "%3d %10v %10v %5.0f%% %7d %11d\n",
			p.Proc, roundDur(p.Busy), roundDur(p.Idle), 100*p.Utilisation, p.Slices, p.Goroutines)
	}
	if s.SpansDropped > 0 {
		fmt.Fprintf(&b, "(%d spans beyond %d not kept)\n", s.SpansDropped, MaxTraceSpans)
	}
	return b.String()
}

// roundDur rounds d to three or four significant digits for tables.
func roundDur(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(time.Microsecond)
	default:
		return d
	}
}
