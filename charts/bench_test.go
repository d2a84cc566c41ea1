package charts_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/goconc/goconc/charts"
)

// The charts issue asks that rendering a chart of 10 000 points takes at
// most 5 ms in Go. Each benchmark below renders one chart of 10 000
// points through the MIMEBundle method a notebook calls: from the data to
// the bundle, option and text table included (the constructors build
// lazily). BenchmarkChartMIMEBundle10000Points measures only the last
// step, the HTML of a Chart already built.
//
//	go test -run '^$' -bench 10000Points -benchmem ./charts

const benchPoints = 10000

// scaling10000 is 10 series of 1000 worker counts each, with times: the
// ByTime chart adds the ideal and Amdahl curves of every series.
func scaling10000() *charts.ScalingChart {
	const nSeries, nWorkers = 10, benchPoints / 10
	var series []charts.ScalingSeries
	for s := 0; s < nSeries; s++ {
		ws := make([]int, nWorkers)
		ts := make([]time.Duration, nWorkers)
		for i := range ws {
			ws[i] = i + 1
			n := float64(i + 1)
			p := 0.01 * float64(s+1)
			ts[i] = time.Duration(float64(time.Second) * (p + (1-p)/n) * (1 + 0.01*math.Sin(n)))
		}
		series = append(series, charts.ScalingSeries{Name: fmt.Sprintf("config %d", s), Workers: ws, Time: ts})
	}
	return charts.Scaling("10 000 measurements", series...).ByTime().Amdahl(0.05)
}

// timeline10000 is 10 000 spans: 16 workers taking turns at a mutex.
func timeline10000() *charts.TimelineChart {
	const lanes = 16
	spans := make([]charts.Span, 0, benchPoints)
	r := rand.New(rand.NewPCG(1, 2))
	ends := make([]time.Duration, lanes)
	states := []string{"running", "blocked on mu", "runnable", "syscall"}
	for i := 0; len(spans) < benchPoints; i++ {
		w := i % lanes
		d := time.Duration(500+r.IntN(20000)) * time.Nanosecond
		spans = append(spans, charts.Span{
			Lane: fmt.Sprintf("worker %d", w), State: states[(i/lanes)%len(states)],
			Start: ends[w], End: ends[w] + d, Detail: fmt.Sprintf("job %d", i),
		})
		ends[w] += d
	}
	return charts.Timeline("10 000 spans", spans...)
}

// histogram10000 is 10 000 long-tailed waits in two series.
func histogram10000() *charts.HistogramChart {
	return charts.Histogram("10 000 waits",
		charts.Samples{Name: "mutex", Values: waits(1, benchPoints/2)},
		charts.Samples{Name: "channel", Values: waits(2, benchPoints/2)})
}

// line10000 is a go-echarts line of 10 000 points shown with FromECharts.
func line10000() *charts.Chart {
	line := ec.NewLine()
	line.SetGlobalOptions(ec.WithTitleOpts(opts.Title{Title: "10 000 samples"}),
		ec.WithXAxisOpts(opts.XAxis{Type: "value"}))
	data := make([]opts.LineData, benchPoints)
	for i := range data {
		data[i] = opts.LineData{Value: []any{i, math.Sin(float64(i) / 100)}}
	}
	line.AddSeries("sin", data, ec.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}))
	return charts.FromECharts(line, "10 000 samples of sin", 0)
}

func benchBundle(b *testing.B, c interface{ MIMEBundle() map[string]any }) {
	b.Helper()
	b.ReportAllocs()
	size := 0
	for b.Loop() {
		m := c.MIMEBundle()
		size = len(m["text/html"].(string))
	}
	b.ReportMetric(float64(size), "html-bytes")
}

func BenchmarkScaling10000Points(b *testing.B)   { benchBundle(b, scaling10000()) }
func BenchmarkTimeline10000Points(b *testing.B)  { benchBundle(b, timeline10000()) }
func BenchmarkHistogram10000Points(b *testing.B) { benchBundle(b, histogram10000()) }

// BenchmarkLine10000Points includes building the go-echarts chart's
// option (FromECharts), as a cell that shows such a chart does.
func BenchmarkLine10000Points(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = line10000().MIMEBundle()
	}
}

// BenchmarkChartMIMEBundle10000Points is the HTML of a built chart alone.
func BenchmarkChartMIMEBundle10000Points(b *testing.B) { benchBundle(b, timeline10000().Chart()) }

// TestBigChartsRender checks that the benchmarks' charts build without an
// error, so that the benchmarks measure real charts.
func TestBigChartsRender(t *testing.T) {
	for name, c := range map[string]interface {
		MIMEBundle() map[string]any
		String() string
	}{"scaling": scaling10000(), "timeline": timeline10000(), "histogram": histogram10000(), "line": line10000()} {
		html := c.MIMEBundle()["text/html"].(string)
		if len(html) < 1000 || !strings.Contains(html, `class="goconc-chart"`) {
			t.Errorf("%s: no chart in the HTML (%d bytes): %.200s", name, len(html), html)
		}
	}
}
