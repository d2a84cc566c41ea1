package charts

import (
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"strings"
	"sync/atomic"
)

// KernelName is the name of the kernelspec whose directory serves the
// ECharts script (see WriteAssets). The kernel sets it at start to the
// name it was installed under (goconc install --name); charts embed it in
// their HTML to find the script.
var KernelName = "goconc"

// DefaultHeight is the height of a chart, in CSS pixels, unless its
// Height method sets another. Charts are as wide as the output area.
const DefaultHeight = 360

// Chart is a chart ready to show: an ECharts option and a text table of the
// same data. The constructors' results (ScalingChart, ...) make one with
// their Chart method; FromECharts makes one from any go-echarts chart.
// A Chart that could not be built carries the error and shows it.
type Chart struct {
	option string // JavaScript expression of the ECharts option
	text   string // table of the data, for text/plain
	height int    // CSS pixels
	narrow *narrow
	err    error
}

// narrow is the layout of a chart in a narrow output area: up to width
// CSS pixels wide, the chart is height pixels high (its option has a media
// query for the same width).
type narrow struct {
	Width  int `json:"width"`
	Height int `json:"height"`
}

// FromECharts makes a Chart of a chart built with go-echarts (a *Bar, a
// *Line, ...), with text as its text/plain form. The chart's size and
// assets options are ignored: the Chart is as wide as the output area and
// height pixels high (DefaultHeight if height is 0).
func FromECharts(c interface {
	Validate()
	JSON() map[string]any
}, text string, height int) *Chart {
	o, err := optionOf(c)
	if err != nil {
		return errorChart(err)
	}
	return newChart(o, text, height)
}

func newChart(o option, text string, height int) *Chart {
	if height <= 0 {
		height = DefaultHeight
	}
	js, err := o.script()
	if err != nil {
		return errorChart(err)
	}
	return &Chart{option: js, text: text, height: height}
}

func errorChart(err error) *Chart { return &Chart{err: err} }

// Err returns why the chart could not be built, or nil.
func (c *Chart) Err() error { return c.err }

// String returns the text table of the chart's data, or its error.
func (c *Chart) String() string {
	if c.err != nil {
		return c.err.Error()
	}
	return c.text
}

// MIMEBundle returns the chart as "text/html" and its data as
// "text/plain", for display.
func (c *Chart) MIMEBundle() map[string]any {
	return map[string]any{"text/html": c.HTML(), "text/plain": c.String()}
}

// HTML returns the chart as an HTML fragment: the text table (shown where
// scripts do not run), the element the chart is drawn in and the script
// that draws it. Each call makes a fresh element id.
func (c *Chart) HTML() string {
	if c.err != nil {
		return errorHTML(c.err)
	}
	id := newID()
	fields := map[string]any{
		"id":     id,
		"height": c.height,
		"src":    "kernelspecs/" + url.PathEscape(KernelName) + "/" + AssetName,
	}
	if c.narrow != nil {
		fields["narrow"] = c.narrow
	}
	spec, err := json.Marshal(fields)
	if err != nil {
		return errorHTML(err)
	}
	var b strings.Builder
	b.Grow(len(c.option) + len(c.text) + len(loaderJS) + 400)
	b.WriteString(`<div class="goconc-chart-box" style="width:100%;max-width:100%">`)
	b.WriteString(`<pre class="goconc-chart-text">`)
	b.WriteString(html.EscapeString(c.text))
	b.WriteString("</pre>\n")
	fmt.Fprintf(&b, `<div class="goconc-chart" id="%s" style="width:100%%;height:0"></div>`, id)
	b.WriteString("\n<script type=\"text/javascript\">\n")
	b.WriteString(loaderJS)
	b.WriteString("window.goconcCharts.draw(document.currentScript,")
	b.Write(spec[:len(spec)-1])
	b.WriteString(`,"option":`)
	b.WriteString(c.option)
	b.WriteString("});\n</script></div>")
	return b.String()
}

func errorHTML(err error) string {
	return `<pre class="goconc-chart-error" style="color:var(--jp-error-color1,#d32f2f)">` +
		html.EscapeString(err.Error()) + "</pre>"
}

// idPrefix makes element ids unique across kernels: an output saved in a
// notebook may share a page with those of a later run.
var (
	idPrefix = func() string {
		var b [6]byte
		if _, err := rand.Read(b[:]); err != nil {
			panic(err)
		}
		return "goconc-" + hex.EncodeToString(b[:])
	}()
	idCount atomic.Uint64
)

func newID() string { return fmt.Sprintf("%s-%d", idPrefix, idCount.Add(1)) }

//go:embed loader.js
var loaderSource string

// loaderJS is loader.js without its comment lines and indentation.
var loaderJS = compactJS(loaderSource)

func compactJS(src string) string {
	var b strings.Builder
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}
