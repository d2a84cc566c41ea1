package charts

import (
	"fmt"
	"strings"
	"time"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/goconc/goconc/helpers/instrument"
)

// DistChart is a histogram of durations that the instrument package has
// already counted in power-of-two buckets (an instrument.Dist: the waits
// or holds of an operation). Each bar is a bucket from d to 2d, so the
// duration axis is logarithmic; a first bar "0" counts the durations of
// zero, the operations that did not wait. The subtitle gives each
// series' p50 and p99. Make one with FromHistogram or FromWaits.
type DistChart struct {
	title   string
	names   []string
	dists   []instrument.Dist
	nonZero bool
	height  int
}

// FromHistogram returns a histogram of one distribution, such as the
// waits of a mutex's locks:
//
//	charts.FromHistogram("Lock waits", "mu", mu.Stats().Op("lock").Wait)
//
// Add adds more distributions to compare.
func FromHistogram(title, name string, d instrument.Dist) *DistChart {
	return (&DistChart{title: title}).Add(name, d)
}

// FromWaits returns a histogram of the waiting times of every primitive's
// operations that can wait, one series per row of FromStats (a Mutex's
// locks, a Queue's puts and gets, ...), leaving out operations never
// done.
func FromWaits(title string, stats ...instrument.Stats) *DistChart {
	c := &DistChart{title: title}
	for _, s := range stats {
		ops := waitingOps(s.Ops)
		for _, o := range ops {
			if o.Wait.Count == 0 {
				continue
			}
			name := s.Name
			if len(ops) > 1 {
				name += ": " + o.Op
			}
			c.Add(name, o.Wait)
		}
	}
	return c
}

// Add adds a distribution as another series.
func (c *DistChart) Add(name string, d instrument.Dist) *DistChart {
	c.names = append(c.names, name)
	c.dists = append(c.dists, d)
	return c
}

// NonZero leaves out the durations of zero (the operations that did not
// wait), which otherwise often dwarf the others.
func (c *DistChart) NonZero() *DistChart {
	c.nonZero = true
	return c
}

// Height sets the chart's height in CSS pixels.
func (c *DistChart) Height(px int) *DistChart {
	c.height = px
	return c
}

// MIMEBundle shows the chart, with the buckets' counts as text/plain.
func (c *DistChart) MIMEBundle() map[string]any { return c.Chart().MIMEBundle() }

// String returns the table of the buckets' counts and each series'
// summary (its percentiles are the instrument package's estimates).
func (c *DistChart) String() string { return c.Chart().String() }

// distBin is one bar: the durations in [from, to).
type distBin struct {
	from, to time.Duration
	counts   []int64 // per series
}

// bins returns the bars: the zero bucket if any series has one (and zeros
// are shown), then every power-of-two bucket from the shortest to the
// longest nonempty one.
func (c *DistChart) bins() []distBin {
	var zero bool
	var lo, hi time.Duration
	for _, d := range c.dists {
		for _, b := range d.Buckets {
			switch {
			case b.Count <= 0:
			case b.Below <= 1:
				zero = zero || !c.nonZero
			default:
				if lo == 0 || b.Below < lo {
					lo = b.Below
				}
				hi = max(hi, b.Below)
			}
		}
	}
	var bins []distBin
	if zero {
		bins = append(bins, distBin{from: 0, to: 1})
	}
	for below := lo; lo > 0 && below <= hi; below *= 2 {
		bins = append(bins, distBin{from: below / 2, to: below})
	}
	for i := range bins {
		bins[i].counts = make([]int64, len(c.dists))
	}
	for s, d := range c.dists {
		for _, b := range d.Buckets {
			for i := range bins {
				if bins[i].to == b.Below {
					bins[i].counts[s] += b.Count
				}
			}
		}
	}
	return bins
}

// binLabel is the lower edge of a bin, or "0" for the zero bin.
func binLabel(b distBin) string {
	if b.to <= 1 {
		return "0"
	}
	return fmtDuration(b.from)
}

// Chart builds the chart.
func (c *DistChart) Chart() *Chart {
	if len(c.dists) == 0 {
		return errorChart(fmt.Errorf("charts.FromHistogram: no distributions"))
	}
	bins := c.bins()
	if len(bins) == 0 {
		return errorChart(fmt.Errorf("charts.FromHistogram: the distributions are empty"))
	}
	o, err := c.option(bins)
	if err != nil {
		return errorChart(err)
	}
	return newChart(o, c.table(bins), c.height)
}

func (c *DistChart) option(bins []distBin) (option, error) {
	labels := make([]string, len(bins))
	ranges := make([]string, len(bins))
	for i, b := range bins {
		labels[i] = binLabel(b)
		ranges[i] = fmtDuration(b.from) + " to " + fmtDuration(b.to)
		if b.to <= 1 {
			ranges[i] = "0 (did not wait)"
		}
	}
	var sub []string
	for i, d := range c.dists {
		if d.Count > 0 && len(sub) < 3 {
			sub = append(sub, fmt.Sprintf("%s p50 %s, p99 %s", c.names[i], fmtDuration(d.P50), fmtDuration(d.P99)))
		}
	}
	subtitle := strings.Join(sub, " · ")
	bar := ec.NewBar()
	bar.SetGlobalOptions(append(common(c.title, subtitle, "axis"),
		ec.WithXAxisOpts(opts.XAxis{Type: "category", Name: "duration (each bar twice the one before)", NameLocation: "middle", NameGap: 28}),
		ec.WithYAxisOpts(opts.YAxis{Type: "value", Name: "count", MinInterval: 1}),
		ec.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", Formatter: types.FuncStr(binTooltip(ranges))}),
		ec.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: gridTop(subtitle), Bottom: "56", ContainLabel: opts.Bool(true)}),
	)...)
	bar.SetXAxis(labels)
	for i, name := range c.names {
		data := make([]opts.BarData, len(bins))
		for j, b := range bins {
			data[j] = opts.BarData{Value: b.counts[i]}
		}
		bar.AddSeries(name, data, ec.WithItemStyleOpts(opts.ItemStyle{Color: colorAt(i)}),
			ec.WithBarChartOpts(opts.BarChart{BarGap: "0%", BarCategoryGap: "8%"}))
	}
	o, err := build(bar)
	if err != nil {
		return nil, err
	}
	o.set("yAxis.0.axisLabel.formatter", compactNumber)
	return o, nil
}

func (c *DistChart) table(bins []distBin) string {
	t := table{title: c.title}
	t.header = append([]string{"from", "to"}, c.names...)
	for _, b := range bins {
		row := []string{fmtDuration(b.from), fmtDuration(b.to)}
		if b.to <= 1 {
			row = []string{"0", "0"}
		}
		for _, n := range b.counts {
			row = append(row, fmt.Sprint(n))
		}
		t.add(row...)
	}
	for i, d := range c.dists {
		if d.Count == 0 {
			t.note(c.names[i] + ": no samples")
			continue
		}
		t.note(fmt.Sprintf("%s: n=%d, mean %s, p50 %s, p90 %s, p99 %s, max %s", c.names[i], d.Count,
			fmtDuration(d.Mean), fmtDuration(d.P50), fmtDuration(d.P90), fmtDuration(d.P99), fmtDuration(d.Max)))
	}
	return t.String()
}
