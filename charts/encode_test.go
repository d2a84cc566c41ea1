package charts

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/go-echarts/go-echarts/v2/opts"
)

// roundTrip encodes data the slow way encodeData stands in for: marshalled,
// decoded into generic values and marshalled again.
func roundTrip(t *testing.T, data any) string {
	t.Helper()
	js, err := json.Marshal(data)
	if err != nil {
		t.Fatal(err)
	}
	var generic any
	if err := json.Unmarshal(js, &generic); err != nil {
		t.Fatal(err)
	}
	js, err = json.Marshal(generic)
	if err != nil {
		t.Fatal(err)
	}
	return string(js)
}

func TestEncodeDataMatchesTheRoundTrip(t *testing.T) {
	values := []any{0, -3, 7, 1 << 40, 1<<53 + 1, math.Copysign(0, -1), 0.0, 2.0, -2.5, 1e14, 1e15 - 1, 1e15, 1e20, 1e21, 123456789.125,
		1e-6, 1e-7, -3.2e-9, 0.1, 2.0 / 3, math.MaxInt64, "x", `a"b<c>&d`, "é"}
	var line []opts.LineData
	var bars []opts.BarData
	for i, v := range values {
		line = append(line, opts.LineData{Value: []any{i, v}})
		line = append(line, opts.LineData{Name: "n", Value: v})
		bars = append(bars, opts.BarData{Value: v})
	}
	for name, data := range map[string]any{"line": line, "bar": bars} {
		got, ok := encodeData(data)
		if !ok {
			t.Fatalf("%s: encodeData refused the data", name)
		}
		if want := roundTrip(t, data); string(got) != want {
			t.Errorf("%s:\n got %s\nwant %s", name, got, want)
		}
	}
}

func FuzzAppendFloat(f *testing.F) {
	for _, v := range []float64{0, -1, 3, 1e15, 1e21, 0.5, 1e-7, math.Copysign(0, -1)} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		got, ok := appendFloat(nil, v)
		want, err := json.Marshal(v)
		if !ok {
			if err == nil {
				t.Fatalf("appendFloat refused %v, which json encodes as %s", v, want)
			}
			return
		}
		if err != nil || string(got) != string(want) {
			t.Fatalf("appendFloat(%v) = %s, json %s (%v)", v, got, want, err)
		}
	})
}
