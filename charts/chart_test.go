package charts_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/goconc/goconc/charts"
	"github.com/goconc/goconc/kernel/display"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestTextGolden compares each chart's text/plain table with
// testdata/NAME.txt; go test -update rewrites them.
func TestTextGolden(t *testing.T) {
	for _, s := range samples() {
		t.Run(s.name, func(t *testing.T) {
			got := s.chart.MIMEBundle()["text/plain"].(string) + "\n"
			file := filepath.Join("testdata", s.name+".txt")
			if *update {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("text/plain differs from %s (go test -update rewrites it):\ngot:\n%s\nwant:\n%s", file, got, want)
			}
		})
	}
}

// maxChartHTML is the most a typical chart's HTML may weigh: ECharts itself
// is loaded once per page, never inlined in a chart.
const maxChartHTML = 50 << 10

func TestMIMEBundle(t *testing.T) {
	for _, s := range samples() {
		t.Run(s.name, func(t *testing.T) {
			b := s.chart.MIMEBundle()
			html, ok := b["text/html"].(string)
			if !ok || html == "" {
				t.Fatalf("no text/html in %v", b)
			}
			text, ok := b["text/plain"].(string)
			if !ok || text == "" {
				t.Fatalf("no text/plain")
			}
			if text != s.chart.String() {
				t.Errorf("String() differs from text/plain")
			}
			if len(html) > maxChartHTML {
				t.Errorf("text/html is %d bytes, more than %d", len(html), maxChartHTML)
			}
			if strings.Contains(html, "chart-error") {
				t.Errorf("chart has an error: %s", text)
			}
			if s.name == "interleavings" {
				if strings.Contains(html, "<script") {
					t.Errorf("interleavings table has a script")
				}
				return
			}
			for _, want := range []string{"<script", "window.goconcCharts.draw", `"src":"kernelspecs/goconc/echarts.min.js"`, `class="goconc-chart"`} {
				if !strings.Contains(html, want) {
					t.Errorf("text/html lacks %q", want)
				}
			}
			if strings.Count(strings.ToLower(html), "</script") != 1 {
				t.Errorf("text/html has %d script ends, want 1", strings.Count(strings.ToLower(html), "</script"))
			}
			t.Logf("text/html: %d bytes", len(html))
		})
	}
}

func TestDisplayOf(t *testing.T) {
	for _, s := range samples() {
		b, ok := display.Of(s.chart)
		if !ok || b["text/html"] == nil || b["text/plain"] == nil {
			t.Errorf("%s: display.Of = %v, %v", s.name, b, ok)
		}
	}
}

func TestKernelName(t *testing.T) {
	defer func(name string) { charts.KernelName = name }(charts.KernelName)
	charts.KernelName = "goconc dev"
	html := samples()[0].chart.MIMEBundle()["text/html"].(string)
	if !strings.Contains(html, `"src":"kernelspecs/goconc%20dev/echarts.min.js"`) {
		t.Errorf("chart does not load from the kernelspec named by KernelName")
	}
}

// TestHostileText checks that text from the data cannot close the script
// element or inject markup.
func TestHostileText(t *testing.T) {
	evil := `</script><script>alert(1)</script><!--`
	for _, c := range []interface{ MIMEBundle() map[string]any }{
		charts.Scaling(evil, charts.ScalingSeries{Name: evil, Workers: []int{1, 2}, Speedup: []float64{1, 2}}),
		charts.Timeline(evil, charts.Span{Lane: evil, State: evil, End: time.Second, Detail: evil}),
		charts.Contention(evil, charts.ContentionStat{Name: evil, Acquisitions: 2, Contended: 1}),
		charts.Histogram(evil, charts.Samples{Name: evil, Values: []time.Duration{1, 2, 3}}),
		charts.Compare(evil, []string{evil}, charts.Metric{Name: evil, Unit: evil, Values: []float64{1}}),
		charts.Interleavings(evil, charts.Schedule{Steps: []string{evil}, Outcome: evil}),
	} {
		html := c.MIMEBundle()["text/html"].(string)
		if n := strings.Count(html, "</script>"); n > 1 {
			t.Errorf("%T: %d script ends in %s", c, n, html)
		}
		if strings.Contains(html, "<script>alert") || strings.Contains(html, "<!--") {
			t.Errorf("%T: text from the data became markup", c)
		}
	}
}

// TestBadInput checks that wrong data shows an error instead of panicking.
func TestBadInput(t *testing.T) {
	for name, c := range map[string]interface {
		MIMEBundle() map[string]any
		String() string
	}{
		"no series":        charts.Scaling("x"),
		"lengths differ":   charts.Scaling("x", charts.ScalingSeries{Name: "a", Workers: []int{1, 2}, Speedup: []float64{1}}),
		"zero workers":     charts.Scaling("x", charts.ScalingSeries{Name: "a", Workers: []int{0}, Speedup: []float64{1}}),
		"by time, no time": charts.Scaling("x", charts.ScalingSeries{Name: "a", Workers: []int{1}, Speedup: []float64{1}}).ByTime(),
		"no primitives":    charts.Contention("x"),
		"contended > all":  charts.Contention("x", charts.ContentionStat{Name: "a", Acquisitions: 1, Contended: 2}),
		"no spans":         charts.Timeline("x"),
		"span backwards":   charts.Timeline("x", charts.Span{Lane: "a", Start: 2, End: 1}),
		"no samples":       charts.Histogram("x", charts.Samples{Name: "a"}),
		"values missing":   charts.Compare("x", []string{"a", "b"}, charts.Metric{Name: "m", Values: []float64{1}}),
	} {
		b := c.MIMEBundle()
		if !strings.Contains(b["text/html"].(string), "goconc-chart-error") {
			t.Errorf("%s: no error shown: %s", name, b["text/html"])
		}
		if !strings.HasPrefix(c.String(), "charts.") {
			t.Errorf("%s: text %q does not give the error", name, c.String())
		}
	}
}

func TestUniqueIDs(t *testing.T) {
	c := samples()[0].chart
	a, b := c.MIMEBundle()["text/html"].(string), c.MIMEBundle()["text/html"].(string)
	if a == b {
		t.Errorf("two renders of a chart share element ids")
	}
}

// TestFromECharts shows a chart built with go-echarts directly.
func TestFromECharts(t *testing.T) {
	bar := ec.NewBar()
	bar.SetXAxis([]string{"a", "b"}).AddSeries("n", []opts.BarData{{Value: 1}, {Value: 2}})
	c := charts.FromECharts(bar, "a 1\nb 2", 0)
	if c.Err() != nil {
		t.Fatal(c.Err())
	}
	b := c.MIMEBundle()
	if b["text/plain"] != "a 1\nb 2" {
		t.Errorf("text/plain = %q", b["text/plain"])
	}
	html := b["text/html"].(string)
	for _, want := range []string{`"type":"bar"`, `"height":360`, "window.goconcCharts.draw"} {
		if !strings.Contains(html, want) {
			t.Errorf("text/html lacks %q", want)
		}
	}
}
