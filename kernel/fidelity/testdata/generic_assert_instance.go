// Feature: instantiated generic types in type switch cases and type assertions
package main

import "fmt"

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

type Box[T any] struct{ v T }

func describe(x any) string {
	switch v := x.(type) {
	case Pair[string, int]:
		return fmt.Sprint("pair ", v.Key, "=", v.Val)
	case Box[int]:
		return fmt.Sprint("int box ", v.v)
	}
	return "other"
}

func main() {
	fmt.Println(describe(Pair[string, int]{"a", 1}))
	fmt.Println(describe(Box[int]{7}))
	fmt.Println(describe(Box[string]{"s"}))
	var g any = Box[string]{"hi"}
	b, ok := g.(Box[string])
	fmt.Println(b.v, ok)
	_, ok = g.(Box[int])
	fmt.Println(ok)
}
