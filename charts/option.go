package charts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	ec "github.com/go-echarts/go-echarts/v2/charts"
)

// echartsChart is what every go-echarts chart (Bar, Line, Custom, ...)
// provides: Validate fills in derived options, JSON returns the option.
type echartsChart interface {
	Validate()
	JSON() map[string]any
}

// option is an ECharts option as plain JSON values (maps, slices,
// float64s, strings), built by go-echarts and then adjusted with set
// where go-echarts has no field for what a chart needs.
type option map[string]any

// optionOf turns a go-echarts chart into an option.
//
// The series' data, the bulk of a big chart, skips the round trip through
// generic values where it can (see encodeData): it is encoded once, as
// the round trip would, and the option holds it as rawJSON.
func optionOf(c echartsChart) (option, error) {
	c.Validate()
	m := c.JSON()
	var raws []rawJSON
	if ms, ok := m["series"].(ec.MultiSeries); ok {
		ms = slices.Clone(ms) // leave the chart's own series alone
		raws = make([]rawJSON, len(ms))
		for i := range ms {
			if raw, ok := encodeData(ms[i].Data); ok {
				raws[i], ms[i].Data = raw, nil
			}
		}
		m["series"] = ms
	}
	data, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("charts: encoding option: %w", err)
	}
	var o option
	if err := json.Unmarshal(data, &o); err != nil {
		return nil, fmt.Errorf("charts: decoding option: %w", err)
	}
	if series, ok := o["series"].([]any); ok && len(series) == len(raws) {
		for i, raw := range raws {
			if s, ok := series[i].(map[string]any); ok && raw != nil {
				s["data"] = raw
			}
		}
	}
	// go-echarts writes a palette and empty components we do not want to
	// pin: the theme made by the loader colours the chart.
	delete(o, "color")
	return o, nil
}

// set stores v at path, a dot-separated list of keys and slice indexes
// ("xAxis.0.logBase"), creating maps on the way.
func (o option) set(path string, v any) {
	keys := strings.Split(path, ".")
	var cur any = map[string]any(o)
	for i, k := range keys {
		last := i == len(keys)-1
		switch c := cur.(type) {
		case map[string]any:
			if last {
				c[k] = v
				return
			}
			next, ok := c[k]
			if !ok || next == nil {
				next = map[string]any{}
				c[k] = next
			}
			cur = next
		case []any:
			n, err := strconv.Atoi(k)
			if err != nil || n < 0 || n >= len(c) {
				panic(fmt.Sprintf("charts: bad option path %q", path))
			}
			if last {
				c[n] = v
				return
			}
			if c[n] == nil {
				c[n] = map[string]any{}
			}
			cur = c[n]
		default:
			panic(fmt.Sprintf("charts: bad option path %q", path))
		}
	}
}

// jsFunc marks a JavaScript function in an option, as go-echarts'
// opts.FuncOpts does: the string is written without quotes.
func jsFunc(src string) string { return funcMarker + src + funcMarker }

const funcMarker = "__f__"

// funcString matches a JSON string holding a marked function.
var funcString = regexp.MustCompile(`"` + funcMarker + `((?:[^"\\]|\\.)*?)` + funcMarker + `"`)

// script returns the option as a JavaScript expression: JSON, with the
// marked functions written as code. json.Marshal escapes <, > and & in
// strings, so text from the data cannot close the script element.
func (o option) script() (string, error) {
	// The rawJSON values are marshaled as placeholders, then spliced in:
	// json.Marshal would not write them as they are.
	var raws []rawJSON
	var undo []func()
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if r, ok := x.(rawJSON); ok {
					v[k] = dataPlaceholder(len(raws))
					raws = append(raws, r)
					undo = append(undo, func() { v[k] = r })
				} else {
					walk(x)
				}
			}
		case []any:
			for i, x := range v {
				if r, ok := x.(rawJSON); ok {
					v[i] = dataPlaceholder(len(raws))
					raws = append(raws, r)
					undo = append(undo, func() { v[i] = r })
				} else {
					walk(x)
				}
			}
		}
	}
	walk(map[string]any(o))
	data, err := json.Marshal(map[string]any(o))
	for _, f := range undo {
		f()
	}
	if err != nil {
		return "", fmt.Errorf("charts: encoding option: %w", err)
	}
	var failed error
	data = funcString.ReplaceAllFunc(data, func(m []byte) []byte {
		var src string
		quoted := append([]byte{'"'}, m[len(funcMarker)+1:len(m)-len(funcMarker)-1]...)
		quoted = append(quoted, '"')
		if err := json.Unmarshal(quoted, &src); err != nil {
			failed = err
			return m
		}
		if strings.Contains(strings.ToLower(src), "</script") || strings.Contains(src, "<!--") {
			failed = fmt.Errorf("function closes the script element: %.40q", src)
			return m
		}
		return []byte(src)
	})
	if failed != nil {
		return "", fmt.Errorf("charts: option function: %w", failed)
	}
	data = bytes.TrimSpace(data)
	if len(raws) == 0 {
		return string(data), nil
	}
	size := len(data)
	for _, r := range raws {
		size += len(r)
	}
	var b strings.Builder
	b.Grow(size)
	for i, r := range raws {
		ph := `"` + dataPlaceholder(i) + `"`
		j := bytes.Index(data, []byte(ph))
		if j < 0 {
			return "", fmt.Errorf("charts: encoding option: series data %d lost", i)
		}
		b.Write(data[:j])
		b.Write(r)
		data = data[j+len(ph):]
	}
	b.Write(data)
	return b.String(), nil
}

// rawJSON is a value of an option already encoded: script writes it as is.
type rawJSON []byte

// dataPlaceholder stands for the i-th rawJSON value while script marshals
// the rest of the option. Placeholders are numbered in the order the walk
// meets them, which is not the order of the output: script looks each up.
func dataPlaceholder(i int) string { return "__goconc_data_" + strconv.Itoa(i) + "__" }

// withMedia returns o as the base of an option whose layout is narrowOpt
// when the chart is at most maxWidth pixels wide and wideOpt otherwise
// (both merged into o). ECharts keeps what a matching query merged after
// the query stops matching, so wideOpt must restore every key narrowOpt
// sets. Call it last: set does not reach into the result.
func (o option) withMedia(maxWidth int, wideOpt, narrowOpt map[string]any) option {
	return option{
		"baseOption": map[string]any(o),
		"media": []any{
			map[string]any{"option": wideOpt},
			map[string]any{"query": map[string]any{"maxWidth": maxWidth}, "option": narrowOpt},
		},
	}
}
