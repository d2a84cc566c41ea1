// Feature: multiple assignment is simultaneous (operands evaluated before any assignment)
package main

import (
	"fmt"
	"slices"
)

type pair struct{ lo, hi int }

func id(a int) int { return a }

// find returns the first even value and its successor, from inside a
// range-over-func loop.
func find(xs []int) (int, int) {
	for x := range slices.Values(xs) {
		if x%2 == 0 {
			return x, id(x) + 1
		}
	}
	return -1, -1
}

func add(a int) int { return a + 10 }

func swap(a, b int) (x, y int) {
	x, y = a, b
	return y, x
}

func fib(n int) int {
	a, b := 0, 1
	for range n {
		a, b = b, a+b
	}
	return a
}

func named() (a, b int) {
	a, b = 1, 2
	return b, a
}

func main() {
	a := 1
	var want, got int
	want, got = a+1, add(a)
	fmt.Println(want, got)
	i := 0
	m := map[int]int{}
	i, m[i] = 1, 2
	fmt.Println(i, m)
	xs := []int{10, 20, 30}
	j := 0
	j, xs[j] = 2, 99
	fmt.Println(j, xs)
	fmt.Println(swap(3, 4))
	fmt.Println(named())
	fmt.Println(fib(10))
	x, y := 1, 2
	x, y = y, x
	fmt.Println(x, y)
	xs[0], xs[1], xs[2] = xs[2], xs[0], xs[1]
	fmt.Println(xs)
	x, y = id(y), id(x)
	fmt.Println(x, y)
	str := "ab"
	var n int
	n, str = len(str), str+"c"
	fmt.Println(n, str)
	var p pair
	p.lo, p.hi = a+1, add(a)
	fmt.Println(p)
	var f float64
	f, n = 1, id(2)
	fmt.Println(f, n)
	fmt.Println(find([]int{3, 5, 8, 9}))
}
