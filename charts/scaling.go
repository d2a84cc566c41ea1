package charts

import (
	"fmt"
	"math"
	"slices"
	"time"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// ScalingSeries is one configuration measured on several worker counts:
// a line of a Scaling chart.
//
// Give Speedup, Time or both, one value per worker count. Speedups derived
// from times are relative to the run with the fewest workers, taken as
// perfectly scaled (usually that run has one worker, and its speedup is 1).
type ScalingSeries struct {
	Name    string          // the configuration, e.g. "mutex" or "sharded"
	Workers []int           // worker counts, each at least 1
	Speedup []float64       // speedup on Workers[i] workers (optional if Time is set)
	Time    []time.Duration // time of a run on Workers[i] workers (optional)
}

// ScalingChart plots speedup (or time) against the number of workers, one
// line per configuration, with the ideal line and, if asked, the speedup
// Amdahl's law predicts. Make one with Scaling.
type ScalingChart struct {
	title  string
	series []ScalingSeries
	serial float64 // Amdahl's serial fraction, NaN for no curve
	byTime bool
	height int
}

// Scaling returns a chart of speedup against workers, one line per series.
func Scaling(title string, series ...ScalingSeries) *ScalingChart {
	return &ScalingChart{title: title, series: series, serial: math.NaN()}
}

// Amdahl adds the curve S(n) = 1/(p + (1-p)/n) that Amdahl's law predicts
// for serial fraction p (see FitAmdahl to estimate p). A p outside [0, 1]
// or NaN removes the curve.
func (c *ScalingChart) Amdahl(p float64) *ScalingChart {
	if p < 0 || p > 1 {
		p = math.NaN()
	}
	c.serial = p
	return c
}

// ByTime plots the time of a run instead of the speedup; the ideal line
// and the Amdahl curve then show the time they predict for each series.
// Every series must have Time.
func (c *ScalingChart) ByTime() *ScalingChart {
	c.byTime = true
	return c
}

// Height sets the chart's height in CSS pixels.
func (c *ScalingChart) Height(px int) *ScalingChart {
	c.height = px
	return c
}

// MIMEBundle shows the chart, with its table as text/plain.
func (c *ScalingChart) MIMEBundle() map[string]any { return c.Chart().MIMEBundle() }

// String returns the table of the chart's data.
func (c *ScalingChart) String() string { return c.Chart().String() }

// scalingPoint is one measurement, with what is derived from it.
type scalingPoint struct {
	workers int
	speedup float64
	time    time.Duration // 0 if not measured
}

// points checks a series and returns its measurements by worker count.
func (s ScalingSeries) points() ([]scalingPoint, error) {
	n := len(s.Workers)
	switch {
	case n == 0:
		return nil, fmt.Errorf("charts.Scaling: series %q has no workers", s.Name)
	case len(s.Speedup) == 0 && len(s.Time) == 0:
		return nil, fmt.Errorf("charts.Scaling: series %q has neither Speedup nor Time", s.Name)
	case len(s.Speedup) != 0 && len(s.Speedup) != n:
		return nil, fmt.Errorf("charts.Scaling: series %q has %d worker counts but %d speedups", s.Name, n, len(s.Speedup))
	case len(s.Time) != 0 && len(s.Time) != n:
		return nil, fmt.Errorf("charts.Scaling: series %q has %d worker counts but %d times", s.Name, n, len(s.Time))
	}
	pts := make([]scalingPoint, n)
	for i, w := range s.Workers {
		if w < 1 {
			return nil, fmt.Errorf("charts.Scaling: series %q has %d workers", s.Name, w)
		}
		pts[i].workers = w
		if len(s.Time) > 0 {
			if s.Time[i] <= 0 {
				return nil, fmt.Errorf("charts.Scaling: series %q has time %v", s.Name, s.Time[i])
			}
			pts[i].time = s.Time[i]
		}
		if len(s.Speedup) > 0 {
			pts[i].speedup = s.Speedup[i]
		}
	}
	slices.SortStableFunc(pts, func(a, b scalingPoint) int { return a.workers - b.workers })
	if len(s.Speedup) == 0 {
		base := float64(pts[0].time) * float64(pts[0].workers)
		for i := range pts {
			pts[i].speedup = base / float64(pts[i].time)
		}
	}
	return pts, nil
}

// baseTime is the time of one worker a series implies: its run with the
// fewest workers, scaled as if it scaled perfectly.
func baseTime(pts []scalingPoint) float64 {
	return float64(pts[0].time) * float64(pts[0].workers)
}

// Chart builds the chart.
func (c *ScalingChart) Chart() *Chart {
	all := make([][]scalingPoint, len(c.series))
	lo, hi := math.MaxInt, 0
	for i, s := range c.series {
		pts, err := s.points()
		if err != nil {
			return errorChart(err)
		}
		if c.byTime && pts[0].time == 0 {
			return errorChart(fmt.Errorf("charts.Scaling: ByTime, but series %q has no Time", s.Name))
		}
		all[i] = pts
		lo, hi = min(lo, pts[0].workers), max(hi, pts[len(pts)-1].workers)
	}
	if len(all) == 0 {
		return errorChart(fmt.Errorf("charts.Scaling: no series"))
	}
	o, err := c.option(all, lo, hi)
	if err != nil {
		return errorChart(err)
	}
	return newChart(o, c.table(all), c.height)
}

func (c *ScalingChart) option(all [][]scalingPoint, lo, hi int) (option, error) {
	amdahl := !math.IsNaN(c.serial)
	subtitle := ""
	if amdahl {
		subtitle = fmt.Sprintf("Amdahl: serial fraction p = %s, speedup at most %s×", sig3(c.serial), sig3(1/c.serial))
	}
	unit := timeUnits[0]
	if c.byTime {
		var least time.Duration = math.MaxInt64
		for _, pts := range all {
			for _, p := range pts {
				least = min(least, p.time)
			}
		}
		unit = unitFor(least)
	}
	xAxis := opts.XAxis{Type: "value", Name: "workers", NameLocation: "middle", NameGap: 28, Min: lo, Max: hi}
	logX := hi >= 8*lo
	if logX {
		xAxis.Type = "log"
	}
	yAxis := opts.YAxis{Type: "value", Name: "speedup (×)", Min: 0}
	if c.byTime {
		yAxis.Name = "time per run (" + unit.name + ")"
	}
	line := ec.NewLine()
	line.SetGlobalOptions(append(common(c.title, subtitle, "axis"),
		ec.WithXAxisOpts(xAxis), ec.WithYAxisOpts(yAxis),
		ec.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", ValueFormatter: valueFormatter}),
		ec.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: gridTop(subtitle), Bottom: "56", ContainLabel: opts.Bool(true)}),
	)...)
	ns := curveWorkers(lo, hi)
	for i, pts := range all {
		name := c.series[i].Name
		data := make([]opts.LineData, len(pts))
		for j, p := range pts {
			y := round4(p.speedup)
			if c.byTime {
				y = unit.in(p.time)
			}
			data[j] = opts.LineData{Value: []any{p.workers, y}}
		}
		line.AddSeries(name, data,
			ec.WithLineStyleOpts(opts.LineStyle{Color: colorAt(i), Width: 2}),
			ec.WithItemStyleOpts(opts.ItemStyle{Color: colorAt(i)}),
			ec.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 7}))
		if !c.byTime {
			continue
		}
		t1 := baseTime(pts)
		suffix := ""
		if len(all) > 1 {
			suffix = " (" + name + ")"
		}
		line.AddSeries("ideal"+suffix, curve(ns, func(n int) float64 { return unit.in(time.Duration(t1 / float64(n))) }),
			dashed(colorAt(i), "dashed"))
		if amdahl {
			line.AddSeries("Amdahl"+suffix, curve(ns, func(n int) float64 {
				return unit.in(time.Duration(t1 / AmdahlSpeedup(c.serial, n)))
			}), dashed(colorAt(i), "dotted"))
		}
	}
	if !c.byTime {
		line.AddSeries("ideal", curve([]int{lo, hi}, func(n int) float64 { return float64(n) }), dashed(neutral, "dashed"))
		if amdahl {
			line.AddSeries("Amdahl", curve(ns, func(n int) float64 { return round4(AmdahlSpeedup(c.serial, n)) }),
				dashed(neutral, "dotted"))
		}
	}
	o, err := build(line)
	if err != nil {
		return nil, err
	}
	if logX {
		o.set("xAxis.0.logBase", 2)
	}
	o.set("xAxis.0.minInterval", 1)
	return o, nil
}

// curveWorkers returns the worker counts at which to draw a curve: every
// count from lo to hi, or 64 counts spread evenly on a log scale.
func curveWorkers(lo, hi int) []int {
	if hi-lo <= 64 {
		ns := make([]int, 0, hi-lo+1)
		for n := lo; n <= hi; n++ {
			ns = append(ns, n)
		}
		return ns
	}
	var ns []int
	for i := 0; i <= 64; i++ {
		n := int(math.Round(float64(lo) * math.Pow(float64(hi)/float64(lo), float64(i)/64)))
		if len(ns) == 0 || n != ns[len(ns)-1] {
			ns = append(ns, n)
		}
	}
	return ns
}

func curve(ns []int, f func(n int) float64) []opts.LineData {
	data := make([]opts.LineData, len(ns))
	for i, n := range ns {
		data[i] = opts.LineData{Value: []any{n, f(n)}}
	}
	return data
}

// dashed styles a reference line: no symbols, thin, in the given style.
func dashed(color, style string) ec.SeriesOpts {
	return func(s *ec.SingleSeries) {
		s.ShowSymbol = opts.Bool(false)
		s.Symbol = "none"
		s.Color = color
		s.LineStyle = &opts.LineStyle{Color: color, Width: 1.5, Type: style}
		s.Smooth = opts.Bool(false)
	}
}

// table lists every measurement with the ideal and Amdahl predictions and
// the efficiency (speedup per worker).
func (c *ScalingChart) table(all [][]scalingPoint) string {
	amdahl := !math.IsNaN(c.serial)
	hasTime := false
	for _, pts := range all {
		hasTime = hasTime || pts[0].time > 0
	}
	t := table{title: c.title}
	t.header = []string{"series", "workers", "speedup"}
	if hasTime {
		t.header = append(t.header, "time")
	}
	t.header = append(t.header, "ideal")
	if amdahl {
		t.header = append(t.header, "amdahl")
	}
	t.header = append(t.header, "efficiency")
	rows := 0
	for _, pts := range all {
		rows += len(pts)
	}
	t.reserve(rows, len(t.header))
	for i, pts := range all {
		for _, p := range pts {
			t.text(c.series[i].Name)
			t.int(p.workers)
			t.float(p.speedup)
			if hasTime {
				if p.time > 0 {
					t.duration(p.time)
				} else {
					t.text("")
				}
			}
			t.float(float64(p.workers))
			if amdahl {
				t.float(AmdahlSpeedup(c.serial, p.workers))
			}
			t.percent(p.speedup / float64(p.workers))
			t.endRow()
		}
	}
	if amdahl {
		t.note(fmt.Sprintf("amdahl: S(n) = 1/(p + (1-p)/n) with p = %s, at most %s×", sig3(c.serial), sig3(1/c.serial)))
	}
	return t.String()
}
