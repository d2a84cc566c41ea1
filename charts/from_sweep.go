package charts

import (
	"fmt"
	"math"
	"strings"
	"time"

	ec "github.com/go-echarts/go-echarts/v2/charts"

	"github.com/goconc/goconc/helpers/sched"
)

// SweepChart is the Scaling chart of a sched.Sweep: one line per
// GOMAXPROCS value, speedup against workers, the ideal line and, for each
// GOMAXPROCS value, the Amdahl curve fitted to its points (dotted, in the
// line's colour). Its table lists every point with its median, fastest
// and slowest run, and the fits below. Make one with FromSweep.
type SweepChart struct {
	title  string
	result sched.SweepResult
	byTime bool
	height int
}

// FromSweep returns the chart of a sweep's result:
//
//	res, err := sched.Sweep(sched.SweepConfig{Workers: []int{1, 2, 4}}, work)
//	charts.FromSweep("Integral of x²", res)
//
// Speedups are the sweep's own (median with one worker over median, for
// the same GOMAXPROCS), and the Amdahl curves come from r.Fits. Scaling
// returns the same data as a plain ScalingChart.
func FromSweep(title string, r sched.SweepResult) *SweepChart {
	return &SweepChart{title: title, result: r}
}

// ByTime plots the median time of the runs instead of the speedup, with
// the time the ideal line and each Amdahl fit predict.
func (c *SweepChart) ByTime() *SweepChart {
	c.byTime = true
	return c
}

// Height sets the chart's height in CSS pixels.
func (c *SweepChart) Height(px int) *SweepChart {
	c.height = px
	return c
}

// MIMEBundle shows the chart, with its table as text/plain.
func (c *SweepChart) MIMEBundle() map[string]any { return c.Chart().MIMEBundle() }

// String returns the table of the chart's data.
func (c *SweepChart) String() string { return c.Chart().String() }

// procsName names the line of one GOMAXPROCS value.
func procsName(procs int) string { return fmt.Sprintf("GOMAXPROCS=%d", procs) }

// sweepGroups returns the sweep's points by GOMAXPROCS value, in the
// order the values first appear.
func sweepGroups(r sched.SweepResult) (procs []int, points map[int][]sched.SweepPoint) {
	points = map[int][]sched.SweepPoint{}
	for _, p := range r.Points {
		if _, ok := points[p.Procs]; !ok {
			procs = append(procs, p.Procs)
		}
		points[p.Procs] = append(points[p.Procs], p)
	}
	return procs, points
}

// fitFor returns the Amdahl fit of a GOMAXPROCS value.
func fitFor(r sched.SweepResult, procs int) (sched.AmdahlFit, bool) {
	for _, f := range r.Fits {
		if f.Procs == procs {
			return f, true
		}
	}
	return sched.AmdahlFit{}, false
}

// Scaling returns the sweep as a ScalingChart: a series per GOMAXPROCS
// value, with the speedups and median times of its points, and the Amdahl
// curve of the largest GOMAXPROCS value that has a fit. A ScalingChart
// draws one Amdahl curve only; the SweepChart draws them all.
func (c *SweepChart) Scaling() *ScalingChart {
	sc := Scaling(c.title, c.series()...)
	best, serial := 0, math.NaN()
	for _, f := range c.result.Fits {
		if f.Procs >= best {
			best, serial = f.Procs, f.SerialFraction
		}
	}
	sc.Amdahl(serial)
	if c.byTime {
		sc.ByTime()
	}
	return sc.Height(c.height)
}

func (c *SweepChart) series() []ScalingSeries {
	procs, points := sweepGroups(c.result)
	series := make([]ScalingSeries, len(procs))
	for i, n := range procs {
		s := ScalingSeries{Name: procsName(n)}
		for _, p := range points[n] {
			s.Workers = append(s.Workers, p.Workers)
			s.Speedup = append(s.Speedup, p.Speedup)
			s.Time = append(s.Time, max(p.Median, 1))
		}
		series[i] = s
	}
	return series
}

// Chart builds the chart.
func (c *SweepChart) Chart() *Chart {
	if len(c.result.Points) == 0 {
		return errorChart(fmt.Errorf("charts.FromSweep: the sweep has no points"))
	}
	sc := Scaling(c.title, c.series()...)
	sc.byTime = c.byTime
	all := make([][]scalingPoint, len(sc.series))
	lo, hi := math.MaxInt, 0
	for i, s := range sc.series {
		pts, err := s.points()
		if err != nil {
			return errorChart(fmt.Errorf("charts.FromSweep: %w", err))
		}
		all[i] = pts
		lo, hi = min(lo, pts[0].workers), max(hi, pts[len(pts)-1].workers)
	}
	o, err := sc.option(all, lo, hi)
	if err != nil {
		return errorChart(err)
	}
	if err := c.addFits(o, sc, all, lo, hi); err != nil {
		return errorChart(err)
	}
	return newChart(o, c.table(), c.height)
}

// addFits adds the Amdahl curve of each GOMAXPROCS value to the option of
// the plain Scaling chart, and the fits to its subtitle.
func (c *SweepChart) addFits(o option, sc *ScalingChart, all [][]scalingPoint, lo, hi int) error {
	// The unit of the time axis, as ScalingChart.option picks it.
	unit := timeUnits[0]
	if c.byTime {
		var least time.Duration = math.MaxInt64
		for _, pts := range all {
			for _, p := range pts {
				least = min(least, p.time)
			}
		}
		unit = unitFor(least)
	}
	ns := curveWorkers(lo, hi)
	procs, _ := sweepGroups(c.result)
	line := ec.NewLine()
	var sub []string
	for i, n := range procs {
		f, ok := fitFor(c.result, n)
		if !ok {
			continue
		}
		name := "Amdahl"
		if len(procs) > 1 {
			name += " (" + procsName(n) + ")"
		}
		data := curve(ns, func(w int) float64 { return round4(f.Speedup(w)) })
		if c.byTime {
			t1 := baseTime(all[i])
			data = curve(ns, func(w int) float64 { return unit.in(time.Duration(t1 / f.Speedup(w))) })
		}
		line.AddSeries(name, data, dashed(colorAt(i), "dotted"))
		if len(sub) < 3 {
			s := "p = " + sig3(f.SerialFraction)
			if len(procs) > 1 {
				s = procsName(n) + ": " + s
			}
			sub = append(sub, s)
		}
	}
	if len(sub) == 0 {
		return nil
	}
	extra, err := optionOf(line)
	if err != nil {
		return err
	}
	series, _ := o["series"].([]any)
	more, _ := extra["series"].([]any)
	o["series"] = append(series, more...)
	subtitle := "Amdahl fit: serial fraction " + strings.Join(sub, ", ")
	o.set("title.subtext", subtitle)
	o.set("grid.0.top", gridTop(subtitle))
	return nil
}

// table lists every point, with the speedup its GOMAXPROCS value's fit
// predicts, and the fits.
func (c *SweepChart) table() string {
	t := table{title: c.title}
	t.header = []string{"GOMAXPROCS", "workers", "median", "min", "max", "speedup", "amdahl", "efficiency"}
	procs, points := sweepGroups(c.result)
	for _, n := range procs {
		f, ok := fitFor(c.result, n)
		for _, p := range points[n] {
			amdahl := ""
			if ok {
				amdahl = fmtFloat(f.Speedup(p.Workers))
			}
			t.add(fmt.Sprint(n), fmt.Sprint(p.Workers), fmtDuration(p.Median), fmtDuration(p.Min), fmtDuration(p.Max),
				fmtFloat(p.Speedup), amdahl, fmtPercent(p.Efficiency))
		}
	}
	for _, n := range procs {
		f, ok := fitFor(c.result, n)
		if !ok {
			t.note(fmt.Sprintf("%s: no Amdahl fit (needs a run with more than one worker)", procsName(n)))
			continue
		}
		limit := "no limit"
		if f.SerialFraction > 0 {
			limit = "at most " + sig3(1/f.SerialFraction) + "×"
		}
		t.note(fmt.Sprintf("%s: Amdahl S(n) = 1/(p + (1-p)/n) with p = %s, %s, rmse %s",
			procsName(n), sig3(f.SerialFraction), limit, sig3(f.RMSE)))
	}
	return t.String()
}
