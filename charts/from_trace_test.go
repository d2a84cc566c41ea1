package charts_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goconc/goconc/charts"
	"github.com/goconc/goconc/helpers/sched"
	"github.com/goconc/goconc/kernel/display"
)

// TestFromTraceLanes checks the lanes, states and idle gaps of a made-up
// summary.
func TestFromTraceLanes(t *testing.T) {
	ms := time.Millisecond
	s := sched.TraceSummary{GOMAXPROCS: 3, Wall: 4 * ms, Caller: 1,
		Procs: []sched.ProcUsage{{Proc: 0}, {Proc: 1}, {Proc: 2}},
		Spans: []sched.ProcSpan{
			{Proc: 0, Goroutine: 1, Start: 0, End: ms},
			{Proc: 1, Goroutine: 7, Start: ms, End: 3 * ms},
			{Proc: 0, Goroutine: 7, Start: 3 * ms, End: 4 * ms},
		}, SpansDropped: 2}
	text := charts.FromTrace("t", s).String()
	want := `t (2 spans not kept)
lane  g1 (caller)    idle      g7   total
P0         1.00ms  2.00ms  1.00ms  4.00ms
P1                 2.00ms  2.00ms  4.00ms
P2                 4.00ms          4.00ms
7 spans from 0ns to 4.00ms`
	if text != want {
		t.Errorf("got\n%s\nwant\n%s", text, want)
	}

	// More goroutines than colours: all "running", named in the detail.
	s.Spans = nil
	for g := range int64(12) {
		s.Spans = append(s.Spans, sched.ProcSpan{Proc: int(g % 3), Goroutine: g + 1, Start: time.Duration(g) * ms / 4, End: time.Duration(g+1) * ms / 4})
	}
	s.SpansDropped = 0
	c := charts.FromTrace("many", s)
	if text := c.String(); !strings.Contains(text, "running") || strings.Contains(text, "g12") {
		t.Errorf("goroutines should share the running state:\n%s", text)
	}
	if html := c.MIMEBundle()["text/html"].(string); !strings.Contains(html, "g12") {
		t.Errorf("the details do not name the goroutines")
	}
}

// TestFromTraceBundle charts a real trace: the bundle has the chart and
// the table.
func TestFromTraceBundle(t *testing.T) {
	s, err := sched.Trace(func() {
		var wg sync.WaitGroup
		for range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for start := time.Now(); time.Since(start) < 2*time.Millisecond; {
				}
			}()
		}
		wg.Wait()
	})
	if err != nil {
		t.Fatal(err)
	}
	c := charts.FromTrace("Three spinners", s)
	b, ok := display.Of(c)
	if !ok {
		t.Fatal("FromTrace's chart does not render itself")
	}
	html, _ := b["text/html"].(string)
	text, _ := b["text/plain"].(string)
	if strings.Contains(html, "chart-error") {
		t.Fatalf("chart has an error: %s", text)
	}
	for _, want := range []string{"<script", "window.goconcCharts.draw", `class="goconc-chart"`, "Three spinners", "P0"} {
		if !strings.Contains(html, want) {
			t.Errorf("text/html lacks %q", want)
		}
	}
	if text != c.String() || !strings.HasPrefix(text, "Three spinners\nlane") || !strings.Contains(text, "\nP0 ") || !strings.Contains(text, "total") {
		t.Errorf("text/plain is not the table:\n%s", text)
	}
}
