// Feature: slices and maps iterator functions (slices.Sorted(maps.Keys(m)), Collect, All, Values, Backward)
package main

import (
	"fmt"
	"maps"
	"slices"
)

func main() {
	m := map[string]int{"pear": 3, "apple": 5, "fig": 1}
	keys := slices.Sorted(maps.Keys(m))
	fmt.Println(keys)
	vals := slices.Sorted(maps.Values(m))
	fmt.Println(vals)
	for i, k := range slices.All(keys) {
		fmt.Print(i, "=", k, " ")
	}
	fmt.Println()
	for _, k := range slices.Backward(keys) {
		fmt.Print(k, " ")
	}
	fmt.Println()
	doubled := slices.Collect(func(yield func(int) bool) {
		for v := range slices.Values([]int{1, 2, 3}) {
			if !yield(v * 2) {
				return
			}
		}
	})
	fmt.Println(doubled)
	c := maps.Clone(m)
	maps.DeleteFunc(c, func(k string, v int) bool { return v < 3 })
	fmt.Println(c, len(m))
	fmt.Println(maps.Collect(maps.All(map[int]bool{1: true})))
}
