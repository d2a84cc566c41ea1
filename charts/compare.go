package charts

import (
	"fmt"
	"math"
	"strings"
	"time"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Metric is one quantity measured of every subject of a Compare chart.
type Metric struct {
	Name string // e.g. "memory per task"
	// Unit is "B" for sizes in bytes (shown as KiB, MiB, ...), "s" for
	// durations in seconds (shown as ms, µs, ...), or any other unit,
	// shown as it is.
	Unit   string
	Values []float64 // one per subject, in the order of the subjects
}

// CompareChart shows a few metrics of a few subjects side by side, one
// panel of bars per metric, each bar labelled with its value. A panel's
// axis is logarithmic when its largest value is over 50 times its
// smallest. Make one with Compare.
type CompareChart struct {
	title    string
	subjects []string
	metrics  []Metric
	height   int
}

// Compare returns a chart of metrics (memory, start latency, ...) of the
// subjects (goroutine, thread, process, ...).
func Compare(title string, subjects []string, metrics ...Metric) *CompareChart {
	return &CompareChart{title: title, subjects: subjects, metrics: metrics}
}

// Height sets the chart's height in CSS pixels.
func (c *CompareChart) Height(px int) *CompareChart {
	c.height = px
	return c
}

// MIMEBundle shows the chart, with its table as text/plain.
func (c *CompareChart) MIMEBundle() map[string]any { return c.Chart().MIMEBundle() }

// String returns the table of the chart's data.
func (c *CompareChart) String() string { return c.Chart().String() }

// Seconds converts durations to the seconds a Metric with Unit "s" holds.
func Seconds(d ...time.Duration) []float64 {
	s := make([]float64, len(d))
	for i, x := range d {
		s[i] = x.Seconds()
	}
	return s
}

// format shows v in the metric's unit.
func (m Metric) format(v float64) string {
	switch m.Unit {
	case "B":
		return fmtBytes(v)
	case "s":
		return fmtDuration(time.Duration(math.Round(v * float64(time.Second))))
	case "":
		return sig3(v)
	}
	return sig3(v) + " " + m.Unit
}

// scale returns the unit the metric's axis shows and the factor from the
// metric's values to it, chosen so that the smallest value is at least 1.
func (m Metric) scale() (string, float64) {
	least := math.Inf(1)
	for _, v := range m.Values {
		if v > 0 {
			least = min(least, v)
		}
	}
	if math.IsInf(least, 1) {
		least = 1
	}
	switch m.Unit {
	case "B":
		units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
		f := 1.0
		i := 0
		for least >= 1024*f && i < len(units)-1 {
			f *= 1024
			i++
		}
		return units[i], 1 / f
	case "s":
		u := unitFor(time.Duration(least * float64(time.Second)))
		return u.name, float64(time.Second) / float64(u.size)
	}
	return m.Unit, 1
}

// logScale reports whether the metric's values spread over more than a
// factor of 50, and are all positive.
func (m Metric) logScale() bool {
	lo, hi := math.Inf(1), 0.0
	for _, v := range m.Values {
		if v <= 0 {
			return false
		}
		lo, hi = min(lo, v), max(hi, v)
	}
	return hi > 50*lo
}

// Chart builds the chart.
func (c *CompareChart) Chart() *Chart {
	if len(c.subjects) == 0 || len(c.metrics) == 0 {
		return errorChart(fmt.Errorf("charts.Compare: needs subjects and metrics"))
	}
	for _, m := range c.metrics {
		if len(m.Values) != len(c.subjects) {
			return errorChart(fmt.Errorf("charts.Compare: metric %q has %d values for %d subjects", m.Name, len(m.Values), len(c.subjects)))
		}
	}
	o, err := c.option()
	if err != nil {
		return errorChart(err)
	}
	return newChart(o, c.table(), c.height)
}

func (c *CompareChart) option() (option, error) {
	k := len(c.metrics)
	bar := ec.NewBar()
	bar.SetGlobalOptions(common(c.title, "", "item")...)
	bar.XAxisList, bar.YAxisList = nil, nil
	var grids []opts.Grid
	for i, m := range c.metrics {
		w := 100.0 / float64(k)
		grids = append(grids, opts.Grid{
			Left: fmt.Sprintf("%.1f%%", w*float64(i)+1), Width: fmt.Sprintf("%.1f%%", w-4),
			Top: "52", Bottom: "36", ContainLabel: opts.Bool(true),
		})
		unit, f := m.scale()
		var notes []string
		if unit != "" {
			notes = append(notes, unit)
		}
		y := opts.YAxis{Type: "value", GridIndex: i}
		if m.logScale() {
			y.Type = "log"
			notes = append(notes, "log scale")
		}
		name := m.Name
		if len(notes) > 0 {
			name += " (" + strings.Join(notes, ", ") + ")"
		}
		bar.ExtendXAxis(opts.XAxis{Type: "category", GridIndex: i, Data: c.subjects, Name: name, NameLocation: "middle", NameGap: 24})
		bar.ExtendYAxis(y)
		data := make([]opts.BarData, len(m.Values))
		labels := make([]string, len(m.Values))
		for j, v := range m.Values {
			data[j] = opts.BarData{Value: round4(v * f), ItemStyle: &opts.ItemStyle{Color: colorAt(j)}}
			labels[j] = m.format(v)
		}
		bar.AddSeries(m.Name, data,
			ec.WithBarChartOpts(opts.BarChart{XAxisIndex: i, YAxisIndex: i, BarCategoryGap: "30%"}),
			ec.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", Formatter: lookup(labels)}))
	}
	bar.SetGlobalOptions(ec.WithGridOpts(grids...), ec.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))
	bar.SetXAxis(c.subjects) // Validate copies it into the first x axis
	o, err := build(bar)
	if err != nil {
		return nil, err
	}
	for i := range c.metrics {
		// Room above the highest bar for its label.
		o.set(fmt.Sprintf("yAxis.%d.boundaryGap", i), []any{0, "15%"})
		o.set(fmt.Sprintf("xAxis.%d.axisLabel.interval", i), 0)
	}
	o.set("tooltip.show", false)
	return o, nil
}

// table has a row per subject and, for two subjects, the ratio of the
// second to the first.
func (c *CompareChart) table() string {
	t := table{title: c.title}
	t.header = []string{""}
	for _, m := range c.metrics {
		t.header = append(t.header, m.Name)
	}
	for j, s := range c.subjects {
		row := []string{s}
		for _, m := range c.metrics {
			row = append(row, m.format(m.Values[j]))
		}
		t.add(row...)
	}
	if len(c.subjects) == 2 {
		row := []string{c.subjects[1] + " / " + c.subjects[0]}
		for _, m := range c.metrics {
			cell := "-"
			if m.Values[0] != 0 {
				cell = "×" + sig3(m.Values[1]/m.Values[0])
			}
			row = append(row, cell)
		}
		t.add(row...)
	}
	return t.String()
}
