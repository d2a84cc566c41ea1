package charts

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Span is a stretch of time that one lane (a goroutine, a worker or a P)
// spent in one state.
type Span struct {
	Lane   string        // the row, e.g. "g7" or "worker 2"
	State  string        // e.g. "running", "blocked on mu", "waiting"
	Start  time.Duration // since the start of the trace
	End    time.Duration // since the start of the trace; End ≥ Start
	Detail string        // shown on hover (optional)
}

// TimelineChart is a Gantt chart: one row per lane, in the order the lanes
// first appear, and one bar per span, coloured by state. Hovering a bar
// shows its lane, state, times and detail; the time axis zooms with the
// mouse wheel and the slider below it. Make one with Timeline.
//
// States are coloured by name: "running" green, "runnable" or "ready"
// yellow, "blocked…" red and orange, "waiting", "sleeping" or "idle"
// grey, "syscall" blue, "GC" purple; other states take the remaining
// colours. Color sets a state's colour.
type TimelineChart struct {
	title  string
	spans  []Span
	colors map[string]string
	height int
}

// Timeline returns a Gantt chart of the spans.
func Timeline(title string, spans ...Span) *TimelineChart {
	return &TimelineChart{title: title, spans: spans}
}

// Color sets the colour (any CSS colour) of the spans in the given state.
func (c *TimelineChart) Color(state, color string) *TimelineChart {
	if c.colors == nil {
		c.colors = map[string]string{}
	}
	c.colors[state] = color
	return c
}

// Height sets the chart's height in CSS pixels. By default it grows with
// the number of lanes.
func (c *TimelineChart) Height(px int) *TimelineChart {
	c.height = px
	return c
}

// MIMEBundle shows the chart, with a table of the time each lane spent in
// each state as text/plain.
func (c *TimelineChart) MIMEBundle() map[string]any { return c.Chart().MIMEBundle() }

// String returns the table of the time each lane spent in each state.
func (c *TimelineChart) String() string { return c.Chart().String() }

// timelineData is the spans sorted out: lanes and states in order of first
// appearance, and each state's colour.
type timelineData struct {
	lanes, states []string
	laneIndex     map[string]int
	color         map[string]string
	start, end    time.Duration
}

func (c *TimelineChart) data() (*timelineData, error) {
	if len(c.spans) == 0 {
		return nil, fmt.Errorf("charts.Timeline: no spans")
	}
	d := &timelineData{laneIndex: map[string]int{}, color: map[string]string{}, start: c.spans[0].Start}
	seen := map[string]bool{}
	for _, s := range c.spans {
		if s.End < s.Start {
			return nil, fmt.Errorf("charts.Timeline: span of %q in state %q ends (%v) before it starts (%v)", s.Lane, s.State, s.End, s.Start)
		}
		if _, ok := d.laneIndex[s.Lane]; !ok {
			d.laneIndex[s.Lane] = len(d.lanes)
			d.lanes = append(d.lanes, s.Lane)
		}
		if !seen[s.State] {
			seen[s.State] = true
			d.states = append(d.states, s.State)
		}
		d.start, d.end = min(d.start, s.Start), max(d.end, s.End)
	}
	d.color = stateColors(d.states, c.colors)
	return d, nil
}

// stateColors picks a colour for each state: the one set, else by name,
// else the next palette colour no other state uses.
func stateColors(states []string, set map[string]string) map[string]string {
	colors := map[string]string{}
	used := map[string]bool{}
	warm := []string{"#ee6666", "#fc8452", "#ea7ccc", "#d14a61"}
	blocked := 0
	for _, s := range states {
		c := set[s]
		if c == "" {
			k := strings.ToLower(s)
			switch {
			case strings.HasPrefix(k, "running"):
				c = "#3ba272"
			case strings.HasPrefix(k, "runnable"), strings.HasPrefix(k, "ready"):
				c = "#fac858"
			case strings.HasPrefix(k, "blocked"):
				c = warm[blocked%len(warm)]
				blocked++
			case strings.HasPrefix(k, "waiting"), strings.HasPrefix(k, "sleep"), strings.HasPrefix(k, "idle"):
				c = neutral
			case strings.HasPrefix(k, "syscall"):
				c = "#5470c6"
			case strings.HasPrefix(k, "gc"):
				c = "#9a60b4"
			}
		}
		if c != "" {
			colors[s] = c
			used[c] = true
		}
	}
	next := 0
	for _, s := range states {
		if colors[s] != "" {
			continue
		}
		for next < len(palette) && used[palette[next]] {
			next++
		}
		colors[s] = colorAt(next)
		used[colorAt(next)] = true
		next++
	}
	return colors
}

// Chart builds the chart.
func (c *TimelineChart) Chart() *Chart {
	d, err := c.data()
	if err != nil {
		return errorChart(err)
	}
	o, err := c.option(d)
	if err != nil {
		return errorChart(err)
	}
	height := c.height
	if height == 0 {
		height = min(max(240, 150+26*len(d.lanes)), 900)
	}
	return newChart(o, c.table(d), height)
}

// renderItem draws a span as a bar across its lane, clipped to the grid
// so that zooming in does not draw over the axes.
const renderItem = `function (params, api) {
	var a = api.coord([api.value(1), api.value(0)]);
	var b = api.coord([api.value(2), api.value(0)]);
	var cs = params.coordSys;
	if (b[0] < cs.x || a[0] > cs.x + cs.width) { return null; }
	var x0 = Math.max(a[0], cs.x), x1 = Math.min(b[0], cs.x + cs.width);
	var h = api.size([0, 1])[1] * 0.7;
	return {type: 'rect', shape: {x: x0, y: a[1] - h / 2, width: Math.max(x1 - x0, 1), height: h}, style: api.style()};
}`

// timelineTooltip shows lane, state, times and detail; lanes holds the
// lane names, unit the time unit of the values.
func timelineTooltip(lanes []string, unit string) string {
	names, err := json.Marshal(lanes)
	if err != nil {
		panic(err) // strings always marshal
	}
	return jsFunc(`function (p) {
	var lanes = ` + string(names) + `;
	var esc = function (s) { return String(s).replace(/[&<>"]/g, function (ch) { return '&#' + ch.charCodeAt(0) + ';'; }); };
	var f = function (x) { return String(Number(x.toPrecision(4))) + '` + unit + `'; };
	var v = p.value;
	return p.marker + '<b>' + esc(lanes[v[0]]) + '</b> ' + esc(p.seriesName) + '<br/>' +
		f(v[1]) + ' to ' + f(v[2]) + ' (' + f(v[2] - v[1]) + ')' + (p.name ? '<br/>' + esc(p.name) : '');
}`)
}

func (c *TimelineChart) option(d *timelineData) (option, error) {
	unit := unitFor(d.end - d.start)
	custom := ec.NewCustom()
	custom.SetGlobalOptions(append(common(c.title, "", "item"),
		ec.WithXAxisOpts(opts.XAxis{Type: "value", Name: "time (" + unit.name + ")", NameLocation: "middle", NameGap: 26,
			Min: unit.in(d.start), Max: unit.in(d.end)}),
		ec.WithYAxisOpts(opts.YAxis{Type: "category", Data: d.lanes, Inverse: opts.Bool(true)}),
		ec.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: "44", Bottom: "96", ContainLabel: opts.Bool(true)}),
		ec.WithDataZoomOpts(
			opts.DataZoom{Type: "inside", XAxisIndex: 0, FilterMode: "weakFilter"},
			opts.DataZoom{Type: "slider", XAxisIndex: 0, FilterMode: "weakFilter"},
		),
	)...)
	byState := map[string][]opts.CustomData{}
	for _, s := range c.spans {
		byState[s.State] = append(byState[s.State], opts.CustomData{
			Name:  s.Detail,
			Value: []any{d.laneIndex[s.Lane], unit.in(s.Start), unit.in(s.End)},
		})
	}
	for _, state := range d.states {
		custom.AddSeries(state, byState[state],
			ec.WithCustomChartOpts(opts.CustomChart{RenderItem: opts.FuncOpts(renderItem)}),
			ec.WithItemStyleOpts(opts.ItemStyle{Color: d.color[state]}))
	}
	o, err := build(custom)
	if err != nil {
		return nil, err
	}
	o.set("tooltip.formatter", timelineTooltip(d.lanes, unit.name))
	o.set("dataZoom.1.height", 18)
	o.set("dataZoom.1.bottom", 30)
	for i := range d.states {
		o.set(fmt.Sprintf("series.%d.encode", i), map[string]any{"x": []any{1, 2}, "y": 0})
	}
	return o, nil
}

// table sums, for each lane, the time spent in each state.
func (c *TimelineChart) table(d *timelineData) string {
	sums := make([]map[string]time.Duration, len(d.lanes))
	for i := range sums {
		sums[i] = map[string]time.Duration{}
	}
	for _, s := range c.spans {
		sums[d.laneIndex[s.Lane]][s.State] += s.End - s.Start
	}
	t := table{title: c.title}
	t.header = append(append([]string{"lane"}, d.states...), "total")
	for i, lane := range d.lanes {
		row := []string{lane}
		var total time.Duration
		for _, st := range d.states {
			cell := ""
			if v, ok := sums[i][st]; ok {
				cell = fmtDuration(v)
				total += v
			}
			row = append(row, cell)
		}
		t.add(append(row, fmtDuration(total))...)
	}
	t.note(fmt.Sprintf("%d spans from %s to %s", len(c.spans), fmtDuration(d.start), fmtDuration(d.end)))
	return t.String()
}
