package symbols_test

import "testing"

var chanCells = []cellCase{
	{
		name: "channel sweep",
		why:  "ChanSweep called from a cell; points, Select and Table read back",
		cells: []string{`
res, err := sched.ChanSweep(sched.ChanConfig{Capacities: []int{0, 4}, Items: 1000, Procs: []int{1, 2}, Repeat: 1})
one := res.Select(1)
fmt.Println(err, len(res.Points), len(one), one[1].Capacity, one[1].PerItem > 0, len(res.Table()) > 0)
fmt.Println(sched.ChanRun(2, 100, 2, 2) > 0)`},
		want: "<nil> 4 2 4 true true\ntrue\n",
	},
}

func TestChanFromCells(t *testing.T) { runCells(t, schedHeader, chanCells) }
