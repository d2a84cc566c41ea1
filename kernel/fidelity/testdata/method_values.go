// Feature: method values and method expressions
package main

import (
	"fmt"
	"strings"
)

type Greeter struct{ name string }

func (g Greeter) Hello(to string) string { return "hello " + to + " from " + g.name }

func (g *Greeter) Rename(n string) { g.name = n }

func apply(f func(string) string, s string) string { return f(s) }

func main() {
	g := Greeter{"ann"}
	hello := g.Hello // bound now: later changes to g do not matter
	g.name = "bea"
	fmt.Println(hello("you"))
	rename := g.Rename
	rename("cat")
	fmt.Println(g.name)
	fmt.Println(apply(g.Hello, "me"))
	fmt.Println(Greeter.Hello(Greeter{"dan"}, "it"))
	fmt.Println(apply(strings.ToUpper, "up"))
	fs := []func(string) string{strings.ToLower, g.Hello}
	for _, f := range fs {
		fmt.Println(f("MiXeD"))
	}
}
