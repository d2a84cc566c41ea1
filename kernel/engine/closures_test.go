package engine

import (
	"strings"
	"testing"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// missesSrc is interpreted code: misses returns how many iterations'
// closures did not run exactly once.
const missesSrc = `
func misses(runs []int) int {
	bad := 0
	for _, r := range runs {
		if r != 1 {
			bad++
		}
	}
	return bad
}`

// TestInterpreterClosuresStartedInALoopRunOnce runs, on the bare
// interpreter without the kernel's rewrites, a loop that starts a goroutine
// per iteration from a function literal. Unpatched yaegi v0.16.1 wrote a
// returning closure's stale value back into the literal's frame slot, so a
// later go statement could start an older iteration's closure (one index
// twice, another never) or a nil func that crashed the process
// (kernel/third_party/yaegi/PATCHES.md); the unpatched interpreter failed
// this test in its first round.
func TestInterpreterClosuresStartedInALoopRunOnce(t *testing.T) {
	const src = `package main

import "sync"

func startAll(n int) []int {
	runs := make([]int, n)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		i := i
		wg.Add(1)
		go func() {
			mu.Lock()
			runs[i]++
			mu.Unlock()
			wg.Done()
		}()
	}
	wg.Wait()
	return runs
}
` + missesSrc
	i := interp.New(interp.Options{})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	if _, err := i.Eval(src); err != nil {
		t.Fatal(err)
	}
	for round := range 5 {
		v, err := i.Eval("main.misses(main.startAll(20000))")
		if err != nil {
			t.Fatal(err)
		}
		if bad := v.Int(); bad != 0 {
			t.Fatalf("round %d: %d of 20000 closures did not run exactly once", round, bad)
		}
	}
}

// TestClosuresStartedInALoopRunOnce is the same check through the kernel:
// cells with a go statement in a top-level loop, and a literal handed from
// a loop to a function that starts it in a goroutine.
func TestClosuresStartedInALoopRunOnce(t *testing.T) {
	const setup = `import (
	"fmt"
	"sync"
)

const n = 20000
` + missesSrc
	cells := map[string]string{
		"go statement at top level": `
runs := make([]int, n)
var mu sync.Mutex
var wg sync.WaitGroup
for i := 0; i < n; i++ {
	wg.Add(1)
	go func() {
		mu.Lock()
		runs[i]++
		mu.Unlock()
		wg.Done()
	}()
}
wg.Wait()
fmt.Println(misses(runs))`,
		"literal handed to a function, inside a function": `
func spawn(f func(), wg *sync.WaitGroup) {
	wg.Add(1)
	go func() { defer wg.Done(); f() }()
}

func fanOut() []int {
	runs := make([]int, n)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range n {
		spawn(func() { mu.Lock(); runs[i]++; mu.Unlock() }, &wg)
	}
	wg.Wait()
	return runs
}

fmt.Println(misses(fanOut()))`,
	}
	for name, cell := range cells {
		t.Run(name, func(t *testing.T) {
			e := newEngine(t, Options{})
			for round := range 3 {
				r, _, err := run(t, e, setup, cell)
				if err != nil {
					t.Fatalf("round %d: %v", round, err)
				}
				if got := strings.TrimSpace(r.text("stdout")); got != "0" {
					t.Fatalf("round %d: %s of 20000 closures did not run exactly once", round, got)
				}
			}
		})
	}
}
