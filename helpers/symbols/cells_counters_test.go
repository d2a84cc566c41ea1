package symbols_test

import "testing"

// counterCells call the counting strategies of workload from interpreted
// code, as notebook 05 does to measure contention.
var counterCells = []cellCase{
	{
		name: "counting strategies",
		why:  "compiled counters passed around as interpreted func values; every strategy counts to the total",
		cells: []string{`
counters := []func(total, workers int) int64{workload.CountMutex, workload.CountAtomic, workload.CountSharded, workload.CountShardedUnpadded}
for _, count := range counters {
	fmt.Print(count(10001, 3), " ")
}
fmt.Println()`},
		want: "10001 10001 10001 10001 \n",
	},
}

// countersHeader imports what the cells use.
const countersHeader = `import (
	"fmt"

	"github.com/goconc/goconc/helpers/workload"
)`

func TestCountersFromCells(t *testing.T) { runCells(t, countersHeader, counterCells) }
