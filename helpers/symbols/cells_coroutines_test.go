package symbols_test

import "testing"

var coroutineCells = []cellCase{
	{
		name: "handoff costs",
		why:  "HandoffCosts called from a cell; the costs, mechanism names and table read back",
		cells: []string{`
costs, err := sched.HandoffCosts(1000, 2)
fmt.Println(err, len(costs), costs[1].Mechanism == sched.HandoffPull, len(costs[4].Runs), costs[4].NsPerValue > 0)
fmt.Println(len(sched.HandoffMechanisms()), sched.HandoffPingPong, len(sched.HandoffTable(costs)) > 0)`},
		want: "<nil> 5 true 2 true\n5 channel ping-pong true\n",
	},
}

func TestCoroutinesFromCells(t *testing.T) { runCells(t, schedHeader, coroutineCells) }
