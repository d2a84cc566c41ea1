// Feature: a multiple definition or assignment mixing a call or a channel receive with a composite literal assigns every variable
package main

import (
	"fmt"
	"sort"
)

func keys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

type point struct{ x, y int }

func main() {
	m := map[string]int{"a": 1, "b": 2}
	if got, want := keys(m), []string{"a", "b"}; len(got) != len(want) {
		fmt.Println("mismatch", got, want)
	} else {
		fmt.Println("same length", got, want)
	}

	ch := make(chan int, 1)
	ch <- 42
	v, p := <-ch, point{1, 2}
	fmt.Println(v, p)

	var names []string
	var origin point
	names, origin = keys(m), point{}
	fmt.Println(names, origin)
}
