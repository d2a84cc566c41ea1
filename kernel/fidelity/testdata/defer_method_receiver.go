// Feature: a deferred method call evaluates its receiver at the defer statement (value and pointer receivers, in loops)
package main

import "fmt"

type step struct{ name string }

func (s step) undo() { fmt.Println("undo", s.name) }

type counter struct{ n int }

func (c *counter) show() { fmt.Println("counter", c.n) }

func rollback() {
	s := step{"a"}
	defer s.undo()
	s.name = "b"
	fmt.Println("changed to", s.name)
}

func loop() {
	for _, n := range []string{"x", "y", "z"} {
		st := step{n}
		defer st.undo()
	}
	var s step
	for _, n := range []string{"p", "q"} {
		s.name = n
		defer s.undo()
	}
}

func pointers() {
	a, b := &counter{1}, &counter{2}
	c := a
	defer c.show()
	c = b
	c.n = 20
	a.n = 10
}

func main() {
	rollback()
	loop()
	pointers()
}
