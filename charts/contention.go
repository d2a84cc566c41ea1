package charts

import (
	"fmt"
	"html"
	"time"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// ContentionStat is what was measured of one synchronisation primitive.
type ContentionStat struct {
	Name         string        // the primitive, e.g. "mu (sync.Mutex)"
	Acquisitions int64         // how often it was acquired (locked, received from, ...)
	Contended    int64         // how many of those acquisitions had to wait
	TotalWait    time.Duration // the sum of all waits
	P50, P99     time.Duration // median and 99th percentile of the contended waits
}

// ContentionChart compares primitives in three panels of horizontal bars:
// acquisitions split into contended and uncontended (labelled with the
// contended share), the median and 99th percentile wait, and the total
// wait. Make one with Contention.
type ContentionChart struct {
	title  string
	stats  []ContentionStat
	height int
}

// Contention returns a chart of the contention of each primitive.
func Contention(title string, stats ...ContentionStat) *ContentionChart {
	return &ContentionChart{title: title, stats: stats}
}

// Height sets the chart's height in CSS pixels. By default it grows with
// the number of primitives.
func (c *ContentionChart) Height(px int) *ContentionChart {
	c.height = px
	return c
}

// MIMEBundle shows the chart, with its table as text/plain.
func (c *ContentionChart) MIMEBundle() map[string]any { return c.Chart().MIMEBundle() }

// String returns the table of the chart's data.
func (c *ContentionChart) String() string { return c.Chart().String() }

// share is the contended share of the acquisitions of s.
func (s ContentionStat) share() float64 {
	if s.Acquisitions == 0 {
		return 0
	}
	return float64(s.Contended) / float64(s.Acquisitions)
}

// Chart builds the chart.
func (c *ContentionChart) Chart() *Chart {
	if len(c.stats) == 0 {
		return errorChart(fmt.Errorf("charts.Contention: no primitives"))
	}
	for _, s := range c.stats {
		if s.Contended < 0 || s.Contended > s.Acquisitions {
			return errorChart(fmt.Errorf("charts.Contention: %q has %d contended of %d acquisitions", s.Name, s.Contended, s.Acquisitions))
		}
	}
	o, err := c.option()
	if err != nil {
		return errorChart(err)
	}
	height := c.height
	if height == 0 {
		height = max(DefaultHeight, 140+44*len(c.stats))
	}
	wide, stacked, stackedHeight := contentionLayouts(len(c.stats))
	ch := newChart(o.withMedia(narrowWidth, wide, stacked), c.table(), height)
	ch.narrow = &narrow{Width: narrowWidth, Height: stackedHeight}
	return ch
}

// contentionLayouts returns the chart's layouts for n primitives: wide,
// with the three panels side by side and the names left of the first,
// and stacked, for narrow output areas, with each panel as high as its
// bars need and the names left of each; and the stacked chart's height.
func contentionLayouts(n int) (wide, stacked map[string]any, stackedHeight int) {
	labels := func(show ...bool) []any {
		var axes []any
		for _, s := range show {
			axes = append(axes, map[string]any{"axisLabel": map[string]any{"show": s}})
		}
		return axes
	}
	grid := func(left, width, right any, top, height, bottom any) map[string]any {
		return map[string]any{"left": left, "width": width, "right": right,
			"top": top, "height": height, "bottom": bottom, "containLabel": true}
	}
	wide = map[string]any{
		"grid": []any{
			grid(8, "34%", "auto", 44, "auto", 64),
			grid("42%", "26%", "auto", 44, "auto", 64),
			grid("72%", "auto", 16, 44, "auto", 64),
		},
		"yAxis": labels(true, false, false),
	}
	const top, gap = 44, 52 // gap: room for an axis and its name
	panel := 26*n + 10
	var grids []any
	for g := 0; g < 3; g++ {
		grids = append(grids, grid(8, "auto", 16, top+g*(panel+gap), panel, "auto"))
	}
	stacked = map[string]any{"grid": grids, "yAxis": labels(true, true, true)}
	return wide, stacked, top + 3*(panel+gap) + 24
}

func (c *ContentionChart) option() (option, error) {
	var maxWait, maxTotal time.Duration
	names := make([]string, len(c.stats))
	details := make([]string, len(c.stats))
	shares := make([]string, len(c.stats))
	for i, s := range c.stats {
		names[i] = s.Name
		maxWait = max(maxWait, s.P99, s.P50)
		maxTotal = max(maxTotal, s.TotalWait)
		shares[i] = fmtPercent(s.share())
		details[i] = fmt.Sprintf("<b>%s</b><br/>acquisitions: %d<br/>contended: %d (%s)<br/>wait p50: %s, p99: %s<br/>total wait: %s",
			html.EscapeString(s.Name), s.Acquisitions, s.Contended, fmtPercent(s.share()),
			fmtDuration(s.P50), fmtDuration(s.P99), fmtDuration(s.TotalWait))
	}
	waitUnit, totalUnit := unitFor(maxWait), unitFor(maxTotal)
	// The grids are set by the media queries (see Chart).

	bar := ec.NewBar()
	bar.SetGlobalOptions(append(common(c.title, "", "item"),
		ec.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: types.FuncStr(lookup(details))}),
	)...)
	axisNames := []string{"acquisitions", "wait p50, p99 (" + waitUnit.name + ")", "total wait (" + totalUnit.name + ")"}
	bar.XAxisList, bar.YAxisList = nil, nil
	for g := 0; g < 3; g++ {
		bar.ExtendXAxis(opts.XAxis{Type: "value", GridIndex: g, Name: axisNames[g], NameLocation: "middle", NameGap: 26})
		y := opts.YAxis{Type: "category", GridIndex: g, Data: names, Inverse: opts.Bool(true)}
		if g > 0 {
			y.AxisLabel = &opts.AxisLabel{Show: opts.Bool(false)}
		}
		bar.ExtendYAxis(y)
	}
	counts := func(f func(s ContentionStat) float64) []opts.BarData {
		d := make([]opts.BarData, len(c.stats))
		for i, s := range c.stats {
			d[i] = opts.BarData{Value: f(s)}
		}
		return d
	}
	on := func(axis int, stack, color string) ec.SeriesOpts {
		return func(s *ec.SingleSeries) {
			s.XAxisIndex, s.YAxisIndex, s.Stack = axis, axis, stack
			s.ItemStyle = &opts.ItemStyle{Color: color}
		}
	}
	bar.AddSeries("contended", counts(func(s ContentionStat) float64 { return float64(s.Contended) }), on(0, "acq", palette[3]))
	bar.AddSeries("uncontended", counts(func(s ContentionStat) float64 { return float64(s.Acquisitions - s.Contended) }),
		on(0, "acq", neutral),
		ec.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right", Formatter: lookup(shares)}))
	bar.AddSeries("p50", counts(func(s ContentionStat) float64 { return waitUnit.in(s.P50) }), on(1, "", palette[0]))
	bar.AddSeries("p99", counts(func(s ContentionStat) float64 { return waitUnit.in(s.P99) }), on(1, "", palette[8]))
	bar.AddSeries("total wait", counts(func(s ContentionStat) float64 { return totalUnit.in(s.TotalWait) }), on(2, "", palette[6]))
	o, err := build(bar)
	if err != nil {
		return nil, err
	}
	// Room for the share labels right of the longest bar, and short
	// labels for large counts.
	o.set("xAxis.0.boundaryGap", []any{0, "25%"})
	o.set("xAxis.0.axisLabel.formatter", compactNumber)
	o.set("xAxis.0.splitNumber", 3)
	return o, nil
}

func (c *ContentionChart) table() string {
	t := table{title: c.title}
	t.header = []string{"primitive", "acquisitions", "contended", "share", "total wait", "p50 wait", "p99 wait"}
	for _, s := range c.stats {
		t.add(s.Name, fmt.Sprint(s.Acquisitions), fmt.Sprint(s.Contended), fmtPercent(s.share()),
			fmtDuration(s.TotalWait), fmtDuration(s.P50), fmtDuration(s.P99))
	}
	return t.String()
}
