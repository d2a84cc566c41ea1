package charts

import (
	"math"
	"strconv"
	"time"
)

// sig3 formats v with three significant digits, without an exponent.
func sig3(v float64) string { return string(appendSig3(nil, v)) }

// appendSig3 appends v as sig3 formats it.
func appendSig3(b []byte, v float64) []byte {
	a := math.Abs(v)
	switch {
	case a == 0:
		return append(b, '0')
	case a >= 100:
		return appendFixed(b, v, 0)
	case a >= 10:
		return appendFixed(b, v, 1)
	case a >= 1:
		return appendFixed(b, v, 2)
	default:
		return strconv.AppendFloat(b, v, 'g', 3, 64)
	}
}

// fmtDuration formats d with three significant digits in the unit that
// fits it: "850ns", "1.20µs", "35.0ms", "2.50s".
func fmtDuration(d time.Duration) string { return string(appendDuration(nil, d)) }

// appendDuration appends d as fmtDuration formats it.
func appendDuration(b []byte, d time.Duration) []byte {
	if d < 0 {
		return appendDuration(append(b, '-'), -d)
	}
	u := unitFor(d)
	return append(appendSig3(b, float64(d)/float64(u.size)), u.name...)
}

// timeUnit is a unit for an axis of durations.
type timeUnit struct {
	name string
	size time.Duration
}

var timeUnits = []timeUnit{
	{"ns", time.Nanosecond},
	{"µs", time.Microsecond},
	{"ms", time.Millisecond},
	{"s", time.Second},
}

// unitFor returns the largest unit in which d is at least 1.
func unitFor(d time.Duration) timeUnit {
	u := timeUnits[0]
	for _, t := range timeUnits {
		if d >= t.size {
			u = t
		}
	}
	return u
}

// in returns d in unit u, rounded to 4 significant digits to keep the
// chart's option short.
func (u timeUnit) in(d time.Duration) float64 {
	return round4(float64(d) / float64(u.size))
}

// round4 rounds v to 4 significant digits.
func round4(v float64) float64 {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return v
	}
	p := math.Pow(10, 3-math.Floor(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}

// fmtFloat formats a ratio such as a speedup: "1.85".
func fmtFloat(v float64) string { return string(appendFixed(nil, v, 2)) }

// fmtPercent formats a share in [0, 1] as "45.0%".
func fmtPercent(v float64) string {
	var buf [32]byte
	return string(append(appendFixed(buf[:0], 100*v, 1), '%'))
}

// fmtBytes formats a size in bytes: "512B", "2.00KiB", "8.50MiB".
func fmtBytes(v float64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	i := 0
	for math.Abs(v) >= 1024 && i < len(units)-1 {
		v /= 1024
		i++
	}
	if i == 0 {
		return strconv.FormatFloat(v, 'f', -1, 64) + "B"
	}
	return sig3(v) + units[i]
}

// fmtNumber formats a plain number: whole numbers as they are ("8"),
// others with three significant digits ("1.90").
func fmtNumber(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return sig3(v)
}

// appendFixed appends v with prec digits after the point, exactly as
// strconv.AppendFloat(b, v, 'f', prec, 64) does, but without its general
// algorithm for the common case of a value whose scaled magnitude fits an
// integer and is not near a rounding tie: tables of charts format tens of
// thousands of such numbers.
func appendFixed(b []byte, v float64, prec int) []byte {
	if prec < 0 || prec > 6 {
		return strconv.AppendFloat(b, v, 'f', prec, 64)
	}
	scale := pow10[prec]
	x := math.Abs(v) * scale
	// Below 2³¹ the product's rounding error (half a unit in the last
	// place) is far smaller than the tie window below. NaN fails too.
	if !(x < 1<<31) {
		return strconv.AppendFloat(b, v, 'f', prec, 64)
	}
	whole, frac := math.Modf(x)
	if math.Abs(frac-0.5) < 1e-6 { // near a tie: let strconv decide exactly
		return strconv.AppendFloat(b, v, 'f', prec, 64)
	}
	n := uint64(whole)
	if frac > 0.5 {
		n++
	}
	if math.Signbit(v) {
		b = append(b, '-')
	}
	var digits [24]byte
	i := len(digits)
	for k := 0; k < prec || n > 0 || k == prec; k++ {
		if k == prec && prec > 0 {
			i--
			digits[i] = '.'
		}
		i--
		digits[i] = byte('0' + n%10)
		n /= 10
		if k >= prec && n == 0 {
			break
		}
	}
	return append(b, digits[i:]...)
}

var pow10 = [...]float64{1, 10, 100, 1e3, 1e4, 1e5, 1e6}
