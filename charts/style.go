package charts

import (
	"encoding/json"
	"fmt"

	ec "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// palette is ECharts' default palette; charts that draw two things in the
// colour of one series (a line and its ideal) pick colours from it.
var palette = []string{
	"#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de",
	"#3ba272", "#fc8452", "#9a60b4", "#ea7ccc",
}

func colorAt(i int) string { return palette[i%len(palette)] }

// neutral is for reference lines (ideal speedup): visible on light and
// dark backgrounds alike.
const neutral = "#8c8c8c"

// common returns the options every chart shares: the title at the top
// left, the legend at the bottom, a grid that leaves room for both.
func common(title, subtitle string, trigger string) []ec.GlobalOpts {
	return []ec.GlobalOpts{
		ec.WithTitleOpts(opts.Title{Title: title, Subtitle: subtitle, Left: "0", Top: "0"}),
		ec.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Bottom: "0"}),
		ec.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: trigger}),
	}
}

// gridTop leaves room for a title, and for a subtitle if there is one.
func gridTop(subtitle string) string {
	if subtitle != "" {
		return "64"
	}
	return "44"
}

// valueFormatter formats tooltip numbers with up to 4 significant digits.
var valueFormatter = opts.FuncOpts(`function (v) {
	return typeof v === 'number' ? String(Number(v.toPrecision(4))) : v;
}`)

// build turns a go-echarts chart into an option with the settings every
// chart shares and go-echarts has no field for.
func build(c echartsChart) (option, error) {
	o, err := optionOf(c)
	if err != nil {
		return nil, err
	}
	o.set("tooltip.confine", true)
	// Y axis names start at the axis instead of centring on it, where the
	// chart's left edge would cut them.
	axes, _ := o["yAxis"].([]any)
	for i, a := range axes {
		if m, ok := a.(map[string]any); ok && m["name"] != nil && m["nameLocation"] == nil {
			o.set(fmt.Sprintf("yAxis.%d.nameTextStyle.align", i), "left")
		}
	}
	return o, nil
}

// narrowWidth is the widest output area, in CSS pixels, in which charts
// with panels side by side stack them instead.
const narrowWidth = 560

// compactNumber formats axis labels of counts: 1200 as 1.2k, 3000000 as 3M.
var compactNumber = jsFunc(`function (v) {
	var a = Math.abs(v);
	if (a >= 1e9) { return Number((v / 1e9).toPrecision(3)) + 'G'; }
	if (a >= 1e6) { return Number((v / 1e6).toPrecision(3)) + 'M'; }
	if (a >= 1e3) { return Number((v / 1e3).toPrecision(3)) + 'k'; }
	return String(v);
}`)

// lookup returns a formatter that shows texts[p.dataIndex]: the same
// details whichever panel or series is hovered.
func lookup(texts []string) string {
	data, err := json.Marshal(texts)
	if err != nil {
		panic(err) // strings always marshal
	}
	return jsFunc("function (p) { var t = " + string(data) + "; return t[p.dataIndex]; }")
}
