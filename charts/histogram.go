package charts

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// Samples is a named set of measured durations (latencies, waits): one
// series of a Histogram.
type Samples struct {
	Name   string
	Values []time.Duration
}

// HistogramChart shows how durations are distributed: the bins are
// computed in Go, the same for every series, and the subtitle gives each
// series' median and 99th percentile. Make one with Histogram.
type HistogramChart struct {
	title  string
	series []Samples
	bins   int
	scale  int // 0 automatic, 1 linear, 2 logarithmic
	height int
}

const (
	scaleAuto = iota
	scaleLinear
	scaleLog
)

// Histogram returns a histogram of one or more sets of samples.
func Histogram(title string, samples ...Samples) *HistogramChart {
	return &HistogramChart{title: title, series: samples}
}

// Bins sets the number of bins. By default it is the square root of the
// number of samples in a series, between 5 and 30.
func (c *HistogramChart) Bins(n int) *HistogramChart {
	c.bins = n
	return c
}

// Log makes the bins grow geometrically, for long-tailed durations. It is
// the default when the longest sample is over 100 times the shortest.
func (c *HistogramChart) Log() *HistogramChart {
	c.scale = scaleLog
	return c
}

// Linear makes the bins equally wide.
func (c *HistogramChart) Linear() *HistogramChart {
	c.scale = scaleLinear
	return c
}

// Height sets the chart's height in CSS pixels.
func (c *HistogramChart) Height(px int) *HistogramChart {
	c.height = px
	return c
}

// MIMEBundle shows the chart, with the bins' counts as text/plain.
func (c *HistogramChart) MIMEBundle() map[string]any { return c.Chart().MIMEBundle() }

// String returns the table of the bins' counts and each series' summary.
func (c *HistogramChart) String() string { return c.Chart().String() }

// histogram is the binned data.
type histogram struct {
	edges  []time.Duration // len(bins)+1 edges; bin i is [edges[i], edges[i+1])
	counts [][]int         // counts[series][bin]
	sorted [][]time.Duration
	log    bool
}

func (c *HistogramChart) compute() (*histogram, error) {
	if len(c.series) == 0 {
		return nil, fmt.Errorf("charts.Histogram: no samples")
	}
	h := &histogram{}
	lo, hi := time.Duration(math.MaxInt64), time.Duration(math.MinInt64)
	total := 0
	for _, s := range c.series {
		v := slices.Clone(s.Values)
		slices.Sort(v)
		h.sorted = append(h.sorted, v)
		if len(v) > 0 {
			lo, hi = min(lo, v[0]), max(hi, v[len(v)-1])
		}
		total += len(v)
	}
	if total == 0 {
		return nil, fmt.Errorf("charts.Histogram: no samples")
	}
	n := c.bins
	if n <= 0 {
		n = min(max(int(math.Round(math.Sqrt(float64(total)/float64(len(c.series))))), 5), 30)
	}
	switch c.scale {
	case scaleLog:
		h.log = lo > 0
	case scaleAuto:
		h.log = lo > 0 && hi >= 100*lo
	}
	h.edges = binEdges(lo, hi, n, h.log)
	for _, v := range h.sorted {
		counts := make([]int, len(h.edges)-1)
		for _, x := range v {
			i := sort.Search(len(h.edges), func(i int) bool { return h.edges[i] > x }) - 1
			counts[min(max(i, 0), len(counts)-1)]++
		}
		h.counts = append(h.counts, counts)
	}
	return h, nil
}

// binEdges returns n+1 edges from lo to hi, equally spaced or, with log,
// in geometric progression. The last edge is just above hi, so that every
// sample falls in a bin.
func binEdges(lo, hi time.Duration, n int, log bool) []time.Duration {
	if hi <= lo {
		return []time.Duration{lo, lo + 1}
	}
	edges := make([]time.Duration, 0, n+1)
	for i := 0; i <= n; i++ {
		f := float64(i) / float64(n)
		var e float64
		if log {
			e = float64(lo) * math.Pow(float64(hi)/float64(lo), f)
		} else {
			e = float64(lo) + f*float64(hi-lo)
		}
		d := time.Duration(math.Round(e))
		if len(edges) > 0 && d <= edges[len(edges)-1] {
			continue // bins narrower than a nanosecond
		}
		edges = append(edges, d)
	}
	edges[0], edges[len(edges)-1] = lo, hi+1
	return edges
}

// percentile returns the q-quantile (0 ≤ q ≤ 1) of sorted by nearest rank.
func percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(q*float64(len(sorted)))) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func (h *histogram) summary(name string, i int) string {
	v := h.sorted[i]
	if len(v) == 0 {
		return name + ": no samples"
	}
	return fmt.Sprintf("%s: n=%d, min %s, p50 %s, p90 %s, p99 %s, max %s", name, len(v),
		fmtDuration(v[0]), fmtDuration(percentile(v, 0.5)), fmtDuration(percentile(v, 0.9)),
		fmtDuration(percentile(v, 0.99)), fmtDuration(v[len(v)-1]))
}

// Chart builds the chart.
func (c *HistogramChart) Chart() *Chart {
	h, err := c.compute()
	if err != nil {
		return errorChart(err)
	}
	o, err := c.option(h)
	if err != nil {
		return errorChart(err)
	}
	return newChart(o, c.table(h), c.height)
}

func (c *HistogramChart) option(h *histogram) (option, error) {
	nb := len(h.edges) - 1
	labels := make([]string, nb)
	ranges := make([]string, nb)
	for i := range nb {
		labels[i] = fmtDuration(h.edges[i])
		ranges[i] = fmtDuration(h.edges[i]) + " to " + fmtDuration(h.edges[i+1])
	}
	var sub []string
	for i, s := range c.series {
		v := h.sorted[i]
		if len(v) > 0 && len(sub) < 3 {
			sub = append(sub, fmt.Sprintf("%s p50 %s, p99 %s", s.Name, fmtDuration(percentile(v, 0.5)), fmtDuration(percentile(v, 0.99))))
		}
	}
	subtitle := strings.Join(sub, " · ")
	xName := "duration"
	if h.log {
		xName += " (bins grow ×" + sig3(math.Pow(float64(h.edges[nb])/float64(h.edges[0]), 1/float64(nb))) + ")"
	}
	bar := ec.NewBar()
	bar.SetGlobalOptions(append(common(c.title, subtitle, "axis"),
		ec.WithXAxisOpts(opts.XAxis{Type: "category", Name: xName, NameLocation: "middle", NameGap: 28}),
		ec.WithYAxisOpts(opts.YAxis{Type: "value", Name: "samples", MinInterval: 1}),
		ec.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", Formatter: types.FuncStr(binTooltip(ranges))}),
		ec.WithGridOpts(opts.Grid{Left: "8", Right: "24", Top: gridTop(subtitle), Bottom: "56", ContainLabel: opts.Bool(true)}),
	)...)
	bar.SetXAxis(labels)
	for i, s := range c.series {
		data := make([]opts.BarData, nb)
		for j, n := range h.counts[i] {
			data[j] = opts.BarData{Value: n}
		}
		bar.AddSeries(s.Name, data, ec.WithItemStyleOpts(opts.ItemStyle{Color: colorAt(i)}),
			ec.WithBarChartOpts(opts.BarChart{BarGap: "0%", BarCategoryGap: "8%"}))
	}
	return build(bar)
}

// binTooltip shows a bin's range and each series' count in it.
func binTooltip(ranges []string) string {
	data, err := json.Marshal(ranges)
	if err != nil {
		panic(err) // strings always marshal
	}
	return jsFunc(`function (ps) {
	var r = ` + string(data) + `;
	var esc = function (s) { return String(s).replace(/[&<>"]/g, function (ch) { return '&#' + ch.charCodeAt(0) + ';'; }); };
	var s = r[ps[0].dataIndex];
	ps.forEach(function (p) { s += '<br/>' + p.marker + esc(p.seriesName) + ': ' + p.value; });
	return s;
}`)
}

func (c *HistogramChart) table(h *histogram) string {
	t := table{title: c.title}
	t.header = []string{"from", "to"}
	for _, s := range c.series {
		t.header = append(t.header, s.Name)
	}
	for j := 0; j < len(h.edges)-1; j++ {
		row := []string{fmtDuration(h.edges[j]), fmtDuration(h.edges[j+1])}
		for i := range c.series {
			row = append(row, fmt.Sprint(h.counts[i][j]))
		}
		t.add(row...)
	}
	for i, s := range c.series {
		t.note(h.summary(s.Name, i))
	}
	return t.String()
}
