package sched_test

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/goconc/goconc/helpers/sched"
	"github.com/goconc/goconc/helpers/workload"
)

// Trace runs a section of code under the execution tracer and says how
// busy each P was. (Timings vary from run to run, so this example prints
// only the shape of the result; print s.Table() to see the numbers.)
func ExampleTrace() {
	s, err := sched.Trace(func() {
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				workload.IntegrateSquare(0, 1, 200_000)
			}()
		}
		wg.Wait()
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("one line per P:", len(s.Procs) == runtime.GOMAXPROCS(0))
	fmt.Println("at least 4 goroutines created:", s.Created >= 4)
	ok := true
	for _, p := range s.Procs {
		ok = ok && p.Busy+p.Idle == s.Wall
	}
	fmt.Println("busy + idle = wall on every P:", ok)
	// Output:
	// one line per P: true
	// at least 4 goroutines created: true
	// busy + idle = wall on every P: true
}
