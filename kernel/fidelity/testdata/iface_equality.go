// Feature: == and != on interface values: dynamic type and value, interfaces against concrete values, in generic code
package main

import (
	"errors"
	"fmt"
	"time"
)

type celsius int

func (c celsius) String() string { return fmt.Sprintf("%d°C", int(c)) }

type shape interface{ area() int }

type square struct{ side int }

func (s square) area() int { return s.side * s.side }

type rect struct{ w, h int }

func (r rect) area() int { return r.w * r.h }

var errClosed = errors.New("closed")

func same[T comparable](x any) bool {
	var zero T
	return x == zero
}

func find(items []any, want any) int {
	for i, it := range items {
		if it == want {
			return i
		}
	}
	return -1
}

func main() {
	var s1, s2 shape = square{2}, square{2}
	var s3 shape = rect{2, 2}
	fmt.Println(s1 == s2, s1 != s2, s1 == s3, s1 == square{2}, s1 == shape(square{2}), s1 == square{3})

	var x fmt.Stringer = celsius(20)
	var c celsius = 20
	fmt.Println(x == c, x != c, any(x) == any(c), x == fmt.Stringer(celsius(21)))

	var a any = celsius(0)
	fmt.Println(a == celsius(0), a == any(celsius(0)), a == 0, a == any(0))
	if a == c-20 {
		fmt.Println("a equals c-20")
	}
	if a != c {
		fmt.Println("a differs from c")
	}

	items := []any{celsius(5), "five", square{5}, time.Second}
	fmt.Println(find(items, celsius(5)), find(items, "five"), find(items, square{5}), find(items, time.Second), find(items, rect{5, 5}))

	err := fmt.Errorf("wrapped: %w", errClosed)
	fmt.Println(errors.Unwrap(err) == errClosed, err == errClosed)

	fmt.Println(same[int](0), same[int](1), same[celsius](celsius(0)), same[string](""), same[shape](nil))

	defer func() { fmt.Println("recovered:", recover()) }()
	var f1, f2 any = []int{1}, []int{1}
	fmt.Println(f1 == f2)
}
