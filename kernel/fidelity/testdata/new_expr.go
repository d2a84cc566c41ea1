// Feature: Go 1.26 new(expr) returns a pointer to a copy of the value
package main

import "fmt"

type config struct {
	Name    string
	Retries *int
	Verbose *bool
}

func main() {
	p := new(42)
	fmt.Println(*p)
	s := new("hello")
	fmt.Println(*s + "!")
	n := 3
	q := new(n * 2)
	n = 100
	fmt.Println(*q)
	c := config{Name: "svc", Retries: new(5), Verbose: new(true)}
	fmt.Println(c.Name, *c.Retries, *c.Verbose)
	z := new(int)
	fmt.Println(*z)
}
