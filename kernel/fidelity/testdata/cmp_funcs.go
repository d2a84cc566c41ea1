// Feature: cmp.Compare, cmp.Less, cmp.Or for multi-key sorting
package main

import (
	"cmp"
	"fmt"
	"slices"
)

type Emp struct {
	Dept string
	Name string
	Pay  int
}

func main() {
	fmt.Println(cmp.Compare(1, 2), cmp.Compare("b", "a"), cmp.Compare(2.0, 2.0))
	fmt.Println(cmp.Less(1, 2), cmp.Or("", "default"), cmp.Or(0, 0, 3))
	emps := []Emp{{"eng", "bo", 10}, {"ops", "al", 7}, {"eng", "al", 12}, {"ops", "cy", 7}}
	slices.SortFunc(emps, func(a, b Emp) int {
		return cmp.Or(
			cmp.Compare(a.Dept, b.Dept),
			-cmp.Compare(a.Pay, b.Pay),
			cmp.Compare(a.Name, b.Name),
		)
	})
	for _, e := range emps {
		fmt.Println(e)
	}
}
