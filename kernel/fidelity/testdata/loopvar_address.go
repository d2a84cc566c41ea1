// Feature: per-iteration loop variables: &i differs in each iteration
package main

import "fmt"

type item struct{ n int }

func main() {
	var ps []*int
	for i := 0; i < 3; i++ {
		ps = append(ps, &i)
	}
	for _, p := range ps {
		fmt.Print(*p, " ")
	}
	fmt.Println(ps[0] != ps[1])
	var items []*item
	for _, it := range []item{{1}, {2}, {3}} {
		items = append(items, &it)
	}
	for _, it := range items {
		fmt.Print(it.n, " ")
	}
	fmt.Println()
}
