package symbols_test

import "testing"

// replayCells call sched.Replay from interpreted code, as the notebook on
// goroutines does to tabulate one interleaving step by step.
var replayCells = []cellCase{
	{
		name: "replay a schedule of two increments",
		why:  "Replay's result (slice of structs holding maps) read back field by field in a cell",
		cells: []string{`
threads := []sched.Thread{sched.IncrementThread("A", "counter"), sched.IncrementThread("B", "counter")}
steps, err := sched.Replay(map[string]int{"counter": 0}, threads, []string{"A.read", "B.read", "A.increment", "B.increment", "A.write", "B.write"})
fmt.Println(err, len(steps))
for _, s := range steps {
	fmt.Print(s.Thread, ".", s.Step, "=", s.Shared["counter"], "/", s.Locals["A"]["r"], s.Locals["B"]["r"], " ")
}
fmt.Println()`},
		want: "<nil> 6\nA.read=0/0 0 B.read=0/0 0 A.increment=0/1 0 B.increment=0/1 1 A.write=1/1 1 B.write=1/1 1 \n",
	},
}

func TestReplayFromCells(t *testing.T) { runCells(t, schedHeader, replayCells) }
