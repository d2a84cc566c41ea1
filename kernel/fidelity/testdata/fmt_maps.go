// Feature: printing maps (fmt sorts keys), slices and nested values
package main

import "fmt"

func main() {
	m := map[string]int{"zeta": 26, "alpha": 1, "mid": 13}
	fmt.Println(m)
	nested := map[int][]string{3: {"c"}, 1: {"a", "b"}}
	fmt.Println(nested)
	fmt.Printf("%v %d\n", map[bool]int{true: 1, false: 0}, len(m))
	type point struct{ X, Y int }
	pts := map[string]point{"b": {2, 3}, "a": {0, 1}}
	fmt.Printf("%v\n%+v\n", pts, pts)
	fmt.Println([]any{1, "a", nil, 2.5, []int{1}})
}
