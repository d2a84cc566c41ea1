// Feature: named results start at their zero value when the call is assigned to an existing variable
package main

import (
	"fmt"
	"strings"
)

func words(s string) (out []string) {
	for _, w := range strings.Fields(s) {
		out = append(out, strings.ToUpper(w))
	}
	return out
}

func count(xs []int) (n int) {
	for range xs {
		n++
	}
	return
}

func collect[T any](xs ...T) (all []T) {
	for _, x := range xs {
		all = append(all, x)
	}
	return all
}

type acc struct{ total int }

func (a *acc) add(v int) (sum int, ok bool) {
	sum += v
	a.total += sum
	return sum, v > 0
}

var global []string

func main() {
	got := words("a b")
	got = words("c d")
	fmt.Println(got, len(got))

	var n int
	n = count([]int{1, 2, 3})
	n = count([]int{1, 2})
	fmt.Println(n)

	ints := collect(1, 2)
	ints = collect(3)
	fmt.Println(ints)

	var a acc
	s, ok := a.add(5)
	s, ok = a.add(-1)
	fmt.Println(s, ok, a.total)

	global = words("x")
	global = words("y z")
	fmt.Println(global)
}
