package symbols_test

import "testing"

const verdictHeader = `import (
	"fmt"
	"time"

	"github.com/goconc/goconc/helpers/verdict"
	"github.com/goconc/goconc/helpers/workload"
)`

var verdictCells = []cellCase{
	{
		name: "speedup and slowdown verdicts",
		why:  "Measure with an interpreted closure, Machine methods, Spread and the MIME bundle read back from a cell",
		cells: []string{`
serial := verdict.Measure(3, func() { workload.Busy(200_000) })
m := verdict.Machine{GOMAXPROCS: 1, NumCPU: 1}
v := m.Speedup("two goroutines are faster", 2, serial, serial)
fmt.Println(len(serial), serial[0].Wall > 0, v.Status, v.Shown(), v.Values["limit"], m.NoSpeedup("one P", 2, serial, serial).Status)`, `
w := m.Slowdown("packed is slower", 2, serial, serial)
b := w.MIMEBundle()
fields := b[verdict.MIMEType].(map[string]any)
fmt.Println(w.Status == verdict.NotShown, fields["status"], verdict.SpreadOf([]float64{3, 1, 2}).Format("%.0f", "s"))`, `
c := verdict.Check("runs lose updates", false, "0 of 10", "most of 10")
u := verdict.Unshown("x", "y", "z", "why")
fmt.Println(c.Status, u.Status, c.Machine.GOMAXPROCS > 0, verdict.Probe().CPUs() > 0, m.Similar("same", 1.5, serial, serial).Status)`},
		want: "3 true not-shown false 1 shown\ntrue not-shown 2s (1–3 over 3 runs)\ncontradicted not-shown true true shown\n",
	},
}

func TestVerdictFromCells(t *testing.T) { runCells(t, verdictHeader, verdictCells) }
