// Feature: type switches without a bound variable on notebook types, and case []T in generic functions
package main

import "fmt"

type celsius float64
type point struct{ x, y int }
type named interface{ Name() string }
type dog struct{}

func (dog) Name() string { return "dog" }

func kind(v any) string {
	switch v.(type) {
	case celsius:
		return "celsius"
	case point:
		return "point"
	case *point:
		return "*point"
	case named:
		return "named"
	case []point:
		return "[]point"
	case nil:
		return "nil"
	}
	return "other"
}

func describe[T any](v any) string {
	switch v.(type) {
	case T:
		return "T"
	case []T:
		return "[]T"
	case map[string]T:
		return "map of T"
	}
	return "other"
}

func main() {
	for _, v := range []any{celsius(3), point{1, 2}, &point{}, dog{}, []point{}, nil, 4} {
		fmt.Println(kind(v))
	}
	fmt.Println(describe[int](3), describe[int]([]int{1}), describe[int](map[string]int{}), describe[int]("s"))
}
