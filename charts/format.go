package charts

import (
	"math"
	"strconv"
	"time"
)

// sig3 formats v with three significant digits, without an exponent.
func sig3(v float64) string {
	a := math.Abs(v)
	switch {
	case a == 0:
		return "0"
	case a >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case a >= 1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	default:
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
}

// fmtDuration formats d with three significant digits in the unit that
// fits it: "850ns", "1.20µs", "35.0ms", "2.50s".
func fmtDuration(d time.Duration) string {
	if d < 0 {
		return "-" + fmtDuration(-d)
	}
	u := unitFor(d)
	return sig3(float64(d)/float64(u.size)) + u.name
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
func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// fmtPercent formats a share in [0, 1] as "45.0%".
func fmtPercent(v float64) string {
	var buf [32]byte
	return string(append(strconv.AppendFloat(buf[:0], 100*v, 'f', 1, 64), '%'))
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
