package symbols_test

import "testing"

const schedulesHeader = `import (
	"fmt"
	"strings"
	"sync"

	"github.com/goconc/goconc/helpers/sched"
)`

// schedulesCells call the random-schedule helpers (schedules.go,
// observe.go) from interpreted code, as the notebooks on locks and
// semaphores do.
var schedulesCells = []cellCase{
	{
		name: "random schedules of an interpreted trial",
		why:  "an interpreted func(*sched.Chaos) error called back for every run; Gauge and Journal used from goroutines",
		cells: []string{`
err := sched.CheckSchedules(50, func(c *sched.Chaos) error {
	var g sched.Gauge
	var j sched.Journal
	sem := make(chan struct{}, 2)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			g.Enter()
			c.Point()
			j.Mark("in")
			g.Leave()
			<-sem
		}()
	}
	wg.Wait()
	if g.Max() > 2 || j.Count("in") != 4 {
		return fmt.Errorf("max %d, marks %d", g.Max(), j.Count("in"))
	}
	return nil
})
fmt.Println(err)`, `
rep := sched.RandomSchedules(sched.RandomOptions{Runs: 10, KeepGoing: true}, func(c *sched.Chaos) error {
	if c.Seed()%2 == 1 {
		return fmt.Errorf("odd seed")
	}
	return nil
})
fmt.Println(rep.Runs, rep.Failures, rep.Err)`},
		want: "<nil>\n10 5 run 2 of 10 (seed 1): odd seed\n",
	},
	{
		name: "console",
		why:  "a Console as the io.Writer of fmt.Fprint in interpreted code",
		cells: []string{`
echo := &strings.Builder{}
con := sched.NewConsole(echo, nil)
fmt.Fprint(con, "hello ")
fmt.Fprintln(con, "world")
fmt.Print(echo.String())
fmt.Println(len(con.Lines()), con.Lines()[0])`},
		want: "hello world\n1 hello world\n",
	},
}

func TestSchedulesFromCells(t *testing.T) { runCells(t, schedulesHeader, schedulesCells) }
