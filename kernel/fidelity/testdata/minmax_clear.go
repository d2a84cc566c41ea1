// Feature: min, max and clear builtins (Go 1.21)
package main

import "fmt"

const limit = min(10, 3, 7)

func main() {
	fmt.Println(min(3, 1, 2), max(3, 1, 2), limit)
	x, y := 2.5, -1.0
	fmt.Println(min(x, y), max(x, y, 10))
	fmt.Println(min("banana", "apple", "cherry"), max("a", "b"))
	f := max(1, 2.5)
	fmt.Printf("%T %v\n", f, f)
	n := 4
	fmt.Println(min(n, 10), max(n, -3))
	m := map[string]int{"a": 1, "b": 2}
	clear(m)
	fmt.Println(len(m), m)
	s := []int{1, 2, 3}
	clear(s)
	fmt.Println(len(s), s)
}
