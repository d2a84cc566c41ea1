package charts_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/goconc/goconc/charts"
	"github.com/goconc/goconc/kernel/display"
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// chartsSymbols is the package's API as yaegi sees it once the kernel
// exports it (the kernel's own table is generated; this one is written
// out to test that interpreted cells can call the API).
var chartsSymbols = interp.Exports{
	"github.com/goconc/goconc/charts/charts": {
		"Scaling":       reflect.ValueOf(charts.Scaling),
		"Contention":    reflect.ValueOf(charts.Contention),
		"Timeline":      reflect.ValueOf(charts.Timeline),
		"Histogram":     reflect.ValueOf(charts.Histogram),
		"Compare":       reflect.ValueOf(charts.Compare),
		"Interleavings": reflect.ValueOf(charts.Interleavings),
		"NewLive":       reflect.ValueOf(charts.NewLive),
		"FitAmdahl":     reflect.ValueOf(charts.FitAmdahl),
		"Seconds":       reflect.ValueOf(charts.Seconds),

		"ScalingSeries":  reflect.ValueOf((*charts.ScalingSeries)(nil)),
		"ContentionStat": reflect.ValueOf((*charts.ContentionStat)(nil)),
		"Span":           reflect.ValueOf((*charts.Span)(nil)),
		"Samples":        reflect.ValueOf((*charts.Samples)(nil)),
		"Metric":         reflect.ValueOf((*charts.Metric)(nil)),
		"Schedule":       reflect.ValueOf((*charts.Schedule)(nil)),
	},
}

// TestYaegi builds each chart in an interpreted cell, as a notebook does,
// and renders the cell's last value.
func TestYaegi(t *testing.T) {
	cells := map[string]string{
		"scaling": `
n := []int{1, 2, 4}
s := []float64{1, 1.8, 3.1}
charts.Scaling("s", charts.ScalingSeries{Name: "a", Workers: n, Speedup: s}).Amdahl(charts.FitAmdahl(n, s))`,
		"contention": `charts.Contention("c", charts.ContentionStat{Name: "mu", Acquisitions: 10, Contended: 3, P99: time.Millisecond})`,
		"timeline": `
spans := []charts.Span{}
for i := 0; i < 3; i++ {
	spans = append(spans, charts.Span{Lane: fmt.Sprint("g", i), State: "running", End: time.Duration(i+1) * time.Millisecond})
}
charts.Timeline("t", spans...).Color("running", "green")`,
		"histogram":     `charts.Histogram("h", charts.Samples{Name: "w", Values: []time.Duration{1, 2, 3, 40}}).Bins(3).Log()`,
		"compare":       `charts.Compare("c", []string{"a", "b"}, charts.Metric{Name: "m", Unit: "s", Values: charts.Seconds(time.Second, 2*time.Second)})`,
		"interleavings": `charts.Interleavings("i", charts.Schedule{Steps: []string{"A: x", "B: y"}, Outcome: "1"}).Expect("1")`,
	}
	for name, src := range cells {
		t.Run(name, func(t *testing.T) {
			i := interp.New(interp.Options{})
			if err := i.Use(stdlib.Symbols); err != nil {
				t.Fatal(err)
			}
			if err := i.Use(chartsSymbols); err != nil {
				t.Fatal(err)
			}
			if _, err := i.Eval(`import ("fmt"; "time"; "github.com/goconc/goconc/charts")`); err != nil {
				t.Fatal(err)
			}
			v, err := i.Eval(src)
			if err != nil {
				t.Fatalf("cell: %v", err)
			}
			b, ok := display.Of(v.Interface())
			if !ok {
				t.Fatalf("the cell's value %T does not render itself", v.Interface())
			}
			if html, _ := b["text/html"].(string); html == "" || strings.Contains(html, "chart-error") {
				t.Errorf("text/html: %.200s", html)
			}
		})
	}
}
