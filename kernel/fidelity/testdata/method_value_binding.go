// Feature: method values bind their receiver when evaluated (pointer, value, promoted and interface receivers; wg.Go(w.Run) in a loop)
package main

import (
	"fmt"
	"sort"
	"sync"
)

var (
	mu  sync.Mutex
	log []string
)

func record(s string) {
	mu.Lock()
	defer mu.Unlock()
	log = append(log, s)
}

func flush(title string) {
	mu.Lock()
	defer mu.Unlock()
	sort.Strings(log)
	fmt.Println(title, log)
	log = nil
}

type Worker struct{ name string }

func (w Worker) Run() { record("run " + w.name) }

type Counter struct{ n int }

func (c *Counter) Inc() { c.n++ }

func (c *Counter) Report() { record(fmt.Sprint("counter ", c.n)) }

type Named struct{ Worker }

type Ref struct{ *Counter }

type Runner interface{ Run() }

func main() {
	// wg.Go with a method value in a loop: each worker runs once.
	workers := []Worker{{"a"}, {"b"}, {"c"}}
	var wg sync.WaitGroup
	for _, w := range workers {
		wg.Go(w.Run)
	}
	wg.Wait()
	flush("loop:")

	// A value receiver is copied, a pointer receiver is bound.
	w := Worker{"first"}
	run := w.Run
	w = Worker{"second"}
	run()
	c := &Counter{}
	inc, report := c.Inc, c.Report
	c = &Counter{n: 100}
	inc()
	inc()
	report()
	c.Report()
	flush("bound:")

	// Pointer receiver on an addressable value: &v is bound.
	var v Counter
	vinc := v.Inc
	vinc()
	vinc()
	fmt.Println("v.n =", v.n)

	// Method values of pointers collected in a loop.
	var fs []func()
	for _, p := range []*Counter{{n: 1}, {n: 2}} {
		fs = append(fs, p.Report)
	}
	for _, f := range fs {
		f()
	}
	flush("pointers:")

	// Promoted methods: the embedded value is copied, the embedded pointer bound.
	n := &Named{Worker{"inner"}}
	nrun := n.Run
	n.name = "changed"
	nrun()
	shared := &Counter{n: 5}
	r := Ref{shared}
	rrep := r.Report
	r.Counter = &Counter{n: 50}
	shared.n = 6
	rrep()
	flush("promoted:")

	// Interface method values bind the dynamic value.
	var it Runner = Worker{"iface1"}
	irun := it.Run
	it = Worker{"iface2"}
	irun()
	var runners []func()
	for _, x := range []Runner{Worker{"x"}, Worker{"y"}} {
		runners = append(runners, x.Run)
	}
	for _, f := range runners {
		f()
	}
	flush("interface:")
}
