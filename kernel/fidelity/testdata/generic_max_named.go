// Feature: max and min on a named string type inside a generic function
package main

import "fmt"

type name string

type ordered interface{ ~string | ~int }

func largest[T ordered](xs ...T) T {
	m := xs[0]
	for _, x := range xs[1:] {
		m = max(m, x)
	}
	return m
}

func smallest[T ordered](a, b T) T { return min(a, b) }

func main() {
	fmt.Println(largest[name]("bob", "alice", "carol"))
	fmt.Println(smallest(name("x"), name("a")))
	fmt.Println(largest(3, 9, 2))
}
