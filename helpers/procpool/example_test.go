package procpool_test

import (
	"fmt"
	"slices"

	"github.com/goconc/goconc/helpers/procpool"
)

// Map runs a task over a list of arguments in the worker processes and
// returns the results in order. (In a notebook, procpool.Config{} runs the
// goconc binary's worker subcommand; this example runs the test binary.)
func ExamplePool_Map() {
	p, err := procpool.New(testConfig(2))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer p.Close()
	var args []map[string]any
	for i := range 4 {
		args = append(args, map[string]any{"lo": i * 1000, "hi": (i + 1) * 1000})
	}
	counts, err := p.Map("primes", args)
	fmt.Println(counts, err)
	// Output: [168 135 127 120] <nil>
}

// Submit returns a future at once; Wait blocks for the result. Task
// errors come back as errors.
func ExamplePool_Submit() {
	p, err := procpool.New(testConfig(1))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer p.Close()
	f := p.Submit("factor", map[string]any{"n": 360})
	bad := p.Submit("integrate", map[string]any{"a": 0, "b": 1, "n": 0})
	fmt.Println(f.Wait())
	fmt.Println(bad.Wait())
	// Output:
	// [2 2 2 3 3 5] <nil>
	// <nil> integrate: n must be positive
}

// AsCompleted yields futures as they finish: the short sleep first.
func ExampleAsCompleted() {
	p, err := procpool.New(testConfig(2))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer p.Close()
	fs := []*procpool.Future{
		p.Submit("sleep", map[string]any{"ms": 300}),
		p.Submit("sleep", map[string]any{"ms": 10}),
	}
	for f := range procpool.AsCompleted(fs) {
		v, err := f.Wait()
		fmt.Println(f.ID(), v, err)
	}
	// Output:
	// 2 10 <nil>
	// 1 300 <nil>
}

func ExampleTasks() {
	fmt.Println(slices.Contains(procpool.Tasks(), "integrate"), procpool.Tasks())
	// Output: true [factor fail fetch integrate pid primes sleep spin]
}
