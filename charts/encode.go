package charts

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/opts"
)

// encodeData encodes the data of a series the way the option's round trip
// through generic values (json.Marshal, json.Unmarshal into any,
// json.Marshal) would, but in one pass: the items of a big chart are most
// of its option. It handles the items the charts make, []opts.LineData,
// []opts.BarData and []opts.CustomData with only a name and a value that
// is a number, a string or a slice of them; for anything else it reports
// false, and the round trip encodes the data.
func encodeData(data any) (rawJSON, bool) {
	switch d := data.(type) {
	case []opts.LineData:
		b := make([]byte, 0, 24*len(d)+2)
		b = append(b, '[')
		for i, x := range d {
			if x.Symbol != "" || x.SymbolSize != 0 || x.XAxisIndex != 0 || x.YAxisIndex != 0 {
				return nil, false
			}
			var ok bool
			if b, ok = appendItem(b, i, x.Name, x.Value); !ok {
				return nil, false
			}
		}
		return append(b, ']'), true
	case []opts.BarData:
		b := make([]byte, 0, 16*len(d)+2)
		b = append(b, '[')
		for i, x := range d {
			if x.Label != nil || x.ItemStyle != nil || x.Tooltip != nil {
				return nil, false
			}
			var ok bool
			if b, ok = appendItem(b, i, x.Name, x.Value); !ok {
				return nil, false
			}
		}
		return append(b, ']'), true
	case []opts.CustomData:
		b := make([]byte, 0, 40*len(d)+2)
		b = append(b, '[')
		for i, x := range d {
			if x.ItemStyle != nil || x.Emphasis != nil || x.Tooltip != nil {
				return nil, false
			}
			var ok bool
			if b, ok = appendItem(b, i, x.Name, x.Value); !ok {
				return nil, false
			}
		}
		return append(b, ']'), true
	}
	return nil, false
}

// appendItem appends the i-th item of a series' data: {"name":…,"value":…}
// with the keys in order and the empty ones left out, as omitempty does.
func appendItem(b []byte, i int, name string, value any) ([]byte, bool) {
	if i > 0 {
		b = append(b, ',')
	}
	b = append(b, '{')
	if name != "" {
		b = append(b, `"name":`...)
		b = appendString(b, name)
	}
	if value != nil {
		if name != "" {
			b = append(b, ',')
		}
		b = append(b, `"value":`...)
		var ok bool
		if b, ok = appendValue(b, value); !ok {
			return nil, false
		}
	}
	return append(b, '}'), true
}

// appendValue appends a number, a string or a slice of them.
func appendValue(b []byte, v any) ([]byte, bool) {
	switch v := v.(type) {
	case []any:
		b = append(b, '[')
		for i, x := range v {
			if i > 0 {
				b = append(b, ',')
			}
			var ok bool
			if b, ok = appendScalar(b, x); !ok {
				return nil, false
			}
		}
		return append(b, ']'), true
	}
	return appendScalar(b, v)
}

func appendScalar(b []byte, v any) ([]byte, bool) {
	switch v := v.(type) {
	case int:
		return appendFloat(b, float64(v)) // decoded as a float64 on the round trip
	case int64:
		return appendFloat(b, float64(v))
	case float64:
		return appendFloat(b, v)
	case string:
		return appendString(b, v), true
	}
	return nil, false
}

// appendFloat appends f as encoding/json does; NaN and infinities, which
// it refuses, are left to the round trip to report.
func appendFloat(b []byte, f float64) ([]byte, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, false
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 to e-9, as encoding/json does
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, true
}

// appendString appends s as a JSON string, escaped as json.Marshal
// escapes it (<, > and & too).
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, err := json.Marshal(s)
			if err != nil {
				panic(err) // strings always marshal
			}
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
