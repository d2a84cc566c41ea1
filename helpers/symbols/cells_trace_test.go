package symbols_test

import "testing"

// traceCells call sched.Trace from interpreted code, as a notebook does to
// see how busy each P was during a section of a cell.
var traceCells = []cellCase{
	{
		name: "trace interpreted goroutines",
		why:  "an interpreted func() starting interpreted goroutines runs under the tracer; the summary read back field by field and through its methods",
		cells: []string{`
s, err := sched.Trace(func() {
	done := make(chan bool)
	for i := 0; i < 3; i++ {
		go func() {
			workload.IntegrateSquare(0, 1, 100000)
			done <- true
		}()
	}
	for i := 0; i < 3; i++ {
		<-done
	}
})
fmt.Println(err, len(s.Procs) == s.GOMAXPROCS, s.Created >= 3, s.Goroutines >= 1, s.Caller > 0)`, `
ok := s.Wall > 0 && len(s.Spans) > 0
for _, p := range s.Procs {
	ok = ok && p.Busy+p.Idle == s.Wall && p.Utilisation >= 0 && p.Utilisation <= 1
}
var last sched.ProcSpan = s.Spans[len(s.Spans)-1]
ok = ok && last.End <= s.Wall && last.Start < last.End
u := s.Utilisation()
fmt.Println(ok, u > 0 && u <= 1, strings.HasPrefix(s.Table(), "GOMAXPROCS "), s.Busy() > 0)`},
		want: "<nil> true true true true\ntrue true true true\n",
	},
	{
		name: "nested trace",
		why:  "the error of a Trace inside a Trace reaches the cell, and the inner function does not run",
		cells: []string{`
ran := false
var inner error
_, err := sched.Trace(func() {
	_, inner = sched.Trace(func() { ran = true })
})
fmt.Println(err, inner != nil, ran)`},
		want: "<nil> true false\n",
	},
}

// traceHeader imports what the cells use: sched, workload, and strings for Table.
const traceHeader = `import (
	"fmt"
	"strings"

	"github.com/goconc/goconc/helpers/sched"
	"github.com/goconc/goconc/helpers/workload"
)`

func TestTraceFromCells(t *testing.T) { runCells(t, traceHeader, traceCells) }
