package charts

import (
	"cmp"
	"fmt"
	"html"
	"slices"
	"strings"
	"sync"
	"time"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/goconc/goconc/kernel/display"
)

// LiveInterval is the least time between two updates of a Live display;
// the updates in between are merged, and the last one is always shown.
var LiveInterval = 250 * time.Millisecond

// Live shows the progress of a long sweep while it runs: a progress bar
// and a line chart of the points measured so far, updated in place (a
// display update) as points arrive. The text/plain form has the progress
// and the points. Make one with NewLive; its methods may be called from
// several goroutines.
//
//	live := charts.NewLive("Speedup by workers", len(counts)).Axes("workers", "speedup")
//	for _, n := range counts {
//		live.Add("mutex", float64(n), measure(n))
//	}
//	live.Done()
type Live struct {
	mu       sync.Mutex // guards the fields below
	title    string
	total    int
	done     int
	finished bool
	xName    string
	yName    string
	series   []liveSeries
	id       display.ID // display id, "" until shown
	started  time.Time  // when NewLive was called
	shown    time.Time  // when the display was last updated
	pending  *time.Timer
}

type liveSeries struct {
	name string
	x, y []float64
}

// NewLive shows an empty progress bar for a sweep of total steps and
// returns the Live that updates it.
func NewLive(title string, total int) *Live {
	l := &Live{title: title, total: total, xName: "x", yName: "y", started: time.Now()}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.show()
	return l
}

// Axes names the chart's axes; the next update shows them.
func (l *Live) Axes(x, y string) *Live {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.xName, l.yName = x, y
	return l
}

// Add records the point (x, y) of the named series, counts one step done
// and updates the display.
func (l *Live) Add(series string, x, y float64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	i := 0
	for i < len(l.series) && l.series[i].name != series {
		i++
	}
	if i == len(l.series) {
		l.series = append(l.series, liveSeries{name: series})
	}
	l.series[i].x = append(l.series[i].x, x)
	l.series[i].y = append(l.series[i].y, y)
	l.done++
	l.update()
}

// Step counts n steps done without a point (a step that was skipped or
// failed) and updates the display.
func (l *Live) Step(n int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.done += n
	l.update()
}

// Done marks the sweep finished, whatever the count of steps, and shows
// the final state.
func (l *Live) Done() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.finished = true
	l.show()
}

// Chart returns the chart of the points so far.
func (l *Live) Chart() *Chart {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.chart()
}

// String returns the progress and the points so far as text.
func (l *Live) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.text()
}

// update shows the state now if the last update is LiveInterval old or
// the sweep is complete, else makes sure it is shown when it is.
// l.mu is held.
func (l *Live) update() {
	wait := LiveInterval - time.Since(l.shown)
	if l.done >= l.total || wait <= 0 {
		l.show()
		return
	}
	if l.pending == nil {
		var t *time.Timer
		t = time.AfterFunc(wait, func() {
			l.mu.Lock()
			defer l.mu.Unlock()
			if l.pending == t { // else show ran since, and stopped t too late
				l.show()
			}
		})
		l.pending = t
	}
}

// show displays the current state, or updates the display. l.mu is held.
func (l *Live) show() {
	if l.pending != nil {
		l.pending.Stop()
		l.pending = nil
	}
	b := display.Bundle{"text/html": l.html(), "text/plain": l.text()}
	if l.id == "" {
		l.id = display.Show(b)
	} else {
		display.Update(l.id, b)
	}
	l.shown = time.Now()
}

func (l *Live) complete() bool { return l.finished || l.done >= l.total }

// fraction is the share of the steps done, in [0, 1].
func (l *Live) fraction() float64 {
	if l.total <= 0 {
		if l.complete() {
			return 1
		}
		return 0
	}
	return min(1, float64(l.done)/float64(l.total))
}

// progress is the progress line: "12/40 steps (30.0%)".
func (l *Live) progress() string {
	s := fmt.Sprintf("%d/%d steps (%s)", l.done, l.total, fmtPercent(l.fraction()))
	if l.finished {
		s += ", done"
	}
	return s
}

// text is the text form: the title, a bar of # and ., and the points.
func (l *Live) text() string {
	const width = 30
	n := int(l.fraction() * width)
	var b strings.Builder
	if l.title != "" {
		b.WriteString(l.title + "\n")
	}
	fmt.Fprintf(&b, "[%s%s] %s", strings.Repeat("#", n), strings.Repeat(".", width-n), l.progress())
	if len(l.series) > 0 {
		t := table{header: []string{"series", l.xName, l.yName}}
		for _, s := range l.series {
			for i := range s.x {
				t.add(s.name, fmtNumber(s.x[i]), fmtNumber(s.y[i]))
			}
		}
		b.WriteString("\n" + t.String())
	}
	return b.String()
}

// html is the progress bar, then the chart once there are points.
func (l *Live) html() string {
	elapsed := time.Since(l.started).Round(100 * time.Millisecond)
	status := l.progress() + ", " + elapsed.String()
	if f := l.fraction(); f > 0 && !l.complete() {
		eta := time.Duration(float64(time.Since(l.started)) * (1 - f) / f).Round(time.Second)
		status += ", about " + eta.String() + " left"
	}
	var b strings.Builder
	b.WriteString(`<div class="goconc-live">`)
	if l.title != "" {
		fmt.Fprintf(&b, `<div style="font-weight:bold;margin:2px 0">%s</div>`, html.EscapeString(l.title))
	}
	fmt.Fprintf(&b, `<div style="height:8px;border-radius:4px;background:var(--jp-layout-color3,rgba(128,128,128,0.25));overflow:hidden">`+
		`<div style="height:100%%;width:%.1f%%;background:var(--jp-brand-color1,#1976d2)"></div></div>`, 100*l.fraction())
	fmt.Fprintf(&b, `<div style="font-size:90%%;opacity:0.8;margin:2px 0 6px">%s</div>`, html.EscapeString(status))
	if len(l.series) > 0 {
		b.WriteString(l.chart().HTML())
	}
	b.WriteString(`</div>`)
	return b.String()
}

// chart is the line chart of the points, without animation, so that
// updates do not flicker. l.mu is held.
func (l *Live) chart() *Chart {
	line := ec.NewLine()
	line.SetGlobalOptions(append(common("", "", "axis"),
		ec.WithXAxisOpts(opts.XAxis{Type: "value", Name: l.xName, NameLocation: "middle", NameGap: 28, Scale: opts.Bool(true)}),
		ec.WithYAxisOpts(opts.YAxis{Type: "value", Name: l.yName}),
		ec.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", ValueFormatter: valueFormatter}),
		ec.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "32", Bottom: "56", ContainLabel: opts.Bool(true)}),
		ec.WithAnimation(false),
	)...)
	for i, s := range l.series {
		// Points may arrive out of order from parallel steps.
		order := make([]int, len(s.x))
		for j := range order {
			order[j] = j
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(s.x[a], s.x[b]) })
		data := make([]opts.LineData, len(s.x))
		for j, k := range order {
			data[j] = opts.LineData{Value: []any{round4(s.x[k]), round4(s.y[k])}}
		}
		line.AddSeries(s.name, data,
			ec.WithLineStyleOpts(opts.LineStyle{Color: colorAt(i), Width: 2}),
			ec.WithItemStyleOpts(opts.ItemStyle{Color: colorAt(i)}),
			ec.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 6}))
	}
	o, err := build(line)
	if err != nil {
		return errorChart(err)
	}
	return newChart(o, l.text(), 300)
}
