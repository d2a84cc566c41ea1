package charts_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goconc/goconc/charts"
	"github.com/goconc/goconc/charts/e2e"
	"github.com/goconc/goconc/helpers/instrument"
	"github.com/goconc/goconc/helpers/sched"
	"github.com/goconc/goconc/kernel/display"
)

type chartValue interface {
	MIMEBundle() map[string]any
	String() string
}

// fromSamples returns a chart of each From function, built from the
// examples' data.
func fromSamples() []sample {
	return []sample{
		{"from_sweep", charts.FromSweep("Integral of x²", sweepResult())},
		{"from_sweep_time", charts.FromSweep("Integral of x²", sweepResult()).ByTime()},
		{"from_stats", charts.FromStats("Who waits?", mutexStats(), queueStats())},
		{"from_stats_by_label", charts.FromStatsByLabel("mu by worker", mutexStats())},
		{"from_histogram", charts.FromHistogram("Lock waits", "mu", mutexStats().Op("lock").Wait)},
		{"from_waits", charts.FromWaits("Waits", mutexStats(), queueStats())},
		{"from_timeline", charts.FromTimeline("Workers", sched.Timeline{Goroutines: []string{"a"}, Spans: []sched.Span{
			{Goroutine: "a", ID: 1, State: "running", Start: 0, End: time.Millisecond},
			{Goroutine: "a", ID: 1, State: "holding", Object: "mu", Start: 0, End: time.Millisecond / 2},
		}})},
		{"from_coop", charts.FromCoop("Tasks", sched.CoopTrace{Slices: []sched.Slice{
			{Task: "a", Start: 0, End: time.Millisecond, Reason: "sleep", Detail: "2ms"},
			{Task: "a", Start: 3 * time.Millisecond, End: 4 * time.Millisecond, Reason: "done"},
		}, End: 4 * time.Millisecond})},
		{"from_deadlock", charts.FromDeadlock("Deadlock", deadlock())},
		{"from_wait_graph_empty", charts.WaitForGraph("Nobody waits", instrument.WaitGraph{})},
	}
}

func TestFromMIMEBundle(t *testing.T) {
	for _, s := range fromSamples() {
		t.Run(s.name, func(t *testing.T) {
			b, ok := display.Of(s.chart)
			if !ok {
				t.Fatalf("%T does not render itself", s.chart)
			}
			html, _ := b["text/html"].(string)
			text, _ := b["text/plain"].(string)
			if text == "" || text != s.chart.String() {
				t.Errorf("text/plain %q, String %q", text, s.chart.String())
			}
			if strings.Contains(html, "chart-error") {
				t.Fatalf("chart has an error: %s", text)
			}
			for _, want := range []string{"<script", "window.goconcCharts.draw", `class="goconc-chart"`} {
				if !strings.Contains(html, want) {
					t.Errorf("text/html lacks %q", want)
				}
			}
			if len(html) > maxChartHTML {
				t.Errorf("text/html is %d bytes, more than %d", len(html), maxChartHTML)
			}
			if strings.HasPrefix(s.name, "from_deadlock") && strings.Contains(html, ":null") {
				t.Errorf("the graph's option has null values")
			}
		})
	}
}

// TestFromSweepOption checks the Amdahl curve of each GOMAXPROCS value
// and the fits in the subtitle.
func TestFromSweepOption(t *testing.T) {
	html := charts.FromSweep("s", sweepResult()).MIMEBundle()["text/html"].(string)
	for _, want := range []string{`"name":"GOMAXPROCS=1"`, `"name":"GOMAXPROCS=4"`, `"name":"ideal"`,
		`"name":"Amdahl (GOMAXPROCS=1)"`, `"name":"Amdahl (GOMAXPROCS=4)"`,
		`"subtext":"Amdahl fit: serial fraction GOMAXPROCS=1: p = 1.00, GOMAXPROCS=4: p = 0.0808"`} {
		if !strings.Contains(html, want) {
			t.Errorf("option lacks %s", want)
		}
	}
	// One GOMAXPROCS value: no need to name it.
	r := sweepResult()
	r.Points, r.Fits = r.Points[3:], r.Fits[1:]
	c := charts.FromSweep("s", r)
	html = c.MIMEBundle()["text/html"].(string)
	if !strings.Contains(html, `"name":"Amdahl"`) || !strings.Contains(html, `"subtext":"Amdahl fit: serial fraction p = 0.0808"`) {
		t.Errorf("single fit not drawn as \"Amdahl\"")
	}
	// By time: a dotted curve per fit too.
	html = charts.FromSweep("s", sweepResult()).ByTime().MIMEBundle()["text/html"].(string)
	if !strings.Contains(html, `"name":"Amdahl (GOMAXPROCS=4)"`) || !strings.Contains(html, `"name":"time per run (ms)"`) {
		t.Errorf("by time: no Amdahl curves or no time axis")
	}
	// As a plain ScalingChart: the fit of the largest GOMAXPROCS.
	text := charts.FromSweep("s", sweepResult()).Scaling().String()
	if !strings.Contains(text, "p = 0.0808") || !strings.Contains(text, "GOMAXPROCS=4        4     3.20") {
		t.Errorf("Scaling():\n%s", text)
	}
	// No fit: no curve, and a note.
	r = sweepResult()
	r.Fits = nil
	text = charts.FromSweep("s", r).String()
	if !strings.Contains(text, "GOMAXPROCS=4: no Amdahl fit") {
		t.Errorf("no note of the missing fit:\n%s", text)
	}
}

func TestFromGraphOption(t *testing.T) {
	html := charts.FromDeadlock("d", deadlock()).MIMEBundle()["text/html"].(string)
	for _, want := range []string{`"type":"graph"`, `"layout":"circular"`, `"id":"g21"`, `"edgeSymbol":["none","arrow"]`,
		`"name":"deadlocked"`, `"source":3,"target":0`, `"subtext":"2 goroutines deadlocked (red)"`} {
		if !strings.Contains(html, want) {
			t.Errorf("option lacks %s", want)
		}
	}
	text := charts.WaitForGraph("g", deadlock().Graph).String()
	if !strings.HasSuffix(text, "deadlocked: east, west") {
		t.Errorf("text does not name the deadlocked goroutines:\n%s", text)
	}
	if text := charts.WaitForGraph("g", instrument.WaitGraph{}).String(); text != "g\nno goroutine is blocked on an instrumented primitive" {
		t.Errorf("empty graph: %q", text)
	}
}

// TestFromStatsRows checks which operations get a row.
func TestFromStatsRows(t *testing.T) {
	ev := instrument.Stats{Name: "ready", Kind: "Event", Ops: []instrument.OpStats{{Op: "wait", Count: 3, Contended: 2}, {Op: "set", Count: 1}}}
	rw := instrument.Stats{Name: "rw", Kind: "RWMutex", Ops: []instrument.OpStats{{Op: "lock", Count: 5}, {Op: "rlock"}}}
	unused := instrument.Stats{Name: "q", Kind: "Queue", Ops: []instrument.OpStats{{Op: "put"}, {Op: "get"}}}
	text := charts.FromStats("t", ev, rw, unused).String()
	want := `t
primitive  acquisitions  contended  share  total wait  p50 wait  p99 wait
ready                 3          2  66.7%         0ns       0ns       0ns
rw: lock              5          0   0.0%         0ns       0ns       0ns
q: put                0          0   0.0%         0ns       0ns       0ns`
	if text != want {
		t.Errorf("got\n%s\nwant\n%s", text, want)
	}
}

// TestFromTimelineLanes checks lane names, order and the time origin.
func TestFromTimelineLanes(t *testing.T) {
	ms := time.Millisecond
	tl := sched.Timeline{Start: time.Second, End: time.Second + 3*ms, Dropped: 2,
		Goroutines: []string{"w", "main", "w"},
		Spans: []sched.Span{
			{Goroutine: "w", ID: 5, State: "running", Start: time.Second, End: time.Second + ms},
			{Goroutine: "main", ID: 1, State: "waiting", Object: "done", Start: time.Second, End: time.Second + 3*ms},
			{Goroutine: "w", ID: 6, State: "blocked", Object: "mu", Start: time.Second + ms, End: time.Second + 2*ms},
			{Goroutine: "w", ID: 6, State: "holding", Object: "other", Start: time.Second, End: time.Second + 3*ms},
		}}
	text := charts.FromTimeline("t", tl).String()
	want := `t (2 log entries dropped)
lane    running  waiting  blocked   total
w (g5)   1.00ms                    1.00ms
main              3.00ms           3.00ms
w (g6)                     1.00ms  1.00ms
3 spans from 0ns to 3.00ms`
	if text != want {
		t.Errorf("got\n%s\nwant\n%s", text, want)
	}
	html := charts.FromTimeline("t", tl).MIMEBundle()["text/html"].(string)
	if !strings.Contains(html, "on mu, holding other") || !strings.Contains(html, "for done") {
		t.Errorf("details missing from the option")
	}
}

// TestFromCoopStates checks the states between turns.
func TestFromCoopStates(t *testing.T) {
	ms := time.Millisecond
	tr := sched.CoopTrace{Slices: []sched.Slice{
		{Task: "a", Start: 0, End: ms, Reason: "sleep", Detail: "1ms"},
		{Task: "b", Start: ms, End: 4 * ms, Reason: "io", Detail: "disk"},
		{Task: "a", Start: 4 * ms, End: 5 * ms, Reason: "yield"},
		{Task: "a", Start: 5 * ms, End: 6 * ms, Reason: "done"},
		{Task: "b", Start: 7 * ms, End: 8 * ms, Reason: "panic", Detail: "boom"},
	}, End: 8 * ms}
	text := charts.FromCoop("c", tr).String()
	want := `c
lane  running  sleeping   ready  waiting for I/O   total
a      3.00ms    1.00ms  2.00ms                   6.00ms
b      4.00ms            1.00ms           3.00ms  8.00ms
9 spans from 0ns to 8.00ms`
	if text != want {
		t.Errorf("got\n%s\nwant\n%s", text, want)
	}
	html := charts.FromCoop("c", tr).MIMEBundle()["text/html"].(string)
	for _, want := range []string{"then panic boom", "then io disk", `"#73c0de"`} {
		if !strings.Contains(html, want) {
			t.Errorf("option lacks %q", want)
		}
	}
}

// TestFromInterleavingsExpect checks that nothing is marked wrong when
// the sequential runs disagree.
func TestFromInterleavingsExpect(t *testing.T) {
	double := sched.Thread{Name: "D", Steps: []sched.Step{{Name: "x*2", Do: func(s, _ map[string]int) { s["x"] *= 2 }}}}
	inc := sched.Thread{Name: "I", Steps: []sched.Step{{Name: "x+1", Do: func(s, _ map[string]int) { s["x"]++ }}}}
	r, err := sched.Interleavings(map[string]int{"x": 1}, []sched.Thread{double, inc}, sched.InterleaveOptions{})
	if err != nil {
		t.Fatal(err)
	}
	text := charts.FromInterleavings("t", r).String()
	if strings.Contains(text, "✗") || strings.Contains(text, "wrong") {
		t.Errorf("a run is marked wrong although the sequential runs disagree:\n%s", text)
	}
	if !strings.Contains(text, "D: x*2 → I: x+1") {
		t.Errorf("steps not shown as thread: step:\n%s", text)
	}
	// A sample: the title says so.
	r, err = sched.Interleavings(nil, []sched.Thread{sched.IncrementThread("A", "n"), sched.IncrementThread("B", "n")},
		sched.InterleaveOptions{Limit: 5, Samples: 4, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if text := charts.FromInterleavings("t", r).String(); !strings.HasPrefix(text, "t (4 sampled of 20 interleavings)\n") {
		t.Errorf("sample not told:\n%s", text)
	}
}

func TestFromBadInput(t *testing.T) {
	for name, c := range map[string]chartValue{
		"empty sweep":     charts.FromSweep("x", sched.SweepResult{}),
		"no stats":        charts.FromStats("x"),
		"no timeline":     charts.FromTimeline("x", sched.Timeline{}),
		"no trace":        charts.FromCoop("x", sched.CoopTrace{}),
		"empty dist":      charts.FromHistogram("x", "d", instrument.Dist{}),
		"no dists":        charts.FromWaits("x"),
		"dangling edge":   charts.WaitForGraph("x", instrument.WaitGraph{Edges: []instrument.Edge{{From: "g1", To: "p1"}}}),
		"duplicate nodes": charts.WaitForGraph("x", instrument.WaitGraph{Nodes: []instrument.Node{{ID: "g1"}, {ID: "g1"}}}),
	} {
		b := c.MIMEBundle()
		if !strings.Contains(b["text/html"].(string), "goconc-chart-error") {
			t.Errorf("%s: no error shown: %.200s", name, b["text/html"])
		}
		if !strings.HasPrefix(c.String(), "charts.") {
			t.Errorf("%s: text %q does not give the error", name, c.String())
		}
	}
}

// TestFromHostileText checks that names from the data cannot close the
// script element or inject markup.
func TestFromHostileText(t *testing.T) {
	evil := `</script><script>alert(1)</script><!--`
	d := deadlock()
	for i := range d.Graph.Nodes {
		d.Graph.Nodes[i].Name = evil
	}
	d.Graph.Edges[0].Op = evil
	stats := mutexStats()
	stats.Name = evil
	for _, c := range []chartValue{
		charts.FromDeadlock(evil, d),
		charts.FromStats(evil, stats),
		charts.FromWaits(evil, stats),
		charts.FromSweep(evil, sweepResult()),
		charts.FromTimeline(evil, sched.Timeline{Spans: []sched.Span{{Goroutine: evil, State: evil, Object: evil, End: 1}}}),
		charts.FromCoop(evil, sched.CoopTrace{Slices: []sched.Slice{{Task: evil, End: 1, Reason: evil, Detail: evil}}}),
	} {
		html := c.MIMEBundle()["text/html"].(string)
		if strings.Contains(html, "chart-error") {
			t.Errorf("%T: %s", c, c.String())
		}
		if n := strings.Count(html, "</script>"); n != 1 {
			t.Errorf("%T: %d script ends", c, n)
		}
		if strings.Contains(html, "<script>alert") || strings.Contains(html, "<!--") {
			t.Errorf("%T: text from the data became markup", c)
		}
	}
}

// TestFromBrowser draws the new charts in headless Chromium, as
// JupyterLab shows them, and checks that each has a canvas and that the
// console has no errors.
func TestFromBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: no browser test")
	}
	r := e2e.New(t)
	var outs []string
	for _, s := range fromSamples() {
		outs = append(outs, s.chart.MIMEBundle()["text/html"].(string))
	}
	const asset = e2e.LabBase + "kernelspecs/goconc/" + charts.AssetName
	srv := e2e.Serve(t, map[string][]byte{
		asset:       charts.Asset(),
		"/lab.html": []byte(e2e.LabPage("From helpers", outs...)),
	})
	shots := e2e.ArtifactsDir(t, t.Name())
	res := r.Check(t, e2e.Page{Name: "lab", URL: srv.URL + "/lab.html", Count: len(outs),
		Screenshot: filepath.Join(shots, "from.png"), Height: 4000})
	if len(res) != 1 {
		t.Fatalf("%d results", len(res))
	}
	for _, p := range res[0].Problems() {
		t.Errorf("%s", p) // requests that left the machine too
	}
	if len(res[0].Requests) == 0 {
		t.Errorf("no request recorded, not even the page's")
	}
	t.Logf("lab: %d requests, none offsite; time to paint: %s", len(res[0].Requests), res[0].Paint)
	for i, c := range res[0].Charts {
		if c.Canvases == 0 || c.Width == 0 || c.Height == 0 || !c.TextHidden {
			t.Errorf("chart %d (%s) not drawn: %+v", i, fromSamples()[i].name, c)
		}
	}
	e2e.LogScreenshots(t, filepath.Join(shots, "from.png"))
}
