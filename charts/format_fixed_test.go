package charts

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestAppendFixedMatchesStrconv compares appendFixed with strconv on
// random values of every magnitude, on ties and on special values.
func TestAppendFixedMatchesStrconv(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	values := []float64{0, math.Copysign(0, -1), -0.001, 0.125, 0.375, 2.5, -2.5, 1.005, 0.285, 12.25,
		99.995, 1e15, 1e16, -1e20, math.Inf(1), math.Inf(-1), math.NaN(), 4503599627370495.5, 0.5, 0.05, 1e-300}
	for range 200000 {
		exp := r.IntN(24) - 8
		v := (r.Float64()*2 - 1) * math.Pow(10, float64(exp))
		values = append(values, v, math.Round(v*1000)/1000, math.Round(v*8)/8)
	}
	for _, v := range values {
		for prec := 0; prec <= 7; prec++ {
			want := strconv.FormatFloat(v, 'f', prec, 64)
			if got := string(appendFixed(nil, v, prec)); got != want {
				t.Fatalf("appendFixed(%v, %d) = %q, want %q", v, prec, got, want)
			}
		}
	}
}
